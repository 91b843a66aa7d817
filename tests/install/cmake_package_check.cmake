# Installs the project into a scratch prefix, then configures and builds the
# out-of-tree project in cmake_package/ against it with find_package(ws2posix)
# (namespaced, static and plain-name targets), and runs what it built; then
# again with WS2POSIX_PLAIN_NAMES=OFF.  Inputs: BUILD_DIR, SCRATCH, CC,
# SOURCE (app.c), PROJECT_DIR (cmake_package/), EXTRA_FLAGS.
file(REMOVE_RECURSE ${SCRATCH})
set(prefix ${SCRATCH}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${err}")
endif()
file(GLOB_RECURSE config ${prefix}/*/ws2posixConfig.cmake)
if(NOT config)
  message(FATAL_ERROR "ws2posixConfig.cmake not installed")
endif()

function(build_user label)
  set(bin ${SCRATCH}/${label})
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${PROJECT_DIR} -B ${bin} -DCMAKE_PREFIX_PATH=${prefix}
                          -DCMAKE_C_COMPILER=${CC} -DAPP_SOURCE=${SOURCE}
                          "-DCMAKE_C_FLAGS=${EXTRA_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}"
                          ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${label}: configuring the user's project failed:\n${out}\n${err}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${bin}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${label}: building the user's project failed:\n${out}\n${err}")
  endif()
endfunction()

function(run program)
  execute_process(COMMAND ${program} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "hello\n")
    message(FATAL_ERROR "${program} exited ${rc}: ${out}${err}")
  endif()
endfunction()

build_user(plain)
foreach(app app_namespaced app_static app_plain)
  run(${SCRATCH}/plain/${app})
endforeach()
# The shared programs use the installed library (CMake's build RPATH), not the build tree's.
execute_process(COMMAND ldd ${SCRATCH}/plain/app_plain OUTPUT_VARIABLE deps)
if(NOT deps MATCHES "${prefix}/[^\n]*libws2_32\\.so")
  message(FATAL_ERROR "app_plain does not load the installed libws2_32:\n${deps}")
endif()

# The import-library names are installed too: -lmswsock -lkernel32 against the libdir.
get_filename_component(libdir ${config} DIRECTORY)
get_filename_component(libdir ${libdir} DIRECTORY)
get_filename_component(libdir ${libdir} DIRECTORY)
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")
execute_process(COMMAND ${CC} ${SOURCE} ${extra} -I${prefix}/include/ws2posix -L${libdir}
                        -lmswsock -lkernel32 -Wl,-rpath,${libdir} -o ${SCRATCH}/app_names
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "linking with the installed -lmswsock -lkernel32 failed:\n${err}")
endif()
run(${SCRATCH}/app_names)

build_user(namespaced_only -DWS2POSIX_PLAIN_NAMES=OFF)
run(${SCRATCH}/namespaced_only/app_namespaced)
message(STATUS "find_package(ws2posix) works: ws2posix:: targets, the static one, the plain names")
