/*
 * Linux signals for the console control handlers (src/win32/console_ctrl.c):
 * catching SIGINT, SIGQUIT, SIGTERM and SIGHUP into a pipe that a thread
 * reads, ignoring or restoring them, sending them, and ending the process as
 * a signal's default action does.
 *
 * A caught signal does nothing in the signal handler but write its number to
 * the pipe (write is async-signal-safe), so it works whichever thread Linux
 * delivers it to, including threads the program created before the signals
 * were caught and that have them unblocked.
 */
#ifndef WS2_SYS_SIGNAL_H
#define WS2_SYS_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

/* Linux's signal numbers (checked against <signal.h> in sys_signal.c). */
#define SYS_SIGHUP  1
#define SYS_SIGINT  2
#define SYS_SIGQUIT 3
#define SYS_SIGTERM 15

/* Opens the pipe that caught signals are written to; 0, or -1 with errno. */
int sys_signal_open(void);

/* Closes the pipe (after fork, in the child: the reading thread is the parent's). */
void sys_signal_close(void);

/* Whether sig's disposition is "ignore" (SIG_IGN) now. */
bool sys_signal_ignored(int sig);

/* From now on each delivery of sig writes it to the pipe; 0, or -1 with errno. */
int sys_signal_catch(int sig);

/* Sets sig's disposition to "ignore" or to the default action. */
void sys_signal_ignore(int sig);
void sys_signal_default(int sig);

/*
 * The next caught signal from the pipe, waiting until deadline_ns
 * (CLOCK_MONOTONIC, sys_now_ns; < 0 waits for ever): the signal number, 0
 * when the deadline passed, -1 when the pipe is closed or broken.
 */
int sys_signal_next(int64_t deadline_ns);

/* Sends sig to this process (any of its threads may take it); 0, or -1 with errno. */
int sys_signal_send_self(int sig);

/* Sends sig to process group pgid; 0, or -1 with errno. */
int sys_signal_send_group(int pgid, int sig);

/*
 * Ends the process as sig's default action does (killed by sig, which is
 * what a Linux parent expects from SIGINT or SIGTERM; SIGQUIT dumps core
 * where cores are enabled), whatever the program had set for it.
 */
_Noreturn void sys_signal_die(int sig);

#endif
