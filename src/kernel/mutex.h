/* Mutex objects (mutex.c): what the thread code needs of them. */
#ifndef WS2_KERNEL_MUTEX_H
#define WS2_KERNEL_MUTEX_H

struct kthread;

/*
 * Called as thread t ends, with kdispatch_lock held: every mutex t still
 * owns is abandoned ("the mutex is considered abandoned ... the next
 * thread that acquires it gets WAIT_ABANDONED") and released to its waiters.
 */
void kmutex_abandon_all_locked(struct kthread *t);

#endif
