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
  coexist_tchar.c)           # tchar.h's generic-text names (also with UNICODE, below)

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
endforeach()
set(alone_headers tchar.h sal.h winnls.h winnt.h)
foreach(header IN LISTS alone_headers)
  foreach(defs "" "-DUNICODE -D_UNICODE")
    separate_arguments(def_args UNIX_COMMAND "${defs}")
    compile("${header} alone ${defs}" PASS "${WORK_DIR}/alone.o" "${CC}" -std=c11 -pedantic ${warn}
            ${def_args} -include "${INCLUDE_DIR}/${header}"
            -x c -c "${SOURCE_DIR}/coexist_alone.c")
  endforeach()
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
