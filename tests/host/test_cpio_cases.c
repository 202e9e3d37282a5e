// SPDX-License-Identifier: MIT
/*
 * tests/host/test_cpio_cases.c - lib/cpio.c on hand-made archives: each
 * malformed one must be rejected with its own message, and each odd but
 * valid one must read as include/lib/cpio.h says.
 *
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -I include \
 *       tests/host/test_cpio_cases.c -o /tmp/t && /tmp/t
 *
 * Includes lib/cpio.c itself. The archives are built field by field
 * (cpio_archive.h) and copied into blocks of exactly their size, so a
 * build with -fsanitize=address catches any read past the end. One line
 * per case, "[OK] cpio: rejects <what>: <message>" or "[OK] cpio: accepts
 * <what>" (or [FAIL] and details); the exit status is 0 only if all passed.
 */
#include "../../lib/cpio.c"
#include "cpio_archive.h"

/* -------------------------------------------------------- malformed */

static struct archive a; /* the case being built */

/* A fresh archive that starts with a good root entry. */
static void start(void)
{
	a.len = 0;
	add(&a, S_IFDIR | 0755, ".", NULL);
}

#define ANYWHERE ((size_t)-1)

/* Reading a must fail with @want at offset @off (unless ANYWHERE); then a
 * is emptied. */
static void expect_error_at(const char *label, const char *want, size_t off)
{
	unsigned char *buf = exact_copy(a.buf, a.len);
	struct cpio_reader r;
	int entries, ret = walk(buf, a.len, &r, &entries);
	char name[160];
	int bad = ret != -1 || strcmp(r.error, want) ||
		  (off != ANYWHERE && r.error_off != off);

	if (bad)
		note("got %d (%s at %zu), want -1 (%s at %zd)", ret,
		     ret == -1 ? r.error : "-", r.error_off, want,
		     (ssize_t)off);
	snprintf(name, sizeof(name), "rejects %s: %s", label, want);
	report(name, bad);
	free(buf);
	a.len = 0;
}

static void expect_error(const char *label, const char *want)
{
	expect_error_at(label, want, ANYWHERE);
}

/* An entry of @mode named @name, with @size bytes of @data. */
static void add_sized(uint32_t mode, const char *name, const void *data,
		      size_t size)
{
	struct newc h = fields(mode, name, size);

	put_entry(&a, &h, name, data, size);
}

static void bad_names(void)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{ "/etc/passwd", "absolute name" },
		{ "../x", "name has a '..' component" },
		{ "./../x", "name has a '..' component" },
		{ "a/../b", "name has a '..' component" },
		{ "a/..", "name has a '..' component" },
		{ "a//b", "name has an empty component" },
		{ ".//a", "name has an empty component" },
		{ "dir/", "name ends with '/'" },
		{ "./", "name ends with '/'" },
		{ "a/./b", "name has a '.' component" },
		{ "./a/./b", "name has a '.' component" },
		{ "a/.", "name has a '.' component" },
	};
	char name[4200];
	struct newc h;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char label[64];

		start();
		add(&a, S_IFDIR | 0755, cases[i].name, NULL);
		add_trailer(&a);
		snprintf(label, sizeof(label), "\"%s\"", cases[i].name);
		expect_error(label, cases[i].want);
	}

	start();
	h = fields(S_IFREG | 0644, "", 0);
	h.namesize = 0;
	put_header(&a, &h);
	add_trailer(&a);
	/* Root entry 0-111; the second header's namesize field at 206. */
	expect_error_at("namesize 0", "namesize is 0", 112 + 6 + 8 * 11);
	start();
	add(&a, S_IFREG | 0644, "", NULL); /* namesize 1: just the NUL */
	add_trailer(&a);
	expect_error("namesize 1", "empty name");
	start();
	h = fields(S_IFREG | 0644, "abcd", 0);
	h.namesize = 4; /* "abcd", no room for the NUL */
	put_entry(&a, &h, "abcd", NULL, 0);
	add_trailer(&a);
	expect_error("a name without its NUL", "name is not NUL-terminated");
	start();
	h = fields(S_IFREG | 0644, "a", 0);
	h.namesize = 4;
	put_entry(&a, &h, "a\0b", NULL, 0);
	add_trailer(&a);
	expect_error_at("\"a\\0b\"", "NUL inside name", 112 + 110 + 1);
	start();
	h = fields(S_IFREG | 0644, "a", 0);
	h.namesize = 3; /* the NUL just before the last one */
	put_entry(&a, &h, "a\0", NULL, 0);
	add_trailer(&a);
	expect_error("\"a\\0\"", "NUL inside name");

	start();
	h = fields(S_IFREG | 0644, "a", 0);
	h.namesize = 0xffffffff;
	put_header(&a, &h);
	put(&a, "a\0", 2);
	pad4(&a);
	add_trailer(&a);
	expect_error("namesize 0xffffffff", "name too long");
	memset(name, 'x', 4096); /* 4096 bytes: one too many */
	for (int i = 255; i < 4096; i += 256)
		name[i] = '/';
	name[4096] = '\0';
	start();
	add(&a, S_IFREG | 0644, name, NULL);
	add_trailer(&a);
	expect_error("a 4096-byte name", "name too long");
	memset(name, 'y', 256);
	name[256] = '\0';
	start();
	add(&a, S_IFREG | 0644, name, NULL);
	add_trailer(&a);
	expect_error("a 256-byte component", "name component too long");
	start();
	h = fields(S_IFREG | 0644, "abc", 0);
	h.namesize = 200; /* the buffer ends after "abc\0" */
	put_header(&a, &h);
	put(&a, "abc", 4);
	expect_error("namesize past the end", "truncated name");
}

