/*
 * The catalog file's grammar, against files written by hand.  The catalog is
 * system-wide, so a line the parser cannot take must not take down every
 * Winsock program: README.md, "Catalog and providers": "A file that cannot
 * be read or parsed makes WSAStartup return WSASYSNOTREADY (and the WSC
 * functions WSANO_RECOVERY)" -- never a crash, a leak or a hang.  Each test
 * starts from a catalog that loads (valid_catalog_with_every_key_loads) and
 * breaks one thing in it.  Every test works on a file of its own in a fresh
 * folder (WS2POSIX_CATALOG).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sporder.h>

#include "testlib.h"

/* The built-in entries: TCP and UDP over IPv4 and IPv6, AF_UNIX, raw IPv4 and IPv6. */
#define BUILTINS 7

static char dir[64];
static char catalog_path[128];

#define GUID_LAYERED "{1c2a7e00-0000-4000-8000-0000000000a1}"
#define GUID_CHAIN   "{1c2a7e00-0000-4000-8000-0000000000a2}"

/* The keys of an entry line after id, provider, path, chainlen and chain, as the writer puts them.
 */
#define FIELDS                                                                                     \
    "flags1=0x00020066", "flags2=0x00000000", "flags3=0x00000000", "flags4=0x00000000",            \
        "pflags=0x00000008", "version=2", "af=2", "maxaddr=16", "minaddr=16", "type=1",            \
        "protocol=6", "protomax=0", "byteorder=0", "security=0", "msgsize=0", "reserved=0"

/* A layered entry (1005) and a TCP/IPv4 chain over it and the built-in 1001 (1006). */
static const char *const layered_keys[] = {
    "id=1005", "provider=" GUID_LAYERED, "path=\"/nowhere/lsp.so\"", "chainlen=0", "chain=",
    FIELDS,    "name=\"layered\""};
static const char *const chain_keys[] = {"id=1006",
                                         "provider=" GUID_CHAIN,
                                         "path=/nowhere/lsp.so",
                                         "chainlen=2",
                                         "chain=1005,1001",
                                         FIELDS,
                                         "name=\"chain \\\"over\\\" \\\\TCP\\t\""};
#define KEYS (sizeof(chain_keys) / sizeof(chain_keys[0]))

static void write_bytes(const char *text, size_t len)
{
    FILE *f = fopen(catalog_path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/*
 * "entry " and the keys into out: the key at index omit left out, the one at
 * index twice written twice, the one named key given value instead (-1 and
 * NULL for none).
 */
static void entry_line(char *out, size_t size, const char *const keys[], int omit, int twice,
                       const char *key, const char *value)
{
    size_t len = (size_t)snprintf(out, size, "entry");
    for (int i = 0; i < (int)KEYS; i++) {
        if (i == omit)
            continue;
        const char *text = keys[i];
        char replaced[9000];
        size_t klen = strcspn(text, "=");
        if (key && strlen(key) == klen && strncmp(text, key, klen) == 0) {
            snprintf(replaced, sizeof(replaced), "%s=%s", key, value);
            text = replaced;
        }
        for (int n = i == twice ? 2 : 1; n > 0; n--)
            len += (size_t)snprintf(out + len, size - len, " %s", text);
    }
    snprintf(out + len, size - len, "\n");
}

/* The test catalog, with the chain entry's line changed as entry_line says. */
static void write_with_chain(int omit, int twice, const char *key, const char *value)
{
    static char text[40000];
    char layered[2000];
    entry_line(layered, sizeof(layered), layered_keys, -1, -1, NULL, NULL);
    int len = snprintf(text, sizeof(text), "# by hand\nversion 1\nnext-id 1007\n%s", layered);
    entry_line(text + len, sizeof(text) - (size_t)len, chain_keys, omit, twice, key, value);
    write_bytes(text, strlen(text));
}

/* WSAStartup says WSASYSNOTREADY and starts nothing; the WSC functions say WSANO_RECOVERY. */
static void assert_refused(const char *what)
{
    WSADATA data;
    int r = WSAStartup(MAKEWORD(2, 2), &data);
    if (r != WSASYSNOTREADY)
        fail_msg("WSAStartup returned %d, not WSASYSNOTREADY, for %s", r, what);
    assert_int_equal(WSACleanup(), SOCKET_ERROR);
    assert_int_equal(WSAGetLastError(), WSANOTINITIALISED);
    DWORD size = 0;
    int err = 0;
    assert_int_equal(WSCEnumProtocols(NULL, NULL, &size, &err), SOCKET_ERROR);
    assert_int_equal(err, WSANO_RECOVERY);
    GUID chain = {0x1c2a7e00, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xa2}};
    WCHAR path[256];
    int len = 256;
    err = 0;
    assert_int_equal(WSCGetProviderPath(&chain, path, &len, &err), SOCKET_ERROR);
    assert_int_equal(err, WSANO_RECOVERY);
}

static int file_setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/ws2catfile.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(catalog_path, sizeof(catalog_path), "%s/catalog", dir);
    setenv("WS2POSIX_CATALOG", catalog_path, 1);
    return 0;
}

