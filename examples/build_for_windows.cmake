# Compiles every example with MinGW for Windows, warnings as errors: the
# examples must be Windows code that ws2posix runs, not code written for us.
if(NOT MINGW_CC)
  message(FATAL_ERROR "x86_64-w64-mingw32-gcc not found: apt-get install gcc-mingw-w64-x86-64")
endif()
file(MAKE_DIRECTORY ${OUT})
foreach(src ${SOURCES})
  get_filename_component(name ${src} NAME_WE)
  execute_process(COMMAND ${MINGW_CC} -Wall -Wextra -Werror -O2 ${src} -o ${OUT}/${name}.exe -lws2_32
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}.c does not build for Windows:\n${out}")
  endif()
  message(STATUS "${name}.exe built for Windows")
endforeach()
