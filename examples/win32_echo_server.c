/*
 * An echo server written the way Windows servers are written, and built
 * unchanged for Linux and for Windows: a UNICODE build with TCHAR strings,
 * an I/O completion port served by _beginthreadex workers sized by
 * GetSystemInfo, AcceptEx through its extension pointer, a connection list
 * under a CRITICAL_SECTION, errors printed through FormatMessage, and a
 * SetConsoleCtrlHandler handler that shuts the server down cleanly on Ctrl-C
 * (or SIGTERM on Linux) with receives still pending.
 *
 * Usage: win32_echo_server <port-file>
 * It listens on 127.0.0.1 (a port chosen by the system), writes the port
 * number to <port-file> with CreateFile/WriteFile, serves until Ctrl-C, then
 * prints what it did and exits 0 when every overlapped operation it issued
 * has completed exactly once.
 */
#define WIN32_LEAN_AND_MEAN
#ifndef UNICODE
#define UNICODE
#endif
#ifndef _UNICODE
#define _UNICODE
#endif
#include <Windows.h>
#include <WinSock2.h>
#include <WS2tcpip.h>
#include <MSWSock.h>
#include <process.h>
#include <tchar.h>
#include <strsafe.h> /* after tchar.h, as the SDK requires */

#include <stdio.h>

#pragma comment(lib, "ws2_32.lib")

#define ACCEPTS_PENDING 4
#define BUFFER_SIZE     4096
#define ADDRESS_ROOM    (sizeof(SOCKADDR_STORAGE) + 16)

typedef enum { OP_ACCEPT, OP_RECV, OP_SEND } OP_KIND;

typedef struct IO_CONTEXT {
    WSAOVERLAPPED Overlapped; /* first: the OVERLAPPED leads back to the context */
    OP_KIND Kind;
    SOCKET Socket; /* the accepted socket, for OP_ACCEPT */
    WSABUF Buffer;
    char Data[BUFFER_SIZE];
} IO_CONTEXT;

typedef struct CONNECTION {
    struct CONNECTION *Next;
    SOCKET Socket;
    IO_CONTEXT Io; /* one operation at a time: a receive, then its echo */
} CONNECTION;

static HANDLE g_Port;
static SOCKET g_Listener = INVALID_SOCKET;
static LPFN_ACCEPTEX g_AcceptEx;
static IO_CONTEXT g_Accepts[ACCEPTS_PENDING];
static CRITICAL_SECTION g_Lock; /* guards g_Connections and g_Stopping */
static CONNECTION *g_Connections;
static BOOL g_Stopping;
static HANDLE g_Stopped; /* set by the console handler */
static volatile LONG g_Issued, g_Completed, g_Aborted, g_Served;
static volatile LONGLONG g_BytesEchoed;

/* An interlocked read: the counters are written by the workers with Interlocked calls. */
static LONG ReadCounter(volatile LONG *Counter)
{
    return InterlockedCompareExchange(Counter, 0, 0);
}

/* Prints "<what> failed: <the system's text for the error>". */
static void PrintError(LPCTSTR What, DWORD Error)
{
    LPTSTR Text = NULL;
    DWORD Length = FormatMessage(
        FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
        NULL, Error, MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), (LPTSTR)&Text, 0, NULL);
    _ftprintf(stderr, _T("%ls failed with error %lu: %ls"), What, (unsigned long)Error,
              Length ? Text : _T("(no text)\n"));
    if (Text)
        LocalFree(Text);
}

