// SPDX-License-Identifier: MIT
/*
 * bench: instructions per system call round trip, per entry.
 *
 * Run by `make bench` under QEMU's -icount shift=0,sleep=off, where the
 * TSC advances by exactly one per instruction, so RDTSC differences are
 * instruction counts. For each entry the CPU offers it runs the same loop
 * three ways:
 *
 *   loop     the loop alone: set up the registers, count down
 *   null     plus the entry instruction, calling getpid through the
 *            kernel's whole path
 *   floor    plus the entry instruction, with the kernel's entry pointed
 *            at a bare stub that returns at once (benchmark builds only)
 *
 * and prints the per-call counts with the loop subtracted and the ratio
 * null / floor. Then the cost of processes, in the same boot:
 *
 *   yield    sched_yield with no other process: into the scheduler and
 *            straight back (the floor of a switch)
 *   switch   sched_yield ping-pong between two processes, per switch
 *   fork     fork + exit + wait4 of a child that exits at once
 *   fpu      the switch ping-pong again, both processes using an SSE
 *            register between yields: what saving and loading the
 *            FPU/SSE state adds to a switch (make bench boots once with
 *            fpu=eager, the default, and once with fpu=lazy)
 *   mmap     mmap + touch + munmap of one anonymous page: a region
 *            made, a page fault that brings in a zeroed page, both gone
 *   thread   clone of a thread that ends at once + the join (a futex
 *            wait on its tid word, which the kernel clears and wakes
 *            when it ends), beside fork+exit+wait4 of a process: what
 *            sharing the address space saves
 *   signal   kill of the process itself + its handler + sigreturn: a
 *            signal frame written and read back, beside a null call
 *   forkmem  fork + exit + wait4 of a process that has touched 1, 16
 *            and 64 MiB of private memory: what the copy costs as the
 *            process grows (copy-on-write: its upper page tables; the
 *            page tables and the pages are shared)
 *   exec     fork + execve of /bin/busybox as `true` + wait4: a 2 MiB
 *            program, whose pages execve maps from the file; each must
 *            exit 0
 */
#include "user.h"

#include <uapi/fcntl.h>
#include <uapi/stat.h>

#include <uapi/futex.h>
#include <uapi/mman.h>
#include <uapi/sched.h>

#define ROUNDS 10000

static const char *fpu_mode = "eager"; /* what the kernel was told */

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* The loop body of each entry, with or without the entry instruction. */
#define SYSCALL_BODY(insn) "movl %[nr], %%eax\n\t" insn "\n\t"
#define INT80_BODY(insn) "movl %[nr], %%eax\n\t" insn "\n\t"
#define SYSENTER_BODY(insn)                                                    \
	"movl %[nr], %%eax\n\t"                                                \
	"leaq 2f(%%rip), %%rdx\n\t"                                            \
	"movq %%rsp, %%rcx\n\t" insn "\n"                                      \
	"2:\n\t"

#define TIMED_LOOP(body)                                                       \
	({                                                                     \
		register long n_ __asm__("r12") = ROUNDS;                      \
		uint64_t t0_ = rdtsc();                                        \
		__asm__ volatile("1:\n\t" body "decq %[n]\n\t"                 \
				 "jnz 1b"                                      \
				 : [n] "+r"(n_)                                \
				 : [nr] "i"(__NR_getpid)                       \
				 : "rax", "rcx", "rdx", "r11", "memory");      \
		rdtsc() - t0_;                                                 \
	})

static uint64_t run_loop(unsigned int entry, int with_insn)
{
	switch (entry) {
	case SYSCALL_ENTRY_SYSCALL:
		return with_insn ? TIMED_LOOP(SYSCALL_BODY("syscall"))
				 : TIMED_LOOP(SYSCALL_BODY(""));
	case SYSCALL_ENTRY_SYSENTER:
		return with_insn ? TIMED_LOOP(SYSENTER_BODY("sysenter"))
				 : TIMED_LOOP(SYSENTER_BODY(""));
	default:
		return with_insn ? TIMED_LOOP(INT80_BODY("int $0x80"))
				 : TIMED_LOOP(INT80_BODY(""));
	}
}

