/* SPDX-License-Identifier: MIT */
/*
 * include/lib/cpio.h - a strict reader of initramfs archives in the cpio
 * "newc" format (magic "070701") and its "crc" variant ("070702"), as
 * Linux's Documentation/driver-api/early-userspace/buffer-format.rst and
 * `man 5 cpio` describe them.
 *
 * The kernel fills its in-memory root file system from a GRUB boot module
 * with it. tests/host/test_cpio.c checks it against GNU cpio's archives and
 * damaged copies of them, test_cpio_cases.c against hand-made malformed
 * and odd-but-valid ones. It only reads: no allocation, no copies,
 * entries point into the caller's buffer. A malformed archive ends the walk
 * with a short static message and the offset of the problem; no input,
 * however damaged, makes it read outside [buf, buf + len).
 *
 * An entry on disk:
 *
 *   header   110 bytes: "070701" or "070702", then 13 fields of exactly
 *            8 hex digits: ino mode uid gid nlink mtime filesize devmajor
 *            devminor rdevmajor rdevminor namesize check
 *   name     namesize bytes, the last one NUL, padded with NULs to a
 *            multiple of 4 counted from the start of the header
 *   data     filesize bytes, padded with NULs to a multiple of 4
 *
 * The archive ends with an entry named "TRAILER!!!". Like Linux, the
 * reader accepts NUL bytes after it and then another archive starting at a
 * 4-byte aligned offset (several archives concatenated, e.g. one GRUB
 * module built from two cpio runs); the end of the buffer there ends the
 * walk. Compressed archives are not supported (a gzip, xz or zstd magic
 * is reported as "compressed archive").
 *
 * What is checked (anything else is reported as -1 with r->error):
 *  - every header field is 8 hex digits (either case); the mode has no bits
 *    above 0177777; the "check" field of a 070702 regular file equals the
 *    sum of its data bytes mod 2^32 (it is ignored elsewhere, as the format
 *    says; GNU cpio writes 0 there);
 *  - the name and the data, with their padding, lie inside the buffer, and
 *    the padding bytes are NUL, as the format's ALGN(4) says;
 *  - names: namesize >= 2 (the name is not empty), its last byte is the
 *    only NUL, at most CPIO_NAME_MAX bytes. Leading "./" prefixes are
 *    stripped ("./a" and "a" are the same file) and "." (or "./.") is the
 *    root, reported with name_len 0. Any other name must already be
 *    normalized: not absolute, no empty component ("a//b", "a/"), no "."
 *    component after the prefix ("a/./b", "./a/./b", "a/."), no ".."
 *    component anywhere, no component longer than CPIO_NAME_COMPONENT_MAX.
 *    The trailer is recognised by its raw name, before any stripping.
 *  - types: regular files, directories, symlinks, character and block
 *    devices and fifos; sockets and unknown types are rejected. The root
 *    entry must be a directory. Directories, devices and fifos carry no
 *    data; a symlink's data is its target, 1..CPIO_SYMLINK_MAX bytes with
 *    no NUL; the trailer carries no data.
 *
 * Not checked, left to the consumer: duplicate names, parents appearing
 * before their children, ownership, times and permission bits (reported as
 * they are).
 *
 * Hard links: newc gives all links of a file the same ino (and nlink > 1)
 * and stores the data only once, with the last link of the group; the
 * earlier links come with filesize 0. The reader reports every link as the
 * plain entry it is; a consumer that wants the links joined keeps a table
 * of (ino, devmajor, devminor) for regular files with nlink > 1.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CPIO_HEADER_SIZE 110
#define CPIO_NAME_MAX 4095	    /* bytes of a name, without its NUL */
#define CPIO_NAME_COMPONENT_MAX 255 /* bytes between two '/' */
#define CPIO_SYMLINK_MAX 4095	    /* bytes of a symlink's target */

/* File types in the mode field: the same values as Linux's S_IF*. */
#define CPIO_S_IFMT 0170000
#define CPIO_S_IFSOCK 0140000 /* rejected */
#define CPIO_S_IFLNK 0120000
#define CPIO_S_IFREG 0100000
#define CPIO_S_IFBLK 0060000
#define CPIO_S_IFDIR 0040000
#define CPIO_S_IFCHR 0020000
#define CPIO_S_IFIFO 0010000

struct cpio_entry {
	/*
	 * The normalized path, without leading "./" and never starting with
	 * '/'. Use name_len; the byte after it happens to be the archive's
	 * NUL, so name is also a C string, but nothing else in the buffer is.
	 */
	const char *name;
	size_t name_len; /* 0 for the archive's root entry "." */
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	const void *data; /* file contents, or a symlink's target */
	size_t size;	  /* bytes at data */
	size_t offset;	  /* offset of the entry's header in the buffer */
};

struct cpio_reader {
	const unsigned char *buf;
	size_t len, off;    /* off: where the next header (or padding) starts */
	const char *error;  /* static message when cpio_next returned -1 */
	size_t error_off;   /* byte offset in the archive of the problem */
	int status;	    /* 1 while reading, then the 0 or -1 to repeat */
	bool after_trailer; /* the last entry read was a TRAILER!!! */
};

/**
 * cpio_init - start reading the archive(s) in @buf.
 * @r: reader to set up
 * @buf: the archive bytes; they must stay in place while entries are used
 * @len: bytes at @buf
 */
void cpio_init(struct cpio_reader *r, const void *buf, size_t len);

/**
 * cpio_next - read the next entry of the archive.
 * @r: reader set up by cpio_init()
 * @e: filled in when 1 is returned; its pointers point into @r's buffer
 *
 * Trailers are not reported: they only separate concatenated archives.
 *
 * Return: 1 when *@e holds the next entry; 0 at the end of the last
 * archive (a TRAILER!!!, optionally followed by NUL bytes, then the end of
 * the buffer); -1 when the archive is malformed, with @r->error saying why
 * and @r->error_off where. After 0 or -1 every further call returns the
 * same.
 */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

#endif /* LIB_CPIO_H */
