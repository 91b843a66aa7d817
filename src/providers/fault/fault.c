/*
 * The fault-injection layered provider: makes chosen calls fail, or go
 * slowly, so that error paths can be tested through the whole stack
 * (ws2_32, this layer, the base provider) — above all the WSAENETDOWN rows
 * of the spec (closesocket.md, WSACleanup.txt, LPWSPCleanup.txt).
 *
 * Configured by WS2POSIX_FAULT, read at each call so that a test can change
 * it on the fly: a comma-separated list of
 *   <call>=<error>   fail every <call> (e.g. WSPSend) with Winsock error <error>
 *                    (a number, or WSAENETDOWN / WSAECONNRESET / WSAENOBUFS ...);
 *   <call>+<ms>      delay every <call> by <ms> milliseconds before it goes down.
 * A failed call does not reach the provider below, except WSPCleanup, which
 * always does (LPWSPCleanup.txt: every WSPStartup gets its WSPCleanup), and
 * then reports the error.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "providers/layered/layer.h"

/* {0e9d3a4c-5b61-4f2e-8c7d-1a2b3c4d5e6f} */
const bool layer_formats_args = false;

const GUID layer_provider_id = {
    0x0e9d3a4c, 0x5b61, 0x4f2e, {0x8c, 0x7d, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e, 0x6f}};

static const struct {
    const char *name;
    int code;
} fault__names[] = {
    {"WSAENETDOWN", WSAENETDOWN},       {"WSAENETRESET", WSAENETRESET},
    {"WSAECONNRESET", WSAECONNRESET},   {"WSAECONNABORTED", WSAECONNABORTED},
    {"WSAENOBUFS", WSAENOBUFS},         {"WSAEINTR", WSAEINTR},
    {"WSAEWOULDBLOCK", WSAEWOULDBLOCK}, {"WSAETIMEDOUT", WSAETIMEDOUT},
};

static int fault__code(const char *text, size_t len)
{
    for (size_t i = 0; i < sizeof(fault__names) / sizeof(fault__names[0]); i++)
        if (strlen(fault__names[i].name) == len && memcmp(fault__names[i].name, text, len) == 0)
            return fault__names[i].code;
    return atoi(text);
}

int layer_before(struct layer_call *call)
{
    const char *spec = getenv("WS2POSIX_FAULT");
    size_t name_len = strlen(call->name);
    int error = 0;
    while (spec && *spec) {
        const char *end = strchr(spec, ',');
        size_t len = end ? (size_t)(end - spec) : strlen(spec);
        if (len > name_len && memcmp(spec, call->name, name_len) == 0) {
            const char *value = spec + name_len + 1;
            size_t value_len = len - name_len - 1;
            if (spec[name_len] == '=')
                error = fault__code(value, value_len);
            else if (spec[name_len] == '+')
                Sleep((DWORD)atoi(value));
        }
        spec = end ? end + 1 : NULL;
    }
    return error;
}

void layer_after(const struct layer_call *call, intptr_t result, int error)
{
    (void)call;
    (void)result;
    (void)error;
}
