// SPDX-License-Identifier: MIT
/*
 * Loading a program into an address space, and execve.
 *
 * exec_load() maps the ELF image (kernel/proc/elf.c checks it first), makes
 * the stack region and writes the start-up stack that the System V
 * x86-64 psABI (3.4.1) defines, as Linux lays it out:
 *
 *   USER_STACK_TOP ->  8 zero bytes
 *                      the program's name (AT_EXECFN points here)
 *                      environment strings, argument strings
 *                      "x86_64" (AT_PLATFORM), 16 random bytes (AT_RANDOM)
 *                      padding to 16 bytes
 *                      auxv: (type, value) pairs ending with AT_NULL
 *                      envp[0..envc-1], NULL
 *                      argv[0..argc-1], NULL
 *   RSP ->             argc                      (RSP % 16 == 0)
 */
#include <kernel/console.h>
#include <kernel/cpu.h>
#include <kernel/elf.h>
#include <kernel/msr.h>
#include <kernel/multiboot2.h>
#include <kernel/panic.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/segment.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <lib/string.h>
#include <uapi/auxvec.h>
#include <uapi/errno.h>

#define AUXV_ENTRIES 18 /* the pairs below, AT_NULL included */

const struct boot_module *find_module(const char *name)
{
	for (unsigned int i = 0; i < boot_info.module_count; i++)
		if (!strcmp(boot_info.modules[i].name, name))
			return &boot_info.modules[i];
	return NULL;
}

/* Writes the start-up stack from the top down (strings) and from a
 * computed RSP up (words); any failure sticks in err. */
struct stack_writer {
	struct address_space *as;
	uint64_t strings; /* next free byte below, going down */
	uint64_t words;   /* next word, going up */
	int err;
};

static uint64_t push_bytes(struct stack_writer *w, const void *src, size_t n)
{
	w->strings -= n;
	if (!w->err)
		w->err = vm_write(w->as, w->strings, src, n);
	return w->strings;
}

static uint64_t push_string(struct stack_writer *w, const char *s)
{
	return push_bytes(w, s, strlen(s) + 1);
}

static void put_word(struct stack_writer *w, uint64_t v)
{
	if (!w->err)
		w->err = vm_write(w->as, w->words, &v, sizeof(v));
	w->words += 8;
}

static void put_aux(struct stack_writer *w, uint64_t type, uint64_t value)
{
	put_word(w, type);
	put_word(w, value);
}

/* Bytes the strings of @v need, or -E2BIG past EXEC_ARG_BYTES. */
static long strings_size(int n, const char *const v[])
{
	size_t total = 0;

	for (int i = 0; i < n; i++) {
		total += strlen(v[i]) + 1;
		if (total > EXEC_ARG_BYTES)
			return -E2BIG;
	}
	return (long)total;
}

