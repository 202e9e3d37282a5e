// SPDX-License-Identifier: MIT
/*
 * The system's files of /proc, in Linux's formats (fs/proc/meminfo.c,
 * stat.c, uptime.c, loadavg.c, version.c, arch/x86/kernel/cpu/proc.c,
 * fs/proc_namespace.c):
 *
 *   meminfo      the page allocator's counts, in kB
 *   stat         CPU time (user, idle), interrupts, context switches, the
 *                boot time, processes made, running now
 *   uptime       seconds since boot, and seconds idle
 *   loadavg      1, 5 and 15 minute load averages, running/threads, the
 *                last pid
 *   cpuinfo      CPUID's answers for the one CPU
 *   version      the release, compiler and version
 *   mounts       a link to self/mounts: /, /dev, /proc
 *   filesystems  the kinds of file system there are
 *   sys/kernel/  hostname, domainname (writable, as sethostname),
 *                osrelease, ostype, version
 *   self         a link to the caller's process id; thread-self to its
 *                thread's directory
 *
 * What this kernel does not count is left out rather than shown as a
 * made-up number: meminfo has no PageTables or Committed_AS lines, and
 * stat's CPU time is all "user" (a process's time in the kernel is not
 * told apart). Writing a file that takes no writes is EIO, as on Linux.
 */
#include <kernel/cpu.h>
#include <kernel/heap.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/procfs.h>
#include <kernel/stack.h>
#include <kernel/time.h>
#include <kernel/uts.h>
#include <kernel/vfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define KB(pages) ((unsigned long)(pages) * (PAGE_SIZE / 1024))
/* USER_HZ, the unit of /proc's times: 100 a second, as the timer. */
#define NS_PER_USER_TICK (NSEC_PER_SEC / TIMER_HZ)

/* --- meminfo -------------------------------------------------------------- */

/* "MemTotal:       12345 kB": the name and colon in 16 columns, the
 * number right-aligned in 8 more (Linux's show_val_kb). */
static void meminfo_line(struct proc_text *t, const char *name,
			 unsigned long kb)
{
	char label[32];

	snprintf(label, sizeof(label), "%s:", name);
	proc_printf(t, "%-16s%8lu kB\n", label, kb);
}

/* Pages mapped privately by programs: each address space once (threads
 * and a vfork child share their leader's or parent's). */
static uint64_t anon_pages(void)
{
	struct process *p;
	uint64_t pages = 0;

	for_each_process(p)
		if (p->leader == p && p->as &&
		    !(p->parent && p->parent->as == p->as))
			pages += p->as->pages;
	return pages;
}

static void show_meminfo(struct proc_text *t, struct process *p, bool whole)
{
	uint64_t free = pmm_free_pages(), anon = anon_pages();
	uint64_t shmem = root_sb ? root_sb->pages : 0; /* tmpfs's pages */
	uint64_t threads = (uint64_t)nr_threads;

	(void)p;
	(void)whole;
	meminfo_line(t, "MemTotal", KB(pmm_total_pages()));
	meminfo_line(t, "MemFree", KB(free));
	/* Nothing can be reclaimed: the file system's pages are all in
	 * memory only, as tmpfs's are. */
	meminfo_line(t, "MemAvailable", KB(free));
	meminfo_line(t, "Buffers", 0);
	meminfo_line(t, "Cached", KB(shmem)); /* Linux counts tmpfs here */
	meminfo_line(t, "SwapCached", 0);
	meminfo_line(t, "Active", KB(anon + shmem));
	meminfo_line(t, "Inactive", 0);
	meminfo_line(t, "Active(anon)", KB(anon + shmem));
	meminfo_line(t, "Inactive(anon)", 0);
	meminfo_line(t, "Active(file)", 0);
	meminfo_line(t, "Inactive(file)", 0);
	meminfo_line(t, "Unevictable", 0);
	meminfo_line(t, "Mlocked", 0);
	meminfo_line(t, "SwapTotal", 0);
	meminfo_line(t, "SwapFree", 0);
	meminfo_line(t, "Dirty", 0);
	meminfo_line(t, "Writeback", 0);
	meminfo_line(t, "AnonPages", KB(anon));
	meminfo_line(t, "Mapped", 0); /* no file is mapped */
	meminfo_line(t, "Shmem", KB(shmem));
	meminfo_line(t, "KReclaimable", 0);
	meminfo_line(t, "Slab", KB(heap_pages));
	meminfo_line(t, "SReclaimable", 0);
	meminfo_line(t, "SUnreclaim", KB(heap_pages));
	meminfo_line(t, "KernelStack", threads * (KSTACK_SIZE / 1024));
}

