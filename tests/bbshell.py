# SPDX-License-Identifier: MIT
"""The `bbshell` test group: busybox's interactive shell on the serial
console, keystroke by keystroke, compared with the same busybox on a
Linux pseudo-terminal.

The ISO boots as `make run` does (the demo, then busybox's init and its
login shell on the console), with the serial port on a pipe (QEMU's
-serial stdio) that this module types into, raw bytes, as a terminal
emulator would: Enter is \\r, the arrows are ESC [ A..D, ctrl-C is \\x03.
The same keys go to `busybox sh -i` on the build machine, started in a
session of its own with a pty as its controlling terminal, its window
the size of the kernel's screen, PATH a directory of busybox's applets.

SESSION below is what is typed, step by step: each step's keys, then
what must appear before the next step is typed (so that no key comes
before the shell reads it the way it would from a person). Both
transcripts, from the first step on, must be the same byte for byte,
escape sequences included, once carriage returns are dropped (Linux's
ONLCR writes \\r\\n, the kernel's serial port starts lines itself). What
vi draws is not compared (it depends on the terminal's answers to its
questions): the file it wrote is, by `cat`.

Then `exit`: init runs /sbin/poweroff (/etc/inittab), which signals
init, which ends every process and calls reboot(2): QEMU must exit with
the success status. `poweroff` typed at the prompt is checked in a
second boot.
"""

import os
import re
import struct
import subprocess
import tempfile
import fcntl
import termios
import time
from pathlib import Path

from harness import (BOOT_TIMEOUT, BUSYBOX, EXIT_SUCCESS, LOGS, PROMPT_RE,
                     dump_processes, make_iso, qemu_command)
from busyboxdiff import host_child_setup
from linuxdiff import KERNEL_LINE
from ttydiff import Pty, _take_terminal, finish, screen_size

TIMEOUT = max(BOOT_TIMEOUT, 180)
STEP_TIMEOUT = 20

# (name, keys, what must then appear). Keys are bytes or a pause in
# seconds; the pattern is a regex on the transcript from the step's start
# (escape sequences and carriage returns removed).
SESSION = [
    ("start", [b"echo ==start==\r"], r"==start==\n\$ "),
    ("backspace", [b"echo hellp\x7fo\r"], r"^hello\n\$ "),
    ("ctrl-a-and-ctrl-e", [b"cho world\x01e\x05!\r"], r"^world!\n\$ "),
    ("left-and-right", [b"echo ac\x1b[Db\x1b[Cd\r"], r"^abcd\n\$ "),
    ("up-arrow-history", [b"\x1b[A", 0.3, b"\r"], r"^abcd\n\$ "),
    ("older-history", [b"\x1b[A\x1b[A\x1b[A", 0.3, b"\r"],
     r"^(world!|hello)\n\$ "),
    ("tab-completes-a-command", [b"ech\t", 0.5, b"tab-done\r"],
     r"^tab-done\n\$ "),
    ("ctrl-c-of-sleep", [b"sleep 100\r", 1.0, b"\x03"], r"\^C\n\$ "),
    ("status-130", [b"echo $?\r"], r"^130\n\$ "),
    ("ctrl-z-stops-it", [b"sleep 100\r", 1.0, b"\x1a"],
     r"Stopped +sleep 100\n\$ "),
    ("jobs-lists-it", [b"jobs\r"], r"Stopped +sleep 100\n\$ "),
    ("bg-continues-it", [b"bg\r"], r"sleep 100\n\$ "),
    ("jobs-says-running", [b"jobs\r"], r"Running +sleep 100\n\$ "),
    ("fg-then-ctrl-c", [b"fg\r", 1.0, b"\x03"], r"sleep 100\n\^C\n\$ "),
    ("no-jobs-left", [b"jobs; echo none\r"], r"^none\n\$ "),
    ("pipeline", [b"seq 5 | sort -r | head -3 | tr '\\n' ' '; echo\r"],
     r"^5 4 3 \n\$ "),
    ("vi-writes-a-file",
     [b"vi vi.txt\r", 1.5, b"iThe quick brown fox\rjumps over\x1b", 0.5,
      b":wq\r"], r"\$ "),
    ("cat-shows-it", [b"cat vi.txt; rm vi.txt\r"],
     r"^The quick brown fox\njumps over\n\$ "),
]
# The part of the transcript that is vi's drawing: not compared.
VI_CUT = re.compile(r"vi vi\.txt\n.*?(?=cat vi\.txt)", re.S)


def plain(raw):
    """A transcript as text, carriage returns dropped."""
    return raw.decode(errors="replace").replace("\r", "")


def visible(raw):
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", plain(raw))


def play(con, problems):
    """Type SESSION into @con, each step once the one before has shown
    what it must; what went wrong goes to @problems. Returns the names of
    the steps that went right."""
    done = []
    for name, keys, pattern in SESSION:
        at = len(visible(con.raw()))
        for k in keys:
            if isinstance(k, bytes):
                con.type(k)
            else:
                time.sleep(k)
        deadline = time.monotonic() + STEP_TIMEOUT
        rx = re.compile(pattern, re.M)
        while not rx.search(visible(con.raw())[at:]):
            if time.monotonic() > deadline:
                problems.append(f"{name}: no {pattern!r} after "
                                f"{visible(con.raw())[at:][-200:]!r}")
                return done
            time.sleep(0.05)
        done.append(name)
    return done


