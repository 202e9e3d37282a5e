#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make malformed copies of a good ELF program, for the loader's tests.

    mkbadelf.py GOOD.elf KIND OUT

KIND: magic (not an ELF file), truncated (cut inside the program
headers), wx (a segment both writable and executable), interp (asks for
a dynamic linker), overlap (two segments share a page), entry (entry
point outside any executable segment).
"""
import struct
import sys

good, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
data = bytearray(open(good, "rb").read())
phoff, = struct.unpack_from("<Q", data, 32)
phentsize, phnum = struct.unpack_from("<HH", data, 54)


def phdrs():
    for i in range(phnum):
        off = phoff + i * phentsize
        yield off, struct.unpack_from("<IIQQQQQQ", data, off)


def load(exec_):
    for off, ph in phdrs():
        if ph[0] == 1 and bool(ph[1] & 1) == exec_:
            return off, ph
    sys.exit(f"mkbadelf: {good} has no such segment")


if kind == "magic":
    data[1:4] = b"XYZ"
elif kind == "truncated":
    data = data[:phoff + 20]
elif kind == "wx":
    off, ph = load(True)
    struct.pack_into("<I", data, off + 4, ph[1] | 2)
elif kind == "interp":
    off, ph = load(False)
    struct.pack_into("<I", data, off, 3)
elif kind == "overlap":
    _, x = load(True)
    off, _ = load(False)
    struct.pack_into("<Q", data, off + 16, x[3] + 8)
elif kind == "entry":
    _, d = load(False)
    struct.pack_into("<Q", data, 24, d[3])
else:
    sys.exit(f"mkbadelf: unknown kind {kind}")
open(out, "wb").write(data)