static BOOL PostAccept(IO_CONTEXT *Io)
{
    DWORD Received = 0;
    ZeroMemory(&Io->Overlapped, sizeof(Io->Overlapped));
    Io->Kind = OP_ACCEPT;
    Io->Socket = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    if (Io->Socket == INVALID_SOCKET) {
        PrintError(_T("WSASocket"), WSAGetLastError());
        return FALSE;
    }
    InterlockedIncrement(&g_Issued);
    if (!g_AcceptEx(g_Listener, Io->Socket, Io->Data, 0, ADDRESS_ROOM, ADDRESS_ROOM, &Received,
                    &Io->Overlapped) &&
        WSAGetLastError() != ERROR_IO_PENDING) {
        /* Only a call that succeeds or is pending queues a completion. */
        InterlockedIncrement(&g_Completed);
        PrintError(_T("AcceptEx"), WSAGetLastError());
        closesocket(Io->Socket);
        Io->Socket = INVALID_SOCKET;
        return FALSE;
    }
    return TRUE;
}

/*
 * Receives and sends are issued under the lock, after a look at g_Stopping:
 * an operation is then either issued before shutdown begins (and cancelled
 * by it) or not issued at all.
 */
static BOOL PostReceive(CONNECTION *Conn)
{
    DWORD Flags = 0;
    BOOL Ok = FALSE;
    ZeroMemory(&Conn->Io.Overlapped, sizeof(Conn->Io.Overlapped));
    Conn->Io.Kind = OP_RECV;
    Conn->Io.Buffer.buf = Conn->Io.Data;
    Conn->Io.Buffer.len = BUFFER_SIZE;
    EnterCriticalSection(&g_Lock);
    if (!g_Stopping) {
        InterlockedIncrement(&g_Issued);
        Ok = WSARecv(Conn->Socket, &Conn->Io.Buffer, 1, NULL, &Flags, &Conn->Io.Overlapped, NULL) ==
                 0 ||
             WSAGetLastError() == WSA_IO_PENDING;
        if (!Ok)
            InterlockedIncrement(&g_Completed);
    }
    LeaveCriticalSection(&g_Lock);
    return Ok;
}

static BOOL PostSend(CONNECTION *Conn, DWORD Bytes)
{
    BOOL Ok = FALSE;
    ZeroMemory(&Conn->Io.Overlapped, sizeof(Conn->Io.Overlapped));
    Conn->Io.Kind = OP_SEND;
    Conn->Io.Buffer.buf = Conn->Io.Data;
    Conn->Io.Buffer.len = Bytes;
    EnterCriticalSection(&g_Lock);
    if (!g_Stopping) {
        InterlockedIncrement(&g_Issued);
        Ok = WSASend(Conn->Socket, &Conn->Io.Buffer, 1, NULL, 0, &Conn->Io.Overlapped, NULL) == 0 ||
             WSAGetLastError() == WSA_IO_PENDING;
        if (!Ok)
            InterlockedIncrement(&g_Completed);
    }
    LeaveCriticalSection(&g_Lock);
    return Ok;
}

/* Takes a connection off the list and frees it; its socket is closed already. */
static void FreeConnection(CONNECTION *Conn)
{
    CONNECTION **Link;
    EnterCriticalSection(&g_Lock);
    for (Link = &g_Connections; *Link; Link = &(*Link)->Next) {
        if (*Link == Conn) {
            *Link = Conn->Next;
            break;
        }
    }
    LeaveCriticalSection(&g_Lock);
    HeapFree(GetProcessHeap(), 0, Conn);
}

static void CloseConnection(CONNECTION *Conn)
{
    EnterCriticalSection(&g_Lock);
    if (Conn->Socket != INVALID_SOCKET) {
        closesocket(Conn->Socket);
        Conn->Socket = INVALID_SOCKET;
    }
    LeaveCriticalSection(&g_Lock);
    FreeConnection(Conn);
}

