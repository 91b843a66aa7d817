#define _GNU_SOURCE
/*
 * Test helpers that read Linux's own view of the process; this file uses
 * Linux headers only (a translation unit is either Windows or POSIX).
 */
#include <dirent.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>

/*
 * The process's open descriptors, the directory's own included: all of
 * them, or (target not NULL) those whose /proc link reads target.  -1 on
 * error.
 */
static int testlib__fds(const char *target)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (target) {
            char path[300], link[64];
            snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
            ssize_t len = readlink(path, link, sizeof(link) - 1);
            if (len <= 0)
                continue;
            link[len] = '\0';
            if (strcmp(link, target) != 0)
                continue;
        }
        n++;
    }
    closedir(d);
    return n;
}

int ws2t_open_fds(void)
{
    int n = testlib__fds(NULL);
    return n < 0 ? -1 : n - 1; /* the directory's own descriptor */
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
int ws2t_time_wait(unsigned short local_port, unsigned short remote_port)
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
            char *lc = strrchr(local, ':'), *rc = strrchr(remote, ':');
            unsigned lp = lc ? (unsigned)strtoul(lc + 1, NULL, 16) : 0;
            unsigned rp = rc ? (unsigned)strtoul(rc + 1, NULL, 16) : 0;
            if (state == 6 && lp == local_port && rp == remote_port)
                found = 1;
        }
        fclose(fp);
    }
    return found;
}

/*
 * A raw Linux peer: a loopback TCP endpoint that does not go through
 * ws2posix, so it outlives WSACleanup and sees exactly what went on the wire.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

int ws2t_raw_listen(unsigned short *port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 16) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) < 0)
        return -1;
    *port = ntohs(a.sin_port);
    return fd;
}

int ws2t_linux_port_taken(int v6, unsigned short port)
{
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    struct sockaddr_in a;
    struct sockaddr_in6 a6;
    memset(&a, 0, sizeof(a));
    memset(&a6, 0, sizeof(a6));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    a6.sin6_family = AF_INET6;
    a6.sin6_addr = in6addr_loopback;
    a6.sin6_port = htons(port);
    int r = v6 ? bind(fd, (struct sockaddr *)&a6, sizeof(a6))
               : bind(fd, (struct sockaddr *)&a, sizeof(a));
    int taken = r == 0 ? 0 : errno == EADDRINUSE ? 1 : -1;
    close(fd);
    return taken;
}

int ws2t_raw_accept(int listen_fd)
{
    return accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
}

int ws2t_raw_close(int fd)
{
    return close(fd);
}

int ws2t_raw_connect(unsigned short port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/*
 * Reads until the stream ends or timeout_ms passes without data.  Returns 0
 * for an orderly end (FIN), 1 for a reset, 2 for a timeout, -1 otherwise;
 * *bytes counts what was read.
 */
int ws2t_raw_drain(int fd, size_t *bytes, int timeout_ms)
{
    static char buf[65536];
    *bytes = 0;
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) == 0)
            return 2;
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        if (n > 0) {
            *bytes += (size_t)n;
            continue;
        }
        if (n == 0)
            return 0;
        if (errno == EINTR)
            continue;
        return errno == ECONNRESET ? 1 : -1;
    }
}

/*
 * Child processes: the test program runs itself again with a scenario name
 * (and one argument), the child's standard output a pipe back to the parent.
 */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int ws2t_spawn_self(const char *scenario, const char *arg, int *out_fd)
{
    int pipefd[2];
    if (pipe(pipefd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        execl("/proc/self/exe", "child", scenario, arg ? arg : "", (char *)NULL);
        _exit(127);
    }
    close(pipefd[1]);
    *out_fd = pipefd[0];
    return (int)pid;
}

int ws2t_read_line(int fd, char *buf, int size, int timeout_ms)
{
    int n = 0;
    while (n < size - 1) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0)
            return -1;
        ssize_t got = read(fd, buf + n, 1);
        if (got <= 0)
            return -1;
        if (buf[n] == '\n')
            break;
        n++;
    }
    buf[n] = '\0';
    return n;
}

