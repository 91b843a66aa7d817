# Compiles every example with MinGW for Windows, warnings as errors: the
# examples must be Windows code that ws2posix runs, not code written for us.
# As a Windows build would:
#  - header names are found whatever their case (<Windows.h>, <WinSock2.h>):
#    Windows' file system ignores case, MinGW's headers on Linux are lower
#    case, so a folder of links gives them the spellings the sources use;
#  - `#pragma comment(lib, "x.lib")` (which MSVC obeys and GCC ignores with a
#    warning) becomes -lx;
#  - a UNICODE program whose entry point is _tmain (wmain) links with
#    -municode, as MinGW requires.
if(NOT MINGW_CC)
  message(FATAL_ERROR "x86_64-w64-mingw32-gcc not found: apt-get install gcc-mingw-w64-x86-64")
endif()
file(MAKE_DIRECTORY ${OUT}/ci)
execute_process(COMMAND ${MINGW_CC} -E -Wp,-v -x c /dev/null OUTPUT_QUIET ERROR_VARIABLE search)
string(REGEX MATCHALL "\n [^\n]*/include" dirs "${search}")
foreach(src ${SOURCES})
  get_filename_component(name ${src} NAME_WE)
  get_filename_component(ext ${src} EXT)
  file(STRINGS ${src} includes REGEX "^#include <[^>]*[A-Z][^>]*>")
  foreach(line ${includes})
    string(REGEX REPLACE "^#include <([^>]*)>.*" "\\1" header "${line}")
    string(TOLOWER "${header}" lower)
    foreach(dir ${dirs})
      string(STRIP "${dir}" dir)
      if(EXISTS ${dir}/${lower} AND NOT EXISTS ${OUT}/ci/${header})
        file(CREATE_LINK ${dir}/${lower} ${OUT}/ci/${header} SYMBOLIC)
      endif()
    endforeach()
  endforeach()
  set(libs -lws2_32)
  file(STRINGS ${src} pragmas REGEX "^#pragma comment\\(lib, *\"[^\"]*\"\\)")
  foreach(line ${pragmas})
    string(REGEX REPLACE ".*\"([^\".]*)(\\.lib)?\".*" "-l\\1" lib "${line}")
    list(APPEND libs ${lib})
  endforeach()
  set(compiler ${MINGW_CC})
  if(ext STREQUAL ".cpp")
    set(compiler ${MINGW_CXX})
    if(NOT MINGW_CXX)
      message(FATAL_ERROR "x86_64-w64-mingw32-g++ not found: apt-get install g++-mingw-w64-x86-64")
    endif()
  endif()
  set(flags -Wall -Wextra -Werror -Wno-unknown-pragmas -O2 -I${OUT}/ci)
  file(STRINGS ${src} tmain REGEX "_tmain")
  file(STRINGS ${src} unicode REGEX "^#define UNICODE")
  if(tmain AND unicode)
    list(APPEND flags -municode)
  endif()
  execute_process(COMMAND ${compiler} ${flags} ${src} -o ${OUT}/${name}.exe ${libs}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}${ext} does not build for Windows:\n${out}")
  endif()
  message(STATUS "${name}.exe built for Windows")
endforeach()
