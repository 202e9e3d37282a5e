// SPDX-License-Identifier: MIT
/*
 * ../shared/HOSTILE.md cases 1-12, each run as its own ring-3 task (the
 * user/hostile program) through every entry the CPU offers. Each run must
 * end the expected way, the kernel must say so on the console when it
 * kills a task, and no page may leak.
 */
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/syscall.h>
#include <kernel/trap.h>
#include <kernel/tty.h>
#include <kernel/vfs.h>
#include <lib/printf.h>
#include <lib/string.h>

#include "user_run.h"

enum want {
	EXIT_OK,          /* the task exits 0: the kernel answered right */
	KILLED_BY_KERNEL, /* ended by the kernel's own check */
	KILLED_BY,        /* ended by exception .vector (.error >= 0: code) */
	SINGLE_STEP_OK,   /* exit 0, or its own #DB/#BP after returning */
	CONTAINED,        /* anything but a kernel failure */
};

#define ALL (SYSCALL_ENTRY_SYSENTER | SYSCALL_ENTRY_INT80 | SYSCALL_ENTRY_SYSCALL)
#define SE SYSCALL_ENTRY_SYSENTER
#define SC SYSCALL_ENTRY_SYSCALL
#define I80 SYSCALL_ENTRY_INT80

/* Table rows below leave trailing fields out: they are zero. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

struct hcase {
	const char *c, *variant;
	unsigned int entries;
	enum want want;
	unsigned int vector;
	int64_t error;
	int64_t alt_error; /* also accepted, when nonzero (see below) */
	const char *input; /* typed on the console before the run */
};

static struct user_run run;

static const char *entry_arg(unsigned int e)
{
	return e == SE ? "sysenter" : e == SC ? "syscall" : "int80";
}

static bool outcome_ok(const struct hcase *h, const struct task_result *r)
{
	bool by_step = r->how == TASK_KILLED &&
		       (r->vector == X86_TRAP_DB || r->vector == X86_TRAP_BP);
	bool exited0 = r->how == TASK_EXITED && r->status == 0;

	switch (h->want) {
	case EXIT_OK:
		return exited0;
	case KILLED_BY_KERNEL:
		return r->how == TASK_KILLED && r->vector == TASK_NO_VECTOR;
	case KILLED_BY:
		return r->how == TASK_KILLED && r->vector == h->vector &&
		       (h->error < 0 || r->error_code == (uint64_t)h->error ||
			(h->alt_error && r->error_code == (uint64_t)h->alt_error));
	case SINGLE_STEP_OK:
		return exited0 || by_step;
	case CONTAINED:
		return true;
	}
	return false;
}

/* Run one case through one entry; report and count a failure. */
static unsigned int run_case(const struct hcase *h, unsigned int entry)
{
	const char *argv[] = { "hostile", h->c, entry_arg(entry), h->variant,
			       NULL };
	const struct task_result *r = &run.res;

	if (!h->variant)
		argv[3] = NULL;
	tty_reset();
	for (const char *c = h->input; c && *c; c++)
		tty_input(*c);
	user_run(argv, &run);
	tty_reset();
	if (!strcmp(h->c, "numbers") && strstr(run.out, "BUG"))
		ktest_fail(__FILE__, __LINE__, "an out-of-range number was dispatched");
	if (run.err == 0 && outcome_ok(h, r) && run.leaked_pages == 0 &&
	    (r->how == TASK_EXITED || strstr(run.out, "): killed")))
		return 0;
	ktest_fail(__FILE__, __LINE__,
		   "hostile %s %s %s: err %d, %s, status %d, vector %u, "
		   "error %#lx, leaked %ld pages",
		   h->c, entry_arg(entry), h->variant ? h->variant : "",
		   run.err, r->how == TASK_EXITED ? "exited" : "killed",
		   r->status, r->vector, r->error_code, run.leaked_pages);
	return 1;
}

