// SPDX-License-Identifier: MIT
/*
 * copy_from_user and copy_to_user. The copy is one `rep movsb`; if it
 * faults, the exception table sends the CPU to the instruction after it
 * with RCX still holding the number of bytes left, which is returned.
 */
#include <kernel/trap.h>
#include <kernel/uaccess.h>

static size_t copy_with_fixup(void *dst, const void *src, size_t len)
{
	__asm__ volatile("1:\trep movsb\n"
			 "2:\n\t" _ASM_EXTABLE(1b, 2b)
			 : "+c"(len), "+D"(dst), "+S"(src)
			 :
			 : "memory");
	return len;
}

/**
 * copy_from_user - copy @len bytes from user address @user_src
 * Returns the number of bytes that could not be copied (all of them when
 * the range is not a user range).
 */
size_t copy_from_user(void *dst, uint64_t user_src, size_t len)
{
	if (!access_ok(user_src, len))
		return len;
	return copy_with_fixup(dst, (const void *)user_src, len);
}

/**
 * copy_to_user - copy @len bytes to user address @user_dst
 * Returns the number of bytes that could not be copied.
 */
size_t copy_to_user(uint64_t user_dst, const void *src, size_t len)
{
	if (!access_ok(user_dst, len))
		return len;
	return copy_with_fixup((void *)user_dst, src, len);
}
