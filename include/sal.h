/*
 * ws2posix <sal.h>: Microsoft's source annotation language (SAL 2, and the
 * older SAL 1 spellings of specstrings.h) as nothing.  The annotations only
 * feed Microsoft's static analyser; the compiler ignores them there too.
 * ws2posix/msvc.h (and so every Windows header of ours) includes it.
 *
 * Each name is a macro that expands to nothing; those that take arguments
 * are variadic, so that any argument list (including commas) is dropped.
 * A few SAL 1 names are also identifiers of the C and C++ libraries and
 * are left out where they would break them:
 *   - __in, __out, __pre, __valid, __success(...) and __range(...) name
 *     parameters and variables in libstdc++'s headers: they are defined in
 *     C only, so that C++ code can include <iostream> or <algorithm> after
 *     <windows.h>.  C++ code annotated with them needs the SAL 2 spellings
 *     (_In_, _Out_ ...), or -D__in= -D__out= when it includes no C++
 *     library header after ours.
 *   - __reserved, __callback and __override name members and parameters in
 *     Linux's and glibc's C headers (linux/stat.h, link.h, envz.h): never
 *     defined.
 */
#ifndef WS2POSIX_SAL_H
#define WS2POSIX_SAL_H

#include "ws2posix/sal_params.h"
#include "ws2posix/sal_other.h"

/* SAL 1 (specstrings.h). */
#ifndef __inout
#define __inout
#endif
#ifndef __in_opt
#define __in_opt
#endif
#ifndef __out_opt
#define __out_opt
#endif
#ifndef __inout_opt
#define __inout_opt
#endif
#ifndef __in_z
#define __in_z
#endif
#ifndef __in_opt_z
#define __in_opt_z
#endif
#ifndef __out_z
#define __out_z
#endif
#ifndef __out_z_opt
#define __out_z_opt
#endif
#ifndef __inout_z
#define __inout_z
#endif
#ifndef __in_bcount
#define __in_bcount(...)
#endif
#ifndef __in_ecount
#define __in_ecount(...)
#endif
#ifndef __in_bcount_opt
#define __in_bcount_opt(...)
#endif
#ifndef __in_ecount_opt
#define __in_ecount_opt(...)
#endif
#ifndef __in_xcount
#define __in_xcount(...)
#endif
#ifndef __out_bcount
#define __out_bcount(...)
#endif
#ifndef __out_ecount
#define __out_ecount(...)
#endif
#ifndef __out_bcount_opt
#define __out_bcount_opt(...)
#endif
#ifndef __out_ecount_opt
#define __out_ecount_opt(...)
#endif
#ifndef __out_bcount_part
#define __out_bcount_part(...)
#endif
#ifndef __out_ecount_part
#define __out_ecount_part(...)
#endif
#ifndef __out_bcount_part_opt
#define __out_bcount_part_opt(...)
#endif
#ifndef __out_ecount_part_opt
#define __out_ecount_part_opt(...)
#endif
#ifndef __out_bcount_full
#define __out_bcount_full(...)
#endif
#ifndef __out_ecount_full
#define __out_ecount_full(...)
#endif
#ifndef __out_ecount_z
#define __out_ecount_z(...)
#endif
#ifndef __out_bcount_z
#define __out_bcount_z(...)
#endif
#ifndef __out_ecount_opt_z
#define __out_ecount_opt_z(...)
#endif
#ifndef __out_xcount
#define __out_xcount(...)
#endif
#ifndef __inout_bcount
#define __inout_bcount(...)
#endif
#ifndef __inout_ecount
#define __inout_ecount(...)
#endif
#ifndef __inout_bcount_opt
#define __inout_bcount_opt(...)
#endif
#ifndef __inout_ecount_opt
#define __inout_ecount_opt(...)
#endif
#ifndef __inout_ecount_z
#define __inout_ecount_z(...)
#endif
#ifndef __inout_bcount_part
#define __inout_bcount_part(...)
#endif
#ifndef __inout_ecount_part
#define __inout_ecount_part(...)
#endif
#ifndef __inout_bcount_full
#define __inout_bcount_full(...)
#endif
#ifndef __inout_ecount_full
#define __inout_ecount_full(...)
#endif
#ifndef __deref_in
#define __deref_in
#endif
#ifndef __deref_out
#define __deref_out
#endif
#ifndef __deref_out_opt
#define __deref_out_opt
#endif
#ifndef __deref_opt_out
#define __deref_opt_out
#endif
#ifndef __deref_opt_out_opt
#define __deref_opt_out_opt
#endif
#ifndef __deref_inout
#define __deref_inout
#endif
#ifndef __deref_inout_opt
#define __deref_inout_opt
#endif
#ifndef __deref_out_ecount
#define __deref_out_ecount(...)
#endif
#ifndef __deref_out_bcount
#define __deref_out_bcount(...)
#endif
#ifndef __deref_out_z
#define __deref_out_z
#endif
#ifndef __deref_in_opt
#define __deref_in_opt
#endif
#ifndef __deref_out_ecount_opt
#define __deref_out_ecount_opt(...)
#endif
#ifndef __deref_out_bcount_opt
#define __deref_out_bcount_opt(...)
#endif
#ifndef __checkReturn
#define __checkReturn
#endif
#ifndef __nullterminated
#define __nullterminated
#endif
#ifndef __nullnullterminated
#define __nullnullterminated
#endif
#ifndef __format_string
#define __format_string
#endif
#ifndef __field_ecount
#define __field_ecount(...)
#endif
#ifndef __field_bcount
#define __field_bcount(...)
#endif
#ifndef __field_ecount_opt
#define __field_ecount_opt(...)
#endif
#ifndef __field_bcount_opt
#define __field_bcount_opt(...)
#endif
#ifndef __field_range
#define __field_range(...)
#endif
#ifndef __in_range
#define __in_range(...)
#endif
#ifndef __out_range
#define __out_range(...)
#endif
#ifndef __post
#define __post
#endif
#ifndef __typefix
#define __typefix(...)
#endif
#ifndef __analysis_assume
#define __analysis_assume(...)
#endif
#ifndef __drv_aliasesMem
#define __drv_aliasesMem
#endif
#ifndef __drv_freesMem
#define __drv_freesMem(...)
#endif
#ifndef __drv_allocatesMem
#define __drv_allocatesMem(...)
#endif
#ifndef __bcount
#define __bcount(...)
#endif
#ifndef __ecount
#define __ecount(...)
#endif
#ifndef __allowed
#define __allowed(...)
#endif
#ifndef __control_entrypoint
#define __control_entrypoint(...)
#endif
#ifndef __notnull
#define __notnull
#endif
#ifndef __maybenull
#define __maybenull
#endif
#ifndef __readonly
#define __readonly
#endif
#ifndef __notvalid
#define __notvalid
#endif
#ifndef __fallthrough
#define __fallthrough
#endif
#ifndef __out_has_type_adt_props
#define __out_has_type_adt_props(...)
#endif
#ifndef __drv_when
#define __drv_when(...)
#endif
#ifndef __drv_maxIRQL
#define __drv_maxIRQL(...)
#endif
#ifndef __cplusplus
#ifndef __in
#define __in
#endif
#ifndef __out
#define __out
#endif
#ifndef __success
#define __success(...)
#endif
#ifndef __range
#define __range(...)
#endif
#ifndef __pre
#define __pre
#endif
#ifndef __valid
#define __valid
#endif
#endif /* !__cplusplus */

#endif /* WS2POSIX_SAL_H */
