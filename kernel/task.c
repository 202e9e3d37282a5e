// SPDX-License-Identifier: MIT
/*
 * Running user programs in ring 3.
 *
 * task_run() loads an ELF image into a fresh address space, maps a stack
 * with argc/argv on it as the x86-64 psABI lays them out, builds a
 * pt_regs frame for ring 3 on the task's kernel stack and enters it with
 * IRETQ. The task ends by the exit system call or by an exception; either
 * way task_leave() jumps back into task_run(), which frees the address
 * space. One task runs at a time, to completion.
 */
#include <stdarg.h>

#include <kernel/console.h>
#include <kernel/elf.h>
#include <kernel/io.h>
#include <kernel/msr.h>
#include <kernel/multiboot2.h>
#include <kernel/pmm.h>
#include <kernel/segment.h>
#include <kernel/stack.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/trap.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* In kernel/entry.S. */
uint64_t task_enter(uint64_t *saved_rsp, struct pt_regs *regs);
__attribute__((noreturn)) void task_leave(uint64_t saved_rsp, uint64_t value);

struct task *current;
static struct task the_task;
static int next_pid = 1;
static DEFINE_GUARDED_STACK(task_kernel_stack);

/*
 * The initial stack (System V x86-64 psABI, 3.4.1): at RSP, argc; then
 * argv[0..argc-1], NULL; envp: NULL; auxv: AT_NULL. The strings sit above.
 * Everything must fit in the top page. Returns the user RSP, or 0.
 */
static uint64_t build_user_stack(uint64_t top_page_phys, int argc,
				 const char *const argv[])
{
	char *page = PHYS_TO_VIRT(top_page_phys);
	uint64_t page_va = USER_STACK_TOP - PAGE_SIZE;
	uint64_t str_off = PAGE_SIZE, argv_va[TASK_MAX_ARGS];
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

static int setup_stack(struct address_space *as, int argc,
		       const char *const argv[], uint64_t *sp)
{
	uint64_t top = 0;

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
	return *sp ? 0 : -E2BIG;
}

int task_run(const char *name, const void *image, size_t size, int argc,
	     const char *const argv[], struct task_result *res)
{
	struct task *t = &the_task;
	struct pt_regs *regs;
	uint64_t entry = 0, sp = 0, kstack_top;
	const char *why;
	int err;

	if (current)
		return -EAGAIN; /* one task at a time, for now */
	if (argc < 0 || argc > TASK_MAX_ARGS)
		return -E2BIG;
	memset(t, 0, sizeof(*t));
	strlcpy(t->name, name, sizeof(t->name));
	if (!vm_create(&t->as))
		return -ENOMEM;
	why = elf_load(&t->as, image, size, &entry);
	if (why) {
		color_printk(RED, BLACK, "exec %s: rejected: %s\n", name, why);
		vm_destroy(&t->as);
		return -ENOEXEC;
	}
	err = setup_stack(&t->as, argc, argv, &sp);
	if (err) {
		vm_destroy(&t->as);
		return err;
	}

	/* A new task starts with every register zero but these (HOSTILE 8). */
	kstack_top = stack_top(&task_kernel_stack);
	regs = (struct pt_regs *)kstack_top - 1;
	memset(regs, 0, sizeof(*regs));
	regs->rip = entry;
	regs->cs = USER_CS;
	regs->rflags = RFLAGS_IF | RFLAGS_FIXED;
	regs->rsp = sp;
	regs->ss = USER_DS;

	t->pid = next_pid++;
	current = t;
	syscall_set_kernel_stack(kstack_top);
	vm_activate(&t->as);
	task_enter(&t->launcher_rsp, regs);

	/* Back from task_leave(): the task is over. */
	current = NULL;
	vm_activate_kernel();
	vm_destroy(&t->as);
	*res = t->result;
	return 0;
}

int task_run_module(const char *name, int argc, const char *const argv[],
		    struct task_result *res)
{
	for (unsigned int i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (!strcmp(m->name, name))
			return task_run(name, PHYS_TO_VIRT(m->start),
					m->end - m->start, argc, argv, res);
	}
	return -ENOENT;
}

static __attribute__((noreturn)) void end_task(void)
{
	task_leave(current->launcher_rsp, 0);
}

void task_kill_fault(struct pt_regs *regs)
{
	struct task_result *r = &current->result;

	r->how = TASK_KILLED;
	r->vector = (unsigned int)regs->vector;
	r->rip = regs->rip;
	r->error_code = regs->error_code;
	r->addr = regs->vector == X86_TRAP_PF ? read_cr2() : 0;
	if (regs->vector == X86_TRAP_PF)
		color_printk(RED, BLACK,
			     "pid %d (%s): killed by %s at rip %#lx, address %#lx, error %#lx\n",
			     current->pid, current->name,
			     exception_name(r->vector), r->rip, r->addr,
			     r->error_code);
	else
		color_printk(RED, BLACK,
			     "pid %d (%s): killed by %s at rip %#lx, error %#lx\n",
			     current->pid, current->name,
			     exception_name(r->vector), r->rip, r->error_code);
	end_task();
}

void task_kill(struct pt_regs *regs, const char *fmt, ...)
{
	struct task_result *r = &current->result;
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	r->how = TASK_KILLED;
	r->vector = TASK_NO_VECTOR;
	r->rip = regs->rip;
	color_printk(RED, BLACK, "pid %d (%s): killed: %s\n", current->pid,
		     current->name, why);
	end_task();
}

long sys_exit(struct pt_regs *regs)
{
	current->result.how = TASK_EXITED;
	current->result.status = (int)regs->rdi;
	printk("pid %d (%s): exited with status %d\n", current->pid,
	       current->name, current->result.status);
	end_task();
}

long sys_getpid(struct pt_regs *regs)
{
	(void)regs;
	return current->pid;
}