static int file_teardown(void **state)
{
    ws2t_teardown(state);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The hand-written catalog the other tests break: every key once, quoted and bare values. */
static void valid_catalog_with_every_key_loads(void **state)
{
    (void)state;
    write_with_chain(-1, -1, NULL, NULL);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    WSAPROTOCOL_INFOW all[64];
    int n = ws2t_wsc_all(all, 64);
    assert_int_equal(n, BUILTINS + 2);
    /* Built-in entries the file does not list come first. */
    assert_int_equal(all[BUILTINS].dwCatalogEntryId, 1005);
    assert_int_equal(all[BUILTINS].ProtocolChain.ChainLen, LAYERED_PROTOCOL);
    assert_int_equal(all[BUILTINS + 1].dwCatalogEntryId, 1006);
    assert_int_equal(all[BUILTINS + 1].ProtocolChain.ChainLen, 2);
    assert_int_equal(all[BUILTINS + 1].ProtocolChain.ChainEntries[0], 1005);
    assert_int_equal(all[BUILTINS + 1].ProtocolChain.ChainEntries[1], 1001);
    assert_int_equal(all[BUILTINS + 1].dwServiceFlags1, 0x00020066);
    assert_int_equal(all[BUILTINS + 1].dwProviderFlags, PFL_MATCHES_PROTOCOL_ZERO);
    assert_int_equal(all[BUILTINS + 1].iProtocol, IPPROTO_TCP);
    WCHAR name[64];
    ws2t_wide("chain \"over\" \\TCP\t", name);
    size_t name_len = 0;
    while (name[name_len])
        name_len++;
    assert_memory_equal(all[BUILTINS + 1].szProtocol, name, (name_len + 1) * sizeof(WCHAR));
    WCHAR path[64];
    int len = 64, err = 0;
    GUID chain = {0x1c2a7e00, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xa2}};
    assert_int_equal(WSCGetProviderPath(&chain, path, &len, &err), 0);
    WCHAR expected[64];
    ws2t_wide("/nowhere/lsp.so", expected);
    assert_memory_equal(path, expected, sizeof(WCHAR) * 16);
    assert_int_equal(WSACleanup(), 0);
}

/* The bug report: a second, empty path= after a good one was freed twice (SIGABRT). */
static void entry_with_a_second_empty_path_fails_startup(void **state)
{
    (void)state;
    write_with_chain(-1, -1, "path", "/nowhere/lsp.so path=\"\"");
    assert_refused("a second, empty path=");
    write_with_chain(-1, -1, "path", "/nowhere/lsp.so path=");
    assert_refused("a second, empty bare path=");
    write_with_chain(-1, -1, "path", "\"\"");
    assert_refused("an empty path");
}

/* Each key of an entry line left out, and each written twice (even with the same value). */
static void entry_missing_or_repeated_key_fails_startup(void **state)
{
    (void)state;
    char what[64];
    for (int i = 0; i < (int)KEYS; i++) {
        snprintf(what, sizeof(what), "%.*s left out", (int)strcspn(chain_keys[i], "="),
                 chain_keys[i]);
        write_with_chain(i, -1, NULL, NULL);
        assert_refused(what);
        snprintf(what, sizeof(what), "%.*s twice", (int)strcspn(chain_keys[i], "="), chain_keys[i]);
        write_with_chain(-1, i, NULL, NULL);
        assert_refused(what);
    }
}

