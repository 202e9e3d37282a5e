// SPDX-License-Identifier: MIT
/*
 * hostile: one case of ../shared/HOSTILE.md per run, as a ring-3 task.
 *
 *   hostile CASE ENTRY [VARIANT]
 *
 * ENTRY is sysenter, int80 or syscall. The kernel test
 * (kernel/tests/hostile_test.c) runs each case as its own task and checks
 * how it ended: exit status 0 means the kernel answered as it should;
 * some cases are meant to be killed (by the kernel, or by an exception
 * with a given vector and error code).
 */
#include "hostile/hostile.h"

unsigned int entry;
int failures;

/* 1. Numbers out of range: -ENOSYS, nothing dispatched. */
static void bad_numbers(void)
{
	static const uint64_t bad[] = {
		NR_SYSCALLS, NR_SYSCALLS + 1, 0x7fffffff, 0x80000000,
		(uint64_t)-1, (1ull << 32) | __NR_getpid,
		(1ull << 32) | __NR_write, 0xffffffff00000001ull,
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* If (1<<32)|write were dispatched, "BUG" would appear. */
		long r = call3((long)bad[i], 1, (long)"BUG\n", 4);
		CHECK(r == -ENOSYS, "nr %#lx returned %ld", bad[i], r);
	}
}

/* 2. Pointers and lengths: -EFAULT or a short count, never a panic. */
const struct utsname read_only_utsname __attribute__((section(".rodata")));

static void bad_pointers(void)
{
	static const struct {
		uint64_t buf, len;
		long want;
	} w[] = {
		{ 0, 1, -EFAULT },                         /* NULL */
		{ 0x1000, 16, -EFAULT },                   /* never mapped */
		{ KERNEL_TEXT, 16, -EFAULT },              /* kernel image */
		{ KERNEL_DATA, 16, -EFAULT },              /* kernel data */
		{ DIRECT_MAP, 16, -EFAULT },               /* direct map */
		{ USER_SPACE_END, 1, -EFAULT },            /* first non-canonical */
		{ PHYS_MAP_BASE, 1, -EFAULT },             /* first kernel address */
		{ ~0ull, 1, -EFAULT },
		{ 0x400000, ~0ull - 0x100, -EFAULT },      /* ptr + len wraps */
		{ USER_SPACE_END - 1, 2, -EFAULT },        /* runs off user space */
	};
	/* The stack's top page is the last mapped page below the gap. */
	uint64_t top = USER_STACK_TOP;
	/* The page after the end of .bss is not mapped either; the bytes
	 * just below it are free to scribble on (unlike the stack's). */
	extern char _end[];
	uint64_t data_end = ((uint64_t)_end + 4095) & ~4095ull;
	struct utsname u;
	long r;

	for (unsigned int i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		r = call3(__NR_write, 1, (long)w[i].buf, (long)w[i].len);
		CHECK(r == w[i].want, "write(1, %#lx, %#lx) = %ld", w[i].buf,
		      w[i].len, r);
	}
	/* A range that runs off the last mapped page: a short count. */
	r = call3(__NR_write, 1, (long)(top - 4), 8);
	CHECK(r == 4, "write across the end of the stack = %ld", r);
	r = call3(__NR_write, 1, (long)(data_end - 3), 8);
	CHECK(r == 3, "write across the end of .bss = %ld", r);
	r = call3(__NR_write, 99, (long)"x", 1);
	CHECK(r == -EBADF, "write(99) = %ld", r);

	/* uname writes to user memory: copy_to_user. */
	CHECK(call3(__NR_uname, 0, 0, 0) == -EFAULT, "uname(NULL)");
	CHECK(call3(__NR_uname, (long)&read_only_utsname, 0, 0) == -EFAULT,
	      "uname(read-only page)");
	CHECK(call3(__NR_uname, (long)KERNEL_DATA, 0, 0) == -EFAULT,
	      "uname(kernel address)");
	CHECK(call3(__NR_uname, (long)(data_end - 100), 0, 0) == -EFAULT,
	      "uname(partly mapped)");
	r = call3(__NR_uname, (long)&u, 0, 0);
	CHECK(r == 0 && !strcmp(u.sysname, "Linux"), "uname(&u) = %ld", r);
}

