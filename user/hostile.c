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
#include "user.h"

/* The kernel's own definitions of what this program attacks. */
#include <kernel/msr.h>     /* RFLAGS_* */
#include <kernel/segment.h> /* KERNEL_CS, KERNEL_DS */
#include <kernel/vm.h>      /* USER_STACK_TOP, USER_SPACE_END, ... */
#include <uapi/fcntl.h>
#include <uapi/futex.h>
#include <uapi/sched.h>
#include <uapi/wait.h>

/* Kernel addresses to aim at: the image (text, then data) and the
 * direct map, all present in every address space, none user-accessible. */
#define KERNEL_TEXT (KERNEL_VMA + KERNEL_PHYS_BASE)
#define KERNEL_DATA (KERNEL_VMA + KERNEL_PHYS_BASE + 0x10000)
#define DIRECT_MAP (PHYS_MAP_BASE + KERNEL_PHYS_BASE)

static unsigned int entry;
static int failures;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("hostile: FAILED %s: ", #cond);                 \
			printf(__VA_ARGS__);                                   \
			printf("\n");                                          \
			failures++;                                            \
		}                                                              \
	} while (0)

static long call3(long nr, long a1, long a2, long a3)
{
	return syscall_via(entry, nr, a1, a2, a3, 0, 0, 0);
}

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
static const struct utsname read_only_utsname
	__attribute__((section(".rodata")));

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

/* 18. Memory calls aimed at the kernel half, the stack, page 0 and
 * lengths that wrap: errors, and the process goes on, through every
 * entry. The errors are Linux's: user/musl/m-badcalls makes the same
 * calls on Linux and here, and the musl test group compares them. */
static long call6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	return syscall_via(entry, nr, a1, a2, a3, a4, a5, a6);
}

#define MAP_PRIVATE_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void bad_memory_calls(void)
{
	static const struct {
		long nr, addr, len, arg;
		long want;
	} c[] = {
		{ __NR_munmap, (long)KERNEL_TEXT, 4096, 0, -EINVAL },
		{ __NR_munmap, (long)DIRECT_MAP, 4096, 0, -EINVAL },
		{ __NR_munmap, (long)(USER_SPACE_END - 4096), 8192, 0, -EINVAL },
		{ __NR_munmap, 0x400000, -4096, 0, -EINVAL },       /* wraps */
		{ __NR_munmap, 0x400001, 4096, 0, -EINVAL },        /* misaligned */
		{ __NR_munmap, 0x400000, 0, 0, -EINVAL },
		{ __NR_mprotect, (long)KERNEL_TEXT, 4096, PROT_READ | PROT_WRITE, -ENOMEM },
		{ __NR_mprotect, (long)DIRECT_MAP, 4096, PROT_READ, -ENOMEM },
		{ __NR_mprotect, 0, 4096, PROT_READ, -ENOMEM },     /* page 0 */
		{ __NR_mprotect, 0x400000, -4096, PROT_READ, -ENOMEM },
		{ __NR_mprotect, 0x400000, 4096, 0x100, -EINVAL },  /* bad prot */
		{ __NR_madvise, (long)KERNEL_TEXT, 4096, MADV_DONTNEED, -ENOMEM },
		{ __NR_madvise, 0x400000, -4096, MADV_DONTNEED, -EINVAL },
		{ __NR_madvise, 0x400000, 4096, 12345, -EINVAL },
	};
	long r;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = call3(c[i].nr, c[i].addr, c[i].len, c[i].arg);
		CHECK(r == c[i].want, "call %ld(%#lx, %#lx, %#lx) = %ld", c[i].nr,
		      c[i].addr, c[i].len, c[i].arg, r);
	}
	/* mmap: fixed over the kernel, at 0, wrapping; hints there are moved. */
	r = call6(__NR_mmap, (long)KERNEL_TEXT, 4096, PROT_READ,
		  MAP_PRIVATE_ANON | MAP_FIXED, -1, 0);
	CHECK(r == -ENOMEM, "mmap fixed on the kernel = %ld", r);
	/* Linux refuses this to processes without CAP_SYS_RAWIO; here every
	 * process is root, but page 0 stays unmappable (a kernel NULL
	 * pointer must never reach user memory). */
	r = call6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE_ANON | MAP_FIXED,
		  -1, 0);
	CHECK(r == -EPERM, "mmap fixed at 0 = %ld", r);
	r = call6(__NR_mmap, (long)(USER_SPACE_END - 4096), 8192, PROT_READ,
		  MAP_PRIVATE_ANON | MAP_FIXED, -1, 0);
	CHECK(r == -ENOMEM, "mmap fixed past the end = %ld", r);
	r = call6(__NR_mmap, 0, -4096, PROT_READ, MAP_PRIVATE_ANON, -1, 0);
	CHECK(r == -ENOMEM, "mmap of a wrapping length = %ld", r);
	r = call6(__NR_mmap, (long)DIRECT_MAP, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE_ANON, -1, 0);
	CHECK(r > 0 && (uint64_t)r < USER_SPACE_END, "mmap hint in the kernel = %#lx", r);
	if (r > 0) {
		*(volatile char *)r = 1;
		CHECK(call3(__NR_munmap, r, 4096, 0) == 0, "munmap of it");
	}
	/* mprotect of a stack page far below the frames in use, to
	 * read-only and back: the stack's region is split and joined. */
	r = call3(__NR_mprotect, (long)(USER_STACK_TOP - (1 << 20)), 4096,
		  PROT_READ);
	CHECK(r == 0, "mprotect of a stack page = %ld", r);
	r = call3(__NR_mprotect, (long)(USER_STACK_TOP - (1 << 20)), 4096,
		  PROT_READ | PROT_WRITE);
	CHECK(r == 0, "mprotect of it back = %ld", r);
}

