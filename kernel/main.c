// SPDX-License-Identifier: MIT
/*
 * kmain: where the C kernel starts, called by boot/boot.S on the boot
 * kernel stack with paging and long mode on.
 */
#include <stdint.h>

#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/fpu.h>
#include <kernel/gdt.h>
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/multiboot2.h>
#include <kernel/panic.h>
#include <kernel/paging.h>
#include <kernel/pmm.h>
#include <kernel/serial.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/trace.h>
#include <kernel/vfs.h>
#include <kernel/trap.h>
#include <kernel/tty.h>
#include <lib/string.h>
#include <uapi/errno.h>

void kmain(uint32_t magic, uint32_t mbi_phys);
void pic_init(void);

static const char *mmap_type_name(uint32_t type)
{
	switch (type) {
	case MB2_MMAP_AVAILABLE:
		return "available";
	case MB2_MMAP_RESERVED:
		return "reserved";
	case MB2_MMAP_ACPI_RECLAIMABLE:
		return "ACPI reclaimable";
	case MB2_MMAP_NVS:
		return "ACPI NVS";
	case MB2_MMAP_BADRAM:
		return "bad RAM";
	default:
		return "unknown";
	}
}

static void print_boot_info(const struct boot_info *bi)
{
	uint64_t usable = 0;

	printk("boot loader: %s\n", bi->bootloader[0] ? bi->bootloader : "?");
	printk("command line: \"%s\"\n", bi->cmdline);
	printk("memory map:\n");
	for (unsigned int i = 0; i < bi->mmap_count; i++) {
		const struct boot_mmap_entry *e = &bi->mmap[i];

		printk("  %016lx-%016lx %s\n", e->base, e->base + e->length - 1,
		       mmap_type_name(e->type));
		if (e->type == MB2_MMAP_AVAILABLE)
			usable += e->length;
	}
	printk("usable memory: %lu KiB\n", usable >> 10);
	if (!bi->fb.present)
		printk("framebuffer: none\n");
	else if (bi->fb.type == MB2_FB_TYPE_EGA_TEXT)
		printk("framebuffer: VGA text %ux%u at %#lx\n", bi->fb.width,
		       bi->fb.height, bi->fb.addr);
	else
		printk("framebuffer: %ux%ux%u at %#lx, pitch %u\n", bi->fb.width,
		       bi->fb.height, bi->fb.bpp, bi->fb.addr, bi->fb.pitch);
	for (unsigned int i = 0; i < bi->module_count; i++)
		printk("module: %s at %#lx-%#lx\n", bi->modules[i].name,
		       bi->modules[i].start, bi->modules[i].end);
}

/* The boot stub mapped only the first 1 GiB; the information must be in it. */
static void read_boot_info(uint32_t magic, uint32_t mbi_phys)
{
	const char *err;

	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 boot loader (magic %#x)",
		      magic);
	if (mbi_phys >= BOOT_MAP_SIZE)
		panic("boot information at %#x lies outside the first 1 GiB",
		      mbi_phys);
	err = multiboot2_parse(PHYS_TO_VIRT(mbi_phys),
			       BOOT_MAP_SIZE - mbi_phys, &boot_info);
	if (err)
		panic("malformed multiboot2 boot information: %s", err);
	boot_info.mbi_phys = mbi_phys;
}

/*
 * Run the first user programs, one after the other: init=a,b,c on the
 * command line, or "demo,/sbin/init": the seed's demo, then busybox's
 * init (/etc/inittab: a login shell on the console; poweroff when it
 * exits). Without /sbin/init (an ISO made with BUSYBOX= empty) the
 * project's shell tsh takes its place. The first program gets the
 * command line's words after "--" as arguments and its unknown
 * NAME=VALUE words as its environment. With "poweroff" on the command
 * line, end the emulator afterwards, with success if the last program
 * exited with status 0 (for scripts: make bench, tests).
 */
