// SPDX-License-Identifier: MIT
/*
 * m-badcalls: the hostile arguments of HOSTILE.md 18 (and a few of 2) to
 * the calls this kernel took from Linux, made raw with syscall() so that
 * no libc checks them first, and each answer printed: the `musl` test
 * group compares every answer with Linux's on the build machine.
 *
 * mmap, munmap, mprotect and madvise over the kernel half, page 0, the
 * end of user space and lengths that wrap; arch_prctl with kernel and
 * non-canonical bases; rt_sigprocmask, writev and execve with kernel
 * pointers, bad sizes and counts. (MAP_FIXED at page 0 is left out: Linux
 * lets root do it and refuses others, and user/hostile.c checks this
 * kernel's refusal.)
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "check.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

/* Addresses in the kernel half on both kernels, and the first address
 * past user space. */
#define KERNEL_TEXT 0xffffffff81000000ul
#define DIRECT_MAP 0xffff888000100000ul
#define USER_END 0x800000000000ul

/* One raw call, printed as "what = result". */
static void show(const char *what, long r)
{
	if (r == -1)
		printf("%s = -1 %s\n", what, errno_name(errno));
	else
		printf("%s = %ld\n", what, r);
}

static void memory_calls(void)
{
	long r;

	show("munmap(kernel text, 4096)", syscall(SYS_munmap, KERNEL_TEXT, 4096));
	show("munmap(direct map, 4096)", syscall(SYS_munmap, DIRECT_MAP, 4096));
	show("munmap(end - 4096, 8192)", syscall(SYS_munmap, USER_END - 4096, 8192));
	show("munmap(0x400000, -4096)", syscall(SYS_munmap, 0x400000, -4096l));
	show("munmap(0x400001, 4096)", syscall(SYS_munmap, 0x400001, 4096));
	show("munmap(0x400000, 0)", syscall(SYS_munmap, 0x400000, 0));
	show("mprotect(kernel text, 4096, rw)",
	     syscall(SYS_mprotect, KERNEL_TEXT, 4096, PROT_READ | PROT_WRITE));
	show("mprotect(direct map, 4096, r)",
	     syscall(SYS_mprotect, DIRECT_MAP, 4096, PROT_READ));
	show("mprotect(0, 4096, r)", syscall(SYS_mprotect, 0, 4096, PROT_READ));
	show("mprotect(0x400000, -4096, r)",
	     syscall(SYS_mprotect, 0x400000, -4096l, PROT_READ));
	show("mprotect(0x400000, 4096, 0x100)",
	     syscall(SYS_mprotect, 0x400000, 4096, 0x100));
	show("mprotect(0x400000, 0, 0x100)",
	     syscall(SYS_mprotect, 0x400000, 0, 0x100));
	show("mprotect(0x400001, 0, r)", syscall(SYS_mprotect, 0x400001, 0, PROT_READ));
	show("madvise(kernel text, 4096, DONTNEED)",
	     syscall(SYS_madvise, KERNEL_TEXT, 4096, MADV_DONTNEED));
	show("madvise(0x400000, -4096, DONTNEED)",
	     syscall(SYS_madvise, 0x400000, -4096l, MADV_DONTNEED));
	show("madvise(0x400000, 4096, 12345)",
	     syscall(SYS_madvise, 0x400000, 4096, 12345));
	show("madvise(0x400001, 4096, 12345)",
	     syscall(SYS_madvise, 0x400001, 4096, 12345));
	show("madvise(0x400000, 0, DONTNEED)",
	     syscall(SYS_madvise, 0x400000, 0, MADV_DONTNEED));
	show("mmap(kernel text, 4096, r, FIXED)",
	     syscall(SYS_mmap, KERNEL_TEXT, 4096, PROT_READ,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	show("mmap(end - 4096, 8192, r, FIXED)",
	     syscall(SYS_mmap, USER_END - 4096, 8192, PROT_READ,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	show("mmap(0x400001, 4096, r, FIXED)",
	     syscall(SYS_mmap, 0x400001, 4096, PROT_READ,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	show("mmap(NULL, -4096, r)",
	     syscall(SYS_mmap, 0, -4096l, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		     -1, 0));
	r = syscall(SYS_mmap, DIRECT_MAP, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(r > 0 && (unsigned long)r < USER_END,
	      "mmap with a kernel hint lands in user space");
	if (r > 0) {
		*(volatile char *)r = 1;
		show("munmap of it", syscall(SYS_munmap, r, 4096));
	}
}

static void tls_calls(void)
{
	static const unsigned long bad[] = {
		USER_END, USER_END - 4096, 0x800000000001ul, 0x8000000000000000ul,
		DIRECT_MAP, KERNEL_TEXT, ~0ul,
	};
	char what[64];

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(what, sizeof(what), "arch_prctl(ARCH_SET_FS, bad %u)", i);
		show(what, syscall(SYS_arch_prctl, ARCH_SET_FS, bad[i]));
		snprintf(what, sizeof(what), "arch_prctl(ARCH_SET_GS, bad %u)", i);
		show(what, syscall(SYS_arch_prctl, ARCH_SET_GS, bad[i]));
	}
	show("arch_prctl(ARCH_GET_FS, kernel)",
	     syscall(SYS_arch_prctl, ARCH_GET_FS, KERNEL_TEXT));
	show("arch_prctl(0x1234, 0)", syscall(SYS_arch_prctl, 0x1234, 0));
	/* musl does not use GS: a base at an unmapped user page is harmless. */
	show("arch_prctl(ARCH_SET_GS, 0x7fffdeadb000)",
	     syscall(SYS_arch_prctl, ARCH_SET_GS, 0x7fffdeadb000ul));
	show("getpid after it > 0", syscall(SYS_getpid) > 0);
	/* Where the subreaper flag is written back. */
	show("prctl(PR_GET_CHILD_SUBREAPER, NULL)",
	     syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, 0));
	show("prctl(PR_GET_CHILD_SUBREAPER, kernel)",
	     syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, KERNEL_TEXT));
	show("prctl(PR_GET_CHILD_SUBREAPER, end of user space)",
	     syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, USER_END - 2));
}

static void mask_calls(void)
{
	uint64_t set = 1ull << (SIGUSR1 - 1), none = 0;
	sigset_t now;

	show("rt_sigprocmask(size 4)",
	     syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 4));
	show("rt_sigprocmask(how 7)",
	     syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8));
	show("rt_sigprocmask(set in the kernel)",
	     syscall(SYS_rt_sigprocmask, SIG_BLOCK, KERNEL_TEXT, NULL, 8));
	show("rt_sigprocmask(old in the kernel)",
	     syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, KERNEL_TEXT, 8));
	sigprocmask(SIG_SETMASK, NULL, &now);
	show("SIGUSR1 blocked after that", sigismember(&now, SIGUSR1));
	show("rt_sigprocmask(unblock)",
	     syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8));
	set = ~0ull;
	show("rt_sigprocmask(block all)",
	     syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8));
	sigprocmask(SIG_SETMASK, NULL, &now);
	show("SIGKILL blocked", sigismember(&now, SIGKILL));
	show("SIGSTOP blocked", sigismember(&now, SIGSTOP));
	show("SIGTERM blocked", sigismember(&now, SIGTERM));
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8);
}

