// SPDX-License-Identifier: MIT
/*
 * Running the in-kernel tests that KTEST() registers in the .ktests
 * section. See <kernel/ktest.h> for the output format.
 */
#include <stdarg.h>

#include <kernel/console.h>
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/serial.h>
#include <lib/printf.h>
#include <lib/string.h>

extern const struct ktest __ktests_start[], __ktests_end[];

bool ktest_mode;
static bool current_failed;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	color_printk(RED, BLACK, "# %s:%d: %s\n", file, line, msg);
	current_failed = true;
}

/**
 * test_machine_exit - end the emulator with @code (see QEMU_EXIT_*)
 *
 * QEMU's isa-debug-exit turns the byte into its exit status; Bochs stops
 * on the "Shutdown" string. On anything else both writes go nowhere and
 * the machine halts.
 */
void test_machine_exit(unsigned int code)
{
	static const char bochs_shutdown[] = "Shutdown";

	serial_drain(); /* the last line must be out before the machine stops */
	outb(QEMU_EXIT_PORT, (uint8_t)code);
	for (const char *p = bochs_shutdown; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*p);
	halt_forever();
}

static const struct ktest *find_test(const char *name, size_t len)
{
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
		if (strlen(t->name) == len && !memcmp(t->name, name, len))
			return t;
	return NULL;
}

static bool run_one(const struct ktest *t)
{
	current_failed = false;
	t->fn();
	/* A user program may have left a line unfinished: the result line
	 * must start a line of its own for the runner to see it. */
	if (!console_at_line_start())
		printk("\n");
	if (current_failed)
		color_printk(RED, BLACK, "[FAIL] %s\n", t->name);
	else
		color_printk(GREEN, BLACK, "[OK] %s\n", t->name);
	return !current_failed;
}

/**
 * ktest_run - run the tests named in @selection and end the machine
 * @selection: "all" (every test without KTEST_ALONE) or "name,name,..."
 */
void ktest_run(const char *selection)
{
	unsigned int passed = 0, failed = 0;

	printk("ktest: running %s\n", selection);
	if (!strcmp(selection, "all")) {
		for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
			if (!(t->flags & KTEST_ALONE))
				run_one(t) ? passed++ : failed++;
	} else {
		const char *p = selection;

		while (*p) {
			const char *end = strchr(p, ',');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			const struct ktest *t = find_test(p, len);

			if (t) {
				run_one(t) ? passed++ : failed++;
			} else {
				color_printk(RED, BLACK, "[FAIL] %.*s (no such test)\n",
					     (int)len, p);
				failed++;
			}
			p += len;
			if (*p == ',')
				p++;
		}
	}
	printk("ktest: %u passed, %u failed\n", passed, failed);
	test_machine_exit(failed || !passed ? QEMU_EXIT_FAILURE
					    : QEMU_EXIT_SUCCESS);
}