static void bad_headers(void)
{
	static const char *const names[NR_FIELDS] = {
		"ino",	     "mode",	 "uid",	     "gid",	 "nlink",
		"mtime",     "filesize", "devmajor", "devminor", "rdevmajor",
		"rdevminor", "namesize", "check",
	};
	/* Bytes that are not hex digits, and how to print them. */
	static const char spoilers[] = "g -xG.+\0";
	static const char *const shown[] = { "g", "space", "-", "x",
					     "G", ".",	   "+", "NUL" };
	struct newc h;

	start();
	h = fields(S_IFREG | 0644, "a", 0);
	h.magic = "070707"; /* the old portable ASCII format */
	put_entry(&a, &h, "a", NULL, 0);
	add_trailer(&a);
	expect_error("magic 070707", "bad magic");
	put(&a, "\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
	expect_error("a gzip'd archive", "compressed archive (not supported)");
	start();
	put(&a, "07070100000001000041ED", 22);
	expect_error("a 22-byte header", "truncated header");

	/* Each field in turn, one digit replaced by a non-hex byte. */
	for (int i = 0; i < NR_FIELDS; i++) {
		char label[64], want[64];
		size_t at;

		start();
		at = a.len + 6 + 8 * (size_t)i + (size_t)i % 8;
		add(&a, S_IFREG | 0644, "f", NULL);
		add_trailer(&a);
		a.buf[at] = (unsigned char)spoilers[i % 8];
		snprintf(label, sizeof(label), "%s in field %s", shown[i % 8],
			 names[i]);
		snprintf(want, sizeof(want), "field %s is not hex", names[i]);
		expect_error_at(label, want, at - (size_t)i % 8);
	}

	start();
	add(&a, 0200000 | S_IFREG | 0644, "f", NULL);
	add_trailer(&a);
	expect_error("mode 0200644", "mode has bits above 0177777");
	start();
	h = fields(S_IFREG | 0644, "f", 0);
	h.filesize = 0xffffffff;
	put_entry(&a, &h, "f", "abcd", 4);
	add_trailer(&a);
	expect_error("filesize 0xffffffff", "truncated data");
	start();
	h = fields(S_IFREG | 0644, "f", 0);
	h.filesize = 5;
	put_entry(&a, &h, "f", "abcd", 4); /* exactly to the end */
	expect_error("filesize 1 past the end", "truncated data");
}

static void bad_types(void)
{
	struct newc h;
	char target[4097];

	start();
	add(&a, S_IFDIR | 0755, "d", "data");
	add_trailer(&a);
	expect_error("a directory with data", "directory has data");
	start();
	add(&a, S_IFLNK | 0777, "l", "");
	add_trailer(&a);
	expect_error("a symlink to \"\"", "symlink target is empty");
	memset(target, 't', 4096);
	target[4096] = '\0';
	start();
	add(&a, S_IFLNK | 0777, "l", target);
	add_trailer(&a);
	expect_error("a 4096-byte symlink target", "symlink target too long");
	start();
	add_sized(S_IFLNK | 0777, "l", "a\0b", 3);
	add_trailer(&a);
	expect_error("a symlink to \"a\\0b\"", "symlink target contains NUL");
	start();
	add(&a, S_IFSOCK | 0755, "s", NULL);
	add_trailer(&a);
	expect_error("a socket", "unsupported file type");
	start();
	add(&a, 0644, "f", NULL); /* no type bits at all */
	add_trailer(&a);
	expect_error("file type 0", "unsupported file type");
	start();
	add(&a, 0070000 | 0644, "f", NULL);
	add_trailer(&a);
	expect_error("file type 0070000", "unsupported file type");
	start();
	add(&a, S_IFCHR | 0600, "c", "x");
	add_trailer(&a);
	expect_error("a device with data", "device has data");
	start();
	add(&a, S_IFIFO | 0600, "p", "x");
	add_trailer(&a);
	expect_error("a fifo with data", "fifo has data");
	a.len = 0;
	add(&a, S_IFREG | 0644, ".", NULL);
	add_trailer(&a);
	expect_error("a file as the root", "root entry is not a directory");

	start();
	h = fields(S_IFREG | 0644, "f", 5);
	h.magic = "070702";
	h.check = sum("hello", 5) + 1;
	put_entry(&a, &h, "f", "hello", 5);
	add_trailer(&a);
	expect_error("a 070702 file with a wrong sum", "checksum mismatch");
}

static void bad_layout(void)
{
	struct newc h;

	expect_error("an empty buffer", "truncated: no TRAILER!!!");
	start();
	add(&a, S_IFREG | 0644, "f", "data");
	expect_error_at("no trailer", "truncated: no TRAILER!!!", a.len);
	start();
	add_trailer(&a);
	put(&a, "junk", 4);
	expect_error("\"junk\" after the trailer", "garbage after trailer");
	start();
	add_trailer(&a);
	put(&a, "\0\0\0\1", 4);
	expect_error_at("a 1 among the trailer's NULs", "garbage after trailer",
			a.len - 1);
	start();
	h = fields(0, "TRAILER!!!", 4);
	put_entry(&a, &h, "TRAILER!!!", "data", 4);
	expect_error("a trailer with data", "trailer has data");
	/* Root entry 0-111, header 112-221, "ab\0" 222-224, padding
	 * 225-227, "abc" 228-230, padding 231. */
	start();
	add(&a, S_IFREG | 0644, "ab", "abc");
	add_trailer(&a);
	a.buf[227] = 'x';
	expect_error_at("a byte in the name's padding",
			"nonzero padding after name", 225);
	start();
	add(&a, S_IFREG | 0644, "ab", "abc");
	add_trailer(&a);
	a.buf[231] = 'x';
	expect_error_at("a byte in the data's padding",
			"nonzero padding after data", 231);
}

/* --------------------------------------------------------- accepted */

static struct cpio_entry got[20];
static int nr_got;

/* Reading a must end in 0; its entries are left in got[]. */
static int read_ok(void)
{
	static unsigned char *buf;
	struct cpio_reader r;
	int ret;

	free(buf);
	buf = exact_copy(a.buf, a.len);
	cpio_init(&r, buf, a.len);
	nr_got = 0;
	while (nr_got < 20 && (ret = cpio_next(&r, &got[nr_got])) == 1)
		nr_got++;
	if (ret != 0)
		note("ended with %d: %s at %zu", ret, r.error, r.error_off);
	a.len = 0;
	return ret == 0;
}

static int name_is(int i, const char *want)
{
	if (i < nr_got && got[i].name_len == strlen(want) &&
	    !memcmp(got[i].name, want, got[i].name_len))
		return 1;
	note("entry %d is '%.*s', want '%s'", i,
	     i < nr_got ? (int)got[i].name_len : 0,
	     i < nr_got ? got[i].name : "", want);
	return 0;
}

static void accepted(void)
{
	char name[4200], target[4096];
	struct newc h;
	int ok;

	a.len = 0;
	add(&a, S_IFDIR | 0755, "./.", NULL);
	add(&a, S_IFDIR | 0755, ".", NULL);
	add(&a, S_IFDIR | 0755, "./d", NULL);
	add(&a, S_IFREG | 0644, "./d/b", "b");
	add(&a, S_IFREG | 0644, "././c", "c");
	add(&a, S_IFREG | 0644, "...", NULL);
	add(&a, S_IFREG | 0644, ".a/..b", NULL);
	add(&a, S_IFREG | 0644, "./TRAILER!!!", NULL);
	add_trailer(&a);
	ok = read_ok() && nr_got == 8 && name_is(0, "") && name_is(1, "") &&
	     name_is(2, "d") && name_is(3, "d/b") && name_is(4, "c") &&
	     name_is(5, "...") && name_is(6, ".a/..b") &&
	     name_is(7, "TRAILER!!!") && got[0].name[0] == '\0';
	report("accepts \"./.\" \".\" \"./d\" \"././c\" \"...\" \".a/..b\" "
	       "\"./TRAILER!!!\"",
	       !ok);

	start();
	add(&a, S_IFREG | 07777, "f", "x"); /* setuid, setgid, sticky */
	/* That entry is 116 bytes: header, "f\0", "x" and 3 NULs. */
	for (size_t i = a.len - 116; i < a.len; i++)
		if (a.buf[i] >= 'A' && a.buf[i] <= 'F')
			a.buf[i] += 'a' - 'A';
	add_trailer(&a);
	ok = read_ok() && nr_got == 2 && got[1].mode == (S_IFREG | 07777) &&
	     got[1].mtime == 1700000000; /* 0x6553f100 */
	report("accepts lower-case hex; mode 0107777 reported as it is", !ok);

	/* 16 components of 255 bytes and 15 slashes: 4095 bytes. */
	memset(name, 'x', 4095);
	for (int i = 255; i < 4095; i += 256)
		name[i] = '/';
	name[4095] = '\0';
	memset(target, 't', 4095);
	start();
	add_sized(S_IFDIR | 0755, name, NULL, 0);
	add_sized(S_IFLNK | 0777, "l", target, 4095);
	add_trailer(&a);
	ok = read_ok() && nr_got == 3 && got[1].name_len == 4095 &&
	     got[2].size == 4095;
	report("accepts a 4095-byte name and a 4095-byte symlink target", !ok);

	start();
	add(&a, S_IFREG | 0644, "f", NULL);
	add_trailer(&a);
	put(&a, "\0\0\0", 3);
	report("accepts 3 NULs after the trailer", !read_ok() || nr_got != 2);

	/* The check field counts only for 070702 regular files. */
	start();
	h = fields(S_IFREG | 0644, "n", 2);
	h.check = 12345; /* newc: ignored */
	put_entry(&a, &h, "n", "\xff\xfe", 2);
	h = fields(S_IFREG | 0644, "c", 2);
	h.magic = "070702";
	h.check = 0xff + 0xfe; /* bytes are unsigned */
	put_entry(&a, &h, "c", "\xff\xfe", 2);
	h = fields(S_IFLNK | 0777, "l", 1);
	h.magic = "070702";
	h.check = 777; /* not a regular file: ignored */
	put_entry(&a, &h, "l", "c", 1);
	add_trailer(&a);
	report("accepts 070702 sums of unsigned bytes; check ignored elsewhere",
	       !read_ok() || nr_got != 4);
}

int main(void)
{
	bad_names();
	bad_headers();
	bad_types();
	bad_layout();
	accepted();
	free(a.buf);
	return failures ? 1 : 0;
}
