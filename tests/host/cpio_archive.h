// SPDX-License-Identifier: MIT
/*
 * tests/host/cpio_archive.h - what test_cpio.c and test_cpio_cases.c share:
 * their result lines, a walk over an archive that checks the reader's
 * contract, and a builder of newc archives from field values, so that a
 * malformed case reads as the one field it spoils.
 *
 * Included after lib/cpio.c.
 */
#ifndef TEST_CPIO_ARCHIVE_H
#define TEST_CPIO_ARCHIVE_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_NOTES 10

static int failures, notes;

static void report(const char *name, int bad)
{
	printf("[%s] cpio: %s\n", bad ? "FAIL" : "OK", name);
	if (bad)
		failures++;
	notes = 0; /* the next check gets its own details */
}

/* A detail of a failing check, printed under it (the first few only). */
static int note(const char *fmt, ...)
{
	va_list ap;

	if (notes++ < MAX_NOTES) {
		va_start(ap, fmt);
		printf("  ");
		vprintf(fmt, ap);
		printf("\n");
		va_end(ap);
	}
	return 1;
}

/* A copy of @p in a block of exactly @n bytes, so ASan sees over-reads. */
static unsigned char *exact_copy(const void *p, size_t n)
{
	unsigned char *q = malloc(n ? n : 1);

	if (!q) {
		perror("malloc");
		exit(2);
	}
	memcpy(q, p, n);
	return q;
}

/*
 * Read @n bytes of archive to the end; returns 0 or -1, or 2 if the
 * reader broke its contract (another value, entries outside the buffer,
 * an answer that changed after the end). *entries counts the 1s.
 */
static int walk(const unsigned char *buf, size_t n, struct cpio_reader *r,
		int *entries)
{
	struct cpio_entry e;
	int ret;

	cpio_init(r, buf, n);
	*entries = 0;
	while ((ret = cpio_next(r, &e)) == 1) {
		/* Addresses as numbers: no pointer arithmetic out of bounds. */
		uintptr_t start = (uintptr_t)buf, end = start + n;
		uintptr_t name = (uintptr_t)e.name, data = (uintptr_t)e.data;

		/* The name's NUL, name[name_len], is inside too. */
		if (name < start || name >= end || e.name_len >= end - name ||
		    e.name[e.name_len] != '\0' || data < start || data > end ||
		    e.size > end - data)
			return 2;
		++*entries;
	}
	if (ret == -1 && (!r->error || r->error_off > n))
		return 2;
	if (ret != 0 && ret != -1)
		return 2;
	return cpio_next(r, &e) == ret ? ret : 2;
}

/* ------------------------------------------------ building archives */

struct archive {
	unsigned char *buf;
	size_t len, cap;
};

static void put(struct archive *a, const void *p, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2;
		a->buf = realloc(a->buf, a->cap);
		if (!a->buf) {
			perror("realloc");
			exit(2);
		}
	}
	if (n)
		memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad4(struct archive *a)
{
	while (a->len % 4)
		put(a, "", 1);
}

/* The 13 header fields, in file order. */
struct newc {
	const char *magic;
	uint32_t ino, mode, uid, gid, nlink, mtime, filesize;
	uint32_t devmajor, devminor, rdevmajor, rdevminor, namesize, check;
};

static const char *magic = "070701"; /* of the entries add() makes */

/* Fields of an ordinary entry; a test then spoils the one it is about. */
static struct newc fields(uint32_t mode, const char *name, size_t size)
{
	static uint32_t ino = 100;
	struct newc h = {
		.magic = magic,
		.ino = ino++,
		.mode = mode,
		.nlink = 1,
		.mtime = 1700000000,
		.filesize = (uint32_t)size,
		.devmajor = 8,
		.devminor = 1,
		.namesize = (uint32_t)strlen(name) + 1,
	};

	return h;
}

static void put_header(struct archive *a, const struct newc *h)
{
	char s[CPIO_HEADER_SIZE + 1];

	snprintf(s, sizeof(s),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 h->magic, h->ino, h->mode, h->uid, h->gid, h->nlink, h->mtime,
		 h->filesize, h->devmajor, h->devminor, h->rdevmajor,
		 h->rdevminor, h->namesize, h->check);
	put(a, s, CPIO_HEADER_SIZE);
}

/* Header @h, then @name (namesize bytes of it, so it may hold or lack
 * NULs as @h says), padding, @size bytes of @data, padding. */
static void put_entry(struct archive *a, const struct newc *h, const char *name,
		      const void *data, size_t size)
{
	put_header(a, h);
	put(a, name, h->namesize);
	pad4(a);
	put(a, data, size);
	pad4(a);
}

static uint32_t sum(const void *data, size_t size)
{
	const unsigned char *p = data;
	uint32_t s = 0;

	for (size_t i = 0; i < size; i++)
		s += p[i];
	return s;
}

/* A well-formed entry (with the crc variant's checksum, if a file). */
static void add(struct archive *a, uint32_t mode, const char *name,
		const char *data)
{
	size_t size = data ? strlen(data) : 0;
	struct newc h = fields(mode, name, size);

	if ((mode & S_IFMT) == S_IFREG && !strcmp(magic, "070702"))
		h.check = sum(data, size);
	put_entry(a, &h, name, data, size);
}

static void add_trailer(struct archive *a)
{
	struct newc h = fields(0, "TRAILER!!!", 0);

	h.ino = 0;
	put_entry(a, &h, "TRAILER!!!", NULL, 0);
}

#endif /* TEST_CPIO_ARCHIVE_H */
