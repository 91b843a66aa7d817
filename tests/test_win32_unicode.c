/*
 * A UNICODE build, Visual Studio's default: the generic names (GetAddrInfo,
 * WSAAddressToString, TCHAR, TEXT, _T, _tcs*) select the wide forms, and
 * L"" literals reach the W functions as written (WCHAR is wchar_t; README,
 * "Wide strings").  The generic-text names of tchar.h are checked against
 * what the C library's wide functions do, and against the narrow text the
 * same program would use without UNICODE.
 */
#define UNICODE
#define _UNICODE

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>

#include "testlib.h"

/* The generic types are the wide ones. */
_Static_assert(sizeof(TCHAR) == sizeof(WCHAR), "TCHAR is WCHAR with UNICODE");
_Static_assert(sizeof(_TCHAR) == sizeof(wchar_t), "_TCHAR is wchar_t with _UNICODE");
_Static_assert(sizeof(TEXT("a")[0]) == sizeof(WCHAR), "TEXT makes wide literals");
_Static_assert(sizeof(_T("a")[0]) == sizeof(wchar_t), "_T makes wide literals");
_Static_assert(sizeof(ADDRINFOT) == sizeof(ADDRINFOW), "ADDRINFOT is ADDRINFOW");

/*
 * The repro of issue 9 (wide_literals.c): GetAddrInfoW(L"127.0.0.1", L"80")
 * read the 4-byte literal as 2-byte units and resolved "1" (0.0.0.1) port
 * 8.  The literal is a PCWSTR now and resolves as written, as on Windows.
 */
