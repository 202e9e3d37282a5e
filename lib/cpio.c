// SPDX-License-Identifier: MIT
/*
 * lib/cpio.c - a strict reader of "newc" cpio archives (initramfs).
 *
 * The format and the rules this reader enforces are described in
 * include/lib/cpio.h. The one discipline that keeps it safe on hostile
 * input: every size read from a header is compared with the bytes left in
 * the buffer *before* it is added to an offset, by subtracting from the
 * buffer length (r->len - at, which cannot wrap because at <= r->len
 * always holds) rather than adding to the offset (at + n, which could).
 * Offsets are therefore always inside [0, r->len], and every byte the
 * reader looks at has been proved to lie inside the buffer first.
 *
 * Headers start at offsets that are multiples of 4: entries are padded to
 * 4 bytes and a concatenated archive must start at an aligned offset, so
 * "padded to a multiple of 4 from the start of the header" is the same as
 * "to a multiple of 4 from the start of the buffer".
 */
#include <lib/cpio.h>

#define MAGIC_SIZE 6
#define FIELD_SIZE 8 /* hex digits per header field */
/* Offset of field @f of the header at @at, for error_off. */
#define FIELD_AT(at, f) ((at) + MAGIC_SIZE + FIELD_SIZE * (size_t)(f))

/* The 13 header fields, in the order they appear after the magic. */
enum cpio_field {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	NR_FIELDS
};

_Static_assert(MAGIC_SIZE + NR_FIELDS * FIELD_SIZE == CPIO_HEADER_SIZE,
	       "a newc header is 110 bytes");

/* Error messages are static strings: one per field for "not hex". */
static const char *const field_not_hex[NR_FIELDS] = {
	"field ino is not hex",	      "field mode is not hex",
	"field uid is not hex",	      "field gid is not hex",
	"field nlink is not hex",     "field mtime is not hex",
	"field filesize is not hex",  "field devmajor is not hex",
	"field devminor is not hex",  "field rdevmajor is not hex",
	"field rdevminor is not hex", "field namesize is not hex",
	"field check is not hex",
};

static const char trailer_name[] = "TRAILER!!!";

static int fail(struct cpio_reader *r, const char *why, size_t at)
{
	r->error = why;
	r->error_off = at;
	r->status = -1;
	return -1;
}

void cpio_init(struct cpio_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->off = 0;
	r->error = NULL;
	r->error_off = 0;
	r->status = 1;
	r->after_trailer = false;
}

static bool bytes_equal(const unsigned char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != (unsigned char)b[i])
			return false;
	return true;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Exactly 8 hex digits, either case; no sign, no spaces, no "0x". */
static bool parse_hex8(const unsigned char *p, uint32_t *value)
{
	uint32_t v = 0;

	for (int i = 0; i < FIELD_SIZE; i++) {
		unsigned char c = p[i];
		uint32_t digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		v = v << 4 | digit;
	}
	*value = v;
	return true;
}

/*
 * Do @n bytes at @at, and the NULs padding them to a multiple of 4, fit in
 * the buffer? If so, *end is the offset just past the padding. Needs
 * @at <= r->len; nothing is added before it is known to fit.
 */
static bool fits_padded(const struct cpio_reader *r, size_t at, size_t n,
			size_t *end)
{
	size_t room = r->len - at;
	size_t pad;

	if (n > room)
		return false;
	pad = (4 - ((at + n) & 3)) & 3; /* at + n <= r->len: no wrap */
	if (pad > room - n)
		return false;
	*end = at + n + pad;
	return true;
}

/* A compressed initramfs is a likely mistake: name it rather than say
 * "bad magic". gzip, xz and zstd, by their magic numbers. */
static bool looks_compressed(const unsigned char *p, size_t n)
{
	return (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) ||
	       (n >= 6 && bytes_equal(p, "\xfd\x37\x7a\x58\x5a\x00", 6)) ||
	       (n >= 4 && bytes_equal(p, "\x28\xb5\x2f\xfd", 4));
}

/*
 * The fixed header at @at: the magic and the 13 fields, into @f. *crc says
 * whether it is the "crc" variant (070702). Returns 0 or fails.
 */
