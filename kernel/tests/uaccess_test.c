// SPDX-License-Identifier: MIT
/*
 * copy_to_user and copy_from_user (kernel/mm/uaccess.c): every length
 * from 0 to 300 at every alignment of source and destination, and copies
 * that run off the end of a user mapping, which must copy exactly the
 * bytes before the hole and report exactly the rest as not copied, even
 * when the quadword loop faults on a quadword that straddles the hole.
 *
 * The test maps one user page at VA in an address space of its own, with
 * nothing after it, and looks at that page through the direct map.
 */
#include <kernel/io.h>
#include <kernel/ktest.h>
#include <kernel/mmu.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/string.h>
#include <uapi/mman.h>

#define VA 0x400000ul
#define HOLE (VA + PAGE_SIZE) /* the first unmapped user byte */
#define MAX_LEN 300
#define BUF (MAX_LEN + 16)

static unsigned char pattern[BUF], kbuf[BUF];

/* A byte no copy writes by accident: differs from the pattern's. */
#define UNTOUCHED 0xee

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)((i * 7 + seed) % 251); /* never 0xee */
}

/*
 * The checks, with the test address space active; 0 when they all pass,
 * else the line of the first that failed (the caller restores CR3
 * before it reports).
 */
static int check_copies(unsigned char *user)
{
	for (size_t len = 0; len <= MAX_LEN; len++)
		for (size_t so = 0; so < 8; so++)
			for (size_t doff = 0; doff < 8; doff++) {
				fill(pattern, BUF, (unsigned int)(len + so));
				memset(user, UNTOUCHED, BUF);
				if (copy_to_user(VA + doff, pattern + so, len))
					return __LINE__;
				if (memcmp(user + doff, pattern + so, len) ||
				    user[doff + len] != UNTOUCHED ||
				    (doff && user[doff - 1] != UNTOUCHED))
					return __LINE__;
				memset(kbuf, UNTOUCHED, BUF);
				if (copy_from_user(kbuf + so, VA + doff, len))
					return __LINE__;
				if (memcmp(kbuf + so, pattern + so, len) ||
				    kbuf[so + len] != UNTOUCHED ||
				    (so && kbuf[so - 1] != UNTOUCHED))
					return __LINE__;
			}

	/* @len bytes starting @inside bytes before the hole. */
	for (size_t len = 1; len <= MAX_LEN; len++)
		for (size_t inside = 0; inside < len; inside++) {
			size_t off = PAGE_SIZE - inside, so = len % 8;

			fill(pattern, BUF, (unsigned int)len);
			memset(user + PAGE_SIZE - BUF, UNTOUCHED, BUF);
			if (copy_to_user(HOLE - inside, pattern + so, len) !=
			    len - inside)
				return __LINE__;
			if (memcmp(user + off, pattern + so, inside) ||
			    user[off - 1] != UNTOUCHED)
				return __LINE__;
			memset(kbuf, UNTOUCHED, BUF);
			if (copy_from_user(kbuf + so, HOLE - inside, len) !=
			    len - inside)
				return __LINE__;
			if (memcmp(kbuf + so, pattern + so, inside) ||
			    kbuf[so + inside] != UNTOUCHED)
				return __LINE__;
		}
	return 0;
}

KTEST(uaccess_copies_exact_bytes)
{
	struct address_space as;
	uint64_t page, cr3 = read_cr3();
	int failed;

	KT_ASSERT(vm_create(&as));
	page = vm_map_new_page(&as, VA, PROT_READ | PROT_WRITE);
	if (!page) {
		vm_destroy(&as);
		KT_ASSERT(!"no page for the test");
	}
	vm_activate(&as);
	failed = check_copies(PHYS_TO_VIRT(page));
	write_cr3(cr3);
	vm_destroy(&as);
	KT_ASSERT_EQ(failed, 0);
}
