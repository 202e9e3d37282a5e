// SPDX-License-Identifier: MIT
#include <kernel/heap.h>
#include <kernel/ktest.h>
#include <kernel/pmm.h>
#include <lib/string.h>

KTEST(kmalloc_sizes_alignment_and_no_leak)
{
	static void *p[600];
	uint64_t before = pmm_free_pages();

	KT_ASSERT(kmalloc(0) == NULL);
	KT_ASSERT(kmalloc(KMALLOC_MAX + 1) == NULL);
	for (unsigned int i = 0; i < 600; i++) {
		size_t size = 1 + (i * 37) % KMALLOC_MAX;

		p[i] = kmalloc(size);
		KT_ASSERT(p[i] != NULL);
		KT_ASSERT((uint64_t)p[i] % 16 == 0);
		memset(p[i], (int)i, size);
	}
	/* No two objects overlap: each still holds its own pattern. */
	for (unsigned int i = 0; i < 600; i++)
		KT_ASSERT(((unsigned char *)p[i])[0] == (unsigned char)i);
	for (unsigned int i = 0; i < 600; i += 2)
		kfree(p[i]);
	for (unsigned int i = 0; i < 600; i += 2)
		p[i] = kmalloc(24);
	for (unsigned int i = 0; i < 600; i++)
		kfree(p[i]);
	kfree(NULL);
	KT_ASSERT_EQ(pmm_free_pages(), before);
}
