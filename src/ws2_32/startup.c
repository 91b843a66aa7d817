/*
 * WSAStartup and WSACleanup (spec: WSACleanup.txt, WSACleanup-windows-ce.txt).
 *
 * The process keeps one count: every successful WSAStartup needs a
 * WSACleanup, and only the final one cleans up.  The final cleanup calls
 * WSPCleanup for every provider that was started; each provider then resets
 * and frees its open sockets and wakes every blocked call (see
 * providers/base/close.c, base_close_all).  The count drops to zero before
 * that, so calls that start meanwhile fail with WSANOTINITIALISED.
 */
#include <stdatomic.h>
#include <string.h>

#include "kernel/thread.h"
#include "ws2_32/catalog.h"
#include "ws2_32/args.h"
#include "ws2_32/provcfg.h"
#include "ws2_32/ws2.h"

static _Atomic int startup__count;
static _Atomic WORD startup__version;

bool ws2_started(void)
{
    return atomic_load_explicit(&startup__count, memory_order_acquire) > 0;
}

WORD ws2_version(void)
{
    return atomic_load_explicit(&startup__version, memory_order_relaxed);
}

/*
 * The version negotiation of WSAStartup: 0.x is refused; 1.0 and 1.1 are
 * kept; 1.2 and up give 1.1; 2.0 to 2.2 are kept; anything above gives 2.2.
 */
static WORD startup__negotiate(WORD requested)
{
    BYTE major = LOBYTE(requested), minor = HIBYTE(requested);
    if (major == 0)
        return 0;
    if (major == 1)
        return minor <= 1 ? requested : MAKEWORD(1, 1);
    if (major == 2 && minor <= 2)
        return requested;
    return MAKEWORD(2, 2);
}

/*
 * The WSADATA Windows 10/11 fill in (Wine's conformance tests, run on
 * Windows, record each field): the granted version, 2.2 as the highest,
 * "WinSock 2.0" and "Running", and iMaxSockets 32767 and iMaxUdpDg 65467
 * for a 1.x request only (WSAStartup.md: Winsock 2 applications "should
 * ignore" them, and Windows leaves them 0).  lpVendorInfo is not written:
 * "should be ignored" (WSAStartup.md), and Windows leaves whatever the
 * application had there.  The same for a refused version, which still
 * reports 2.2.
 */
static void startup__fill(LPWSADATA data, WORD version)
{
    char *vendor_info = data->lpVendorInfo;
    memset(data, 0, sizeof(*data));
    data->lpVendorInfo = vendor_info;
    data->wVersion = version;
    data->wHighVersion = MAKEWORD(2, 2);
    if (LOBYTE(version) == 1) {
        data->iMaxSockets = 32767;
        data->iMaxUdpDg = 65467;
    }
    strcpy(data->szDescription, "WinSock 2.0");
    strcpy(data->szSystemStatus, "Running");
}

int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)
{
    /*
     * The version is judged before the pointer: Windows answers a 0.x
     * request with WSAVERNOTSUPPORTED even when lpWSAData is NULL, any
     * other with WSAEFAULT ("The lpWSAData parameter is not a valid
     * pointer", WSAStartup.md).
     */
    WORD version = startup__negotiate(wVersionRequested);
    bool writable = lpWSAData && !ws2_args_span(lpWSAData, sizeof(*lpWSAData), true);
    if (version == 0) {
        if (writable)
            startup__fill(lpWSAData, MAKEWORD(2, 2));
        return WSAVERNOTSUPPORTED;
    }
    if (!writable)
        return WSAEFAULT;
    startup__fill(lpWSAData, version);
    ws2_startup_lock();
    /*
     * The first WSAStartup of the process, and the first after a final
     * WSACleanup, reads the catalog file.  One that cannot be read is
     * "WSASYSNOTREADY: The underlying network subsystem is not ready for
     * network communication", and the count stays where it was.
     */
    if (atomic_load_explicit(&startup__count, memory_order_relaxed) == 0) {
        int error = ws2_catalog_load();
        if (error) {
            ws2_startup_unlock();
            return error;
        }
    }
    atomic_store_explicit(&startup__version, version, memory_order_relaxed);
    atomic_fetch_add_explicit(&startup__count, 1, memory_order_release);
    ws2_startup_unlock();
    return 0;
}

int WSAAPI WSACleanup(void)
{
    if (!ws2_started())
        return ws2_fail(WSANOTINITIALISED);
    int error = ws2_check();
    if (error)
        return ws2_fail(error);

    ws2_startup_lock();
    int count = atomic_load_explicit(&startup__count, memory_order_relaxed);
    if (count == 0) {
        ws2_startup_unlock();
        return ws2_fail(WSANOTINITIALISED);
    }
    atomic_store_explicit(&startup__count, count - 1, memory_order_release);
    /* A WSACleanup that succeeds sets the last error to 0, as Windows' does. */
    if (count > 1) {
        ws2_startup_unlock();
        WSASetLastError(0);
        return 0;
    }
    /* Notifications first: from here on nothing is delivered (WSACleanup.txt). */
    void *watcher = ws2_provcfg_cleanup_begin();
    error = ws2_catalog_cleanup();
    ws2_close_orphan_handles();
    ws2_startup_unlock();
    ws2_provcfg_cleanup_end(watcher);
    if (error)
        return ws2_fail(error);
    WSASetLastError(0);
    return 0;
}
