// SPDX-License-Identifier: MIT
/*
 * User programs through the real path: boot module -> ELF loader -> ring 3
 * -> system calls -> exit, with no page leaked.
 */
#include <kernel/elf.h>
#include <kernel/ktest.h>
#include <kernel/multiboot2.h>
#include <kernel/paging.h>
#include <kernel/vm.h>
#include <kernel/pmm.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <uapi/errno.h>

#include "user_run.h"

extern char __kernel_end[];
static struct user_run run;

static unsigned int count(const char *haystack, const char *needle)
{
	unsigned int n = 0;

	for (const char *p = strstr(haystack, needle); p;
	     p = strstr(p + 1, needle))
		n++;
	return n;
}

static unsigned int popcount(unsigned int x)
{
	unsigned int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

#define EXPECT_EXIT(r, code)                                                   \
	do {                                                                   \
		KT_ASSERT_EQ((r).err, 0);                                      \
		KT_ASSERT_EQ((r).res.how, TASK_EXITED);                        \
		KT_ASSERT_EQ((r).res.status, (code));                          \
		KT_ASSERT_EQ((r).leaked_pages, 0);                             \
	} while (0)

/* The seed's demo: SYSENTER call 15, then a greeting per entry. */
KTEST(user_demo)
{
	static const char *const argv[] = { "demo", NULL };

	user_run(argv, &run);
	EXPECT_EXIT(run, 0);
	KT_ASSERT(strstr(run.out,
			  "no_system_call is called, NR: 0x0f (rt_sigreturn)\n"));
	KT_ASSERT(strstr(run.out, "system call 15 returned -38 (-ENOSYS"));
	KT_ASSERT_EQ(count(run.out, "Hello from ring 3"),
		     popcount(syscall_entries_available));
}

KTEST(user_syscalls_same_through_every_entry)
{
	static const char *const argv[] = { "syscalltest", NULL };

	user_run(argv, &run);
	EXPECT_EXIT(run, 0);
	KT_ASSERT(strstr(run.out, "syscalltest: 0 failures"));
}

KTEST(user_starts_with_clean_registers)
{
	static const char *const argv[] = { "startregs", NULL };

	user_run(argv, &run);
	EXPECT_EXIT(run, 0);
}

KTEST(user_arguments_and_exit_status)
{
	static const char *const argv[] = { "hostile", "no-such-case", "int80",
					    NULL };

	user_run(argv, &run);
	EXPECT_EXIT(run, 2);
	KT_ASSERT(strstr(run.out, "usage: hostile"));
	run.err = task_run_module(
		"no-such-module", &(struct exec_args){ .argc = 1, .argv = argv },
		&run.res);
	KT_ASSERT_EQ(run.err, -ENOENT);
}

KTEST(page_allocator)
{
	static uint64_t pages[64];
	uint64_t before = pmm_free_pages();

	for (unsigned int i = 0; i < 64; i++) {
		const uint64_t *p;

		pages[i] = alloc_page();
		KT_ASSERT(pages[i] != 0 && pages[i] % PAGE_SIZE == 0);
		p = PHYS_TO_VIRT(pages[i]);
		for (unsigned int j = 0; j < PAGE_SIZE / 8; j++)
			KT_ASSERT_EQ(p[j], 0);
		for (unsigned int j = 0; j < i; j++)
			KT_ASSERT(pages[j] != pages[i]);
		/* Never the kernel image, the boot information or a module. */
		KT_ASSERT(pages[i] >= KERNEL_VIRT_TO_PHYS(__kernel_end));
		KT_ASSERT(pages[i] + PAGE_SIZE <= boot_info.mbi_phys ||
			  pages[i] >= boot_info.mbi_phys + boot_info.mbi_size);
		for (unsigned int m = 0; m < boot_info.module_count; m++)
			KT_ASSERT(pages[i] + PAGE_SIZE <= boot_info.modules[m].start ||
				  pages[i] >= boot_info.modules[m].end);
		memset(PHYS_TO_VIRT(pages[i]), 0xa5, PAGE_SIZE);
	}
	KT_ASSERT_EQ(pmm_free_pages(), before - 64);
	for (unsigned int i = 0; i < 64; i++)
		free_page(pages[i]);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}

KTEST(uaccess_refuses_kernel_ranges)
{
	char buf[16];

	KT_ASSERT(access_ok(0x400000, 16));
	KT_ASSERT(access_ok(USER_SPACE_END - 16, 16));
	KT_ASSERT(!access_ok(USER_SPACE_END - 16, 17));
	KT_ASSERT(!access_ok(0x400000, ~0ul - 0x100));
	KT_ASSERT(!access_ok(KERNEL_VMA, 1));
	KT_ASSERT_EQ(copy_from_user(buf, (uint64_t)KERNEL_VMA + 0x100000,
				    sizeof(buf)),
		     sizeof(buf));
	KT_ASSERT_EQ(copy_to_user((uint64_t)buf, "x", 1), 1);
	/* A user address with nothing mapped: the copy faults, is fixed up. */
	KT_ASSERT_EQ(copy_from_user(buf, 0x1000, sizeof(buf)), sizeof(buf));
}

/* Ring 3 may touch user pages only: no kernel mapping carries PTE_USER,
 * and a loaded program's pages all do. */
KTEST(user_bit_only_on_user_pages)
{
	extern char __text_start[], __bss_end[];
	const uint64_t *pml4 = PHYS_TO_VIRT(kernel_pml4_phys);
	struct address_space as;
	struct elf_info info;
	uint64_t entry, size;
	const char *why;

	for (unsigned int i = 256; i < 512; i++)
		KT_ASSERT((pml4[i] & PTE_USER) == 0);
	for (uint64_t va = (uint64_t)__text_start; va < (uint64_t)__bss_end;
	     va += PAGE_SIZE) {
		uint64_t pte = paging_lookup(va, &size);
		KT_ASSERT((pte & PTE_USER) == 0);
	}
	KT_ASSERT((paging_lookup(PHYS_MAP_BASE, &size) & PTE_USER) == 0);

	for (unsigned int i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (strcmp(m->name, "startregs"))
			continue;
		KT_ASSERT(vm_create(&as));
		why = elf_load(&as, PHYS_TO_VIRT(m->start), m->end - m->start,
			       &info);
		entry = info.entry;
		KT_ASSERT(why == NULL);
		KT_ASSERT(vm_lookup(&as, entry) & PTE_USER);
		KT_ASSERT((vm_lookup(&as, entry) & PTE_NX) == 0);
		KT_ASSERT((vm_lookup(&as, entry) & PTE_WRITE) == 0);
		vm_destroy(&as);
		return;
	}
	KT_ASSERT(!"no startregs module");
}
