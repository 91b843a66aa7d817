/*
 * Console control handlers: SetConsoleCtrlHandler and
 * GenerateConsoleCtrlEvent (wincon.h).
 *
 * Windows (HandlerRoutine, learn.microsoft.com): "When the signal is
 * received, the system creates a new thread in the process to execute the
 * function"; the handlers "are called on a last-registered, first-called
 * basis until one of the handlers returns TRUE. If none of the handlers
 * returns TRUE, the default handler is called", which ends the process.
 * After CTRL_CLOSE_EVENT the process ends whether a handler returned TRUE
 * or FALSE, at the latest 5 seconds after the event (the HandlerRoutine
 * timeout table: SPI_GETHUNGAPPTIMEOUT, 5000 ms).
 *
 * Here the events come from Linux signals (wincon.h lists which).  The
 * first SetConsoleCtrlHandler that adds a handler catches them into a pipe
 * (src/sys/sys_signal.c) and starts a dispatcher thread that reads it; for
 * each signal the dispatcher creates a new thread that runs the handlers.
 * Nothing runs inside a signal handler but a write to the pipe, so the
 * handlers may call anything (closesocket, PostQueuedCompletionStatus,
 * SetEvent), and the signal may arrive on any thread of the program.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <windows.h>

#include "sys/sys.h"
#include "sys/sys_signal.h"

/* "SPI_GETHUNGAPPTIMEOUT, 5000ms" for CTRL_CLOSE_EVENT. */
#define CONSOLE_CLOSE_GRACE_NS (5000 * (int64_t)1000000)

/* The signals that raise events, and their events. */
static const struct {
    int sig;
    DWORD event;
} console__signals[] = {
    {SYS_SIGINT, CTRL_C_EVENT},
    {SYS_SIGQUIT, CTRL_BREAK_EVENT},
    {SYS_SIGTERM, CTRL_CLOSE_EVENT},
    {SYS_SIGHUP, CTRL_CLOSE_EVENT},
};
#define CONSOLE_NSIGNALS (sizeof(console__signals) / sizeof(console__signals[0]))

static pthread_mutex_t console__lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t console__atfork_once = PTHREAD_ONCE_INIT;

/* The handlers in the order they were added (guarded by console__lock). */
static PHANDLER_ROUTINE *console__handlers;
static size_t console__count, console__cap;

/* Whether the signals are caught and the dispatcher runs (guarded by console__lock). */
static bool console__installed;
/* Which signals we catch (the others were ignored and stay so). */
static bool console__caught[CONSOLE_NSIGNALS];
/* The "ignore Ctrl-C" attribute: SIGINT is ignored (guarded by console__lock). */
static bool console__ignore_ctrl_c;

static DWORD console__event_of(int sig)
{
    for (size_t i = 0; i < CONSOLE_NSIGNALS; i++)
        if (console__signals[i].sig == sig)
            return console__signals[i].event;
    return CTRL_CLOSE_EVENT;
}

/*
 * Runs the handlers for event, last added first, until one returns TRUE.
 * They run on a copy of the list, without the lock, so that a handler may
 * add or remove handlers itself.
 */
static BOOL console__run_handlers(DWORD event)
{
    pthread_mutex_lock(&console__lock);
    size_t n = console__count;
    PHANDLER_ROUTINE *copy = n ? malloc(n * sizeof(*copy)) : NULL;
    if (copy)
        memcpy(copy, console__handlers, n * sizeof(*copy));
    pthread_mutex_unlock(&console__lock);
    BOOL handled = FALSE;
    for (size_t i = n; copy && i-- > 0 && !handled;)
        handled = copy[i](event);
    free(copy);
    return handled;
}

/*
 * The thread Windows creates for a control event.  Its parameter packs the
 * signal (bits 8 and up) and the event (the low byte).
 */
static DWORD WINAPI console__event_thread(LPVOID param)
{
    int sig = (int)((uintptr_t)param >> 8);
    DWORD event = (DWORD)((uintptr_t)param & 0xff);
    BOOL handled = console__run_handlers(event);
    /*
     * The default handler, or the end that follows CTRL_CLOSE_EVENT: "Return
     * TRUE. In this case, no other handler functions are called and the
     * system terminates the process" (CTRL+CLOSE Signal).
     */
    if (!handled || event == CTRL_CLOSE_EVENT)
        sys_signal_die(sig);
    return 0;
}

static void *console__dispatcher(void *unused)
{
    (void)unused;
    int64_t close_deadline = -1;
    int close_sig = 0;
    for (;;) {
        int sig = sys_signal_next(close_deadline);
        if (sig == 0) /* 5 seconds after a CTRL_CLOSE_EVENT, its handlers still running */
            sys_signal_die(close_sig);
        if (sig < 0)
            return NULL; /* the pipe was closed: only in a child after fork */
        DWORD event = console__event_of(sig);
        if (event == CTRL_C_EVENT) {
            /* A SIGINT that arrived just before SetConsoleCtrlHandler(NULL, TRUE). */
            pthread_mutex_lock(&console__lock);
            bool ignored = console__ignore_ctrl_c;
            pthread_mutex_unlock(&console__lock);
            if (ignored)
                continue;
        }
        if (event == CTRL_CLOSE_EVENT && close_deadline < 0) {
            close_deadline = sys_now_ns() + CONSOLE_CLOSE_GRACE_NS;
            close_sig = sig;
        }
        LPVOID param = (LPVOID)(((uintptr_t)sig << 8) | event);
        HANDLE thread = CreateThread(NULL, 0, console__event_thread, param, 0, NULL);
        if (thread)
            CloseHandle(thread);
        else
            console__event_thread(param); /* no thread to be had: the event still counts */
    }
}

