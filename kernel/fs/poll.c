// SPDX-License-Identifier: MIT
/*
 * poll, ppoll, select and pselect6: wait until one of many files is
 * ready (docs/syscalls.md section 15.1).
 *
 * Each file says what is ready now through its poll op (a pipe end, the
 * console; a file without one is always ready, as Linux's regular
 * files). A call looks at all its files; if none is ready, it sleeps
 * until something changes anywhere, then looks at all of them again:
 *
 *   poll(fds) --> scan every fd --ready--> revents to user memory
 *                   ^      | none ready (and no signal, time left)
 *                   |      v
 *                   +-- sleep_on(&poll_channel) <-- poll_wake() <-- a pipe
 *                         (or until the deadline)    read, written or closed;
 *                                                    a line typed
 *
 * One channel for every poller and every file. It cannot lose a wakeup:
 * the scan and the sleep happen with interrupts off in a kernel that is
 * not preemptible, so nothing changes between them, and a line typed
 * meanwhile waits for the interrupt until the poller sleeps. The price
 * is that any change wakes every poller, and each rescans all its fds:
 * O(pollers x fds) work per pipe write. poll_wake() costs nothing while
 * nobody polls. When programs keep thousands of fds in a poll loop
 * (servers, busybox's httpd), this should become per-file wait queues
 * (Linux's poll_table: the scan registers the poller on each file's
 * queue, and a change wakes only that file's pollers).
 *
 * The pollfd array is read from user memory on every scan, POLL_CHUNK
 * entries at a time on the stack, never copied whole: nfds up to
 * RLIMIT_NOFILE (as Linux) costs no kernel memory. select's sets are
 * bounded by the descriptor table (at most FD_MAX bits each) and copied.
 */
#include <stddef.h>

#include <kernel/file.h>
#include <kernel/heap.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

/* Linux's: a file without a poll op, and what counts for each set of
 * select (fs/select.c). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET POLLPRI

#define POLL_CHUNK 32 /* pollfds read from user memory at once */

_Static_assert(FD_MAX / 8 <= KMALLOC_MAX, "a full fd_set fits a kmalloc");

static const char poll_channel; /* its address is the channel */
static unsigned int pollers;	/* asleep on it */

void poll_wake(void)
{
	if (pollers)
		wakeup(&poll_channel);
}

unsigned int file_poll(struct file *f)
{
	return f->ops->poll ? f->ops->poll(f) : DEFAULT_POLLMASK;
}

/* ------------------------------------------------ waiting, timeouts */

/* How long a call may wait: for ever (!timed), or until @deadline on
 * CLOCK_MONOTONIC (ns); @ns is the span asked for, 0 for "look once". */
struct poll_wait {
	bool timed;
	uint64_t deadline, ns;
};

/* Linux's poll_select_set_timeout: a negative time or tv_nsec outside
 * 0..999999999 is -EINVAL. */
static int set_timeout(struct poll_wait *w, int64_t sec, int64_t nsec)
{
	struct timespec ts = { sec, nsec };

	if (!timespec_valid(&ts))
		return -EINVAL;
	w->timed = true;
	w->ns = (uint64_t)sec >= INT64_MAX / NSEC_PER_SEC
		    ? INT64_MAX
		    : (uint64_t)sec * NSEC_PER_SEC + (uint64_t)nsec;
	w->deadline = time_deadline(CLOCK_MONOTONIC, false, &ts);
	return 0;
}

static bool timed_out(const struct poll_wait *w)
{
	return w->timed && clock_monotonic_ns() >= w->deadline;
}

/* Sleep until poll_wake(), a signal or the deadline; callers rescan. */
static void poll_sleep(const struct poll_wait *w)
{
	pollers++;
	if (w->timed)
		sleep_on_until(&poll_channel, w->deadline);
	else
		sleep_on(&poll_channel);
	pollers--;
}