static void OnAccept(IO_CONTEXT *Io, BOOL Ok)
{
    CONNECTION *Conn;
    SOCKET Accepted = Io->Socket;
    BOOL Stopping;

    Io->Socket = INVALID_SOCKET;
    if (!Ok) {
        closesocket(Accepted);
        return; /* the listener was closed: the server is stopping */
    }
    setsockopt(Accepted, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&g_Listener,
               sizeof(g_Listener));
    Conn = (CONNECTION *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*Conn));
    if (!Conn) {
        closesocket(Accepted);
    } else {
        Conn->Socket = Accepted;
        EnterCriticalSection(&g_Lock);
        Stopping = g_Stopping;
        if (!Stopping) {
            Conn->Next = g_Connections;
            g_Connections = Conn;
        }
        LeaveCriticalSection(&g_Lock);
        if (Stopping) {
            closesocket(Accepted);
            HeapFree(GetProcessHeap(), 0, Conn);
        } else if (CreateIoCompletionPort((HANDLE)Accepted, g_Port, (ULONG_PTR)Conn, 0) == NULL) {
            PrintError(_T("CreateIoCompletionPort"), GetLastError());
            CloseConnection(Conn);
        } else {
            InterlockedIncrement(&g_Served);
            if (!PostReceive(Conn))
                CloseConnection(Conn);
        }
    }
    /* The next accept, unless shutdown has begun (then the listener is closed). */
    EnterCriticalSection(&g_Lock);
    if (!g_Stopping)
        PostAccept(Io);
    LeaveCriticalSection(&g_Lock);
}

static unsigned __stdcall Worker(void *Parameter)
{
    (void)Parameter;
    for (;;) {
        DWORD Bytes = 0;
        ULONG_PTR Key = 0;
        LPOVERLAPPED Overlapped = NULL;
        BOOL Ok = GetQueuedCompletionStatus(g_Port, &Bytes, &Key, &Overlapped, INFINITE);
        IO_CONTEXT *Io = (IO_CONTEXT *)Overlapped;

        if (Overlapped == NULL)
            break; /* our shutdown packet (or the port is gone) */
        InterlockedIncrement(&g_Completed);
        if (!Ok && GetLastError() == ERROR_OPERATION_ABORTED)
            InterlockedIncrement(&g_Aborted);
        if (Io->Kind == OP_ACCEPT) {
            OnAccept(Io, Ok);
            continue;
        }
        CONNECTION *Conn = (CONNECTION *)Key;
        if (!Ok || Bytes == 0) {
            CloseConnection(Conn); /* reset, closed by the peer, or aborted */
        } else if (Io->Kind == OP_RECV) {
            if (!PostSend(Conn, Bytes))
                CloseConnection(Conn);
        } else {
            InterlockedExchangeAdd64(&g_BytesEchoed, (LONGLONG)Bytes);
            if (!PostReceive(Conn))
                CloseConnection(Conn);
        }
    }
    return 0;
}

/* Runs on a thread of its own, as Windows runs console control handlers. */
static BOOL WINAPI ConsoleHandler(DWORD CtrlType)
{
    switch (CtrlType) {
    case CTRL_C_EVENT:
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT: SetEvent(g_Stopped); return TRUE;
    default: return FALSE;
    }
}

