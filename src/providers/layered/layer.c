/*
 * The layered-provider skeleton (see layer.h): loading the next provider of
 * the chain, and one pass-through function per WSPPROC_TABLE entry with the
 * LSP's hooks around it.
 *
 * ws2_32 starts an LSP once per protocol chain it uses (one WSPStartup per
 * catalog entry) and cleans each start up with one WSPCleanup
 * (LPWSPCleanup.txt); the layer does the same to the provider below, so
 * the counts match all the way down.  The lower provider's shared object
 * is loaded at the first start and unloaded after the last cleanup.
 */
#include "providers/layered/layer.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Linux paths may be longer than Windows' MAX_PATH (260). */
#define LAYER_PATH_MAX 1024

static pthread_mutex_t layer__lock = PTHREAD_MUTEX_INITIALIZER;
static int layer__starts;         /* WSPStartups not yet cleaned up */
static void *layer__lib;          /* the next provider's shared object */
static WSPPROC_TABLE layer__next; /* its functions */

int64_t layer_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool layer__same_guid(const GUID *a, const GUID *b)
{
    return memcmp(a, b, sizeof(*a)) == 0;
}

/* The catalog (WSCEnumProtocols), in a malloc'ed array; NULL with *err set. */
static WSAPROTOCOL_INFOW *layer__catalog(int *count, int *err)
{
    DWORD len = 0;
    WSCEnumProtocols(NULL, NULL, &len, err);
    WSAPROTOCOL_INFOW *all = len ? malloc(len) : NULL;
    if (!all) {
        *err = WSAENOBUFS;
        return NULL;
    }
    *count = WSCEnumProtocols(NULL, all, &len, err);
    if (*count == SOCKET_ERROR) {
        free(all);
        return NULL;
    }
    return all;
}

/*
 * The path of the provider after this one in info's chain, narrowed to
 * bytes, with %NAME% replaced by the environment variable NAME (Windows
 * provider paths are REG_EXPAND_SZ strings).
 */
static int layer__next_path(const WSAPROTOCOL_INFOW *info, char *path, size_t size)
{
    int err = 0, count = 0;
    WSAPROTOCOL_INFOW *all = layer__catalog(&count, &err);
    if (!all)
        return err;
    DWORD self = 0, next = 0;
    for (int i = 0; i < count; i++)
        if (all[i].ProtocolChain.ChainLen == LAYERED_PROTOCOL &&
            layer__same_guid(&all[i].ProviderId, &layer_provider_id))
            self = all[i].dwCatalogEntryId;
    const WSAPROTOCOLCHAIN *chain = &info->ProtocolChain;
    for (int i = 0; i + 1 < chain->ChainLen && i + 1 < MAX_PROTOCOL_CHAIN; i++)
        if (chain->ChainEntries[i] == self)
            next = chain->ChainEntries[i + 1];
    GUID next_id;
    bool found = false;
    for (int i = 0; i < count && !found; i++)
        if (all[i].dwCatalogEntryId == next && next != 0) {
            next_id = all[i].ProviderId;
            found = true;
        }
    free(all);
    if (!found)
        return WSAEPROVIDERFAILEDINIT;

    WCHAR wide[LAYER_PATH_MAX];
    int wide_len = LAYER_PATH_MAX;
    if (WSCGetProviderPath(&next_id, wide, &wide_len, &err) == SOCKET_ERROR)
        return err;
    char raw[LAYER_PATH_MAX];
    size_t n = 0;
    for (; n + 1 < sizeof(raw) && wide[n]; n++)
        raw[n] = wide[n] < 0x80 ? (char)wide[n] : '?';
    raw[n] = '\0';

    size_t out = 0;
    for (const char *p = raw; *p && out + 1 < size;) {
        const char *end = *p == '%' ? strchr(p + 1, '%') : NULL;
        if (end && end > p + 1) {
            char name[128];
            size_t len =
                (size_t)(end - p - 1) < sizeof(name) - 1 ? (size_t)(end - p - 1) : sizeof(name) - 1;
            memcpy(name, p + 1, len);
            name[len] = '\0';
            const char *value = getenv(name);
            for (; value && *value && out + 1 < size; value++)
                path[out++] = *value;
            p = end + 1;
        } else {
            path[out++] = *p++;
        }
    }
    path[out] = '\0';
    return 0;
}

