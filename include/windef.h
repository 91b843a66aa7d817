/*
 * ws2posix <windef.h>: the base types (through windows.h, which holds them
 * here) and the window-system types that windef.h adds: GDI handles, RECT,
 * POINT, SIZE, COLORREF.  Programs that include windef.h and winbase.h
 * instead of windows.h (as much of Microsoft's own sample and test code
 * does) get the same declarations.  There is no window system: the handle
 * types exist so that declarations compile; no call here takes one.
 */
#ifndef WS2POSIX_WINDEF_H
#define WS2POSIX_WINDEF_H

#include "windows.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GDI and user handles: distinct pointer types, as DECLARE_HANDLE makes them under STRICT. */
#define WS2POSIX_DECLARE_HANDLE(name)                                                              \
    struct name##__ {                                                                              \
        int unused;                                                                                \
    };                                                                                             \
    typedef struct name##__ *name
WS2POSIX_DECLARE_HANDLE(HHOOK);
WS2POSIX_DECLARE_HANDLE(HACCEL);
WS2POSIX_DECLARE_HANDLE(HBITMAP);
WS2POSIX_DECLARE_HANDLE(HBRUSH);
WS2POSIX_DECLARE_HANDLE(HCOLORSPACE);
WS2POSIX_DECLARE_HANDLE(HDC);
WS2POSIX_DECLARE_HANDLE(HGLRC);
WS2POSIX_DECLARE_HANDLE(HDESK);
WS2POSIX_DECLARE_HANDLE(HENHMETAFILE);
WS2POSIX_DECLARE_HANDLE(HFONT);
WS2POSIX_DECLARE_HANDLE(HICON);
WS2POSIX_DECLARE_HANDLE(HMENU);
WS2POSIX_DECLARE_HANDLE(HPALETTE);
WS2POSIX_DECLARE_HANDLE(HPEN);
WS2POSIX_DECLARE_HANDLE(HMONITOR);
WS2POSIX_DECLARE_HANDLE(HWINEVENTHOOK);
#undef WS2POSIX_DECLARE_HANDLE
#define HMONITOR_DECLARED 1
typedef void *HGDIOBJ;
typedef HICON HCURSOR;
typedef DWORD COLORREF, *LPCOLORREF;

typedef struct tagRECT {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECT, *PRECT, *NPRECT, *LPRECT;
typedef const RECT *LPCRECT;

typedef struct _RECTL {
    LONG left;
    LONG top;
    LONG right;
    LONG bottom;
} RECTL, *PRECTL, *LPRECTL;
typedef const RECTL *LPCRECTL;

typedef struct tagPOINT {
    LONG x;
    LONG y;
} POINT, *PPOINT, *NPPOINT, *LPPOINT;

typedef struct _POINTL {
    LONG x;
    LONG y;
} POINTL, *PPOINTL;

typedef struct tagSIZE {
    LONG cx;
    LONG cy;
} SIZE, *PSIZE, *LPSIZE;
typedef SIZE SIZEL;
typedef SIZE *PSIZEL, *LPSIZEL;

typedef struct tagPOINTS {
    SHORT x;
    SHORT y;
} POINTS, *PPOINTS, *LPPOINTS;

#ifdef __cplusplus
}
#endif

#endif /* WS2POSIX_WINDEF_H */
