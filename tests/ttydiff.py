# SPDX-License-Identifier: MIT
"""The `tty` test group: the console as a terminal, compared with Linux's.

user/musl/m-termios needs somebody at a terminal: before each read it
prints a line "> NAME", and this module types what NAME calls for (KEYS
below). It runs the program twice with the same keys:

- on the build machine, under a pseudo-terminal (os.openpty): the
  program starts in a session of its own with the pty's slave as its
  controlling terminal, fds 0, 1 and 2, as a login shell would; what it
  prints and what the pty echoes is read from the master;
- on the kernel, booted with `init=m-termios poweroff`, typing into the
  serial port (QEMU's -serial stdio on a pipe), as test_shell does.

Both transcripts, echo included, must be the same, byte for byte, once
carriage returns are dropped (Linux's ONLCR writes \\r\\n; the kernel's
consoles start a new line at \\n themselves, and its serial port sends
\\r\\n too) and the kernel's own lines are set aside (tests/linuxdiff.py
does the same). Some things cannot be compared through a pty, so the
group checks them on the kernel alone: the keys of the PS/2 keyboard
(QEMU's sendkey) as escape sequences, and TIOCGWINSZ's first answer,
which is the screen's size in cells (`m-termios keys`).
"""

import errno
import fcntl
import os
import re
import struct
import subprocess
import termios
import threading
import time

from harness import (
    ANSI,
    BOOT_TIMEOUT,
    BUILD,
    EXIT_SUCCESS,
    LOGS,
    Console,
    make_iso,
    monitor_command,
    qemu_command,
)
from linuxdiff import MUSL_BIN, Run, compare, extract

PROGRAM = "m-termios"
TIMEOUT = max(BOOT_TIMEOUT, 180)
PROMPT = re.compile(r"^> ([^\n]*)\n", re.M)

# What to type at each prompt of m-termios: bytes are typed, a number is
# a pause in seconds, ("echo", TEXT) waits until the terminal has echoed
# TEXT (so that the next key comes after the bytes before it were taken).
# Enter is \r, as a terminal sends it.
KEYS = {
    "a line": [b"hello\r"],
    "in parts": [b"abcdef\r"],
    "two lines": [b"one\rtwo\r"],
    "erase": [b"helo\x7f\x7flo wrld\x17world\r"],
    "kill": [b"junk\x15line\r"],
    "literal next": [b"\x16\x03x\r"],
    "reprint": [b"abc\x12d\r"],
    "control characters": [b"\x01\x7f\x02\r"],
    "tab erase": [b"a\tb\x7f\x7f\r"],
    "eof": [b"\x04"],
    "eof after text": [b"abc\x04"],
    "eof after a partial read": [b"ab\x04"],
    "and more": [b"more\r"],
    "eol": [b"ab;cd\r"],
    "no echo": [b"secret\r"],
    "echonl": [b"quiet\r"],
    "no echoe": [b"abc\x7f\r"],
    "echok without echoke": [b"junk\x15x\r"],
    "no echoctl": [b"\x01\r"],
    "echo, not canonical": [b"\r\n\x01"],
    "min 1": [b"xyz"],
    "min 1, one byte": [b"q"],
    "within 5 s": [b"k"],
    "three, slowly": [b"a", 0.3, b"b", 0.3, b"c"],
    "two of five": [b"12"],
    "one, then silence": [b"m"],
    "icrnl": [b"\r"],
    "no icrnl": [b"\r"],
    "inlcr": [b"\n"],
    "igncr": [b"a\rb"],
    "istrip": [b"\xe9"],
    "iuclc": [b"ABC"],
    "no isig": [b"\x03\x1c\x1a"],
    "ixon": [b"a\x13b\x11c"],
    "no ixon": [b"\x13\x11"],
    "intr key": [b"abc", ("echo", "abc"), b"\x03"],
    "quit key": [b"abc", ("echo", "abc"), b"\x1c"],
    "susp key": [b"abc", ("echo", "abc"), b"\x1a"],
    "after it": [b"def\r"],
    "intr key, noflsh": [b"abc", ("echo", "abc"), b"\x03"],
    "intr key, SA_RESTART": [b"x", ("echo", "x"), b"\x03", ("echo", "^C"),
                             b"y\r"],
    "queue": [b"s12345"],
    "queue again": [b"s123"],
    "queue, canonical": [b"one\rtw"],
    "finish it": [b"o\r"],
    "then canonical": [b"abc"],
    "the job": [b"job\r"],
}


