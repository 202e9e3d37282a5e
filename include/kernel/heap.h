/* SPDX-License-Identifier: MIT */
/*
 * The kernel heap (kernel/mm/heap.c): kmalloc and kfree for objects of up to
 * KMALLOC_MAX bytes. Bigger things take whole pages from alloc_page().
 */
#ifndef KERNEL_HEAP_H
#define KERNEL_HEAP_H

#include <stddef.h>
#include <stdint.h>

#define KMALLOC_MAX 2048

/* @size bytes, 16-byte aligned, or NULL (0 bytes, too big, no memory). */
void *kmalloc(size_t size);
void kfree(void *p);
/* The pages the heap holds now (/proc/meminfo's Slab). */
extern uint64_t heap_pages;

#endif
