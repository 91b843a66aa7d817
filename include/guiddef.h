/*
 * ws2posix <guiddef.h>: GUID helpers.  The GUID type itself is in
 * ws2posix/wintypes.h.
 *
 * DEFINE_GUID(name, ...) declares `name`; in the one translation unit that
 * includes <initguid.h> first (INITGUID defined) it defines it, as the
 * Windows SDK's does.
 */
#include "ws2posix/wintypes.h"

#undef DEFINE_GUID
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)                               \
    extern "C" const GUID name;                                                                    \
    extern "C" const GUID name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)                               \
    const GUID name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#else
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) extern "C" const GUID name
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) extern const GUID name
#endif
#endif

#ifndef WS2POSIX_GUIDDEF_H
#define WS2POSIX_GUIDDEF_H

#include <string.h>

#ifdef __cplusplus
#define REFGUID  const GUID &
#define REFIID   const IID &
#define REFCLSID const CLSID &
#else
#define REFGUID  const GUID *
#define REFIID   const IID *
#define REFCLSID const CLSID *
#endif

typedef IID *LPIID;
typedef CLSID *LPCLSID;

#ifdef __cplusplus
#define InlineIsEqualGUID(a, b) (memcmp(&(a), &(b), sizeof(GUID)) == 0)
#define IsEqualGUID(a, b)       (memcmp(&(a), &(b), sizeof(GUID)) == 0)
#else
#define InlineIsEqualGUID(a, b) (memcmp((a), (b), sizeof(GUID)) == 0)
#define IsEqualGUID(a, b)       (memcmp((a), (b), sizeof(GUID)) == 0)
#endif
#define IsEqualIID(a, b)   IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)

#endif /* WS2POSIX_GUIDDEF_H */