/* Values out of range or malformed: huge numbers, bad escapes, bad chains, unknown keys. */
static void entry_bad_value_fails_startup(void **state)
{
    (void)state;
    static char long_name[400];
    memset(long_name, 'n', 256); /* WSAPROTOCOL_LEN is 255 */
    static const struct {
        const char *key, *value;
    } bad[] = {
        {"id", "4294967296"},
        {"id", "99999999999999999999999"},
        {"id", "-1"},
        {"id", "4294967295"},
        {"id", "100001"}, /* past CATALOG_LAST_ID: the ids processes give their own entries */
        {"id", "1002"},   /* a built-in entry's id */
        {"id", "1005"},   /* the layered entry's id, again */
        {"id", " 1006"},
        {"id", "+1006"},
        {"id", "0x"},
        {"provider", "{zz}"},
        {"provider", GUID_CHAIN "x"},
        {"chainlen", "8"}, /* MAX_PROTOCOL_CHAIN is 7 */
        {"chainlen", "-1"},
        {"chainlen", "4294967298"},
        {"chainlen", "3"}, /* two ids in the chain */
        {"chainlen", "1"}, /* one id in the chain, and not its own */
        {"chain", "1005,9999"},
        {"chain", "1005,1001,"},
        {"chain", "1005,,1001"},
        {"chain", "1005;1001"},
        {"chain", "1006,1001"}, /* itself */
        {"chain", "1005,1001,1001,1001,1001,1001,1001,1001"},
        {"chain", "4294968297,1001"},
        {"af", "4294967296"},
        {"af", "-2147483649"},
        {"af", ""},
        {"af", "2x"},
        {"af", "1e3"},
        {"protocol", "2147483647"}, /* with protomax=1 */
        {"path", "\"/x\\q\""},      /* an escape the format does not have */
        {"path", "\"/x\\\""},       /* a backslash before the closing quote */
        {"path", "\"/x"},
        {"path", "\"/x\"/y"},
        {"name", long_name},
        {"name", "\"unterminated"},
        {"flags1", "0x1000000000"},
        {"reserved", "0 colour=blue"}, /* an unknown key */
    };
    char what[128];
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (strcmp(bad[i].key, "protocol") == 0) {
            /* protocol + protomax past INT_MAX: socket()'s match would overflow. */
            char line[2000], layered[2000], text[4200];
            entry_line(line, sizeof(line), chain_keys, -1, -1, "protocol", bad[i].value);
            char *protomax = strstr(line, "protomax=0");
            assert_non_null(protomax);
            protomax[9] = '1';
            entry_line(layered, sizeof(layered), layered_keys, -1, -1, NULL, NULL);
            snprintf(text, sizeof(text), "version 1\n%s%s", layered, line);
            write_bytes(text, strlen(text));
        } else {
            write_with_chain(-1, -1, bad[i].key, bad[i].value);
        }
        snprintf(what, sizeof(what), "%s=%.40s", bad[i].key, bad[i].value);
        assert_refused(what);
    }
}

/* Lines other than entries: repeated, out of range, NUL bytes, too long, too many, too big. */
static void malformed_line_fails_startup(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "version 1\nversion 1\n",
        "version 01x\n",
        "version 18446744073709551617\n",
        "version 1\nnext-id 1007\nnext-id 1008\n",
        "version 1\nnext-id 100002\n",
        "version 1\nnext-id -1\n",
        "version 1\nnext-id 18446744073709551617\n",
        "version 1\nbuiltin 1001\nbuiltin 1001\n",
        "version 1\nbuiltin 18446744073709552617\n",
        "version 1\nbuiltin +1001\n",
        "version 1\nbuiltin 1005\n",
        "version 1\nbuiltin 1001 \n",
        "version 1\r\nbuiltin 1001\r\n",
        "builtin 1001\nversion 1\n",
        "",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        write_bytes(bad[i], strlen(bad[i]));
        assert_refused(bad[i]);
    }
    /* A NUL byte, even in the last line: what follows it must not be lost unseen. */
    static const char nul_last[] = "version 1\nbuiltin 1001\0garbage";
    write_bytes(nul_last, sizeof(nul_last) - 1);
    assert_refused("a NUL byte in the last line");
    static const char nul_first[] = "version 1\0\nbuiltin 1001\n";
    write_bytes(nul_first, sizeof(nul_first) - 1);
    assert_refused("a NUL byte in the first line");

    /* A line of 8192 characters or more (a comment too). */
    static char text[5 << 20];
    int len = snprintf(text, sizeof(text), "version 1\n#");
    memset(text + len, 'x', 8200);
    len += 8200;
    text[len++] = '\n';
    write_bytes(text, (size_t)len);
    assert_refused("a line of 8200 characters");

    /* More entries than the catalog holds (64, the four built-in ones among them). */
    len = snprintf(text, sizeof(text), "version 1\n");
    for (int i = 0; i < 61; i++) {
        char line[2000], id[16];
        snprintf(id, sizeof(id), "%d", 1005 + i);
        entry_line(line, sizeof(line), layered_keys, -1, -1, "id", id);
        len += snprintf(text + len, sizeof(text) - (size_t)len, "%s", line);
    }
    write_bytes(text, (size_t)len);
    assert_refused("61 entries and the four built-in ones");

    /* A file past 4 MiB of comments. */
    len = snprintf(text, sizeof(text), "version 1\n");
    while (len < (4 << 20) + 100)
        len += snprintf(text + len, sizeof(text) - (size_t)len, "# %0100d\n", 0);
    write_bytes(text, (size_t)len);
    assert_refused("a file of 4 MiB of comments");

    /* Good again: Winsock starts. */
    write_bytes("version 1\n", 10);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSACleanup(), 0);
}