def drive(con, pos, finished, problems):
    """Answer each prompt after @pos with its KEYS until finished()."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        m = PROMPT.search(con.text(), pos)
        if not m:
            if finished():
                return
            time.sleep(0.05)
            continue
        pos = m.end()
        actions = KEYS.get(m.group(1))
        if actions is None:
            problems.append(f"no keys for the prompt {m.group(1)!r}")
            return
        for a in actions:
            if isinstance(a, bytes):
                con.type(a)
            elif isinstance(a, float):
                time.sleep(a)
            elif con.expect(re.escape(a[1]), pos, timeout=20) is None:
                problems.append(f"{m.group(1)!r}: no echo of {a[1]!r}")
                return
    problems.append(f"still running after {TIMEOUT} s")


# ------------------------------------------------------ Linux, on a pty

class Pty:
    """The master side of a pseudo-terminal, like harness.Console."""

    def __init__(self, master):
        self.master, self.buf, self.eof = master, b"", False
        self.lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError as e:  # EIO: the slave's last holder closed it
                if e.errno != errno.EIO:
                    raise
                chunk = b""
            if not chunk:
                self.eof = True
                return
            with self.lock:
                self.buf += chunk

    def raw(self):
        with self.lock:
            return self.buf

    def text(self):
        return ANSI.sub("", self.raw().decode(errors="replace")).replace("\r", "")

    def expect(self, pattern, start, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.compile(pattern, re.M).search(self.text(), start)
            if m:
                return m.end()
            time.sleep(0.05)
        return None

    def type(self, data):
        os.write(self.master, data)


def _take_terminal():
    """In the child, after setsid: the pty's slave (fd 0) becomes its
    controlling terminal, and its group the foreground."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run_on_linux(problems):
    """m-termios on a fresh pty of the build machine: (Run, raw bytes)."""
    exe = MUSL_BIN / PROGRAM
    if not exe.exists():
        return Run("never started", "", [f"{exe} is not built (make user)"]), b""
    master, slave = os.openpty()
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    p = subprocess.Popen([PROGRAM], executable=str(exe), cwd=MUSL_BIN,
                         env={}, stdin=slave, stdout=slave, stderr=slave,
                         start_new_session=True, preexec_fn=_take_terminal)
    os.close(slave)
    con = Pty(master)
    drive(con, 0, lambda: p.poll() is not None and con.eof, problems)
    try:
        status = p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        status = p.wait()
    deadline = time.monotonic() + 5
    while not con.eof and time.monotonic() < deadline:
        time.sleep(0.05)
    os.close(master)
    ended = f"exit status {status}" if status >= 0 else "killed"
    return Run(ended, con.text()), con.raw()


# -------------------------------------------------- the kernel, on COM1