/* Switch the floor on or off through an entry other than @entry. */
static long set_floor(unsigned int entry, unsigned int floor)
{
	unsigned int via = entry == SYSCALL_ENTRY_INT80 ? SYSCALL_ENTRY_SYSCALL
							: SYSCALL_ENTRY_INT80;

	return syscall_via(via, __NR_bench_floor, floor, 0, 0, 0, 0, 0);
}

static uint64_t yield_loop(long n)
{
	uint64_t t0 = rdtsc();

	for (long i = 0; i < n; i++)
		sys_sched_yield();
	return rdtsc() - t0;
}

#define PROC_ROUNDS 1000

static void process_costs(void)
{
	uint64_t alone, pingpong, forks, t0;
	int pid;

	alone = yield_loop(PROC_ROUNDS);
	pid = fork();
	if (pid == 0) {
		yield_loop(PROC_ROUNDS);
		exit(0);
	}
	/* Each of our yields runs the child's loop once and comes back:
	 * two switches per round. */
	pingpong = yield_loop(PROC_ROUNDS);
	waitpid(pid, NULL, 0);

	t0 = rdtsc();
	for (int i = 0; i < 100; i++) {
		pid = fork();
		if (pid == 0)
			exit(0);
		waitpid(pid, NULL, 0);
	}
	forks = rdtsc() - t0;

	printf("bench: yield    alone %lu  (sched_yield, no other process)\n",
	       alone / PROC_ROUNDS);
	printf("bench: switch   %lu per switch  (yield ping-pong, 2 processes)\n",
	       pingpong / PROC_ROUNDS / 2);
	printf("bench: fork     %lu per fork+exit+wait4\n", forks / 100);
}

#define FORKMEM_ROUNDS 10

/* fork+exit+wait4 with @mib MiB of private memory touched. */
static uint64_t fork_with(long mib)
{
	long len = mib << 20;
	char *p = (char *)sys_mmap(NULL, (unsigned long)len,
				   PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t t0;
	int pid;

	if ((long)p < 0)
		return 0;
	for (long off = 0; off < len; off += 4096)
		p[off] = 1;
	t0 = rdtsc();
	for (int i = 0; i < FORKMEM_ROUNDS; i++) {
		pid = fork();
		if (pid == 0)
			exit(0);
		waitpid(pid, NULL, 0);
	}
	t0 = rdtsc() - t0;
	sys_munmap(p, (unsigned long)len);
	return t0 / FORKMEM_ROUNDS;
}

static void forkmem_costs(void)
{
	uint64_t one = fork_with(1), sixteen = fork_with(16),
		 sixtyfour = fork_with(64);

	printf("bench: forkmem  1 MiB %lu  16 MiB %lu  64 MiB %lu  per "
	       "fork+exit+wait4 of a process that touched that much\n",
	       one, sixteen, sixtyfour);
}

/* sched_yield @n times, with an SSE instruction before each: the
 * process's FPU state is live at every switch. */
static uint64_t yield_loop_sse(long n)
{
	uint64_t t0 = rdtsc();

	for (long i = 0; i < n; i++) {
		/* No clobber: this program is built without SSE, so the
		 * compiler keeps nothing in %xmm0 (and may not name it). */
		__asm__ volatile("addpd %xmm0, %xmm0");
		sys_sched_yield();
	}
	return rdtsc() - t0;
}

static void fpu_costs(void)
{
	uint64_t plain, sse;
	int pid;

	pid = fork();
	if (pid == 0) {
		yield_loop(PROC_ROUNDS);
		exit(0);
	}
	plain = yield_loop(PROC_ROUNDS);
	waitpid(pid, NULL, 0);
	pid = fork();
	if (pid == 0) {
		yield_loop_sse(PROC_ROUNDS);
		exit(0);
	}
	sse = yield_loop_sse(PROC_ROUNDS);
	waitpid(pid, NULL, 0);
	printf("bench: fpu      switch %lu, with SSE in use %lu  (%s switching)\n",
	       plain / PROC_ROUNDS / 2, sse / PROC_ROUNDS / 2, fpu_mode);
}


static void mmap_costs(void)
{
	uint64_t t0 = rdtsc();

	for (int i = 0; i < PROC_ROUNDS; i++) {
		long p = sys_mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p < 0) {
			printf("bench: mmap failed: %ld\n", p);
			exit(1);
		}
		*(volatile char *)p = 1;
		sys_munmap((void *)p, 4096);
	}
	printf("bench: mmap     %lu per mmap+touch+munmap of one page\n",
	       (rdtsc() - t0) / PROC_ROUNDS);
}