static void get_addr_info_w_takes_wide_literals(void **state)
{
    (void)state;
    ADDRINFOW hints = {0}, *res = NULL;
    hints.ai_family = AF_INET;
    hints.ai_flags = AI_NUMERICHOST;
    assert_int_equal(GetAddrInfoW(L"127.0.0.1", L"80", &hints, &res), 0);
    assert_non_null(res);
    const SOCKADDR_IN *a = (const SOCKADDR_IN *)res->ai_addr;
    assert_int_equal(a->sin_family, AF_INET);
    assert_int_equal(a->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    assert_int_equal(ntohs(a->sin_port), 80);
    FreeAddrInfoW(res);
}

/*
 * The generic names with TEXT(): GetAddrInfo, GetNameInfo, FreeAddrInfo,
 * WSAAddressToString, WSAStringToAddress, InetPton, InetNtop.
 */
static void generic_names_take_text_strings(void **state)
{
    (void)state;
    ADDRINFOT hints = {0}, *res = NULL;
    hints.ai_family = AF_INET6;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    assert_int_equal(GetAddrInfo(TEXT("::1"), TEXT("443"), &hints, &res), 0);
    assert_non_null(res);

    TCHAR text[64];
    DWORD len = ARRAYSIZE(text);
    assert_int_equal(WSAAddressToString(res->ai_addr, (DWORD)res->ai_addrlen, NULL, text, &len), 0);
    assert_true(_tcscmp(text, TEXT("[::1]:443")) == 0);
    assert_int_equal(len, _tcslen(text) + 1);

    TCHAR host[NI_MAXHOST], serv[NI_MAXSERV];
    assert_int_equal(GetNameInfo(res->ai_addr, (socklen_t)res->ai_addrlen, host, NI_MAXHOST, serv,
                                 NI_MAXSERV, NI_NUMERICHOST | NI_NUMERICSERV),
                     0);
    assert_true(_tcscmp(host, _T("::1")) == 0);
    assert_true(_tcscmp(serv, _T("443")) == 0);
    FreeAddrInfo(res);

    SOCKADDR_STORAGE ss;
    INT sslen = sizeof(ss);
    TCHAR in[] = TEXT("192.0.2.7:8080");
    assert_int_equal(WSAStringToAddress(in, AF_INET, NULL, (LPSOCKADDR)&ss, &sslen), 0);
    const SOCKADDR_IN *sin = (const SOCKADDR_IN *)&ss;
    assert_int_equal(ntohs(sin->sin_port), 8080);
    assert_int_equal(sin->sin_addr.s_addr, htonl(0xc0000207));

    IN_ADDR a;
    assert_int_equal(InetPton(AF_INET, TEXT("10.1.2.3"), &a), 1);
    assert_int_equal(a.s_addr, htonl(0x0a010203));
    TCHAR back[INET_ADDRSTRLEN];
    assert_non_null(InetNtop(AF_INET, &a, back, ARRAYSIZE(back)));
    assert_true(_tcscmp(back, TEXT("10.1.2.3")) == 0);
}

/*
 * gai_strerror is gai_strerrorW under UNICODE: a TCHAR string, the same
 * text as the narrow form; WSAPROTOCOL_INFO is the W structure and its
 * szProtocol prints with %ls.
 */
static void generic_strings_print_with_ls(void **state)
{
    (void)state;
    const TCHAR *wide = gai_strerror(WSAHOST_NOT_FOUND);
    const char *narrow = gai_strerrorA(WSAHOST_NOT_FOUND);
    assert_true(_tcslen(wide) > 0);
    char converted[256];
    assert_true(
        WideCharToMultiByte(CP_UTF8, 0, wide, -1, converted, sizeof(converted), NULL, NULL) > 0);
    assert_string_equal(converted, narrow);

    WSAPROTOCOL_INFO infos[16];
    DWORD size = sizeof(infos);
    int n = WSAEnumProtocols(NULL, infos, &size);
    assert_true(n > 0);
    TCHAR line[512];
    assert_true(_sntprintf(line, ARRAYSIZE(line), _T("%ls (%d)"), infos[0].szProtocol,
                           infos[0].iProtocol) > 0);
    assert_true(_tcsstr(line, infos[0].szProtocol) == line);
}

/* tchar.h's string functions on wide text, as the CRT's _UNICODE mapping. */
static void tchar_string_functions(void **state)
{
    (void)state;
    TCHAR buf[32];
    _tcscpy(buf, _T("Hello"));
    _tcscat(buf, _T(", W\x00f6rld"));
    assert_int_equal(_tcslen(buf), 12);
    assert_true(_tcscmp(buf, L"Hello, W\x00f6rld") == 0);
    assert_int_equal(_tcsicmp(_T("WinSock"), _T("winsock")), 0);
    assert_true(_tcsicmp(_T("abc"), _T("abd")) < 0);
    assert_int_equal(_tcsnicmp(_T("ABCx"), _T("abcy"), 3), 0);
    assert_true(_tcsnicmp(_T("ABCx"), _T("abcy"), 4) < 0);
    assert_true(_tcschr(buf, _T(',')) == buf + 5);
    assert_true(_tcsrchr(buf, _T('l')) == buf + 10);
    assert_true(_tcsstr(buf, _T("W\x00f6")) == buf + 7);
    _tcsncpy(buf, _T("xyz"), 2);
    assert_true(buf[0] == L'x' && buf[1] == L'y' && buf[2] == L'l');

    TCHAR *copy = _tcsdup(_T("copy me"));
    assert_non_null(copy);
    assert_true(_tcscmp(copy, _T("copy me")) == 0);
    free(copy);

    assert_int_equal(_ttoi(_T("  42xyz")), 42);
    assert_int_equal(_tstoi(_T("-7")), -7);
    TCHAR *end;
    assert_int_equal(_tcstol(_T("0x1F!"), &end, 16), 31);
    assert_true(*end == _T('!'));
    assert_int_equal(_tcstoul(_T("4000000000"), NULL, 10), 4000000000UL);

    assert_true(_istdigit(_T('7')) && !_istdigit(_T('x')));
    assert_true(_istspace(_T(' ')) && _istspace(_T('\t')) && !_istspace(_T('a')));
    assert_true(_istalpha(_T('q')) && !_istalpha(_T('1')));
    assert_true(_totupper(_T('a')) == _T('A') && _totlower(_T('Q')) == _T('q'));

    TCHAR out[64];
    assert_int_equal(_stprintf(out, _T("%d-%ls"), 5, _T("five")), 6);
    assert_true(_tcscmp(out, _T("5-five")) == 0);
    /* _sntprintf: -1 when the text does not fit, as _snwprintf. */
    assert_int_equal(_sntprintf(out, 4, _T("%ls"), _T("too long")), -1);
}

/* _tfopen and _tgetenv: wide names reach the file system and environment as UTF-8. */
static void tchar_files_and_environment(void **state)
{
    (void)state;
    char narrow[64];
    snprintf(narrow, sizeof(narrow), "/tmp/ws2t-\xc3\xbc-%d.txt", (int)getpid());
    TCHAR name[64];
    assert_true(MultiByteToWideChar(CP_ACP, 0, narrow, -1, name, ARRAYSIZE(name)) > 0);
    assert_true(name[10] == 0xfc); /* ü is one character */

    FILE *f = _tfopen(name, _T("w"));
    assert_non_null(f);
    assert_true(fputs("data", f) >= 0);
    fclose(f);
    f = fopen(narrow, "r"); /* the same file under its UTF-8 name */
    assert_non_null(f);
    char got[8] = {0};
    assert_non_null(fgets(got, sizeof(got), f));
    fclose(f);
    assert_string_equal(got, "data");
    assert_int_equal(_tremove(name), 0);
    assert_null(fopen(narrow, "r"));

    assert_int_equal(setenv("WS2T_WIDE_VAR",
                            "gr\xc3\xbc\xc3\x9f"
                            "e",
                            1),
                     0);
    const TCHAR *v = _tgetenv(_T("WS2T_WIDE_VAR"));
    assert_non_null(v);
    assert_true(_tcscmp(v, L"gr\x00fc\x00df"
                           L"e") == 0);
    /* The pointer stays valid, and a changed value gives a new string. */
    assert_int_equal(setenv("WS2T_WIDE_VAR", "x", 1), 0);
    assert_true(_tcscmp(v, L"gr\x00fc\x00df"
                           L"e") == 0);
    assert_true(_tcscmp(_tgetenv(_T("WS2T_WIDE_VAR")), _T("x")) == 0);
    assert_null(_tgetenv(_T("WS2T_NO_SUCH_VARIABLE")));
}

/* CreateEvent is CreateEventW under UNICODE and takes a TCHAR name. */
static void create_event_generic(void **state)
{
    (void)state;
    HANDLE (*create)(LPSECURITY_ATTRIBUTES, BOOL, BOOL, LPCWSTR) = CreateEvent;
    assert_true(create == CreateEventW);
    HANDLE e = CreateEvent(NULL, TRUE, FALSE, NULL);
    assert_non_null(e);
    assert_true(CloseHandle(e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(get_addr_info_w_takes_wide_literals),
        cmocka_unit_test(generic_names_take_text_strings),
        cmocka_unit_test(generic_strings_print_with_ls),
        cmocka_unit_test(tchar_string_functions),
        cmocka_unit_test(tchar_files_and_environment),
        cmocka_unit_test(create_event_generic),
    };
    return cmocka_run_group_tests(tests, ws2t_setup, ws2t_teardown);
}
