// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_mman.c - include/uapi/mman.h (mmap, mremap, madvise,
 * arch_prctl and rt_sigprocmask values), include/uapi/auxvec.h, the
 * clone flags of include/uapi/sched.h against the build machine's Linux
 * UAPI headers (the signals are test_uapi_signal.c's)
 * (Debian's linux-libc-dev).
 *
 * As in test_uapi_time.c: Linux's headers come first, their values are
 * copied into linux_* constants and #undef'd, then ours are included and
 * each pair compared. One line: "[OK] uapi: mman" or "[FAIL] ...".
 */
#include <asm/prctl.h>
#include <asm/signal.h>
#include <linux/auxvec.h>
#include <linux/mman.h>
#include <linux/sched.h>

#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(PROT_NONE) X(PROT_READ) X(PROT_WRITE) X(PROT_EXEC) \
	X(MAP_SHARED) X(MAP_PRIVATE) X(MAP_SHARED_VALIDATE) X(MAP_TYPE) \
	X(MAP_FIXED) X(MAP_ANONYMOUS) X(MAP_NORESERVE) X(MAP_FIXED_NOREPLACE) \
	X(MREMAP_MAYMOVE) X(MREMAP_FIXED) X(MREMAP_DONTUNMAP) \
	X(MADV_NORMAL) X(MADV_RANDOM) X(MADV_SEQUENTIAL) X(MADV_WILLNEED) \
	X(MADV_DONTNEED) X(MADV_FREE) \
	X(ARCH_SET_GS) X(ARCH_SET_FS) X(ARCH_GET_FS) X(ARCH_GET_GS) \
	X(SIG_BLOCK) X(SIG_UNBLOCK) X(SIG_SETMASK) \
	X(AT_NULL) X(AT_PHDR) X(AT_PHENT) X(AT_PHNUM) X(AT_PAGESZ) X(AT_BASE) X(AT_FLAGS) X(AT_ENTRY) X(AT_UID) X(AT_EUID) X(AT_GID) X(AT_EGID) X(AT_PLATFORM) X(AT_HWCAP) X(AT_CLKTCK) X(AT_SECURE) X(AT_RANDOM) X(AT_EXECFN) \
	X(CSIGNAL) X(CLONE_VM) X(CLONE_FS) X(CLONE_FILES) X(CLONE_SIGHAND) X(CLONE_PIDFD) X(CLONE_PTRACE) X(CLONE_VFORK) X(CLONE_PARENT) X(CLONE_THREAD) X(CLONE_NEWNS) X(CLONE_SYSVSEM) X(CLONE_SETTLS) X(CLONE_PARENT_SETTID) X(CLONE_CHILD_CLEARTID) X(CLONE_DETACHED) X(CLONE_UNTRACED) X(CLONE_CHILD_SETTID) X(CLONE_NEWCGROUP) X(CLONE_NEWUTS) X(CLONE_NEWIPC) X(CLONE_NEWUSER) X(CLONE_NEWPID) X(CLONE_NEWNET) X(CLONE_IO)
/* clang-format on */

#define LINUX_VALUE(n) static const long linux_##n = n;
CONSTANTS(LINUX_VALUE)

#undef CSIGNAL
#undef CLONE_VM
#undef CLONE_FS
#undef CLONE_FILES
#undef CLONE_SIGHAND
#undef CLONE_PIDFD
#undef CLONE_PTRACE
#undef CLONE_VFORK
#undef CLONE_PARENT
#undef CLONE_THREAD
#undef CLONE_NEWNS
#undef CLONE_SYSVSEM
#undef CLONE_SETTLS
#undef CLONE_PARENT_SETTID
#undef CLONE_CHILD_CLEARTID
#undef CLONE_DETACHED
#undef CLONE_UNTRACED
#undef CLONE_CHILD_SETTID
#undef CLONE_NEWCGROUP
#undef CLONE_NEWUTS
#undef CLONE_NEWIPC
#undef CLONE_NEWUSER
#undef CLONE_NEWPID
#undef CLONE_NEWNET
#undef CLONE_IO
#undef PROT_NONE
#undef PROT_READ
#undef PROT_WRITE
#undef PROT_EXEC
#undef MAP_SHARED
#undef MAP_PRIVATE
#undef MAP_SHARED_VALIDATE
#undef MAP_TYPE
#undef MAP_FIXED
#undef MAP_ANONYMOUS
#undef MAP_NORESERVE
#undef MAP_FIXED_NOREPLACE
#undef MREMAP_MAYMOVE
#undef MREMAP_FIXED
#undef MREMAP_DONTUNMAP
#undef MADV_NORMAL
#undef MADV_RANDOM
#undef MADV_SEQUENTIAL
#undef MADV_WILLNEED
#undef MADV_DONTNEED
#undef MADV_FREE
#undef ARCH_SET_GS
#undef ARCH_SET_FS
#undef ARCH_GET_FS
#undef ARCH_GET_GS
#undef SIG_BLOCK
#undef SIG_UNBLOCK
#undef SIG_SETMASK
#undef AT_NULL
#undef AT_PHDR
#undef AT_PHENT
#undef AT_PHNUM
#undef AT_PAGESZ
#undef AT_BASE
#undef AT_FLAGS
#undef AT_ENTRY
#undef AT_UID
#undef AT_EUID
#undef AT_GID
#undef AT_EGID
#undef AT_PLATFORM
#undef AT_HWCAP
#undef AT_CLKTCK
#undef AT_SECURE
#undef AT_RANDOM
#undef AT_EXECFN

#include <uapi/auxvec.h>
#include <uapi/mman.h>
#include <uapi/sched.h>

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                             \
	if ((long)(n) != linux_##n) {                                          \
		printf("# %s: ours %ld, Linux's %ld\n", #n, (long)(n),         \
		       linux_##n);                                             \
		bad++;                                                         \
	}
	CONSTANTS(COMPARE)
	if (bad)
		printf("[FAIL] uapi: mman (%d values differ)\n", bad);
	else
		printf("[OK] uapi: mman\n");
	return bad != 0;
}