/* --- stat, uptime, loadavg ------------------------------------------------- */

static unsigned long long user_ticks(uint64_t ns)
{
	return ns / NS_PER_USER_TICK;
}

static void show_stat(struct proc_text *t, struct process *p, bool whole)
{
	unsigned long long user = user_ticks(sched_stats.busy_ns);
	unsigned long long idle = user_ticks(sched_stats.idle_ns);
	int64_t boot = (clock_realtime_ns() - (int64_t)clock_monotonic_ns()) /
		       (int64_t)NSEC_PER_SEC;

	(void)p;
	(void)whole;
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	proc_printf(t, "cpu  %llu 0 0 %llu 0 0 0 0 0 0\n", user, idle);
	proc_printf(t, "cpu0 %llu 0 0 %llu 0 0 0 0 0 0\n", user, idle);
	proc_printf(t, "intr %llu\n", (unsigned long long)irq_count);
	proc_printf(t, "ctxt %llu\n", (unsigned long long)sched_stats.switches);
	proc_printf(t, "btime %lld\n", (long long)boot);
	proc_printf(t, "processes %llu\n", (unsigned long long)proc_forks);
	proc_printf(t, "procs_running %d\n", sched_nr_running());
	proc_printf(t, "procs_blocked 0\n");
	proc_printf(t, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

static void show_uptime(struct proc_text *t, struct process *p, bool whole)
{
	uint64_t up = clock_monotonic_ns(), idle = sched_stats.idle_ns;

	(void)p;
	(void)whole;
	proc_printf(t, "%lu.%02lu %lu.%02lu\n",
		    (unsigned long)(up / NSEC_PER_SEC),
		    (unsigned long)(up % NSEC_PER_SEC / (NSEC_PER_SEC / 100)),
		    (unsigned long)(idle / NSEC_PER_SEC),
		    (unsigned long)(idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
}

static void show_loadavg(struct proc_text *t, struct process *p, bool whole)
{
	unsigned long a[3];
	int threads = nr_threads;

	(void)p;
	(void)whole;
	for (int i = 0; i < 3; i++) /* rounded to 1/100, as Linux's */
		a[i] = sched_stats.avenrun[i] + FIXED_1 / 200;
#define LOAD_INT(x) ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
	proc_printf(t, "%lu.%02lu %lu.%02lu %lu.%02lu %d/%d %d\n",
		    LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]),
		    LOAD_FRAC(a[1]), LOAD_INT(a[2]), LOAD_FRAC(a[2]),
		    sched_nr_running(), threads, proc_last_pid());
#undef LOAD_INT
#undef LOAD_FRAC
}

/* --- cpuinfo -------------------------------------------------------------- */

/* Linux's names for CPUID's feature bits (arch/x86/include/asm/
 * cpufeatures.h), NULL where it shows none. The AVX family, which needs
 * the kernel to save the YMM registers (XSAVE), is left out, as Linux
 * leaves it out when it has turned XSAVE off: this kernel does not save
 * them. */
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
	"cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
	"pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
	"fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const leaf1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
	"tm2", "ssse3", "cid", "sdbg", NULL, "cx16", "xtpr", "pdcm",
	NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", NULL, NULL, NULL, NULL, "rdrand",
	"hypervisor",
};
static const char *const ext_edx[32] = {
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
	[25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
	[30] = "3dnowext", [31] = "3dnow",
};
static const char *const ext_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm",
	"sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop",
	"skinit", "wdt",
};

static void flags(struct proc_text *t, const char *const names[32],
		  uint32_t bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits >> i & 1) && names[i])
			proc_printf(t, " %s", names[i]);
}

