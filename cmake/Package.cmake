# The CMake package: find_package(ws2posix) in a project gives the imported
# targets ws2posix::ws2_32 (the shared library, with the include folder),
# ws2posix::ws2_32_static, and the import-library names a Windows build
# links (ws2posix::mswsock, ::wsock32, ::iphlpapi, ::winmm, ::kernel32,
# ::advapi32, ::user32), each an interface target standing for ws2_32 — and,
# unless the project sets WS2POSIX_PLAIN_NAMES to OFF, the same names without
# the namespace, so that a Windows project's
# `target_link_libraries(app ws2_32 mswsock)` stays as it is
# (docs/porting.md, "CMake").
include(CMakePackageConfigHelpers)

set(WS2_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ws2posix)
install(EXPORT ws2posixTargets NAMESPACE ws2posix:: DESTINATION ${WS2_CMAKE_DIR})
configure_package_config_file(cmake/ws2posixConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ws2posixConfig.cmake INSTALL_DESTINATION ${WS2_CMAKE_DIR})
# 0.x: the soname is libws2_32.so.0, and so is the compatibility promise.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ws2posixConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ws2posixConfig.cmake
              ${PROJECT_BINARY_DIR}/ws2posixConfigVersion.cmake
        DESTINATION ${WS2_CMAKE_DIR})
