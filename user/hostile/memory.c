// SPDX-License-Identifier: MIT
/* hostile: HOSTILE.md 18: memory calls, a stack taken away, TLS bases, futexes, process ids (see user/hostile.c). */
#include "hostile.h"

/* 18. Memory calls aimed at the kernel half, the stack, page 0 and
 * lengths that wrap: errors, and the process goes on, through every
 * entry. The errors are Linux's: user/musl/m-badcalls makes the same
 * calls on Linux and here, and the musl test group compares them. */
#define MAP_PRIVATE_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static long map_pages(long pages, long prot)
{
	return call6(__NR_mmap, 0, pages * 4096, prot, MAP_PRIVATE_ANON, -1, 0);
}

static long remap(long old, long old_len, long new_len, long flags, long to)
{
	return call6(__NR_mremap, old, old_len, new_len, flags, to, 0);
}

/* 18. mremap: at the kernel and page 0, on what it does not grow here
 * (m-mremap compares the rest with Linux), that a move carries page
 * table entries and copies no page, and a move of several regions with
 * a gap (Linux 6.17's MREMAP_FIXED), which the build machine's Linux
 * may not have yet. The kernel test counts the pages at the end. */
static void mremap_calls(void)
{
	long a = map_pages(65, PROT_READ | PROT_WRITE), t, n, r, before;
	int ok = 1;

	r = remap((long)KERNEL_TEXT, 4096, 8192, MREMAP_MAYMOVE, 0);
	CHECK(r == -EFAULT, "mremap of the kernel = %ld", r);
	r = remap(a, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, (long)KERNEL_TEXT);
	CHECK(r == -EINVAL, "mremap onto the kernel = %ld", r);
	r = remap(a, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, 0);
	CHECK(r == -EPERM, "mremap onto page 0 = %ld", r);
	r = remap((long)(USER_STACK_TOP - (1 << 20)), 4096, 8192,
		  MREMAP_MAYMOVE, 0);
	CHECK(r == -EINVAL, "mremap of the stack, bigger = %ld", r);
	t = call6(__NR_mmap, 0, 8192, PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	r = remap(t, 8192, 8192, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	CHECK(r == -EINVAL, "mremap of shared memory, moved = %ld", r);
	r = remap(t, 8192, 4096, 0, 0);
	CHECK(r == t, "mremap of shared memory, smaller = %ld", r);
	call3(__NR_munmap, t, 4096, 0);

	/* 64 pages touched, a page of another protection after them: a
	 * move to 128 pages takes page tables at most, not 64 pages. */
	call3(__NR_mprotect, a + 64 * 4096, 4096, PROT_READ);
	for (long i = 0; i < 64; i++)
		((volatile char *)a)[i * 4096] = (char)i;
	before = sys_free_pages();
	n = remap(a, 64 * 4096, 128 * 4096, MREMAP_MAYMOVE, 0);
	CHECK(n > 0 && n != a && before - sys_free_pages() <= 3,
	      "a move of 64 pages took %ld pages", before - sys_free_pages());
	for (long i = 0; n > 0 && i < 64; i++)
		ok &= ((volatile char *)n)[i * 4096] == (char)i;
	CHECK(ok, "and they hold what they held");
	call3(__NR_munmap, n, 128 * 4096, 0);
	call3(__NR_munmap, a, 65 * 4096, 0);

	/* Several regions and a gap, moved together: pages 0-2, 4 (3 is
	 * the gap) and 5 (read-only), 6-7; the target's page 3 stays. */
	a = map_pages(8, PROT_READ | PROT_WRITE);
	t = map_pages(8, PROT_NONE);
	for (long i = 0; i < 8; i++)
		((volatile char *)a)[i * 4096] = (char)(i + 1);
	call3(__NR_munmap, a + 3 * 4096, 4096, 0);
	call3(__NR_mprotect, a + 5 * 4096, 4096, PROT_READ);
	r = remap(a + 3 * 4096, 2 * 4096, 2 * 4096,
		  MREMAP_MAYMOVE | MREMAP_FIXED, t);
	CHECK(r == -EFAULT, "a move that starts in a gap = %ld", r);
	r = remap(a, 8 * 4096, 8 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	CHECK(r == t, "a move of regions and a gap = %ld", r);
	for (long i = 0; r == t && i < 8; i++)
		ok &= i == 3 || ((volatile char *)t)[i * 4096] == (char)(i + 1);
	CHECK(ok && call3(__NR_madvise, t + 3 * 4096, 4096, MADV_NORMAL) == 0 &&
		      call3(__NR_madvise, a, 4096, MADV_NORMAL) == -ENOMEM &&
		      call3(__NR_mprotect, t + 5 * 4096, 4096, PROT_READ) == 0,
	      "each page at its offset, the gap's page in the target kept");
	call3(__NR_munmap, t, 8 * 4096, 0);
}

void bad_memory_calls(void)
{
	static const struct {
		long nr, addr, len, arg;
		long want;
	} c[] = {
		{ __NR_munmap, (long)KERNEL_TEXT, 4096, 0, -EINVAL },
		{ __NR_munmap, (long)DIRECT_MAP, 4096, 0, -EINVAL },
		{ __NR_munmap, (long)(USER_SPACE_END - 4096), 8192, 0, -EINVAL },
		{ __NR_munmap, 0x400000, -4096, 0, -EINVAL },       /* wraps */
		{ __NR_munmap, 0x400001, 4096, 0, -EINVAL },        /* misaligned */
		{ __NR_munmap, 0x400000, 0, 0, -EINVAL },
		{ __NR_mprotect, (long)KERNEL_TEXT, 4096, PROT_READ | PROT_WRITE, -ENOMEM },
		{ __NR_mprotect, (long)DIRECT_MAP, 4096, PROT_READ, -ENOMEM },
		{ __NR_mprotect, 0, 4096, PROT_READ, -ENOMEM },     /* page 0 */
		{ __NR_mprotect, 0x400000, -4096, PROT_READ, -ENOMEM },
		{ __NR_mprotect, 0x400000, 4096, 0x100, -EINVAL },  /* bad prot */
		{ __NR_madvise, (long)KERNEL_TEXT, 4096, MADV_DONTNEED, -ENOMEM },
		{ __NR_madvise, 0x400000, -4096, MADV_DONTNEED, -EINVAL },
		{ __NR_madvise, 0x400000, 4096, 12345, -EINVAL },
	};
	long r;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = call3(c[i].nr, c[i].addr, c[i].len, c[i].arg);
		CHECK(r == c[i].want, "call %ld(%#lx, %#lx, %#lx) = %ld", c[i].nr,
		      c[i].addr, c[i].len, c[i].arg, r);
	}
	/* mmap: fixed over the kernel, at 0, wrapping; hints there are moved. */
	r = call6(__NR_mmap, (long)KERNEL_TEXT, 4096, PROT_READ,
		  MAP_PRIVATE_ANON | MAP_FIXED, -1, 0);
	CHECK(r == -ENOMEM, "mmap fixed on the kernel = %ld", r);
	/* Linux refuses this to processes without CAP_SYS_RAWIO; here every
	 * process is root, but page 0 stays unmappable (a kernel NULL
	 * pointer must never reach user memory). */
	r = call6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE_ANON | MAP_FIXED,
		  -1, 0);
	CHECK(r == -EPERM, "mmap fixed at 0 = %ld", r);
	r = call6(__NR_mmap, (long)(USER_SPACE_END - 4096), 8192, PROT_READ,
		  MAP_PRIVATE_ANON | MAP_FIXED, -1, 0);
	CHECK(r == -ENOMEM, "mmap fixed past the end = %ld", r);
	r = call6(__NR_mmap, 0, -4096, PROT_READ, MAP_PRIVATE_ANON, -1, 0);
	CHECK(r == -ENOMEM, "mmap of a wrapping length = %ld", r);
	r = call6(__NR_mmap, (long)DIRECT_MAP, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE_ANON, -1, 0);
	CHECK(r > 0 && (uint64_t)r < USER_SPACE_END, "mmap hint in the kernel = %#lx", r);
	if (r > 0) {
		*(volatile char *)r = 1;
		CHECK(call3(__NR_munmap, r, 4096, 0) == 0, "munmap of it");
	}
	/* mprotect of a stack page far below the frames in use, to
	 * read-only and back: the stack's region is split and joined. */
	r = call3(__NR_mprotect, (long)(USER_STACK_TOP - (1 << 20)), 4096,
		  PROT_READ);
	CHECK(r == 0, "mprotect of a stack page = %ld", r);
	r = call3(__NR_mprotect, (long)(USER_STACK_TOP - (1 << 20)), 4096,
		  PROT_READ | PROT_WRITE);
	CHECK(r == 0, "mprotect of it back = %ld", r);
	mremap_calls();
}

/* 18. A stack unmapped under the program: the next push faults, and the
 * process ends, whatever the entry. */
void unmap_own_stack(void)
{
	long sp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(sp));
	/* 32 KiB either side: whatever the callee pushes is gone too. */
	call3(__NR_munmap, (sp & ~4095l) - 32768, 65536, 0);
	printf("hostile: still running without a stack\n");
	exit(1);
}

