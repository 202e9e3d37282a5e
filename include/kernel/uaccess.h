/* SPDX-License-Identifier: MIT */
/*
 * Reading and writing user memory from the kernel (kernel/mm/uaccess.c).
 *
 * A user pointer is never dereferenced directly. The range must lie
 * wholly in the lower half (access_ok), and the copy itself runs with an
 * exception-table entry, so that an unmapped or read-only user page makes
 * the copy stop short instead of panicking the kernel.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/mmu.h>

/* [addr, addr + len) is a user range, without wrapping around. */
static inline bool access_ok(uint64_t addr, uint64_t len)
{
	return addr <= USER_SPACE_END && len <= USER_SPACE_END - addr;
}

/* Both return the number of bytes NOT copied: 0 on success. */
size_t copy_from_user(void *dst, uint64_t user_src, size_t len);
size_t copy_to_user(uint64_t user_dst, const void *src, size_t len);

#endif
