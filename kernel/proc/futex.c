// SPDX-License-Identifier: MIT
/*
 * Futexes: futex(2)'s FUTEX_WAIT, FUTEX_WAKE, FUTEX_WAIT_BITSET and
 * FUTEX_WAKE_BITSET, with Linux's semantics and errors (man 2 futex).
 *
 * A futex is a 32-bit word of user memory. WAIT sleeps if the word still
 * holds the value the caller saw; WAKE wakes sleepers on the same word.
 * Locks, condition variables and pthread_join are built on these two.
 *
 * The key. Waiters and wakers meet on a key naming the word, as in
 * Linux's get_futex_key(): in MAP_SHARED|MAP_ANONYMOUS memory the key
 * is the word's PHYSICAL address, which stays the same for as long as
 * it is mapped, so processes sharing the page after fork meet on it;
 * in any other (private) memory it is the address space and the virtual
 * address, so threads of one address space meet and other processes do
 * not. Private memory cannot be keyed by its page: fork shares it
 * copy-on-write, and the first write after that (from user space, or
 * clear_child_tid's own) moves the word to a new page, away from its
 * waiters. FUTEX_PRIVATE_FLAG is accepted and changes nothing about
 * the key: a private WAKE in shared memory also reaches another
 * process's waiter, where Linux's (keyed by address space) would not,
 * which looks like a spurious wake-up to it. A shared page unmapped
 * while someone waits on it can be reused, and a WAKE on its next use
 * may wake that waiter: a spurious wake-up too, which futex users must
 * expect anyway (they re-check the word).
 *
 * The queues. A waiter is a struct futex_waiter on its own kernel stack,
 * linked at the tail of one of FUTEX_QUEUES lists chosen by hashing the
 * key. WAKE walks the list from the head, so the n oldest waiters on a
 * word are the ones woken, as in Linux (for tasks of one priority).
 * A waiter record leaves its list in exactly one of two ways: a WAKE
 * unlinks it and sets .woken, or the waiter unlinks itself (timeout,
 * killed). It must never be left linked: the stack it lives on goes.
 *
 * No locks: one CPU, and the kernel is not preemptible (ring 0 runs with
 * interrupts off, docs/syscalls.md 6.7). Between WAIT's read of the word
 * and its enqueueing nothing else runs, so no WAKE can fall in between.
 * A second CPU would need a lock per queue taken around both, as Linux's
 * hash-bucket locks are.
 *
 * A waiter sleeps on its own record; a timed one with sleep_on_until(),
 * so the timer wakes it when its deadline passes (kernel/proc/sched.c). A
 * waiter woken by a signal (send_signal(), ctrl-C too) or whose process
 * is killed (exit_group or execve in another thread:
 * kill_other_threads()) leaves its queue and returns -EINTR or restarts.
 *
 * REQUEUE and CMP_REQUEUE move waiters from one word's queue to
 * another's without waking them (musl's pthread_cond_broadcast wakes one
 * waiter and moves the rest onto the mutex, so that they do not all
 * rush for it at once).
 *
 * Not done: WAKE_OP, the priority-inheritance operations and
 * futex_waitv: -ENOSYS. Nor is the robust list walked at a thread's end
 * (set_robust_list stores it).
 */
#include <stdbool.h>

#include <kernel/futex.h>
#include <kernel/mmu.h>
#include <kernel/proc.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <uapi/errno.h>
#include <uapi/futex.h>
#include <uapi/mman.h>

/* What names a word: { 0, physical address } in shared memory,
 * { address space, virtual address } in private memory. */
struct futex_key {
	uint64_t space, addr;
};

struct futex_waiter {
	struct futex_key key;
	uint32_t bitset; /* FUTEX_WAIT_BITSET's; all ones for FUTEX_WAIT */
	bool woken;      /* a WAKE took it off its queue */
	struct process *proc;
	struct futex_waiter *prev, *next;
};

/* A FIFO list of waiters: enqueue at the tail, wake from the head. */
struct futex_queue {
	struct futex_waiter *head, *tail;
};

#define FUTEX_QUEUES 64 /* a power of two */

static struct futex_queue futex_queues[FUTEX_QUEUES];

static struct futex_queue *queue_of(struct futex_key key)
{
	/* Fibonacci hashing: the top bits of key * 2^64 / phi. */
	uint64_t k = key.addr ^ key.space;

	return &futex_queues[(k * 0x9e3779b97f4a7c15ull) >> 58];
}

static bool same_key(struct futex_key a, struct futex_key b)
{
	return a.space == b.space && a.addr == b.addr;
}

_Static_assert(FUTEX_QUEUES == 1 << (64 - 58), "the hash takes 6 bits");