/* Starts the next provider (loading it first if needed); layer__lock held. */
static int layer__start_next_locked(WORD version, LPWSPDATA data, LPWSAPROTOCOL_INFOW info,
                                    WSPUPCALLTABLE upcalls)
{
    if (!layer__lib) {
        char path[LAYER_PATH_MAX * 2];
        int err = layer__next_path(info, path, sizeof(path));
        if (err)
            return err;
        layer__lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!layer__lib)
            return WSAEPROVIDERFAILEDINIT;
    }
    LPWSPSTARTUP startup = (LPWSPSTARTUP)(uintptr_t)dlsym(layer__lib, "WSPStartup");
    WSPPROC_TABLE next;
    memset(&next, 0, sizeof(next));
    int err = startup ? startup(version, data, info, upcalls, &next) : WSAEPROVIDERFAILEDINIT;
    if (err == 0 && layer__starts == 0)
        layer__next = next;
    if (err && layer__starts == 0) {
        dlclose(layer__lib);
        layer__lib = NULL;
    }
    return err;
}

/* The pass-through functions, each with the hooks around it. */

#define LAYER_BEGIN(NAME, ...)                                                                     \
    struct layer_call call_ = {.name = (NAME), .start_ns = layer_now_ns()};                        \
    if (layer_formats_args)                                                                        \
        snprintf(call_.args, sizeof(call_.args), __VA_ARGS__);                                     \
    int injected_ = layer_before(&call_)

/* Fails the call with the injected error, returning failed. */
#define LAYER_INJECT(failed)                                                                       \
    do {                                                                                           \
        if (injected_) {                                                                           \
            *lpErrno = injected_;                                                                  \
            layer_after(&call_, (intptr_t)(failed), injected_);                                    \
            return failed;                                                                         \
        }                                                                                          \
    } while (0)

#define LAYER_END(result, failed)                                                                  \
    layer_after(&call_, (intptr_t)(result), (result) == (failed) ? *lpErrno : 0)

static SOCKET WSPAPI layer__accept(SOCKET s, struct sockaddr *addr, LPINT addrlen,
                                   LPCONDITIONPROC cond, DWORD_PTR data, LPINT lpErrno)
{
    LAYER_BEGIN("WSPAccept", "s=%lu", (unsigned long)s);
    LAYER_INJECT(INVALID_SOCKET);
    SOCKET r = layer__next.lpWSPAccept(s, addr, addrlen, cond, data, lpErrno);
    LAYER_END(r, INVALID_SOCKET);
    return r;
}