static void vector_calls(void)
{
	struct iovec v[2] = { { (void *)KERNEL_TEXT, 4 }, { "y", 1 } };
	char *const argv[] = { "no-such-program", NULL };

	fflush(stdout);
	show("writev(1, iov in the kernel, 1)",
	     syscall(SYS_writev, 1, KERNEL_TEXT, 1));
	show("writev(1, iov, -1)", syscall(SYS_writev, 1, v, -1));
	show("writev(1, iov, 1025)", syscall(SYS_writev, 1, v, 1025));
	show("writev(1, base in the kernel, 1)", syscall(SYS_writev, 1, v, 1));
	v[0].iov_base = "x";
	v[0].iov_len = 1;
	v[1].iov_len = ~0ul;
	show("writev(1, lengths that overflow, 2)", syscall(SYS_writev, 1, v, 2));
	show("writev(1, iov, 0)", syscall(SYS_writev, 1, v, 0));
	show("writev(99, iov, 1)", syscall(SYS_writev, 99, v, 1));
	/* A missing program is found missing first; for one that exists
	 * (m-hello: a module here, a file in the runner's directory on
	 * Linux) the vectors are read, and fail. */
	show("execve(missing, argv, envp in the kernel)",
	     syscall(SYS_execve, "no-such-program", argv, KERNEL_TEXT));
	show("execve(m-hello, argv, envp in the kernel)",
	     syscall(SYS_execve, "m-hello", argv, KERNEL_TEXT));
	show("execve(m-hello, argv in the kernel, NULL)",
	     syscall(SYS_execve, "m-hello", KERNEL_TEXT, NULL));
}

int main(void)
{
	check_start();
	memory_calls();
	tls_calls();
	mask_calls();
	vector_calls();
	return check_finish("m-badcalls");
}
