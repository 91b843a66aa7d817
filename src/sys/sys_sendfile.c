/*
 * sendfile(2) for TransmitFile and TransmitPackets: file bytes go from the
 * page cache to a socket without passing through user space, as Windows'
 * TransmitFile takes them from its cache manager.
 *
 * Two things sendfile does not do as a send does.  It has no MSG_NOSIGNAL:
 * a peer that went away would raise SIGPIPE, which must never reach a
 * Winsock program (sys_socket.c sends with MSG_NOSIGNAL for the same
 * reason), so SIGPIPE is blocked around the call and a SIGPIPE the call
 * raised is taken off the thread again.  And its errors are Linux's raw
 * ones: the end of a connection is named as sys_sendmsg names it (sys.h,
 * "How connections end") by a send of no bytes, which meets the same
 * failure through the same mapping.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/sendfile.h>
#include <time.h>

#include "sys/sys.h"
#include "sys/sys_msg.h"

long sys_sendfile(int sock, int file, uint64_t *offset, size_t count)
{
    sigset_t pipe, old, pending;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, &old);
    /* A SIGPIPE already waiting is the application's: it is left where it is. */
    bool was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
    off_t off = (off_t)*offset;
    ssize_t n;
    do
        n = sendfile(sock, file, &off, count);
    while (n < 0 && errno == EINTR);
    int e = errno;
    if (n < 0 && e == EPIPE && !was_pending) {
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe, NULL, &zero) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (n >= 0) {
        *offset = (uint64_t)off;
        return (long)n;
    }
    if (e != EAGAIN) {
        struct sys_iovec none = {NULL, 0};
        if (sys_sendmsg_one(sock, &none, 1, NULL, 0, SYS_MSG_DONTWAIT, NULL) < 0 &&
            errno != EAGAIN && errno != EINTR)
            e = errno;
    }
    errno = e;
    return -1;
}
