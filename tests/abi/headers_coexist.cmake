# Compile-only checks that the Winsock headers live with the C library.
#
#   cmake -DCC=cc [-DCXX=c++] -DINCLUDE_DIR=<repo>/include -DSOURCE_DIR=<repo>/tests/abi
#         -DWORK_DIR=<dir> -P headers_coexist.cmake
#
# Each coexist_*.c includes the Winsock headers and glibc's ISO C headers in
# a different order (or with FD_SETSIZE or UNICODE defined first) and uses the
# API; all must compile without a warning in every language mode below.
# Also checked: a POSIX socket header before winsock2.h stops the build with
# our message, calls bind to ws2_<name> symbols and never to libc's, and the
# headers compile as C++ when a C++ compiler is known.

cmake_minimum_required(VERSION 3.18)

foreach(var CC INCLUDE_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "headers_coexist.cmake: -D${var}=... is required")
  endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")

set(failures 0)
set(checks 0)
set(warn -Wall -Wextra -Werror)

# compile(<label> <expect: PASS|FAIL> <output-file> <compiler> <args>...)
# Sets compile_output in the caller's scope.
function(compile label expect out compiler)
  execute_process(COMMAND ${compiler} ${ARGN} "-I${INCLUDE_DIR}" -o "${out}"
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE text)
  set(compile_output "${text}" PARENT_SCOPE)
  math(EXPR n "${checks} + 1")
  set(checks ${n} PARENT_SCOPE)
  if(expect STREQUAL "PASS" AND NOT rc EQUAL 0)
    message("FAIL ${label}:\n  ${compiler} ${ARGN}\n${text}")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  elseif(expect STREQUAL "FAIL" AND rc EQUAL 0)
    message("FAIL ${label}: compiled, but must not")
    math(EXPR n "${failures} + 1")
    set(failures ${n} PARENT_SCOPE)
  else()
    message(STATUS "ok   ${label}")
  endif()
endfunction()

set(c_sources
  coexist_libc_first.c       # stdio.h, stdlib.h ... then Winsock
  coexist_winsock_first.c    # Winsock, then stdio.h, stdlib.h ...
  coexist_fd_setsize.c       # #define FD_SETSIZE 1024 before everything
  coexist_fd_setsize_late.c  # FD_SETSIZE redefined after the C library
  coexist_unicode.c          # UNICODE: the W forms
  coexist_symbols.c
  coexist_spellings.c        # <Ws2tcpip.h>, <WinSock2.h> ... as Windows code spells them
  coexist_msvc.c             # __declspec, __forceinline, __int64, SAL as MSVC code writes them
  coexist_tchar.c            # tchar.h's generic-text names (also with UNICODE, below)
  coexist_crt.c              # windows.h's C runtime names, strsafe.h, lstr* (mingw-w64's types)
  coexist_ntstatus.c)        # ntstatus.h after windows.h with WIN32_NO_STATUS

# The default GNU mode, strict ISO C, the library's own _GNU_SOURCE mode, and
# pedantic C11 (the headers use nothing beyond C11 but __asm__ labels).
set(modes "-std=gnu11" "-std=c11" "-std=gnu11 -D_GNU_SOURCE" "-std=c11 -pedantic")

foreach(src IN LISTS c_sources)
  foreach(mode IN LISTS modes)
    separate_arguments(mode_args UNIX_COMMAND "${mode}")
    compile("${src} ${mode}" PASS "${WORK_DIR}/coexist.o" "${CC}" ${mode_args} ${warn}
            -c "${SOURCE_DIR}/${src}")
  endforeach()
endforeach()

# Wide strings and MSVC language (issue 9): tchar.h with UNICODE and _UNICODE,
# and each of these headers alone, in C (also with UNICODE) and in C++.
foreach(mode IN LISTS modes)
  separate_arguments(mode_args UNIX_COMMAND "${mode}")
  compile("coexist_tchar.c UNICODE ${mode}" PASS "${WORK_DIR}/coexist.o" "${CC}" ${mode_args}
          ${warn} -DUNICODE -D_UNICODE -c "${SOURCE_DIR}/coexist_tchar.c")
  compile("coexist_ntstatus.c without WIN32_NO_STATUS ${mode}" PASS "${WORK_DIR}/coexist.o"
          "${CC}" ${mode_args} ${warn} -DCOEXIST_NO_DANCE -c "${SOURCE_DIR}/coexist_ntstatus.c")
  compile("coexist_crt.c UNICODE ${mode}" PASS "${WORK_DIR}/coexist.o" "${CC}" ${mode_args}
          ${warn} -DUNICODE -c "${SOURCE_DIR}/coexist_crt.c")