/* 2, for read(): the kernel test types "hello\n" first. Bad buffers fail
 * without eating the line; then a good read gets it. */
static void bad_read_pointers(void)
{
	extern char _end[];
	uint64_t data_end = ((uint64_t)_end + 4095) & ~4095ull;
	char buf[16];
	long r;

	r = call3(__NR_read, 0, (long)KERNEL_DATA, 16);
	CHECK(r == -EFAULT, "read into the kernel = %ld", r);
	r = call3(__NR_read, 0, 0x400000, (long)(~0ull - 0x100));
	CHECK(r == -EFAULT, "read with a wrapping length = %ld", r);
	r = call3(__NR_read, 5, (long)buf, 1);
	CHECK(r == -EBADF, "read(5) = %ld", r);
	r = call3(__NR_read, 0, (long)&read_only_utsname, 16);
	CHECK(r == -EFAULT, "read into a read-only page = %ld", r);
	r = call3(__NR_read, 0, 0, 16);
	CHECK(r == -EFAULT, "read into NULL = %ld", r);
	r = call3(__NR_read, 0, (long)(data_end - 3), 8);
	CHECK(r == -EFAULT, "read across the end of .bss = %ld", r);
	memset(buf, 0, sizeof(buf));
	r = call3(__NR_read, 0, (long)buf, sizeof(buf));
	CHECK(r == 6 && !memcmp(buf, "hello\n", 6), "then read = %ld", r);
}

/* 3. SYSENTER with a return RIP (RDX) or RSP (RCX) nobody may return to:
 * the kernel ends the task instead of executing SYSEXIT. */
static void sysenter_bad_return(const char *variant)
{
	uint64_t rip = 0x400000, rsp = USER_STACK_TOP - 64;

	if (!strcmp(variant, "rip-noncanonical"))
		rip = 0x8000000000000000ull;
	else if (!strcmp(variant, "rip-kernel"))
		rip = KERNEL_TEXT;
	else if (!strcmp(variant, "rip-zero"))
		rip = 0;
	else if (!strcmp(variant, "rsp-noncanonical"))
		rsp = 0x8000000000000000ull;
	else if (!strcmp(variant, "rsp-kernel"))
		rsp = KERNEL_DATA;
	else if (!strcmp(variant, "rsp-zero"))
		rsp = 0;
	else
		exit(2);
	if (!strncmp(variant, "rsp", 3)) /* a good RIP: right back here */
		__asm__ volatile("leaq 1f(%%rip), %%rdx\n\t"
				 "sysenter\n"
				 "1:"
				 : "+c"(rsp) : "a"(__NR_getpid)
				 : "rdx", "r11", "memory");
	else
		__asm__ volatile("movq %%rsp, %%rcx\n\t"
				 "sysenter"
				 : : "a"(__NR_getpid), "d"(rip)
				 : "rcx", "r11", "memory");
	printf("hostile: SYSEXIT returned with a bad %s\n", variant);
	exit(1);
}

/*
 * 4. SYSCALL in the last two bytes below 0x0000800000000000: the return
 * address in RCX would be non-canonical. Never SYSRET; here, the task
 * ends. The page is mapped from this program's .lastpage section (see
 * the Makefile: --section-start).
 */
__asm__(".pushsection .lastpage, \"ax\", @progbits\n"
	".fill 4094, 1, 0xcc\n"
	"last_syscall:\n\t"
	"syscall\n"
	".popsection");

static void syscall_at_top(void)
{
	uint64_t at;

	/* The small code model cannot name an address this high directly. */
	__asm__("movabsq $last_syscall, %0" : "=r"(at));
	CHECK(at == USER_SPACE_END - 2, "at %#lx", at);
	__asm__ volatile("jmp *%0" : : "r"(at), "a"(__NR_getpid));
}

/* 5. TF set just before the entry instruction. These take the system
 * call number as their C argument (RDI) and return RAX. */
__asm__(".text\n"
	"tf_syscall:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"syscall\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n"
	"tf_int80:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"int $0x80\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n"
	"tf_sysenter:\n\t"
	"movq %rdi, %rax\n\t"
	"leaq 1f(%rip), %rdx\n\t"
	"movq %rsp, %rcx\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"sysenter\n"
	"1:\tpushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n");
