// SPDX-License-Identifier: MIT
/*
 * multiboot2_parse on tag lists built here: a good one, and corrupted
 * ones that must each be rejected with a message. The corrupted lists are
 * placed so they end right before an unmapped guard page: reading one
 * byte past the stated size would fault and panic the test run.
 */
#include <stddef.h>

#include <kernel/ktest.h>
#include <kernel/multiboot2.h>
#include <kernel/stack.h>
#include <lib/string.h>

/* Two guarded areas: the end of area[0] is followed by area[1]'s guard. */
static DEFINE_GUARDED_STACK(edge_area[2]);

struct mb_builder {
	uint8_t buf[2048] __attribute__((aligned(8)));
	size_t len;
};

static void mb_begin(struct mb_builder *b)
{
	memset(b, 0, sizeof(*b));
	b->len = sizeof(struct mb2_info_header);
}

/* Append a tag with @size in its header (normally 8 + @plen). */
static void mb_tag_sized(struct mb_builder *b, uint32_t type, uint32_t size,
			 const void *payload, size_t plen)
{
	struct mb2_tag tag = { .type = type, .size = size };

	memcpy(b->buf + b->len, &tag, sizeof(tag));
	memcpy(b->buf + b->len + sizeof(tag), payload, plen);
	b->len = (b->len + sizeof(tag) + plen + 7) & ~(size_t)7;
}

static void mb_tag(struct mb_builder *b, uint32_t type, const void *payload,
		   size_t plen)
{
	mb_tag_sized(b, type, (uint32_t)(sizeof(struct mb2_tag) + plen),
		     payload, plen);
}

static void mb_finish(struct mb_builder *b, bool end_tag)
{
	struct mb2_info_header hdr;

	if (end_tag)
		mb_tag(b, MB2_TAG_END, NULL, 0);
	hdr.total_size = (uint32_t)b->len;
	hdr.reserved = 0;
	memcpy(b->buf, &hdr, sizeof(hdr));
}

/* Parse a copy of the list placed so that it ends at a guard page. */
static const char *parse_at_edge(const struct mb_builder *b, size_t avail,
				 struct boot_info *out)
{
	uint8_t *end = edge_area[0].stack + KSTACK_SIZE;
	uint8_t *copy = end - ((b->len + 7) & ~(size_t)7);

	memcpy(copy, b->buf, b->len);
	if (avail > (size_t)(end - copy))
		avail = (size_t)(end - copy);
	return multiboot2_parse(copy, avail, out);
}

static struct boot_info parsed;

static void build_good(struct mb_builder *b)
{
	static const char cmdline[] = "test=all quiet";
	static const char loader[] = "GRUB test";
	struct {
		uint32_t entry_size, entry_version;
		struct mb2_mmap_entry e[2];
	} mmap = { 24, 0,
		   { { 0, 0x9fc00, MB2_MMAP_AVAILABLE, 0 },
		     { 0x100000, 0x7f00000, MB2_MMAP_AVAILABLE, 0 } } };
	struct {
		uint32_t start, end;
		char name[8];
	} mod = { 0x200000, 0x201000, "init" };
	struct {
		uint64_t addr;
		uint32_t pitch, width, height;
		uint8_t bpp, type;
		uint16_t reserved;
	} fb = { 0xb8000, 160, 80, 25, 16, MB2_FB_TYPE_EGA_TEXT, 0 };

	mb_begin(b);
	mb_tag(b, MB2_TAG_CMDLINE, cmdline, sizeof(cmdline));
	mb_tag(b, MB2_TAG_BOOTLOADER, loader, sizeof(loader));
	mb_tag(b, 99, "ignored", 7); /* unknown tags are skipped */
	mb_tag(b, MB2_TAG_MMAP, &mmap, sizeof(mmap));
	mb_tag(b, MB2_TAG_MODULE, &mod, sizeof(mod));
	mb_tag(b, MB2_TAG_FRAMEBUFFER, &fb, sizeof(fb));
}

KTEST(multiboot2_good_list)
{
	static struct mb_builder b;
	const char *err;

	build_good(&b);
	mb_finish(&b, true);
	err = parse_at_edge(&b, b.len, &parsed);
	KT_ASSERT(err == NULL);
	KT_ASSERT(!strcmp(parsed.cmdline, "test=all quiet"));
	KT_ASSERT(!strcmp(parsed.bootloader, "GRUB test"));
	KT_ASSERT_EQ(parsed.mmap_count, 2);
	KT_ASSERT_EQ(parsed.mmap[1].base, 0x100000);
	KT_ASSERT_EQ(parsed.mmap[1].length, 0x7f00000);
	KT_ASSERT_EQ(parsed.mmap[1].type, MB2_MMAP_AVAILABLE);
	KT_ASSERT_EQ(parsed.module_count, 1);
	KT_ASSERT_EQ(parsed.modules[0].start, 0x200000);
	KT_ASSERT_EQ(parsed.modules[0].end, 0x201000);
	KT_ASSERT(!strcmp(parsed.modules[0].name, "init"));
	KT_ASSERT(parsed.fb.present);
	KT_ASSERT_EQ(parsed.fb.type, MB2_FB_TYPE_EGA_TEXT);
	KT_ASSERT_EQ(parsed.fb.width, 80);
	KT_ASSERT_EQ(parsed.mbi_size, b.len);
}