static uint8_t thread_stack[16384] __attribute__((aligned(16)));

static int thread_returns(void *arg)
{
	(void)arg;
	return 0;
}

static void thread_costs(void)
{
	static volatile int tid;
	uint64_t t0 = rdtsc(), threads, forks;
	int pid;

	for (int i = 0; i < PROC_ROUNDS; i++) {
		/* Non-zero until the thread's end zeroes it: the child writes
		 * its tid only when it first runs (CLONE_CHILD_SETTID), and a
		 * word still 0 then would let us go on without waiting. */
		tid = -1;
		long t = clone_thread(CLONE_VM | CLONE_FS | CLONE_FILES |
					      CLONE_SIGHAND | CLONE_THREAD |
					      CLONE_SYSVSEM | CLONE_CHILD_SETTID |
					      CLONE_CHILD_CLEARTID,
				      thread_stack + sizeof(thread_stack),
				      (int *)&tid, thread_returns, NULL);

		if (t < 0) {
			printf("bench: clone failed: %ld\n", t);
			exit(1);
		}
		/* pthread_join's wait: until the kernel zeroes the word. */
		while (tid)
			sys_futex((uint32_t *)&tid, FUTEX_WAIT, (uint32_t)tid,
				  NULL, NULL, 0);
	}
	threads = rdtsc() - t0;
	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++) {
		pid = fork();
		if (pid == 0)
			exit(0);
		waitpid(pid, NULL, 0);
	}
	forks = rdtsc() - t0;
	printf("bench: thread   %lu per clone+exit+join, fork+exit+wait4 %lu"
	       "  (%lu.%02lu times the thread)\n",
	       threads / PROC_ROUNDS, forks / PROC_ROUNDS, forks / threads,
	       forks * 100 / threads % 100);
}

static volatile long signals_handled;

static void on_usr1(int sig)
{
	(void)sig;
	signals_handled++;
}

static void signal_costs(void)
{
	uint64_t t0;
	int self = getpid();

	signal(10 /* SIGUSR1 */, on_usr1);
	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++)
		sys_kill(self, 10);
	printf("bench: signal   %lu per kill+handler+sigreturn (%ld handled)\n",
	       (rdtsc() - t0) / PROC_ROUNDS, signals_handled);
}

/*
 * The file system and pipes: open+close and stat of /etc/hostname, a
 * 4 KiB pread of a file in memory, and a 1-byte round trip through two
 * pipes between two processes. Each result is checked, and the row says
 * how many of the rounds gave the right answer.
 */
static void file_costs(void)
{
	static char page[4096], back[4096];
	uint64_t t_open, t_stat, t_read, t_pipe, t0;
	int ok_open = 0, ok_stat = 0, ok_read = 0, ok_pipe = 0;
	int to_child[2], to_parent[2], pid;
	struct stat st;
	long fd;

	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++) {
		fd = sys_open("/etc/hostname", O_RDONLY, 0);
		ok_open += fd >= 0 && sys_close((int)fd) == 0;
	}
	t_open = rdtsc() - t0;

	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++)
		ok_stat += sys_stat("/etc/hostname", &st) == 0 &&
			   S_ISREG(st.st_mode) && st.st_size == 9;
	t_stat = rdtsc() - t0;

	for (int i = 0; i < 4096; i++)
		page[i] = (char)(i * 13);
	fd = sys_open("/tmp/bench.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
	sys_write((int)fd, page, sizeof(page));
	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++)
		ok_read += sys_pread64((int)fd, back, sizeof(back), 0) == 4096 &&
			   back[4095] == page[4095];
	t_read = rdtsc() - t0;
	sys_close((int)fd);
	sys_unlink("/tmp/bench.dat");
	if (memcmp(page, back, sizeof(page)))
		ok_read = 0;

	sys_pipe2(to_child, 0);
	sys_pipe2(to_parent, 0);
	pid = fork();
	if (pid == 0) {
		char c;

		/* Its copy of the write end would keep it from ever
		 * seeing the end of the file. */
		sys_close(to_child[1]);
		sys_close(to_parent[0]);
		while (sys_read(to_child[0], &c, 1) == 1) {
			c++;
			sys_write(to_parent[1], &c, 1);
		}
		exit(0);
	}
	t0 = rdtsc();
	for (int i = 0; i < PROC_ROUNDS; i++) {
		char c = (char)i, got = 0;

		sys_write(to_child[1], &c, 1);
		ok_pipe += sys_read(to_parent[0], &got, 1) == 1 &&
			   got == (char)(c + 1);
	}
	t_pipe = rdtsc() - t0;
	sys_close(to_child[1]); /* the child reads end of file and exits */
	waitpid(pid, NULL, 0);
	sys_close(to_child[0]);
	sys_close(to_parent[0]);
	sys_close(to_parent[1]);

	printf("bench: open     %lu per open+close  (%d of %d right)\n",
	       t_open / PROC_ROUNDS, ok_open, PROC_ROUNDS);
	printf("bench: stat     %lu per stat  (%d of %d right)\n",
	       t_stat / PROC_ROUNDS, ok_stat, PROC_ROUNDS);
	printf("bench: read     %lu per 4 KiB pread of a file  (%d of %d right)\n",
	       t_read / PROC_ROUNDS, ok_read, PROC_ROUNDS);
	printf("bench: pipe     %lu per 1-byte round trip, 2 processes  "
	       "(%d of %d right)\n",
	       t_pipe / PROC_ROUNDS, ok_pipe, PROC_ROUNDS);
}