/* 18. A stack unmapped under the program: the next push faults, and the
 * process ends, whatever the entry. */
static void unmap_own_stack(void)
{
	long sp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(sp));
	/* 32 KiB either side: whatever the callee pushes is gone too. */
	call3(__NR_munmap, (sp & ~4095l) - 32768, 65536, 0);
	printf("hostile: still running without a stack\n");
	exit(1);
}

/* 18. FS/GS bases at kernel and non-canonical addresses: -EPERM; a base
 * the kernel accepts (even an unmapped one) survives system calls and
 * timer interrupts. */
static void bad_tls_bases(void)
{
	static const uint64_t bad[] = {
		USER_SPACE_END, USER_SPACE_END - 4096, 0x0000800000000001ull,
		0x8000000000000000ull, PHYS_MAP_BASE, KERNEL_TEXT, ~0ull,
	};
	uint64_t got = 1, t0;
	long r;

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = call3(__NR_arch_prctl, ARCH_SET_FS, (long)bad[i], 0);
		CHECK(r == -EPERM, "ARCH_SET_FS %#lx = %ld", bad[i], r);
		r = call3(__NR_arch_prctl, ARCH_SET_GS, (long)bad[i], 0);
		CHECK(r == -EPERM, "ARCH_SET_GS %#lx = %ld", bad[i], r);
	}
	r = call3(__NR_arch_prctl, ARCH_GET_FS, (long)KERNEL_DATA, 0);
	CHECK(r == -EFAULT, "ARCH_GET_FS into the kernel = %ld", r);
	r = call3(__NR_arch_prctl, 0x1234, 0, 0);
	CHECK(r == -EINVAL, "unknown code = %ld", r);
	r = call3(__NR_arch_prctl, ARCH_SET_GS, 0x7fffdeadb000l, 0);
	CHECK(r == 0, "ARCH_SET_GS user address = %ld", r);
	r = call3(__NR_arch_prctl, ARCH_SET_FS, (long)(USER_SPACE_END - 8192), 0);
	CHECK(r == 0, "ARCH_SET_FS highest page = %ld", r);
	/* Let the timer preempt this process a few times. */
	for (t0 = 0; t0 < 50000000ull; t0++)
		__asm__ volatile("" ::: "memory");
	CHECK(call3(__NR_getpid, 0, 0, 0) == getpid(), "getpid after");
	r = call3(__NR_arch_prctl, ARCH_GET_FS, (long)&got, 0);
	CHECK(r == 0 && got == USER_SPACE_END - 8192, "ARCH_GET_FS = %ld, %#lx",
	      r, got);
	r = call3(__NR_arch_prctl, ARCH_GET_GS, (long)&got, 0);
	CHECK(r == 0 && got == 0x7fffdeadb000ull, "ARCH_GET_GS = %#lx", got);
}

/* 18. futex on kernel, non-canonical, unaligned, unmapped and NULL
 * addresses, with bad timeouts, a value that differs and operations that
 * do not exist: Linux's errors, which user/musl/m-futex checks on Linux
 * too. And short timeouts end after about the time asked. */
#define FUTEX_ANY ((long)FUTEX_BITSET_MATCH_ANY)
#define MS 1000000l

static long futex6(uint64_t uaddr, long op, long val, const void *timeout,
		   long val3)
{
	return call6(__NR_futex, (long)uaddr, op, val, (long)timeout, 0, val3);
}

static int64_t clock_ns(int clock)
{
	struct timespec t = { 0, 0 };

	sys_clock_gettime(clock, &t);
	return t.tv_sec * 1000000000l + t.tv_nsec;
}

