/*
 * FormatMessage (winbase.h): the system's text of Win32, Winsock and COM
 * error codes, and messages from the caller's string with escapes and
 * inserts, as the FormatMessage reference (learn.microsoft.com) describes
 * them.  Programs print these texts; they must read as on Windows.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "testlib.h"

#include <windows.h>

#define SYS_FLAGS (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS)
#define STALE     0x5a5a

/* The system text of a code through FormatMessageA into a buffer; "" when it fails. */
static const char *system_text(DWORD code, DWORD extra_flags)
{
    static char buf[1024];
    buf[0] = 0;
    DWORD n = FormatMessageA(SYS_FLAGS | extra_flags, NULL, code, 0, buf, sizeof(buf), NULL);
    assert_int_equal(n, strlen(buf));
    return buf;
}

/* "Windows Sockets Error Codes": the text every socket program prints on a reset. */
static void wsaeconnreset_text_is_windows_text_with_crlf(void **state)
{
    (void)state;
    char buf[256];
    memset(buf, 'x', sizeof(buf));
    SetLastError(STALE);
    DWORD n = FormatMessageA(SYS_FLAGS, NULL, WSAECONNRESET,
                             MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf, sizeof(buf), NULL);
    const char *expected = "An existing connection was forcibly closed by the remote host.\r\n";
    assert_string_equal(buf, expected);
    assert_int_equal(n, strlen(expected));
    /* Nothing follows the message: the NUL comes right after its line break. */
    assert_int_equal(buf[n], 0);
}

static void common_codes_have_windows_texts(void **state)
{
    (void)state;
    assert_string_equal(system_text(ERROR_SUCCESS, 0), "The operation completed successfully.\r\n");
    assert_string_equal(system_text(ERROR_FILE_NOT_FOUND, 0),
                        "The system cannot find the file specified.\r\n");
    assert_string_equal(system_text(ERROR_ACCESS_DENIED, 0), "Access is denied.\r\n");
    assert_string_equal(system_text(ERROR_INVALID_HANDLE, 0), "The handle is invalid.\r\n");
    assert_string_equal(system_text(ERROR_INVALID_PARAMETER, 0), "The parameter is incorrect.\r\n");
    assert_string_equal(system_text(ERROR_OPERATION_ABORTED, 0),
                        "The I/O operation has been aborted because of either a thread exit or an "
                        "application request.\r\n");
    assert_string_equal(system_text(ERROR_IO_PENDING, 0),
                        "Overlapped I/O operation is in progress.\r\n");
    assert_string_equal(system_text(WAIT_TIMEOUT, 0), "The wait operation timed out.\r\n");
    assert_string_equal(system_text(WSAEWOULDBLOCK, 0),
                        "A non-blocking socket operation could not be completed immediately.\r\n");
    assert_string_equal(system_text(WSAECONNREFUSED, 0),
                        "No connection could be made because the target machine actively refused "
                        "it.\r\n");
    assert_string_equal(system_text(WSAEADDRINUSE, 0),
                        "Only one usage of each socket address (protocol/network address/port) is "
                        "normally permitted.\r\n");
    assert_string_equal(system_text(WSAHOST_NOT_FOUND, 0), "No such host is known.\r\n");
    assert_string_equal(
        system_text(WSANOTINITIALISED, 0),
        "Either the application has not called WSAStartup, or WSAStartup failed.\r\n");
    assert_string_equal(system_text(ERROR_NOT_ENOUGH_MEMORY, 0),
                        "Not enough memory resources are available to process this command.\r\n");
}