static void show_cpuinfo(struct proc_text *t, struct process *p, bool whole)
{
	struct cpuid_regs l0 = cpuid(0), l1 = cpuid(1), ext = { 0, 0, 0, 0 };
	uint32_t family = (l1.eax >> 8) & 0xf, model = (l1.eax >> 4) & 0xf;
	uint32_t phys = 36, virt = 48, max_ext = cpuid(0x80000000u).eax;
	char vendor[13], brand[49] = "unknown";
	unsigned long mhz = (unsigned long)(tsc_hz / 1000);

	(void)p;
	(void)whole;
	memcpy(vendor, &l0.ebx, 4);
	memcpy(vendor + 4, &l0.edx, 4);
	memcpy(vendor + 8, &l0.ecx, 4);
	vendor[12] = '\0';
	if (family == 0xf)
		family += (l1.eax >> 20) & 0xff;
	if (family >= 6)
		model += ((l1.eax >> 16) & 0xf) << 4;
	if (max_ext >= 0x80000001u)
		ext = cpuid(0x80000001u);
	if (max_ext >= 0x80000004u) {
		const char *b = brand;

		for (uint32_t i = 0; i < 3; i++) {
			struct cpuid_regs r = cpuid(0x80000002u + i);

			memcpy(brand + 16 * i, &r, 16);
		}
		brand[48] = '\0';
		while (*b == ' ')
			b++;
		memmove(brand, b, strlen(b) + 1);
	}
	if (max_ext >= 0x80000008u) {
		phys = cpuid(0x80000008u).eax & 0xff;
		virt = (cpuid(0x80000008u).eax >> 8) & 0xff;
	}
	proc_printf(t, "processor\t: 0\nvendor_id\t: %s\n", vendor);
	proc_printf(t, "cpu family\t: %u\nmodel\t\t: %u\nmodel name\t: %s\n",
		    family, model, brand);
	proc_printf(t, "stepping\t: %u\n", l1.eax & 0xf);
	if (mhz)
		proc_printf(t, "cpu MHz\t\t: %lu.%03lu\n", mhz / 1000, mhz % 1000);
	proc_printf(t, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\n"
		       "cpu cores\t: 1\napicid\t\t: %u\ninitial apicid\t: %u\n",
		    l1.ebx >> 24, l1.ebx >> 24);
	proc_printf(t, "fpu\t\t: yes\nfpu_exception\t: yes\n"
		       "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
		    l0.eax);
	flags(t, leaf1_edx, l1.edx);
	flags(t, leaf1_ecx, l1.ecx);
	flags(t, ext_edx, ext.edx);
	flags(t, ext_ecx, ext.ecx);
	/* Linux's BogoMIPS, from a delay loop timed by the TSC: 2 * MHz. */
	proc_printf(t, "\nbogomips\t: %lu.%02lu\n", mhz * 2 / 1000,
		    mhz * 2 % 1000 / 10);
	proc_printf(t, "clflush size\t: %u\ncache_alignment\t: %u\n",
		    ((l1.ebx >> 8) & 0xff) * 8, ((l1.ebx >> 8) & 0xff) * 8);
	proc_printf(t, "address sizes\t: %u bits physical, %u bits virtual\n",
		    phys, virt);
	proc_printf(t, "power management:\n\n");
}

/* --- version, filesystems ---------------------------------------------------- */

#ifdef __clang__
#define COMPILER "clang version " __clang_version__
#else
#define COMPILER "gcc version " __VERSION__
#endif

static void show_version(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "Linux version %s (teaching@x86-64-kernel) (%s) %s\n",
		    uts_release, COMPILER, uts_version);
}

static void show_filesystems(struct proc_text *t, struct process *p,
			     bool whole)
{
	(void)p;
	(void)whole;
	/* The in-memory file system, mounted as the root and as /dev; and
	 * /proc. None needs a device ("nodev"). */
	proc_printf(t, "nodev\trootfs\nnodev\tdevtmpfs\nnodev\tproc\n");
}

/* --- sys/kernel ------------------------------------------------------------- */

static void show_hostname(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "%s\n", uts_nodename);
}

