// SPDX-License-Identifier: MIT
/*
 * The small calls every libc makes at start-up or now and then: who am I
 * (getuid and friends), what may I use (getrlimit, setrlimit, prlimit64),
 * where may I run (sched_getaffinity, sched_setaffinity), how is the
 * machine (sysinfo), and rseq, refused on purpose.
 *
 * Every process runs as root (uid and gid 0) on the one CPU. Resource
 * limits are per process, start with Linux's defaults, are inherited by
 * fork and kept over execve; they are reported and stored, but nothing in
 * this kernel enforces them yet. Changing them follows Linux's rules for
 * a process that holds CAP_SYS_RESOURCE, which root does: any soft limit
 * up to the hard limit, and hard limits raised or lowered freely, except
 * RLIMIT_NOFILE above nr_open (1048576), which is -EPERM.
 */
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define NR_OPEN 1048576 /* Linux's default fs.nr_open */
#define MIB (1024ul * 1024)

/* Linux 6.1's defaults (include/asm-generic/resource.h) where they are
 * constants; RLIMIT_NPROC and RLIMIT_SIGPENDING, which Linux derives from
 * the memory size, are unlimited here. */
void rlimits_init(struct rlimit *limits)
{
	for (unsigned int i = 0; i < RLIM_NLIMITS; i++)
		limits[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	limits[RLIMIT_STACK].rlim_cur = 8 * MIB;
	limits[RLIMIT_CORE].rlim_cur = 0;
	limits[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	limits[RLIMIT_MEMLOCK] = (struct rlimit){ 8 * MIB, 8 * MIB };
	limits[RLIMIT_MSGQUEUE] = (struct rlimit){ 819200, 819200 };
	limits[RLIMIT_NICE] = (struct rlimit){ 0, 0 };
	limits[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

/* The live process @pid (0: the caller), or NULL. */
static struct process *find_process(int pid)
{
	if (pid == 0)
		return current;
	return find_thread(pid);
}

/* --- identity ------------------------------------------------------ */

/** sys_getuid - always 0: every process runs as root */
long sys_getuid(struct pt_regs *regs)
{
	(void)regs;
	return 0;
}

long sys_geteuid(struct pt_regs *regs)
{
	(void)regs;
	return 0;
}

long sys_getgid(struct pt_regs *regs)
{
	(void)regs;
	return 0;
}

long sys_getegid(struct pt_regs *regs)
{
	(void)regs;
	return 0;
}

/* getresuid(ruid, euid, suid), getresgid: root's three ids, 0 each. */
static long three_zeros(struct pt_regs *regs)
{
	uint32_t zero = 0;

	if (copy_to_user(regs->rdi, &zero, 4) ||
	    copy_to_user(regs->rsi, &zero, 4) ||
	    copy_to_user(regs->rdx, &zero, 4))
		return -EFAULT;
	return 0;
}

long sys_getresuid(struct pt_regs *regs)
{
	return three_zeros(regs);
}

long sys_getresgid(struct pt_regs *regs)
{
	return three_zeros(regs);
}

/** sys_getgroups - getgroups(size, list): no supplementary groups, 0;
 * -EINVAL for a negative @size */
long sys_getgroups(struct pt_regs *regs)
{
	return (int)regs->rdi < 0 ? -EINVAL : 0;
}

/* --- resource limits ----------------------------------------------- */

/*
 * Linux's do_prlimit: report the old limit into @old (if not NULL) and
 * install @limit (if not NULL) for @p's @resource.
 */
static long do_prlimit(struct process *p, unsigned int resource,
		       const struct rlimit *limit, struct rlimit *old)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (limit && limit->rlim_cur > limit->rlim_max)
		return -EINVAL;
	if (limit && resource == RLIMIT_NOFILE && limit->rlim_max > NR_OPEN)
		return -EPERM;
	/* A process's limits, which its threads share, live in its leader. */
	if (old)
		*old = p->leader->rlimits[resource];
	if (limit)
		p->leader->rlimits[resource] = *limit;
	return 0;
}

/** sys_getrlimit - getrlimit(resource, rlim) */
long sys_getrlimit(struct pt_regs *regs)
{
	struct rlimit old;
	long err = do_prlimit(current, (unsigned int)regs->rdi, NULL, &old);

	if (err)
		return err;
	if (copy_to_user(regs->rsi, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/** sys_setrlimit - setrlimit(resource, rlim) */
long sys_setrlimit(struct pt_regs *regs)
{
	struct rlimit limit;

	if (copy_from_user(&limit, regs->rsi, sizeof(limit)))
		return -EFAULT;
	return do_prlimit(current, (unsigned int)regs->rdi, &limit, NULL);
}

/**
 * sys_prlimit64 - prlimit64(pid, resource, new, old): either pointer may
 * be NULL; @pid 0 is the caller, any other live process may be named
 * (-ESRCH if there is none).
 */
long sys_prlimit64(struct pt_regs *regs)
{
	struct process *p = find_process((int)regs->rdi);
	unsigned int resource = (unsigned int)regs->rsi;
	struct rlimit limit, old;
	long err;

	if (regs->rdx && copy_from_user(&limit, regs->rdx, sizeof(limit)))
		return -EFAULT;
	if (!p)
		return -ESRCH;
	err = do_prlimit(p, resource, regs->rdx ? &limit : NULL,
			 regs->r10 ? &old : NULL);
	if (err)
		return err;
	if (regs->r10 && copy_to_user(regs->r10, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* --- CPU affinity: one CPU ----------------------------------------- */

/**
 * sys_sched_getaffinity - sched_getaffinity(pid, len, mask)
 *
 * As Linux with one possible CPU: @len must be a multiple of
 * sizeof(unsigned long) and hold a bit per CPU, else -EINVAL. Writes one
 * word with bit 0 set and returns its size, 8; the rest of the caller's
 * buffer is not touched (glibc clears it).
 */
long sys_sched_getaffinity(struct pt_regs *regs)
{
	unsigned int len = (unsigned int)regs->rsi;
	unsigned long mask = 1;

	if (len == 0 || len % sizeof(mask))
		return -EINVAL;
	if (!find_process((int)regs->rdi))
		return -ESRCH;
	if (copy_to_user(regs->rdx, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/**
 * sys_sched_setaffinity - sched_setaffinity(pid, len, mask): a mask that
 * includes CPU 0 is accepted (and changes nothing), one without it is
 * -EINVAL, as Linux does for a mask of no online CPU.
 */
long sys_sched_setaffinity(struct pt_regs *regs)
{
	unsigned int len = (unsigned int)regs->rsi;
	unsigned long mask = 0;

	if (copy_from_user(&mask, regs->rdx,
			   len < sizeof(mask) ? len : sizeof(mask)))
		return -EFAULT;
	if (!find_process((int)regs->rdi))
		return -ESRCH;
	return mask & 1 ? 0 : -EINVAL;
}

/* --- the machine ----------------------------------------------------- */

/**
 * sys_sysinfo - sysinfo(info): uptime (rounded up to whole seconds, as
 * Linux does), memory from the page allocator in bytes (mem_unit 1), the
 * number of processes, the load averages (kernel/proc/sched.c); swap,
 * shared and buffer memory 0.
 */
long sys_sysinfo(struct pt_regs *regs)
{
	struct sysinfo info;
	uint64_t up = clock_monotonic_ns();

	memset(&info, 0, sizeof(info));
	info.uptime = (long)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC != 0));
	info.totalram = pmm_total_pages() * PAGE_SIZE;
	info.freeram = pmm_free_pages() * PAGE_SIZE;
	info.procs = (unsigned short)nr_threads; /* as Linux: threads */
	for (int i = 0; i < 3; i++) /* SI_LOAD_SHIFT: 16 bits of fraction */
		info.loads[i] = sched_stats.avenrun[i] << (16 - FSHIFT);
	info.mem_unit = 1;
	if (copy_to_user(regs->rdi, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

/* --- restartable sequences ------------------------------------------ */

/**
 * sys_rseq - rseq(rseq, len, flags, sig): -ENOSYS, on purpose. glibc and
 * musl try it at start-up and carry on without it.
 */
long sys_rseq(struct pt_regs *regs)
{
	(void)regs;
	return -ENOSYS;
}

/* prctl's options that this kernel knows (Linux's <linux/prctl.h>). */
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_CHILD_SUBREAPER 36
#define PR_GET_CHILD_SUBREAPER 37
#define TASK_COMM_LEN 16 /* a thread's name, its NUL included */

/**
 * sys_prctl - prctl(option, ...): a thread's name (PR_SET_NAME,
 * PR_GET_NAME: 15 bytes and a NUL, as Linux's comm) and whether its
 * process may dump core (PR_SET_DUMPABLE, PR_GET_DUMPABLE; execve sets
 * it again), and whether it adopts the orphans of its descendants
 * (PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER: fork does not pass it
 * on, execve keeps it). Any other option is -EINVAL, as Linux says for
 * ones it does not know.
 */
long sys_prctl(struct pt_regs *regs)
{
	char name[TASK_COMM_LEN];
	int flag;

	switch (regs->rdi) {
	case PR_SET_NAME:
		if (copy_from_user(name, regs->rsi, sizeof(name) - 1)) {
			/* Shorter than 15 bytes before unmapped memory: take
			 * it a byte at a time up to its NUL. */
			size_t i = 0;

			for (; i < sizeof(name) - 1; i++) {
				if (copy_from_user(&name[i], regs->rsi + i, 1))
					return -EFAULT;
				if (!name[i])
					break;
			}
		}
		name[sizeof(name) - 1] = '\0';
		strlcpy(current->name, name, sizeof(current->name));
		return 0;
	case PR_GET_NAME:
		memset(name, 0, sizeof(name));
		strlcpy(name, current->name, sizeof(name));
		return copy_to_user(regs->rsi, name, sizeof(name)) ? -EFAULT : 0;
	case PR_SET_DUMPABLE:
		if (regs->rsi > 1)
			return -EINVAL;
		current->leader->undumpable = regs->rsi == 0;
		return 0;
	case PR_GET_DUMPABLE:
		return current->leader->undumpable ? 0 : 1;
	case PR_SET_CHILD_SUBREAPER:
		current->leader->child_subreaper = regs->rsi != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		flag = current->leader->child_subreaper;
		return copy_to_user(regs->rsi, &flag, sizeof(flag)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}