/* Every Winsock code and every Win32 code winerror.h names has a text. */
static void every_code_in_winerror_h_has_a_text(void **state)
{
    (void)state;
    static const DWORD codes[] = {
        WSAEINTR,
        WSAEBADF,
        WSAEACCES,
        WSAEFAULT,
        WSAEINVAL,
        WSAEMFILE,
        WSAEWOULDBLOCK,
        WSAEINPROGRESS,
        WSAEALREADY,
        WSAENOTSOCK,
        WSAEDESTADDRREQ,
        WSAEMSGSIZE,
        WSAEPROTOTYPE,
        WSAENOPROTOOPT,
        WSAEPROTONOSUPPORT,
        WSAESOCKTNOSUPPORT,
        WSAEOPNOTSUPP,
        WSAEPFNOSUPPORT,
        WSAEAFNOSUPPORT,
        WSAEADDRINUSE,
        WSAEADDRNOTAVAIL,
        WSAENETDOWN,
        WSAENETUNREACH,
        WSAENETRESET,
        WSAECONNABORTED,
        WSAECONNRESET,
        WSAENOBUFS,
        WSAEISCONN,
        WSAENOTCONN,
        WSAESHUTDOWN,
        WSAETOOMANYREFS,
        WSAETIMEDOUT,
        WSAECONNREFUSED,
        WSAELOOP,
        WSAENAMETOOLONG,
        WSAEHOSTDOWN,
        WSAEHOSTUNREACH,
        WSAENOTEMPTY,
        WSAEPROCLIM,
        WSAEUSERS,
        WSAEDQUOT,
        WSAESTALE,
        WSAEREMOTE,
        WSASYSNOTREADY,
        WSAVERNOTSUPPORTED,
        WSANOTINITIALISED,
        WSAEDISCON,
        WSAENOMORE,
        WSAECANCELLED,
        WSAEINVALIDPROCTABLE,
        WSAEINVALIDPROVIDER,
        WSAEPROVIDERFAILEDINIT,
        WSASYSCALLFAILURE,
        WSASERVICE_NOT_FOUND,
        WSATYPE_NOT_FOUND,
        WSA_E_NO_MORE,
        WSA_E_CANCELLED,
        WSAEREFUSED,
        WSAHOST_NOT_FOUND,
        WSATRY_AGAIN,
        WSANO_RECOVERY,
        WSANO_DATA,
        WSA_QOS_RECEIVERS,
        WSA_QOS_SENDERS,
        WSA_QOS_NO_SENDERS,
        WSA_QOS_NO_RECEIVERS,
        WSA_QOS_REQUEST_CONFIRMED,
        WSA_QOS_ADMISSION_FAILURE,
        WSA_QOS_POLICY_FAILURE,
        WSA_QOS_BAD_STYLE,
        WSA_QOS_BAD_OBJECT,
        WSA_QOS_TRAFFIC_CTRL_ERROR,
        WSA_QOS_GENERIC_ERROR,
        WSA_QOS_ESERVICETYPE,
        WSA_QOS_EFLOWSPEC,
        WSA_QOS_EPROVSPECBUF,
        WSA_QOS_EFILTERSTYLE,
        WSA_QOS_EFILTERTYPE,
        WSA_QOS_EFILTERCOUNT,
        WSA_QOS_EOBJLENGTH,
        WSA_QOS_EFLOWCOUNT,
        WSA_QOS_EUNKNOWNPSOBJ,
        WSA_QOS_EPOLICYOBJ,
        WSA_QOS_EFLOWDESC,
        WSA_QOS_EPSFLOWSPEC,
        WSA_QOS_EPSFILTERSPEC,
        WSA_QOS_ESDMODEOBJ,
        WSA_QOS_ESHAPERATEOBJ,
        WSA_QOS_RESERVED_PETYPE,
        ERROR_INVALID_FUNCTION,
        ERROR_PATH_NOT_FOUND,
        ERROR_TOO_MANY_OPEN_FILES,
        ERROR_OUTOFMEMORY,
        ERROR_NO_MORE_FILES,
        ERROR_HANDLE_EOF,
        ERROR_NOT_SUPPORTED,
        ERROR_NETNAME_DELETED,
        ERROR_FILE_EXISTS,
        ERROR_BROKEN_PIPE,
        ERROR_BUFFER_OVERFLOW,
        ERROR_CALL_NOT_IMPLEMENTED,
        ERROR_INSUFFICIENT_BUFFER,
        ERROR_INVALID_NAME,
        ERROR_MOD_NOT_FOUND,
        ERROR_PROC_NOT_FOUND,
        ERROR_ALREADY_EXISTS,
        ERROR_NO_DATA,
        ERROR_MORE_DATA,
        ERROR_NO_MORE_ITEMS,
        ERROR_DIRECTORY,
        ERROR_NOT_OWNER,
        ERROR_TOO_MANY_POSTS,
        ERROR_PARTIAL_COPY,
        ERROR_ABANDONED_WAIT_0,
        ERROR_IO_INCOMPLETE,
        ERROR_NOACCESS,
        ERROR_INVALID_FLAGS,
        ERROR_NO_UNICODE_TRANSLATION,
        ERROR_NOT_FOUND,
        ERROR_CANCELLED,
        ERROR_CONNECTION_REFUSED,
        ERROR_GRACEFUL_DISCONNECT,
        ERROR_NETWORK_UNREACHABLE,
        ERROR_HOST_UNREACHABLE,
        ERROR_PORT_UNREACHABLE,
        ERROR_CONNECTION_ABORTED,
        ERROR_NO_SYSTEM_RESOURCES,
        ERROR_TIMEOUT,
        ERROR_RESOURCE_LANG_NOT_FOUND,
        ERROR_MR_MID_NOT_FOUND,
    };
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        const char *text = system_text(codes[i], 0);
        size_t n = strlen(text);
        if (n < 4 || strcmp(text + n - 2, "\r\n") != 0)
            fail_msg("code %u has no system text (\"%s\")", (unsigned)codes[i], text);
    }
}

