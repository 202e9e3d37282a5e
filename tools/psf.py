#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Read a PSF console font (version 1 or 2, optionally gzipped).

Used at build time to turn a Debian console font into the kernel's
glyph table (tools/mkfont.py), and by the screen test to draw the text
it expects with the very same glyphs (tests/screen.py).
"""
import gzip
import struct

PSF1_MAGIC = b"\x36\x04"
PSF2_MAGIC = b"\x72\xb5\x4a\x86"


class Font:
    def __init__(self, path):
        data = open(path, "rb").read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if data[:2] == PSF1_MAGIC:
            mode, height = data[2], data[3]
            count = 512 if mode & 1 else 256
            self.width, self.height, self.stride = 8, height, height
            start, has_table = 4, bool(mode & 2)
            table_start = start + count * height
            unit, end_mark, seq_mark = 2, 0xFFFF, 0xFFFE
        elif data[:4] == PSF2_MAGIC:
            _, _, hsize, flags, count, size, height, width = \
                struct.unpack_from("<8I", data)
            self.width, self.height, self.stride = width, height, size
            start, has_table = hsize, bool(flags & 1)
            table_start = start + count * size
            unit, end_mark, seq_mark = None, 0xFF, 0xFE
        else:
            raise ValueError(f"{path}: not a PSF font")
        self.glyphs = [data[start + i * self.stride:start + (i + 1) * self.stride]
                       for i in range(count)]
        self.index = {}
        if has_table:
            self._read_table(data[table_start:], count, unit, end_mark, seq_mark)
        else:
            self.index = {c: c for c in range(min(count, 256))}

    def _read_table(self, table, count, unit, end_mark, seq_mark):
        pos = 0
        for glyph in range(count):
            in_seq = False
            while pos < len(table):
                if unit == 2:
                    value, = struct.unpack_from("<H", table, pos)
                    pos += 2
                    if value == end_mark:
                        break
                    if value == seq_mark:
                        in_seq = True
                    elif not in_seq:
                        self.index.setdefault(value, glyph)
                else:  # PSF2: UTF-8 strings
                    b = table[pos]
                    if b == end_mark:
                        pos += 1
                        break
                    if b == seq_mark:
                        in_seq = True
                        pos += 1
                        continue
                    n = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                    ch = table[pos:pos + n].decode("utf-8", "replace")
                    pos += n
                    if not in_seq:
                        self.index.setdefault(ord(ch), glyph)

    def glyph(self, codepoint):
        """The rows of a character (bytes, MSB = leftmost pixel)."""
        g = self.index.get(codepoint, self.index.get(ord("?"), 0))
        return self.glyphs[g]

    def pixel(self, codepoint, x, y):
        row_bytes = (self.width + 7) // 8
        row = self.glyph(codepoint)[y * row_bytes:(y + 1) * row_bytes]
        return bool(row[x // 8] & (0x80 >> (x % 8)))