static INT WSPAPI layer__address_to_string(LPSOCKADDR sa, DWORD salen, LPWSAPROTOCOL_INFOW info,
                                           LPWSTR out, LPDWORD outlen, LPINT lpErrno)
{
    LAYER_BEGIN("WSPAddressToString", "len=%lu", (unsigned long)salen);
    LAYER_INJECT(SOCKET_ERROR);
    INT r = layer__next.lpWSPAddressToString(sa, salen, info, out, outlen, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__async_select(SOCKET s, HWND wnd, unsigned int msg, LONG events,
                                      LPINT lpErrno)
{
    LAYER_BEGIN("WSPAsyncSelect", "s=%lu events=0x%lx", (unsigned long)s, (unsigned long)events);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPAsyncSelect(s, wnd, msg, events, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__bind(SOCKET s, const struct sockaddr *name, int namelen, LPINT lpErrno)
{
    LAYER_BEGIN("WSPBind", "s=%lu len=%d", (unsigned long)s, namelen);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPBind(s, name, namelen, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__cancel_blocking_call(LPINT lpErrno)
{
    LAYER_BEGIN("WSPCancelBlockingCall", "%s", "");
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPCancelBlockingCall(lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__cleanup(LPINT lpErrno)
{
    LAYER_BEGIN("WSPCleanup", "%s", "");
    pthread_mutex_lock(&layer__lock);
    if (layer__starts == 0) {
        /* LPWSPCleanup.txt: no WSPStartup to match. */
        pthread_mutex_unlock(&layer__lock);
        *lpErrno = WSANOTINITIALISED;
        layer_after(&call_, SOCKET_ERROR, WSANOTINITIALISED);
        return SOCKET_ERROR;
    }
    /* The provider below is cleaned up even when a failure is injected. */
    int r = layer__next.lpWSPCleanup(lpErrno);
    if (--layer__starts == 0) {
        /*
         * Its final WSPCleanup has returned: nothing of it runs any more.
         * layer__next keeps its stale pointers: no call comes after the
         * final cleanup (ws2_32 refuses them), and clearing the table would
         * race with the last calls still returning through this layer.
         */
        dlclose(layer__lib);
        layer__lib = NULL;
    }
    pthread_mutex_unlock(&layer__lock);
    if (injected_) {
        *lpErrno = injected_;
        r = SOCKET_ERROR;
    }
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__close_socket(SOCKET s, LPINT lpErrno)
{
    LAYER_BEGIN("WSPCloseSocket", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPCloseSocket(s, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__connect(SOCKET s, const struct sockaddr *name, int namelen,
                                 LPWSABUF caller, LPWSABUF callee, LPQOS sqos, LPQOS gqos,
                                 LPINT lpErrno)
{
    LAYER_BEGIN("WSPConnect", "s=%lu len=%d", (unsigned long)s, namelen);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPConnect(s, name, namelen, caller, callee, sqos, gqos, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__duplicate_socket(SOCKET s, DWORD pid, LPWSAPROTOCOL_INFOW info,
                                          LPINT lpErrno)
{
    LAYER_BEGIN("WSPDuplicateSocket", "s=%lu pid=%lu", (unsigned long)s, (unsigned long)pid);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPDuplicateSocket(s, pid, info, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__enum_network_events(SOCKET s, WSAEVENT event, LPWSANETWORKEVENTS out,
                                             LPINT lpErrno)
{
    LAYER_BEGIN("WSPEnumNetworkEvents", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPEnumNetworkEvents(s, event, out, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__event_select(SOCKET s, WSAEVENT event, LONG events, LPINT lpErrno)
{
    LAYER_BEGIN("WSPEventSelect", "s=%lu events=0x%lx", (unsigned long)s, (unsigned long)events);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPEventSelect(s, event, events, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static BOOL WSPAPI layer__get_overlapped_result(SOCKET s, LPWSAOVERLAPPED ov, LPDWORD bytes,
                                                BOOL wait, LPDWORD flags, LPINT lpErrno)
{
    LAYER_BEGIN("WSPGetOverlappedResult", "s=%lu ov=%p wait=%d", (unsigned long)s, (void *)ov,
                (int)wait);
    LAYER_INJECT(FALSE);
    BOOL r = layer__next.lpWSPGetOverlappedResult(s, ov, bytes, wait, flags, lpErrno);
    LAYER_END(r, FALSE);
    return r;
}

static int WSPAPI layer__get_peer_name(SOCKET s, struct sockaddr *name, LPINT len, LPINT lpErrno)
{
    LAYER_BEGIN("WSPGetPeerName", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPGetPeerName(s, name, len, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__get_sock_name(SOCKET s, struct sockaddr *name, LPINT len, LPINT lpErrno)
{
    LAYER_BEGIN("WSPGetSockName", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPGetSockName(s, name, len, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__get_sock_opt(SOCKET s, int level, int name, char *value, LPINT len,
                                      LPINT lpErrno)
{
    LAYER_BEGIN("WSPGetSockOpt", "s=%lu level=%d name=%d", (unsigned long)s, level, name);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPGetSockOpt(s, level, name, value, len, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static BOOL WSPAPI layer__get_qos_by_name(SOCKET s, LPWSABUF name, LPQOS qos, LPINT lpErrno)
{
    LAYER_BEGIN("WSPGetQOSByName", "s=%lu", (unsigned long)s);
    LAYER_INJECT(FALSE);
    BOOL r = layer__next.lpWSPGetQOSByName(s, name, qos, lpErrno);
    LAYER_END(r, FALSE);
    return r;
}

static int WSPAPI layer__ioctl(SOCKET s, DWORD code, LPVOID in, DWORD in_len, LPVOID out,
                               DWORD out_len, LPDWORD returned, LPWSAOVERLAPPED ov,
                               LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, LPWSATHREADID thread,
                               LPINT lpErrno)
{
    LAYER_BEGIN("WSPIoctl", "s=%lu code=0x%lx ov=%p", (unsigned long)s, (unsigned long)code,
                (void *)ov);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPIoctl(s, code, in, in_len, out, out_len, returned, ov, routine, thread,
                                   lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static SOCKET WSPAPI layer__join_leaf(SOCKET s, const struct sockaddr *name, int namelen,
                                      LPWSABUF caller, LPWSABUF callee, LPQOS sqos, LPQOS gqos,
                                      DWORD flags, LPINT lpErrno)
{
    LAYER_BEGIN("WSPJoinLeaf", "s=%lu", (unsigned long)s);
    LAYER_INJECT(INVALID_SOCKET);
    SOCKET r =
        layer__next.lpWSPJoinLeaf(s, name, namelen, caller, callee, sqos, gqos, flags, lpErrno);
    LAYER_END(r, INVALID_SOCKET);
    return r;
}

static int WSPAPI layer__listen(SOCKET s, int backlog, LPINT lpErrno)
{
    LAYER_BEGIN("WSPListen", "s=%lu backlog=%d", (unsigned long)s, backlog);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPListen(s, backlog, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__recv(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD got, LPDWORD flags,
                              LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                              LPWSATHREADID thread, LPINT lpErrno)
{
    LAYER_BEGIN("WSPRecv", "s=%lu bufs=%lu ov=%p", (unsigned long)s, (unsigned long)count,
                (void *)ov);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPRecv(s, bufs, count, got, flags, ov, routine, thread, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__recv_disconnect(SOCKET s, LPWSABUF data, LPINT lpErrno)
{
    LAYER_BEGIN("WSPRecvDisconnect", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPRecvDisconnect(s, data, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__recv_from(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD got, LPDWORD flags,
                                   struct sockaddr *from, LPINT fromlen, LPWSAOVERLAPPED ov,
                                   LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, LPWSATHREADID thread,
                                   LPINT lpErrno)
{
    LAYER_BEGIN("WSPRecvFrom", "s=%lu bufs=%lu ov=%p", (unsigned long)s, (unsigned long)count,
                (void *)ov);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPRecvFrom(s, bufs, count, got, flags, from, fromlen, ov, routine,
                                      thread, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
                                const TIMEVAL *timeout, LPINT lpErrno)
{
    LAYER_BEGIN("WSPSelect", "nfds=%d", nfds);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPSelect(nfds, readfds, writefds, exceptfds, timeout, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__send(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD sent, DWORD flags,
                              LPWSAOVERLAPPED ov, LPWSAOVERLAPPED_COMPLETION_ROUTINE routine,
                              LPWSATHREADID thread, LPINT lpErrno)
{
    LAYER_BEGIN("WSPSend", "s=%lu bufs=%lu ov=%p", (unsigned long)s, (unsigned long)count,
                (void *)ov);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPSend(s, bufs, count, sent, flags, ov, routine, thread, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__send_disconnect(SOCKET s, LPWSABUF data, LPINT lpErrno)
{
    LAYER_BEGIN("WSPSendDisconnect", "s=%lu", (unsigned long)s);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPSendDisconnect(s, data, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__send_to(SOCKET s, LPWSABUF bufs, DWORD count, LPDWORD sent, DWORD flags,
                                 const struct sockaddr *to, int tolen, LPWSAOVERLAPPED ov,
                                 LPWSAOVERLAPPED_COMPLETION_ROUTINE routine, LPWSATHREADID thread,
                                 LPINT lpErrno)
{
    LAYER_BEGIN("WSPSendTo", "s=%lu bufs=%lu ov=%p", (unsigned long)s, (unsigned long)count,
                (void *)ov);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPSendTo(s, bufs, count, sent, flags, to, tolen, ov, routine, thread,
                                    lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__set_sock_opt(SOCKET s, int level, int name, const char *value, int len,
                                      LPINT lpErrno)
{
    LAYER_BEGIN("WSPSetSockOpt", "s=%lu level=%d name=%d", (unsigned long)s, level, name);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPSetSockOpt(s, level, name, value, len, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static int WSPAPI layer__shutdown(SOCKET s, int how, LPINT lpErrno)
{
    LAYER_BEGIN("WSPShutdown", "s=%lu how=%d", (unsigned long)s, how);
    LAYER_INJECT(SOCKET_ERROR);
    int r = layer__next.lpWSPShutdown(s, how, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static SOCKET WSPAPI layer__socket(int af, int type, int protocol, LPWSAPROTOCOL_INFOW info,
                                   GROUP g, DWORD flags, LPINT lpErrno)
{
    LAYER_BEGIN("WSPSocket", "af=%d type=%d protocol=%d entry=%lu", af, type, protocol,
                info ? (unsigned long)info->dwCatalogEntryId : 0ul);
    LAYER_INJECT(INVALID_SOCKET);
    /* The chain's own entry goes down, so the socket is registered under it (layer.h). */
    SOCKET r = layer__next.lpWSPSocket(af, type, protocol, info, g, flags, lpErrno);
    LAYER_END(r, INVALID_SOCKET);
    return r;
}

static INT WSPAPI layer__string_to_address(LPWSTR text, INT af, LPWSAPROTOCOL_INFOW info,
                                           LPSOCKADDR out, LPINT outlen, LPINT lpErrno)
{
    LAYER_BEGIN("WSPStringToAddress", "af=%d", af);
    LAYER_INJECT(SOCKET_ERROR);
    INT r = layer__next.lpWSPStringToAddress(text, af, info, out, outlen, lpErrno);
    LAYER_END(r, SOCKET_ERROR);
    return r;
}

static const WSPPROC_TABLE layer__procs = {
    .lpWSPAccept = layer__accept,
    .lpWSPAddressToString = layer__address_to_string,
    .lpWSPAsyncSelect = layer__async_select,
    .lpWSPBind = layer__bind,
    .lpWSPCancelBlockingCall = layer__cancel_blocking_call,
    .lpWSPCleanup = layer__cleanup,
    .lpWSPCloseSocket = layer__close_socket,
    .lpWSPConnect = layer__connect,
    .lpWSPDuplicateSocket = layer__duplicate_socket,
    .lpWSPEnumNetworkEvents = layer__enum_network_events,
    .lpWSPEventSelect = layer__event_select,
    .lpWSPGetOverlappedResult = layer__get_overlapped_result,
    .lpWSPGetPeerName = layer__get_peer_name,
    .lpWSPGetSockName = layer__get_sock_name,
    .lpWSPGetSockOpt = layer__get_sock_opt,
    .lpWSPGetQOSByName = layer__get_qos_by_name,
    .lpWSPIoctl = layer__ioctl,
    .lpWSPJoinLeaf = layer__join_leaf,
    .lpWSPListen = layer__listen,
    .lpWSPRecv = layer__recv,
    .lpWSPRecvDisconnect = layer__recv_disconnect,
    .lpWSPRecvFrom = layer__recv_from,
    .lpWSPSelect = layer__select,
    .lpWSPSend = layer__send,
    .lpWSPSendDisconnect = layer__send_disconnect,
    .lpWSPSendTo = layer__send_to,
    .lpWSPSetSockOpt = layer__set_sock_opt,
    .lpWSPShutdown = layer__shutdown,
    .lpWSPSocket = layer__socket,
    .lpWSPStringToAddress = layer__string_to_address,
};

__attribute__((visibility("default"))) int WSPAPI WSPStartup(WORD wVersionRequested,
                                                             LPWSPDATA lpWSPData,
                                                             LPWSAPROTOCOL_INFOW lpProtocolInfo,
                                                             WSPUPCALLTABLE UpcallTable,
                                                             LPWSPPROC_TABLE lpProcTable)
{
    struct layer_call call_ = {.name = "WSPStartup", .start_ns = layer_now_ns()};
    snprintf(call_.args, sizeof(call_.args), "version=0x%04x entry=%lu", wVersionRequested,
             lpProtocolInfo ? (unsigned long)lpProtocolInfo->dwCatalogEntryId : 0ul);
    int err = layer_before(&call_);
    if (!err && (!lpWSPData || !lpProtocolInfo || !lpProcTable))
        err = WSAEFAULT;
    if (!err) {
        pthread_mutex_lock(&layer__lock);
        err = layer__start_next_locked(wVersionRequested, lpWSPData, lpProtocolInfo, UpcallTable);
        if (!err) {
            layer__starts++;
            *lpProcTable = layer__procs;
        }
        pthread_mutex_unlock(&layer__lock);
    }
    layer_after(&call_, err ? SOCKET_ERROR : 0, err);
    return err;
}