/* The wide call gives the same text in WCHARs, and its length in WCHARs. */
static void wide_call_gives_the_same_text(void **state)
{
    (void)state;
    WCHAR buf[256];
    DWORD n = FormatMessageW(SYS_FLAGS, NULL, WSAECONNRESET, 0, buf, 256, NULL);
    const WCHAR *expected = L"An existing connection was forcibly closed by the remote host.\r\n";
    assert_int_equal(n, wcslen(expected));
    assert_true(wcscmp(buf, expected) == 0);

    WCHAR *block = NULL;
    n = FormatMessageW(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, WSAETIMEDOUT, 0,
                       (LPWSTR)&block, 0, NULL);
    assert_non_null(block);
    assert_int_equal(n, wcslen(block));
    assert_true(wcsncmp(block, L"A connection attempt failed", 27) == 0);
    free(block);
}

/*
 * FORMAT_MESSAGE_ALLOCATE_BUFFER: a new buffer (LocalAlloc's, which is
 * malloc's here, so LocalFree or free releases it) of at least nSize TCHARs.
 */
static void allocate_buffer_gives_a_block_that_free_releases(void **state)
{
    (void)state;
    char *msg = (char *)0x1;
    DWORD n = FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, WSAECONNABORTED, 0,
                             (LPSTR)&msg, 0, NULL);
    assert_non_null(msg);
    assert_string_equal(msg, "An established connection was aborted by the software in your host "
                             "machine.\r\n");
    assert_int_equal(n, strlen(msg));
    free(msg);

    /* nSize is the minimum to allocate. */
    msg = NULL;
    n = FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, ERROR_SUCCESS, 0,
                       (LPSTR)&msg, 4000, NULL);
    assert_int_equal(n, strlen("The operation completed successfully.\r\n"));
    assert_true(malloc_usable_size(msg) >= 4000);
    memset(msg, 'y', 4000);
    free(msg);

    /* A failure leaves the pointer NULL, so that freeing it afterwards is harmless. */
    msg = (char *)0x1;
    n = FormatMessageA(SYS_FLAGS | FORMAT_MESSAGE_ALLOCATE_BUFFER, NULL, 0x2FFF, 0, (LPSTR)&msg, 0,
                       NULL);
    assert_int_equal(n, 0);
    assert_null(msg);
}