/* 18. FS/GS bases at kernel and non-canonical addresses: -EPERM; a base
 * the kernel accepts (even an unmapped one) survives system calls and
 * timer interrupts. */
void bad_tls_bases(void)
{
	static const uint64_t bad[] = {
		USER_SPACE_END, USER_SPACE_END - 4096, 0x0000800000000001ull,
		0x8000000000000000ull, PHYS_MAP_BASE, KERNEL_TEXT, ~0ull,
	};
	uint64_t got = 1, t0;
	long r;

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = call3(__NR_arch_prctl, ARCH_SET_FS, (long)bad[i], 0);
		CHECK(r == -EPERM, "ARCH_SET_FS %#lx = %ld", bad[i], r);
		r = call3(__NR_arch_prctl, ARCH_SET_GS, (long)bad[i], 0);
		CHECK(r == -EPERM, "ARCH_SET_GS %#lx = %ld", bad[i], r);
	}
	r = call3(__NR_arch_prctl, ARCH_GET_FS, (long)KERNEL_DATA, 0);
	CHECK(r == -EFAULT, "ARCH_GET_FS into the kernel = %ld", r);
	r = call3(__NR_arch_prctl, 0x1234, 0, 0);
	CHECK(r == -EINVAL, "unknown code = %ld", r);
	r = call3(__NR_arch_prctl, ARCH_SET_GS, 0x7fffdeadb000l, 0);
	CHECK(r == 0, "ARCH_SET_GS user address = %ld", r);
	r = call3(__NR_arch_prctl, ARCH_SET_FS, (long)(USER_SPACE_END - 8192), 0);
	CHECK(r == 0, "ARCH_SET_FS highest page = %ld", r);
	/* Let the timer preempt this process a few times. */
	for (t0 = 0; t0 < 50000000ull; t0++)
		__asm__ volatile("" ::: "memory");
	CHECK(call3(__NR_getpid, 0, 0, 0) == getpid(), "getpid after");
	r = call3(__NR_arch_prctl, ARCH_GET_FS, (long)&got, 0);
	CHECK(r == 0 && got == USER_SPACE_END - 8192, "ARCH_GET_FS = %ld, %#lx",
	      r, got);
	r = call3(__NR_arch_prctl, ARCH_GET_GS, (long)&got, 0);
	CHECK(r == 0 && got == 0x7fffdeadb000ull, "ARCH_GET_GS = %#lx", got);
}

