# `#pragma comment(lib, "ws2_32.lib")` is harmless (include/ws2posix/pragma.h):
# pragma_comment.c compiles under -Wall -Wextra -Werror as C and as C++ with
# every compiler given, and the C program links and runs.  Inputs: CC, CXX,
# CLANG, CLANGXX (each optional but CC), INCLUDE_DIR, SOURCE, BUILD_DIR,
# SCRATCH, EXTRA_FLAGS, LLD (optional: ld.lld).
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")
set(failures "")
set(checked "")

function(compile compiler lang label)
  set(flags -Wall -Wextra -Werror)
  if(lang STREQUAL "c++")
    # g++ before 13 reads a C++ file's pragmas before `#pragma GCC diagnostic'
    # applies (GCC bug 53431): such builds pass -Wno-unknown-pragmas, as
    # docs/porting.md says.
    execute_process(COMMAND ${compiler} --version OUTPUT_VARIABLE version)
    execute_process(COMMAND ${compiler} -dumpfullversion -dumpversion OUTPUT_VARIABLE number
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT version MATCHES "clang" AND number VERSION_LESS 13)
      list(APPEND flags -Wno-unknown-pragmas)
    endif()
  endif()
  execute_process(COMMAND ${compiler} -x ${lang} ${flags} ${extra} -I${INCLUDE_DIR} -c ${SOURCE}
                          -o ${SCRATCH}/${label}.o
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    set(failures "${failures}\n${compiler} -x ${lang} ${flags}:\n${err}" PARENT_SCOPE)
  endif()
  set(checked "${checked} ${label}" PARENT_SCOPE)
endfunction()

function(link_and_run compiler label)
  execute_process(COMMAND ${compiler} ${SCRATCH}/${label}.o ${extra} ${ARGN} -L${BUILD_DIR}
                          -lws2_32 -Wl,-rpath,${BUILD_DIR} -o ${SCRATCH}/${label}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    set(failures "${failures}\nlinking ${label} ${ARGN} failed:\n${err}" PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND ${SCRATCH}/${label} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "pragma comment ignored\n")
    set(failures "${failures}\n${label} ${ARGN} exited ${rc}: ${out}" PARENT_SCOPE)
  endif()
endfunction()

compile(${CC} c cc)
link_and_run(${CC} cc)
if(CXX)
  compile(${CXX} c++ cxx)
endif()
if(CLANG)
  compile(${CLANG} c clang)
  # Clang records the pragma's library in a .deplibs section: GNU ld ignores
  # it; lld would look for a file named "Ws2_32.lib" unless told not to.
  link_and_run(${CLANG} clang)
  if(LLD)
    link_and_run(${CLANG} clang -fuse-ld=lld -Wl,--no-dependent-libraries)
  endif()
endif()
if(CLANGXX)
  compile(${CLANGXX} c++ clangxx)
endif()

if(failures)
  message(FATAL_ERROR "#pragma comment(lib, ...) is not harmless:${failures}")
endif()
message(STATUS "#pragma comment(lib, ...) compiled cleanly with:${checked}")