static int build_user_stack(struct address_space *as,
			    const struct elf_info *info, const char *execfn,
			    const struct exec_args *a, uint64_t *sp)
{
	struct stack_writer w = { .as = as, .strings = USER_STACK_TOP - 8 };
	uint64_t execfn_va, platform, random, words, strings_lo, zero = 0;
	long arg_bytes = strings_size(a->argc, a->argv);
	long env_bytes = strings_size(a->envc, a->envp);
	uint8_t rnd[16];

	if (arg_bytes < 0 || env_bytes < 0 ||
	    arg_bytes + env_bytes + strlen(execfn) > EXEC_ARG_BYTES)
		return -E2BIG;
	push_bytes(&w, &zero, 8);
	execfn_va = push_string(&w, execfn);
	/* Strings first, the last one highest; their addresses are then
	 * known by adding up the lengths from the lowest. */
	for (int i = a->envc - 1; i >= 0; i--)
		push_string(&w, a->envp[i]);
	for (int i = a->argc - 1; i >= 0; i--)
		push_string(&w, a->argv[i]);
	strings_lo = w.strings;
	as->arg_start = strings_lo; /* for /proc/PID/cmdline and environ */
	as->arg_end = as->env_start = strings_lo + (uint64_t)arg_bytes;
	as->env_end = as->env_start + (uint64_t)env_bytes;
	platform = push_string(&w, "x86_64");
	random_bytes(rnd, sizeof(rnd));
	random = push_bytes(&w, rnd, sizeof(rnd));

	words = 1 + (uint64_t)a->argc + 1 + (uint64_t)a->envc + 1 +
		2 * AUXV_ENTRIES;
	w.words = (w.strings - words * 8) & ~15ul;
	*sp = as->start_stack = w.words;

	put_word(&w, (uint64_t)a->argc);
	for (uint64_t va = strings_lo, i = 0; i < (uint64_t)a->argc; i++) {
		put_word(&w, va);
		va += strlen(a->argv[i]) + 1;
	}
	put_word(&w, 0);
	for (uint64_t va = strings_lo + (uint64_t)arg_bytes, i = 0;
	     i < (uint64_t)a->envc; i++) {
		put_word(&w, va);
		va += strlen(a->envp[i]) + 1;
	}
	put_word(&w, 0);
	put_aux(&w, AT_HWCAP, cpuid(1).edx);
	put_aux(&w, AT_PAGESZ, PAGE_SIZE);
	put_aux(&w, AT_CLKTCK, TIMER_HZ);
	put_aux(&w, AT_PHDR, info->phdr);
	put_aux(&w, AT_PHENT, sizeof(Elf64_Phdr));
	put_aux(&w, AT_PHNUM, info->phnum);
	put_aux(&w, AT_BASE, 0); /* no interpreter */
	put_aux(&w, AT_FLAGS, 0);
	put_aux(&w, AT_ENTRY, info->entry);
	put_aux(&w, AT_UID, 0); /* everyone is root here */
	put_aux(&w, AT_EUID, 0);
	put_aux(&w, AT_GID, 0);
	put_aux(&w, AT_EGID, 0);
	put_aux(&w, AT_SECURE, 0);
	put_aux(&w, AT_RANDOM, random);
	put_aux(&w, AT_EXECFN, execfn_va);
	put_aux(&w, AT_PLATFORM, platform);
	put_aux(&w, AT_NULL, 0);
	if (w.words > w.strings)
		panic("exec: AUXV_ENTRIES is smaller than the auxv written");
	return w.err;
}

/* The rest of exec_load once the loader has said @why (NULL: loaded). */
static int exec_finish(struct address_space *as, const char *name,
		       const char *why, const struct exec_args *args,
		       struct exec_image *out)
{
	int err;

	if (why) {
		color_printk(RED, BLACK, "exec %s: rejected: %s\n", name, why);
		return -ENOEXEC;
	}
	if (args->argc < 0 || args->envc < 0 ||
	    args->argc + args->envc > EXEC_MAX_STRINGS)
		return -E2BIG;
	/* The page below the stack region stays unmapped: a guard. */
	if (vma_add(as, USER_STACK_BOTTOM, USER_STACK_TOP,
		    PROT_READ | PROT_WRITE, VMA_STACK))
		return -ENOMEM;
	err = build_user_stack(as, &out->elf, name, args, &out->sp);
	return err == -EFAULT ? -ENOMEM : err;
}

int exec_load(struct address_space *as, const char *name, const void *image,
	      size_t size, const struct exec_args *args, struct exec_image *out)
{
	return exec_finish(as, name, elf_load(as, image, size, &out->elf), args,
			   out);
}

int exec_load_file(struct address_space *as, const char *path,
		   struct inode *file, const struct exec_args *args,
		   struct exec_image *out)
{
	return exec_finish(as, path, elf_load_file(as, file, &out->elf), args,
			   out);
}

/**
 * exec_lookup - the program file @path names, for execve: a regular file
 * with an execute bit, with a reference, and in *@name the name it was
 * found by (for /proc/PID/exe; NULL if there is none). -ENOENT, -EACCES
 * (a directory, a device, no x bit), -ENOTDIR, -ELOOP, ...
 */
