// SPDX-License-Identifier: MIT
/* System calls that need no process machinery: uname, ... */
#include <kernel/console.h>
#include <kernel/multiboot2.h>
#include <kernel/io.h>
#include <kernel/mmu.h>
#include <kernel/msr.h>
#include <kernel/trap.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/uts.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* The names sethostname and setdomainname change (Linux's defaults until
 * then; /etc/hostname is only read by whoever runs `hostname -F`). */
char uts_nodename[UTSNAME_LENGTH] = "localhost";
char uts_domainname[UTSNAME_LENGTH] = "(none)";
const char uts_release[] = "6.1.0-teaching";
const char uts_version[] = "#1 x86-64 teaching kernel";

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
	strlcpy(u.nodename, uts_nodename, sizeof(u.nodename));
	strlcpy(u.release, uts_release, sizeof(u.release));
	strlcpy(u.version, uts_version, sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domainname, uts_domainname, sizeof(u.domainname));
	if (copy_to_user(regs->rdi, &u, sizeof(u)))
		return -EFAULT;
	return 0;
}

/* sethostname(name, len) and setdomainname(name, len): @len bytes, not
 * NUL-terminated, at most 64 (EINVAL), as Linux. Everyone is root. */
static long set_uts_name(char *dst, struct pt_regs *regs)
{
	char tmp[UTSNAME_LENGTH];
	long len = (long)regs->rsi;

	if (len < 0 || len >= UTSNAME_LENGTH)
		return -EINVAL;
	if (copy_from_user(tmp, regs->rdi, (size_t)len))
		return -EFAULT;
	tmp[len] = '\0';
	memcpy(dst, tmp, sizeof(tmp));
	return 0;
}

long sys_sethostname(struct pt_regs *regs)
{
	return set_uts_name(uts_nodename, regs);
}

long sys_setdomainname(struct pt_regs *regs)
{
	return set_uts_name(uts_domainname, regs);
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
 * sys_bench_floor - point one entry at its bare floor stub (kernel/arch/entry.S),
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

/* Is boot module @m a program (not an initramfs archive)? */
static bool is_program(const struct boot_module *m)
{
	return m->end - m->start < 6 ||
	       memcmp(PHYS_TO_VIRT(m->start), "0707", 4) != 0;
}

/**
 * sys_programs - the names of the boot modules that are programs (each
 * also /bin/NAME), space-separated
 *
 * The names go straight to the user's buffer, one at a time: a copy on
 * the kernel stack would need BOOT_MODULES_MAX * BOOT_MODNAME_MAX bytes.
 * A buffer too small for all of them gets nothing and -EINVAL.
 */
long sys_programs(struct pt_regs *regs)
{
	uint64_t buf = regs->rdi;
	size_t len = 0;
	bool first = true;

	for (unsigned int i = 0; i < boot_info.module_count; i++)
		if (is_program(&boot_info.modules[i]))
			len += (len ? 1 : 0) + strlen(boot_info.modules[i].name);
	if (len + 1 > regs->rsi)
		return -EINVAL;
	len = 0;
	for (unsigned int i = 0; i < boot_info.module_count; i++) {
		const char *name = boot_info.modules[i].name;

		if (!is_program(&boot_info.modules[i]))
			continue;
		if (!first && copy_to_user(buf + len++, " ", 1))
			return -EFAULT;
		first = false;
		if (copy_to_user(buf + len, name, strlen(name)))
			return -EFAULT;
		len += strlen(name);
	}
	if (copy_to_user(buf + len, "", 1))
		return -EFAULT;
	return (long)len;
}


