# The import-library names a Windows build passes (-lmswsock, -lwsock32,
# -liphlpapi, -lwinmm, -lkernel32, -ladvapi32, -luser32): each resolves to
# our one libws2_32, since the Win32 surface around Winsock lives in the same
# library (its kernel objects are the sockets' and completion ports').
#
# Each name is a GNU ld script, lib<name>.so and lib<name>.a, holding
# INPUT(-lws2_32): the linker reads it as if -lws2_32 stood on the command
# line, so the program records libws2_32's soname (as a symlink would, less
# clearly), and under -static or -Wl,-Bstatic the script named .a pulls in
# libws2_32.a.  GNU ld, gold and lld all read such scripts.  The scripts sit
# beside the library in the build tree (so `-L build -lmswsock` works right
# after `make`) and in the installed libdir.  They start with "/* GNU ld
# script", as glibc's libc.so does, which ldconfig recognises and passes over
# (it warns about any other file named like a library that is not ELF).
set(WS2_IMPORT_LIBRARIES mswsock wsock32 iphlpapi winmm kernel32 advapi32 user32)

foreach(name ${WS2_IMPORT_LIBRARIES})
  foreach(suffix .so .a)
    file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/lib${name}${suffix}
         CONTENT "/* GNU ld script\n   ws2posix: -l${name} is ws2_32 (see docs/porting.md). */\nINPUT(-lws2_32)\n")
    install(FILES ${PROJECT_BINARY_DIR}/lib${name}${suffix} DESTINATION ${CMAKE_INSTALL_LIBDIR})
  endforeach()
endforeach()