#define EXEC_ROUNDS 20

/* fork + execve of busybox as `true` + wait4, each checked. */
static void exec_costs(void)
{
	char *argv[] = { "true", NULL }; /* busybox runs the applet it names */
	char *envp[] = { NULL };
	uint64_t t0 = rdtsc();
	int right = 0;

	for (int i = 0; i < EXEC_ROUNDS; i++) {
		int status = -1, pid = fork();

		if (pid == 0) {
			execve("/bin/busybox", argv, envp);
			exit(98);
		}
		/* Exit status 0 is a wait status of 0. */
		if (pid > 0 && waitpid(pid, &status, 0) == pid && status == 0)
			right++;
	}
	printf("bench: exec     %lu per fork+execve of busybox true+wait4"
	       "  (%d of %d right)\n",
	       (rdtsc() - t0) / EXEC_ROUNDS, right, EXEC_ROUNDS);
}

int main(int argc, char **argv)
{
	static const unsigned int entries[] = { SYSCALL_ENTRY_SYSCALL,
						SYSCALL_ENTRY_SYSENTER,
						SYSCALL_ENTRY_INT80 };
	unsigned int offered = syscall_entries_offered();

	if (argc > 1 && !strcmp(argv[1], "lazy"))
		fpu_mode = "lazy";
	syscall_use_entry(SYSCALL_ENTRY_INT80);
	if (set_floor(SYSCALL_ENTRY_SYSCALL, 0) < 0) {
		printf("bench: not a benchmark build (make bench builds one)\n");
		return 1;
	}
	printf("bench: %d round trips per measurement, counts in instructions\n",
	       ROUNDS);
	for (unsigned int i = 0; i < 3; i++) {
		unsigned int e = entries[i];
		uint64_t loop, null, floor;

		if (!(offered & e)) {
			printf("bench: %-8s not available on this CPU\n",
			       syscall_entry_name(e));
			continue;
		}
		loop = run_loop(e, 0);
		null = run_loop(e, 1) - loop;
		set_floor(e, e);
		floor = run_loop(e, 1) - loop;
		set_floor(e, 0);
		printf("bench: %-8s loop %lu.%02lu  null %lu.%02lu  floor %lu.%02lu"
		       "  ratio %lu.%02lu\n",
		       syscall_entry_name(e), loop / ROUNDS,
		       loop % ROUNDS / (ROUNDS / 100), null / ROUNDS,
		       null % ROUNDS / (ROUNDS / 100), floor / ROUNDS,
		       floor % ROUNDS / (ROUNDS / 100), null / floor,
		       null * 100 / floor % 100);
	}
	syscall_use_entry(SYSCALL_ENTRY_SYSCALL);
	process_costs();
	fpu_costs();
	mmap_costs();
	thread_costs();
	signal_costs();
	file_costs();
	forkmem_costs();
	exec_costs();
	return 0;
}
