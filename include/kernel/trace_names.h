/* SPDX-License-Identifier: MIT */
/*
 * The names the system call trace (kernel/trace.c) prints for flag and
 * enumerated arguments, with Linux's x86-64 values. Each list is
 * X(NAME, value) per name; kernel/trace_table.c turns the lists into
 * tables, and tests/host/test_linux_names.c checks every value against
 * the Linux UAPI headers of the build machine (<linux/fcntl.h>,
 * <linux/mman.h>, <linux/sched.h>, ...).
 *
 * These values exist here for printing only. In a list of flags, a name
 * that covers several bits (O_SYNC) comes before the names of its parts,
 * which then print only for what is left.
 */
#ifndef KERNEL_TRACE_NAMES_H
#define KERNEL_TRACE_NAMES_H

/* open, openat: the access mode in bits 1:0, then the flags. */
#define TRACE_OPEN_ACCESS(X) X(O_RDONLY, 0) X(O_WRONLY, 01) X(O_RDWR, 02)
#define TRACE_OPEN_FLAGS(X)                                                    \
	X(O_CREAT, 0100) X(O_EXCL, 0200) X(O_NOCTTY, 0400)                     \
	X(O_TRUNC, 01000) X(O_APPEND, 02000) X(O_NONBLOCK, 04000)              \
	X(O_SYNC, 04010000) X(O_DSYNC, 010000) X(FASYNC, 020000)               \
	X(O_DIRECT, 040000) X(O_LARGEFILE, 0100000)                            \
	X(O_TMPFILE, 020200000) X(O_DIRECTORY, 0200000)                        \
	X(O_NOFOLLOW, 0400000) X(O_NOATIME, 01000000) X(O_CLOEXEC, 02000000)   \
	X(O_PATH, 010000000)
/* pipe2, dup3: the few open flags they take. */
/* The flags with which open reads its mode: O_CREAT, __O_TMPFILE. */
#define TRACE_OPEN_MODE_FLAGS (0100 | 020000000)
#define TRACE_FD_FLAGS(X)                                                      \
	X(O_NONBLOCK, 04000) X(O_DIRECT, 040000) X(O_CLOEXEC, 02000000)

/* The *at calls. */
#define TRACE_AT_FDCWD (-100)
#define TRACE_AT_FLAGS(X)                                                      \
	X(AT_SYMLINK_NOFOLLOW, 0x100) X(AT_REMOVEDIR, 0x200)                   \
	X(AT_SYMLINK_FOLLOW, 0x400) X(AT_NO_AUTOMOUNT, 0x800)                  \
	X(AT_EMPTY_PATH, 0x1000) X(AT_STATX_FORCE_SYNC, 0x2000)                \
	X(AT_STATX_DONT_SYNC, 0x4000) X(AT_RECURSIVE, 0x8000)
/* poll, ppoll: the events of a struct pollfd. */
#define TRACE_POLL_EVENTS(X)                                                   \
	X(POLLIN, 0x1) X(POLLPRI, 0x2) X(POLLOUT, 0x4) X(POLLERR, 0x8)        \
	X(POLLHUP, 0x10) X(POLLNVAL, 0x20) X(POLLRDNORM, 0x40)                 \
	X(POLLRDBAND, 0x80) X(POLLWRNORM, 0x100) X(POLLWRBAND, 0x200)          \
	X(POLLMSG, 0x400) X(POLLREMOVE, 0x1000) X(POLLRDHUP, 0x2000)
/* access, faccessat: F_OK is 0. */
#define TRACE_ACCESS_MODES(X) X(R_OK, 4) X(W_OK, 2) X(X_OK, 1)
#define TRACE_WHENCE(X)                                                        \
	X(SEEK_SET, 0) X(SEEK_CUR, 1) X(SEEK_END, 2) X(SEEK_DATA, 3)           \
	X(SEEK_HOLE, 4)
#define TRACE_FCNTL_CMDS(X)                                                    \
	X(F_DUPFD, 0) X(F_GETFD, 1) X(F_SETFD, 2) X(F_GETFL, 3) X(F_SETFL, 4)  \
	X(F_GETLK, 5) X(F_SETLK, 6) X(F_SETLKW, 7) X(F_SETOWN, 8)              \
	X(F_GETOWN, 9) X(F_SETSIG, 10) X(F_GETSIG, 11)                         \
	X(F_DUPFD_CLOEXEC, 1030) X(F_SETPIPE_SZ, 1031) X(F_GETPIPE_SZ, 1032)
#define TRACE_IOCTL_CMDS(X)                                                    \
	X(TCGETS, 0x5401) X(TCSETS, 0x5402) X(TCSETSW, 0x5403)                 \
	X(TCSETSF, 0x5404) X(TCSBRK, 0x5409) X(TCXONC, 0x540A)                 \
	X(TCFLSH, 0x540B) X(TIOCSCTTY, 0x540E) X(TIOCGPGRP, 0x540F)            \
	X(TIOCSPGRP, 0x5410) X(TIOCOUTQ, 0x5411) X(TIOCGWINSZ, 0x5413)         \
	X(TIOCSWINSZ, 0x5414) X(FIONREAD, 0x541B) X(FIONBIO, 0x5421)           \
	X(TIOCNOTTY, 0x5422) X(TCSBRKP, 0x5425) X(TIOCGSID, 0x5429)