/*
 * After fork the child has no dispatcher: it starts over with no handlers
 * and the signals' default actions, keeping only the inheritable "ignore
 * Ctrl-C" attribute.  (A child that calls SetConsoleCtrlHandler installs
 * everything anew.)  Only async-signal-safe calls here.
 */
static void console__atfork_child(void)
{
    pthread_mutex_init(&console__lock, NULL);
    if (console__installed) {
        for (size_t i = 0; i < CONSOLE_NSIGNALS; i++)
            if (console__caught[i])
                sys_signal_default(console__signals[i].sig);
        sys_signal_close();
    }
    if (console__ignore_ctrl_c)
        sys_signal_ignore(SYS_SIGINT);
    console__installed = false;
    memset(console__caught, 0, sizeof(console__caught));
    console__handlers = NULL; /* the parent's block: left to the parent's copy */
    console__count = console__cap = 0;
}

static void console__register_atfork(void)
{
    pthread_atfork(NULL, NULL, console__atfork_child);
}

/* Catches the signals and starts the dispatcher; called with console__lock held. */
static DWORD console__install(void)
{
    pthread_once(&console__atfork_once, console__register_atfork);
    if (sys_signal_open() != 0)
        return ERROR_TOO_MANY_OPEN_FILES;
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&thread, &attr, console__dispatcher, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        sys_signal_close();
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    for (size_t i = 0; i < CONSOLE_NSIGNALS; i++) {
        int sig = console__signals[i].sig;
        /*
         * A signal already ignored stays ignored: the shell (a background
         * job) or nohup asked for it.  For SIGINT that is the inherited
         * "ignore Ctrl-C" attribute, which SetConsoleCtrlHandler(NULL, FALSE)
         * can turn off.
         */
        if (sys_signal_ignored(sig)) {
            if (sig == SYS_SIGINT)
                console__ignore_ctrl_c = true;
            continue;
        }
        console__caught[i] = sys_signal_catch(sig) == 0;
    }
    console__installed = true;
    return 0;
}

/* SetConsoleCtrlHandler(NULL, Add): the "ignore Ctrl-C" attribute, as SIGINT's disposition. */
static void console__set_ignore(bool ignore)
{
    console__ignore_ctrl_c = ignore;
    if (ignore) {
        sys_signal_ignore(SYS_SIGINT);
    } else if (console__installed) {
        console__caught[0] = sys_signal_catch(SYS_SIGINT) == 0; /* [0] is SIGINT's */
    } else {
        sys_signal_default(SYS_SIGINT);
    }
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add)
{
    DWORD error = 0;
    pthread_mutex_lock(&console__lock);
    if (!HandlerRoutine) {
        console__set_ignore(Add != FALSE);
    } else if (Add) {
        if (!console__installed)
            error = console__install();
        if (!error && console__count == console__cap) {
            size_t cap = console__cap ? 2 * console__cap : 8;
            PHANDLER_ROUTINE *grown = realloc(console__handlers, cap * sizeof(*grown));
            if (grown) {
                console__handlers = grown;
                console__cap = cap;
            } else {
                error = ERROR_NOT_ENOUGH_MEMORY;
            }
        }
        if (!error)
            console__handlers[console__count++] = HandlerRoutine;
    } else {
        /* Removes the handler's last registration; one never added is an invalid parameter. */
        size_t i = console__count;
        while (i > 0 && console__handlers[i - 1] != HandlerRoutine)
            i--;
        if (i == 0) {
            error = ERROR_INVALID_PARAMETER;
        } else {
            memmove(&console__handlers[i - 1], &console__handlers[i],
                    (console__count - i) * sizeof(*console__handlers));
            console__count--;
        }
    }
    pthread_mutex_unlock(&console__lock);
    if (error) {
        SetLastError(error);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId)
{
    if (dwCtrlEvent != CTRL_C_EVENT && dwCtrlEvent != CTRL_BREAK_EVENT) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int sig = dwCtrlEvent == CTRL_C_EVENT ? SYS_SIGINT : SYS_SIGQUIT;
    int rc;
    if (dwProcessGroupId == 0) {
        /*
         * The calling process only (wincon.h says why not its process
         * group).  Through the signal itself, so that what follows is what
         * Ctrl-C would do: the handlers on a new thread, nothing if Ctrl-C
         * is ignored, or the default action (the end of the process) if the
         * program never set a handler.
         */
        rc = sys_signal_send_self(sig);
    } else if (dwCtrlEvent == CTRL_C_EVENT) {
        /* "If dwProcessGroupId is nonzero, this function will succeed, but the CTRL+C signal will
         * not be received by processes within the specified process group." */
        return TRUE;
    } else {
        rc = dwProcessGroupId > (DWORD)INT32_MAX
                 ? -1
                 : sys_signal_send_group((int)dwProcessGroupId, sig);
    }
    if (rc != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}