long tf_syscall(long nr), tf_int80(long nr), tf_sysenter(long nr);

/* 11. MOV SS with TF just before the entry: the #DB is held back until
 * after the entry instruction, so it arrives on the kernel's first one. */
__asm__(".text\n"
	"movss_syscall:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"movw %ss, %cx; movw %cx, %ss\n\t"
	"syscall\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n"
	"movss_int80:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"movw %ss, %cx; movw %cx, %ss\n\t"
	"int $0x80\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n"
	"movss_sysenter:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"leaq 1f(%rip), %rdx\n\t"
	"movq %rsp, %rcx\n\t"
	"movw %ss, %r8w; movw %r8w, %ss\n\t"
	"sysenter\n"
	"1:\tpushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n"
	"movss_int3:\n\t"
	"movq %rdi, %rax\n\t"
	"pushfq; orq $0x100, (%rsp); popfq\n\t"
	"movw %ss, %cx; movw %cx, %ss\n\t"
	"int3\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"ret\n");
long movss_syscall(long nr), movss_int80(long nr), movss_sysenter(long nr),
	movss_int3(long nr);

static long by_entry(long (*sc)(long), long (*i80)(long), long (*se)(long),
		     long nr)
{
	if (entry == SYSCALL_ENTRY_SYSCALL)
		return sc(nr);
	if (entry == SYSCALL_ENTRY_SYSENTER)
		return se(nr);
	return i80(nr);
}

/* 6. NT, AC and DF set before the entry: the kernel runs with them
 * clear, and the caller gets its own flags back, with IF set. */
static void flags_nt_ac_df(void)
{
	const uint64_t set = RFLAGS_NT | RFLAGS_AC | RFLAGS_DF;
	uint64_t kflags, uflags;
	long nr = __NR_kernel_rflags;

	switch (entry) {
	case SYSCALL_ENTRY_SYSCALL:
		__asm__ volatile("pushfq; orq %2, (%%rsp); popfq\n\t"
				 "syscall\n\t"
				 "pushfq; popq %1\n\t"
				 "pushfq; andq %3, (%%rsp); popfq"
				 : "+a"(nr), "=r"(uflags)
				 : "r"(set), "r"(~set)
				 : "rcx", "r11", "memory");
		break;
	case SYSCALL_ENTRY_INT80:
		__asm__ volatile("pushfq; orq %2, (%%rsp); popfq\n\t"
				 "int $0x80\n\t"
				 "pushfq; popq %1\n\t"
				 "pushfq; andq %3, (%%rsp); popfq"
				 : "+a"(nr), "=r"(uflags)
				 : "r"(set), "r"(~set)
				 : "memory");
		break;
	default:
		__asm__ volatile("leaq 1f(%%rip), %%rdx\n\t"
				 "movq %%rsp, %%rcx\n\t"
				 "pushfq; orq %2, (%%rsp); popfq\n\t"
				 "sysenter\n"
				 "1:\tpushfq; popq %1\n\t"
				 "pushfq; andq %3, (%%rsp); popfq"
				 : "+a"(nr), "=r"(uflags)
				 : "r"(set), "r"(~set)
				 : "rcx", "rdx", "memory");
		break;
	}
	kflags = (uint64_t)nr;
	CHECK((kflags & (set | RFLAGS_TF)) == 0, "kernel ran with %#lx", kflags);
	CHECK((uflags & set) == set, "user flags came back as %#lx", uflags);
	CHECK(uflags & RFLAGS_IF, "IF clear on return: %#lx", uflags);
}

/* 7. Every register, RSP included, -1; then the entry; optionally with
 * TF. Whatever happens must be contained. RSP is restored afterwards. */
__attribute__((used)) static uint64_t saved_rsp;
__asm__(".text\n"
	".macro GARBAGE\n\t"
	"pushq %rbx; pushq %rbp; pushq %r12; pushq %r13; pushq %r14; pushq %r15\n\t"
	"movq %rsp, saved_rsp(%rip)\n\t"
	"movq $-1, %rax; movq $-1, %rbx; movq $-1, %rcx; movq $-1, %rdx\n\t"
	"movq $-1, %rsi; movq $-1, %rdi; movq $-1, %rbp; movq $-1, %r8\n\t"
	"movq $-1, %r9; movq $-1, %r10; movq $-1, %r11; movq $-1, %r12\n\t"
	"movq $-1, %r13; movq $-1, %r14; movq $-1, %r15; movq $-1, %rsp\n\t"
	".endm\n"
	".macro RESTORE\n\t"
	"movq saved_rsp(%rip), %rsp\n\t"
	"pushfq; andq $~0x100, (%rsp); popfq\n\t"
	"popq %r15; popq %r14; popq %r13; popq %r12; popq %rbp; popq %rbx\n\t"
	"xorl %eax, %eax\n\t"
	"ret\n\t"
	".endm\n"
	"garbage_syscall:\n\tGARBAGE\n\tsyscall\n\tRESTORE\n"
	"garbage_int80:\n\tGARBAGE\n\tint $0x80\n\tRESTORE\n"
	"garbage_sysenter:\n\tGARBAGE\n\tsysenter\n\tRESTORE\n"
	"garbage_tf_syscall:\n\tpushfq; orq $0x100, (%rsp); popfq\n\t"
	"GARBAGE\n\tsyscall\n\tRESTORE\n"
	"garbage_tf_int80:\n\tpushfq; orq $0x100, (%rsp); popfq\n\t"
	"GARBAGE\n\tint $0x80\n\tRESTORE\n"
	"garbage_tf_sysenter:\n\tpushfq; orq $0x100, (%rsp); popfq\n\t"
	"GARBAGE\n\tsysenter\n\tRESTORE\n");
long garbage_syscall(long), garbage_int80(long), garbage_sysenter(long),
	garbage_tf_syscall(long), garbage_tf_int80(long),
	garbage_tf_sysenter(long);

/* 9. `int N` for every N: a 4-byte stub each, int $N at base + 4 * N. */
__asm__(".text\n"
	".balign 16\n"
	"int_stubs:\n\t"
	".set n, 0\n\t"
	".rept 256\n\t"
	".byte 0xcd, n, 0x0f, 0x0b\n\t" /* int $n; ud2 */
	".set n, n + 1\n\t"
	".endr\n");
extern char int_stubs[];

static void privileged(const char *what)
{
	if (!strcmp(what, "ud2"))
		__asm__ volatile("ud2");
	else if (!strcmp(what, "hlt"))
		__asm__ volatile("hlt");
	else if (!strcmp(what, "cli"))
		__asm__ volatile("cli");
	else if (!strcmp(what, "sti"))
		__asm__ volatile("sti");
	else if (!strcmp(what, "in"))
		__asm__ volatile("inb $0x60, %%al" : : : "rax");
	else if (!strcmp(what, "out"))
		__asm__ volatile("outb %%al, $0xf4" : : "a"(0));
	else if (!strcmp(what, "sysexit"))
		__asm__ volatile("sysexitq");
	else if (!strcmp(what, "sysret"))
		__asm__ volatile("sysretq");
	else if (!strcmp(what, "swapgs"))
		__asm__ volatile("swapgs");
	else if (!strcmp(what, "wrmsr"))
		__asm__ volatile("wrmsr" : : "c"(MSR_LSTAR), "a"(0), "d"(0));
	else if (!strcmp(what, "rdmsr"))
		__asm__ volatile("rdmsr" : : "c"(MSR_LSTAR) : "rax", "rdx");
	else if (!strcmp(what, "lgdt"))
		__asm__ volatile("lgdt (%%rsp)" : : : "memory");
	else if (!strcmp(what, "lidt"))
		__asm__ volatile("lidt (%%rsp)" : : : "memory");
	else if (!strcmp(what, "movcr3"))
		__asm__ volatile("movq %%cr3, %%rax" : : : "rax");
	else if (!strcmp(what, "invlpg"))
		__asm__ volatile("invlpg (%%rsp)" : : : "memory");
	else if (!strcmp(what, "lret-kernel-cs"))
		__asm__ volatile("pushq %0; leaq 1f(%%rip), %%rax; pushq %%rax;"
				 "lretq; 1:"
				 : : "i"(KERNEL_CS) : "rax", "memory");
	else if (!strcmp(what, "read-kernel")) /* the direct map: present, supervisor */
		__asm__ volatile("movb %0, %%al"
				 : : "m"(*(volatile char *)DIRECT_MAP) : "rax");
	else if (!strcmp(what, "write-kernel"))
		__asm__ volatile("movb %%al, %0"
				 : "=m"(*(volatile char *)DIRECT_MAP) : "a"(0));
	else if (!strcmp(what, "ss-kernel-ds"))
		__asm__ volatile("movw %0, %%ss" : : "r"((uint16_t)KERNEL_DS));
	else
		exit(2);
	printf("hostile: '%s' did not fault\n", what);
	exit(1);
}

static unsigned int parse_entry(const char *s)
{
	if (!strcmp(s, "sysenter"))
		return SYSCALL_ENTRY_SYSENTER;
	if (!strcmp(s, "syscall"))
		return SYSCALL_ENTRY_SYSCALL;
	return SYSCALL_ENTRY_INT80;
}

int main(int argc, char **argv)
{
	const char *c = argc > 1 ? argv[1] : "";
	const char *v = argc > 3 ? argv[3] : "";
	long r;

	entry = parse_entry(argc > 2 ? argv[2] : "int80");
	/* The library's own calls (printf) always go through int 0x80 here,
	 * so only the case itself uses the entry under test. */
	syscall_use_entry(SYSCALL_ENTRY_INT80);

	if (!strcmp(c, "numbers"))
		bad_numbers();
	else if (!strcmp(c, "pointers"))
		bad_pointers();
	else if (!strcmp(c, "read-pointers"))
		bad_read_pointers();
	else if (!strcmp(c, "memory"))
		bad_memory_calls();
	else if (!strcmp(c, "unmap-stack"))
		unmap_own_stack();
	else if (!strcmp(c, "tls"))
		bad_tls_bases();
	else if (!strcmp(c, "futex"))
		bad_futex_calls();
	else if (!strcmp(c, "futex-forever"))
		futex_wait_forever(v);
	else if (!strcmp(c, "signals"))
		signals_through_entry();
	else if (!strcmp(c, "fds"))
		bad_fd_calls();
	else if (!strcmp(c, "files"))
		bad_file_calls();
	else if (!strcmp(c, "proc"))
		bad_proc_calls();
	else if (!strcmp(c, "clone"))
		bad_clone_calls();
	else if (!strcmp(c, "cow"))
		copy_on_write_fork();
	else if (!strcmp(c, "ids"))
		bad_id_calls();
	else if (!strcmp(c, "sysenter-return"))
		sysenter_bad_return(v);
	else if (!strcmp(c, "syscall-at-top"))
		syscall_at_top();
	else if (!strcmp(c, "tf")) {
		r = by_entry(tf_syscall, tf_int80, tf_sysenter, __NR_getpid);
		CHECK(r == getpid(), "getpid with TF = %ld", r);
	} else if (!strcmp(c, "nt-ac-df"))
		flags_nt_ac_df();
	else if (!strcmp(c, "garbage"))
		by_entry(garbage_syscall, garbage_int80, garbage_sysenter, 0);
	else if (!strcmp(c, "garbage-tf"))
		by_entry(garbage_tf_syscall, garbage_tf_int80,
			 garbage_tf_sysenter, 0);
	else if (!strcmp(c, "int"))
		((void (*)(void))(int_stubs + 4 * atoi(v)))();
	else if (!strcmp(c, "insn"))
		privileged(v);
	else if (!strcmp(c, "movss")) {
		if (!strcmp(v, "int3"))
			movss_int3(0);
		else
			by_entry(movss_syscall, movss_int80, movss_sysenter,
				 __NR_getpid);
	} else if (!strcmp(c, "sysenter-raw"))
		/* 12: on a CPU without 64-bit SYSENTER this is #UD. */
		__asm__ volatile("leaq 1f(%%rip), %%rdx; movq %%rsp, %%rcx;"
				 "sysenter; 1:"
				 : : "a"(__NR_getpid) : "rcx", "rdx", "memory");
	else {
		printf("usage: hostile CASE ENTRY [VARIANT]\n");
		return 2;
	}
	return failures ? 1 : 0;
}