/*
 * The end of ppoll, select and pselect6, as Linux's poll_select_finish:
 * the mask ppoll or pselect6 set goes back (after the handler, if
 * interrupted), and the time left is written to @utime (a timeval for
 * select, a timespec for the others), unless it is NULL or the timeout
 * was 0. The time left never exceeds the time asked for (the deadline
 * has a tick more on the tick clock). A time that cannot be written is
 * not an error, but the call can then not be restarted with what is
 * left: -EINTR instead of a restart.
 */
static long finish(long ret, const struct poll_wait *w, uint64_t utime,
		   bool timeval)
{
	uint64_t now = clock_monotonic_ns(), left;
	size_t failed;

	restore_saved_sigmask_unless(ret == -ERESTARTNOHAND);
	if (!utime || !w->ns)
		return ret;
	left = w->deadline > now ? w->deadline - now : 0;
	if (left > w->ns)
		left = w->ns;
	if (timeval) {
		struct timeval tv = { (long)(left / NSEC_PER_SEC),
				      (long)(left % NSEC_PER_SEC /
					     NSEC_PER_USEC) };

		failed = copy_to_user(utime, &tv, sizeof(tv));
	} else {
		struct timespec ts = { (long)(left / NSEC_PER_SEC),
				       (long)(left % NSEC_PER_SEC) };

		failed = copy_to_user(utime, &ts, sizeof(ts));
	}
	if (failed && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/* ------------------------------------------------------- poll, ppoll */

static unsigned int pollfd_revents(const struct pollfd *pfd)
{
	struct file *f;

	if (pfd->fd < 0)
		return 0;
	f = fd_file(pfd->fd);
	if (!f)
		return POLLNVAL;
	return file_poll(f) & ((uint16_t)pfd->events | POLLERR | POLLHUP);
}

/*
 * One look at the @nfds pollfds at @ufds: how many have events to
 * report. With @write_back, every revents goes to user memory too
 * (only the revents fields are written, as Linux's put_user).
 * -EFAULT if the array cannot be read, or written back.
 */
static long poll_scan(uint64_t ufds, unsigned int nfds, bool write_back)
{
	struct pollfd chunk[POLL_CHUNK];
	long ready = 0;

	for (unsigned int i = 0; i < nfds; i += POLL_CHUNK) {
		unsigned int n = nfds - i < POLL_CHUNK ? nfds - i : POLL_CHUNK;
		uint64_t at = ufds + (uint64_t)i * sizeof(struct pollfd);

		if (copy_from_user(chunk, at, n * sizeof(struct pollfd)))
			return -EFAULT;
		for (unsigned int j = 0; j < n; j++) {
			short revents = (short)pollfd_revents(&chunk[j]);
			uint64_t where = at + j * sizeof(struct pollfd) +
					 offsetof(struct pollfd, revents);

			ready += revents != 0;
			if (write_back &&
			    copy_to_user(where, &revents, sizeof(revents)))
				return -EFAULT;
		}
	}
	return ready;
}

/*
 * poll's work (Linux's do_sys_poll): look until something is ready, a
 * signal comes (-ERESTARTNOHAND) or the time is up (0); then write
 * every revents back. -EINVAL for more entries than RLIMIT_NOFILE.
 */
static long do_poll(uint64_t ufds, unsigned int nfds, const struct poll_wait *w)
{
	long ready, written;

	if (nfds > current->leader->rlimits[RLIMIT_NOFILE].rlim_cur)
		return -EINVAL;
	for (;;) {
		ready = poll_scan(ufds, nfds, false);
		if (ready < 0)
			return ready;
		if (!ready && signal_pending(current))
			ready = -ERESTARTNOHAND;
		if (ready || timed_out(w))
			break;
		poll_sleep(w);
	}
	written = poll_scan(ufds, nfds, true);
	return written < 0 ? written : ready;
}

static long restart_poll(void);

/* poll, and poll again after restart_syscall: a call interrupted by a
 * signal without a handler (a stop and SIGCONT) goes on to the same
 * deadline (Linux's restart block); after a handler it is -EINTR. */
static long poll_restartable(uint64_t ufds, unsigned int nfds,
			     const struct poll_wait *w)
{
	long ret = do_poll(ufds, nfds, w);

	if (ret != -ERESTARTNOHAND)
		return ret;
	current->restart.fn = restart_poll;
	current->restart.ufds = ufds;
	current->restart.nfds = nfds;
	current->restart.timed = w->timed;
	current->restart.deadline = w->deadline;
	current->restart.ns = w->ns;
	current->restart.armed = true;
	return -ERESTART_RESTARTBLOCK;
}

static long restart_poll(void)
{
	struct poll_wait w = { current->restart.timed,
			       current->restart.deadline, current->restart.ns };

	return poll_restartable(current->restart.ufds, current->restart.nfds,
				&w);
}

/**
 * sys_poll - poll(fds, nfds, timeout): wait until one of @nfds pollfds
 * has an event, at most @timeout ms (negative: for ever; 0: look once).
 * Returns how many entries have a non-zero revents (POLLNVAL for an fd
 * that is not open; a negative fd is skipped). -EINVAL (nfds above
 * RLIMIT_NOFILE), -EFAULT, -EINTR after a handler.
 */
long sys_poll(struct pt_regs *regs)
{
	int ms = (int)regs->rdx;
	struct poll_wait w = { false, 0, 0 };

	if (ms >= 0)
		set_timeout(&w, ms / 1000, (int64_t)(ms % 1000) * 1000000);
	return poll_restartable(regs->rdi, (unsigned int)regs->rsi, &w);
}

/**
 * sys_ppoll - ppoll(fds, nfds, tsp, sigmask, sigsetsize): poll with a
 * timespec (NULL: for ever; the time left is written back) and, if
 * @sigmask is not NULL, that mask in place while it waits. As poll,
 * and -EINVAL for a bad time or a sigsetsize other than 8.
 */
long sys_ppoll(struct pt_regs *regs)
{
	uint64_t uts = regs->rdx;
	struct poll_wait w = { false, 0, 0 };
	struct timespec ts;
	long ret;

	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (set_timeout(&w, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}
	ret = set_user_sigmask(regs->r10, regs->r8);
	if (ret)
		return ret;
	ret = do_poll(regs->rdi, (unsigned int)regs->rsi, &w);
	return finish(ret, &w, uts, false);
}

/* ---------------------------------------------------- select, pselect6 */

/*
 * One look at the fds of the three sets (@words longs each): how many
 * bits to report. With @keep, each set becomes its result. An fd closed
 * since the sets were checked reports nothing (Linux: POLLNVAL, which
 * no set takes).
 */
static long select_scan(uint64_t *const set[3], unsigned int words, bool keep)
{
	static const unsigned int wanted[3] = { POLLIN_SET, POLLOUT_SET,
						POLLEX_SET };
	long ready = 0;

	for (unsigned int w = 0; w < words; w++) {
		uint64_t all = set[0][w] | set[1][w] | set[2][w];
		uint64_t res[3] = { 0, 0, 0 };

		while (all) {
			int bit = __builtin_ctzll(all);
			struct file *f = fd_file((int)w * 64 + bit);
			unsigned int mask = f ? file_poll(f) : POLLNVAL;

			all &= all - 1;
			for (int k = 0; k < 3; k++) {
				if ((mask & wanted[k]) &&
				    (set[k][w] >> bit & 1)) {
					res[k] |= 1ull << bit;
					ready++;
				}
			}
		}
		if (keep)
			for (int k = 0; k < 3; k++)
				set[k][w] = res[k];
	}
	return ready;
}

/* Every fd named in the sets is open: 0, or -EBADF (Linux's
 * max_select_fd). */
static int select_check(uint64_t *const set[3], unsigned int words)
{
	for (unsigned int w = 0; w < words; w++) {
		uint64_t all = set[0][w] | set[1][w] | set[2][w];

		for (; all; all &= all - 1)
			if (!fd_file((int)w * 64 + __builtin_ctzll(all)))
				return -EBADF;
	}
	return 0;
}

/* select's wait, on sets already checked; then the results go to user
 * memory. */
static long select_wait(int n, uint64_t *const set[3], const uint64_t uset[3],
			const struct poll_wait *w)
{
	unsigned int words = (unsigned int)(n + 63) / 64;
	long ready;

	for (;;) {
		ready = select_scan(set, words, false);
		if (ready || timed_out(w) || signal_pending(current))
			break;
		poll_sleep(w);
	}
	if (!ready && signal_pending(current))
		return -ERESTARTNOHAND; /* the sets stay as they were */
	select_scan(set, words, true);
	for (int k = 0; k < 3; k++)
		if (uset[k] && copy_to_user(uset[k], set[k], words * 8ul))
			return -EFAULT;
	return ready;
}

/*
 * select's work (Linux's core_sys_select): @n is cut to the size of the
 * descriptor table, so bits beyond it are never read; a bit below it
 * for an fd that is not open is -EBADF. Each set is read as (n + 63) /
 * 64 longs; NULL is an empty set. Returns the number of bits set in the
 * results, which replace the sets.
 */
static long do_select(int n, const uint64_t uset[3], const struct poll_wait *w)
{
	uint64_t *set[3] = { NULL, NULL, NULL };
	unsigned int words;
	long ret = 0;

	if (n < 0)
		return -EINVAL;
	if (n > fd_table_size())
		n = fd_table_size();
	words = (unsigned int)(n + 63) / 64;
	for (int k = 0; k < 3 && words; k++) {
		set[k] = kmalloc(words * 8ul);
		if (!set[k]) {
			ret = -ENOMEM;
			goto out;
		}
		memset(set[k], 0, words * 8ul);
		if (uset[k] && copy_from_user(set[k], uset[k], words * 8ul)) {
			ret = -EFAULT;
			goto out;
		}
		if (n % 64) /* the bits past n in the last long */
			set[k][words - 1] &= (1ull << (n % 64)) - 1;
	}
	if (words)
		ret = select_check(set, words);
	if (!ret)
		ret = select_wait(n, set, uset, w);
out:
	for (int k = 0; k < 3; k++)
		kfree(set[k]);
	return ret;
}

/**
 * sys_select - select(nfds, readfds, writefds, exceptfds, timeout): wait
 * until an fd of a set is ready, at most *@timeout (a timeval; NULL:
 * for ever), and write the time left back, as Linux does. Returns the
 * number of bits in the result sets. -EINVAL (nfds or the time
 * negative), -EBADF (a set names an fd that is not open), -EFAULT,
 * -ENOMEM, -EINTR after a handler.
 */
long sys_select(struct pt_regs *regs)
{
	uint64_t utv = regs->r8, uset[3] = { regs->rsi, regs->rdx, regs->r10 };
	struct poll_wait w = { false, 0, 0 };
	struct timeval tv;

	if (utv) {
		int64_t sec;

		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		/* Microseconds carry into seconds first, wrapping as in
		 * Linux's kern_select. */
		sec = (int64_t)((uint64_t)tv.tv_sec +
				(uint64_t)(tv.tv_usec / 1000000));
		if (set_timeout(&w, sec, tv.tv_usec % 1000000 * 1000))
			return -EINVAL;
	}
	return finish(do_select((int)regs->rdi, uset, &w), &w, utv, true);
}

/**
 * sys_pselect6 - pselect6(nfds, readfds, writefds, exceptfds, tsp, sig):
 * select with a timespec and, in the pack at @sig ({mask, size}, either
 * may be NULL), a signal mask in place while it waits. As select.
 */
long sys_pselect6(struct pt_regs *regs)
{
	uint64_t uts = regs->r8, usig = regs->r9;
	uint64_t uset[3] = { regs->rsi, regs->rdx, regs->r10 };
	struct pselect6_sigmask sig = { NULL, 0 };
	struct poll_wait w = { false, 0, 0 };
	struct timespec ts;
	long ret;

	if (usig && copy_from_user(&sig, usig, sizeof(sig)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (set_timeout(&w, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
	}
	ret = set_user_sigmask((uint64_t)sig.ss, sig.ss_len);
	if (ret)
		return ret;
	return finish(do_select((int)regs->rdi, uset, &w), &w, uts, false);
}