int exec_lookup(const char *path, struct inode **res, struct dentry **name)
{
	struct inode *ino;
	int err = path_lookup_name(AT_FDCWD, path, LOOKUP_FOLLOW, &ino, name);

	if (err)
		return err;
	if (!S_ISREG(ino->mode) || !(ino->mode & 0111)) {
		iput(ino);
		dentry_free(*name);
		*name = NULL;
		return -EACCES;
	}
	*res = ino;
	return 0;
}

/* The last component of @path: a process's name. */
const char *exec_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* A program starts with every register zero but RSP, RFLAGS = 0x202. */
void start_frame(struct pt_regs *regs, uint64_t entry, uint64_t sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = entry;
	regs->cs = USER_CS;
	regs->rflags = RFLAGS_IF | RFLAGS_FIXED;
	regs->rsp = sp;
	regs->ss = USER_DS;
}

/* Copy a NUL-terminated user string of at most @size - 1 bytes. */
static long copy_string(char *dst, uint64_t src, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		if (copy_from_user(&dst[i], src + i, 1))
			return -EFAULT;
		if (!dst[i])
			return (long)i;
	}
	return -E2BIG;
}

/*
 * execve's copy of the new program's arguments and environment. One is
 * enough: the kernel runs one system call at a time and execve does not
 * sleep between copying the strings in and writing them to the new stack.
 */
static struct {
	char strings[EXEC_ARG_BYTES];
	const char *v[EXEC_MAX_STRINGS];
} exec_scratch;

/* Copy the NULL-terminated vector at user address @uv; *n counts it. */
static long copy_vector(uint64_t uv, const char **v, int room, size_t *used,
			int *n)
{
	for (*n = 0; uv; (*n)++) {
		uint64_t p;
		long len;

		if (copy_from_user(&p, uv + 8 * (uint64_t)*n, 8))
			return -EFAULT;
		if (!p)
			break;
		if (*n == room)
			return -E2BIG;
		len = copy_string(exec_scratch.strings + *used, p,
				  EXEC_ARG_BYTES - *used);
		if (len < 0)
			return len;
		v[*n] = exec_scratch.strings + *used;
		*used += (size_t)len + 1;
	}
	return 0;
}

/*
 * execve in a process with other threads ends them first, as Linux does
 * (de_thread()): they end quietly, and the caller becomes the process's
 * only thread and takes over its process id, parent and children. 0, or
 * -EINTR if the caller itself was killed meanwhile.
 */
static long become_single_threaded(void)
{
	struct process *leader = current->leader;

	if (leader->threads == 1)
		return 0;
	kill_other_threads();
	while (leader->threads > 1) {
		if (current->killed)
			return -EINTR;
		sleep_on(&leader->threads); /* thread_exit() wakes it */
	}
	if (leader == current)
		return 0;
	/* The old leader is a zombie now: its identity passes to us, its
	 * pid, parent, children and group with their lists (kernel/proc/pid.c). */
	proc_take_place(current, leader);
	current->start_ns = leader->start_ns; /* as Linux's de_thread() */
	current->report = leader->report;
	current->result = leader->result;
	current->sid = leader->sid;
	current->has_tty = leader->has_tty;
	current->umask = leader->umask;
	iput(current->cwd);
	current->cwd = iget(leader->cwd);
	memcpy(current->rlimits, leader->rlimits, sizeof(current->rlimits));
	/* The process's timer is the process's: it stays armed. */
	if (leader->alarm_at) {
		uint64_t at = leader->alarm_at, every = leader->alarm_interval;

		signal_timer_cancel(leader);
		signal_timer_move(current, at, every);
	}
	sched_note_zombie(leader); /* nobody waits for it */
	return 0;
}

/* Replace the current program with the one in @file, which @path named
 * (and the walk found by @file_name, which passes to the new memory on
 * success); 0 or -errno. */
