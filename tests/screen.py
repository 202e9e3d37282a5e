# SPDX-License-Identifier: MIT
"""Read text off a screenshot of the kernel's framebuffer console.

QEMU's `screendump` writes a PPM image. The console draws 8x16 cells from
the top-left corner with the font the build took from Debian's
psf-unifont package; each cell is compared bit for bit with that same
font's glyphs. A cell matches a character only if every one of its 128
pixels agrees, so a blank or garbled screen reads as nothing.
"""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from psf import Font  # noqa: E402

FONT_PATH = os.environ.get("FONT", "/usr/share/consolefonts/Unifont-APL8x16.psf.gz")


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise ValueError(f"{path}: not an 8-bit P6 image")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1:pos + 1 + width * height * 3]


def write_png(path, width, height, rgb):
    raw = b"".join(b"\x00" + rgb[y * width * 3:(y + 1) * width * 3]
                   for y in range(height))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw)))
        f.write(chunk(b"IEND", b""))


class Cell:
    def __init__(self, ch, reverse, fg, bg):
        self.ch, self.reverse, self.fg, self.bg = ch, reverse, fg, bg

    def __repr__(self):
        return f"Cell({self.ch!r}, reverse={self.reverse}, fg={self.fg}, bg={self.bg})"


def line_text(cells):
    """A row of Cell as text, trailing blanks cut."""
    return "".join(c.ch for c in cells).rstrip()


class Reader:
    def __init__(self, font_path=FONT_PATH):
        self.font = Font(font_path)
        self.w, self.h = self.font.width, self.font.height
        # glyph bitmap -> character, for the printable ASCII range
        self.by_bits = {}
        for c in range(0x21, 0x7f):
            bits = tuple(self.font.pixel(c, x, y) for y in range(self.h)
                         for x in range(self.w))
            self.by_bits.setdefault(bits, chr(c))
        self.blank = tuple([False] * (self.w * self.h))
        # every character of the font, ASCII first so that it wins
        self.all_bits = dict(self.by_bits)
        others = sorted(c for c in self.font.index if c > 0xa0)
        for c in others:
            self.all_bits.setdefault(self._bits(c), chr(c))

    def _bits(self, c):
        return tuple(self.font.pixel(c, x, y) for y in range(self.h)
                     for x in range(self.w))

    def cells(self, width, height, rgb):
        """The screen as rows of Cell: the character (any of the font's,
        " " for a blank, "?" for no match), whether it is drawn in reverse
        video (dark on light), and the colours of its glyph and of its
        background as (r, g, b)."""
        rows = []
        for row in range(height // self.h):
            line = []
            for col in range(width // self.w):
                bits, colour = [], {}
                for y in range(self.h):
                    base = ((row * self.h + y) * width + col * self.w) * 3
                    for x in range(self.w):
                        p = tuple(rgb[base + 3 * x:base + 3 * x + 3])
                        lit = max(p) > 96
                        bits.append(lit)
                        colour.setdefault(lit, p)
                bits = tuple(bits)
                inverse = tuple(not b for b in bits)
                light, dark = colour.get(True), colour.get(False)
                if bits == self.blank:
                    line.append(Cell(" ", False, dark, dark))
                elif inverse == self.blank:
                    line.append(Cell(" ", True, light, light))
                elif bits in self.all_bits:
                    line.append(Cell(self.all_bits[bits], False, light, dark))
                elif inverse in self.all_bits:
                    line.append(Cell(self.all_bits[inverse], True, dark, light))
                else:
                    line.append(Cell("?", False, light, dark))
            rows.append(line)
        return rows

    def text(self, width, height, rgb):
        """The screen as lines of text; '?' for cells that match nothing."""
        lines = []
        for row in range(height // self.h):
            chars = []
            for col in range(width // self.w):
                bits = []
                for y in range(self.h):
                    base = ((row * self.h + y) * width + col * self.w) * 3
                    for x in range(self.w):
                        p = rgb[base + 3 * x:base + 3 * x + 3]
                        bits.append(max(p) > 96)
                bits = tuple(bits)
                chars.append(" " if bits == self.blank else self.by_bits.get(bits, "?"))
            lines.append("".join(chars).rstrip())
        return lines


def render(reader, lines, width, height, fg=(255, 255, 255)):
    """A screen image of @lines drawn with the font (for self-tests)."""
    rgb = bytearray(width * height * 3)
    for row, line in enumerate(lines):
        for col, ch in enumerate(line):
            for y in range(reader.h):
                for x in range(reader.w):
                    if reader.font.pixel(ord(ch), x, y):
                        i = ((row * reader.h + y) * width + col * reader.w + x) * 3
                        rgb[i:i + 3] = bytes(fg)
    return bytes(rgb)
