// SPDX-License-Identifier: MIT
/*
 * Loading a program into an address space, and execve.
 *
 * exec_load() maps the ELF image (kernel/elf.c checks it first) and a
 * stack holding argc and argv as the System V x86-64 psABI (3.4.1) lays
 * them out: at RSP argc, then argv[0..argc-1], NULL, an empty envp (NULL)
 * and an empty auxv (AT_NULL); the strings above them.
 */
#include <kernel/console.h>
#include <kernel/elf.h>
#include <kernel/heap.h>
#include <kernel/msr.h>
#include <kernel/multiboot2.h>
#include <kernel/proc.h>
#include <kernel/segment.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

const struct boot_module *find_module(const char *name)
{
	for (unsigned int i = 0; i < boot_info.module_count; i++)
		if (!strcmp(boot_info.modules[i].name, name))
			return &boot_info.modules[i];
	return NULL;
}

/* Everything must fit in the stack's top page. Returns the RSP, or 0. */
static uint64_t build_user_stack(uint64_t top_page_phys, int argc,
				 const char *const argv[])
{
	char *page = PHYS_TO_VIRT(top_page_phys);
	uint64_t page_va = USER_STACK_TOP - PAGE_SIZE;
	uint64_t str_off = PAGE_SIZE, argv_va[PROC_MAX_ARGS];
	uint64_t words = 1 + argc + 1 + 1 + 2, sp_off, *w;

	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		if (len > str_off / 2)
			return 0;
		str_off -= len;
		memcpy(page + str_off, argv[i], len);
		argv_va[i] = page_va + str_off;
	}
	sp_off = (str_off - words * 8) & ~(uint64_t)15;
	if (sp_off < 64)
		return 0;
	w = (uint64_t *)(page + sp_off);
	*w++ = (uint64_t)argc;
	for (int i = 0; i < argc; i++)
		*w++ = argv_va[i];
	*w++ = 0; /* end of argv */
	*w++ = 0; /* envp */
	*w++ = 0; /* auxv: AT_NULL */
	*w++ = 0;
	return page_va + sp_off;
}

int exec_load(struct address_space *as, const char *name, const void *image,
	      size_t size, int argc, const char *const argv[], uint64_t *entry,
	      uint64_t *sp, uint64_t *brk)
{
	const char *why = elf_load(as, image, size, entry);
	uint64_t top = 0;

	if (why) {
		color_printk(RED, BLACK, "exec %s: rejected: %s\n", name, why);
		return -ENOEXEC;
	}
	if (argc < 0 || argc > PROC_MAX_ARGS)
		return -E2BIG;
	/* The page below the lowest stack page stays unmapped: a guard. */
	for (unsigned int i = 1; i <= USER_STACK_PAGES; i++) {
		uint64_t pa = vm_map_new_page(as, USER_STACK_TOP - i * PAGE_SIZE,
					      VM_WRITE);
		if (!pa)
			return -ENOMEM;
		if (i == 1)
			top = pa;
	}
	*sp = build_user_stack(top, argc, argv);
	*brk = elf_heap_start(image);
	return *sp ? 0 : -E2BIG;
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

/**
 * sys_execve - execve(name, argv, envp): replace this process's program
 * with the boot module @name. envp is ignored (programs get an empty
 * environment). On success the call does not return: the process starts
 * the new program with a fresh frame. On failure nothing has changed.
 */
/* Copy the argument vector at user address @uargv into @strings. */
static long exec_args(char *strings, uint64_t uargv, const char **argv,
		      int *argc)
{
	size_t used = 0;
	long n;

	for (*argc = 0; uargv; (*argc)++) {
		uint64_t p;

		if (copy_from_user(&p, uargv + 8 * (uint64_t)*argc, 8))
			return -EFAULT;
		if (!p)
			break;
		if (*argc == PROC_MAX_ARGS)
			return -E2BIG;
		n = copy_string(strings + used, p, PROC_ARG_BYTES - used);
		if (n < 0)
			return n;
		argv[*argc] = strings + used;
		used += (size_t)n + 1;
	}
	return 0;
}

/* Replace the current program with module @name; 0 or -errno. */
static long exec_module(struct pt_regs *regs, const char *name, int argc,
			const char *const argv[])
{
	const struct boot_module *m = find_module(name);
	struct address_space as, old;
	uint64_t entry, sp, brk;
	long n;

	if (!m)
		return -ENOENT;
	if (!vm_create(&as))
		return -ENOMEM;
	n = exec_load(&as, name, PHYS_TO_VIRT(m->start), m->end - m->start,
		      argc, argv, &entry, &sp, &brk);
	if (n) {
		vm_destroy(&as);
		return n;
	}
	old = current->as;
	current->as = as;
	vm_activate(&current->as);
	vm_destroy(&old);
	current->brk_start = current->brk = brk;
	strlcpy(current->name, name, sizeof(current->name));
	start_frame(regs, entry, sp);
	current->frame_replaced = true;
	return 0;
}

/**
 * sys_execve - execve(name, argv, envp): replace this process's program
 * with the boot module @name. envp is ignored (programs get an empty
 * environment). On success the call does not return: the process starts
 * the new program with a fresh frame. On failure nothing has changed.
 */
long sys_execve(struct pt_regs *regs)
{
	char name[BOOT_MODNAME_MAX], *strings;
	const char *argv[PROC_MAX_ARGS];
	int argc = 0;
	long n;

	n = copy_string(name, regs->rdi, sizeof(name));
	if (n < 0)
		return n == -E2BIG ? -ENOENT : n;
	strings = kmalloc(PROC_ARG_BYTES);
	if (!strings)
		return -ENOMEM;
	n = exec_args(strings, regs->rsi, argv, &argc);
	if (!n)
		n = exec_module(regs, name, argc, argv);
	kfree(strings);
	return n;
}
