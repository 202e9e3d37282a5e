// SPDX-License-Identifier: MIT
/*
 * Parsing the multiboot2 boot information (Multiboot2 spec, section 3.6).
 *
 * The boot loader's tag list is input like any other: every size is
 * checked against what is left before it is used, and the result is
 * copied into struct boot_info so nothing later points into it.
 */
#include <stdbool.h>
#include <stddef.h>

#include <kernel/multiboot2.h>
#include <lib/string.h>

/* Bigger than any real tag list; stops a corrupt total_size early. */
#define MB2_INFO_MAX (1u << 20)

struct boot_info boot_info;

static size_t align_up8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Copy a NUL-terminated string that must end inside its tag. */
static const char *copy_tag_string(const char *src, size_t room, char *dst,
				   size_t dst_size)
{
	size_t len = strnlen(src, room);

	if (len == room)
		return "string not terminated inside its tag";
	strlcpy(dst, src, dst_size);
	return NULL;
}

static const char *parse_mmap(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_mmap *m = (const void *)tag;
	size_t bytes;

	if (tag->size < sizeof(*m))
		return "memory map tag too short";
	if (m->entry_size < sizeof(struct mb2_mmap_entry) || m->entry_size % 8)
		return "memory map entry size is not a multiple of 8 of at least 24";
	bytes = tag->size - sizeof(*m);
	if (bytes % m->entry_size)
		return "memory map tag does not hold a whole number of entries";
	for (size_t off = 0; off < bytes; off += m->entry_size) {
		const struct mb2_mmap_entry *e =
			(const void *)((const char *)(m + 1) + off);

		if (e->base_addr + e->length < e->base_addr)
			return "memory map entry wraps around the address space";
		if (out->mmap_count == BOOT_MMAP_MAX)
			return "memory map has too many entries";
		out->mmap[out->mmap_count++] = (struct boot_mmap_entry){
			.base = e->base_addr,
			.length = e->length,
			.type = e->type,
		};
	}
	return NULL;
}

static const char *parse_module(const struct mb2_tag *tag,
				struct boot_info *out)
{
	const struct mb2_tag_module *m = (const void *)tag;
	struct boot_module *mod;

	if (tag->size < sizeof(*m) + 1)
		return "module tag too short";
	if (m->mod_end < m->mod_start)
		return "module ends before it starts";
	if (out->module_count == BOOT_MODULES_MAX)
		return "too many modules";
	mod = &out->modules[out->module_count];
	mod->start = m->mod_start;
	mod->end = m->mod_end;
	out->module_count++;
	return copy_tag_string(m->string, tag->size - sizeof(*m), mod->name,
			       sizeof(mod->name));
}

static const char *parse_framebuffer(const struct mb2_tag *tag,
				     struct boot_info *out)
{
	const struct mb2_tag_framebuffer *f = (const void *)tag;

	if (tag->size < sizeof(*f))
		return "framebuffer tag too short";
	if (f->width == 0 || f->height == 0)
		return "framebuffer has a zero dimension";
	if (f->addr + (uint64_t)f->pitch * f->height < f->addr)
		return "framebuffer wraps around the address space";
	out->fb = (struct boot_framebuffer){
		.present = 1,
		.addr = f->addr,
		.pitch = f->pitch,
		.width = f->width,
		.height = f->height,
		.bpp = f->bpp,
		.type = f->fb_type,
	};
	if (f->fb_type == MB2_FB_TYPE_RGB) {
		/* Six bytes of colour layout follow (spec 3.6.12). */
		const uint8_t *c = (const uint8_t *)(f + 1);

		if (tag->size < sizeof(*f) + 6)
			return "RGB framebuffer tag without its colour layout";
		out->fb.red_pos = c[0];
		out->fb.red_size = c[1];
		out->fb.green_pos = c[2];
		out->fb.green_size = c[3];
		out->fb.blue_pos = c[4];
		out->fb.blue_size = c[5];
	}
	return NULL;
}

static const char *parse_tag(const struct mb2_tag *tag, struct boot_info *out)
{
	const struct mb2_tag_string *s = (const void *)tag;

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
		return copy_tag_string(s->string, tag->size - sizeof(*s),
				       out->cmdline, sizeof(out->cmdline));
	case MB2_TAG_BOOTLOADER:
		return copy_tag_string(s->string, tag->size - sizeof(*s),
				       out->bootloader, sizeof(out->bootloader));
	case MB2_TAG_MMAP:
		return parse_mmap(tag, out);
	case MB2_TAG_MODULE:
		return parse_module(tag, out);
	case MB2_TAG_FRAMEBUFFER:
		return parse_framebuffer(tag, out);
	default:
		return NULL; /* tags we do not use are skipped */
	}
}

const char *multiboot2_parse(const void *mbi, size_t avail,
			     struct boot_info *out)
{
	const struct mb2_info_header *hdr = mbi;
	size_t total, off;

	memset(out, 0, sizeof(*out));
	if ((uintptr_t)mbi % MB2_TAG_ALIGN)
		return "boot information is not 8-byte aligned";
	if (avail < sizeof(*hdr))
		return "boot information is cut off before its header";
	total = hdr->total_size;
	if (total < sizeof(*hdr) + sizeof(struct mb2_tag))
		return "boot information total_size is too small";
	if (total > avail || total > MB2_INFO_MAX)
		return "boot information total_size is larger than the memory it is in";
	out->mbi_size = (uint32_t)total;

	for (off = sizeof(*hdr); off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *tag = (const void *)((const char *)mbi + off);
		const char *err;

		if (tag->size < sizeof(*tag))
			return "tag smaller than its own header";
		if (tag->size > total - off)
			return "tag runs past the end of the boot information";
		if (tag->type == MB2_TAG_END) {
			if (tag->size != sizeof(*tag))
				return "end tag has the wrong size";
			return NULL;
		}
		err = parse_tag(tag, out);
		if (err)
			return err;
		off += align_up8(tag->size);
	}
	return "boot information has no end tag";
}