static void unknown_code_fails_with_mr_mid_not_found(void **state)
{
    (void)state;
    char buf[64] = "untouched";
    SetLastError(STALE);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, 0x2FFF, 0, buf, sizeof(buf), NULL), 0);
    assert_int_equal(GetLastError(), ERROR_MR_MID_NOT_FOUND);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, 12345678, 0, buf, sizeof(buf), NULL), 0);
    assert_int_equal(GetLastError(), ERROR_MR_MID_NOT_FOUND);
    WCHAR wbuf[64];
    assert_int_equal(FormatMessageW(SYS_FLAGS, NULL, 0x2FFF, 0, wbuf, 64, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_MR_MID_NOT_FOUND);
}

/* nSize counts TCHARs and must hold the NUL too. */
static void small_buffer_fails_with_insufficient_buffer(void **state)
{
    (void)state;
    const char *expected = "The handle is invalid.\r\n";
    size_t len = strlen(expected);
    char buf[64];
    SetLastError(STALE);
    assert_int_equal(
        FormatMessageA(SYS_FLAGS, NULL, ERROR_INVALID_HANDLE, 0, buf, (DWORD)len, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, ERROR_INVALID_HANDLE, 0, buf, 0, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(
        FormatMessageA(SYS_FLAGS, NULL, ERROR_INVALID_HANDLE, 0, buf, (DWORD)len + 1, NULL), len);
    assert_string_equal(buf, expected);

    WCHAR wbuf[64];
    assert_int_equal(
        FormatMessageW(SYS_FLAGS, NULL, ERROR_INVALID_HANDLE, 0, wbuf, (DWORD)len, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(
        FormatMessageW(SYS_FLAGS, NULL, ERROR_INVALID_HANDLE, 0, wbuf, (DWORD)len + 1, NULL), len);
}

/* The English table answers for neutral and US English, nothing else. */
static void language_other_than_english_is_not_found(void **state)
{
    (void)state;
    char buf[256];
    assert_true(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, LANG_USER_DEFAULT, buf, 256, NULL) > 0);
    assert_true(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, LANG_SYSTEM_DEFAULT, buf, 256, NULL) > 0);
    assert_true(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR,
                               MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), buf, 256, NULL) > 0);
    SetLastError(STALE);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, MAKELANGID(0x0c, SUBLANG_DEFAULT),
                                    buf, 256, NULL),
                     0);
    assert_int_equal(GetLastError(), ERROR_RESOURCE_LANG_NOT_FOUND);
}

/*
 * FORMAT_MESSAGE_IGNORE_INSERTS passes %1 through: ERROR_MR_MID_NOT_FOUND's
 * own text has two inserts.
 */
static void ignore_inserts_keeps_system_inserts(void **state)
{
    (void)state;
    assert_string_equal(system_text(ERROR_MR_MID_NOT_FOUND, 0),
                        "The system cannot find message text for message number 0x%1 in the "
                        "message file for %2.\r\n");
    char buf[256];
    DWORD_PTR args[] = {(DWORD_PTR) "2FFF", (DWORD_PTR) "System"};
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ARGUMENT_ARRAY, NULL,
                             ERROR_MR_MID_NOT_FOUND, 0, buf, sizeof(buf), (va_list *)args);
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "The system cannot find message text for message number 0x2FFF in the "
                             "message file for System.\r\n");
}

/* HRESULTs: a FACILITY_WIN32 one reads as its Win32 code, the generic COM ones have their own. */
static void hresults_have_texts(void **state)
{
    (void)state;
    assert_string_equal(system_text((DWORD)E_ACCESSDENIED, 0), "Access is denied.\r\n");
    assert_string_equal(system_text((DWORD)E_INVALIDARG, 0), "The parameter is incorrect.\r\n");
    assert_string_equal(system_text((DWORD)HRESULT_FROM_WIN32(WSAECONNRESET), 0),
                        "An existing connection was forcibly closed by the remote host.\r\n");
    assert_string_equal(system_text((DWORD)E_FAIL, 0), "Unspecified error\r\n");
    assert_string_equal(system_text((DWORD)E_NOTIMPL, 0), "Not implemented\r\n");
    assert_string_equal(system_text((DWORD)E_UNEXPECTED, 0), "Catastrophic failure\r\n");
}

