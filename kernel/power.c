// SPDX-License-Identifier: MIT
/*
 * reboot(2): how a program ends the machine (busybox's init calls it
 * after `poweroff`, `reboot` or `halt` has asked it to, once every other
 * process has been told to go).
 *
 * Power off has no single instruction on a PC. The ACPI way is to read
 * the FADT for the PM1a control port and the DSDT's \_S5 object for the
 * sleep type, then write SLP_TYP|SLP_EN there; this kernel does not parse
 * ACPI tables yet, so it writes what the emulators it is tested on
 * answer to:
 *   - QEMU's isa-debug-exit (the tests' machines): exit status 33, success;
 *   - the PM1a control port of QEMU's and Bochs's PIIX4 (0x604 where
 *     SeaBIOS puts the PM block, 0xb004 where older BIOSes and OVMF do)
 *     and VirtualBox's (0x4004), with S5's sleep type;
 *   - Bochs's "Shutdown" port.
 * On anything else (a real PC) nothing happens and the kernel says so:
 * "it is now safe to turn off the computer", with interrupts off, halted.
 */
#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/serial.h>
#include <kernel/syscall.h>
#include <uapi/errno.h>

/* <linux/reboot.h> */
#define LINUX_REBOOT_MAGIC1 0xfee1deadu
#define LINUX_REBOOT_MAGIC2 672274793u
#define LINUX_REBOOT_MAGIC2A 85072278u
#define LINUX_REBOOT_MAGIC2B 369367448u
#define LINUX_REBOOT_MAGIC2C 537993216u
#define LINUX_REBOOT_CMD_RESTART 0x01234567u
#define LINUX_REBOOT_CMD_HALT 0xcdef0123u
#define LINUX_REBOOT_CMD_CAD_ON 0x89abcdefu
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000u
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcu
#define LINUX_REBOOT_CMD_RESTART2 0xa1b2c3d4u

#define ACPI_SLP_EN (1u << 13)

static __attribute__((noreturn)) void machine_power_off(void)
{
	static const char bochs_shutdown[] = "Shutdown";

	__asm__ volatile("cli");
	printk("reboot: Power down\n");
	serial_drain();
	outb(QEMU_EXIT_PORT, QEMU_EXIT_SUCCESS);
	outw(0x604, ACPI_SLP_EN);          /* QEMU/SeaBIOS: S5 is type 0 */
	outw(0xb004, ACPI_SLP_EN);         /* Bochs, older QEMU */
	outw(0x4004, ACPI_SLP_EN | 0x1400); /* VirtualBox: S5 is type 5 */
	for (const char *p = bochs_shutdown; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*p);
	printk("It is now safe to turn off the computer.\n");
	serial_drain();
	halt_forever();
}

/* The keyboard controller's reset line, then a triple fault (an empty
 * IDT and an interrupt) if that did nothing. QEMU under -no-reboot exits. */
static __attribute__((noreturn)) void machine_restart(void)
{
	static const struct { uint16_t limit; uint64_t base; }
		__attribute__((packed)) no_idt = { 0, 0 };

	__asm__ volatile("cli");
	printk("reboot: Restarting system\n");
	serial_drain();
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	halt_forever();
}

/**
 * sys_reboot - reboot(magic1, magic2, cmd, arg), Linux's checks and commands
 *
 * The magic numbers must be Linux's (else EINVAL). RESTART and RESTART2
 * restart, HALT halts, POWER_OFF powers off (see above). CAD_ON and
 * CAD_OFF (what ctrl-alt-del does: restart, or SIGINT to init) succeed
 * and change nothing: the keyboard driver does not act on ctrl-alt-del. Every process is root here, so there is no EPERM.
 * Unlike Linux, nothing is synced or shut down first: the file system is
 * in memory and the devices keep no state worth saving.
 */
long sys_reboot(struct pt_regs *regs)
{
	uint32_t magic1 = (uint32_t)regs->rdi, magic2 = (uint32_t)regs->rsi;
	uint32_t cmd = (uint32_t)regs->rdx;

	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		machine_restart();
	case LINUX_REBOOT_CMD_HALT:
		__asm__ volatile("cli");
		printk("reboot: System halted\n");
		serial_drain();
		halt_forever();
	case LINUX_REBOOT_CMD_POWER_OFF:
		machine_power_off();
	default:
		return -EINVAL;
	}
}