static BOOL WritePortFile(LPCTSTR Path, USHORT Port)
{
    char Text[16];
    DWORD Written = 0;
    HANDLE File =
        CreateFile(Path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (File == INVALID_HANDLE_VALUE) {
        PrintError(_T("CreateFile"), GetLastError());
        return FALSE;
    }
    StringCbPrintfA(Text, sizeof(Text), "%u\n", (unsigned)Port);
    BOOL Ok = WriteFile(File, Text, (DWORD)strlen(Text), &Written, NULL);
    if (!Ok)
        PrintError(_T("WriteFile"), GetLastError());
    CloseHandle(File);
    return Ok;
}

int _tmain(int argc, TCHAR *argv[])
{
    WSADATA WsaData;
    SYSTEM_INFO SystemInfo;
    SOCKADDR_IN Address;
    int AddressLength = sizeof(Address);
    GUID AcceptExGuid = WSAID_ACCEPTEX;
    DWORD Bytes = 0, Workers, i;
    HANDLE *Threads;
    int Error;

    if (argc != 2) {
        _ftprintf(stderr, _T("usage: %ls <port-file>\n"), argv[0]);
        return 2;
    }
    if ((Error = WSAStartup(MAKEWORD(2, 2), &WsaData)) != 0) {
        PrintError(_T("WSAStartup"), (DWORD)Error);
        return 1;
    }
    InitializeCriticalSection(&g_Lock);
    g_Stopped = CreateEvent(NULL, TRUE, FALSE, NULL);
    if (!SetConsoleCtrlHandler(ConsoleHandler, TRUE)) {
        PrintError(_T("SetConsoleCtrlHandler"), GetLastError());
        return 1;
    }

    /* Two workers per processor, the usual sizing of a completion port pool. */
    GetSystemInfo(&SystemInfo);
    Workers = SystemInfo.dwNumberOfProcessors * 2;
    g_Port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    Threads = (HANDLE *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, Workers * sizeof(HANDLE));
    for (i = 0; i < Workers; i++)
        Threads[i] = (HANDLE)_beginthreadex(NULL, 0, Worker, NULL, 0, NULL);

    g_Listener = WSASocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    ZeroMemory(&Address, sizeof(Address));
    Address.sin_family = AF_INET;
    Address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(g_Listener, (SOCKADDR *)&Address, sizeof(Address)) == SOCKET_ERROR ||
        listen(g_Listener, SOMAXCONN) == SOCKET_ERROR ||
        getsockname(g_Listener, (SOCKADDR *)&Address, &AddressLength) == SOCKET_ERROR) {
        PrintError(_T("bind/listen"), WSAGetLastError());
        return 1;
    }
    if (WSAIoctl(g_Listener, SIO_GET_EXTENSION_FUNCTION_POINTER, &AcceptExGuid,
                 sizeof(AcceptExGuid), &g_AcceptEx, sizeof(g_AcceptEx), &Bytes, NULL,
                 NULL) == SOCKET_ERROR) {
        PrintError(_T("WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)"), WSAGetLastError());
        return 1;
    }
    CreateIoCompletionPort((HANDLE)g_Listener, g_Port, 0, 0);
    for (i = 0; i < ACCEPTS_PENDING; i++)
        PostAccept(&g_Accepts[i]);
    if (!WritePortFile(argv[1], ntohs(Address.sin_port)))
        return 1;
    _tprintf(_T("listening on 127.0.0.1:%u with %lu workers\n"), (unsigned)ntohs(Address.sin_port),
             (unsigned long)Workers);
    fflush(stdout);

    WaitForSingleObject(g_Stopped, INFINITE);

    /*
     * Shut down: no new operations, close the listener (its pending AcceptEx
     * calls complete with ERROR_OPERATION_ABORTED) and cancel each
     * connection's pending operation (its worker then closes it), wait until
     * each operation has come back through the port, then stop the workers.
     */
    EnterCriticalSection(&g_Lock);
    g_Stopping = TRUE;
    closesocket(g_Listener);
    for (CONNECTION *Conn = g_Connections; Conn; Conn = Conn->Next)
        CancelIoEx((HANDLE)Conn->Socket, NULL); /* the worker closes it on the abort */
    LeaveCriticalSection(&g_Lock);
    for (i = 0; i < 500 && ReadCounter(&g_Completed) != ReadCounter(&g_Issued); i++)
        Sleep(10);
    for (i = 0; i < Workers; i++)
        PostQueuedCompletionStatus(g_Port, 0, 0, NULL);
    WaitForMultipleObjects(Workers, Threads, TRUE, INFINITE);
    for (i = 0; i < Workers; i++)
        CloseHandle(Threads[i]);
    HeapFree(GetProcessHeap(), 0, Threads);
    CloseHandle(g_Port);
    CloseHandle(g_Stopped);
    DeleteCriticalSection(&g_Lock);
    WSACleanup();

    _tprintf(_T("served %ld connections, echoed %lld bytes; %ld of %ld operations completed, ")
             _T("%ld aborted at shutdown\n"),
             (long)g_Served, (long long)g_BytesEchoed, (long)g_Completed, (long)g_Issued,
             (long)g_Aborted);
    return g_Completed == g_Issued && g_Connections == NULL ? 0 : 1;
}