/* mmap, mprotect, mremap, madvise: PROT_NONE is 0; the mapping type is
 * in bits 3:0 of the flags. */
#define TRACE_MMAP_PROT(X)                                                     \
	X(PROT_READ, 0x1) X(PROT_WRITE, 0x2) X(PROT_EXEC, 0x4)                 \
	X(PROT_SEM, 0x8) X(PROT_GROWSDOWN, 0x01000000)                         \
	X(PROT_GROWSUP, 0x02000000)
#define TRACE_MMAP_TYPES(X)                                                    \
	X(MAP_SHARED, 0x01) X(MAP_PRIVATE, 0x02) X(MAP_SHARED_VALIDATE, 0x03)
#define TRACE_MMAP_FLAGS(X)                                                    \
	X(MAP_FIXED, 0x10) X(MAP_ANONYMOUS, 0x20) X(MAP_32BIT, 0x40)           \
	X(MAP_GROWSDOWN, 0x100) X(MAP_DENYWRITE, 0x800)                        \
	X(MAP_EXECUTABLE, 0x1000) X(MAP_LOCKED, 0x2000)                        \
	X(MAP_NORESERVE, 0x4000) X(MAP_POPULATE, 0x8000)                       \
	X(MAP_NONBLOCK, 0x10000) X(MAP_STACK, 0x20000) X(MAP_HUGETLB, 0x40000) \
	X(MAP_SYNC, 0x80000) X(MAP_FIXED_NOREPLACE, 0x100000)                  \
	X(MAP_UNINITIALIZED, 0x4000000)
#define TRACE_MREMAP_FLAGS(X)                                                  \
	X(MREMAP_MAYMOVE, 1) X(MREMAP_FIXED, 2) X(MREMAP_DONTUNMAP, 4)
#define TRACE_MADVISE(X)                                                       \
	X(MADV_NORMAL, 0) X(MADV_RANDOM, 1) X(MADV_SEQUENTIAL, 2)              \
	X(MADV_WILLNEED, 3) X(MADV_DONTNEED, 4) X(MADV_FREE, 8)                \
	X(MADV_REMOVE, 9) X(MADV_DONTFORK, 10) X(MADV_DOFORK, 11)              \
	X(MADV_MERGEABLE, 12) X(MADV_UNMERGEABLE, 13) X(MADV_HUGEPAGE, 14)     \
	X(MADV_NOHUGEPAGE, 15) X(MADV_DONTDUMP, 16) X(MADV_DODUMP, 17)         \
	X(MADV_WIPEONFORK, 18) X(MADV_KEEPONFORK, 19) X(MADV_COLD, 20)         \
	X(MADV_PAGEOUT, 21)

/* clone: the exit signal in bits 7:0 (a signal name), then the flags. */
#define TRACE_CLONE_FLAGS(X)                                                   \
	X(CLONE_VM, 0x100) X(CLONE_FS, 0x200) X(CLONE_FILES, 0x400)            \
	X(CLONE_SIGHAND, 0x800) X(CLONE_PIDFD, 0x1000)                         \
	X(CLONE_PTRACE, 0x2000) X(CLONE_VFORK, 0x4000)                         \
	X(CLONE_PARENT, 0x8000) X(CLONE_THREAD, 0x10000)                       \
	X(CLONE_NEWNS, 0x20000) X(CLONE_SYSVSEM, 0x40000)                      \
	X(CLONE_SETTLS, 0x80000) X(CLONE_PARENT_SETTID, 0x100000)              \
	X(CLONE_CHILD_CLEARTID, 0x200000) X(CLONE_DETACHED, 0x400000)          \
	X(CLONE_UNTRACED, 0x800000) X(CLONE_CHILD_SETTID, 0x1000000)           \
	X(CLONE_NEWCGROUP, 0x2000000) X(CLONE_NEWUTS, 0x4000000)               \
	X(CLONE_NEWIPC, 0x8000000) X(CLONE_NEWUSER, 0x10000000)                \
	X(CLONE_NEWPID, 0x20000000) X(CLONE_NEWNET, 0x40000000)                \
	X(CLONE_IO, 0x80000000)
#define TRACE_WAIT_OPTIONS(X)                                                  \
	X(WNOHANG, 1) X(WUNTRACED, 2) X(WEXITED, 4) X(WCONTINUED, 8)           \
	X(WNOWAIT, 0x01000000) X(__WNOTHREAD, 0x20000000)                      \
	X(__WALL, 0x40000000) X(__WCLONE, 0x80000000)
