/*
 * Typed WSPPROC_TABLE entries for calls a provider does not offer.  ws2_32
 * refuses a provider whose table has a hole (WSAEINVALIDPROCTABLE, as on
 * Windows), so a provider fills what it leaves out with these: each reports
 * WSAEOPNOTSUPP through lpErrno and fails the way its prototype fails.
 */
#include "providers/common/unsupported.h"

#define UNSUPPORTED(err_out)                                                                       \
    do {                                                                                           \
        *(err_out) = WSAEOPNOTSUPP;                                                                \
    } while (0)

static SOCKET WSPAPI no_accept(SOCKET s, struct sockaddr *a, LPINT l, LPCONDITIONPROC c,
                               DWORD_PTR d, LPINT e)
{
    (void)s, (void)a, (void)l, (void)c, (void)d;
    UNSUPPORTED(e);
    return INVALID_SOCKET;
}

static INT WSPAPI no_address_to_string(LPSOCKADDR a, DWORD l, LPWSAPROTOCOL_INFOW i, LPWSTR s,
                                       LPDWORD sl, LPINT e)
{
    (void)a, (void)l, (void)i, (void)s, (void)sl;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_async_select(SOCKET s, HWND w, unsigned int m, LONG ev, LPINT e)
{
    (void)s, (void)w, (void)m, (void)ev;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_name(SOCKET s, const struct sockaddr *n, int l, LPINT e)
{
    (void)s, (void)n, (void)l;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_errno_only(LPINT e)
{
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_socket_only(SOCKET s, LPINT e)
{
    (void)s;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_connect(SOCKET s, const struct sockaddr *n, int l, LPWSABUF cd, LPWSABUF ce,
                             LPQOS sq, LPQOS gq, LPINT e)
{
    (void)s, (void)n, (void)l, (void)cd, (void)ce, (void)sq, (void)gq;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_duplicate(SOCKET s, DWORD p, LPWSAPROTOCOL_INFOW i, LPINT e)
{
    (void)s, (void)p, (void)i;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_enum_events(SOCKET s, WSAEVENT ev, LPWSANETWORKEVENTS n, LPINT e)
{
    (void)s, (void)ev, (void)n;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_event_select(SOCKET s, WSAEVENT ev, LONG n, LPINT e)
{
    (void)s, (void)ev, (void)n;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static BOOL WSPAPI no_overlapped_result(SOCKET s, LPWSAOVERLAPPED o, LPDWORD t, BOOL w, LPDWORD f,
                                        LPINT e)
{
    (void)s, (void)o, (void)t, (void)w, (void)f;
    UNSUPPORTED(e);
    return FALSE;
}

static int WSPAPI no_get_name(SOCKET s, struct sockaddr *n, LPINT l, LPINT e)
{
    (void)s, (void)n, (void)l;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_get_opt(SOCKET s, int lv, int n, char *v, LPINT l, LPINT e)
{
    (void)s, (void)lv, (void)n, (void)v, (void)l;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static BOOL WSPAPI no_qos_by_name(SOCKET s, LPWSABUF n, LPQOS q, LPINT e)
{
    (void)s, (void)n, (void)q;
    UNSUPPORTED(e);
    return FALSE;
}

static int WSPAPI no_ioctl(SOCKET s, DWORD c, LPVOID i, DWORD il, LPVOID o, DWORD ol, LPDWORD r,
                           LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE cr,
                           LPWSATHREADID t, LPINT e)
{
    (void)s, (void)c, (void)i, (void)il, (void)o, (void)ol, (void)r, (void)ov, (void)cr, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static SOCKET WSPAPI no_join_leaf(SOCKET s, const struct sockaddr *n, int l, LPWSABUF cd,
                                  LPWSABUF ce, LPQOS sq, LPQOS gq, DWORD f, LPINT e)
{
    (void)s, (void)n, (void)l, (void)cd, (void)ce, (void)sq, (void)gq, (void)f;
    UNSUPPORTED(e);
    return INVALID_SOCKET;
}

static int WSPAPI no_listen(SOCKET s, int b, LPINT e)
{
    (void)s, (void)b;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_recv(SOCKET s, LPWSABUF b, DWORD n, LPDWORD r, LPDWORD f, LPWSAOVERLAPPED o,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID t, LPINT e)
{
    (void)s, (void)b, (void)n, (void)r, (void)f, (void)o, (void)cr, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_disconnect(SOCKET s, LPWSABUF d, LPINT e)
{
    (void)s, (void)d;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_recv_from(SOCKET s, LPWSABUF b, DWORD n, LPDWORD r, LPDWORD f,
                               struct sockaddr *fr, LPINT fl, LPWSAOVERLAPPED o,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID t, LPINT e)
{
    (void)s, (void)b, (void)n, (void)r, (void)f, (void)fr, (void)fl, (void)o, (void)cr, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_select(int n, fd_set *r, fd_set *w, fd_set *x, const TIMEVAL *t, LPINT e)
{
    (void)n, (void)r, (void)w, (void)x, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_send(SOCKET s, LPWSABUF b, DWORD n, LPDWORD sent, DWORD f, LPWSAOVERLAPPED o,
                          LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID t, LPINT e)
{
    (void)s, (void)b, (void)n, (void)sent, (void)f, (void)o, (void)cr, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_send_to(SOCKET s, LPWSABUF b, DWORD n, LPDWORD sent, DWORD f,
                             const struct sockaddr *to, int tl, LPWSAOVERLAPPED o,
                             LPWSAOVERLAPPED_COMPLETION_ROUTINE cr, LPWSATHREADID t, LPINT e)
{
    (void)s, (void)b, (void)n, (void)sent, (void)f, (void)to, (void)tl, (void)o, (void)cr, (void)t;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_set_opt(SOCKET s, int lv, int n, const char *v, int l, LPINT e)
{
    (void)s, (void)lv, (void)n, (void)v, (void)l;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static int WSPAPI no_shutdown(SOCKET s, int h, LPINT e)
{
    (void)s, (void)h;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

static SOCKET WSPAPI no_socket(int af, int ty, int p, LPWSAPROTOCOL_INFOW i, GROUP g, DWORD f,
                               LPINT e)
{
    (void)af, (void)ty, (void)p, (void)i, (void)g, (void)f;
    UNSUPPORTED(e);
    return INVALID_SOCKET;
}

static INT WSPAPI no_string_to_address(LPWSTR s, INT af, LPWSAPROTOCOL_INFOW i, LPSOCKADDR a,
                                       LPINT l, LPINT e)
{
    (void)s, (void)af, (void)i, (void)a, (void)l;
    UNSUPPORTED(e);
    return SOCKET_ERROR;
}

#define FILL(field, fn)                                                                            \
    do {                                                                                           \
        if (!t->field)                                                                             \
            t->field = fn;                                                                         \
    } while (0)

void provider_fill_unsupported(WSPPROC_TABLE *t)
{
    FILL(lpWSPAccept, no_accept);
    FILL(lpWSPAddressToString, no_address_to_string);
    FILL(lpWSPAsyncSelect, no_async_select);
    FILL(lpWSPBind, no_name);
    FILL(lpWSPCancelBlockingCall, no_errno_only);
    FILL(lpWSPCleanup, no_errno_only);
    FILL(lpWSPCloseSocket, no_socket_only);
    FILL(lpWSPConnect, no_connect);
    FILL(lpWSPDuplicateSocket, no_duplicate);
    FILL(lpWSPEnumNetworkEvents, no_enum_events);
    FILL(lpWSPEventSelect, no_event_select);
    FILL(lpWSPGetOverlappedResult, no_overlapped_result);
    FILL(lpWSPGetPeerName, no_get_name);
    FILL(lpWSPGetSockName, no_get_name);
    FILL(lpWSPGetSockOpt, no_get_opt);
    FILL(lpWSPGetQOSByName, no_qos_by_name);
    FILL(lpWSPIoctl, no_ioctl);
    FILL(lpWSPJoinLeaf, no_join_leaf);
    FILL(lpWSPListen, no_listen);
    FILL(lpWSPRecv, no_recv);
    FILL(lpWSPRecvDisconnect, no_disconnect);
    FILL(lpWSPRecvFrom, no_recv_from);
    FILL(lpWSPSelect, no_select);
    FILL(lpWSPSend, no_send);
    FILL(lpWSPSendDisconnect, no_disconnect);
    FILL(lpWSPSendTo, no_send_to);
    FILL(lpWSPSetSockOpt, no_set_opt);
    FILL(lpWSPShutdown, no_shutdown);
    FILL(lpWSPSocket, no_socket);
    FILL(lpWSPStringToAddress, no_string_to_address);
}

bool provider_table_complete(const WSPPROC_TABLE *t)
{
    /* The table is 30 function pointers in a row. */
    void (*const *entry)(void) = (void (*const *)(void))t;
    for (size_t i = 0; i < sizeof(*t) / sizeof(*entry); i++)
        if (!entry[i])
            return false;
    return true;
}
