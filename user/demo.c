// SPDX-License-Identifier: MIT
/*
 * The ring-3 demo. The kernel starts it right here, in
 * user_level_function (the ELF entry point, see the Makefile), as in the
 * design this kernel grew from.
 */
#include "user.h"

/*
 * The seed's exact sequence: system call 15 (which does not exist) by
 * SYSENTER, with the return address in RDX and the stack pointer in RCX.
 * The kernel prints "no_system_call is called, NR: 0x0f" and returns
 * -ENOSYS in RAX.
 */
static long seed_sysenter_call(void)
{
	long ret = 0;

	__asm__ __volatile__("leaq sysexit_return_address(%%rip), %%rdx \n\t"
			     "movq %%rsp, %%rcx \n\t"
			     "sysenter \n\t"
			     "sysexit_return_address: \n\t"
			     : "=a"(ret)
			     : "0"(15)
			     : "rcx", "rdx", "memory");
	return ret;
}

/* The kernel enters here with RSP 16-byte aligned, not as after a call. */
__attribute__((noreturn, force_align_arg_pointer)) void
user_level_function(void);

void user_level_function(void)
{
	static const unsigned int entries[] = { SYSCALL_ENTRY_SYSENTER,
						SYSCALL_ENTRY_INT80,
						SYSCALL_ENTRY_SYSCALL };
	unsigned int offered = syscall_entries_offered();
	long ret;

	if (offered & SYSCALL_ENTRY_SYSENTER) {
		ret = seed_sysenter_call();
	} else {
		/* AMD CPUs raise #UD for SYSENTER in 64-bit mode. */
		syscall_use_entry(SYSCALL_ENTRY_INT80);
		printf("demo: this CPU has no SYSENTER in 64-bit mode; "
		       "making call 15 with int 0x80 instead\n");
		ret = syscall_via(SYSCALL_ENTRY_INT80, 15, 0, 0, 0, 0, 0, 0);
	}
	syscall_use_entry(SYSCALL_ENTRY_INT80);
	printf("demo: system call 15 returned %ld (%s)\n", ret,
	       ret == -ENOSYS ? "-ENOSYS, as it should" : "unexpected");

	for (unsigned int i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		if (syscall_use_entry(entries[i]) < 0) {
			syscall_use_entry(SYSCALL_ENTRY_INT80);
			printf("demo: %s is not available on this CPU\n",
			       syscall_entry_name(entries[i]));
			continue;
		}
		printf("Hello from ring 3, pid %d, through %s: printf -> write -> %s\n",
		       getpid(), syscall_entry_name(entries[i]),
		       syscall_entry_name(entries[i]));
	}
	exit(ret == -ENOSYS ? 0 : 1);
}
