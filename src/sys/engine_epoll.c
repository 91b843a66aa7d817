/*
 * The epoll backend: one epoll set, edge-triggered registrations, one
 * thread.  Registrations are added and removed inline (epoll_ctl is safe
 * from any thread), and Linux drops a registration by itself when the file
 * is released, so an unwatch only has to make engine_dispatch drop events
 * that epoll_wait returned before it.  A set's descriptor (engine_set.c) is
 * registered one-shot, for input only, and armed again with EPOLL_CTL_MOD.
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
static int epoll__tick_fd = -1; /* ends a wait for engine_set_tick */
static pthread_t epoll__thread;

unsigned engine_epoll_events(uint32_t e)
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
        int n = epoll_wait(epoll__fd, events, EPOLL_BATCH, engine_set_tick());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return NULL;
        }
        for (int i = 0; i < n; i++) {
            uint64_t tag = events[i].data.u64;
            if (tag == ENGINE_TAG_WAKE)
                return NULL;
            if (tag == ENGINE_TAG_TICK) {
                uint64_t count;
                while (read(epoll__tick_fd, &count, sizeof(count)) < 0 && errno == EINTR)
                    ;
            } else {
                engine_dispatch(tag, engine_epoll_events(events[i].events));
            }
        }
    }
}

static void epoll__kick(void)
{
    uint64_t one = 1;
    while (write(epoll__tick_fd, &one, sizeof(one)) < 0 && errno == EINTR)
        ;
}

static void epoll__close(void)
{
    if (epoll__fd >= 0)
        close(epoll__fd);
    if (epoll__stop_fd >= 0)
        close(epoll__stop_fd);
    if (epoll__tick_fd >= 0)
        close(epoll__tick_fd);
    epoll__fd = epoll__stop_fd = epoll__tick_fd = -1;
}

static int epoll__start(void)
{
    epoll__fd = epoll_create1(EPOLL_CLOEXEC);
    epoll__stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll__tick_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    int err = 0;
    if (epoll__fd < 0 || epoll__stop_fd < 0 || epoll__tick_fd < 0) {
        err = errno;
        goto fail;
    }
    struct epoll_event stop = {.events = EPOLLIN, .data.u64 = ENGINE_TAG_WAKE};
    struct epoll_event tick = {.events = EPOLLIN | EPOLLET, .data.u64 = ENGINE_TAG_TICK};
    if (epoll_ctl(epoll__fd, EPOLL_CTL_ADD, epoll__stop_fd, &stop) < 0 ||
        epoll_ctl(epoll__fd, EPOLL_CTL_ADD, epoll__tick_fd, &tick) < 0) {
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
    uint32_t events =
        slot->once ? EPOLLIN | EPOLLONESHOT : EPOLLIN | EPOLLOUT | EPOLLPRI | EPOLLRDHUP | EPOLLET;
    struct epoll_event ev = {.events = events, .data.u64 = tag};
    /* A one-shot registration is armed again far more often than it is made. */
    if (slot->once && epoll_ctl(epoll__fd, EPOLL_CTL_MOD, fd, &ev) == 0)
        return 0;
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
    .kick = epoll__kick,
};
