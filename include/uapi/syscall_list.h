/* SPDX-License-Identifier: MIT */
/*
 * THE list of system calls: the one place a system call is declared.
 *
 * Each line is SYSCALLn(number, return type, name, arg type, arg name, ...)
 * in the spirit of Linux 0.11's _syscall3(int,write,int,fd,...). Whoever
 * includes this file defines either SYSCALL0..SYSCALL6 (all of a line:
 * user/lib/syscalls.c builds the C wrappers write(), getpid(), ...) or
 * only SYSCALL(nr, name), when the number and the name are enough:
 *   kernel/arch/syscall.c   builds system_call_table and its checks,
 *   include/uapi/syscall.h builds the __NR_name constants,
 *   tests/host/test_linux_syscalls.c compares them with Linux's.
 *
 * Numbers are explicit and never depend on the position in this list.
 * They follow Linux x86-64 where the call exists there, so programs built
 * for Linux can one day run unchanged. Calls of this kernel's own use the
 * private range starting at __NR_PRIVATE_BASE (1024), far above Linux's.
 */

#ifdef SYSCALL
#define SYSCALL_LIST_NR_ONLY
#define SYSCALL0(nr, ret, name) SYSCALL(nr, name)
#define SYSCALL1(nr, ret, name, ...) SYSCALL(nr, name)
#define SYSCALL2(nr, ret, name, ...) SYSCALL(nr, name)
#define SYSCALL3(nr, ret, name, ...) SYSCALL(nr, name)
#define SYSCALL4(nr, ret, name, ...) SYSCALL(nr, name)
#define SYSCALL5(nr, ret, name, ...) SYSCALL(nr, name)
#define SYSCALL6(nr, ret, name, ...) SYSCALL(nr, name)
#endif

/* Linux x86-64 numbers */
SYSCALL3(0, long, read, int, fd, void *, buf, unsigned long, count)
SYSCALL3(1, long, write, int, fd, const void *, buf, unsigned long, count)
SYSCALL1(3, long, close, int, fd)
SYSCALL6(9, long, mmap, void *, addr, unsigned long, length, int, prot, int, flags, int, fd, long, offset)
SYSCALL3(10, long, mprotect, void *, addr, unsigned long, length, int, prot)
SYSCALL2(11, long, munmap, void *, addr, unsigned long, length)
SYSCALL1(12, long, brk, unsigned long, addr)
SYSCALL4(14, long, rt_sigprocmask, int, how, const unsigned long *, set, unsigned long *, oldset, unsigned long, sigsetsize)
SYSCALL4(13, long, rt_sigaction, int, sig, const void *, act, void *, oldact, unsigned long, sigsetsize)
SYSCALL3(16, long, ioctl, int, fd, unsigned long, request, unsigned long, arg)
SYSCALL3(19, long, readv, int, fd, const struct iovec *, iov, int, iovcnt)
SYSCALL3(20, long, writev, int, fd, const struct iovec *, iov, int, iovcnt)
SYSCALL1(22, long, pipe, int *, fds)
SYSCALL0(24, long, sched_yield)
SYSCALL5(25, long, mremap, void *, old_addr, unsigned long, old_size, unsigned long, new_size, unsigned long, flags, void *, new_addr)
SYSCALL3(28, long, madvise, void *, addr, unsigned long, length, int, advice)
SYSCALL2(35, long, nanosleep, const struct timespec *, req, struct timespec *, rem)
SYSCALL1(32, long, dup, int, fd)
SYSCALL0(34, long, pause)
SYSCALL2(33, long, dup2, int, oldfd, int, newfd)
SYSCALL0(39, long, getpid)
SYSCALL5(56, long, clone, unsigned long, flags, void *, stack, int *, parent_tid, int *, child_tid, unsigned long, tls)
SYSCALL0(57, long, fork)
SYSCALL0(58, long, vfork)
SYSCALL3(59, long, execve, const char *, name, char *const *, argv, char *const *, envp)
SYSCALL1(60, long, exit, int, status)
SYSCALL4(61, long, wait4, int, pid, int *, status, int, options, void *, rusage)
SYSCALL2(36, long, getitimer, int, which, void *, cur)
SYSCALL1(37, long, alarm, unsigned int, seconds)
SYSCALL3(38, long, setitimer, int, which, const void *, new_value, void *, old_value)
SYSCALL2(62, long, kill, int, pid, int, sig)
SYSCALL1(63, long, uname, struct utsname *, buf)
SYSCALL3(72, long, fcntl, int, fd, unsigned int, cmd, unsigned long, arg)
SYSCALL0(110, long, getppid)
SYSCALL2(158, long, arch_prctl, int, code, unsigned long, addr)
SYSCALL5(157, long, prctl, int, option, unsigned long, arg2, unsigned long, arg3, unsigned long, arg4, unsigned long, arg5)
SYSCALL0(186, long, gettid)
SYSCALL6(202, long, futex, uint32_t *, uaddr, int, op, uint32_t, val, const struct timespec *, timeout, uint32_t *, uaddr2, uint32_t, val3)
SYSCALL1(218, long, set_tid_address, int *, tidptr)
SYSCALL0(219, long, restart_syscall)
SYSCALL2(200, long, tkill, int, tid, int, sig)
SYSCALL1(231, long, exit_group, int, status)
SYSCALL3(234, long, tgkill, int, tgid, int, tid, int, sig)
SYSCALL2(127, long, rt_sigpending, unsigned long *, set, unsigned long, sigsetsize)
SYSCALL4(128, long, rt_sigtimedwait, const unsigned long *, set, void *, info, const struct timespec *, timeout, unsigned long, sigsetsize)
SYSCALL2(130, long, rt_sigsuspend, const unsigned long *, mask, unsigned long, sigsetsize)
SYSCALL2(131, long, sigaltstack, const void *, ss, void *, old)
SYSCALL3(292, long, dup3, int, oldfd, int, newfd, int, flags)
SYSCALL2(293, long, pipe2, int *, fds, int, flags)

