# Declared means exported: every function the public headers declare is
# exported by libws2_32.so, so that a program that names it links.
#
# The headers are read at test time (every include/*.h, so headers added
# later are covered): gcc -aux-info lists each prototype with the header and
# line that declare it; a generated program takes the address of each
# function declared in include/ and links against the shared library.  An
# undefined reference is a declared function nobody exports; the failure
# names it and its header.
#
# Inputs: CC, AUX_CC (gcc: -aux-info is GCC's; CC when not given), INCLUDE_DIR, BUILD_DIR, SCRATCH,
# EXTRA_FLAGS, MINGW_NM (optional: x86_64-w64-mingw32-nm), MINGW_LIB (the
# folder of mingw-w64's import libraries, optional).

# Declared by the SDK headers for others to implement or to reach through a
# table, and not exported by Windows' ws2_32.dll either: a provider's entry
# point (name-space providers implement NSPStartup), and the upcalls, which a
# provider reaches through the WSPUPCALLTABLE that WSPStartup hands it
# (WPUCompleteOverlappedRequest alone is an export of ws2_32.dll).  When
# mingw-w64 is installed the test checks this list against its import
# library, so the list cannot hide a function Windows does export.
set(not_exported_on_windows
  NSPStartup NSPv2Startup
  WPUCloseEvent WPUCloseSocketHandle WPUCloseThread WPUCreateEvent WPUCreateSocketHandle
  WPUFDIsSet WPUGetProviderPath WPUModifyIFSHandle WPUOpenCurrentThread WPUPostMessage
  WPUQueryBlockingCallback WPUQuerySocketHandleContext WPUQueueApc WPUResetEvent WPUSetEvent)

cmake_minimum_required(VERSION 3.18) # if(IN_LIST)
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")

file(GLOB headers RELATIVE ${INCLUDE_DIR} ${INCLUDE_DIR}/*.h)
list(SORT headers)
set(includes "")
foreach(h ${headers})
  string(APPEND includes "#include <${h}>\n")
endforeach()
file(WRITE ${SCRATCH}/all_headers.c "${includes}")

if(NOT AUX_CC)
  set(AUX_CC ${CC})
endif()
execute_process(COMMAND ${AUX_CC} -I${INCLUDE_DIR} -aux-info ${SCRATCH}/aux.txt -fsyntax-only
                        ${SCRATCH}/all_headers.c
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${AUX_CC} -aux-info on the public headers failed (the headers must compile together as C; -aux-info is gcc's):\n${err}")
endif()
file(STRINGS ${SCRATCH}/aux.txt lines)

# aux-info: "/* <file>:<line>:NC */ extern <return type> <name> (<parameters>);"
# (N: prototyped, C: a declaration; definitions, F, are the headers' inline
# functions).  The name is the first identifier before " (" that is not a
# type keyword (a function returning a function pointer reads "void (*f (").
set(keywords void char short int long float double signed unsigned const volatile struct union enum)
set(names "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^/\\* ([^:]+):([0-9]+):[NO]C \\*/ extern (.*)$")
    continue()
  endif()
  set(file ${CMAKE_MATCH_1})
  set(lineno ${CMAKE_MATCH_2})
  set(decl ${CMAKE_MATCH_3})
  string(FIND "${file}" "${INCLUDE_DIR}/" at)
  if(NOT at EQUAL 0)
    continue() # glibc's and the compiler's headers
  endif()
  string(REGEX MATCHALL "[A-Za-z_][A-Za-z0-9_]* \\(" candidates "${decl}")
  set(name "")
  foreach(c ${candidates})
    string(REGEX REPLACE " \\($" "" c "${c}")
    if(NOT c IN_LIST keywords)
      set(name ${c})
      break()
    endif()
  endforeach()
  if(name STREQUAL "" OR name IN_LIST names)
    continue()
  endif()
  file(RELATIVE_PATH rel ${INCLUDE_DIR} ${file})
  set(where_${name} "include/${rel}:${lineno}")
  list(APPEND names ${name})
endforeach()
list(LENGTH names count)
if(count LESS 150)
  message(FATAL_ERROR "only ${count} functions found in the headers: the aux-info parse is broken")
endif()

set(program "${includes}\nvoid *ws2t_declared[] = {\n")
set(checked 0)
foreach(name ${names})
  if(name IN_LIST not_exported_on_windows)
    continue()
  endif()
  string(APPEND program "    (void *)&${name},\n")
  math(EXPR checked "${checked} + 1")
endforeach()
string(APPEND program "};\n\nint main(void)\n{\n    return ws2t_declared[0] == 0;\n}\n")
file(WRITE ${SCRATCH}/declared.c "${program}")

execute_process(COMMAND ${CC} -I${INCLUDE_DIR} ${extra} ${SCRATCH}/declared.c -L${BUILD_DIR}
                        -lws2_32 -o ${SCRATCH}/declared
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "undefined reference to `[A-Za-z0-9_]+'" refs "${err}")
  set(missing "")
  foreach(r ${refs})
    string(REGEX REPLACE "undefined reference to `([A-Za-z0-9_]+)'" "\\1" n "${r}")
    if(DEFINED where_${n})
      list(APPEND missing "  ${n}  (declared at ${where_${n}})")
    else()
      list(APPEND missing "  ${n}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES missing)
  list(SORT missing)
  if(missing)
    list(LENGTH missing n)
    string(REPLACE ";" "\n" missing "${missing}")
    message(FATAL_ERROR "${n} function(s) declared in include/ but not exported by libws2_32.so "
                        "(implement them, or add them to src/ws2_32/unsupported.c if not offered):\n"
                        "${missing}")
  endif()
  message(FATAL_ERROR "linking the declared functions failed:\n${err}")
endif()

# The exceptions are Windows' own: none of them is exported by ws2_32.dll.
if(MINGW_NM AND EXISTS ${MINGW_LIB}/libws2_32.a)
  execute_process(COMMAND ${MINGW_NM} ${MINGW_LIB}/libws2_32.a OUTPUT_VARIABLE symbols
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${MINGW_NM} ${MINGW_LIB}/libws2_32.a failed")
  endif()
  foreach(name ${not_exported_on_windows})
    if(symbols MATCHES "[\n ]T ${name}\n")
      message(FATAL_ERROR "${name} is exported by Windows' ws2_32 (mingw-w64's libws2_32.a): "
                          "take it off the exceptions and export it")
    endif()
  endforeach()
endif()
message(STATUS "all ${checked} functions declared in include/*.h are exported (${count} declared)")
