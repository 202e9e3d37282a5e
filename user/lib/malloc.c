// SPDX-License-Identifier: MIT
/*
 * malloc and free: a first-fit free list over sbrk, K&R style. Each block
 * starts with its size; free blocks are kept in address order and merged
 * with their neighbours.
 */
#include "user.h"

struct block {
	size_t size;        /* bytes, header included */
	struct block *next; /* only while free */
};

/* The header takes 16 bytes, so the memory after it stays 16-aligned. */
#define HEADER 16
#define MIN_BLOCK 32

static struct block *free_list;

void free(void *ptr)
{
	struct block *b, **p;

	if (!ptr)
		return;
	b = (struct block *)((char *)ptr - HEADER);
	for (p = &free_list; *p && *p < b; p = &(*p)->next)
		;
	b->next = *p;
	*p = b;
	if (b->next && (char *)b + b->size == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (p != &free_list) {
		struct block *prev = (struct block *)((char *)p -
						       offsetof(struct block, next));
		if ((char *)prev + prev->size == (char *)b) {
			prev->size += b->size;
			prev->next = b->next;
		}
	}
}

void *malloc(size_t size)
{
	size_t need = (size + HEADER + 15) & ~(size_t)15;

	_Static_assert(sizeof(struct block) <= HEADER, "header fits");
	struct block **p, *b;

	if (size == 0 || size > (1ul << 40))
		return NULL;
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	for (p = &free_list; *p; p = &(*p)->next) {
		b = *p;
		if (b->size < need)
			continue;
		if (b->size - need >= MIN_BLOCK) {
			struct block *rest = (struct block *)((char *)b + need);

			rest->size = b->size - need;
			rest->next = b->next;
			*p = rest;
			b->size = need;
		} else {
			*p = b->next;
		}
		return (char *)b + HEADER;
	}
	b = sbrk((long)need);
	if (b == (void *)-1)
		return NULL;
	b->size = need;
	return (char *)b + HEADER;
}
