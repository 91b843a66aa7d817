# Installs the project into a scratch prefix, then builds a Windows-style
# program the way a user would — cc app.c $(pkg-config --cflags --libs ws2_32)
# — against the shared library and against the static one, and runs both.
file(REMOVE_RECURSE ${SCRATCH})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${SCRATCH}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${err}")
endif()
foreach(f include/ws2posix/winsock2.h include/ws2posix/windows.h include/ws2posix/ws2spi.h
          lib/libws2_32.a)
  if(NOT EXISTS ${SCRATCH}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB_RECURSE pc ${SCRATCH}/*/ws2_32.pc)
if(NOT pc)
  message(FATAL_ERROR "ws2_32.pc not installed")
endif()
get_filename_component(pcdir ${pc} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pcdir})
execute_process(COMMAND pkg-config --cflags --libs ws2_32 OUTPUT_VARIABLE flags
                RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find ws2_32")
endif()
separate_arguments(flags UNIX_COMMAND "${flags} ${EXTRA_FLAGS}")
execute_process(COMMAND pkg-config --cflags ws2_32 OUTPUT_VARIABLE cflags
                OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(cflags UNIX_COMMAND "${cflags} ${EXTRA_FLAGS}")

execute_process(COMMAND ${CC} ${SOURCE} ${flags} -o ${SCRATCH}/app_shared
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building against the installed shared library failed:\n${err}")
endif()
get_filename_component(libdir ${pcdir} DIRECTORY)
set(ENV{LD_LIBRARY_PATH} ${libdir})
execute_process(COMMAND ${SCRATCH}/app_shared RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the program built with pkg-config failed: ${out}")
endif()

execute_process(COMMAND ${CC} ${SOURCE} ${cflags} ${libdir}/libws2_32.a -lpthread -luring
                        -o ${SCRATCH}/app_static
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building against the installed static library failed:\n${err}")
endif()
unset(ENV{LD_LIBRARY_PATH})
execute_process(COMMAND ${SCRATCH}/app_static RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the program linked with libws2_32.a failed: ${out}")
endif()
message(STATUS "installed headers, libraries and ws2_32.pc work")
