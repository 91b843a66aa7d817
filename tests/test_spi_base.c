/*
 * The base provider seen as an SPI client sees it (spec: LPWSPCleanup.txt,
 * WSPCloseSocket.txt): its own WSPStartup/WSPCleanup count, errors through
 * lpErrno, and the final WSPCleanup resetting what is open.
 */
#include <string.h>

#include "testlib.h"
#include "ws2_32/catalog.h"

/* The catalog's TCP/IPv4 entry, which the base provider serves. */
static WSAPROTOCOL_INFOW tcp4_info(void)
{
    WSAPROTOCOL_INFOW all[16];
    unsigned n = ws2_catalog_snapshot(all, 16);
    for (unsigned i = 0; i < n && i < 16; i++)
        if (all[i].iAddressFamily == AF_INET && all[i].iSocketType == SOCK_STREAM)
            return all[i];
    fail_msg("no TCP/IPv4 entry in the catalog");
    return all[0];
}

static int socket_type(const WSPPROC_TABLE *procs, SOCKET s, int *err)
{
    int type = 0, len = sizeof(type);
    if (procs->lpWSPGetSockOpt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len, err) != 0)
        return -1;
    return type;
}

/*
 * "It is permissible for SPI clients to make more than one WSPStartup call.
 * For each WSPStartup call, a corresponding LPWSPCleanup call will also be
 * issued. Only the final LPWSPCleanup for the service provider does the
 * actual cleanup; the preceding calls simply decrement an internal reference
 * count."  Then: "Any sockets open when LPWSPCleanup is called are reset and
 * automatically deallocated", and a further LPWSPCleanup is
 * WSANOTINITIALISED through lpErrno.
 */
static void only_the_final_wspcleanup_cleans_up(void **state)
{
    (void)state;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0); /* ws2_32's WSPStartup of the entry */
    assert_true(s != INVALID_SOCKET);
    WSAPROTOCOL_INFOW info = tcp4_info();
    struct ws2_entry *entry = ws2_catalog_find_id(info.dwCatalogEntryId);
    assert_non_null(entry);

    /* A second SPI client of the same provider. */
    WSPDATA data;
    WSPPROC_TABLE procs;
    assert_int_equal(entry->startup(MAKEWORD(2, 2), &data, &info, ws2_upcalls, &procs), 0);
    assert_int_equal(data.wVersion, MAKEWORD(2, 2));

    /* ws2_32's final WSACleanup is the provider's first WSPCleanup: not its final one. */
    assert_int_equal(WSACleanup(), 0);
    int err = 0;
    assert_int_equal(socket_type(&procs, s, &err), SOCK_STREAM);

    /* The final WSPCleanup resets and frees the socket. */
    assert_int_equal(procs.lpWSPCleanup(&err), 0);
    assert_int_equal(socket_type(&procs, s, &err), -1);
    assert_int_equal(err, WSAENOTSOCK);

    err = 0;
    assert_int_equal(procs.lpWSPCleanup(&err), SOCKET_ERROR);
    assert_int_equal(err, WSANOTINITIALISED);
}

/*
 * "LPWSPCleanup leaves things in a state in which the Ws2_32.dll can
 * immediately invoke WSPStartup to reestablish Winsock usage."
 */
static void wspstartup_works_at_once_after_cleanup(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = tcp4_info();
    struct ws2_entry *entry = ws2_catalog_find_id(info.dwCatalogEntryId);
    assert_int_equal(WSACleanup(), 0);
    for (int i = 0; i < 3; i++) {
        WSPDATA data;
        WSPPROC_TABLE procs;
        int err = 0;
        assert_int_equal(entry->startup(MAKEWORD(2, 2), &data, &info, ws2_upcalls, &procs), 0);
        SOCKET s = procs.lpWSPSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, &info, 0,
                                     WSA_FLAG_OVERLAPPED, &err);
        assert_true(s != INVALID_SOCKET);
        assert_int_equal(socket_type(&procs, s, &err), SOCK_STREAM);
        /* WSPCloseSocket: "further references to s should fail with WSAENOTSOCK". */
        assert_int_equal(procs.lpWSPCloseSocket(s, &err), 0);
        assert_int_equal(procs.lpWSPCloseSocket(s, &err), SOCKET_ERROR);
        assert_int_equal(err, WSAENOTSOCK);
        assert_int_equal(procs.lpWSPCleanup(&err), 0);
    }
}

/* WSPStartup refuses a version below 2.0 (WSAVERNOTSUPPORTED, returned directly). */
static void wspstartup_refuses_old_versions(void **state)
{
    (void)state;
    WSAPROTOCOL_INFOW info = tcp4_info();
    struct ws2_entry *entry = ws2_catalog_find_id(info.dwCatalogEntryId);
    WSPDATA data;
    WSPPROC_TABLE procs;
    assert_int_equal(entry->startup(MAKEWORD(1, 1), &data, &info, ws2_upcalls, &procs),
                     WSAVERNOTSUPPORTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(only_the_final_wspcleanup_cleans_up, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wspstartup_works_at_once_after_cleanup, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test_setup_teardown(wspstartup_refuses_old_versions, ws2t_setup, ws2t_teardown),
    };
    return cmocka_run_group_tests_name("spi_base", tests, NULL, NULL);
}