endforeach()
set(alone_headers tchar.h sal.h winnls.h winnt.h
    sysinfoapi.h timezoneapi.h libloaderapi.h heapapi.h memoryapi.h mmsystem.h timeapi.h
    wincon.h debugapi.h winbase.h winerror.h strsafe.h conio.h guiddef.h initguid.h excpt.h
    iphlpapi.h iptypes.h ipifcons.h netioapi.h mstcpip.h fileapi.h processenv.h consoleapi.h
    synchapi.h processthreadsapi.h process.h ntstatus.h windef.h minwindef.h wsipx.h wsnwlink.h)
foreach(header IN LISTS alone_headers)
  foreach(defs "" "-DUNICODE -D_UNICODE")
    separate_arguments(def_args UNIX_COMMAND "${defs}")
    compile("${header} alone ${defs}" PASS "${WORK_DIR}/alone.o" "${CC}" -std=c11 -pedantic ${warn}
            ${def_args} -include "${INCLUDE_DIR}/${header}"
            -x c -c "${SOURCE_DIR}/coexist_alone.c")
  endforeach()
endforeach()

# The A/W audit: every name our headers declare in an A and a W form (a
# function, a structure, a pointer type, a constant) has the generic name,
# which is the W form with UNICODE and the A form without, as in the SDK.
# The pairs are found in the headers themselves, so a header added later is
# audited too.  The addrinfo names are the SDK's exception: ADDRINFO,
# LPFN_GETADDRINFO, LPFN_FREEADDRINFO and LPFN_GETNAMEINFO are always the
# narrow forms, and the generic names end in T (ADDRINFOT, LPFN_GETADDRINFOT).
file(GLOB audit_headers "${INCLUDE_DIR}/*.h" "${INCLUDE_DIR}/ws2posix/*.h")
set(audit_text "")
foreach(header IN LISTS audit_headers)
  file(READ "${header}" text)
  string(APPEND audit_text " ${text}")
endforeach()
string(REGEX REPLACE "[^A-Za-z0-9_]+" ";" audit_ids "${audit_text}")
list(REMOVE_DUPLICATES audit_ids)
list(FILTER audit_ids INCLUDE REGEX "^[A-Za-z][A-Za-z0-9_]*[AW]$")
set(audit_pairs "")
foreach(id IN LISTS audit_ids)
  if(id MATCHES "^(.*)A$")
    set(base "${CMAKE_MATCH_1}")
    list(FIND audit_ids "${base}W" has_w)
    if(has_w GREATER -1)
      list(APPEND audit_pairs "${base}")
    endif()
  endif()