/* waiting for files (kernel/fs/poll.c) */
SYSCALL3(7, long, poll, struct pollfd *, fds, unsigned int, nfds, int, timeout)
SYSCALL5(23, long, select, int, nfds, unsigned long *, readfds, unsigned long *, writefds, unsigned long *, exceptfds, struct timeval *, timeout)
SYSCALL6(270, long, pselect6, int, nfds, unsigned long *, readfds, unsigned long *, writefds, unsigned long *, exceptfds, struct timespec *, timeout, const struct pselect6_sigmask *, sigmask)
SYSCALL5(271, long, ppoll, struct pollfd *, fds, unsigned int, nfds, struct timespec *, tsp, const unsigned long *, sigmask, unsigned long, sigsetsize)

/* time, randomness, identity and limits (kernel/time.c, kernel/random.c,
 * kernel/sys_info.c) */
SYSCALL2(96, long, gettimeofday, struct timeval *, tv, struct timezone *, tz)
SYSCALL2(97, long, getrlimit, unsigned int, resource, struct rlimit *, rlim)
SYSCALL1(99, long, sysinfo, struct sysinfo *, info)
SYSCALL4(169, long, reboot, unsigned int, magic1, unsigned int, magic2, unsigned int, cmd, void *, arg)
SYSCALL2(170, long, sethostname, const char *, name, long, len)
SYSCALL2(171, long, setdomainname, const char *, name, long, len)
SYSCALL0(102, long, getuid)
SYSCALL0(104, long, getgid)
SYSCALL0(107, long, geteuid)
SYSCALL0(108, long, getegid)
SYSCALL2(115, long, getgroups, int, size, unsigned int *, list)
SYSCALL3(118, long, getresuid, unsigned int *, ruid, unsigned int *, euid, unsigned int *, suid)
SYSCALL3(120, long, getresgid, unsigned int *, rgid, unsigned int *, egid, unsigned int *, sgid)
SYSCALL2(160, long, setrlimit, unsigned int, resource, const struct rlimit *, rlim)
SYSCALL1(201, long, time, long *, tloc)
SYSCALL3(203, long, sched_setaffinity, int, pid, unsigned int, len, const unsigned long *, mask)
SYSCALL3(204, long, sched_getaffinity, int, pid, unsigned int, len, unsigned long *, mask)
SYSCALL2(228, long, clock_gettime, int, clock, struct timespec *, tp)
SYSCALL2(229, long, clock_getres, int, clock, struct timespec *, res)
SYSCALL4(230, long, clock_nanosleep, int, clock, int, flags, const struct timespec *, req, struct timespec *, rem)
SYSCALL4(302, long, prlimit64, int, pid, unsigned int, resource, const struct rlimit *, new_limit, struct rlimit *, old_limit)
SYSCALL3(318, long, getrandom, void *, buf, unsigned long, count, unsigned int, flags)
SYSCALL4(334, long, rseq, void *, rseq, unsigned int, len, int, flags, unsigned int, sig)

/* process groups and sessions, the file mode creation mask, robust futex
 * lists (kernel/proc/sys_ids.c) */
SYSCALL1(95, long, umask, int, mask)
SYSCALL2(109, long, setpgid, int, pid, int, pgid)
SYSCALL0(111, long, getpgrp)
SYSCALL0(112, long, setsid)
SYSCALL1(121, long, getpgid, int, pid)
SYSCALL1(124, long, getsid, int, pid)
SYSCALL2(273, long, set_robust_list, struct robust_list_head *, head, unsigned long, len)
SYSCALL3(274, long, get_robust_list, int, pid, struct robust_list_head **, head_ptr, unsigned long *, len_ptr)

