/*
 * tchar.h's generic-text names, compiled with and without UNICODE and
 * _UNICODE (headers_coexist passes -DUNICODE -D_UNICODE for the second).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>

#ifdef _UNICODE
_Static_assert(sizeof(_TCHAR) == sizeof(wchar_t), "_TCHAR");
_Static_assert(sizeof(TCHAR) == sizeof(wchar_t), "TCHAR");
#else
_Static_assert(sizeof(_TCHAR) == 1, "_TCHAR");
_Static_assert(sizeof(TCHAR) == 1, "TCHAR");
#endif
_Static_assert(sizeof(_T("x")[0]) == sizeof(TCHAR), "_T");
_Static_assert(sizeof(TEXT("x")[0]) == sizeof(TCHAR), "TEXT");

int coexist_tchar(int argc, _TCHAR **argv);
int coexist_tchar(int argc, _TCHAR **argv)
{
    TCHAR buf[64];
    LPTSTR p = buf;
    LPCTSTR q = _T("host");
    PTSTR r = buf;
    PCTSTR t = TEXT("80");
    _tcscpy(p, q);
    _tcsncpy(r, t, 2);
    _tcscat(buf, _T("!"));
    int n = (int)_tcslen(buf) + _tcscmp(buf, q) + _tcsncmp(buf, q, 2);
    n += _istdigit(buf[0]) + _istspace(buf[0]) + _istalpha(buf[0]) + _totlower(buf[0]) +
         _totupper(buf[0]);
    n += _ttoi(t) + (int)_tcstol(t, NULL, 10) + (int)_tcstoul(t, NULL, 10);
    n += (_tcschr(buf, _T('o')) != NULL) + (_tcsrchr(buf, _T('o')) != NULL) +
         (_tcsstr(buf, _T("os")) != NULL);
    _tprintf(_T("%d\n"), n);
    _ftprintf(stderr, _T("%d\n"), argc);
    _stprintf(buf, _T("%d"), n);
#ifdef _UNICODE
    /* The narrow form is the CRT's _snprintf (ws2posix/crt.h, not there yet). */
    _sntprintf(buf, 64, _T("%d"), n);
#endif
    FILE *f = _tfopen(argv[0], _T("r"));
    if (f)
        fclose(f);
    const TCHAR *env = _tgetenv(_T("HOME"));
    ADDRINFOT *res = NULL;
    n += GetAddrInfo(q, t, NULL, &res);
    FreeAddrInfo(res);
    TCHAR text[64];
    DWORD len = 64;
    SOCKADDR_IN a = {0};
    n += WSAAddressToString((LPSOCKADDR)&a, sizeof(a), NULL, text, &len);
    IN_ADDR in;
    n += InetPton(AF_INET, t, &in);
    const TCHAR *why = gai_strerror(WSAHOST_NOT_FOUND);
    return n + (env != NULL) + (why != NULL);
}
