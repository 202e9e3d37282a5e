/* SPDX-License-Identifier: MIT */
/* The console font: generated at build time from a Debian PSF font. */
#ifndef KERNEL_FONT_H
#define KERNEL_FONT_H

#include <stdint.h>

#define FONT_WIDTH 8
#define FONT_HEIGHT 16

/* One byte per row, the most significant bit leftmost; Latin-1 order. */
extern const uint8_t font_glyphs[256][FONT_HEIGHT];

/* The font's characters past Latin-1, sorted by code point. */
extern const unsigned int font_extra_count;
extern const uint32_t font_extra_chars[];
extern const uint8_t font_extra_glyphs[][FONT_HEIGHT];

/* U+FFFD, drawn for characters the font does not have. */
extern const uint8_t font_replacement[FONT_HEIGHT];

#endif