/* the file system (kernel/fs/open.c, dirops.c, attr.c) */
SYSCALL3(2, long, open, const char *, path, int, flags, unsigned int, mode)
SYSCALL2(4, long, stat, const char *, path, void *, st)
SYSCALL2(5, long, fstat, int, fd, void *, st)
SYSCALL2(6, long, lstat, const char *, path, void *, st)
SYSCALL3(8, long, lseek, int, fd, long, offset, int, whence)
SYSCALL4(17, long, pread64, int, fd, void *, buf, unsigned long, count, long, pos)
SYSCALL4(18, long, pwrite64, int, fd, const void *, buf, unsigned long, count, long, pos)
SYSCALL2(21, long, access, const char *, path, int, mode)
SYSCALL4(40, long, sendfile, int, out_fd, int, in_fd, long *, offset, unsigned long, count)
SYSCALL1(74, long, fsync, int, fd)
SYSCALL1(75, long, fdatasync, int, fd)
SYSCALL2(76, long, truncate, const char *, path, long, length)
SYSCALL2(77, long, ftruncate, int, fd, long, length)
SYSCALL2(79, long, getcwd, char *, buf, unsigned long, size)
SYSCALL1(80, long, chdir, const char *, path)
SYSCALL1(81, long, fchdir, int, fd)
SYSCALL2(82, long, rename, const char *, oldpath, const char *, newpath)
SYSCALL2(83, long, mkdir, const char *, path, unsigned int, mode)
SYSCALL1(84, long, rmdir, const char *, path)
SYSCALL2(85, long, creat, const char *, path, unsigned int, mode)
SYSCALL2(86, long, link, const char *, oldpath, const char *, newpath)
SYSCALL1(87, long, unlink, const char *, path)
SYSCALL2(88, long, symlink, const char *, target, const char *, linkpath)
SYSCALL3(89, long, readlink, const char *, path, char *, buf, unsigned long, size)
SYSCALL3(133, long, mknod, const char *, path, unsigned int, mode, unsigned int, dev)
SYSCALL2(90, long, chmod, const char *, path, unsigned int, mode)
SYSCALL2(91, long, fchmod, int, fd, unsigned int, mode)
SYSCALL3(92, long, chown, const char *, path, unsigned int, uid, unsigned int, gid)
SYSCALL3(93, long, fchown, int, fd, unsigned int, uid, unsigned int, gid)
SYSCALL3(94, long, lchown, const char *, path, unsigned int, uid, unsigned int, gid)
SYSCALL0(162, long, sync)
SYSCALL3(217, long, getdents64, int, fd, void *, buf, unsigned long, size)
SYSCALL4(257, long, openat, int, dirfd, const char *, path, int, flags, unsigned int, mode)
SYSCALL3(258, long, mkdirat, int, dirfd, const char *, path, unsigned int, mode)
SYSCALL4(259, long, mknodat, int, dirfd, const char *, path, unsigned int, mode, unsigned int, dev)
SYSCALL5(260, long, fchownat, int, dirfd, const char *, path, unsigned int, uid, unsigned int, gid, int, flags)
SYSCALL4(262, long, newfstatat, int, dirfd, const char *, path, void *, st, int, flags)
SYSCALL3(263, long, unlinkat, int, dirfd, const char *, path, int, flags)
SYSCALL4(264, long, renameat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath)
SYSCALL5(265, long, linkat, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath, int, flags)
SYSCALL3(266, long, symlinkat, const char *, target, int, newdirfd, const char *, linkpath)
SYSCALL4(267, long, readlinkat, int, dirfd, const char *, path, char *, buf, unsigned long, size)
SYSCALL3(268, long, fchmodat, int, dirfd, const char *, path, unsigned int, mode)
SYSCALL3(269, long, faccessat, int, dirfd, const char *, path, int, mode)
SYSCALL4(280, long, utimensat, int, dirfd, const char *, path, const struct timespec *, times, int, flags)
SYSCALL5(316, long, renameat2, int, olddirfd, const char *, oldpath, int, newdirfd, const char *, newpath, unsigned int, flags)
SYSCALL4(439, long, faccessat2, int, dirfd, const char *, path, int, mode, int, flags)

/* Private: 1024 and up */
SYSCALL0(1024, long, syscall_entries) /* SYSCALL_ENTRY_* bits this CPU has */
SYSCALL0(1025, long, kernel_rflags)   /* RFLAGS as the handler runs: tests */
SYSCALL1(1026, long, bench_floor, unsigned int, entry) /* make bench only */
SYSCALL0(1027, long, free_pages)      /* the page allocator's free count */
SYSCALL1(1028, long, tty_foreground, int, pgid) /* who gets ctrl-C, ctrl-Z */
SYSCALL2(1029, long, programs, char *, buf, unsigned long, size) /* names */
SYSCALL0(1030, long, abi)             /* this process's table: enum abi */
SYSCALL0(1031, long, sigreturn)       /* rt_sigreturn for the seed's table */

#ifdef SYSCALL_LIST_NR_ONLY
#undef SYSCALL_LIST_NR_ONLY
#undef SYSCALL0
#undef SYSCALL1
#undef SYSCALL2
#undef SYSCALL3
#undef SYSCALL4
#undef SYSCALL5
#undef SYSCALL6
#endif
