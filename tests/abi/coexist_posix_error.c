/* Must NOT compile: POSIX socket headers and Winsock in one translation unit. */
#include <sys/socket.h>
#include <winsock2.h>