static int read_header(struct cpio_reader *r, size_t at, uint32_t *f, bool *crc)
{
	const unsigned char *h = r->buf + at;
	size_t avail = r->len - at;
	size_t n = avail < MAGIC_SIZE ? avail : MAGIC_SIZE;

	/* Name a wrong magic even when the header is cut short. */
	if (!bytes_equal(h, "070701", n) && !bytes_equal(h, "070702", n)) {
		if (looks_compressed(h, avail))
			return fail(r, "compressed archive (not supported)",
				    at);
		return fail(r, "bad magic", at);
	}
	if (avail < CPIO_HEADER_SIZE)
		return fail(r, "truncated header", at);
	*crc = h[5] == '2';
	for (int i = 0; i < NR_FIELDS; i++) {
		if (!parse_hex8(r->buf + FIELD_AT(at, i), &f[i]))
			return fail(r, field_not_hex[i], FIELD_AT(at, i));
	}
	return 0;
}

/*
 * Check the raw name @raw (@n bytes, no NUL among them, n >= 1) and find
 * its normalized form: leading "./" stripped, "." for the root. Returns
 * NULL, or why the name is rejected.
 */
static const char *normalize_name(const char *raw, size_t n, const char **name,
				  size_t *name_len)
{
	size_t start = 0;

	if (raw[0] == '/')
		return "absolute name";
	if (raw[n - 1] == '/')
		return "name ends with '/'";
	while (n >= 2 && raw[0] == '.' && raw[1] == '/') {
		raw += 2;
		n -= 2;
	}
	if (n == 1 && raw[0] == '.') {
		*name = raw + 1; /* the NUL: an empty C string */
		*name_len = 0;
		return NULL;
	}
	/* n >= 1 here: the name did not end with '/', so stripping left
	 * something. Look at each component, up to each '/' and the end. */
	for (size_t i = 0; i <= n; i++) {
		size_t len = i - start;

		if (i < n && raw[i] != '/')
			continue;
		if (len == 0)
			return "name has an empty component";
		if (len == 1 && raw[start] == '.')
			return "name has a '.' component";
		if (len == 2 && raw[start] == '.' && raw[start + 1] == '.')
			return "name has a '..' component";
		if (len > CPIO_NAME_COMPONENT_MAX)
			return "name component too long";
		start = i + 1;
	}
	*name = raw;
	*name_len = n;
	return NULL;
}

/*
 * The name after the header at @at: its size is checked, then its bytes.
 * On success *end is the offset of the data and *is_trailer says whether
 * this is the TRAILER!!! (whose name is not normalized).
 */
static int read_name(struct cpio_reader *r, size_t at, uint32_t namesize,
		     struct cpio_entry *e, size_t *end, bool *is_trailer)
{
	size_t name_at = at + CPIO_HEADER_SIZE; /* fits: header was read */
	const char *raw = (const char *)r->buf + name_at;
	const char *why;

	if (namesize == 0)
		return fail(r, "namesize is 0", FIELD_AT(at, F_NAMESIZE));
	if (namesize == 1)
		return fail(r, "empty name", FIELD_AT(at, F_NAMESIZE));
	if (namesize - 1 > CPIO_NAME_MAX)
		return fail(r, "name too long", FIELD_AT(at, F_NAMESIZE));
	if (!fits_padded(r, name_at, namesize, end))
		return fail(r, "truncated name", name_at);
	for (size_t i = 0; i < namesize - 1; i++)
		if (raw[i] == '\0')
			return fail(r, "NUL inside name", name_at + i);
	if (raw[namesize - 1] != '\0')
		return fail(r, "name is not NUL-terminated",
			    name_at + namesize - 1);
	if (!all_zero(r->buf + name_at + namesize, *end - name_at - namesize))
		return fail(r, "nonzero padding after name",
			    name_at + namesize);

	*is_trailer = namesize == sizeof(trailer_name) &&
		      bytes_equal((const unsigned char *)raw, trailer_name,
				  sizeof(trailer_name));
	if (*is_trailer)
		return 0;
	why = normalize_name(raw, namesize - 1, &e->name, &e->name_len);
	return why ? fail(r, why, name_at) : 0;
}

