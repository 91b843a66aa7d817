/*
 * SO_REUSEPORT and its steering program (sys_bind.h).
 *
 * Linux keeps the listeners that share one address through SO_REUSEPORT in
 * an array per address (a "reuseport group", net/core/sock_reuseport.c): a
 * socket that starts listening is appended; one that stops has the last
 * entry moved into its place.  A connection goes to the entry a classic BPF
 * program attached to the group returns (SO_ATTACH_REUSEPORT_CBPF, which
 * needs no privilege), or, without one or for an index past the end, to one
 * chosen by a hash of the connection's addresses.  Windows gives every
 * connection to one listener (see bindtable.c), so the program returns a
 * constant: that listener's index.
 */
#include "sys/sys_bind.h"

#include <linux/filter.h>
#include <sys/socket.h>

int sys_set_reuseport(int fd, int on)
{
    return setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof(on));
}

int sys_steer_listeners(int fd, unsigned index)
{
    struct sock_filter code[] = {{BPF_RET | BPF_K, 0, 0, index}};
    struct sock_fprog prog = {1, code};
    return setsockopt(fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog, sizeof(prog));
}
