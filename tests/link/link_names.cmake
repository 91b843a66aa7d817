# The import-library names a Windows build passes (cmake/ImportLibraries.cmake)
# link a program against ws2_32, each alone and all together, shared (the
# lib<name>.so script) and static (-Wl,-Bstatic: the lib<name>.a script), and
# the program runs.  Inputs: CC, BUILD_DIR (holds libws2_32 and the scripts),
# SOURCE (app.c), INCLUDE_DIR, NAMES (;-list), SCRATCH, EXTRA_FLAGS, OBJDUMP.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")
set(failures "")

function(link_and_run label)
  string(REPLACE ";" " " args "${ARGN}")
  execute_process(COMMAND ${CC} ${SOURCE} -I${INCLUDE_DIR} ${extra} -L${BUILD_DIR} ${ARGN}
                          -Wl,-rpath,${BUILD_DIR} -o ${SCRATCH}/app_${label}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    set(failures "${failures}\n${label}: linking with ${args} failed:\n${err}" PARENT_SCOPE)
    return()
  endif()
  execute_process(COMMAND ${SCRATCH}/app_${label} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "linked\n")
    set(failures "${failures}\n${label}: the program linked with ${args} exited ${rc}: ${out}${err}"
        PARENT_SCOPE)
  endif()
endfunction()

set(all "")
set(all_static "")
foreach(name ${NAMES})
  link_and_run(${name} -l${name})
  link_and_run(${name}_static -Wl,-Bstatic -l${name} -Wl,-Bdynamic -luring -lpthread -ldl)
  list(APPEND all -l${name})
endforeach()
# All of them together, as a Windows project's library list, and with ws2_32 itself.
link_and_run(all ${all})
link_and_run(all_ws2_32 -lws2_32 ${all})
link_and_run(all_static -Wl,-Bstatic ${all} -Wl,-Bdynamic -luring -lpthread -ldl)

# A shared link records libws2_32's soname: the scripts add no library of their own.
execute_process(COMMAND ${OBJDUMP} -p ${SCRATCH}/app_mswsock OUTPUT_VARIABLE dyn
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  set(failures "${failures}\n${OBJDUMP} -p app_mswsock failed")
else()
  string(REGEX MATCHALL "NEEDED +[^\n]*" needed "${dyn}")
  if(NOT needed MATCHES "libws2_32\\.so\\.0" OR needed MATCHES "mswsock")
    set(failures "${failures}\n-lmswsock: the program needs ${needed}, not libws2_32.so.0")
  endif()
endif()

# ldconfig (run by `make install` users and packages) passes over the
# scripts instead of warning that a lib*.so is not ELF.
find_program(LDCONFIG ldconfig PATHS /sbin /usr/sbin)
if(LDCONFIG)
  file(MAKE_DIRECTORY ${SCRATCH}/ldconfig)
  foreach(name ${NAMES})
    file(COPY ${BUILD_DIR}/lib${name}.so DESTINATION ${SCRATCH}/ldconfig)
  endforeach()
  execute_process(COMMAND ${LDCONFIG} -n -v ${SCRATCH}/ldconfig OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if("${out}${err}" MATCHES "not an ELF")
    set(failures "${failures}\nldconfig warns about the scripts:\n${err}")
  endif()
endif()

if(failures)
  message(FATAL_ERROR "import-library names:${failures}")
endif()
string(REPLACE ";" " -l" names "${NAMES}")
message(STATUS "-l${names}: each links ws2_32, shared and static")