static void run_init(void)
{
	static char list[BOOT_CMDLINE_MAX] = "demo," SYSTEM_INIT;
	static char words[BOOT_CMDLINE_MAX];
	static struct cmdline_args user;
	struct task_result res = { .how = TASK_KILLED };
	bool first = true, chosen;
	int err = 0;

	chosen = cmdline_get(boot_info.cmdline, "init", list, sizeof(list));
	strlcpy(words, boot_info.cmdline, sizeof(words));
	cmdline_user_args(words, &user);
	for (char *name = list, *next; name && *name; name = next) {
		const char *argv[1 + CMDLINE_MAX_ARGS] = { name };
		struct exec_args args = { .argc = 1, .argv = argv };

		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		if (first) {
			/* "--" arguments and NAME=VALUE words: the first only. */
			for (int i = 0; i < user.argc; i++)
				argv[args.argc++] = user.argv[i];
			args.envc = user.envc;
			args.envp = user.envp;
			first = false;
		}
		printk("starting %s in ring 3\n", name);
		err = task_run_module(name, &args, &res);
		if (err == -ENOENT && !chosen && !strcmp(name, SYSTEM_INIT)) {
			printk("no %s: starting tsh in ring 3\n", SYSTEM_INIT);
			argv[0] = "tsh";
			err = task_run_module("tsh", &args, &res);
		}
		if (err)
			color_printk(RED, BLACK, "could not start %s: error %d\n",
				     argv[0], err);
		else if (res.how == TASK_EXITED)
			printk("%s exited with status %d\n", argv[0], res.status);
		else
			color_printk(RED, BLACK, "%s was killed\n", argv[0]);
		/* Nothing is left of its processes: what they took is back
		 * (the stress test compares two of these lines). */
		printk("memory: %lu pages free\n", pmm_free_pages());
	}
	if (cmdline_get(boot_info.cmdline, "poweroff", NULL, 0))
		test_machine_exit(!err && res.how == TASK_EXITED && !res.status
					  ? QEMU_EXIT_SUCCESS
					  : QEMU_EXIT_FAILURE);
}

void kmain(uint32_t magic, uint32_t mbi_phys)
{
	char tests[BOOT_CMDLINE_MAX];

	serial_console_init();
	printk("\n");
	color_printk(GREEN, BLACK, "x86-64 kernel: long mode, higher half at %#lx\n",
		     (uint64_t)KERNEL_VMA);
	gdt_init();
	idt_init();
	pic_init();
	read_boot_info(magic, mbi_phys);
	ktest_mode = cmdline_get(boot_info.cmdline, "test", tests, sizeof(tests));
	if (cmdline_get(boot_info.cmdline, "report", tests, sizeof(tests)))
		report_linux_programs = !strcmp(tests, "linux");
	/* The text buffer is in the first 1 GiB, which the boot stub's direct
	 * map already covers: start the screen before paging can go wrong. */
	if (boot_info.fb.present && boot_info.fb.type == MB2_FB_TYPE_EGA_TEXT &&
	    boot_info.fb.addr < BOOT_MAP_SIZE)
		vga_console_init(boot_info.fb.addr, boot_info.fb.width,
				 boot_info.fb.height);
	paging_init(&boot_info);
	fbcon_init(&boot_info.fb);
	print_boot_info(&boot_info);
	printk("paging: kernel W^X, direct map of %lu MiB at %#lx, identity map dropped\n",
	       direct_map_size >> 20, (uint64_t)PHYS_MAP_BASE);

	pmm_init(&boot_info);
	syscall_init();
	fpu_init();
	time_init();   /* before timer_init: it borrows the PIT to time the TSC */
	random_init(); /* after time_init, before any process (AT_RANDOM) */
	trace_init(boot_info.cmdline);
	rootfs_init(); /* the boot modules become files: before any program */
	timer_init();
	tty_reset(); /* the console's terminal, sized to the screen */
	serial_enable_input();

	if (ktest_mode)
		ktest_run(tests[0] ? tests : "all");

	run_init();
	color_printk(GREEN, BLACK, "boot complete: nothing more to run yet.\n");
	halt_forever();
}