endforeach()
set(audit_source "/* Generated by headers_coexist.cmake: the A/W audit. */\n")
string(APPEND audit_source "#define INCL_WINSOCK_API_TYPEDEFS 1\n")
file(GLOB public_headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/[a-z]*.h")
# The packing headers push and pop a state (they are included in pairs around a structure).
list(FILTER public_headers EXCLUDE REGEX "^(pshpack[0-9]+|poppack)\\.h$")
foreach(header IN LISTS public_headers)
  string(APPEND audit_source "#include <${header}>\n")
endforeach()
string(APPEND audit_source "#ifdef UNICODE\n#define AUDIT_FORM(n) n##W\n#else\n"
                           "#define AUDIT_FORM(n) n##A\n#endif\n")
foreach(base IN LISTS audit_pairs)
  set(generic "${base}")
  if(base MATCHES "^(P?ADDRINFO|LPFN_GETADDRINFO|LPFN_FREEADDRINFO|LPFN_GETNAMEINFO)$")
    set(generic "${base}T")
  endif()
  string(APPEND audit_source "_Static_assert(__builtin_types_compatible_p(__typeof__(${generic}), "
                             "__typeof__(AUDIT_FORM(${base}))), \"${generic}\");\n")
endforeach()
file(WRITE "${WORK_DIR}/coexist_aw_audit.c" "${audit_source}")
list(LENGTH audit_pairs audit_count)
if(audit_count LESS 40)
  message("FAIL the A/W audit found only ${audit_count} pairs: the scan of the headers is broken")
  math(EXPR failures "${failures} + 1")
endif()
foreach(defs "" "-DUNICODE -D_UNICODE")
  separate_arguments(def_args UNIX_COMMAND "${defs}")
  compile("A/W audit of ${audit_count} names ${defs}" PASS "${WORK_DIR}/audit.o" "${CC}" -std=gnu11
          ${warn} ${def_args} -c "${WORK_DIR}/coexist_aw_audit.c")
endforeach()

# A POSIX socket header first must stop the build with our explanation.
compile("coexist_posix_error.c is refused" FAIL "${WORK_DIR}/posix_error.o" "${CC}" -std=gnu11
        -c "${SOURCE_DIR}/coexist_posix_error.c")
if(NOT compile_output MATCHES "either the Windows socket API")
  message("FAIL coexist_posix_error.c: the #error message is missing:\n${compile_output}")
  math(EXPR failures "${failures} + 1")
endif()

# Symbols: Winsock calls must reach ws2_<name> (select: ws2posix_select).
compile("coexist_symbols.c to assembly" PASS "${WORK_DIR}/coexist_symbols.s" "${CC}" -std=gnu11
        ${warn} -S "${SOURCE_DIR}/coexist_symbols.c")
if(EXISTS "${WORK_DIR}/coexist_symbols.s")
  file(READ "${WORK_DIR}/coexist_symbols.s" asm)
  foreach(sym ws2_socket ws2posix_select ws2_gethostname ws2_getaddrinfo ws2_freeaddrinfo
              ws2_htons gai_strerrorA ws2_in6addr_any __WSAFDIsSet closesocket)
    if(NOT asm MATCHES "[^A-Za-z0-9_]${sym}[^A-Za-z0-9_]")
      message("FAIL coexist_symbols.c: no reference to ${sym}")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
  foreach(sym socket select gethostname getaddrinfo freeaddrinfo htons gai_strerror
              in6addr_any)
    if(asm MATCHES "[ \t,(]${sym}(@PLT|@GOTPCREL|\\(%rip\\)|[ \t]*\n)")
      message("FAIL coexist_symbols.c: references libc's ${sym}")
      math(EXPR failures "${failures} + 1")
    endif()
  endforeach()
endif()

# C++: the headers must also be valid C++ (extern "C", no C-only syntax).
if(DEFINED CXX AND NOT "${CXX}" STREQUAL "" AND NOT CXX MATCHES "-NOTFOUND$")
  foreach(std c++11 c++17)
    compile("coexist.cpp -std=${std}" PASS "${WORK_DIR}/coexist_cpp.o" "${CXX}" -std=${std}
            ${warn} -c "${SOURCE_DIR}/coexist.cpp")
    # MSVC language, and Windows integer widths and wide strings (issue 9).
    foreach(src coexist_msvc.cpp coexist_widths.cpp)
      compile("${src} -std=${std}" PASS "${WORK_DIR}/coexist_cpp.o" "${CXX}" -std=${std}
              ${warn} -c "${SOURCE_DIR}/${src}")
    endforeach()
    # min/max after windows.h with libstdc++'s headers, with NOMINMAX and UNICODE.
    foreach(defs "" "-DNOMINMAX" "-DUNICODE")
      separate_arguments(def_args UNIX_COMMAND "${defs}")
      compile("coexist_crt.cpp -std=${std} ${defs}" PASS "${WORK_DIR}/coexist_crt_cpp.o" "${CXX}"
              -std=${std} ${def_args} ${warn} -c "${SOURCE_DIR}/coexist_crt.cpp")
    endforeach()
  endforeach()
  foreach(header IN LISTS alone_headers)
    foreach(defs "" "-DUNICODE -D_UNICODE")
      separate_arguments(def_args UNIX_COMMAND "${defs}")
      compile("${header} alone in C++ ${defs}" PASS "${WORK_DIR}/alone.o" "${CXX}" -std=c++11
              ${warn} ${def_args} -include "${INCLUDE_DIR}/${header}"
              -x c++ -c "${SOURCE_DIR}/coexist_alone.c")
    endforeach()
  endforeach()
else()
  message(STATUS "skip C++ checks: no C++ compiler was found at configure time")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "headers_coexist: ${failures} of ${checks} checks failed")
endif()
message(STATUS "headers_coexist: all ${checks} checks passed")