/* The information the boot loader really passed was parsed at boot. */
KTEST(multiboot2_real_boot_info)
{
	KT_ASSERT(boot_info.mbi_size >= 16);
	KT_ASSERT(boot_info.mmap_count > 0);
	KT_ASSERT(strstr(boot_info.cmdline, "test=") != NULL);
	KT_ASSERT(!strncmp(boot_info.bootloader, "GRUB", 4));
}

#define EXPECT_REJECT(b, avail)                                                \
	do {                                                                   \
		const char *err_ = parse_at_edge(b, avail, &parsed);           \
		KT_ASSERT(err_ != NULL);                                       \
	} while (0)

KTEST(multiboot2_rejects_bad_sizes)
{
	static struct mb_builder b;
	struct mb2_info_header *hdr = (void *)b.buf;

	build_good(&b);
	mb_finish(&b, true);
	EXPECT_REJECT(&b, 4);          /* not even a header */
	EXPECT_REJECT(&b, b.len - 8);  /* total_size beyond what is readable */
	hdr->total_size = 8;           /* too small for any tag */
	EXPECT_REJECT(&b, b.len);
	hdr->total_size = 0xfffffff8;  /* absurd */
	EXPECT_REJECT(&b, b.len);
	KT_ASSERT(multiboot2_parse(b.buf + 4, b.len, &parsed) != NULL); /* misaligned */
}

KTEST(multiboot2_rejects_bad_tags)
{
	static struct mb_builder b;

	/* A tag smaller than its own header. */
	mb_begin(&b);
	mb_tag_sized(&b, MB2_TAG_CMDLINE, 4, "", 0);
	mb_finish(&b, true);
	EXPECT_REJECT(&b, b.len);

	/* A tag that claims more bytes than the list has. */
	mb_begin(&b);
	mb_tag_sized(&b, 77, 4096, "x", 1);
	mb_finish(&b, true);
	EXPECT_REJECT(&b, b.len);

	/* No end tag. */
	build_good(&b);
	mb_finish(&b, false);
	EXPECT_REJECT(&b, b.len);

	/* An end tag of the wrong size. */
	mb_begin(&b);
	mb_tag_sized(&b, MB2_TAG_END, 16, "\0\0\0\0\0\0\0", 8);
	mb_finish(&b, false);
	EXPECT_REJECT(&b, b.len);

	/* A command line with no NUL inside its tag. */
	mb_begin(&b);
	mb_tag(&b, MB2_TAG_CMDLINE, "unterminated", 12);
	mb_finish(&b, true);
	EXPECT_REJECT(&b, b.len);
}

KTEST(multiboot2_rejects_bad_mmap_and_modules)
{
	static struct mb_builder b;
	uint32_t mmap_hdr[2 + 6] = { 0 };
	struct {
		uint32_t start, end;
		char name[4];
	} mod = { 0x300000, 0x200000, "bad" };

	/* entry_size 0 would loop forever; 20 is smaller than an entry. */
	for (uint32_t size = 0; size <= 20; size += 20) {
		mmap_hdr[0] = size;
		mb_begin(&b);
		mb_tag(&b, MB2_TAG_MMAP, mmap_hdr, sizeof(mmap_hdr));
		mb_finish(&b, true);
		EXPECT_REJECT(&b, b.len);
	}
	/* Not a whole number of 24-byte entries. */
	mmap_hdr[0] = 24;
	mb_begin(&b);
	mb_tag(&b, MB2_TAG_MMAP, mmap_hdr, sizeof(mmap_hdr) - 8);
	mb_finish(&b, true);
	EXPECT_REJECT(&b, b.len);

	/* A module that ends before it starts. */
	mb_begin(&b);
	mb_tag(&b, MB2_TAG_MODULE, &mod, sizeof(mod));
	mb_finish(&b, true);
	EXPECT_REJECT(&b, b.len);
}

/* A list of @count module tags and nothing else. */
static void build_modules(struct mb_builder *b, unsigned int count)
{
	struct {
		uint32_t start, end;
		char name[4];
	} mod = { 0x200000, 0x201000, "m" };

	mb_begin(b);
	for (unsigned int i = 0; i < count; i++)
		mb_tag(b, MB2_TAG_MODULE, &mod, sizeof(mod));
	mb_finish(b, true);
}

/* Exactly BOOT_MODULES_MAX modules fit; one more stops the boot. */
KTEST(multiboot2_module_limit)
{
	static struct mb_builder b;
	const char *err;

	build_modules(&b, BOOT_MODULES_MAX);
	KT_ASSERT(parse_at_edge(&b, b.len, &parsed) == NULL);
	KT_ASSERT_EQ(parsed.module_count, BOOT_MODULES_MAX);
	build_modules(&b, BOOT_MODULES_MAX + 1);
	err = parse_at_edge(&b, b.len, &parsed);
	KT_ASSERT(err != NULL && !strcmp(err, "too many modules"));
}

/* Cut a good list at every length, with total_size saying so: the tags
 * then run past the end or the end tag is missing. Never accepted, never
 * read past. */
KTEST(multiboot2_truncated_everywhere)
{
	static struct mb_builder b;

	build_good(&b);
	mb_finish(&b, true);
	for (size_t avail = 0; avail < b.len; avail++) {
		static struct mb_builder cut;

		cut = b;
		cut.len = avail;
		if (avail >= sizeof(struct mb2_info_header))
			((struct mb2_info_header *)cut.buf)->total_size =
				(uint32_t)avail;
		KT_ASSERT(parse_at_edge(&cut, avail, &parsed) != NULL);
	}
}