/*
 * The low byte of dwFlags: FORMAT_MESSAGE_MAX_WIDTH_MASK turns the line
 * break into a space (gai_strerror's texts end so); a width wraps lines
 * without splitting words.
 */
static void width_flags_control_line_breaks(void **state)
{
    (void)state;
    assert_string_equal(system_text(WSAECONNRESET, FORMAT_MESSAGE_MAX_WIDTH_MASK),
                        "An existing connection was forcibly closed by the remote host. ");
    assert_string_equal(gai_strerrorA(WSAECONNRESET),
                        "An existing connection was forcibly closed by the remote host. ");

    const char *text = system_text(WSAECONNRESET, 20);
    const char *words = "An existing connection was forcibly closed by the remote host.";
    /* Lines of at most 20 characters, separated by \r\n, holding the same words in order. */
    char joined[256] = "";
    int lines = 0;
    for (const char *line = text; *line;) {
        const char *end = strstr(line, "\r\n");
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (n > 20)
            fail_msg("line of %zu characters in \"%s\"", n, text);
        if (*joined)
            strcat(joined, " ");
        strncat(joined, line, n);
        lines++;
        line += n + (end ? 2 : 0);
    }
    assert_true(lines >= 3);
    while (strlen(joined) && joined[strlen(joined) - 1] == ' ')
        joined[strlen(joined) - 1] = 0;
    assert_string_equal(joined, words);
}

/* FORMAT_MESSAGE_FROM_STRING with the escapes of the Remarks table. */
static void from_string_escapes(void **state)
{
    (void)state;
    char buf[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "a%%b%tc%nd%re%!f%.g% h%0ignored", 0, 0,
                             buf, sizeof(buf), NULL);
    assert_string_equal(buf, "a%b\tc\r\nd\re!f.g h");
    assert_int_equal(n, strlen(buf));
    /* Regular line breaks stay (as \r\n) with no width, and read as spaces with the mask. */
    FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "one\r\ntwo\nthree", 0, 0, buf, sizeof(buf), NULL);
    assert_string_equal(buf, "one\r\ntwo\r\nthree");
    FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_MAX_WIDTH_MASK, "one\r\ntwo%nthree",
                   0, 0, buf, sizeof(buf), NULL);
    assert_string_equal(buf, "one two\r\nthree");
}

/* Inserts from an argument array: %n with printf formats, repeated and in any order. */
static void from_string_inserts_from_an_array(void **state)
{
    (void)state;
    char buf[256];
    DWORD_PTR args[] = {(DWORD_PTR) "Bill", (DWORD_PTR)(DWORD)-5, 255, (DWORD_PTR)L"wide", 'A'};
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                             "%2!d! %1 %3!04X! %3!u! %1!-6s!| %4!S! %5!c!", 0, 0, buf, sizeof(buf),
                             (va_list *)args);
    assert_string_equal(buf, "-5 Bill 00FF 255 Bill  | wide A");
    assert_int_equal(n, strlen(buf));
    /* The documentation's example of '*' widths: "  Bi Bob   Bill". */
    DWORD_PTR star[] = {4, 2, (DWORD_PTR)L"Bill", (DWORD_PTR)L"Bob", 6, (DWORD_PTR)L"Bill"};
    WCHAR wbuf[64];
    n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                       L"%1!*.*s! %4 %5!*s!", 0, 0, wbuf, 64, (va_list *)star);
    assert_true(wcscmp(wbuf, L"  Bi Bob   Bill") == 0);
    assert_int_equal(n, 15);
}