/* Every case through every entry it applies to that the CPU offers. */
static void run_cases(const struct hcase *cases, unsigned int n)
{
	unsigned int ran = 0;

	for (unsigned int i = 0; i < n; i++)
		for (unsigned int e = 1; e <= SC; e <<= 1)
			if (cases[i].entries & e & syscall_entries_available) {
				run_case(&cases[i], e);
				ran++;
			}
	KT_ASSERT(ran > 0);
}

#define RUN(...)                                                               \
	do {                                                                   \
		static const struct hcase c_[] = { __VA_ARGS__ };              \
		run_cases(c_, sizeof(c_) / sizeof(c_[0]));                     \
	} while (0)

KTEST(hostile_01_bad_syscall_numbers)
{
	RUN({ "numbers", NULL, ALL, EXIT_OK, 0, 0 });
}

KTEST(hostile_02_bad_user_pointers)
{
	RUN({ "pointers", NULL, ALL, EXIT_OK, 0, 0 },
	    { "read-pointers", NULL, ALL, EXIT_OK, 0, 0, 0, "hello\n" });
}

KTEST(hostile_03_sysenter_bad_return_address)
{
	if (!(syscall_entries_available & SE))
		return; /* case 12 covers CPUs without SYSENTER */
	RUN({ "sysenter-return", "rip-noncanonical", SE, KILLED_BY_KERNEL, 0, 0 },
	    { "sysenter-return", "rip-kernel", SE, KILLED_BY_KERNEL, 0, 0 },
	    { "sysenter-return", "rip-zero", SE, KILLED_BY_KERNEL, 0, 0 },
	    { "sysenter-return", "rsp-noncanonical", SE, KILLED_BY_KERNEL, 0, 0 },
	    { "sysenter-return", "rsp-kernel", SE, KILLED_BY_KERNEL, 0, 0 },
	    { "sysenter-return", "rsp-zero", SE, KILLED_BY_KERNEL, 0, 0 });
}

KTEST(hostile_04_syscall_at_end_of_user_space)
{
	RUN({ "syscall-at-top", NULL, SC, KILLED_BY_KERNEL, 0, 0 });
	KT_ASSERT(strstr(run.out, "return address 0x800000000000 is not a user address"));
}

KTEST(hostile_05_trap_flag_before_entry)
{
	RUN({ "tf", NULL, ALL, SINGLE_STEP_OK, 0, 0 });
}

KTEST(hostile_06_nt_ac_df_before_entry)
{
	RUN({ "nt-ac-df", NULL, ALL, EXIT_OK, 0, 0 });
}

KTEST(hostile_07_garbage_registers)
{
	RUN({ "garbage", NULL, ALL, CONTAINED, 0, 0 },
	    { "garbage-tf", NULL, ALL, CONTAINED, 0, 0 });
}

/*
 * int N for every N but 3 and 0x80: #GP with error code (N << 3) | 2, the
 * gate's index with the IDT bit (Intel SDM Vol. 3A, 6.13). QEMU's
 * software CPU reports (N << 4) | 2 instead, the gate's byte offset in
 * the 16-byte IDT of long mode (do_interrupt64 in its seg_helper.c), so
 * that is accepted too; Bochs, like hardware, gives the first.
 */
KTEST(hostile_09_int_n_and_forbidden_instructions)
{
	static struct hcase h[256];
	static char numbers[256][4];
	unsigned int n = 0;

	for (unsigned int v = 0; v < 256; v++) {
		if (v == X86_TRAP_BP || v == SYSCALL_INT_VECTOR)
			continue;
		snprintf(numbers[v], sizeof(numbers[v]), "%u", v);
		h[n++] = (struct hcase){ "int", numbers[v], I80, KILLED_BY,
					 X86_TRAP_GP, (int64_t)(v << 3 | 2),
					 (int64_t)(v << 4 | 2) };
	}
	run_cases(h, n);
	RUN({ "insn", "ud2", I80, KILLED_BY, X86_TRAP_UD, 0 },
	    { "insn", "hlt", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "cli", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "sti", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "in", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "out", I80, KILLED_BY, X86_TRAP_GP, 0 });
}

