// C++: Windows code with Linux's integer widths and wide strings (issue 9).  On
// Windows `unsigned long` is u_long and `long` is LONG; here the headers accept
// both by overloads.  UNICODE: TCHAR, TEXT, std::wstring and the W calls.
#define UNICODE
#define _UNICODE

#include <cstdio>
#include <cwchar>
#include <string>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <tchar.h>

#include <iostream>

static_assert(sizeof(TCHAR) == sizeof(wchar_t), "TCHAR is wchar_t with UNICODE");

int coexist_widths(SOCKET s);
int coexist_widths(SOCKET s)
{
    unsigned long mode = 1;
    int r = ioctlsocket(s, FIONBIO, &mode);
    u_long umode = 0;
    r += ioctlsocket(s, FIONBIO, &umode);
    unsigned long avail = 0;
    r += ioctlsocket(s, FIONREAD, &avail);
    int(WSAAPI * fn)(SOCKET, LONG, u_long *) = ioctlsocket;
    r += fn(s, FIONBIO, &umode);

    long counter = 0;
    volatile long vcounter = 0;
    unsigned long ucounter = 0;
    unsigned int u = 0;
    LONG l = 0;
    volatile LONG vl = 0;
    DWORD dw = 0;
    long long big = 0;
    unsigned long long ubig = 0;
    LONGLONG i64 = 0;
    r += (int)InterlockedIncrement(&counter) + (int)InterlockedDecrement(&vcounter);
    r += (int)InterlockedExchangeAdd(&ucounter, 2UL) + (int)InterlockedIncrement(&u);
    r += (int)InterlockedIncrement(&l) + (int)InterlockedExchange(&vl, 3);
    r += (int)InterlockedCompareExchange(&counter, 5L, 1L) + (int)InterlockedIncrement(&dw);
    r += (int)InterlockedIncrement64(&big) + (int)InterlockedExchangeAdd64(&ubig, 1ULL);
    r += (int)InterlockedIncrement64(&i64) + (int)InterlockedOr(&counter, 1L);

    // Wide strings: L"" literals, std::wstring and TEXT() reach the W calls.
    std::wstring host = L"127.0.0.1";
    ADDRINFOW *res = nullptr;
    r += GetAddrInfoW(host.c_str(), L"80", nullptr, &res);
    ADDRINFOT *tres = nullptr;
    r += GetAddrInfo(TEXT("localhost"), _T("http"), nullptr, &tres);
    FreeAddrInfo(tres);
    FreeAddrInfoW(res);
    WSAPROTOCOL_INFO info = {};
    std::wprintf(L"%ls\n", info.szProtocol);
    std::wstring name(info.szProtocol);
    TCHAR buf[64];
    _tcscpy(buf, TEXT("text"));
    r += static_cast<int>(_tcslen(buf) + name.size());
    std::wcout << buf << std::endl;
    return r;
}
