// SPDX-License-Identifier: MIT
/*
 * tests/host/test_cpio.c - lib/cpio.c against GNU cpio and damaged copies
 * of its archives (test_cpio_cases.c has the hand-made ones).
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_cpio.c -o /tmp/test_cpio && /tmp/test_cpio
 *
 * Includes lib/cpio.c itself and needs Debian's cpio(1) on the PATH
 * (tools/setup.sh installs it). Worth building once with
 * -fsanitize=address,undefined as well: every archive handed to the reader
 * is copied into a malloc'd block of exactly its size, so AddressSanitizer
 * turns any read past the end into a crash. One line per check,
 * "[OK] cpio: <name>" or "[FAIL] cpio: <name>", then details; the exit
 * status is 0 only if all passed.
 *
 *   real archives - a tree made in a fresh mkdtemp directory (directories,
 *                   empty, 4-byte and 100003-byte files, a symlink, a
 *                   255-byte name, a hard link pair, a fifo) archived by
 *                   `cpio -o -H newc` and `-H crc`; every entry is
 *                   compared with lstat(), readlink() and the file's bytes;
 *                   two archives concatenated read as one stream;
 *   truncation    - every prefix of the newc and crc archives ends in -1
 *                   with a "truncated" message, up to the trailer's end;
 *                   after it, every length ends in 0;
 *   fuzz          - 30000 deterministic mutations of a small archive: the
 *                   reader returns 1, 0 or -1 and its pointers stay inside
 *                   the buffer.
 */
#define _GNU_SOURCE /* mkdtemp, memmem, major/minor */
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../../lib/cpio.c"
#include "cpio_archive.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull; /* fixed seed: reproducible */

static uint64_t xorshift(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* ---------------------------------------------- real archives: the tree */

static char tree[64];	      /* the mkdtemp directory */
static char big[100003];      /* contents of "big" */
static const char *long_name; /* 255 x's */

/* Every path of the tree, as the archive should name it. */
static const char *nodes[] = {
	"",	  "d",	  "d/e", "d/e/f", "d/e/f/deep",
	"empty",  "four", "big", "link",  ".hidden",
	"..dots", "h1",	  "h2",	 "fifo",  NULL /* long_name, filled in */,
};
#define NR_NODES (sizeof(nodes) / sizeof(nodes[0]))
static int seen[NR_NODES];

static void write_file(const char *rel, const void *p, size_t n, mode_t mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tree, rel);
	f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) || chmod(path, mode)) {
		perror(path);
		exit(2);
	}
}

static void make_tree(void)
{
	static char name[255 + 1];
	char path[512];
	int ok = 1;

	strcpy(tree, "/tmp/test_cpio.XXXXXX");
	if (!mkdtemp(tree)) {
		perror("mkdtemp");
		exit(2);
	}
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)xorshift();
	memset(name, 'x', 255);
	long_name = nodes[NR_NODES - 1] = name;

	snprintf(path, sizeof(path), "%s/d", tree);
	ok &= mkdir(path, 0755) == 0;
	snprintf(path, sizeof(path), "%s/d/e", tree);
	ok &= mkdir(path, 0700) == 0;
	snprintf(path, sizeof(path), "%s/d/e/f", tree);
	ok &= mkdir(path, 0750) == 0;
	write_file("d/e/f/deep", "deep\n", 5, 04755);
	write_file("empty", "", 0, 0644);
	write_file("four", "abcd", 4, 0600);
	write_file("big", big, sizeof(big), 0644);
	write_file(".hidden", "h", 1, 0644);
	write_file("..dots", "dots", 4, 0444);
	write_file(long_name, "long", 4, 0644);
	write_file("h1", "hard link data\n", 15, 0640);
	snprintf(path, sizeof(path), "%s/link", tree);
	ok &= symlink("d/e/f/deep", path) == 0;
	{
		char from[512];

		snprintf(from, sizeof(from), "%s/h1", tree);
		snprintf(path, sizeof(path), "%s/h2", tree);
		ok &= link(from, path) == 0;
	}
	snprintf(path, sizeof(path), "%s/fifo", tree);
	ok &= mkfifo(path, 0640) == 0;
	if (!ok) {
		perror("making the tree");
		exit(2);
	}
}