int ws2t_wait_child(int pid, int timeout_ms)
{
    for (int waited = 0;; waited += 10) {
        int status;
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (r < 0)
            return -1;
        if (waited >= timeout_ms) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -2; /* it did not end in time */
        }
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
}

void ws2t_kill_child(int pid)
{
    kill(pid, SIGKILL);
}

/*
 * A page of our own with the given access: 0 none, 1 read-only, 3 read and
 * write.  Made with mmap, so it lies outside the stack, the brk heap and the
 * program (the library asks the kernel about it).  Never unmapped: each test
 * program asks for a few.
 */
void *ws2t_page(int access)
{
    int prot = access == 0 ? PROT_NONE : access == 1 ? PROT_READ : PROT_READ | PROT_WRITE;
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    memset(p, 0, 4096);
    if (mprotect(p, 4096, prot) != 0)
        return NULL;
    return p;
}

/* Makes a page from ws2t_page read-only, once the test has written what it needs there. */
void ws2t_page_seal(void *page)
{
    mprotect(page, 4096, PROT_READ);
}

/* A read-write page followed by one that cannot be touched at all. */
void *ws2t_guarded_page(void)
{
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (mprotect(p + 4096, 4096, PROT_NONE) != 0)
        return NULL;
    return p;
}

void *ws2t_arena_like_heap(size_t rw)
{
    const uintptr_t align = (uintptr_t)64 << 20;
    char *raw =
        mmap(NULL, 2 * align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED)
        return NULL;
    char *base = (char *)(((uintptr_t)raw + align - 1) & ~(align - 1));
    /* Only the aligned 64 MiB stays, as glibc keeps an arena heap's reservation. */
    if (base > raw)
        munmap(raw, (size_t)(base - raw));
    munmap(base + align, (size_t)(raw + 2 * align - (base + align)));
    if (mprotect(base, rw, PROT_READ | PROT_WRITE) != 0)
        return NULL;
    return base;
}

/* ---- Linux's own view of the interfaces (getifaddrs, if_nameindex) ---- */

#include <ifaddrs.h>
#include <net/if.h>

int ws2t_linux_has_address(int v6, const unsigned char *addr, unsigned ifindex)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0)
        return -1;
    int found = 0;
    for (struct ifaddrs *i = list; i && !found; i = i->ifa_next) {
        if (!i->ifa_addr || if_nametoindex(i->ifa_name) != ifindex)
            continue;
        if (!v6 && i->ifa_addr->sa_family == AF_INET)
            found = memcmp(&((struct sockaddr_in *)i->ifa_addr)->sin_addr, addr, 4) == 0;
        else if (v6 && i->ifa_addr->sa_family == AF_INET6)
            found = memcmp(&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, addr, 16) == 0;
    }
    freeifaddrs(list);
    return found;
}

int ws2t_linux_address_count(int v)
{
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0)
        return -1;
    int n = 0;
    for (struct ifaddrs *i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr)
            continue;
        n += (v != 6 && i->ifa_addr->sa_family == AF_INET) ||
             (v != 4 && i->ifa_addr->sa_family == AF_INET6);
    }
    freeifaddrs(list);
    return n;
}

unsigned ws2t_linux_ifindex(const char *name)
{
    return if_nametoindex(name);
}

int ws2t_linux_broadcast_routed(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    int on = 1;
    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on));
    struct sockaddr_in to;
    memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_port = htons(9);
    to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    int routed = connect(fd, (struct sockaddr *)&to, sizeof(to)) == 0;
    close(fd);
    return routed;
}

int ws2t_linux_interfaces(int *not_loopback)
{
    struct if_nameindex *list = if_nameindex();
    if (!list)
        return -1;
    int n = 0, other = 0;
    for (struct if_nameindex *i = list; i->if_index; i++) {
        n++;
        char path[128], line[32] = "";
        snprintf(path, sizeof(path), "/sys/class/net/%s/type", i->if_name);
        FILE *f = fopen(path, "r");
        if (f) {
            if (!fgets(line, sizeof(line), f))
                line[0] = '\0';
            fclose(f);
        }
        other += atoi(line) != 772; /* ARPHRD_LOOPBACK */
    }
    if_freenameindex(list);
    if (not_loopback)
        *not_loopback = other;
    return n;
}

