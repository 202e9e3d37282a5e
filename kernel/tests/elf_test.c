// SPDX-License-Identifier: MIT
/*
 * The ELF loader on malformed programs: each is a real program (the
 * startregs module) with one thing broken. Each must be rejected with a
 * message, before anything is mapped, and nothing may leak.
 */
#include <kernel/elf.h>
#include <kernel/ktest.h>
#include <kernel/multiboot2.h>
#include <kernel/pmm.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <uapi/errno.h>

#define IMAGE_MAX (128 * 1024) /* startregs with its debug information */

static uint8_t image[IMAGE_MAX] __attribute__((aligned(PAGE_SIZE)));
static size_t image_size;

/* A fresh copy of a good program; false if it is missing or too big. */
static bool fresh_image(void)
{
	const struct boot_module *m = find_module("startregs");

	if (!m || m->end - m->start > IMAGE_MAX)
		return false;
	image_size = m->end - m->start;
	memcpy(image, PHYS_TO_VIRT(m->start), image_size);
	return true;
}

static Elf64_Ehdr *eh(void)
{
	return (Elf64_Ehdr *)image;
}

static Elf64_Phdr *ph(unsigned int i)
{
	return (Elf64_Phdr *)(image + eh()->e_phoff) + i;
}

/* The index of the first PT_LOAD with (or without) PF_X. */
static unsigned int load_segment(bool exec)
{
	for (unsigned int i = 0; i < eh()->e_phnum; i++)
		if (ph(i)->p_type == PT_LOAD && !!(ph(i)->p_flags & PF_X) == exec)
			return i;
	return 0;
}

enum mutation {
	GOOD, BAD_MAGIC, CLASS32, BIG_ENDIAN, NOT_EXEC, NOT_X86_64,
	BAD_PHENTSIZE, NO_PHDRS, PHDRS_PAST_END, PHOFF_HUGE, FILESZ_GT_MEMSZ,
	OFFSET_PAST_END, OFFSET_OVERFLOW, VADDR_KERNEL, VADDR_OVERFLOW,
	VADDR_NULL_PAGE, VADDR_STACK, WRITE_AND_EXEC, OVERLAP, ENTRY_NOT_EXEC,
	INTERP, TRUNCATED, NR_MUTATIONS
};

static void mutate(enum mutation m)
{
	unsigned int x = load_segment(true), d = load_segment(false);

	switch (m) {
	case GOOD: break;
	case BAD_MAGIC: image[1] = 'X'; break;
	case CLASS32: image[4] = 1; break;
	case BIG_ENDIAN: image[5] = 2; break;
	case NOT_EXEC: eh()->e_type = ET_REL; break;
	case NOT_X86_64: eh()->e_machine = 3; break; /* EM_386 */
	case BAD_PHENTSIZE: eh()->e_phentsize = 32; break;
	case NO_PHDRS: eh()->e_phnum = 0; break;
	case PHDRS_PAST_END: eh()->e_phoff = image_size - 8; break;
	case PHOFF_HUGE: eh()->e_phoff = ~0ull - 8; break;
	case FILESZ_GT_MEMSZ: ph(x)->p_filesz = ph(x)->p_memsz + 1; break;
	case OFFSET_PAST_END: ph(x)->p_offset = image_size; break;
	case OFFSET_OVERFLOW: ph(x)->p_offset = ~0ull - 16; break;
	case VADDR_KERNEL: ph(x)->p_vaddr = 0xffffffff80000000ull; break;
	case VADDR_OVERFLOW:
		ph(x)->p_vaddr = 0x00007ffffffff000ull;
		ph(x)->p_memsz = ~0ull - 0x1000;
		break;
	case VADDR_NULL_PAGE: ph(x)->p_vaddr = 0; break;
	case VADDR_STACK: ph(d)->p_vaddr = USER_STACK_TOP - PAGE_SIZE; break;
	case WRITE_AND_EXEC: ph(x)->p_flags |= PF_W; break;
	case OVERLAP: ph(d)->p_vaddr = ph(x)->p_vaddr + 8; break;
	case ENTRY_NOT_EXEC: eh()->e_entry = ph(d)->p_vaddr; break;
	case INTERP: ph(d)->p_type = PT_INTERP; break;
	case TRUNCATED: image_size = 40; break;
	case NR_MUTATIONS: break;
	}
}

