/*
 * The epoll backend: one epoll set, edge-triggered registrations, one
 * thread.  Registrations are added and removed inline (epoll_ctl is safe
 * from any thread), and Linux drops a registration by itself when the file
 * is released, so an unwatch only has to make engine_dispatch drop events
 * that epoll_wait returned before it.
 */
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "sys/engine.h"
#include "sys/engine_backend.h"

#define EPOLL_BATCH 64

static int epoll__fd = -1;
static int epoll__stop_fd = -1;
static int epoll__lead_fd = -1;
static pthread_t epoll__thread;

static unsigned epoll__events(uint32_t e)
{
    unsigned events = 0;
    if (e & (EPOLLIN | EPOLLPRI | EPOLLRDHUP))
        events |= SYS_ENGINE_IN;
    if (e & EPOLLOUT)
        events |= SYS_ENGINE_OUT;
    if (e & (EPOLLERR | EPOLLHUP))
        events |= SYS_ENGINE_ERR | SYS_ENGINE_IN | SYS_ENGINE_OUT;
    return events;
}

static void *epoll__run(void *arg)
{
    (void)arg;
    engine_thread_begin();
    struct epoll_event events[EPOLL_BATCH];
    for (;;) {
        int n = epoll_wait(epoll__fd, events, EPOLL_BATCH, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            if (events[i].data.u64 == ENGINE_TAG_WAKE)
                return NULL;
            if (events[i].data.u64 == ENGINE_TAG_LEAD)
                engine_lead_forward();
            else
                engine_dispatch(events[i].data.u64, epoll__events(events[i].events));
        }
    }
}

static bool epoll__lead_wait(int timeout_ms)
{
    struct epoll_event events[EPOLL_BATCH];
    int n = epoll_wait(epoll__fd, events, EPOLL_BATCH, timeout_ms);
    bool running = true;
    for (int i = 0; i < n; i++) {
        uint64_t tag = events[i].data.u64;
        if (tag == ENGINE_TAG_WAKE) {
            /* Level-triggered: the engine thread sees it as well. */
            running = false;
        } else if (tag == ENGINE_TAG_LEAD) {
            uint64_t count;
            while (read(epoll__lead_fd, &count, sizeof(count)) < 0 && errno == EINTR)
                ;
        } else {
            engine_dispatch(tag, epoll__events(events[i].events));
        }
    }
    return running;
}

static void epoll__lead_kick(void)
{
    uint64_t one = 1;
    while (write(epoll__lead_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

static void epoll__close(void)
{
    if (epoll__fd >= 0)
        close(epoll__fd);
    if (epoll__stop_fd >= 0)
        close(epoll__stop_fd);
    if (epoll__lead_fd >= 0)
        close(epoll__lead_fd);
    epoll__fd = epoll__stop_fd = epoll__lead_fd = -1;
}

static int epoll__start(void)
{
    epoll__fd = epoll_create1(EPOLL_CLOEXEC);
    epoll__stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll__lead_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    int err = 0;
    if (epoll__fd < 0 || epoll__stop_fd < 0 || epoll__lead_fd < 0) {
        err = errno;
        goto fail;
    }
    struct epoll_event stop = {.events = EPOLLIN, .data.u64 = ENGINE_TAG_WAKE};
    struct epoll_event lead = {.events = EPOLLIN | EPOLLET, .data.u64 = ENGINE_TAG_LEAD};
    if (epoll_ctl(epoll__fd, EPOLL_CTL_ADD, epoll__stop_fd, &stop) < 0 ||
        epoll_ctl(epoll__fd, EPOLL_CTL_ADD, epoll__lead_fd, &lead) < 0) {
        err = errno;
        goto fail;
    }
    err = pthread_create(&epoll__thread, NULL, epoll__run, NULL);
    if (err)
        goto fail;
    return 0;
fail:
    epoll__close();
    return err;
}

static void epoll__stop(void)
{
    uint64_t one = 1;
    while (write(epoll__stop_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
    pthread_join(epoll__thread, NULL);
    epoll__close();
}

static int epoll__arm(int fd, struct engine_slot *slot, uint64_t tag)
{
    (void)slot;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLPRI | EPOLLRDHUP | EPOLLET,
                             .data.u64 = tag};
    if (epoll_ctl(epoll__fd, EPOLL_CTL_ADD, fd, &ev) == 0)
        return 0;
    /* The same file, registered before under another tag: take the new one. */
    if (errno == EEXIST && epoll_ctl(epoll__fd, EPOLL_CTL_MOD, fd, &ev) == 0)
        return 0;
    return errno;
}

static void epoll__disarm(int fd, struct engine_slot *slot, uint64_t tag)
{
    (void)slot;
    (void)tag;
    /* Fails harmlessly when the file is gone already, or fd is another file now. */
    epoll_ctl(epoll__fd, EPOLL_CTL_DEL, fd, NULL);
}

const struct engine_backend engine_epoll = {
    .name = "epoll",
    .start = epoll__start,
    .stop = epoll__stop,
    .arm = epoll__arm,
    .disarm = epoll__disarm,
    .lead_wait = epoll__lead_wait,
    .lead_kick = epoll__lead_kick,
};