/*
 * What Linux says about the machine, for the Win32 system-information tests
 * (test_win32_sysinfo.c): the processors this process may run on, whether
 * one of them is processor cpu, the page size and the host name.
 */
#include <sched.h>

int ws2t_affinity_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0)
        return -1;
    return CPU_COUNT(&set);
}

int ws2t_affinity_has(int cpu)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0)
        return -1;
    return CPU_ISSET(cpu, &set) ? 1 : 0;
}

long ws2t_page_size(void)
{
    return sysconf(_SC_PAGESIZE);
}

int ws2t_hostname(char *buf, int size)
{
    return gethostname(buf, (size_t)size);
}

/*
 * Bytes the C library's allocator has handed out and not taken back
 * (mallinfo2), for the heap tests; 0 where the allocator does not say (a
 * sanitizer's, whose leak checker then does the counting).
 */
#include <malloc.h>

size_t ws2t_malloc_in_use(void)
{
    return mallinfo2().uordblks;
}

/*
 * Narrows the calling thread to the first processor it may run on (1 on
 * success) and puts its mask back; the sysinfo test checks that
 * GetSystemInfo follows the mask whatever machine it runs on.
 */
static cpu_set_t ws2t__saved_affinity;

int ws2t_affinity_narrow(void)
{
    if (sched_getaffinity(0, sizeof(ws2t__saved_affinity), &ws2t__saved_affinity) != 0)
        return 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET(cpu, &ws2t__saved_affinity)) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            return sched_setaffinity(0, sizeof(one), &one) == 0;
        }
    return 0;
}

void ws2t_affinity_restore(void)
{
    sched_setaffinity(0, sizeof(ws2t__saved_affinity), &ws2t__saved_affinity);
}

/* ---- test_msg: Linux's receive options, set beneath the library ---------- */

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * The process's UDP socket bound to port (host order) in family v6 (0 or
 * 1): found through /proc/self/fd and getsockname, -1 when there is none.
 */
static int ws2t__udp_fd(unsigned short port, int v6)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int found = -1;
    struct dirent *e;
    while (found < 0 && (e = readdir(d)) != NULL) {
        int fd = atoi(e->d_name);
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        int type = 0;
        socklen_t tlen = sizeof(type);
        if (e->d_name[0] == '.' || getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
            getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tlen) < 0 || type != SOCK_DGRAM)
            continue;
        if (!v6 && ss.ss_family == AF_INET && ntohs(((struct sockaddr_in *)&ss)->sin_port) == port)
            found = fd;
        if (v6 && ss.ss_family == AF_INET6 &&
            ntohs(((struct sockaddr_in6 *)&ss)->sin6_port) == port)
            found = fd;
    }
    closedir(d);
    return found;
}

int ws2t_linux_recv_option(unsigned short port, const char *option)
{
    static const struct {
        const char *name;
        int v6, level, opt;
    } options[] = {
        {"IP_PKTINFO", 0, IPPROTO_IP, IP_PKTINFO},
        {"IP_RECVTTL", 0, IPPROTO_IP, IP_RECVTTL},
        {"IP_RECVTOS", 0, IPPROTO_IP, IP_RECVTOS},
        {"IPV6_RECVPKTINFO", 1, IPPROTO_IPV6, IPV6_RECVPKTINFO},
        {"IPV6_RECVHOPLIMIT", 1, IPPROTO_IPV6, IPV6_RECVHOPLIMIT},
        {"IPV6_RECVTCLASS", 1, IPPROTO_IPV6, IPV6_RECVTCLASS},
    };
    for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
        if (strcmp(options[i].name, option) != 0)
            continue;
        int fd = ws2t__udp_fd(port, options[i].v6);
        int on = 1;
        return fd < 0 ? -1 : setsockopt(fd, options[i].level, options[i].opt, &on, sizeof(on));
    }
    return -1;
}

/* ---- A private network namespace, for the address change tests (test_ioctl_notify.c) ---- */
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/ioctl.h>

static int ws2t__write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

