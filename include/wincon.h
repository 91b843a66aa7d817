/*
 * ws2posix <wincon.h>: the console: SetConsoleCtrlHandler, GetStdHandle, WriteConsole.
 * windows.h includes it, as the Windows SDK's does.
 */
#ifndef WS2POSIX_WINCON_H
#define WS2POSIX_WINCON_H

#include "windows.h"

/* ---- Console control handlers (wincon.h, consoleapi.h) ---- */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The control events a HandlerRoutine receives, and the Linux signals that
 * raise them once the program has called SetConsoleCtrlHandler:
 *   CTRL_C_EVENT      SIGINT  (Ctrl-C at the terminal)
 *   CTRL_BREAK_EVENT  SIGQUIT (Ctrl-\, the terminal's "break")
 *   CTRL_CLOSE_EVENT  SIGTERM and SIGHUP (the process is being ended, or
 *                     its terminal closed)
 * CTRL_LOGOFF_EVENT and CTRL_SHUTDOWN_EVENT, which Windows sends to services,
 * have no signal here.
 */
#define CTRL_C_EVENT        0
#define CTRL_BREAK_EVENT    1
#define CTRL_CLOSE_EVENT    2
#define CTRL_LOGOFF_EVENT   5
#define CTRL_SHUTDOWN_EVENT 6

typedef BOOL(WINAPI *PHANDLER_ROUTINE)(DWORD CtrlType);

/*
 * As on Windows, each event runs the handlers on a new thread created for
 * it, last registered first, until one returns TRUE.  If none does, the
 * default handler ends the process: by the signal that raised the event
 * (the process is "killed by SIGINT", as a Linux parent expects, where
 * Windows exits with STATUS_CONTROL_C_EXIT).  After a CTRL_CLOSE_EVENT the
 * process ends whatever the handlers return, once they have returned or 5
 * seconds after the signal, as Windows ends it.
 *
 * The signals are caught from the first call that adds a handler on, never
 * before.  A signal that is ignored then (nohup, or a shell's background
 * job) stays ignored.  For SIGINT that is Windows' inherited "ignore Ctrl-C"
 * attribute, which SetConsoleCtrlHandler(NULL, FALSE) turns off and
 * SetConsoleCtrlHandler(NULL, TRUE) turns on (SIGINT is then ignored, and
 * child processes inherit that).
 */
WINBASEAPI BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE HandlerRoutine, BOOL Add);

/*
 * Raises CTRL_C_EVENT or CTRL_BREAK_EVENT.  dwProcessGroupId 0 raises it in
 * the calling process only (on Windows, in every process of the console; a
 * Linux process group can include the shell script that started the
 * program).  Another id sends CTRL_BREAK_EVENT's SIGQUIT to that Linux
 * process group; CTRL_C_EVENT "cannot be limited to a specific process
 * group": the call succeeds and no process receives it, as on Windows.
 */
WINBASEAPI BOOL WINAPI GenerateConsoleCtrlEvent(DWORD dwCtrlEvent, DWORD dwProcessGroupId);

#ifdef __cplusplus
}
#endif

/* ---- end of console control handlers ---- */

#endif /* WS2POSIX_WINCON_H */
