/*
 * The skeleton that our layered service providers (LSPs) share: the tracing
 * provider (src/providers/trace) and the fault-injection provider
 * (src/providers/fault).  Each is a shared object exporting WSPStartup,
 * installed into the catalog (WSCInstallProvider) as one layered entry
 * (ChainLen LAYERED_PROTOCOL) plus protocol chains [this provider, ...,
 * base provider] ordered ahead of the base entries, as Windows LSPs are.
 *
 * layer.c does what every LSP does: at WSPStartup it finds the next
 * provider of its chain in the catalog (WSCEnumProtocols), loads it by path
 * (WSCGetProviderPath, dlopen, dlsym "WSPStartup") and starts it; every
 * call then passes down to that provider.  The provider is "IFS-style": it
 * hands the lower provider the chain's WSAPROTOCOL_INFOW, so the sockets the
 * base provider makes are registered (WPUModifyIFSHandle) under the chain's
 * catalog entry, and ws2_32 sends every call on them through this layer.
 *
 * What a particular LSP adds goes in two hooks around each call.
 */
#ifndef WS2_PROVIDERS_LAYERED_LAYER_H
#define WS2_PROVIDERS_LAYERED_LAYER_H

#include <stdbool.h>
#include <stdint.h>

#include <winsock2.h>
#include <ws2spi.h>

/* One call passing through the layer. */
struct layer_call {
    const char *name; /* "WSPSend", ... */
    int64_t start_ns; /* CLOCK_MONOTONIC */
    char args[192];   /* the arguments, formatted for a log */
};

/*
 * Before the call goes down: 0 to pass it on, or a Winsock error to fail it
 * with instead (the lower provider is then not called, except for
 * WSPCleanup, which always reaches it so that nothing stays started).
 */
int layer_before(struct layer_call *call);

/* After the call: its result (a SOCKET, BOOL or int) and its error, 0 on success. */
void layer_after(const struct layer_call *call, intptr_t result, int error);

/*
 * Whether layer_before/after read call->args: formatting them is most of
 * what a pass-through call costs, so a layer that does not log skips it.
 */
extern const bool layer_formats_args;

/* This provider's GUID: it finds its own layered entry in the catalog by it. */
extern const GUID layer_provider_id;

/* Monotonic nanoseconds, for the hooks' timing. */
int64_t layer_now_ns(void);

#endif
