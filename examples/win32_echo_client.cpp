/*
 * The client of win32_echo_server, in C++ as Windows tools are often
 * written, and built unchanged for Linux and for Windows: std::wstring with
 * GetAddrInfoW, _beginthreadex threads, a slim reader/writer lock and a
 * condition variable to wait for them, Interlocked counters, timeGetTime, and
 * ioctlsocket with an `unsigned long` (32 bits on Windows, 64 on Linux).
 *
 * Usage: win32_echo_client <port-file> <threads> <messages-per-thread>
 * Each thread connects to 127.0.0.1, sends its messages one by one and checks
 * that each comes back intact.  Exit status 0 when every echo was verified.
 */
#define WIN32_LEAN_AND_MEAN
#include <Windows.h>
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <mmsystem.h>
#include <process.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#pragma comment(lib, "ws2_32.lib")
#pragma comment(lib, "winmm.lib")

namespace
{

SRWLOCK g_Lock = SRWLOCK_INIT;
CONDITION_VARIABLE g_AllDone = CONDITION_VARIABLE_INIT;
int g_Running;
volatile LONG g_Verified, g_Failed;
std::wstring g_Port;
int g_Messages;

bool SendAll(SOCKET s, const char *data, int length)
{
    while (length > 0) {
        int sent = send(s, data, length, 0);
        if (sent == SOCKET_ERROR)
            return false;
        data += sent;
        length -= sent;
    }
    return true;
}

bool ReceiveAll(SOCKET s, char *data, int length)
{
    while (length > 0) {
        int got = recv(s, data, length, 0);
        if (got <= 0)
            return false;
        data += got;
        length -= got;
    }
    return true;
}

SOCKET Connect()
{
    ADDRINFOW hints = {};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    ADDRINFOW *result = nullptr;
    int error = GetAddrInfoW(L"127.0.0.1", g_Port.c_str(), &hints, &result);
    if (error != 0) {
        std::fwprintf(stderr, L"GetAddrInfoW(L\"127.0.0.1\", L\"%ls\") failed: %d\n",
                      g_Port.c_str(), error);
        return INVALID_SOCKET;
    }
    SOCKET s = socket(result->ai_family, result->ai_socktype, result->ai_protocol);
    if (s != INVALID_SOCKET &&
        connect(s, result->ai_addr, static_cast<int>(result->ai_addrlen)) == SOCKET_ERROR) {
        std::fprintf(stderr, "connect failed: %d\n", WSAGetLastError());
        closesocket(s);
        s = INVALID_SOCKET;
    }
    FreeAddrInfoW(result);
    return s;
}

unsigned __stdcall ClientThread(void *parameter)
{
    const unsigned id = static_cast<unsigned>(reinterpret_cast<ULONG_PTR>(parameter));
    SOCKET s = Connect();
    if (s != INVALID_SOCKET) {
        unsigned long blocking = 0; /* the width Windows code writes, not u_long */
        ioctlsocket(s, FIONBIO, &blocking);
        std::vector<char> echo;
        for (int i = 0; i < g_Messages; i++) {
            char text[128];
            int length =
                std::snprintf(text, sizeof(text), "thread %u message %d of %d", id, i, g_Messages);
            echo.assign(static_cast<size_t>(length), '\0');
            if (!SendAll(s, text, length) || !ReceiveAll(s, echo.data(), length) ||
                std::string(echo.begin(), echo.end()) != std::string(text, length)) {
                InterlockedIncrement(&g_Failed);
                break;
            }
            InterlockedIncrement(&g_Verified);
        }
        shutdown(s, SD_SEND);
        closesocket(s);
    } else {
        InterlockedIncrement(&g_Failed);
    }
    AcquireSRWLockExclusive(&g_Lock);
    if (--g_Running == 0)
        WakeAllConditionVariable(&g_AllDone);
    ReleaseSRWLockExclusive(&g_Lock);
    return 0;
}

bool ReadPort(const char *path)
{
    HANDLE file = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, nullptr, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return false;
    char text[16] = {};
    DWORD got = 0;
    BOOL ok = ReadFile(file, text, sizeof(text) - 1, &got, nullptr);
    CloseHandle(file);
    if (!ok || got == 0)
        return false;
    for (DWORD i = 0; i < got && text[i] >= '0' && text[i] <= '9'; i++)
        g_Port.push_back(static_cast<wchar_t>(text[i]));
    return !g_Port.empty();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s <port-file> <threads> <messages-per-thread>\n", argv[0]);
        return 2;
    }
    if (!ReadPort(argv[1])) {
        std::fprintf(stderr, "cannot read the port from %s\n", argv[1]);
        return 1;
    }
    const int threads = std::atoi(argv[2]);
    g_Messages = std::atoi(argv[3]);

    WSADATA wsaData;
    if (WSAStartup(MAKEWORD(2, 2), &wsaData) != 0)
        return 1;
    timeBeginPeriod(1);
    const DWORD started = timeGetTime();

    std::vector<HANDLE> handles;
    g_Running = threads;
    for (int i = 0; i < threads; i++) {
        uintptr_t h =
            _beginthreadex(nullptr, 0, ClientThread,
                           reinterpret_cast<void *>(static_cast<ULONG_PTR>(i)), 0, nullptr);
        if (h == 0) {
            std::fprintf(stderr, "_beginthreadex failed\n");
            return 1;
        }
        handles.push_back(reinterpret_cast<HANDLE>(h));
    }
    AcquireSRWLockExclusive(&g_Lock);
    while (g_Running > 0)
        SleepConditionVariableSRW(&g_AllDone, &g_Lock, INFINITE, 0);
    ReleaseSRWLockExclusive(&g_Lock);
    for (HANDLE h : handles) {
        WaitForSingleObject(h, INFINITE);
        CloseHandle(h);
    }

    const DWORD elapsed = timeGetTime() - started;
    timeEndPeriod(1);
    WSACleanup();
    std::printf("%d threads: %ld echoes verified, %ld failures, %lu ms\n", threads,
                static_cast<long>(g_Verified), static_cast<long>(g_Failed),
                static_cast<unsigned long>(elapsed));
    return g_Failed == 0 && g_Verified == static_cast<LONG>(threads) * g_Messages ? 0 : 1;
}