/* 18. futex on kernel, non-canonical, unaligned, unmapped and NULL
 * addresses, with bad timeouts, a value that differs and operations that
 * do not exist: Linux's errors, which user/musl/m-futex checks on Linux
 * too. And short timeouts end after about the time asked. */
#define FUTEX_ANY ((long)FUTEX_BITSET_MATCH_ANY)
#define MS 1000000l

static long futex6(uint64_t uaddr, long op, long val, const void *timeout,
		   long val3)
{
	return call6(__NR_futex, (long)uaddr, op, val, (long)timeout, 0, val3);
}

static int64_t clock_ns(int clock)
{
	struct timespec t = { 0, 0 };

	sys_clock_gettime(clock, &t);
	return t.tv_sec * 1000000000l + t.tv_nsec;
}

static void bad_futex_addresses(void)
{
	static uint32_t word = 7;
	static const struct timespec zero = { 0, 0 }, ns_1e9 = { 0, 1000000000 },
				     sec_neg = { -1, 0 }, ns_neg = { 0, -1 };
	extern char _end[];
	uint64_t data_end = ((uint64_t)_end + 4095) & ~4095ull;
	uint64_t w = (uint64_t)&word;
	const struct {
		uint64_t uaddr;
		long op, val;
		const void *timeout;
		long val3, want;
	} c[] = {
		{ w + 1, FUTEX_WAIT, 7, &zero, 0, -EINVAL },   /* unaligned */
		{ w + 2, FUTEX_WAKE, 1, NULL, 0, -EINVAL },
		{ w + 3, FUTEX_WAKE_PRIVATE, 1, NULL, 0, -EINVAL },
		{ KERNEL_TEXT, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ KERNEL_TEXT + 1, FUTEX_WAIT, 0, &zero, 0, -EINVAL },
		{ KERNEL_DATA, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ DIRECT_MAP, FUTEX_WAKE_PRIVATE, 1, NULL, 0, -EFAULT },
		{ PHYS_MAP_BASE, FUTEX_WAIT_PRIVATE, 0, &zero, 0, -EFAULT },
		{ USER_SPACE_END, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ 0x8000000000000000ull, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ ~3ull, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		/* The last word of user space is mapped here (.lastpage) and
		 * holds the bytes of a SYSCALL, not 0. */
		{ USER_SPACE_END - 4, FUTEX_WAIT, 0, &zero, 0, -EAGAIN },
		{ 0, FUTEX_WAIT, 0, &zero, 0, -EFAULT },       /* NULL */
		{ 0, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		/* A private WAKE does not read the word: nobody waits there. */
		{ 0, FUTEX_WAKE_PRIVATE, 1, NULL, 0, 0 },
		{ 0x1000, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ data_end, FUTEX_WAIT_PRIVATE, 0, &zero, 0, -EFAULT },
		{ data_end, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ data_end, FUTEX_WAKE_PRIVATE, 1, NULL, 0, 0 },
		/* Bad timeouts: read first, so they win over a bad address. */
		{ w, FUTEX_WAIT, 7, &ns_1e9, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, &sec_neg, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, &ns_neg, 0, -EINVAL },
		{ 0, FUTEX_WAIT, 7, &ns_1e9, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, (void *)KERNEL_DATA, 0, -EFAULT },
		{ w, FUTEX_WAIT, 7, (void *)data_end, 0, -EFAULT },
		{ w, FUTEX_WAIT_BITSET, 7, &sec_neg, FUTEX_ANY, -EINVAL },
		/* The word, a value that differs, at once, bitset 0. */
		{ w, FUTEX_WAIT, 8, NULL, 0, -EAGAIN },
		{ w, FUTEX_WAIT_PRIVATE, 8, &zero, 0, -EAGAIN },
		{ w, FUTEX_WAIT, 7, &zero, 0, -ETIMEDOUT },
		{ w, FUTEX_WAIT_BITSET, 7, &zero, FUTEX_ANY, -ETIMEDOUT },
		{ w, FUTEX_WAIT_BITSET, 7, &zero, 0, -EINVAL },
		{ w, FUTEX_WAKE_BITSET, 1, NULL, 0, -EINVAL },
		{ w, FUTEX_WAKE, 0x7fffffff, NULL, 0, 0 },
		/* Operations this kernel does not have, or nobody has. */
		{ w, FUTEX_FD, 0, NULL, 0, -ENOSYS },
		{ w, FUTEX_WAKE_OP, 1, NULL, 0, -ENOSYS },
		/* REQUEUE's counts come first, then both words (the second
		 * one, uaddr2, is NULL here). */
		{ w, FUTEX_REQUEUE, -1, NULL, 0, -EINVAL },
		{ w, FUTEX_REQUEUE, 1, (void *)-1l, 0, -EINVAL },
		{ w, FUTEX_REQUEUE, 1, NULL, 0, -EFAULT },
		{ w, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, NULL, 8, -EFAULT },
		{ w, FUTEX_LOCK_PI, 0, NULL, 0, -ENOSYS },
		{ w, 14, 0, NULL, 0, -ENOSYS },
		{ w, 127, 0, NULL, 0, -ENOSYS },
		{ w, -1, 0, NULL, 0, -ENOSYS },
		{ w, 512 | FUTEX_WAKE, 1, NULL, 0, -ENOSYS },
		{ w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 7, &zero, 0, -ENOSYS },
		{ w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, 0, -ENOSYS },
	};
	long r;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = futex6(c[i].uaddr, c[i].op, c[i].val, c[i].timeout,
			   c[i].val3);
		CHECK(r == c[i].want, "futex(%#lx, %ld, %ld, %p, %#lx) = %ld",
		      c[i].uaddr, c[i].op, c[i].val, c[i].timeout, c[i].val3,
		      r);
	}
}

/* PROT_NONE and read-only anonymous memory: no futex there, except a
 * private one in read-only memory (Linux's get_futex_key()). */
static void futex_protections(void)
{
	static const struct timespec zero = { 0, 0 };
	long none = call6(__NR_mmap, 0, 4096, PROT_NONE, MAP_PRIVATE_ANON, -1, 0);
	long ro = call6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE_ANON, -1, 0);
	long r;

	CHECK(none > 0 && ro > 0, "mmap = %#lx, %#lx", none, ro);
	if (none <= 0 || ro <= 0)
		return;
	r = futex6((uint64_t)none, FUTEX_WAIT_PRIVATE, 0, &zero, 0);
	CHECK(r == -EFAULT, "WAIT on PROT_NONE = %ld", r);
	r = futex6((uint64_t)none, FUTEX_WAKE, 1, NULL, 0);
	CHECK(r == -EFAULT, "WAKE on PROT_NONE = %ld", r);
	r = futex6((uint64_t)none, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
	CHECK(r == 0, "private WAKE on PROT_NONE = %ld", r);
	r = futex6((uint64_t)ro, FUTEX_WAIT, 0, &zero, 0);
	CHECK(r == -EFAULT, "WAIT on read-only anonymous memory = %ld", r);
	r = futex6((uint64_t)ro, FUTEX_WAIT_PRIVATE, 0, &zero, 0);
	CHECK(r == -ETIMEDOUT, "private WAIT on it = %ld", r);
	call3(__NR_munmap, none, 4096, 0);
	call3(__NR_munmap, ro, 4096, 0);
}

/* A wait of @ms on @clock (relative for FUTEX_WAIT, absolute for the
 * others): -ETIMEDOUT after at least @ms, and well under a second. */
static void futex_timeout(long op, int clock, long ms)
{
	static uint32_t word;
	int64_t start = clock_ns(CLOCK_MONOTONIC), d;
	struct timespec t = { 0, ms * MS };
	long r;

	if ((op & FUTEX_CMD_MASK) != FUTEX_WAIT) {
		int64_t at = clock_ns(clock) + ms * MS;

		t = (struct timespec){ at / 1000000000l, at % 1000000000l };
	}
	r = futex6((uint64_t)&word, op, 0, &t, FUTEX_ANY);
	d = clock_ns(CLOCK_MONOTONIC) - start;
	CHECK(r == -ETIMEDOUT && d >= ms * MS && d < 1000 * MS,
	      "futex op %ld, %ld ms: %ld after %ld us", op, ms, r,
	      (long)(d / 1000));
}

void bad_futex_calls(void)
{
	bad_futex_addresses();
	futex_protections();
	futex_timeout(FUTEX_WAIT, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_PRIVATE, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_BITSET, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, CLOCK_REALTIME,
		      30);
}

/* For the shell test: wait on a futex until ctrl-C, which must end the
 * wait at once; "timed" waits with a timeout of 1000 s. */
void futex_wait_forever(const char *variant)
{
	static uint32_t word;
	struct timespec long_time = { 1000, 0 };

	printf("hostile: waiting on a futex%s; press ctrl-C\n",
	       *variant ? " with a timeout" : "");
	futex6((uint64_t)&word, FUTEX_WAIT, 0, *variant ? &long_time : NULL,
	       0);
	printf("hostile: the futex wait returned\n");
	exit(1);
}

/* 18. Process groups, sessions, umask and robust lists, with pids that
 * name nobody, a negative group, bad lengths and pointers into the
 * kernel: Linux's errors (user/musl/m-ids checks the rules themselves
 * against Linux). The kernel started this process, so it leads its own
 * group and session, as init does. */
void bad_id_calls(void)
{
	static const long nobody[] = { -1, -12345, INT32_MIN, INT32_MAX,
				       0x7ffffffe };
	long me = getpid(), r;
	uint64_t head = 1, len = 1;

	CHECK(call3(__NR_getpgid, 0, 0, 0) == me &&
	      call3(__NR_getpgrp, 0, 0, 0) == me &&
	      call3(__NR_getsid, 0, 0, 0) == me, "not its own group and session");
	/* A pid is an int: bits 63:32 are not looked at (Linux's rule). */
	CHECK(call3(__NR_getpgid, 1l << 32, 0, 0) == me &&
	      call3(__NR_getsid, (1l << 32) | me, 0, 0) == me, "bits 63:32");
	for (unsigned int i = 0; i < sizeof(nobody) / sizeof(nobody[0]); i++) {
		long pid = nobody[i];

		r = call3(__NR_getpgid, pid, 0, 0);
		CHECK(r == -ESRCH, "getpgid(%ld) = %ld", pid, r);
		r = call3(__NR_getsid, pid, 0, 0);
		CHECK(r == -ESRCH, "getsid(%ld) = %ld", pid, r);
		r = call3(__NR_get_robust_list, pid, (long)&head, (long)&len);
		CHECK(r == -ESRCH, "get_robust_list(%ld) = %ld", pid, r);
		if (pid > 0) {
			r = call3(__NR_setpgid, pid, 0, 0);
			CHECK(r == -ESRCH, "setpgid(%ld, 0) = %ld", pid, r);
		}
		r = call3(__NR_setpgid, pid, 1, 0);
		CHECK(r == -ESRCH, "setpgid(%ld, 1) = %ld", pid, r);
		r = call3(__NR_wait4, pid == -1 ? 0 : pid, 0, 0);
		CHECK(r == (pid == INT32_MIN ? -ESRCH : -ECHILD),
		      "wait4(%ld) = %ld", pid == -1 ? 0 : pid, r);
	}
	r = call3(__NR_setpgid, 0, -1, 0);
	CHECK(r == -EINVAL, "setpgid(0, -1) = %ld", r);
	r = call3(__NR_setpgid, 0, INT32_MIN, 0);
	CHECK(r == -EINVAL, "setpgid(0, INT_MIN) = %ld", r);
	r = call3(__NR_setpgid, -1, 0, 0); /* pgid 0 means pid: negative */
	CHECK(r == -EINVAL, "setpgid(-1, 0) = %ld", r);
	r = call3(__NR_setpgid, 0, 0, 0);
	CHECK(r == -EPERM, "setpgid of a session leader = %ld", r);
	r = call3(__NR_setsid, 0, 0, 0);
	CHECK(r == -EPERM, "setsid of a session leader = %ld", r);

	/* umask: the default, then only the permission bits are kept. */
	r = call3(__NR_umask, -1, 0, 0);
	CHECK(r == 022, "the first umask = %#lo", r);
	r = call3(__NR_umask, 022, 0, 0);
	CHECK(r == 0777, "umask(-1) kept %#lo", r);

	/* set_robust_list: the length must be 24, all 64 bits of it. */
	static const uint64_t bad_len[] = { 0, 23, 25, 48, ~0ull,
					    (1ull << 32) | 24 };
	for (unsigned int i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		r = call3(__NR_set_robust_list, (long)&head, (long)bad_len[i], 0);
		CHECK(r == -EINVAL, "set_robust_list(len %#lx) = %ld",
		      bad_len[i], r);
	}
	/* get_robust_list writes the length first, then the head. */
	r = call3(__NR_get_robust_list, 0, (long)KERNEL_DATA, (long)&len);
	CHECK(r == -EFAULT && len == 24, "head into the kernel = %ld, len %lu",
	      r, len);
	r = call3(__NR_get_robust_list, 0, (long)&head, (long)KERNEL_DATA);
	CHECK(r == -EFAULT, "len into the kernel = %ld", r);
	r = call3(__NR_get_robust_list, 0, (long)&head, (long)&read_only_utsname);
	CHECK(r == -EFAULT, "len into a read-only page = %ld", r);
	r = call3(__NR_get_robust_list, 0, 0, 0);
	CHECK(r == -EFAULT, "get_robust_list(0, NULL, NULL) = %ld", r);
	/* Any head is taken, a kernel address too: the kernel reads the list
	 * only at the thread's end, as user memory. This process ends with
	 * that head set. */
	r = call3(__NR_set_robust_list, (long)KERNEL_DATA, 24, 0);
	CHECK(r == 0, "set_robust_list(kernel address) = %ld", r);
	r = call3(__NR_get_robust_list, 1l << 32, (long)&head, (long)&len);
	CHECK(r == 0 && head == KERNEL_DATA && len == 24,
	      "get_robust_list = %ld, %#lx, %lu", r, head, len);
}
