# Builds examples/oot_provider the way a third party would — from the
# installed headers alone, with pkg-config — installs it into a scratch
# catalog and runs a program that talks through it (issue 4: "an example
# third-party base provider built out of tree from the installed headers
# only, proving the SPI headers are enough").
file(REMOVE_RECURSE ${SCRATCH})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${SCRATCH}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${err}")
endif()
file(GLOB_RECURSE pc ${SCRATCH}/*/ws2_32.pc)
get_filename_component(pcdir ${pc} DIRECTORY)
get_filename_component(libdir ${pcdir} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pcdir})
execute_process(COMMAND pkg-config --cflags ws2_32 OUTPUT_VARIABLE cflags
                RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND pkg-config --libs ws2_32 OUTPUT_VARIABLE libs
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find ws2_32")
endif()
separate_arguments(cflags UNIX_COMMAND "${cflags} ${EXTRA_FLAGS}")
separate_arguments(libs UNIX_COMMAND "${libs}")

# The provider: no library to link, the upcall table is all it uses.
# The stubs of what the example does not offer name parameters they ignore.
execute_process(COMMAND ${CC} -shared -fPIC -Wall -Wextra -Werror -Wno-unused-parameter
                        ${EXAMPLE}/provider.c
                        ${EXAMPLE}/oot_io.c ${cflags} -o ${SCRATCH}/liboot_provider.so
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the provider from the installed headers failed:\n${err}")
endif()
execute_process(COMMAND ${CC} -Wall -Wextra -Werror ${EXAMPLE}/oot_client.c ${cflags} ${libs}
                        -o ${SCRATCH}/oot_client
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the client failed:\n${err}")
endif()
set(ENV{LD_LIBRARY_PATH} ${libdir})
set(ENV{WS2POSIX_CATALOG} ${SCRATCH}/catalog)
execute_process(COMMAND ${SCRATCH}/oot_client ${SCRATCH}/liboot_provider.so
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "ok")
  message(FATAL_ERROR "the client through the out-of-tree provider failed (${rc}): ${out}${err}")
endif()
message(STATUS "the out-of-tree provider works: ${out}")