static DWORD format_va(char *buf, DWORD size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, buf, size, &args);
    va_end(args);
    return n;
}

static DWORD format_va_wide(WCHAR *buf, DWORD size, const WCHAR *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, buf, size, &args);
    va_end(args);
    return n;
}

/* Inserts from a va_list (the default), 64-bit ones with I64. */
static void from_string_inserts_from_a_va_list(void **state)
{
    (void)state;
    char buf[256];
    DWORD n = format_va(buf, sizeof(buf), "%1 failed with error %2!d! (0x%3!08x!), %4!I64u! bytes",
                        "recv", WSAECONNRESET, WSAECONNRESET, 1ULL << 40);
    assert_string_equal(buf, "recv failed with error 10054 (0x00002746), 1099511627776 bytes");
    assert_int_equal(n, strlen(buf));
    WCHAR wbuf[64];
    n = format_va_wide(wbuf, 64, L"%1 and %2!S! and %1", L"wide", "narrow");
    assert_true(wcscmp(wbuf, L"wide and narrow and wide") == 0);
    assert_int_equal(n, wcslen(wbuf));
}

/* Bad arguments fail with an error, never a crash. */
static void bad_arguments_fail_cleanly(void **state)
{
    (void)state;
    char buf[64];
    SetLastError(STALE);
    assert_int_equal(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_FROM_SYSTEM, "x", 0,
                                    0, buf, sizeof(buf), NULL),
                     0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(FormatMessageA(0, "x", 0, 0, buf, sizeof(buf), NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, NULL, 0, 0, buf, sizeof(buf), NULL),
                     0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, 0, NULL, 64, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* An insert with no arguments to take it from. */
    assert_int_equal(
        FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "x%1", 0, 0, buf, sizeof(buf), NULL), 0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* Memory that cannot be read or written. */
    void *none = ws2t_page(0);
    assert_non_null(none);
    assert_int_equal(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, none, 0, 0, buf, sizeof(buf), NULL),
                     0);
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    assert_int_equal(FormatMessageA(SYS_FLAGS, NULL, WSAEINTR, 0, none, 200, NULL), 0);
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    DWORD_PTR bad_string[] = {(DWORD_PTR)none};
    assert_int_equal(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                                    "%1", 0, 0, buf, sizeof(buf), (va_list *)bad_string),
                     0);
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    /* An unknown conversion. */
    DWORD_PTR one[] = {1};
    assert_int_equal(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                                    "%1!f!", 0, 0, buf, sizeof(buf), (va_list *)one),
                     0);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* FORMAT_MESSAGE_FROM_HMODULE: there are no message-table resources here; the system table answers.
 */
static void from_hmodule_reads_the_system_table(void **state)
{
    (void)state;
    char buf[256];
    DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                             WSAENOTSOCK, 0, buf, sizeof(buf), NULL);
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf, "An operation was attempted on something that is not a socket.\r\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wsaeconnreset_text_is_windows_text_with_crlf),
        cmocka_unit_test(common_codes_have_windows_texts),
        cmocka_unit_test(every_code_in_winerror_h_has_a_text),
        cmocka_unit_test(wide_call_gives_the_same_text),
        cmocka_unit_test(allocate_buffer_gives_a_block_that_free_releases),
        cmocka_unit_test(unknown_code_fails_with_mr_mid_not_found),
        cmocka_unit_test(small_buffer_fails_with_insufficient_buffer),
        cmocka_unit_test(language_other_than_english_is_not_found),
        cmocka_unit_test(ignore_inserts_keeps_system_inserts),
        cmocka_unit_test(hresults_have_texts),
        cmocka_unit_test(width_flags_control_line_breaks),
        cmocka_unit_test(from_string_escapes),
        cmocka_unit_test(from_string_inserts_from_an_array),
        cmocka_unit_test(from_string_inserts_from_a_va_list),
        cmocka_unit_test(bad_arguments_fail_cleanly),
        cmocka_unit_test(from_hmodule_reads_the_system_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
