/*
 * What the WSAProviderConfigChange tests share (test_provider_config_change.c,
 * test_provider_config_reload.c): a catalog file of their own in a fresh
 * folder (WS2POSIX_CATALOG), changed the two ways a catalog changes —
 * rewritten in place, or replaced by a rename (what the WSC functions do) —
 * and a thread that changes it during a wait.
 */
#ifndef WS2_TESTS_PROVCFG_CATALOG_H
#define WS2_TESTS_PROVCFG_CATALOG_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

/* Generous: the machine running the tests is loaded. */
#define CHANGE_TIMEOUT_MS 15000
/* How long a notification must stay pending when nothing changes. */
#define QUIET_MS 300

static char dir[64];
static char catalog_path[128];

#define TEST_ENTRY_ID 1005

/* A base TCP/IPv4 entry of a provider that is never loaded (no socket asks for it). */
static const char entry_line[] =
    "entry id=1005 provider={2b3c4d5e-0000-4000-8000-0000000000c1} path=\"/nowhere/p.so\" "
    "chainlen=1 chain=1005 flags1=0x00020066 flags2=0x00000000 flags3=0x00000000 "
    "flags4=0x00000000 pflags=0x00000000 version=2 af=2 maxaddr=16 minaddr=16 type=1 "
    "protocol=6 protomax=0 byteorder=0 security=0 msgsize=0 reserved=0 name=\"provcfg test\"\n";

static inline void catalog_text(bool with_entry, char *out, size_t size)
{
    snprintf(out, size, "version 1\nnext-id 1006\n%s", with_entry ? entry_line : "");
}

/* Rewrites the catalog file in place (open, truncate, write, close). */
static inline void rewrite_in_place(bool with_entry)
{
    char text[1024];
    catalog_text(with_entry, text, sizeof(text));
    FILE *f = fopen(catalog_path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

/* Replaces the catalog file with a rename, as the WSC functions do. */
static inline void replace_by_rename(bool with_entry)
{
    char text[1024], tmp[160];
    catalog_text(with_entry, text, sizeof(text));
    snprintf(tmp, sizeof(tmp), "%s/catalog.new", dir);
    FILE *f = fopen(tmp, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rename(tmp, catalog_path), 0);
}

/* Whether WSAEnumProtocols lists the test entry. */
static inline bool enum_has_test_entry(void)
{
    WSAPROTOCOL_INFOW infos[64];
    DWORD len = sizeof(infos);
    int n = WSAEnumProtocolsW(NULL, infos, &len);
    assert_true(n > 0);
    for (int i = 0; i < n; i++)
        if (infos[i].dwCatalogEntryId == TEST_ENTRY_ID)
            return true;
    return false;
}

static inline int catalog_setup(void **state)
{
    strcpy(dir, "/tmp/ws2provcfg.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(catalog_path, sizeof(catalog_path), "%s/catalog", dir);
    setenv("WS2POSIX_CATALOG", catalog_path, 1);
    rewrite_in_place(false);
    return ws2t_setup(state);
}

static inline int catalog_teardown(void **state)
{
    ws2t_teardown(state);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Whether ov is still pending, read as the library writes it (atomically: another thread may). */
static inline bool still_pending(WSAOVERLAPPED *ov)
{
    return __atomic_load_n(&ov->Internal, __ATOMIC_SEQ_CST) == 0x103; /* STATUS_PENDING */
}

static inline HANDLE new_handle(void)
{
    HANDLE h = NULL;
    assert_int_equal(WSAProviderConfigChange(&h, NULL, NULL), 0);
    assert_non_null(h);
    return h;
}

/* A thread that changes the catalog after a pause, so that the change comes during the wait. */
struct changer {
    DWORD delay_ms;
    bool rename;
    volatile LONG changed; /* set just before the change */
};

static inline DWORD WINAPI change_later(LPVOID arg)
{
    struct changer *c = arg;
    Sleep(c->delay_ms);
    InterlockedExchange(&c->changed, 1);
    if (c->rename)
        replace_by_rename(true);
    else
        rewrite_in_place(true);
    return 0;
}

static inline HANDLE start_changer(struct changer *c)
{
    HANDLE t = CreateThread(NULL, 0, change_later, c, 0, NULL);
    assert_non_null(t);
    return t;
}

#endif