class Serial(Pty):
    """harness.Console's job, with Pty's raw() (the bytes as they came)."""

    def __init__(self, proc):
        self.proc = proc
        super().__init__(proc.stdout.fileno())

    def type(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()


def session_part(raw):
    """From the first step's echo to the `exit` after the last, kernel
    lines set aside, vi's drawing cut out."""
    text = plain(raw)
    at = text.find("echo ==start==")
    if at < 0:
        return None
    text = text[at:]
    end = text.rfind("exit\n")  # typed after the session: what follows
    if end >= 0:                # it is the machine's, or the host's, end
        text = text[:end]
    text = "".join(l for l in text.splitlines(keepends=True)
                   if not KERNEL_LINE.match(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", l)))
    return VI_CUT.sub("vi vi.txt\n[vi]\n", text)


def child_setup():
    """The host's shell starts as the kernel's does: every signal at its
    default action, and the pty as its controlling terminal."""
    host_child_setup()
    _take_terminal()


def run_on_linux(rows, cols, problems):
    """The session with busybox sh on a pty of the build machine."""
    with tempfile.TemporaryDirectory() as tmp:
        bindir = Path(tmp) / "bin"
        bindir.mkdir()
        subprocess.run([BUSYBOX, "--install", "-s", str(bindir)], check=True)
        master, slave = os.openpty()
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {"PATH": str(bindir), "HOME": tmp, "PS1": "$ ", "TERM": "vt102"}
        p = subprocess.Popen([BUSYBOX, "sh", "-i"], cwd=tmp, env=env,
                             stdin=slave, stdout=slave, stderr=slave,
                             start_new_session=True, preexec_fn=child_setup)
        os.close(slave)
        con = Pty(master)
        if con.expect(r"^\$ ", 0, timeout=10) is None:
            problems.append("no prompt from busybox sh on the build machine")
        else:
            play(con, problems)
        con.type(b"exit\r")
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        time.sleep(0.2)
        os.close(master)
        return con.raw()


def boot_to_prompt(name, problems):
    """The default boot with the serial port on a pipe (and a monitor, to
    press SysRq when something hangs), at the prompt."""
    LOGS.mkdir(parents=True, exist_ok=True)
    monitor = LOGS / f"{name}.monitor"
    if monitor.exists():
        monitor.unlink()
    cmd = qemu_command(make_iso(""), serial_log="x")[:-2] + [
        "-serial", "stdio", "-monitor", f"unix:{monitor},server,nowait"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    proc.monitor = monitor
    con = Serial(proc)
    if con.expect(PROMPT_RE, 0, timeout=TIMEOUT) is None:
        problems.append(f"no prompt {PROMPT_RE!r}")
    return proc, con


def end_boot(proc, con, name, problems):
    """Wait for the machine to end; when a step went wrong, first the
    kernel's list of processes and where each is (SysRq) into the log."""
    if problems and proc.poll() is None:
        dump_processes(proc.monitor)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # it should have powered off
        dump_processes(proc.monitor)
    status = finish(proc, con, name)
    if proc.monitor.exists():
        proc.monitor.unlink()
    return status


def test_bbshell(r):
    """busybox's shell typed at over the serial port, as on Linux."""
    t0 = time.monotonic()
    problems = []
    proc, con = boot_to_prompt("bbshell", problems)
    rows, cols = screen_size(con.text())
    kernel_steps = []
    if not problems:
        # The same prompt as the build machine's, then the session.
        con.type(b"PS1='$ '\r")
        if con.expect(r"^\$ ", len(con.text()) - 2, timeout=STEP_TIMEOUT) is None:
            problems.append("PS1 not taken")
        else:
            kernel_steps = play(con, problems)
    con.type(b"exit\r")
    status = end_boot(proc, con, "bbshell", problems)
    (LOGS / "bbshell.raw").write_bytes(con.raw())
    for name, _, _ in SESSION:
        r.add(f"bbshell/{name}", name in kernel_steps,
              "; ".join(problems) + f" (log: {LOGS.name}/bbshell.log)")
    r.add("bbshell/exit-powers-off", status == EXIT_SUCCESS and
          "reboot: Power down" in con.text(),
          f"QEMU exit status {status}")

    linux_problems = []
    linux = run_on_linux(rows, cols, linux_problems)
    (LOGS / "bbshell-linux.raw").write_bytes(linux)
    mine, theirs = session_part(con.raw()), session_part(linux)
    r.add("bbshell/linux-session-ran", not linux_problems,
          "; ".join(linux_problems))
    why = ""
    if mine != theirs:
        import difflib
        diff = difflib.unified_diff((theirs or "").splitlines(),
                                    (mine or "").splitlines(), "on Linux",
                                    "on this kernel", n=1, lineterm="")
        why = "\n    ".join([""] + [repr(l) for l in list(diff)[:40]])
    r.add("bbshell/same-transcript-as-linux", mine is not None and mine == theirs,
          f"the transcripts differ (logs {LOGS.name}/bbshell.raw, "
          f"bbshell-linux.raw){why}")

    # `poweroff` typed at the prompt: busybox asks init (SIGUSR2), init
    # ends every process and powers off.
    problems = []
    proc, con = boot_to_prompt("bbshell-poweroff", problems)
    if not problems:
        con.type(b"poweroff\r")
    status = end_boot(proc, con, "bbshell-poweroff", problems)
    r.add("bbshell/poweroff-command", not problems and status == EXIT_SUCCESS
          and "The system is going down NOW!" in con.text(),
          "; ".join(problems) + f" QEMU exit status {status}")
    print(f"bbshell: {time.monotonic() - t0:.0f} s", flush=True)