static unsigned char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			p = realloc(p, cap);
			if (!p)
				exit(2);
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return p;
}

/* Run GNU cpio over the tree in @format (newc or crc). */
static unsigned char *gnu_cpio(const char *format, size_t *len)
{
	char cmd[512], out[128];
	unsigned char *p;

	snprintf(out, sizeof(out), "%s.%s.cpio", tree, format);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && find . | LC_ALL=C sort | "
		 "cpio -o -H %s --quiet > %s",
		 tree, format, out);
	if (system(cmd) != 0)
		return NULL;
	p = read_whole(out, len);
	unlink(out);
	return p;
}

static int file_matches(const char *path, const void *data, size_t size)
{
	size_t n;
	unsigned char *p = read_whole(path, &n);
	int same = p && n == size && !memcmp(p, data, n);

	free(p);
	return same;
}

/* One entry against the tree: returns the number of mismatches. */
static int check_entry(const struct cpio_entry *e, int *hard_data)
{
	char path[512], target[4096];
	struct stat st;
	size_t i;
	ssize_t n;
	int bad = 0;

	for (i = 0; i < NR_NODES; i++)
		if (strlen(nodes[i]) == e->name_len &&
		    !memcmp(nodes[i], e->name, e->name_len))
			break;
	if (i == NR_NODES)
		return note("unexpected name '%.*s'", (int)e->name_len,
			    e->name);
	if (seen[i]++)
		bad += note("'%s' twice", nodes[i]);
	snprintf(path, sizeof(path), "%s/%s", tree, nodes[i]);
	if (lstat(path, &st))
		return note("lstat %s failed", path);
	if (e->mode != st.st_mode || e->uid != st.st_uid ||
	    e->gid != st.st_gid || e->nlink != st.st_nlink ||
	    e->mtime != (uint32_t)st.st_mtime ||
	    e->devmajor != major(st.st_dev) || e->devminor != minor(st.st_dev))
		bad += note("'%s': mode %o uid %u nlink %u mtime %u dev %u:%u"
			    " differ from lstat",
			    nodes[i], e->mode, e->uid, e->nlink, e->mtime,
			    e->devmajor, e->devminor);
	switch (st.st_mode & S_IFMT) {
	case S_IFREG:
		/* newc stores a hard-linked file's data once, with the
		 * last link; the others come with filesize 0. */
		if (st.st_nlink > 1 && e->size == 0 && st.st_size != 0)
			break;
		if (st.st_nlink > 1)
			++*hard_data;
		if (e->size != (size_t)st.st_size ||
		    !file_matches(path, e->data, e->size))
			bad += note("'%s': data differ", nodes[i]);
		break;
	case S_IFLNK:
		n = readlink(path, target, sizeof(target));
		if (n < 0 || e->size != (size_t)n ||
		    memcmp(e->data, target, (size_t)n))
			bad += note("'%s': target differs", nodes[i]);
		break;
	default: /* directories and the fifo */
		if (e->size)
			bad += note("'%s': size %zu", nodes[i], e->size);
	}
	return bad;
}

