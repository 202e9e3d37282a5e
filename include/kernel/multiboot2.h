/* SPDX-License-Identifier: MIT */
/*
 * Multiboot2 structures as the specification (version 2.0) lays them out,
 * and the kernel's own parsed form of them, struct boot_info.
 */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_ARCH_I386 0
#define MB2_TAG_ALIGN 8

/* Header tags (in the kernel image). */
#define MB2_HTAG_END 0
#define MB2_HTAG_INFO_REQUEST 1
#define MB2_HTAG_FRAMEBUFFER 5
#define MB2_HTAG_MODULE_ALIGN 6
#define MB2_HTAG_OPTIONAL 1

/* Information tags (from the boot loader). */
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_BOOTLOADER 2
#define MB2_TAG_MODULE 3
#define MB2_TAG_BASIC_MEMINFO 4
#define MB2_TAG_BOOTDEV 5
#define MB2_TAG_MMAP 6
#define MB2_TAG_FRAMEBUFFER 8

#define MB2_MMAP_AVAILABLE 1
#define MB2_MMAP_RESERVED 2
#define MB2_MMAP_ACPI_RECLAIMABLE 3
#define MB2_MMAP_NVS 4
#define MB2_MMAP_BADRAM 5

#define MB2_FB_TYPE_INDEXED 0
#define MB2_FB_TYPE_RGB 1
#define MB2_FB_TYPE_EGA_TEXT 2

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct mb2_info_header {
	uint32_t total_size;
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_tag_string { /* cmdline, boot loader name */
	uint32_t type;
	uint32_t size;
	char string[];
};

struct mb2_tag_module {
	uint32_t type;
	uint32_t size;
	uint32_t mod_start;
	uint32_t mod_end;
	char string[];
};

struct mb2_mmap_entry {
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

struct mb2_tag_mmap {
	uint32_t type;
	uint32_t size;
	uint32_t entry_size;
	uint32_t entry_version;
	/* struct mb2_mmap_entry entries[], entry_size bytes apart */
};

struct mb2_tag_framebuffer {
	uint32_t type;
	uint32_t size;
	uint64_t addr;
	uint32_t pitch;
	uint32_t width;
	uint32_t height;
	uint8_t bpp;
	uint8_t fb_type;
	uint16_t reserved;
	/* colour info follows; its layout depends on fb_type */
};

#define BOOT_CMDLINE_MAX 1024 /* Linux allows 2048 (COMMAND_LINE_SIZE) */
#define BOOT_MMAP_MAX 64
#define BOOT_MODULES_MAX 64
#define BOOT_MODNAME_MAX 64

struct boot_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

struct boot_module {
	uint64_t start; /* physical, inclusive */
	uint64_t end;   /* physical, exclusive */
	char name[BOOT_MODNAME_MAX];
};

struct boot_framebuffer {
	int present;
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, type;
	/* For MB2_FB_TYPE_RGB: where each colour sits in a pixel. */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

/*
 * What the kernel keeps of the multiboot2 information. Everything is
 * copied out, so nothing later points into the boot loader's memory.
 */
struct boot_info {
	uint64_t mbi_phys;
	uint32_t mbi_size;
	char cmdline[BOOT_CMDLINE_MAX];
	char bootloader[64];
	struct boot_mmap_entry mmap[BOOT_MMAP_MAX];
	unsigned int mmap_count;
	struct boot_module modules[BOOT_MODULES_MAX];
	unsigned int module_count;
	struct boot_framebuffer fb;
};

/**
 * multiboot2_parse - check and copy a multiboot2 information structure
 * @mbi:   the structure, as the kernel can read it
 * @avail: how many bytes starting at @mbi may be read at all
 * @out:   filled in on success (and partially on failure)
 *
 * Returns NULL on success, or a message saying what is malformed. Nothing
 * past min(@avail, total_size) is ever read.
 */
const char *multiboot2_parse(const void *mbi, size_t avail,
			     struct boot_info *out);

extern struct boot_info boot_info;
#endif

#endif
