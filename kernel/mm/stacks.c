// SPDX-License-Identifier: MIT
/*
 * The kernel stack kmain runs on. boot/boot.S switches to its top before
 * calling kmain; kernel/mm/paging.c leaves its guard page unmapped.
 */
#include <kernel/stack.h>

DEFINE_GUARDED_STACK(boot_kernel_stack);