static void bad_futex_addresses(void)
{
	static uint32_t word = 7;
	static const struct timespec zero = { 0, 0 }, ns_1e9 = { 0, 1000000000 },
				     sec_neg = { -1, 0 }, ns_neg = { 0, -1 };
	extern char _end[];
	uint64_t data_end = ((uint64_t)_end + 4095) & ~4095ull;
	uint64_t w = (uint64_t)&word;
	const struct {
		uint64_t uaddr;
		long op, val;
		const void *timeout;
		long val3, want;
	} c[] = {
		{ w + 1, FUTEX_WAIT, 7, &zero, 0, -EINVAL },   /* unaligned */
		{ w + 2, FUTEX_WAKE, 1, NULL, 0, -EINVAL },
		{ w + 3, FUTEX_WAKE_PRIVATE, 1, NULL, 0, -EINVAL },
		{ KERNEL_TEXT, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ KERNEL_TEXT + 1, FUTEX_WAIT, 0, &zero, 0, -EINVAL },
		{ KERNEL_DATA, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ DIRECT_MAP, FUTEX_WAKE_PRIVATE, 1, NULL, 0, -EFAULT },
		{ PHYS_MAP_BASE, FUTEX_WAIT_PRIVATE, 0, &zero, 0, -EFAULT },
		{ USER_SPACE_END, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ 0x8000000000000000ull, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ ~3ull, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		/* The last word of user space is mapped here (.lastpage) and
		 * holds the bytes of a SYSCALL, not 0. */
		{ USER_SPACE_END - 4, FUTEX_WAIT, 0, &zero, 0, -EAGAIN },
		{ 0, FUTEX_WAIT, 0, &zero, 0, -EFAULT },       /* NULL */
		{ 0, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		/* A private WAKE does not read the word: nobody waits there. */
		{ 0, FUTEX_WAKE_PRIVATE, 1, NULL, 0, 0 },
		{ 0x1000, FUTEX_WAIT, 0, &zero, 0, -EFAULT },
		{ data_end, FUTEX_WAIT_PRIVATE, 0, &zero, 0, -EFAULT },
		{ data_end, FUTEX_WAKE, 1, NULL, 0, -EFAULT },
		{ data_end, FUTEX_WAKE_PRIVATE, 1, NULL, 0, 0 },
		/* Bad timeouts: read first, so they win over a bad address. */
		{ w, FUTEX_WAIT, 7, &ns_1e9, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, &sec_neg, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, &ns_neg, 0, -EINVAL },
		{ 0, FUTEX_WAIT, 7, &ns_1e9, 0, -EINVAL },
		{ w, FUTEX_WAIT, 7, (void *)KERNEL_DATA, 0, -EFAULT },
		{ w, FUTEX_WAIT, 7, (void *)data_end, 0, -EFAULT },
		{ w, FUTEX_WAIT_BITSET, 7, &sec_neg, FUTEX_ANY, -EINVAL },
		/* The word, a value that differs, at once, bitset 0. */
		{ w, FUTEX_WAIT, 8, NULL, 0, -EAGAIN },
		{ w, FUTEX_WAIT_PRIVATE, 8, &zero, 0, -EAGAIN },
		{ w, FUTEX_WAIT, 7, &zero, 0, -ETIMEDOUT },
		{ w, FUTEX_WAIT_BITSET, 7, &zero, FUTEX_ANY, -ETIMEDOUT },
		{ w, FUTEX_WAIT_BITSET, 7, &zero, 0, -EINVAL },
		{ w, FUTEX_WAKE_BITSET, 1, NULL, 0, -EINVAL },
		{ w, FUTEX_WAKE, 0x7fffffff, NULL, 0, 0 },
		/* Operations this kernel does not have, or nobody has. */
		{ w, FUTEX_FD, 0, NULL, 0, -ENOSYS },
		{ w, FUTEX_WAKE_OP, 1, NULL, 0, -ENOSYS },
		/* REQUEUE's counts come first, then both words (the second
		 * one, uaddr2, is NULL here). */
		{ w, FUTEX_REQUEUE, -1, NULL, 0, -EINVAL },
		{ w, FUTEX_REQUEUE, 1, (void *)-1l, 0, -EINVAL },
		{ w, FUTEX_REQUEUE, 1, NULL, 0, -EFAULT },
		{ w, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, NULL, 8, -EFAULT },
		{ w, FUTEX_LOCK_PI, 0, NULL, 0, -ENOSYS },
		{ w, 14, 0, NULL, 0, -ENOSYS },
		{ w, 127, 0, NULL, 0, -ENOSYS },
		{ w, -1, 0, NULL, 0, -ENOSYS },
		{ w, 512 | FUTEX_WAKE, 1, NULL, 0, -ENOSYS },
		{ w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 7, &zero, 0, -ENOSYS },
		{ w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, 0, -ENOSYS },
	};
	long r;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		r = futex6(c[i].uaddr, c[i].op, c[i].val, c[i].timeout,
			   c[i].val3);
		CHECK(r == c[i].want, "futex(%#lx, %ld, %ld, %p, %#lx) = %ld",
		      c[i].uaddr, c[i].op, c[i].val, c[i].timeout, c[i].val3,
		      r);
	}
}

/* PROT_NONE and read-only anonymous memory: no futex there, except a
 * private one in read-only memory (Linux's get_futex_key()). */
static void futex_protections(void)
{
	static const struct timespec zero = { 0, 0 };
	long none = call6(__NR_mmap, 0, 4096, PROT_NONE, MAP_PRIVATE_ANON, -1, 0);
	long ro = call6(__NR_mmap, 0, 4096, PROT_READ, MAP_PRIVATE_ANON, -1, 0);
	long r;

	CHECK(none > 0 && ro > 0, "mmap = %#lx, %#lx", none, ro);
	if (none <= 0 || ro <= 0)
		return;
	r = futex6((uint64_t)none, FUTEX_WAIT_PRIVATE, 0, &zero, 0);
	CHECK(r == -EFAULT, "WAIT on PROT_NONE = %ld", r);
	r = futex6((uint64_t)none, FUTEX_WAKE, 1, NULL, 0);
	CHECK(r == -EFAULT, "WAKE on PROT_NONE = %ld", r);
	r = futex6((uint64_t)none, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
	CHECK(r == 0, "private WAKE on PROT_NONE = %ld", r);
	r = futex6((uint64_t)ro, FUTEX_WAIT, 0, &zero, 0);
	CHECK(r == -EFAULT, "WAIT on read-only anonymous memory = %ld", r);
	r = futex6((uint64_t)ro, FUTEX_WAIT_PRIVATE, 0, &zero, 0);
	CHECK(r == -ETIMEDOUT, "private WAIT on it = %ld", r);
	call3(__NR_munmap, none, 4096, 0);
	call3(__NR_munmap, ro, 4096, 0);
}

/* A wait of @ms on @clock (relative for FUTEX_WAIT, absolute for the
 * others): -ETIMEDOUT after at least @ms, and well under a second. */
static void futex_timeout(long op, int clock, long ms)
{
	static uint32_t word;
	int64_t start = clock_ns(CLOCK_MONOTONIC), d;
	struct timespec t = { 0, ms * MS };
	long r;

	if ((op & FUTEX_CMD_MASK) != FUTEX_WAIT) {
		int64_t at = clock_ns(clock) + ms * MS;

		t = (struct timespec){ at / 1000000000l, at % 1000000000l };
	}
	r = futex6((uint64_t)&word, op, 0, &t, FUTEX_ANY);
	d = clock_ns(CLOCK_MONOTONIC) - start;
	CHECK(r == -ETIMEDOUT && d >= ms * MS && d < 1000 * MS,
	      "futex op %ld, %ld ms: %ld after %ld us", op, ms, r,
	      (long)(d / 1000));
}

static void bad_futex_calls(void)
{
	bad_futex_addresses();
	futex_protections();
	futex_timeout(FUTEX_WAIT, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_PRIVATE, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_BITSET, CLOCK_MONOTONIC, 30);
	futex_timeout(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, CLOCK_REALTIME,
		      30);
}

/* For the shell test: wait on a futex until ctrl-C, which must end the
 * wait at once; "timed" waits with a timeout of 1000 s. */
static void futex_wait_forever(const char *variant)
{
	static uint32_t word;
	struct timespec long_time = { 1000, 0 };

	printf("hostile: waiting on a futex%s; press ctrl-C\n",
	       *variant ? " with a timeout" : "");
	futex6((uint64_t)&word, FUTEX_WAIT, 0, *variant ? &long_time : NULL,
	       0);
	printf("hostile: the futex wait returned\n");
	exit(1);
}

/* 18. Process groups, sessions, umask and robust lists, with pids that
 * name nobody, a negative group, bad lengths and pointers into the
 * kernel: Linux's errors (user/musl/m-ids checks the rules themselves
 * against Linux). The kernel started this process, so it leads its own
 * group and session, as init does. */
static void bad_id_calls(void)
{
	static const long nobody[] = { -1, -12345, INT32_MIN, INT32_MAX,
				       0x7ffffffe };
	long me = getpid(), r;
	uint64_t head = 1, len = 1;

	CHECK(call3(__NR_getpgid, 0, 0, 0) == me &&
	      call3(__NR_getpgrp, 0, 0, 0) == me &&
	      call3(__NR_getsid, 0, 0, 0) == me, "not its own group and session");
	/* A pid is an int: bits 63:32 are not looked at (Linux's rule). */
	CHECK(call3(__NR_getpgid, 1l << 32, 0, 0) == me &&
	      call3(__NR_getsid, (1l << 32) | me, 0, 0) == me, "bits 63:32");
	for (unsigned int i = 0; i < sizeof(nobody) / sizeof(nobody[0]); i++) {
		long pid = nobody[i];

		r = call3(__NR_getpgid, pid, 0, 0);
		CHECK(r == -ESRCH, "getpgid(%ld) = %ld", pid, r);
		r = call3(__NR_getsid, pid, 0, 0);
		CHECK(r == -ESRCH, "getsid(%ld) = %ld", pid, r);
		r = call3(__NR_get_robust_list, pid, (long)&head, (long)&len);
		CHECK(r == -ESRCH, "get_robust_list(%ld) = %ld", pid, r);
		if (pid > 0) {
			r = call3(__NR_setpgid, pid, 0, 0);
			CHECK(r == -ESRCH, "setpgid(%ld, 0) = %ld", pid, r);
		}
		r = call3(__NR_setpgid, pid, 1, 0);
		CHECK(r == -ESRCH, "setpgid(%ld, 1) = %ld", pid, r);
		r = call3(__NR_wait4, pid == -1 ? 0 : pid, 0, 0);
		CHECK(r == (pid == INT32_MIN ? -ESRCH : -ECHILD),
		      "wait4(%ld) = %ld", pid == -1 ? 0 : pid, r);
	}
	r = call3(__NR_setpgid, 0, -1, 0);
	CHECK(r == -EINVAL, "setpgid(0, -1) = %ld", r);
	r = call3(__NR_setpgid, 0, INT32_MIN, 0);
	CHECK(r == -EINVAL, "setpgid(0, INT_MIN) = %ld", r);
	r = call3(__NR_setpgid, -1, 0, 0); /* pgid 0 means pid: negative */
	CHECK(r == -EINVAL, "setpgid(-1, 0) = %ld", r);
	r = call3(__NR_setpgid, 0, 0, 0);
	CHECK(r == -EPERM, "setpgid of a session leader = %ld", r);
	r = call3(__NR_setsid, 0, 0, 0);
	CHECK(r == -EPERM, "setsid of a session leader = %ld", r);

	/* umask: the default, then only the permission bits are kept. */
	r = call3(__NR_umask, -1, 0, 0);
	CHECK(r == 022, "the first umask = %#lo", r);
	r = call3(__NR_umask, 022, 0, 0);
	CHECK(r == 0777, "umask(-1) kept %#lo", r);

	/* set_robust_list: the length must be 24, all 64 bits of it. */
	static const uint64_t bad_len[] = { 0, 23, 25, 48, ~0ull,
					    (1ull << 32) | 24 };
	for (unsigned int i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		r = call3(__NR_set_robust_list, (long)&head, (long)bad_len[i], 0);
		CHECK(r == -EINVAL, "set_robust_list(len %#lx) = %ld",
		      bad_len[i], r);
	}
	/* get_robust_list writes the length first, then the head. */
	r = call3(__NR_get_robust_list, 0, (long)KERNEL_DATA, (long)&len);
	CHECK(r == -EFAULT && len == 24, "head into the kernel = %ld, len %lu",
	      r, len);
	r = call3(__NR_get_robust_list, 0, (long)&head, (long)KERNEL_DATA);
	CHECK(r == -EFAULT, "len into the kernel = %ld", r);
	r = call3(__NR_get_robust_list, 0, (long)&head, (long)&read_only_utsname);
	CHECK(r == -EFAULT, "len into a read-only page = %ld", r);
	r = call3(__NR_get_robust_list, 0, 0, 0);
	CHECK(r == -EFAULT, "get_robust_list(0, NULL, NULL) = %ld", r);
	/* Any head is taken, a kernel address too: the kernel reads the list
	 * only at the thread's end, as user memory. This process ends with
	 * that head set. */
	r = call3(__NR_set_robust_list, (long)KERNEL_DATA, 24, 0);
	CHECK(r == 0, "set_robust_list(kernel address) = %ld", r);
	r = call3(__NR_get_robust_list, 1l << 32, (long)&head, (long)&len);
	CHECK(r == 0 && head == KERNEL_DATA && len == 24,
	      "get_robust_list = %ld, %#lx, %lu", r, head, len);
}

/* 18. clone: every flag bit, flags against Linux's rules, child stacks
 * that cannot be returned to, tid pointers into the kernel; threads that
 * end while others run or sleep, exit_group, a fault and execve in one
 * thread while the others sleep in futex waits and nanosleep. */
#define CLONE_THREAD_FLAGS                                                   \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |  \
	 CLONE_SYSVSEM | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

static long clone5(unsigned long flags, uint64_t stack, uint64_t ptid,
		   uint64_t ctid, uint64_t tls)
{
	return syscall_via(entry, __NR_clone, (long)flags, (long)stack,
			   (long)ptid, (long)ctid, (long)tls, 0);
}

#define NSTACKS 8
static uint8_t thread_stacks[NSTACKS][16384] __attribute__((aligned(16)));
static int thread_tids[NSTACKS];
static volatile uint32_t never; /* a futex word nobody wakes */
static volatile long spins;

static void *stack_top(int i)
{
	return thread_stacks[i] + sizeof(thread_stacks[i]);
}

static int waits_forever(void *arg)
{
	(void)arg;
	for (;;)
		call6(__NR_futex, (long)&never, FUTEX_WAIT, 0, 0, 0, 0);
	return 0; /* not reached */
}

static int sleeps_long(void *arg)
{
	struct timespec t = { 1000, 0 };

	(void)arg;
	for (;;)
		sys_nanosleep(&t, NULL);
	return 0; /* not reached */
}

static int spins_forever(void *arg)
{
	(void)arg;
	for (;;) {
		spins++;
		sys_sched_yield();
	}
	return 0; /* not reached */
}

static int returns_arg(void *arg)
{
	return (int)(long)arg;
}

static int exit_group_43(void *arg)
{
	(void)arg;
	syscall_via(SYSCALL_ENTRY_INT80, __NR_exit_group, 43, 0, 0, 0, 0, 0);
	return 1;
}

static int writes_null(void *arg)
{
	(void)arg;
	*(volatile int *)0 = 1;
	return 1;
}

static int execs_echo(void *arg)
{
	char *argv[] = { "echo", "hostile: execve from a thread", NULL };

	(void)arg;
	execve("echo", argv, NULL);
	return 1;
}

/* Start the three sleepers and spinners, then @last in thread 3. */
static void start_crowd(int (*last)(void *))
{
	int (*const fn[])(void *) = { waits_forever, sleeps_long,
				      spins_forever };

	for (int i = 0; i < 3; i++)
		clone_thread(CLONE_THREAD_FLAGS, stack_top(i), &thread_tids[i],
			     fn[i], NULL);
	if (last)
		clone_thread(CLONE_THREAD_FLAGS, stack_top(3), &thread_tids[3],
			     last, NULL);
}

/* How a process running @body ends: its wait status. */
static int status_of(void (*body)(void))
{
	int status = -1, pid = fork();

	if (pid == 0) {
		body();
		exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void crowd_then_exit_group(void)
{
	start_crowd(NULL);
	msleep(50);
	syscall_via(entry, __NR_exit_group, 42, 0, 0, 0, 0, 0);
}

static void crowd_then_exit_group_from_thread(void)
{
	start_crowd(exit_group_43);
	for (;;)
		call6(__NR_futex, (long)&never, FUTEX_WAIT, 0, 0, 0, 0);
}

static void crowd_then_fault_in_thread(void)
{
	start_crowd(writes_null);
	for (;;)
		msleep(1000);
}

static void crowd_then_exec_in_thread(void)
{
	start_crowd(execs_echo);
	for (;;)
		msleep(1000);
}

static int exit_group_42_wrong(void)
{
	syscall_via(SYSCALL_ENTRY_INT80, __NR_exit_group, 42, 0, 0, 0, 0, 0);
	return 1;
}

/* The main thread ends (exit, not exit_group) while a thread runs on;
 * the thread then ends the process with exit_group(43). */
static int main_thread_gone;
static int waits_for_main(void *arg)
{
	(void)arg;
	int pid, status = 0;

	while (!main_thread_gone)
		sys_sched_yield();
	msleep(50);
	/* A child of the process whose first thread has ended: its end
	 * (and its SIGCHLD) reaches a leader that is a zombie. */
	pid = fork();
	if (pid == 0)
		exit(5);
	if (waitpid(pid, &status, 0) != pid || WEXITSTATUS(status) != 5)
		return exit_group_42_wrong();
	return exit_group_43(NULL);
}

static void main_exits_first(void)
{
	clone_thread(CLONE_THREAD_FLAGS, stack_top(4), &thread_tids[4],
		     waits_for_main, NULL);
	main_thread_gone = 1;
	syscall_via(entry, __NR_exit, 7, 0, 0, 0, 0, 0);
}

static void bad_clone_calls(void)
{
	static const unsigned long refused[] = {
		~0ul, CLONE_PIDFD, CLONE_PTRACE, CLONE_PARENT, CLONE_NEWNS,
		CLONE_UNTRACED, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
		CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_IO,
		1ul << 32, 1ul << 63,
		CLONE_THREAD, CLONE_THREAD | CLONE_VM,  /* no CLONE_SIGHAND */
		CLONE_SIGHAND, CLONE_SIGHAND | CLONE_THREAD, /* no CLONE_VM */
	};
	static const uint64_t bad_stacks[] = {
		KERNEL_DATA, PHYS_MAP_BASE, 0x8000000000000000ull,
		USER_SPACE_END,
	};
	long before = sys_free_pages(), r, pid;
	int status = -1, tid = 0;

	for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		r = clone5(refused[i] | SIGCHLD, 0, 0, 0, 0);
		CHECK(r == -EINVAL, "clone(%#lx) = %ld", refused[i], r);
	}
	r = clone5(CLONE_VM | CLONE_SIGHAND | CLONE_SETTLS, 0, 0, 0,
		   KERNEL_DATA);
	CHECK(r == -EPERM, "clone with a kernel TLS base = %ld", r);
	r = clone5(CLONE_VM | CLONE_SIGHAND | CLONE_SETTLS, 0, 0, 0,
		   0x8000000000000000ull);
	CHECK(r == -EPERM, "clone with a non-canonical TLS base = %ld", r);

	/* A child whose stack cannot be used dies; the parent lives on. */
	for (unsigned int i = 0; i < sizeof(bad_stacks) / sizeof(bad_stacks[0]);
	     i++) {
		pid = clone_thread(SIGCHLD, (void *)bad_stacks[i], NULL,
				   returns_arg, NULL);
		CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
			      WIFSIGNALED(status),
		      "a child with stack %#lx: pid %ld, status %#x",
		      bad_stacks[i], pid, status);
	}

	/* tid pointers into the kernel are not written, and no error. */
	pid = clone5(SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
			     CLONE_CHILD_CLEARTID,
		     0, KERNEL_DATA, KERNEL_DATA, 0);
	if (pid == 0)
		exit(7);
	CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "fork with tid pointers into the kernel: %ld, %#x", pid, status);
	/* (On a stack of its own: a vfork child that returned through this
	 * function's callers would wreck their frames for the parent.) */
	pid = clone_thread(SIGCHLD | CLONE_VM | CLONE_VFORK |
				   CLONE_CHILD_CLEARTID,
			   stack_top(6), (int *)DIRECT_MAP, returns_arg,
			   (void *)8);
	CHECK(pid > 0 && waitpid((int)pid, &status, 0) == pid &&
		      WIFEXITED(status) && WEXITSTATUS(status) == 8,
	      "vfork clearing a kernel tid: %ld, %#x", pid, status);

	/* A thread that ends while the others run and sleep: its tid word
	 * is cleared, the others go on. */
	start_crowd(NULL);
	thread_tids[5] = -1;
	r = clone_thread(CLONE_THREAD_FLAGS | CLONE_PARENT_SETTID, stack_top(5),
			 &thread_tids[5], returns_arg, (void *)5);
	CHECK(r > 0, "start a thread: %ld", r);
	for (int i = 0; i < 200 && thread_tids[5]; i++)
		msleep(5);
	CHECK(thread_tids[5] == 0, "the ended thread's tid word: %d",
	      thread_tids[5]);
	r = spins;
	msleep(50);
	CHECK(spins > r, "the spinning thread goes on (%ld, %ld)", r, spins);
	tid = thread_tids[0];
	CHECK(tid > 0 && call3(__NR_gettid, 0, 0, 0) == getpid(),
	      "thread ids: %d, main %ld", tid, call3(__NR_gettid, 0, 0, 0));

	/* Whole processes with sleeping threads, ended in every way. */
	status = status_of(crowd_then_exit_group);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "exit_group(42) from the main thread: %#x", status);
	status = status_of(crowd_then_exit_group_from_thread);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 43,
	      "exit_group(43) from a thread: %#x", status);
	status = status_of(crowd_then_fault_in_thread);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a thread's fault ends the process: %#x", status);
	status = status_of(crowd_then_exec_in_thread);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve from a thread: %#x", status);
	status = status_of(main_exits_first);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 43,
	      "the main thread's exit, then exit_group(43): %#x", status);
	(void)before;
}