static long exec_file(struct pt_regs *regs, const char *path,
		      struct inode *file, struct dentry *file_name,
		      const struct exec_args *args)
{
	const char *name = exec_basename(path);
	struct address_space *as;
	struct exec_image img;
	long n;

	as = vm_new();
	if (!as)
		return -ENOMEM;
	n = exec_load_file(as, path, file, args, &img);
	if (!n)
		n = become_single_threaded();
	if (!n)
		n = fd_table_exec(&current->files); /* close-on-exec */
	if (!n)
		n = sighand_exec(&current->sighand); /* handlers to default */
	if (n) {
		vm_put(as);
		return n;
	}
	/* The old memory may be shared (vfork, or threads that just ended):
	 * let go of it, and let a vfork parent run again. */
	proc_clear_child_tid(current);
	vm_set_exe(as, file, file_name);
	vm_activate(as);
	vm_put(current->as);
	current->as = as;
	vfork_release(current);
	exec_set_process(current, name, &img);
	start_frame(regs, img.elf.entry, img.sp);
	current->frame_replaced = true;
	return 0;
}

/**
 * exec_set_process - what a new program resets in its process: brk, TLS
 * bases, robust futex list, FPU state, name and system call table (ABI);
 * and it marks the process as one that has run execve (for setpgid)
 */
void exec_set_process(struct process *p, const char *name,
		      const struct exec_image *img)
{
	p->as->brk_start = p->as->brk = img->elf.heap_start;
	p->fs_base = p->gs_base = 0;
	p->altstack_sp = p->altstack_size = 0;
	p->altstack_autodisarm = 0;
	p->robust_list = 0; /* it lived in the old program's memory */
	p->did_exec = true;
	p->leader->undumpable = false; /* a new program may dump core again */
	p->abi = img->elf.seed_abi ? ABI_SEED : ABI_LINUX;
	p->syscall_table = syscall_table_for(p);
	if (p == current)
		tls_switch_to(p);
	fpu_reset(p);
	strlcpy(p->name, name, sizeof(p->name));
}

/*
 * Scripts: a file that starts with "#!interpreter [argument]" runs as
 * the interpreter with the argument (if any) and the script's path in
 * front of the script's arguments (argv[0] gives way to the path), as
 * Linux's binfmt_script does: the line is at most 256 bytes, the one
 * argument is the rest of the line (spaces inside kept, those around
 * it not), and an interpreter may itself be a script, four deep at most
 * (ELOOP beyond).
 */
#define SCRIPT_LINE_MAX 256
#define SCRIPT_DEPTH_MAX 4

static struct {
	char interp[SCRIPT_LINE_MAX], arg[SCRIPT_LINE_MAX];
} script_line[SCRIPT_DEPTH_MAX + 1];

/* 1 with the line in @s, 0 for a file that is not a script, -ENOEXEC
 * for a "#!" line with no interpreter or too long to hold it. */
