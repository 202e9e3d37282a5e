/* SPDX-License-Identifier: MIT */
/*
 * In-kernel tests. A test is a function registered with KTEST(); the
 * kernel command line selects which run ("test=all", or "test=a,b").
 * Each prints one line, "[OK] name" or "[FAIL] name", and the run ends
 * with "ktest: N passed, N failed" and an exit code that QEMU's
 * isa-debug-exit device turns into the emulator's exit status.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdbool.h>
#include <stdint.h>

/* Values written to the isa-debug-exit port; QEMU exits with (v << 1) | 1.
 * A triple fault under -no-reboot exits 0, so 0 can never mean success. */
#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_SUCCESS 0x10 /* exit status 33 */
#define QEMU_EXIT_FAILURE 0x11 /* exit status 35 */
#define QEMU_EXIT_PANIC 0x12   /* exit status 37 */
/* Bochs has no isa-debug-exit; writing "Shutdown" here ends it. */
#define BOCHS_SHUTDOWN_PORT 0x8900

/* Ends the boot when run, so only runs when named on the command line. */
#define KTEST_ALONE 1

struct ktest {
	const char *name;
	void (*fn)(void);
	unsigned int flags;
};

#define KTEST_FLAGS(tname, tflags)                                             \
	static void ktest_##tname(void);                                       \
	static const struct ktest ktest_entry_##tname                          \
		__attribute__((used, section(".ktests"), aligned(8))) = {      \
			.name = #tname,                                        \
			.fn = ktest_##tname,                                   \
			.flags = (tflags),                                     \
	};                                                                     \
	static void ktest_##tname(void)

#define KTEST(tname) KTEST_FLAGS(tname, 0)

__attribute__((format(printf, 3, 4))) void
ktest_fail(const char *file, int line, const char *fmt, ...);

/* Check a condition; on failure report it and leave the test. */
#define KT_ASSERT(cond)                                                        \
	do {                                                                   \
		if (!(cond)) {                                                 \
			ktest_fail(__FILE__, __LINE__, "%s", #cond);           \
			return;                                                \
		}                                                              \
	} while (0)

#define KT_ASSERT_EQ(a, b)                                                     \
	do {                                                                   \
		uint64_t kt_lhs_ = (uint64_t)(a), kt_rhs_ = (uint64_t)(b);               \
		if (kt_lhs_ != kt_rhs_) {                                                \
			ktest_fail(__FILE__, __LINE__,                         \
				   "%s == %s: 0x%lx != 0x%lx", #a, #b, kt_lhs_,     \
				   kt_rhs_);                                        \
			return;                                                \
		}                                                              \
	} while (0)

/* True once the command line asked for tests: exit devices may be used. */
extern bool ktest_mode;

void ktest_run(const char *selection);
__attribute__((noreturn)) void test_machine_exit(unsigned int code);

#endif