static void enqueue(struct futex_waiter *w)
{
	struct futex_queue *q = queue_of(w->key);

	w->next = NULL;
	w->prev = q->tail;
	if (q->tail)
		q->tail->next = w;
	else
		q->head = w;
	q->tail = w;
}

static void dequeue(struct futex_waiter *w)
{
	struct futex_queue *q = queue_of(w->key);

	if (w->prev)
		w->prev->next = w->next;
	else
		q->head = w->next;
	if (w->next)
		w->next->prev = w->prev;
	else
		q->tail = w->prev;
	w->prev = w->next = NULL;
}

/*
 * The key of the word at @uaddr, and with @val (if not NULL) its value.
 * Reading it brings a demand-zero page in, so the page is there for the
 * lookup that follows. Linux's errors: -EINVAL for an unaligned address,
 * -EFAULT for one outside user space, in no region, or in a PROT_NONE
 * region; and, for a shared (not private) futex, -EFAULT for read-only
 * anonymous memory, whose word could never change (get_futex_key()).
 */
static int futex_key(uint64_t uaddr, bool shared, uint32_t *val,
		     struct futex_key *key)
{
	struct address_space *as = current->as;
	const struct vm_area *a;
	uint32_t word;
	uint64_t pte;

	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(uint32_t)))
		return -EFAULT;
	a = vma_find(as, uaddr);
	/* The kernel runs without SMAP and could read PROT_NONE pages:
	 * the region decides, not the copy. */
	if (!a || !(a->prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EFAULT;
	if (shared && !(a->prot & PROT_WRITE) && !a->shm &&
	    a->kind != VMA_ELF)
		return -EFAULT;
	if (copy_from_user(&word, uaddr, sizeof(word)))
		return -EFAULT; /* or out of memory: then current->killed */
	if (a->shm) {
		pte = vm_lookup(as, uaddr);
		if (!(pte & PTE_PRESENT))
			return -EFAULT; /* cannot happen: the copy brought it in */
		*key = (struct futex_key){ 0, (pte & PTE_ADDR_MASK) |
						      (uaddr & (PAGE_SIZE - 1)) };
	} else {
		*key = (struct futex_key){ (uint64_t)as, uaddr };
	}
	if (val)
		*val = word;
	return 0;
}

/*
 * FUTEX_WAIT(_BITSET): if the word at @uaddr holds @val, sleep until a
 * WAKE whose bitset shares a bit with @bitset, until CLOCK_MONOTONIC
 * reaches *@deadline (if not NULL), or until the process is killed.
 */
static long futex_wait(uint64_t uaddr, bool shared, uint32_t val,
		       const uint64_t *deadline, uint32_t bitset)
{
	struct futex_waiter w = { .bitset = bitset, .proc = current };
	uint32_t now;
	int err;

	if (!bitset)
		return -EINVAL;
	err = futex_key(uaddr, shared, &now, &w.key);
	if (err)
		return err;
	if (now != val)
		return -EAGAIN;
	enqueue(&w);
	for (;;) {
		if (w.woken)
			return 0; /* even if killed or late: the wake counted us */
		if (signal_pending(current)) {
			dequeue(&w);
			/* Linux: restarted after a handler with SA_RESTART when
			 * untimed; a timed wait says EINTR after a handler. */
			return deadline ? -ERESTARTNOHAND : -ERESTARTSYS;
		}
		if (deadline && clock_monotonic_ns() >= *deadline) {
			dequeue(&w);
			return -ETIMEDOUT;
		}
		/* &w is a channel nobody else uses: only a WAKE (through
		 * wake_process), the deadline or a signal ends that sleep. */
		if (deadline)
			sleep_on_until(&w, *deadline);
		else
			sleep_on(&w);
	}
}

/*
 * Wake the oldest waiters on @key whose bitset shares a bit with @bitset:
 * at most @n, but at least one even for @n <= 0, as Linux counts
 * (futex_wake(): "if (++ret >= nr_wake) break").
 */
static int wake_key(struct futex_key key, int n, uint32_t bitset)
{
	struct futex_waiter *w = queue_of(key)->head, *next;
	int woken = 0;

	for (; w; w = next) {
		next = w->next;
		if (!same_key(w->key, key) || !(w->bitset & bitset))
			continue;
		dequeue(w);
		w->woken = true;
		wake_process(w->proc);
		if (++woken >= n)
			break;
	}
	return woken;
}

/*
 * FUTEX_WAKE(_BITSET). A private WAKE, like Linux's, does not touch the
 * word: in shared memory where no page is mapped nobody can be waiting
 * (a waiter read the word, which brought its page in), and outside any
 * region nobody waits either: it wakes none.
 */
static long futex_wake_op(uint64_t uaddr, bool shared, int n, uint32_t bitset)
{
	struct address_space *as = current->as;
	const struct vm_area *a;
	struct futex_key key;
	uint64_t pte;
	int err;

	if (!bitset)
		return -EINVAL;
	if (shared) {
		err = futex_key(uaddr, true, NULL, &key);
		if (err)
			return err;
		return wake_key(key, n, bitset);
	}
	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(uint32_t)))
		return -EFAULT;
	a = vma_find(as, uaddr);
	key = (struct futex_key){ (uint64_t)as, uaddr };
	if (a && a->shm) {
		pte = vm_lookup(as, uaddr);
		if (!(pte & PTE_PRESENT))
			return 0;
		key = (struct futex_key){ 0, (pte & PTE_ADDR_MASK) |
					     (uaddr & (PAGE_SIZE - 1)) };
	}
	return wake_key(key, n, bitset);
}