/* An archive of the tree read entry by entry against lstat(). */
static void check_real(const char *label, const unsigned char *full, size_t len)
{
	struct cpio_reader r;
	struct cpio_entry e;
	char name[128];
	uint32_t ino_h1 = 0, ino_h2 = 1;
	int bad = 0, hard_data = 0, ret, entries = 0;
	unsigned char *copy = exact_copy(full, len);

	for (size_t i = 0; i < NR_NODES; i++)
		seen[i] = 0;
	cpio_init(&r, copy, len);
	while ((ret = cpio_next(&r, &e)) == 1) {
		entries++;
		bad += check_entry(&e, &hard_data);
		if (e.name_len == 0 &&
		    (e.name[0] != '\0' || (e.mode & S_IFMT) != S_IFDIR))
			bad += note("root entry: name or type wrong");
		if (e.name_len == 2 && !memcmp(e.name, "h1", 2))
			ino_h1 = e.ino;
		if (e.name_len == 2 && !memcmp(e.name, "h2", 2))
			ino_h2 = e.ino;
	}
	if (ret != 0)
		bad +=
		    note("ended with %d: %s at %zu", ret, r.error, r.error_off);
	for (size_t i = 0; i < NR_NODES; i++)
		if (!seen[i])
			bad += note("'%s' missing", nodes[i]);
	snprintf(name, sizeof(name), "%s: every entry matches lstat and data",
		 label);
	report(name, bad || entries != (int)NR_NODES);
	printf("  (%d entries)\n", entries);

	snprintf(name, sizeof(name), "%s: hard links share ino, data once",
		 label);
	report(name, ino_h1 != ino_h2 || hard_data != 1);
	snprintf(name, sizeof(name), "%s: end returns 0, and again", label);
	report(name, ret != 0 || cpio_next(&r, &e) != 0 || r.off != len);
	free(copy);
}

/* Offset just past the padded TRAILER!!! entry: the archive proper. */
static size_t trailer_end(const unsigned char *buf, size_t len)
{
	const unsigned char *t = memmem(buf, len, "TRAILER!!!", 11);

	return t ? ((size_t)(t - buf) + 11 + 3) / 4 * 4 : 0;
}

/* Two archives with NUL padding between them read as one stream. */
static void check_concatenated(const unsigned char *a, size_t alen,
			       const unsigned char *b, size_t blen)
{
	struct archive cat = { 0 };
	struct cpio_reader r;
	size_t a_end = trailer_end(a, alen);
	static const char zeros[12];
	unsigned char *buf;
	int entries, ret;

	put(&cat, a, a_end);
	put(&cat, zeros, sizeof(zeros)); /* any multiple of 4 */
	put(&cat, b, blen);		 /* with its 512-byte padding */
	buf = exact_copy(cat.buf, cat.len);
	ret = walk(buf, cat.len, &r, &entries);
	if (ret)
		note("ended with %d: %s at %zu", ret, r.error, r.error_off);
	report("concatenated newc + 12 NULs + crc read as one stream",
	       ret != 0 || entries != 2 * (int)NR_NODES);
	free(buf);

	/* The same with 1 NUL: the second archive is misaligned. */
	cat.len = a_end;
	put(&cat, zeros, 1);
	put(&cat, b, blen);
	buf = exact_copy(cat.buf, cat.len);
	ret = walk(buf, cat.len, &r, &entries);
	report("concatenated at an unaligned offset: garbage after trailer",
	       ret != -1 || strcmp(r.error, "garbage after trailer") ||
		   r.error_off != a_end + 1);
	free(buf);
	free(cat.buf);
}

/*
 * Every prefix shorter than the archive proper fails with a "truncated"
 * message; every longer one (the trailer's NUL padding) ends in 0.
 */
static void check_truncation(const char *label, const unsigned char *full,
			     size_t len)
{
	size_t end = trailer_end(full, len);
	char name[128];
	int bad = 0;

	for (size_t n = 0; n <= len; n++) {
		unsigned char *buf = exact_copy(full, n);
		struct cpio_reader r;
		int entries, ret = walk(buf, n, &r, &entries);

		if (n < end && (ret != -1 || strncmp(r.error, "truncated", 9)))
			bad += note("prefix %zu: %d (%s)", n, ret,
				    ret == -1 ? r.error : "no error");
		if (n >= end && ret != 0)
			bad += note("prefix %zu: %d (%s)", n, ret, r.error);
		free(buf);
	}
	snprintf(name, sizeof(name),
		 "%s: every prefix truncated, every one with the trailer read",
		 label);
	report(name, bad || end == 0);
	printf("  (%zu prefixes without the trailer, %zu with it)\n", end,
	       len - end + 1);
}

