/*
 * The registered files of a port's ring (engine_ring.c): the sockets that
 * run many requests there are entered in the ring's own file table, and
 * their requests name them by slot (IOSQE_FIXED_FILE), so that io_uring
 * does not look the descriptor up and take and drop a reference to its
 * file for each request.
 *
 * Why: that lookup (fget, fput) is kernel work the raw io_uring program
 * pays for each request too.  With the table it leaves our profile: at 50
 * connections, one worker, one port, from about 1.2 to 0.1 samples per
 * 1,000 round trips of some 60 (bench/profile-cell.sh), about 1% of our
 * CPU in cells whose gap to raw is otherwise user-space work (README,
 * "Benchmarks").
 *
 * A slot is the descriptor's number.  A socket is entered once it has
 * run RING_FILES_AFTER requests on the ring, so that a short connection
 * (AcceptEx, one receive, one send, closesocket) costs no system call to
 * enter and leave.  The table holds a reference to the file: the slot is
 * emptied (ring_files_release) before the number is closed or made to
 * stand for another file (sys_socket_closing: close, the placeholder of a
 * retired number, AcceptEx's dup3 onto its accept socket).  Otherwise the
 * socket would outlive its closesocket (no FIN until the ring goes), and a
 * new socket given the same number would have its requests run on the old
 * one.
 *
 * Emptying a slot must let go of the file at once, whatever else is in
 * flight; Linux did not before 6.13, so the first ring asks the kernel
 * (ring_files.c) and makes no table where it does not.
 *
 * A forked child shares its parent's rings: it neither enters nor empties
 * slots, and its requests name their descriptors.
 */
#ifndef WS2_SYS_RING_FILES_H
#define WS2_SYS_RING_FILES_H

#include <liburing.h>
#include <stdbool.h>

struct ring_files {
    struct io_uring *ring;
    unsigned slots; /* the table's size; 0 when the kernel gave none */
    _Atomic unsigned char
        *uses; /* requests per descriptor not entered yet, up to RING_FILES_AFTER */
};

/* Makes ring's table (sparse: every slot empty); f->slots is 0 if it cannot be had. */
void ring_files_start(struct ring_files *f, struct io_uring *ring);

/*
 * Whether fd's request may name it by slot (IOSQE_FIXED_FILE): it is in
 * f's table, entered now if this is its RING_FILES_AFTER-th request.
 * The ring's submission lock held.
 */
bool ring_files_use(struct ring_files *f, int fd);

/* fd is about to be closed or replaced: its slot, in whatever ring, is emptied. */
void ring_files_release(int fd);

/* The ring goes: its slots are forgotten (its table goes with it). */
void ring_files_stop(struct ring_files *f);

#endif
