// SPDX-License-Identifier: MIT
/* System calls that need no process machinery: write, uname, ... */
#include <kernel/console.h>
#include <kernel/multiboot2.h>
#include <kernel/io.h>
#include <kernel/msr.h>
#include <kernel/trap.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define WRITE_CHUNK 256

/**
 * sys_write - write(fd, buf, count) to the console (fd 1 and 2)
 *
 * The whole range is checked first (a range that wraps or reaches the
 * kernel fails with -EFAULT); the copy then goes a chunk at a time, and a
 * fault part-way gives a short count, or -EFAULT if nothing was written.
 */
/* write() of @count bytes at user address @buf to @fd: write and writev. */
static long console_write_user(int fd, uint64_t buf, uint64_t count)
{
	uint64_t done = 0;
	char chunk[WRITE_CHUNK];

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		size_t n = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		size_t left = copy_from_user(chunk, buf + done, n);

		console_write(chunk, n - left, fd == 2 ? ORANGE : WHITE, BLACK);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return (long)done;
}

long sys_write(struct pt_regs *regs)
{
	return console_write_user((int)regs->rdi, regs->rsi, regs->rdx);
}

/**
 * sys_uname - fill in a struct utsname (Linux's layout)
 *
 * This kernel answers Linux programs in Linux's ABI, so it says "Linux"
 * and a Linux release, as FreeBSD's Linux emulation and WSL 1 do: glibc
 * stops with "FATAL: kernel too old" below the release it was built for
 * (3.2 for Debian 12's), and scripts decide by sysname what they run on.
 * The release's suffix and the version say which kernel this really is.
 */
long sys_uname(struct pt_regs *regs)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", sizeof(u.sysname));
	strlcpy(u.nodename, "localhost", sizeof(u.nodename));
	strlcpy(u.release, "6.1.0-teaching", sizeof(u.release));
	strlcpy(u.version, "#1 x86-64 teaching kernel", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	if (copy_to_user(regs->rdi, &u, sizeof(u)))
		return -EFAULT;
	return 0;
}

/** sys_syscall_entries - which entry instructions work on this CPU */
long sys_syscall_entries(struct pt_regs *regs)
{
	(void)regs;
	return syscall_entries_available;
}

/**
 * sys_kernel_rflags - RFLAGS inside the kernel, for tests that check the
 * entries clear NT, AC, DF and TF whatever the caller set
 */
long sys_kernel_rflags(struct pt_regs *regs)
{
	(void)regs;
	return (long)read_rflags();
}

#ifdef CONFIG_BENCH
void bench_floor_syscall(void), bench_floor_sysenter(void),
	bench_floor_int80(void);

/**
 * sys_bench_floor - point one entry at its bare floor stub (kernel/entry.S),
 * or every entry back at the real path (@entry 0). Benchmark builds only.
 */
long sys_bench_floor(struct pt_regs *regs)
{
	unsigned int entry = (unsigned int)regs->rdi;

	wrmsr(MSR_LSTAR, (uint64_t)(entry == SYSCALL_ENTRY_SYSCALL
					    ? bench_floor_syscall
					    : entry_syscall_64));
	wrmsr(MSR_IA32_SYSENTER_EIP, (uint64_t)(entry == SYSCALL_ENTRY_SYSENTER
							? bench_floor_sysenter
							: system_call));
	idt_set_gate(SYSCALL_INT_VECTOR,
		     (uint64_t)(entry == SYSCALL_ENTRY_INT80 ? bench_floor_int80
							     : entry_int80),
		     0, 3);
	return 0;
}
#else
long sys_bench_floor(struct pt_regs *regs)
{
	return no_system_call(regs);
}
#endif

/**
 * sys_programs - the names of the boot modules, space-separated
 *
 * The names go straight to the user's buffer, one at a time: a copy on
 * the kernel stack would need BOOT_MODULES_MAX * BOOT_MODNAME_MAX bytes.
 * A buffer too small for all of them gets nothing and -EINVAL.
 */
long sys_programs(struct pt_regs *regs)
{
	uint64_t buf = regs->rdi;
	size_t len = 0;

	for (unsigned int i = 0; i < boot_info.module_count; i++)
		len += (i ? 1 : 0) + strlen(boot_info.modules[i].name);
	if (len + 1 > regs->rsi)
		return -EINVAL;
	len = 0;
	for (unsigned int i = 0; i < boot_info.module_count; i++) {
		const char *name = boot_info.modules[i].name;

		if (i && copy_to_user(buf + len++, " ", 1))
			return -EFAULT;
		if (copy_to_user(buf + len, name, strlen(name)))
			return -EFAULT;
		len += strlen(name);
	}
	if (copy_to_user(buf + len, "", 1))
		return -EFAULT;
	return (long)len;
}

/**
 * sys_writev - writev(fd, iov, iovcnt): write() of each buffer in turn
 *
 * Stops at the first short write; returns the bytes written, or the
 * first buffer's error. -EINVAL for a count outside [0, IOV_MAX] or
 * lengths whose sum overflows a long, as in Linux.
 */
long sys_writev(struct pt_regs *regs)
{
	uint64_t uiov = regs->rsi, total = 0;
	int cnt = (int)regs->rdx;
	long done = 0;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < cnt; i++) {
		struct iovec v;

		if (copy_from_user(&v, uiov + i * sizeof(v), sizeof(v)))
			return -EFAULT;
		total += v.iov_len;
		if (v.iov_len > (uint64_t)INT64_MAX || total > (uint64_t)INT64_MAX)
			return -EINVAL;
	}
	for (int i = 0; i < cnt; i++) {
		struct iovec v;
		long n;

		if (copy_from_user(&v, uiov + i * sizeof(v), sizeof(v)))
			return done ? done : -EFAULT;
		n = console_write_user((int)regs->rdi, (uint64_t)v.iov_base,
				       v.iov_len);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((uint64_t)n < v.iov_len)
			break;
	}
	return done;
}

/**
 * sys_ioctl - ioctl(fd, request, arg): the console is not a terminal
 * device yet (termios comes with the file work), so every request on fd
 * 0-2 fails with -ENOTTY, which is what libcs expect of a pipe or file.
 */
long sys_ioctl(struct pt_regs *regs)
{
	int fd = (int)regs->rdi;

	return fd >= 0 && fd <= 2 ? -ENOTTY : -EBADF;
}
