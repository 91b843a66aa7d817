/* Waitable timers (timer.c): what the thread code needs of them. */
#ifndef WS2_KERNEL_TIMER_H
#define WS2_KERNEL_TIMER_H

struct kthread;

/*
 * Called as thread t ends (kdispatch_lock not held; after t's wake-up
 * descriptor is gone, so no APC can be queued to it any more): timers whose
 * completion routine t set are cancelled, and the completion routines
 * queued to t, which will never run, are let go.
 */
void ktimer_thread_exit(struct kthread *t);

#endif