/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake up to @nr_wake waiters on
 * @uaddr, then move up to @nr_requeue more, still asleep, to the queue of
 * @uaddr2, where a WAKE on @uaddr2 will find them. CMP_REQUEUE (@cmpval
 * not NULL) first checks that the word at @uaddr still holds *@cmpval:
 * -EAGAIN if not. Returns how many were woken and moved, as Linux does.
 */
static long futex_requeue(uint64_t uaddr, uint64_t uaddr2, bool shared,
			  int nr_wake, int nr_requeue, const uint32_t *cmpval)
{
	struct futex_waiter *w, *next;
	struct futex_key key, key2;
	uint32_t now;
	long count = 0;
	int err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = futex_key(uaddr, shared, &now, &key);
	if (!err)
		err = futex_key(uaddr2, shared, NULL, &key2);
	if (err)
		return err;
	if (cmpval && now != *cmpval)
		return -EAGAIN;
	for (w = queue_of(key)->head; w; w = next) {
		next = w->next;
		if (!same_key(w->key, key))
			continue;
		if (count >= (long)nr_wake + nr_requeue)
			break;
		if (count < nr_wake) {
			dequeue(w);
			w->woken = true;
			wake_process(w->proc);
		} else if (!same_key(key2, key)) {
			/* It may land at the end of this very list (the same
			 * hash): then it is passed over, its key differs. */
			dequeue(w);
			w->key = key2;
			enqueue(w);
		}
		count++;
	}
	return count;
}

int futex_wake(uint64_t uaddr, int n)
{
	return (int)futex_wake_op(uaddr, true, n, FUTEX_BITSET_MATCH_ANY);
}

/*
 * The timeout of a WAIT, read before anything else as Linux does (a bad
 * one fails even with a bad address): relative on CLOCK_MONOTONIC for
 * FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET, on CLOCK_REALTIME with
 * FUTEX_CLOCK_REALTIME.
 */
static long read_timeout(uint64_t utime, int cmd, int op, uint64_t *deadline)
{
	struct timespec ts;
	int clock = op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC;

	if (copy_from_user(&ts, utime, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	*deadline = time_deadline(clock, cmd == FUTEX_WAIT_BITSET, &ts);
	return 0;
}

/**
 * sys_futex - futex(uaddr, op, val, timeout, uaddr2, val3)
 *
 * WAIT and WAIT_BITSET return 0 when woken, -EAGAIN when *uaddr != val,
 * -ETIMEDOUT, -EINTR (killed). WAKE and WAKE_BITSET return the number
 * woken; REQUEUE and CMP_REQUEUE (val2, the count to move, comes in the
 * timeout's register) the number woken and moved. FUTEX_CLOCK_REALTIME
 * is for WAIT_BITSET only; other operations and flags give -ENOSYS, as
 * unknown ones do in Linux.
 */
long sys_futex(struct pt_regs *regs)
{
	uint64_t uaddr = regs->rdi, utime = regs->r10, deadline;
	int op = (int)regs->rsi, cmd = op & FUTEX_CMD_MASK;
	uint32_t val = (uint32_t)regs->rdx, val3 = (uint32_t)regs->r9;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	bool timed = utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET);
	long err;

	if (timed) {
		err = read_timeout(utime, cmd, op, &deadline);
		if (err)
			return err;
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, timed ? &deadline : NULL,
				  FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, timed ? &deadline : NULL,
				  val3);
	case FUTEX_WAKE:
		return futex_wake_op(uaddr, shared, (int)val,
				     FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake_op(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, regs->r8, shared, (int)val,
				     (int)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, regs->r8, shared, (int)val,
				     (int)utime, &val3);
	default:
		return -ENOSYS;
	}
}
