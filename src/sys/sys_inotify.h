/*
 * Watching a file for replacement or rewriting (inotify), for
 * WSAProviderConfigChange (ws2_32/provcfg.c): the catalog file is replaced
 * by an atomic rename (the WSC functions) or rewritten in place (an editor,
 * a script).  The directory is watched rather than the file, since a rename
 * over the file replaces the inode a watch on the file would follow.
 * Neutral C, like sys.h.
 */
#ifndef WS2_SYS_SYS_INOTIFY_H
#define WS2_SYS_SYS_INOTIFY_H

#include <stdbool.h>

/*
 * A non-blocking, close-on-exec inotify descriptor watching directory dir
 * for a file in it being written and closed, renamed into place, renamed
 * away or deleted.  The descriptor, or -1 with errno (ENOENT: dir does not
 * exist).  Close it with sys_close.
 */
int sys_inotify_open(const char *dir);

/*
 * Reads every event waiting on fd; true when one of them concerns the file
 * called name in the watched directory, or when the kernel dropped events
 * (its queue overflowed: the file may have changed).
 */
bool sys_inotify_changed(int fd, const char *name);

#endif
