// SPDX-License-Identifier: MIT
/*
 * The kernel reading and writing an address space that need not be the
 * loaded one (execve's argument stack, a process's memory for
 * /proc): page by page through its tables, not through CR3 and the
 * exception table as copy_from_user and copy_to_user do (uaccess.c).
 * A write meets the same faults a user write would: a page not yet
 * there is brought in, a copy-on-write page is copied (vm_fault).
 */
#include <kernel/mmu.h>
#include <kernel/vm.h>
#include <lib/string.h>

int vm_write(struct address_space *as, uint64_t va, const void *src,
	     size_t len)
{
	const char *s = src;

	while (len) {
		uint64_t off = va % PAGE_SIZE, n = PAGE_SIZE - off, pte;
		int r;

		if (n > len)
			n = len;
		pte = vm_lookup(as, va);
		if (!(pte & PTE_WRITE)) { /* not there, or copy-on-write */
			r = vm_fault(as, va, PF_WRITE | PF_USER |
					      (pte & PTE_PRESENT ? PF_PRESENT : 0));
			if (r)
				return r;
			pte = vm_lookup(as, va);
		}
		memcpy((char *)PHYS_TO_VIRT(pte & PTE_ADDR_MASK) + off, s, n);
		va += n;
		s += n;
		len -= n;
	}
	return 0;
}

size_t vm_read(const struct address_space *as, uint64_t va, void *dst,
	       size_t len)
{
	char *d = dst;
	size_t done = 0;

	while (done < len) {
		uint64_t off = va % PAGE_SIZE, n = PAGE_SIZE - off;
		uint64_t pte = vm_lookup(as, va);

		/* Present and open to ring 3: a PROT_NONE page is present
		 * only for the kernel's bookkeeping. */
		if (!(pte & PTE_PRESENT) || !(pte & PTE_USER))
			break;
		if (n > len - done)
			n = len - done;
		memcpy(d + done,
		       (const char *)PHYS_TO_VIRT(pte & PTE_ADDR_MASK) + off, n);
		va += n;
		done += n;
	}
	return done;
}