static void show_domainname(struct proc_text *t, struct process *p,
			    bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "%s\n", uts_domainname);
}

static void show_osrelease(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "%s\n", uts_release);
}

static void show_ostype(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "Linux\n");
}

static void show_kversion(struct proc_text *t, struct process *p, bool whole)
{
	(void)p;
	(void)whole;
	proc_printf(t, "%s\n", uts_version);
}

/* A write to a name of sys/kernel: what comes before the first newline,
 * at most 64 bytes, as Linux's proc_dostring (for a write at 0). */
static void set_name(char *dst, const char *buf, size_t n)
{
	size_t len = 0;

	while (len < n && len < UTSNAME_LENGTH - 1 && buf[len] != '\n' &&
	       buf[len] != '\0')
		len++;
	memcpy(dst, buf, len);
	dst[len] = '\0';
}

static long write_hostname(struct process *p, const char *buf, size_t n)
{
	(void)p;
	set_name(uts_nodename, buf, n);
	return 0;
}

static long write_domainname(struct process *p, const char *buf, size_t n)
{
	(void)p;
	set_name(uts_domainname, buf, n);
	return 0;
}

/* --- the links at the top ------------------------------------------------------ */

static int self_link(struct inode *ino, struct process *p)
{
	char buf[16];

	(void)p;
	if (!current)
		return -ENOENT;
	snprintf(buf, sizeof(buf), "%d", current->tgid);
	return proc_set_link(ino, buf, NULL);
}

static int thread_self_link(struct inode *ino, struct process *p)
{
	char buf[40];

	(void)p;
	if (!current)
		return -ENOENT;
	snprintf(buf, sizeof(buf), "%d/task/%d", current->tgid, current->pid);
	return proc_set_link(ino, buf, NULL);
}

static int mounts_link(struct inode *ino, struct process *p)
{
	(void)p;
	return proc_set_link(ino, "self/mounts", NULL);
}

/* --- the tables ---------------------------------------------------------------- */

/* Linux's sysctl files: a write open of a read-only one is EACCES. */
#define SYSCTL_RO(n, fn) { .name = n, .mode = S_IFREG | 0444, .show = fn, \
			   .write_error = -EACCES }

static const struct proc_entry sys_kernel_entries[] = {
	{ .name = "domainname", .mode = S_IFREG | 0644,
	  .show = show_domainname, .write = write_domainname },
	{ .name = "hostname", .mode = S_IFREG | 0644, .show = show_hostname,
	  .write = write_hostname },
	SYSCTL_RO("osrelease", show_osrelease),
	SYSCTL_RO("ostype", show_ostype),
	SYSCTL_RO("version", show_kversion),
};

static const struct proc_table sys_kernel_table = {
	.entries = sys_kernel_entries,
	.n = sizeof(sys_kernel_entries) / sizeof(sys_kernel_entries[0]),
	.ino_base = 96,
};

static const struct proc_entry sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .dir = &sys_kernel_table },
};

const struct proc_table proc_sys_table = {
	.entries = sys_entries,
	.n = sizeof(sys_entries) / sizeof(sys_entries[0]),
	.ino_base = 64,
};

#define FILE(n, fn) { .name = n, .mode = S_IFREG | 0444, .show = fn, \
		      .write_error = -EIO }
#define LINK(n, fn) { .name = n, .mode = S_IFLNK | 0777, .link = fn }

/* /proc's own entries: numbers 2 and up (the root is 1). */
const struct proc_entry proc_root_entries[] = {
	FILE("cpuinfo", show_cpuinfo),
	FILE("filesystems", show_filesystems),
	FILE("loadavg", show_loadavg),
	FILE("meminfo", show_meminfo),
	LINK("mounts", mounts_link),
	LINK("self", self_link),
	FILE("stat", show_stat),
	{ .name = "sys", .mode = S_IFDIR | 0555, .dir = &proc_sys_table },
	LINK("thread-self", thread_self_link),
	FILE("uptime", show_uptime),
	FILE("version", show_version),
};

const size_t proc_root_count =
	sizeof(proc_root_entries) / sizeof(proc_root_entries[0]);