int ws2t_private_netns(void)
{
    uid_t uid = geteuid();
    gid_t gid = getegid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
        return -1;
    char map[64];
    snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
    if (ws2t__write_file("/proc/self/uid_map", map) != 0)
        return -1;
    ws2t__write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
    if (ws2t__write_file("/proc/self/gid_map", map) != 0)
        return -1;
    /* The namespace's loopback interface starts down. */
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
    int r = ioctl(fd, SIOCGIFFLAGS, &ifr);
    if (r == 0) {
        ifr.ifr_flags |= IFF_UP;
        r = ioctl(fd, SIOCSIFFLAGS, &ifr);
    }
    close(fd);
    return r;
}

int ws2t_linux_change_address(int add, int v6, const unsigned char *addr, unsigned prefix)
{
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0)
        return -1;
    struct {
        struct nlmsghdr h;
        struct ifaddrmsg a;
        char attrs[64];
    } req;
    memset(&req, 0, sizeof(req));
    size_t bytes = v6 ? 16 : 4;
    req.h.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
    req.h.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
    req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
    req.h.nlmsg_seq = 1;
    req.a.ifa_family = v6 ? AF_INET6 : AF_INET;
    req.a.ifa_prefixlen = (unsigned char)prefix;
    req.a.ifa_index = if_nametoindex("lo");
    unsigned short types[2] = {IFA_LOCAL, IFA_ADDRESS};
    for (int i = 0; i < 2; i++) {
        struct rtattr *rta = (struct rtattr *)((char *)&req + NLMSG_ALIGN(req.h.nlmsg_len));
        rta->rta_type = types[i];
        rta->rta_len = (unsigned short)RTA_LENGTH(bytes);
        memcpy(RTA_DATA(rta), addr, bytes);
        req.h.nlmsg_len = NLMSG_ALIGN(req.h.nlmsg_len) + RTA_ALIGN(rta->rta_len);
    }
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    int r = -1;
    if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) >= 0) {
        char buf[512];
        ssize_t n = recv(fd, buf, sizeof(buf), 0);
        const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
        if (n >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) && h->nlmsg_type == NLMSG_ERROR)
            r = ((const struct nlmsgerr *)NLMSG_DATA(h))->error == 0 ? 0 : -1;
    }
    close(fd);
    return r;
}

/*
 * Whether Linux lets this process open an ICMP socket of the kind: raw
 * (SOCK_RAW, needs CAP_NET_RAW) or ping (SOCK_DGRAM, needs a group in
 * net.ipv4.ping_group_range); v6 for ICMPv6.
 */
int ws2t_linux_icmp_allowed(int ping, int v6)
{
    int fd = socket(v6 ? AF_INET6 : AF_INET, ping ? SOCK_DGRAM : SOCK_RAW,
                    v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

void ws2t_thread_usage(long *sleeps, double *cpu_ms)
{
    struct rusage u;
    memset(&u, 0, sizeof(u));
    getrusage(RUSAGE_THREAD, &u);
    *sleeps = u.ru_nvcsw;
    *cpu_ms = (double)u.ru_utime.tv_sec * 1000 + (double)u.ru_utime.tv_usec / 1000 +
              (double)u.ru_stime.tv_sec * 1000 + (double)u.ru_stime.tv_usec / 1000;
}

int ws2t_linux_uring_count(void)
{
    return testlib__fds("anon_inode:[io_uring]");
}

int ws2t_linux_uring_allowed(void)
{
    struct io_uring_params p;
    memset(&p, 0, sizeof(p));
    long fd = syscall(__NR_io_uring_setup, 1, &p);
    if (fd < 0)
        return 0;
    close((int)fd);
    return 1;
}

int ws2t_linux_refuse_uring(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {sizeof(filter) / sizeof(filter[0]), filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
        return -1;
    return 0;
}

static volatile sig_atomic_t testlib__signals;

static void testlib__count_signal(int sig)
{
    (void)sig;
    testlib__signals++;
}

unsigned long ws2t_signal_storm(int on)
{
    struct itimerval every = {{0, on ? 20 : 0}, {0, on ? 20 : 0}};
    if (on) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = testlib__count_signal; /* no SA_RESTART */
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        testlib__signals = 0;
        setitimer(ITIMER_REAL, &every, NULL);
        return 0;
    }
    setitimer(ITIMER_REAL, &every, NULL);
    signal(SIGALRM, SIG_IGN);
    return (unsigned long)testlib__signals;
}
