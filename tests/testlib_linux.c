/*
 * Test helpers that read Linux's own view of the process; this file uses
 * Linux headers only (a translation unit is either Windows or POSIX).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int ws2t_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory's own descriptor */
}

int ws2t_settled_fds(int expected)
{
    int n = ws2t_open_fds();
    for (int i = 0; i < 500 && n != expected; i++) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
        n = ws2t_open_fds();
    }
    return n;
}

/* TCP state 06 is TIME_WAIT in /proc/net/tcp and tcp6. */
int ws2t_time_wait_on_port(unsigned short port)
{
    const char *files[] = {"/proc/net/tcp", "/proc/net/tcp6"};
    int found = 0;
    for (int f = 0; f < 2; f++) {
        FILE *fp = fopen(files[f], "r");
        if (!fp)
            continue;
        char line[512];
        if (!fgets(line, sizeof(line), fp)) {
            fclose(fp);
            continue;
        }
        while (fgets(line, sizeof(line), fp)) {
            char local[128], remote[128];
            unsigned state;
            if (sscanf(line, "%*d: %127s %127s %x", local, remote, &state) != 3)
                continue;
            char *colon = strrchr(local, ':');
            unsigned local_port = colon ? (unsigned)strtoul(colon + 1, NULL, 16) : 0;
            if (state == 6 && local_port == port)
                found = 1;
        }
        fclose(fp);
    }
    return found;
}