/* Type rules that need only the header: returns NULL or why not. */
static const char *check_type(const struct cpio_entry *e)
{
	switch (e->mode & CPIO_S_IFMT) {
	case CPIO_S_IFREG:
		break;
	case CPIO_S_IFDIR:
		if (e->size)
			return "directory has data";
		break;
	case CPIO_S_IFLNK:
		if (e->size == 0)
			return "symlink target is empty";
		if (e->size > CPIO_SYMLINK_MAX)
			return "symlink target too long";
		break;
	case CPIO_S_IFCHR:
	case CPIO_S_IFBLK:
		if (e->size)
			return "device has data";
		break;
	case CPIO_S_IFIFO:
		if (e->size)
			return "fifo has data";
		break;
	default: /* sockets, and the values Linux gives no type */
		return "unsupported file type";
	}
	if (e->name_len == 0 && (e->mode & CPIO_S_IFMT) != CPIO_S_IFDIR)
		return "root entry is not a directory";
	return NULL;
}

/* The data of @e, starting at @at and just proved to fit in the buffer. */
static int check_data(struct cpio_reader *r, const struct cpio_entry *e,
		      size_t at, bool crc, uint32_t check)
{
	const unsigned char *data = e->data;
	uint32_t mode = e->mode & CPIO_S_IFMT;

	if (mode == CPIO_S_IFLNK)
		for (size_t i = 0; i < e->size; i++)
			if (data[i] == '\0')
				return fail(r, "symlink target contains NUL",
					    at + i);
	if (crc && mode == CPIO_S_IFREG) {
		uint32_t sum = 0;

		for (size_t i = 0; i < e->size; i++)
			sum += data[i]; /* mod 2^32, as the format says */
		if (sum != check)
			return fail(r, "checksum mismatch", at);
	}
	return 0;
}

/*
 * One entry at @at (aligned, < r->len). Returns 1 with *e filled in, 0 for
 * a trailer (r->off then points past it), or -1.
 */
static int read_entry(struct cpio_reader *r, size_t at, struct cpio_entry *e)
{
	uint32_t f[NR_FIELDS];
	size_t data_at, end;
	bool crc, is_trailer;
	const char *why;

	if (read_header(r, at, f, &crc) < 0)
		return -1;
	if (f[F_MODE] > 0177777)
		return fail(r, "mode has bits above 0177777",
			    FIELD_AT(at, F_MODE));
	if (read_name(r, at, f[F_NAMESIZE], e, &data_at, &is_trailer) < 0)
		return -1;
	if (is_trailer) {
		if (f[F_FILESIZE])
			return fail(r, "trailer has data", at);
		r->off = data_at;
		return 0;
	}

	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->devmajor = f[F_DEVMAJOR];
	e->devminor = f[F_DEVMINOR];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	e->size = f[F_FILESIZE];
	e->offset = at;
	why = check_type(e);
	if (why)
		return fail(r, why, at);

	if (!fits_padded(r, data_at, e->size, &end))
		return fail(r, "truncated data", data_at);
	e->data = r->buf + data_at;
	if (!all_zero(r->buf + data_at + e->size, end - data_at - e->size))
		return fail(r, "nonzero padding after data", data_at + e->size);
	if (check_data(r, e, data_at, crc, f[F_CHECK]) < 0)
		return -1;
	r->off = end;
	return 1;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	int ret;

	if (r->status != 1)
		return r->status;
	for (;;) {
		size_t at = r->off;

		if (r->after_trailer) {
			/* NUL padding, then the end or another archive. */
			while (at < r->len && r->buf[at] == '\0')
				at++;
			if (at == r->len) {
				r->off = at;
				r->status = 0;
				return 0;
			}
			if ((at & 3) || r->buf[at] != '0')
				return fail(r, "garbage after trailer", at);
			r->after_trailer = false;
		}
		if (at == r->len)
			return fail(r, "truncated: no TRAILER!!!", at);
		ret = read_entry(r, at, e);
		if (ret != 0)
			return ret;
		r->after_trailer = true;
	}
}