/*
 * A layered provider under an installed chain cannot be removed: the chain
 * would name an entry that no longer exists, a file the parser refuses, and
 * every program would then fail at WSAStartup.  WSCDeinstallProvider says
 * WSAEINVAL and the file stays as it was; chains first, then the layer.
 */
static void deinstall_leaving_a_dangling_chain_is_refused(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info;
    memset(&info, 0, sizeof(info));
    info.iVersion = 2;
    info.iAddressFamily = AF_INET;
    info.iMaxSockAddr = info.iMinSockAddr = 16;
    info.iSocketType = SOCK_STREAM;
    info.iProtocol = IPPROTO_TCP;
    info.ProtocolChain.ChainLen = LAYERED_PROTOCOL;
    ws2t_wide("layered", info.szProtocol);
    GUID layer = {0x1c2a7e00, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xb1}};
    GUID chain = {0x1c2a7e00, 0, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 0xb2}};
    WCHAR path[64];
    ws2t_wide("/nowhere/lsp.so", path);
    int err = 0;
    assert_int_equal(WSCInstallProvider(&layer, path, &info, 1, &err), 0);
    info.ProtocolChain.ChainLen = 2;
    info.ProtocolChain.ChainEntries[0] = 1005; /* the layered entry just installed */
    info.ProtocolChain.ChainEntries[1] = 1001;
    assert_int_equal(WSCInstallProvider(&chain, path, &info, 1, &err), 0);

    assert_int_equal(WSCDeinstallProvider(&layer, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);
    WSAPROTOCOL_INFOW all[64];
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS + 2);
    WSADATA data;
    assert_int_equal(WSAStartup(MAKEWORD(2, 2), &data), 0);
    assert_int_equal(WSACleanup(), 0);

    /* WSCUpdateProvider cannot make the chain name itself either. */
    info.dwCatalogEntryId = 1006;
    info.ProtocolChain.ChainEntries[0] = 1006;
    assert_int_equal(WSCUpdateProvider(&chain, path, &info, 1, &err), SOCKET_ERROR);
    assert_int_equal(err, WSAEINVAL);

    assert_int_equal(WSCDeinstallProvider(&chain, &err), 0);
    assert_int_equal(WSCDeinstallProvider(&layer, &err), 0);
    assert_int_equal(ws2t_wsc_all(all, 64), BUILTINS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(valid_catalog_with_every_key_loads, file_setup,
                                        file_teardown),
        cmocka_unit_test_setup_teardown(entry_with_a_second_empty_path_fails_startup, file_setup,
                                        file_teardown),
        cmocka_unit_test_setup_teardown(entry_missing_or_repeated_key_fails_startup, file_setup,
                                        file_teardown),
        cmocka_unit_test_setup_teardown(entry_bad_value_fails_startup, file_setup, file_teardown),
        cmocka_unit_test_setup_teardown(malformed_line_fails_startup, file_setup, file_teardown),
        cmocka_unit_test_setup_teardown(deinstall_leaving_a_dangling_chain_is_refused, file_setup,
                                        file_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