def boot_interactive(name, cmdline, monitor=None):
    """QEMU with the serial port on a pipe (and a monitor socket)."""
    LOGS.mkdir(parents=True, exist_ok=True)
    cmd = qemu_command(make_iso(cmdline), serial_log="x")[:-2] + [
        "-serial", "stdio"]
    if monitor:
        if monitor.exists():
            monitor.unlink()
        cmd += ["-monitor", f"unix:{monitor},server,nowait"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    return proc, Console(proc)


def finish(proc, con, name):
    try:
        status = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = proc.wait()
    (LOGS / f"{name}.log").write_text(con.text())
    return status


def run_on_kernel(problems):
    """m-termios on the kernel, typed into COM1: (Run, QEMU status)."""
    proc, con = boot_interactive("tty", f"init={PROGRAM} poweroff")
    start = con.expect(rf"^starting {PROGRAM} in ring 3\n", 0, timeout=TIMEOUT)
    if start is None:
        problems.append("the kernel never started it")
    else:
        ended = re.compile(rf"{PROGRAM} (exited with status|was killed)")
        drive(con, start, lambda: bool(ended.search(con.text(), start)) or
              proc.poll() is not None, problems)
    status = finish(proc, con, "tty")
    return extract(con.text(), [PROGRAM])[PROGRAM], status


# ------------------------------------------- the keyboard, kernel only

# QEMU's key names, and the bytes the program must read for each (ICRNL
# is on: Enter reads as \n).
KEYBOARD = [
    ("up", "1b 5b 41"), ("down", "1b 5b 42"), ("right", "1b 5b 43"),
    ("left", "1b 5b 44"), ("home", "1b 5b 48"), ("end", "1b 5b 46"),
    ("insert", "1b 5b 32 7e"), ("delete", "1b 5b 33 7e"),
    ("pgup", "1b 5b 35 7e"), ("pgdn", "1b 5b 36 7e"), ("f1", "1b 4f 50"),
    ("f5", "1b 5b 31 35 7e"), ("f12", "1b 5b 32 34 7e"),
    ("backspace", "7f"), ("ret", "0a"), ("kp_enter", "0a"),
    ("kp_divide", "2f"), ("tab", "09"), ("esc", "1b"), ("shift-a", "41"),
    ("ctrl-a", "01"), ("ctrl-c", "03"), ("ctrl-backslash", "1c"),
    ("ctrl-bracket_right", "1d"), ("alt-x", "1b 78"), ("q", "71"),
]


def screen_size(log):
    """(rows, columns) of the screen the boot log describes."""
    m = re.search(r"^framebuffer: VGA text (\d+)x(\d+)", log, re.M)
    if m:
        return int(m.group(2)), int(m.group(1))
    m = re.search(r"^framebuffer: (\d+)x(\d+)x\d+", log, re.M)
    if m:
        return min(int(m.group(2)) // 16, 160), min(int(m.group(1)) // 8, 320)
    return 0, 0


def test_keys(r):
    """The PS/2 keyboard's keys as a terminal sends them, and the first
    TIOCGWINSZ: the screen's size."""
    monitor = LOGS / "tty-keys.monitor"
    proc, con = boot_interactive("tty-keys", f"init={PROGRAM} poweroff -- keys",
                                 monitor)
    pos = con.expect(r"^keys: ready\n", 0, timeout=TIMEOUT)
    got = []
    if pos is not None:
        for key, _ in KEYBOARD:
            monitor_command(monitor, f"sendkey {key}", wait=0.3)
            end = con.expect(r"^keys:( [0-9a-f]{2})+\n", pos, timeout=10)
            if end is None:
                got.append((key, "nothing"))
                continue
            got.append((key, con.text()[pos:end].strip()[len("keys: "):]))
            pos = end
    status = finish(proc, con, "tty-keys")
    if monitor.exists():
        monitor.unlink()
    wrong = [f"{k}: {g}, want {w}" for (k, w), (_, g) in zip(KEYBOARD, got)
             if g != w]
    r.add("tty/keyboard-escape-sequences", len(got) == len(KEYBOARD) and
          not wrong, f"{'; '.join(wrong) or 'the program never got ready'}"
          f" (log: {LOGS.name}/tty-keys.log)")
    text = con.text()
    m = re.search(r"^winsize: (\d+) rows, (\d+) columns$", text, re.M)
    want = screen_size(text)
    r.add("tty/winsize-is-the-screen",
          m is not None and (int(m.group(1)), int(m.group(2))) == want and
          want != (0, 0),
          f"the program saw {m and m.groups()}, the screen is {want}")
    r.add("tty/keys-boot", status == EXIT_SUCCESS, f"QEMU exit status {status}")


# -------------------------------------------------------------- the group

def test_tty(r):
    """m-termios on a Linux pty and on the kernel's console: the same."""
    problems = []
    linux, raw = run_on_linux(problems)
    tail = "\n    ".join(linux.text.splitlines()[-5:] + problems)
    r.add(f"tty/linux/{PROGRAM}", linux.ended == "exit status 0" and
          not problems, f"{linux.ended} on the build machine\n    {tail}")
    (LOGS / "tty-linux.log").parent.mkdir(parents=True, exist_ok=True)
    (LOGS / "tty-linux.log").write_bytes(raw)
    problems = []
    kernel, status = run_on_kernel(problems)
    ok, why = compare(linux, kernel)
    r.add(f"tty/intel/{PROGRAM}", ok and not problems,
          "; ".join(problems + [why]) + f" (log: {LOGS.name}/tty.log)")
    r.add("tty/boot", status == EXIT_SUCCESS, f"QEMU exit status {status}")
    test_keys(r)
