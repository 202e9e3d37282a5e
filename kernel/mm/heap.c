// SPDX-License-Identifier: MIT
/*
 * kmalloc and kfree: size classes of 16, 32, ... 2048 bytes, each served
 * from pages of its own (a simple slab allocator).
 *
 * A page starts with a header naming its class and counting the objects
 * in use; its free objects form a list. kfree finds the header by
 * rounding the address down to the page, and a page whose last object
 * comes back returns to the page allocator, so the heap never holds
 * memory nobody uses (the leak tests count on that).
 */
#include <stdint.h>

#include <kernel/heap.h>
#include <kernel/mmu.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>

#define NR_CLASSES 8 /* 16 << 0 ... 16 << 7 = 2048 */
#define HEAP_MAGIC 0x6b6d616c6c6f6321ull

struct free_object {
	struct free_object *next;
};

struct slab {
	uint64_t magic;
	unsigned int class;
	unsigned int in_use;
	struct free_object *free;
	struct slab *next; /* pages of this class with free objects */
};

static struct slab *partial[NR_CLASSES];
uint64_t heap_pages; /* pages the slabs hold (/proc/meminfo's Slab) */

static size_t class_size(unsigned int class)
{
	return (size_t)16 << class;
}

static struct slab *new_slab(unsigned int class)
{
	uint64_t page = alloc_page();
	struct slab *s;
	size_t size = class_size(class);

	if (!page)
		return NULL;
	heap_pages++;
	s = PHYS_TO_VIRT(page);
	s->magic = HEAP_MAGIC;
	s->class = class;
	s->in_use = 0;
	s->free = NULL;
	/* The first object starts at a multiple of its size (16 at least). */
	for (size_t off = (sizeof(*s) + size - 1) / size * size;
	     off + size <= PAGE_SIZE; off += size) {
		struct free_object *o = (void *)((char *)s + off);

		o->next = s->free;
		s->free = o;
	}
	s->next = partial[class];
	partial[class] = s;
	return s;
}

void *kmalloc(size_t size)
{
	unsigned int class = 0;
	struct slab *s;
	struct free_object *o;

	if (size == 0 || size > KMALLOC_MAX)
		return NULL;
	while (class_size(class) < size)
		class++;
	s = partial[class] ? partial[class] : new_slab(class);
	if (!s)
		return NULL;
	o = s->free;
	s->free = o->next;
	s->in_use++;
	if (!s->free)
		partial[class] = s->next; /* full: off the list */
	return o;
}

static void unlink_slab(struct slab *s)
{
	for (struct slab **p = &partial[s->class]; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			return;
		}
}

void kfree(void *ptr)
{
	struct slab *s;
	struct free_object *o = ptr;

	if (!ptr)
		return;
	s = (struct slab *)((uint64_t)ptr & ~(PAGE_SIZE - 1));
	if (s->magic != HEAP_MAGIC || s->in_use == 0)
		panic("kfree(%p): not a kmalloc'ed object", ptr);
	if (!s->free) { /* was full: back on the list */
		s->next = partial[s->class];
		partial[s->class] = s;
	}
	o->next = s->free;
	s->free = o;
	if (--s->in_use == 0) {
		unlink_slab(s);
		s->magic = 0;
		heap_pages--;
		free_page((uint64_t)s - PHYS_MAP_BASE);
	}
}
