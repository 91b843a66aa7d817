/* Watching a directory for changes to one file in it (see sys_inotify.h). */
#include "sys/sys_inotify.h"

#include <errno.h>
#include <stdalign.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

/*
 * IN_CLOSE_WRITE rather than IN_MODIFY: a file rewritten in place is read
 * once its writer has closed it, not half-written after its first write().
 * IN_MOVED_TO is the WSC functions' rename of the finished temporary file
 * over the catalog; IN_MOVED_FROM and IN_DELETE its removal (the built-in
 * entries alone then).
 */
#define SYS_INOTIFY_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)

int sys_inotify_open(const char *dir)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return -1;
    if (inotify_add_watch(fd, dir, SYS_INOTIFY_MASK | IN_ONLYDIR) < 0) {
        int err = errno;
        close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

bool sys_inotify_changed(int fd, const char *name)
{
    /* Room for several events with names up to NAME_MAX, aligned as the kernel writes them. */
    alignas(struct inotify_event) char buf[16 * (sizeof(struct inotify_event) + 256)];
    bool changed = false;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return changed; /* EAGAIN: every event is read */
        for (ssize_t off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(buf + off);
            if (ev->mask & IN_Q_OVERFLOW)
                changed = true;
            else if (ev->len && strcmp(ev->name, name) == 0 && (ev->mask & SYS_INOTIFY_MASK))
                changed = true;
            off += (ssize_t)(sizeof(struct inotify_event) + ev->len);
        }
    }
}
