/*
 * ws2posix <poppack.h>: ends the packing begun by <pshpack1.h> (2, 4, 8).
 * No include guard: each inclusion pops once.
 */
#pragma pack(pop)
