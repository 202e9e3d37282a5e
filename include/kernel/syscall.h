/* SPDX-License-Identifier: MIT */
/*
 * The kernel side of system calls (kernel/arch/syscall.c, kernel/arch/entry.S).
 * The ABI seen from user space is in <uapi/syscall.h>.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <kernel/msr.h>
#include <uapi/syscall.h>

/*
 * pt_regs.vector of a system call frame says which entry built it. Values
 * 0-255 are IDT vectors; these two are not.
 */
#define ENTRY_INT80 SYSCALL_INT_VECTOR
#define ENTRY_SYSENTER 0x100
#define ENTRY_SYSCALL 0x101

/*
 * How a system call leaves the kernel; system_call_function decides.
 * RETURN_FAST: by the entry's own instruction, restoring only what C code
 * may have changed. The others: ret_system_call, every register restored.
 */
#define RETURN_FAST 0
#define RETURN_IRETQ 1
#define RETURN_SYSRET 2
#define RETURN_SYSEXIT 3

/* RFLAGS bits FMASK clears on SYSCALL; the other entries clear them in
 * the entry code. */
#define SYSCALL_FMASK_BITS (RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_NT | \
			    RFLAGS_AC | RFLAGS_IOPL)

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

#include <kernel/ptrace.h>
#include <uapi/abi.h>

typedef long (*system_call_t)(struct pt_regs *regs);

/* One slot more than there are numbers: slot NR_SYSCALLS is where every
 * number past the end goes (system_call_function). */
extern const system_call_t system_call_table[NR_SYSCALLS + 1];
extern const system_call_t linux_system_call_table[NR_SYSCALLS + 1];
/* The table of a process of ABI @abi (ABI_SEED or ABI_LINUX, <uapi/abi.h>):
 * inline, since every system call asks. */
static inline const system_call_t *system_call_table_of(unsigned int abi)
{
	return abi == ABI_SEED ? system_call_table : linux_system_call_table;
}
extern const char *const system_call_names[NR_SYSCALLS];
struct process;
/* The table @p's calls go through (struct process.syscall_table): its
 * ABI's, or with the trace on one that traces each call. */
const system_call_t *syscall_table_for(const struct process *p);

long no_system_call(struct pt_regs *regs);
/* Linux's numbers, from its own list: LINUX_NR_read = 0, ... */
enum {
#define LINUX_SYSCALL(nr, name) LINUX_NR_##name = nr,
#include <uapi/linux_syscalls.h>
#undef LINUX_SYSCALL
};
/* Linux's rt_sigreturn, in linux_system_call_table only: the seed's
 * table keeps 15 free (docs/syscalls.md 12). */
long sys_rt_sigreturn(struct pt_regs *regs);
void syscall_fixup_frame(struct pt_regs *regs);
unsigned int system_call_function(struct pt_regs *regs);

/* Entry points in kernel/entry.S. */
void system_call(void);      /* SYSENTER */
void entry_int80(void);      /* int $0x80 */
void entry_syscall_64(void); /* SYSCALL */
__attribute__((noreturn)) void ret_to_user(struct pt_regs *regs);

/* What this CPU offers (SYSCALL_ENTRY_* bits), found by syscall_init. */
extern unsigned int syscall_entries_available;

void syscall_init(void);
/* Point every entry's stack (TSS.RSP0, IA32_SYSENTER_ESP, SYSCALL's) at
 * the current task's kernel stack top. */
void syscall_set_kernel_stack(uint64_t top);
/* Called from the #DB handler; true if the trap was at a syscall entry. */
bool syscall_debug_trap(struct pt_regs *regs);

extern uint64_t syscall_kernel_rsp, syscall_user_rsp;
#endif

#endif
