/* SPDX-License-Identifier: MIT */
/* The console font: generated at build time from a Debian PSF font. */
#ifndef KERNEL_FONT_H
#define KERNEL_FONT_H

#include <stdint.h>

#define FONT_WIDTH 8
#define FONT_HEIGHT 16

/* One byte per row, the most significant bit leftmost; Latin-1 order. */
extern const uint8_t font_glyphs[256][FONT_HEIGHT];

#endif