KTEST(elf_loader_rejects_malformed_programs)
{
	static const char *const argv[] = { "broken", NULL };

	for (unsigned int m = 0; m < NR_MUTATIONS; m++) {
		struct task_result res;
		uint64_t before = pmm_free_pages();
		int err;

		KT_ASSERT(fresh_image());
		mutate((enum mutation)m);
		err = task_run("broken", image, image_size,
			       &(struct exec_args){ .argc = 1, .argv = argv }, &res);
		if (m == GOOD) {
			KT_ASSERT_EQ(err, 0);
			KT_ASSERT_EQ(res.how, TASK_EXITED);
			KT_ASSERT_EQ(res.status, 0);
		} else if (err != -ENOEXEC) {
			ktest_fail(__FILE__, __LINE__,
				   "mutation %u: task_run returned %d", m, err);
		}
		KT_ASSERT_EQ(pmm_free_pages(), before);
	}
}

/* Each rejection names its reason, and the reasons differ. */
KTEST(elf_check_reasons)
{
	const char *why[NR_MUTATIONS];

	for (unsigned int m = 0; m < NR_MUTATIONS; m++) {
		KT_ASSERT(fresh_image());
		mutate((enum mutation)m);
		why[m] = elf_check(image, image_size);
		if (m == GOOD)
			KT_ASSERT(why[m] == NULL);
		else
			KT_ASSERT(why[m] != NULL);
	}
	KT_ASSERT(!strcmp(why[BAD_MAGIC], "not an ELF file (bad magic)"));
	KT_ASSERT(!strcmp(why[WRITE_AND_EXEC],
			  "segment is both writable and executable"));
	KT_ASSERT(!strcmp(why[INTERP],
			  "dynamically linked programs are not supported"));
	KT_ASSERT(!strcmp(why[OVERLAP], "segments overlap"));
	KT_ASSERT(!strcmp(why[VADDR_STACK], "segment overlaps the user stack"));
}

/* Is the seed ABI's note in module @name? -1 if there is no such module. */
static int module_has_seed_note(const char *name)
{
	const struct boot_module *m = find_module(name);
	struct address_space as;
	struct elf_info info;
	const char *why;

	if (!m || !vm_create(&as))
		return -1;
	why = elf_load(&as, PHYS_TO_VIRT(m->start), m->end - m->start, &info);
	vm_destroy(&as);
	return why ? -1 : info.seed_abi;
}

/* ABI branding (docs/syscalls.md, section 12): the project's programs
 * carry the note, a musl program does not, and the seed's table keeps
 * number 15 for no_system_call. */
KTEST(elf_seed_note)
{
	uint64_t before = pmm_free_pages();

	KT_ASSERT_EQ(module_has_seed_note("startregs"), 1);
	KT_ASSERT_EQ(module_has_seed_note("demo"), 1);
	KT_ASSERT_EQ(module_has_seed_note("m-hello"), 0);
	KT_ASSERT_EQ(pmm_free_pages(), before);
	KT_ASSERT(system_call_table_of(ABI_SEED) == system_call_table);
	KT_ASSERT(system_call_table_of(ABI_LINUX) == linux_system_call_table);
	KT_ASSERT(system_call_table[15] == no_system_call);
	KT_ASSERT(system_call_table[__NR_write] == linux_system_call_table[__NR_write]);
}

/* Load the (mutated) image; the loader's answer and the note it saw. */
static const char *load_image(bool *seed)
{
	struct address_space as;
	struct elf_info info = { 0 };
	const char *why;

	if (!vm_create(&as))
		return "out of memory";
	why = elf_load(&as, image, image_size, &info);
	vm_destroy(&as);
	*seed = info.seed_abi;
	return why;
}

/* Notes are input too: broken ones are ignored, never read past. */
KTEST(elf_note_malformed)
{
	uint64_t before = pmm_free_pages();
	unsigned int note = 0;
	Elf64_Nhdr *n;
	bool seed = false;

	KT_ASSERT(fresh_image());
	for (unsigned int i = 0; i < eh()->e_phnum; i++)
		if (ph(i)->p_type == PT_NOTE)
			note = i + 1;
	KT_ASSERT(note != 0);
	if (!note)
		return;
	note--;
	KT_ASSERT(load_image(&seed) == NULL && seed);

	n = (Elf64_Nhdr *)(image + ph(note)->p_offset);
	n->n_namesz = 0xffffffff; /* runs past the segment */
	KT_ASSERT(load_image(&seed) == NULL && !seed);

	KT_ASSERT(fresh_image());
	n = (Elf64_Nhdr *)(image + ph(note)->p_offset);
	n->n_descsz = 0xfffffff0;
	KT_ASSERT(load_image(&seed) == NULL && !seed);

	KT_ASSERT(fresh_image());
	ph(note)->p_offset = ~0ull - 8; /* outside the file */
	KT_ASSERT(load_image(&seed) == NULL && !seed);

	KT_ASSERT(fresh_image());
	ph(note)->p_filesz = image_size; /* runs off the end of the file */
	KT_ASSERT(load_image(&seed) == NULL && !seed);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}