static int read_script_line(struct inode *file, int depth)
{
	char line[SCRIPT_LINE_MAX + 1], *p, *q, *end;
	long n = inode_read(file, line, SCRIPT_LINE_MAX, 0);

	if (n < 2 || line[0] != '#' || line[1] != '!')
		return 0;
	line[n] = '\0';
	end = strchr(line, '\n');
	if (end)
		*end = '\0';
	else if (n == SCRIPT_LINE_MAX)
		return -ENOEXEC; /* the line does not fit: Linux refuses too */
	for (p = line + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	for (q = p; *q && *q != ' ' && *q != '\t'; q++)
		;
	if (*q)
		*q++ = '\0';
	strlcpy(script_line[depth].interp, p, SCRIPT_LINE_MAX);
	while (*q == ' ' || *q == '\t')
		q++;
	end = q + strlen(q);
	while (end > q && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	strlcpy(script_line[depth].arg, q, SCRIPT_LINE_MAX);
	return 1;
}

/*
 * Follow "#!" lines from @file (which @path named): on return *@file is
 * the program to load (its reference held), *@name its name, and @args
 * has the interpreters' words in front. 0 or -errno.
 */
static long follow_scripts(const char *path, struct inode **file,
			   struct dentry **name, struct exec_args *args)
{
	const char **v = exec_scratch.v;

	for (int depth = 0;; depth++) {
		int extra, keep, r = read_script_line(*file, depth);
		struct inode *interp;
		struct dentry *interp_name;

		if (r <= 0)
			return r;
		if (depth == SCRIPT_DEPTH_MAX)
			return -ELOOP;
		/* [interp, arg?, path, argv[1]...], then the environment. */
		extra = script_line[depth].arg[0] ? 2 : 1;
		keep = args->argc ? args->argc - 1 : 0;
		if (extra + 1 + keep + args->envc > EXEC_MAX_STRINGS)
			return -E2BIG;
		r = exec_lookup(script_line[depth].interp, &interp,
				&interp_name);
		if (r)
			return r;
		iput(*file);
		*file = interp;
		dentry_free(*name);
		*name = interp_name;
		memmove(v + extra + 1, v + (args->argc ? 1 : 0),
			(size_t)(keep + args->envc) * sizeof(*v));
		v[0] = script_line[depth].interp;
		if (extra == 2)
			v[1] = script_line[depth].arg;
		v[extra] = depth ? script_line[depth - 1].interp : path;
		args->argc = extra + 1 + keep;
		args->argv = v;
		args->envp = v + args->argc;
	}
}

/**
 * exec_scripts - for the kernel's own start of a program (init=): the
 * vectors of @in go to execve's scratch space and "#!" lines are
 * followed as execve follows them, so that init may be a script.
 * *@file may change to an interpreter; @out gets the vectors. 0 or -errno.
 */
int exec_scripts(const char *path, struct inode **file, struct dentry **name,
		 const struct exec_args *in, struct exec_args *out)
{
	if (in->argc < 0 || in->envc < 0 ||
	    in->argc + in->envc > EXEC_MAX_STRINGS)
		return -E2BIG;
	memcpy(exec_scratch.v, in->argv, (size_t)in->argc * sizeof(char *));
	memcpy(exec_scratch.v + in->argc, in->envp,
	       (size_t)in->envc * sizeof(char *));
	*out = (struct exec_args){ in->argc, in->envc, exec_scratch.v,
				   exec_scratch.v + in->argc };
	return (int)follow_scripts(path, file, name, out);
}

/**
 * sys_execve - execve(path, argv, envp): replace this process's program
 * with the one in the file @path names (relative paths from the working
 * directory; nothing searches PATH, which is the C library's work), with
 * the arguments and environment given. On success the call does not
 * return: the process starts the new program with a fresh frame. On
 * failure nothing has changed.
 */
long sys_execve(struct pt_regs *regs)
{
	char *path = path_alloc();
	struct inode *file = NULL;
	struct dentry *name = NULL;
	struct exec_args args;
	size_t used = 0;
	long n;

	if (!path)
		return -ENOMEM;
	/* Linux finds the file before it reads argv and envp. */
	n = path_from_user(path, regs->rdi, false);
	if (!n)
		n = exec_lookup(path, &file, &name);
	if (!n)
		n = copy_vector(regs->rsi, exec_scratch.v, EXEC_MAX_STRINGS,
				&used, &args.argc);
	if (!n) {
		args.argv = exec_scratch.v;
		args.envp = exec_scratch.v + args.argc;
		n = copy_vector(regs->rdx, exec_scratch.v + args.argc,
				EXEC_MAX_STRINGS - args.argc, &used, &args.envc);
	}
	if (!n)
		n = follow_scripts(path, &file, &name, &args);
	if (!n)
		n = exec_file(regs, path, file, name, &args);
	if (n)
		dentry_free(name);
	iput(file);
	path_free(path);
	return n;
}
