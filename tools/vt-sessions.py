#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Record what busybox's programs write to a terminal, and what an
independent terminal emulator shows for it: the fixtures of
tests/host/test_vt.c, which feeds the same bytes to the kernel's
emulator (kernel/drivers/vt.c) and compares the screens.

    tools/vt-sessions.py [OUTDIR]    (default tests/host/vt_sessions)

Needs Debian's busybox and python3-pyte (run it with /usr/bin/python3),
and unshare(1) so that top sees no process but itself. Each session runs
a busybox applet in a pseudo-terminal of 25x80 with TERM=xterm, types
keys into it, and writes:

    NAME.bin   every byte the program wrote, after the tty's output
               processing (so "\\n" already came out as "\\r\\n")
    NAME.txt   pyte's screen for those bytes: 25 rows of text (UTF-8,
               trailing blanks cut), 25 rows of '.' and 'R' (reverse
               video), and a last line "cursor ROW COL"

pyte has no alternate screen, which this kernel approximates by
clearing it: a session that leaves one (vi) is cut before ESC [ ? 1049 l.
The recordings are committed; run this again only to add a session.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import pyte

ROWS, COLS = 25, 80
TEXT = "\n".join(f"line {i} of the file, some text to fill it up"
                 for i in range(1, 61)) + "\n"

# name: (command, keys typed one after another; a number waits that long)
SESSIONS = {
    "sh-lineedit": (["busybox", "sh"], [
        "echo hello world", "\x1b[D" * 5, "X", "\x7f", "\x01", "#", "\x05",
        " tail", "\r", "echo " + "a" * 100, "\x7f" * 10, "\x1b[D" * 30, "Y",
        "\r", "\x1b[A", "\x1b[A", "\r", "ec\t", "\x03", "exit\r"]),
    "vi-edit": (["busybox", "vi", "FILE"], [
        "j" * 30, "dd", "Onew line here\x1b", "G", "k", "x", "10G", "yyp",
        "/line 5\r", "\x06", ":q!\r"]),
    "vi-scroll": (["busybox", "vi", "FILE"], [
        "G", "\x02", "\x02", "\x15", "ihello\x1b", ":set\r", "\r"]),
    "less": (["busybox", "less", "FILE"], [
        " ", "b", "j", "j", "/line 4\r", "G", "g"]),
    "top": (["unshare", "--pid", "--fork", "--mount-proc",
             "busybox", "top", "-d", "1"], [1.2]),
    "clear": (["busybox", "sh", "-c", "echo before; busybox clear; echo after"], []),
    "reset": (["busybox", "sh", "-c", "echo before; busybox reset; echo after"], [0.5]),
    "watch": (["busybox", "watch", "-n", "1", "echo", "hello"], [1.5]),
}


def record(argv, keys, settle=0.5):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, {"TERM": "xterm", "PATH": "/usr/bin:/bin",
                                   "HOME": "/", "PS1": "$ ", "LANG": "C.UTF-8"})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    out = bytearray()

    def pump(seconds):
        end = time.time() + seconds
        while time.time() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                out.extend(data)

    pump(settle)
    for k in keys:
        if isinstance(k, (int, float)):
            pump(k)
        else:
            os.write(fd, k.encode())
            pump(0.15)
    pump(settle)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return bytes(out)


def screen_of(data):
    screen = pyte.Screen(COLS, ROWS)
    pyte.ByteStream(screen).feed(data)
    rows = [line.rstrip() for line in screen.display]
    reverse = ["".join("R" if screen.buffer[r][c].reverse else "."
                       for c in range(COLS)) for r in range(ROWS)]
    cursor = f"cursor {screen.cursor.y} {min(screen.cursor.x, COLS - 1)}"
    return "\n".join(rows + reverse + [cursor]) + "\n"


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "tests/host/vt_sessions"
    os.makedirs(outdir, exist_ok=True)
    file = os.path.join(outdir, "file.txt")
    with open(file, "w") as f:
        f.write(TEXT)
    for name, (argv, keys) in SESSIONS.items():
        data = record([os.path.abspath(file) if a == "FILE" else a
                       for a in argv], keys)
        leave = data.rfind(b"\x1b[?1049l")
        if leave >= 0:
            data = data[:leave]
        with open(os.path.join(outdir, name + ".bin"), "wb") as f:
            f.write(data)
        with open(os.path.join(outdir, name + ".txt"), "w") as f:
            f.write(screen_of(data))
        print(f"{name}: {len(data)} bytes")
    os.unlink(file)


if __name__ == "__main__":
    main()
