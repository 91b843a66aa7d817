/*
 * ws2posix <pshpack4.h>: structures that follow are packed to 4-byte
 * boundaries until <poppack.h>, as the Windows SDK's.  No include guard: each
 * inclusion pushes once.
 */
#pragma pack(push, 4)
