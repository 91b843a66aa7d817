# Compare the ABI values of ws2posix's headers with mingw-w64's.
#
#   cmake -DHOST_CC=cc -DMINGW_CC=x86_64-w64-mingw32-gcc -DINCLUDE_DIR=<repo>/include
#         -DSOURCE=<repo>/tests/abi/abi_values.c -DWORK_DIR=<dir> [-DMIN_VALUES=N]
#         -P abi_compare.cmake
#
# abi_values.c defines one `const long long abi_<name>' per value (structs of
# long longs for GUIDs).  It is compiled to assembly by both compilers; each
# value then appears as `abi_<name>:' followed by `.quad N' (or `.zero 8' /
# `.space 8' when N is 0).  The script reads those pairs from both files and
# fails on any difference, on a name that only one side has, and on a side
# that yields fewer values than abi__count (the number of values the source
# defines) or than MIN_VALUES.

cmake_minimum_required(VERSION 3.18)

foreach(var HOST_CC INCLUDE_DIR SOURCE WORK_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "abi_compare.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT DEFINED MIN_VALUES)
  set(MIN_VALUES 1)
endif()

if("${MINGW_CC}" STREQUAL "" OR MINGW_CC MATCHES "-NOTFOUND$")
  message(FATAL_ERROR
    "abi_mingw: x86_64-w64-mingw32-gcc was not found when the build was configured. "
    "The ABI test needs mingw-w64's headers as the reference: "
    "apt-get install gcc-mingw-w64-x86-64, then re-run cmake.")
endif()

file(MAKE_DIRECTORY "${WORK_DIR}")
set(ours_s "${WORK_DIR}/abi_ws2posix.s")
set(mingw_s "${WORK_DIR}/abi_mingw.s")

# Compile one side to assembly; any diagnostic is shown, an error fails.
function(compile_to_asm label compiler out)
  execute_process(
    COMMAND ${compiler} ${ARGN} -S -o "${out}" "${SOURCE}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out_text ERROR_VARIABLE err_text)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "abi_mingw: compiling ${SOURCE} against ${label} failed (${rc}):\n"
                        "${out_text}${err_text}")
  endif()
endfunction()

compile_to_asm("ws2posix's include/" "${HOST_CC}" "${ours_s}" -std=gnu11 "-I${INCLUDE_DIR}")
compile_to_asm("mingw-w64's headers" "${MINGW_CC}" "${mingw_s}" -std=gnu11)

# Read name/value pairs from an assembly file into <prefix>_names and
# <prefix>.<name> variables in the caller's scope.  A label followed by several
# values (a GUID) gives <name>, <name>.1, <name>.2 ...
function(read_values asm prefix)
  # Only labels and directives matter; this also keeps odd lines (with `;' or
  # brackets) out of CMake's list handling.
  file(STRINGS "${asm}" lines REGEX "^(abi_[A-Za-z0-9_]+:|[ \t]+\\.[a-z0-9]+)")
  set(names "")
  set(current "")
  set(index 0)
  foreach(line IN LISTS lines)
    if(line MATCHES "^(abi_[A-Za-z0-9_]+):")
      set(current "${CMAKE_MATCH_1}")
      set(index 0)
      continue()
    endif()
    if(current STREQUAL "")
      continue()
    endif()
    set(values "")
    if(line MATCHES "^[ \t]+\\.quad[ \t]+(-?[0-9]+)")
      set(values "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^[ \t]+\\.(zero|space)[ \t]+([0-9]+)")
      math(EXPR quads "${CMAKE_MATCH_2} / 8")
      foreach(i RANGE 1 ${quads})
        list(APPEND values 0)
      endforeach()
    else()
      # Any other directive ends the current object.
      set(current "")
      continue()
    endif()
    foreach(v IN LISTS values)
      if(index EQUAL 0)
        set(key "${current}")
      else()
        set(key "${current}.${index}")
      endif()
      if(DEFINED ${prefix}.${key})
        message(FATAL_ERROR "abi_mingw: ${asm}: ${key} appears twice")
      endif()
      list(APPEND names "${key}")
      set(${prefix}.${key} "${v}" PARENT_SCOPE)
      set(${prefix}.${key} "${v}")
      math(EXPR index "${index} + 1")
    endforeach()
  endforeach()
  set(${prefix}_names "${names}" PARENT_SCOPE)
endfunction()

read_values("${ours_s}" ours)
read_values("${mingw_s}" mingw)

set(failures 0)

# Each side must yield exactly the values the source defines.
foreach(side ours mingw)
  if(NOT DEFINED ${side}.abi__count)
    message(SEND_ERROR "abi_mingw: no abi__count in the ${side} assembly")
    math(EXPR failures "${failures} + 1")
    continue()
  endif()
  list(LENGTH ${side}_names n)
  math(EXPR n "${n} - 1") # abi__count itself
  set(${side}_count ${n})
  if(NOT n EQUAL ${${side}.abi__count})
    message(SEND_ERROR "abi_mingw: read ${n} values from the ${side} assembly, "
                       "but abi_values.c defines ${${side}.abi__count}")
    math(EXPR failures "${failures} + 1")
  endif()
  if(n LESS MIN_VALUES)
    message(SEND_ERROR "abi_mingw: only ${n} values from the ${side} assembly; expected at "
                       "least ${MIN_VALUES}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

set(compared 0)
foreach(key IN LISTS mingw_names)
  if(key STREQUAL "abi__count")
    continue() # checked above, against what each side read
  endif()
  if(NOT DEFINED ours.${key})
    message("MISSING in ws2posix: ${key} (mingw-w64: ${mingw.${key}})")
    math(EXPR failures "${failures} + 1")
  elseif(NOT "${ours.${key}}" STREQUAL "${mingw.${key}}")
    message("MISMATCH ${key}: ws2posix ${ours.${key}}, mingw-w64 ${mingw.${key}}")
    math(EXPR failures "${failures} + 1")
  else()
    math(EXPR compared "${compared} + 1")
  endif()
endforeach()
foreach(key IN LISTS ours_names)
  if(NOT DEFINED mingw.${key})
    message("MISSING in mingw-w64: ${key} (ws2posix: ${ours.${key}})")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

if(failures GREATER 0)
  message(FATAL_ERROR "abi_mingw: ${failures} difference(s) between ws2posix's headers and "
                      "mingw-w64's (${compared} values agree). mingw-w64 is the reference.")
endif()
message(STATUS "abi_mingw: all ${compared} values agree with mingw-w64.")
