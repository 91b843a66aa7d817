/*
 * The demo's observer: accepts connections on 127.0.0.1 and reports, for
 * each, exactly what a peer sees when the other side closes it — how many
 * bytes arrived and whether the stream ended with an orderly EOF or a reset
 * (WSAECONNRESET).  A connection starts with "D<id><reader>" (data) or "V"
 * (a request for the verdict on data connection <id>).
 *
 * Usage: close_server [port-file]   (writes the chosen port there)
 */
#include "demo_common.h"

#define MAX_CONNECTIONS 64

static char verdicts[MAX_CONNECTIONS][VERDICT_MAX];
static HANDLE verdict_ready[MAX_CONNECTIONS];

struct data_conn {
    SOCKET s;
    int id;
    char reader;
};

static DWORD WINAPI observe(LPVOID p)
{
    struct data_conn *c = p;
    static char buf[65536];
    long long bytes = 0;
    int result, error = 0;
    ULONGLONG t0 = GetTickCount64();

    if (c->reader == READ_LATE)
        Sleep(1500);
    if (c->reader == READ_NEVER)
        Sleep(4000);
    for (;;) {
        result = recv(c->s, buf, sizeof(buf), 0);
        if (result <= 0)
            break;
        bytes += result;
    }
    if (result == SOCKET_ERROR)
        error = WSAGetLastError();
    snprintf(verdicts[c->id], VERDICT_MAX, "%lld bytes, then %s (after %u ms)", bytes,
             result == 0                ? "EOF"
             : error == WSAECONNRESET   ? "WSAECONNRESET"
             : error == WSAECONNABORTED ? "WSAECONNABORTED"
                                        : "an error",
             (unsigned)(GetTickCount64() - t0));
    closesocket(c->s);
    SetEvent(verdict_ready[c->id]);
    free(c);
    return 0;
}

static DWORD WINAPI answer(LPVOID p)
{
    SOCKET s = (SOCKET)(ULONG_PTR)p;
    char line[32];
    if (recv_line(s, line, sizeof(line)) > 0) {
        int id = atoi(line);
        if (id >= 0 && id < MAX_CONNECTIONS &&
            WaitForSingleObject(verdict_ready[id], 20000) == WAIT_OBJECT_0) {
            send_all(s, verdicts[id], (int)strlen(verdicts[id]));
            send_all(s, "\n", 1);
        }
    }
    closesocket(s);
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA data;
    struct sockaddr_in a;
    int len = sizeof(a);
    int i;
    SOCKET l;

    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return 1;
    for (i = 0; i < MAX_CONNECTIONS; i++)
        verdict_ready[i] = CreateEventA(NULL, TRUE, FALSE, NULL);
    l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, SOMAXCONN) != 0)
        die("bind/listen");
    getsockname(l, (struct sockaddr *)&a, &len);
    if (argc > 1) {
        FILE *f = fopen(argv[1], "w");
        fprintf(f, "%u\n", (unsigned)ntohs(a.sin_port));
        fclose(f);
    } else {
        printf("listening on 127.0.0.1:%u\n", (unsigned)ntohs(a.sin_port));
    }

    for (;;) {
        SOCKET s = accept(l, NULL, NULL);
        char kind;
        if (s == INVALID_SOCKET)
            die("accept");
        if (recv(s, &kind, 1, 0) != 1) {
            closesocket(s);
            continue;
        }
        if (kind == 'Q') {
            closesocket(s);
            break;
        }
        if (kind == 'V') {
            CloseHandle(CreateThread(NULL, 0, answer, (LPVOID)(ULONG_PTR)s, 0, NULL));
        } else if (kind == 'D') {
            char head[2];
            struct data_conn *c = malloc(sizeof(*c));
            if (recv(s, head, 2, MSG_WAITALL) != 2) {
                closesocket(s);
                free(c);
                continue;
            }
            c->s = s;
            c->id = head[0] % MAX_CONNECTIONS;
            c->reader = head[1];
            CloseHandle(CreateThread(NULL, 0, observe, c, 0, NULL));
        } else {
            closesocket(s);
        }
    }
    closesocket(l);
    WSACleanup();
    return 0;
}