KTEST(hostile_10_privileged_instructions)
{
	/* 64-bit SYSEXIT is #UD where SYSENTER is (AMD), else #GP(0). */
	int64_t sysexit_gp = syscall_entries_available & SE;

	RUN({ "insn", "sysret", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "swapgs", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "wrmsr", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "rdmsr", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "lgdt", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "lidt", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "movcr3", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "invlpg", I80, KILLED_BY, X86_TRAP_GP, 0 },
	    { "insn", "lret-kernel-cs", I80, KILLED_BY, X86_TRAP_GP, 0x8 },
	    { "insn", "ss-kernel-ds", I80, KILLED_BY, X86_TRAP_GP, 0x10 },
	    /* Kernel pages are present but not user-accessible. */
	    { "insn", "read-kernel", I80, KILLED_BY, X86_TRAP_PF,
	      PF_PRESENT | PF_USER },
	    { "insn", "write-kernel", I80, KILLED_BY, X86_TRAP_PF,
	      PF_PRESENT | PF_USER | PF_WRITE });
	if (sysexit_gp)
		RUN({ "insn", "sysexit", I80, KILLED_BY, X86_TRAP_GP, 0 });
	else
		RUN({ "insn", "sysexit", I80, KILLED_BY, X86_TRAP_UD, 0 });
}

KTEST(hostile_11_mov_ss_single_step_into_entries)
{
	RUN({ "movss", NULL, ALL, SINGLE_STEP_OK, 0, 0 },
	    { "movss", "int3", I80, SINGLE_STEP_OK, 0, 0 });
}

KTEST(hostile_12_sysenter_where_unsupported)
{
	if (syscall_entries_available & SE)
		return; /* supported here: cases 3, 5, 7 and 11 use it */
	RUN({ "sysenter-raw", NULL, I80, KILLED_BY, X86_TRAP_UD, 0 });
}

KTEST(hostile_18_memory_tls_and_futex_calls)
{
	RUN({ "memory", NULL, ALL, EXIT_OK, 0, 0 },
	    { "tls", NULL, ALL, EXIT_OK, 0, 0 },
	    { "futex", NULL, ALL, EXIT_OK, 0, 0 },
	    { "unmap-stack", NULL, ALL, KILLED_BY, X86_TRAP_PF, -1 });
}

KTEST(hostile_18_clone_and_threads)
{
	RUN({ "clone", NULL, ALL, EXIT_OK, 0, 0 });
}

/* Copy-on-write fork (user/hostile/cow.c): pages written on both sides,
 * by three sharers, by the kernel's read(), mprotect/mremap/madvise of
 * shared pages, vfork, and children killed when their copies exhaust
 * memory; and no page leaked. */
KTEST(hostile_18_copy_on_write_fork)
{
	RUN({ "cow", NULL, ALL, EXIT_OK, 0, 0 });
}

KTEST(hostile_17_signals_through_every_entry)
{
	RUN({ "signals", NULL, ALL, EXIT_OK, 0, 0 });
}

KTEST(hostile_19_descriptors_and_pipes)
{
	RUN({ "fds", NULL, ALL, EXIT_OK, 0, 0 });
}

KTEST(hostile_19_paths_and_files)
{
	uint64_t inodes = root_sb->inodes, pages = root_sb->pages;

	RUN({ "files", NULL, ALL, EXIT_OK, 0, 0 });
	/* Everything the case made it removed: the counts come back. */
	KT_ASSERT_EQ(root_sb->inodes, inodes);
	KT_ASSERT_EQ(root_sb->pages, pages);
}

KTEST(hostile_19_proc)
{
	uint64_t inodes = proc_sb->inodes;

	RUN({ "proc", NULL, ALL, EXIT_OK, 0, 0 });
	/* /proc's inodes go with their last reference: none is left. */
	KT_ASSERT_EQ(proc_sb->inodes, inodes);
}

KTEST(hostile_18_process_id_calls)
{
	RUN({ "ids", NULL, ALL, EXIT_OK, 0, 0 });
}