/* 19 (the part that comes with pipes). Descriptors that name nothing,
 * pipe ends into the kernel, buffers in the kernel, a table filled to
 * RLIMIT_NOFILE, 10^4 pipes made and closed: Linux's errors, and no fd
 * or page left behind (the kernel test counts pages). */
static void bad_fd_calls(void)
{
	static const long bad_fds[] = { -1, 3, 99, 1024, 16384, 1l << 31,
					INT32_MIN };
	char buf[8] = "abcdefg";
	int fds[2] = { -1, -1 }, n = 0, first;
	long r;

	for (unsigned int i = 0; i < sizeof(bad_fds) / sizeof(bad_fds[0]); i++) {
		long fd = bad_fds[i];

		CHECK(call3(__NR_close, fd, 0, 0) == -EBADF, "close(%ld)", fd);
		CHECK(call3(__NR_dup, fd, 0, 0) == -EBADF, "dup(%ld)", fd);
		CHECK(call3(__NR_dup2, fd, 5, 0) == -EBADF, "dup2(%ld, 5)", fd);
		CHECK(call3(__NR_fcntl, fd, F_GETFD, 0) == -EBADF,
		      "fcntl(%ld)", fd);
		CHECK(call3(__NR_read, fd, (long)buf, 1) == -EBADF,
		      "read(%ld)", fd);
		CHECK(call3(__NR_ioctl, fd, 0x5401, 0) == -EBADF,
		      "ioctl(%ld)", fd);
	}
	r = call3(__NR_dup2, 1, 1l << 20, 0);
	CHECK(r == -EBADF, "dup2 beyond RLIMIT_NOFILE = %ld", r);
	r = call3(__NR_dup3, 1, 1, 0);
	CHECK(r == -EINVAL, "dup3 onto itself = %ld", r);
	r = call3(__NR_dup3, 1, 5, 1);
	CHECK(r == -EINVAL, "dup3 with a bad flag = %ld", r);
	r = call3(__NR_fcntl, 1, F_DUPFD, 1l << 20);
	CHECK(r == -EINVAL, "F_DUPFD beyond the limit = %ld", r);
	r = call3(__NR_fcntl, 1, 12345, 0);
	CHECK(r == -EINVAL, "fcntl unknown command = %ld", r);

	/* pipe2's array in the kernel or unmapped: EFAULT, nothing left
	 * open (the next pipe gets fds 3 and 4 again). */
	r = call3(__NR_pipe2, (long)KERNEL_DATA, 0, 0);
	CHECK(r == -EFAULT, "pipe2(kernel address) = %ld", r);
	r = call3(__NR_pipe2, 8, 0, 0);
	CHECK(r == -EFAULT, "pipe2(8) = %ld", r);
	r = call3(__NR_pipe2, (long)fds, 0x1000000, 0);
	CHECK(r == -EINVAL, "pipe2 with a bad flag = %ld", r);
	r = call3(__NR_pipe2, (long)fds, 0, 0);
	CHECK(r == 0 && fds[0] == 3 && fds[1] == 4, "pipe2 = %ld: %d %d", r,
	      fds[0], fds[1]);

	/* Kernel buffers both ways: EFAULT, the pipe unharmed. */
	r = call3(__NR_write, fds[1], (long)KERNEL_DATA, 8);
	CHECK(r == -EFAULT, "write from the kernel = %ld", r);
	r = call3(__NR_write, fds[1], (long)buf, 8);
	CHECK(r == 8, "write = %ld", r);
	r = call3(__NR_read, fds[0], (long)KERNEL_DATA, 8);
	CHECK(r == -EFAULT, "read into the kernel = %ld", r);
	r = call3(__NR_read, fds[0], (long)DIRECT_MAP, 8);
	CHECK(r == -EFAULT, "read into the direct map = %ld", r);
	r = call3(__NR_read, fds[1], (long)buf, 8);
	CHECK(r == -EBADF, "read of the write end = %ld", r);
	r = call3(__NR_write, fds[0], (long)buf, 8);
	CHECK(r == -EBADF, "write of the read end = %ld", r);
	r = call3(__NR_readv, fds[0], (long)KERNEL_DATA, 1);
	CHECK(r == -EFAULT, "readv of a kernel iovec = %ld", r);
	r = call3(__NR_readv, fds[0], (long)buf, -1);
	CHECK(r == -EINVAL, "readv of -1 iovecs = %ld", r);
	r = call3(__NR_read, fds[0], (long)buf, 8);
	CHECK(r == 8 && !memcmp(buf, "abcdefg", 8), "read = %ld", r);
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);

	/* Fill the table: every descriptor up to RLIMIT_NOFILE (1024). */
	first = -1;
	while ((r = call3(__NR_pipe2, (long)fds, 0, 0)) == 0) {
		if (first < 0)
			first = fds[0];
		n += 2;
	}
	CHECK(r == -EMFILE && first == 3,
	      "pipe2 until it fails = %ld, first fd %d", r, first);
	/* 3..1022 in pairs; 1023 is free again after the last pipe2 gave
	 * back its read end. */
	CHECK(n == 1020, "%d descriptors before EMFILE", n);
	r = call3(__NR_dup, 0, 0, 0);
	CHECK(r == 1023, "dup in a nearly full table = %ld", r);
	r = call3(__NR_dup, 0, 0, 0);
	CHECK(r == -EMFILE, "dup in a full table = %ld", r);
	for (int fd = 3; fd < 1024; fd++)
		call3(__NR_close, fd, 0, 0);
	for (int i = 0; i < 10000; i++) {
		r = call3(__NR_pipe2, (long)fds, 0, 0);
		if (r) {
			CHECK(0, "pipe2 round %d = %ld", i, r);
			break;
		}
		call3(__NR_close, fds[0], 0, 0);
		call3(__NR_close, fds[1], 0, 0);
	}
	CHECK(fds[0] == 3, "still fds 3 and 4 after 10^4 pipes: %d", fds[0]);
}

