#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The initramfs of `make bench-linux`'s Linux boot: a newc cpio archive
holding one static program as /init, /dev/console (a character device,
5:1, which cpio(1) could only make as root), /tmp and, if given, a
static busybox as /bin/busybox (m-bench's exec-busybox-true row runs it,
as it runs this kernel's /bin/busybox).

Usage: mkinitrd-linux.py OUT.cpio PROGRAM [BUSYBOX]

Every field is fixed (owner root, time 0, inode numbers in order), so the
same program makes the same archive, byte for byte."""

import sys


def entry(ino, name, mode, data=b"", rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 2 if mode & 0o040000 else 1, 0, len(data),
              0, 0, rdev[0], rdev[1], len(name_b), 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = head + name_b
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def main():
    out, prog = sys.argv[1], sys.argv[2]
    with open(prog, "rb") as f:
        init = f.read()
    busybox = None
    if len(sys.argv) > 3 and sys.argv[3]:
        with open(sys.argv[3], "rb") as f:
            busybox = f.read()
    parts = [
        entry(1, ".", 0o040755),
        entry(2, "dev", 0o040755),
        entry(3, "dev/console", 0o020600, rdev=(5, 1)),
        entry(4, "tmp", 0o041777),
        entry(5, "init", 0o100755, init),
    ]
    if busybox is not None:
        parts += [entry(6, "bin", 0o040755),
                  entry(7, "bin/busybox", 0o100755, busybox)]
    parts.append(entry(0, "TRAILER!!!", 0))
    data = b"".join(parts)
    data += b"\0" * (-len(data) % 512)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
