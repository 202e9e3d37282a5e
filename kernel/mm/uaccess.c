// SPDX-License-Identifier: MIT
/*
 * copy_from_user and copy_to_user, with the exception table (extable.c)
 * for the faults a user address may raise.
 *
 * The copy is Linux's copy_user_generic_string: `rep movsq` for the whole
 * quadwords, then `rep movsb` for the last 0..7 bytes. A byte copy alone
 * (`rep movsb`) would be as short to read, but without ERMS hardware
 * moves it a byte at a time, and under QEMU's -icount each of its
 * iterations counts: 4096 for a page, against 512 for `rep movsq`.
 *
 * What a fault leaves: a faulting `rep movs` stops before the iteration
 * that faulted, with RCX the iterations left and RSI/RDI at that
 * element. The quadword loop cannot say which byte of its quadword
 * faulted (one that straddles the end of a mapping copies none of its
 * eight), so its fixup turns the quadwords left back into bytes and the
 * byte loop carries on from there: it copies up to the first byte that
 * faults, and its own fixup leaves RCX the exact number of bytes not
 * copied. The two loops share one instruction between them,
 *
 *	1:	rep movsq			RCX = quadwords left
 *	2:	lea (tail, RCX, 8), RCX		RCX = bytes left
 *	3:	rep movsb
 *	4:
 *
 * so that both the fall-through (RCX 0 after the quadwords) and the
 * fixup of 1 (resuming at 2) reach the byte loop with RCX in bytes.
 */
#include <kernel/trap.h>
#include <kernel/uaccess.h>

static size_t copy_with_fixup(void *dst, const void *src, size_t len)
{
	size_t left = len / 8;

	__asm__ volatile("1:\trep movsq\n"
			 "2:\tleaq (%[tail], %%rcx, 8), %%rcx\n"
			 "3:\trep movsb\n"
			 "4:\n\t" _ASM_EXTABLE(1b, 2b) _ASM_EXTABLE(3b, 4b)
			 : "+c"(left), "+D"(dst), "+S"(src)
			 : [tail] "r"(len % 8)
			 : "memory");
	return left;
}

/**
 * copy_from_user - copy @len bytes from user address @user_src
 * Returns the number of bytes that could not be copied (all of them when
 * the range is not a user range); the ones before them were copied.
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
