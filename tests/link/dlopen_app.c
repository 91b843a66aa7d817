/*
 * The library loaded with dlopen by a program that does not link it (a
 * plugin, an interpreter's foreign-function module).  Its initial-exec
 * thread-locals (src/sys/tls.h) must then fit in glibc's static TLS
 * surplus, or dlopen fails with "cannot allocate memory in static TLS
 * block"; this program fails first.  Plain C with no Winsock header: the
 * calls are reached by name, as such a program reaches them.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef int (*startup_fn)(unsigned short, void *);
typedef int (*cleanup_fn)(void);
typedef char *(*gai_strerror_fn)(int);
typedef unsigned long long (*socket_fn)(int, int, int);
typedef int (*closesocket_fn)(unsigned long long);

int main(void)
{
    void *lib = dlopen(WS2T_LIBRARY_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "dlopen %s: %s\n", WS2T_LIBRARY_PATH, dlerror());
        return 1;
    }
    startup_fn startup = (startup_fn)dlsym(lib, "WSAStartup");
    cleanup_fn cleanup = (cleanup_fn)dlsym(lib, "WSACleanup");
    gai_strerror_fn gai = (gai_strerror_fn)dlsym(lib, "gai_strerrorA");
    /* Exported as ws2_socket, so that it never interposes libc's (include/ws2posix/api.h). */
    socket_fn sock = (socket_fn)dlsym(lib, "ws2_socket");
    closesocket_fn close_sock = (closesocket_fn)dlsym(lib, "closesocket");
    if (!startup || !cleanup || !gai || !sock || !close_sock) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return 1;
    }
    char data[512]; /* WSADATA is 408 bytes on Win64 */
    if (startup(0x0202, data) != 0) {
        fprintf(stderr, "WSAStartup failed\n");
        return 1;
    }
    /* A thread-local of every kind: the last error, the thread's kthread, a per-thread buffer. */
    unsigned long long s = sock(2 /* AF_INET */, 1 /* SOCK_STREAM */, 6 /* IPPROTO_TCP */);
    if (s == ~0ULL || close_sock(s) != 0) {
        fprintf(stderr, "socket/closesocket failed\n");
        return 1;
    }
    const char *text = gai(11001 /* WSAHOST_NOT_FOUND */);
    if (!text || !strlen(text)) {
        fprintf(stderr, "gai_strerrorA gave no text\n");
        return 1;
    }
    if (cleanup() != 0) {
        fprintf(stderr, "WSACleanup failed\n");
        return 1;
    }
    return 0;
}