static void real_archives(void)
{
	unsigned char *newc, *crc;
	size_t newc_len, crc_len;
	char cmd[128];

	make_tree();
	newc = gnu_cpio("newc", &newc_len);
	crc = gnu_cpio("crc", &crc_len);
	if (newc && crc) {
		check_real("GNU cpio newc", newc, newc_len);
		check_real("GNU cpio crc", crc, crc_len);
	}
	/* The rest needs only the archives: no tree left behind if the
	 * reader crashes in them. */
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tree);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tree);
	if (newc && crc) {
		check_concatenated(newc, newc_len, crc, crc_len);
		check_truncation("newc", newc, newc_len);
		check_truncation("crc", crc, crc_len);
	} else {
		report("GNU cpio ran (sh tools/setup.sh installs it)", 1);
	}
	free(newc);
	free(crc);
}

/* ------------------------------------------------------------- fuzz */

/* A small archive with one entry of each kind, in @variant's magic. */
static void small_archive(struct archive *a, const char *variant)
{
	struct newc h;

	magic = variant;
	add(a, S_IFDIR | 0755, ".", NULL);
	add(a, S_IFDIR | 0755, "d", NULL);
	add(a, S_IFREG | 0644, "d/f", "hello, world\n");
	add(a, S_IFLNK | 0777, "l", "d/f");
	add(a, S_IFIFO | 0600, "p", NULL);
	h = fields(S_IFCHR | 0600, "c", 0);
	h.rdevmajor = 4;
	h.rdevminor = 64;
	put_entry(a, &h, "c", NULL, 0);
	h = fields(S_IFREG | 0644, "h1", 0);
	h.nlink = 2;
	put_entry(a, &h, "h1", NULL, 0);
	h.namesize = 3;
	h.filesize = 5;
	h.check = sum("four\n", 5);
	put_entry(a, &h, "h2", "four\n", 5);
	add_trailer(a);
	put(a, "\0\0\0\0\0\0\0\0", 8);
	magic = "070701";
}

static void fuzz(void)
{
	static const char hex[] = "0123456789abcdefABCDEF";
	struct archive a = { 0 };
	int outcome[3] = { 0 }, bad = 0;

	for (int i = 0; i < 30000; i++) {
		struct cpio_reader r;
		unsigned char *buf;
		size_t n;
		int entries, ret, k = 1 + (int)(xorshift() % 4);

		a.len = 0;
		small_archive(&a, i % 2 ? "070702" : "070701");
		n = a.len;
		while (k--) {
			size_t at = xorshift() % a.len;

			switch (xorshift() % 4) {
			case 0: /* one bit */
				a.buf[at] ^=
				    (unsigned char)(1 << xorshift() % 8);
				break;
			case 1: /* any byte */
				a.buf[at] = (unsigned char)xorshift();
				break;
			case 2: /* a plausible hex digit */
				a.buf[at] = (unsigned char)hex[xorshift() % 22];
				break;
			default: /* cut short */
				n = xorshift() % (a.len + 1);
			}
		}
		buf = exact_copy(a.buf, n);
		ret = walk(buf, n, &r, &entries);
		if (ret == 2)
			bad += note("mutation %d broke the contract", i);
		else
			outcome[ret + 1]++;
		free(buf);
	}
	free(a.buf);
	report("fuzz: 30000 mutations return 1/0/-1, pointers in buffer", bad);
	printf("  (%d rejected, %d read to the end)\n", outcome[0], outcome[1]);
}

int main(void)
{
	real_archives();
	fuzz();
	return failures ? 1 : 0;
}
