/*
 * ws2posix <pshpack2.h>: structures that follow are packed to 2-byte
 * boundaries until <poppack.h>, as the Windows SDK's.  No include guard: each
 * inclusion pushes once.
 */
#pragma pack(push, 2)