#define TRACE_SIGNALS(X)                                                       \
	X(SIGHUP, 1) X(SIGINT, 2) X(SIGQUIT, 3) X(SIGILL, 4) X(SIGTRAP, 5)     \
	X(SIGABRT, 6) X(SIGBUS, 7) X(SIGFPE, 8) X(SIGKILL, 9) X(SIGUSR1, 10)   \
	X(SIGSEGV, 11) X(SIGUSR2, 12) X(SIGPIPE, 13) X(SIGALRM, 14)            \
	X(SIGTERM, 15) X(SIGSTKFLT, 16) X(SIGCHLD, 17) X(SIGCONT, 18)          \
	X(SIGSTOP, 19) X(SIGTSTP, 20) X(SIGTTIN, 21) X(SIGTTOU, 22)            \
	X(SIGURG, 23) X(SIGXCPU, 24) X(SIGXFSZ, 25) X(SIGVTALRM, 26)           \
	X(SIGPROF, 27) X(SIGWINCH, 28) X(SIGIO, 29) X(SIGPWR, 30)              \
	X(SIGSYS, 31)
#define TRACE_SIGPROCMASK_HOW(X)                                               \
	X(SIG_BLOCK, 0) X(SIG_UNBLOCK, 1) X(SIG_SETMASK, 2)
#define TRACE_RLIMITS(X)                                                       \
	X(RLIMIT_CPU, 0) X(RLIMIT_FSIZE, 1) X(RLIMIT_DATA, 2)                  \
	X(RLIMIT_STACK, 3) X(RLIMIT_CORE, 4) X(RLIMIT_RSS, 5)                  \
	X(RLIMIT_NPROC, 6) X(RLIMIT_NOFILE, 7) X(RLIMIT_MEMLOCK, 8)            \
	X(RLIMIT_AS, 9) X(RLIMIT_LOCKS, 10) X(RLIMIT_SIGPENDING, 11)           \
	X(RLIMIT_MSGQUEUE, 12) X(RLIMIT_NICE, 13) X(RLIMIT_RTPRIO, 14)         \
	X(RLIMIT_RTTIME, 15)

/* Threads and time. futex: the command in bits 6:0, then two flags. */
#define TRACE_ARCH_PRCTL(X)                                                    \
	X(ARCH_SET_GS, 0x1001) X(ARCH_SET_FS, 0x1002) X(ARCH_GET_FS, 0x1003)   \
	X(ARCH_GET_GS, 0x1004) X(ARCH_GET_CPUID, 0x1011)                       \
	X(ARCH_SET_CPUID, 0x1012) X(ARCH_GET_XCOMP_SUPP, 0x1021)               \
	X(ARCH_GET_XCOMP_PERM, 0x1022) X(ARCH_REQ_XCOMP_PERM, 0x1023)          \
	X(ARCH_MAP_VDSO_X32, 0x2001) X(ARCH_MAP_VDSO_32, 0x2002)               \
	X(ARCH_MAP_VDSO_64, 0x2003)
#define TRACE_FUTEX_CMDS(X)                                                    \
	X(FUTEX_WAIT, 0) X(FUTEX_WAKE, 1) X(FUTEX_FD, 2) X(FUTEX_REQUEUE, 3)   \
	X(FUTEX_CMP_REQUEUE, 4) X(FUTEX_WAKE_OP, 5) X(FUTEX_LOCK_PI, 6)        \
	X(FUTEX_UNLOCK_PI, 7) X(FUTEX_TRYLOCK_PI, 8) X(FUTEX_WAIT_BITSET, 9)   \
	X(FUTEX_WAKE_BITSET, 10) X(FUTEX_WAIT_REQUEUE_PI, 11)                  \
	X(FUTEX_CMP_REQUEUE_PI, 12) X(FUTEX_LOCK_PI2, 13)
#define TRACE_FUTEX_PRIVATE_FLAG 128
#define TRACE_FUTEX_CLOCK_REALTIME 256
#define TRACE_CLOCKS(X)                                                        \
	X(CLOCK_REALTIME, 0) X(CLOCK_MONOTONIC, 1)                             \
	X(CLOCK_PROCESS_CPUTIME_ID, 2) X(CLOCK_THREAD_CPUTIME_ID, 3)           \
	X(CLOCK_MONOTONIC_RAW, 4) X(CLOCK_REALTIME_COARSE, 5)                  \
	X(CLOCK_MONOTONIC_COARSE, 6) X(CLOCK_BOOTTIME, 7)                      \
	X(CLOCK_REALTIME_ALARM, 8) X(CLOCK_BOOTTIME_ALARM, 9) X(CLOCK_TAI, 11)
#define TRACE_TIMER_FLAGS(X) X(TIMER_ABSTIME, 1)
#define TRACE_GRND_FLAGS(X)                                                    \
	X(GRND_NONBLOCK, 1) X(GRND_RANDOM, 2) X(GRND_INSECURE, 4)

#endif