/* 17 (with issue 9). Signals through this entry: a handler runs before
 * a call that sent the signal returns; a timer's signal cuts a sleep
 * short (EINTR) and, with SA_RESTART, restarts a read (never through
 * SYSENTER, whose return address is the caller's: EINTR there); a
 * handler in the kernel half, a frame that cannot be written and
 * forged frames end only the child that tried them. */
struct seed_itimerval {
	struct timeval interval, value;
};

static volatile int handled;
static void on_signal(int sig)
{
	handled = sig;
}

static void forge_rip(int sig, void *info, void *ctx)
{
	(void)sig;
	(void)info;
	((struct ucontext64 *)ctx)->uc_mcontext.rip = KERNEL_TEXT;
}

static int child_status(void (*body)(void))
{
	int status = -1, pid = fork();

	if (pid == 0) {
		body();
		exit(0);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void handler_in_kernel(void)
{
	struct kernel_sigaction a = { KERNEL_TEXT, 0, 0, 0 };

	sigaction(SIGUSR1, &a, NULL);
	call3(__NR_kill, getpid(), SIGUSR1, 0);
}

static void frame_in_kernel(void)
{
	signal(SIGILL, on_signal);
	__asm__ volatile("mov %0, %%rsp\n\tud2" : : "r"(KERNEL_DATA) : "memory");
}

static void forged_frame(void)
{
	struct kernel_sigaction a = { (uint64_t)forge_rip, SA_SIGINFO, 0, 0 };

	sigaction(SIGUSR1, &a, NULL);
	call3(__NR_kill, getpid(), SIGUSR1, 0);
}

static void arm_timer(long ms)
{
	struct seed_itimerval t = { { 0, 0 }, { 0, ms * 1000 } };

	call3(__NR_setitimer, 0 /* ITIMER_REAL */, (long)&t, 0);
}

static void signals_through_entry(void)
{
	struct kernel_sigaction no_restart = { (uint64_t)on_signal, 0, 0, 0 };
	struct timespec t = { 2, 0 }, t0, t1;
	int fds[2], status, pid;
	char c = 0;
	long r;

	signal(SIGUSR1, on_signal);
	handled = 0;
	r = call3(__NR_kill, getpid(), SIGUSR1, 0);
	CHECK(r == 0 && handled == SIGUSR1, "kill self: %ld, handler %d", r,
	      handled);

	sigaction(SIGALRM, &no_restart, NULL);
	handled = 0;
	sys_clock_gettime(CLOCK_MONOTONIC, &t0);
	arm_timer(30);
	r = call3(__NR_nanosleep, (long)&t, 0, 0);
	sys_clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(r == -EINTR && handled == SIGALRM && t1.tv_sec - t0.tv_sec < 2,
	      "a timer cuts nanosleep short: %ld, handler %d", r, handled);

	/* SA_RESTART: the read goes on after the handler, and gets the
	 * byte a child writes 200 ms later. */
	signal(SIGALRM, on_signal);
	sys_pipe2(fds, 0);
	pid = fork();
	if (pid == 0) {
		msleep(200);
		sys_write(fds[1], "x", 1);
		exit(0);
	}
	handled = 0;
	arm_timer(30);
	r = call3(__NR_read, fds[0], (long)&c, 1);
	if (entry == SYSCALL_ENTRY_SYSENTER)
		CHECK(r == -EINTR && handled == SIGALRM,
		      "SA_RESTART through SYSENTER: EINTR (%ld)", r);
	else
		CHECK(r == 1 && c == 'x' && handled == SIGALRM,
		      "SA_RESTART: the read restarted and got %ld", r);
	waitpid(pid, &status, 0);
	sys_close(fds[0]);
	sys_close(fds[1]);

	/* A stop and a SIGCONT in the middle of a sleep are invisible to
	 * it: the kernel restarts it (restart_syscall) to the same end. */
	pid = fork();
	if (pid == 0) {
		struct timespec nap = { 0, 300000000 }, a, b;

		sys_clock_gettime(CLOCK_MONOTONIC, &a);
		r = call3(__NR_nanosleep, (long)&nap, 0, 0);
		sys_clock_gettime(CLOCK_MONOTONIC, &b);
		if (entry == SYSCALL_ENTRY_SYSENTER)
			exit(r == -EINTR ? 0 : 1); /* never restarted */
		exit(r == 0 && (b.tv_sec - a.tv_sec) * 1000000000l +
					       (b.tv_nsec - a.tv_nsec) >=
				       300000000l
			     ? 0
			     : 1);
	}
	msleep(50);
	call3(__NR_kill, pid, SIGSTOP, 0);
	msleep(50);
	call3(__NR_kill, pid, SIGCONT, 0);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "a sleep stopped and continued goes on to its end: %#x",
	      status);

	status = child_status(handler_in_kernel);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a handler in the kernel half: status %#x", status);
	status = child_status(frame_in_kernel);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a frame in the kernel half: status %#x", status);
	status = child_status(forged_frame);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "sigreturn to a kernel RIP: status %#x", status);
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
	else if (!strcmp(c, "clone"))
		bad_clone_calls();
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
