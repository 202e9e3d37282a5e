# SPDX-License-Identifier: MIT
"""The machinery of tests/run.py: building test ISOs, booting them in
QEMU under a timeout, judging a boot by the kernel's result lines and
QEMU's exit status, and talking to QEMU's monitor, gdb stub and serial
port. tests/run.py holds the tests themselves."""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = (ROOT / os.environ.get("BUILD", "build")).resolve()
NM = os.environ.get("NM", "nm")
KERNEL = BUILD / "kernel.elf"
LOGS = BUILD / "test-logs"
OVMF = "/usr/share/ovmf/OVMF.fd"



def _kernel_define(name):
    """A #define of include/kernel/ktest.h: the kernel's values are the
    one source, not copies here."""
    text = (ROOT / "include/kernel/ktest.h").read_text()
    return int(re.search(rf"^#define {name} (0x[0-9a-f]+|\d+)", text, re.M).group(1), 0)


# QEMU's exit status is (value << 1) | 1 for a value written to port 0xf4.
EXIT_SUCCESS = (_kernel_define("QEMU_EXIT_SUCCESS") << 1) | 1
EXIT_FAILURE = (_kernel_define("QEMU_EXIT_FAILURE") << 1) | 1
EXIT_PANIC = (_kernel_define("QEMU_EXIT_PANIC") << 1) | 1

INTEL_CPU = "qemu64,vendor=GenuineIntel"
BOOT_TIMEOUT = int(os.environ.get("BOOT_TIMEOUT", "90"))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RESULT = re.compile(r"^\[(OK|FAIL)\] (\S+)(.*)$")
SUMMARY = re.compile(r"^ktest: (\d+) passed, (\d+) failed$")
# The static busybox the ISO carries (make's BUSYBOX), and the prompt of
# its login shell (PS1 in user/rootfs/etc/profile, the name from
# /etc/hostname) in the root directory.
BUSYBOX = os.environ.get("BUSYBOX", "/bin/busybox")
PROMPT = "root@teaching:/# "
PROMPT_RE = re.escape(PROMPT)


class Results:
    """Collects one line per test and prints it as it comes."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def add(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"[OK] {name}", flush=True)
        else:
            self.failed += 1
            print(f"[FAIL] {name}: {detail}", flush=True)


class Boot:
    """What one QEMU run left behind."""

    def __init__(self, status, log, timed_out, matched=False):
        self.status = status
        self.log = log
        self.timed_out = timed_out
        self.matched = matched

    def lines(self):
        text = ANSI.sub("", self.log).replace("\r", "")
        return [line.rstrip() for line in text.split("\n")]


def iso_programs():
    """The programs make builds, each a boot module the kernel puts in
    /bin (a stale one whose source is gone stays out): user/NAME.c, the
    bad-* files and the musl programs."""
    programs = sorted(p for p in (BUILD / "user/bin").glob("*")
                      if (ROOT / "user" / f"{p.name}.c").exists() or
                      p.name.startswith("bad-"))
    programs += sorted(p for p in (BUILD / "user/musl").glob("*")
                       if (ROOT / "user/musl" / f"{p.name}.c").exists())
    return programs


def make_iso(cmdline, kernel=KERNEL, text_mode=False, mode="", modules=()):
    """Build (once per command line) an ISO whose grub.cfg passes cmdline;
    text_mode keeps a BIOS in VGA text mode, mode ("1024x768x32") asks
    GRUB for that graphics mode."""
    gfx = "text" if text_mode else mode
    tag = re.sub(r"[^A-Za-z0-9]+", "-",
                 " ".join([cmdline, gfx] + [Path(m).name for m in modules])
                 ).strip("-") or "default"
    if len(tag) > 150:  # file names stop at 255 bytes: keep it unique
        import hashlib
        tag = tag[:100] + "-" + hashlib.sha1(tag.encode()).hexdigest()[:12]
    iso = kernel.parent / f"test-{tag}.iso"
    programs = iso_programs()
    # The initramfs (make user builds it): /etc and the rest of the tree.
    if (BUILD / "initramfs.cpio").exists():
        programs.append(BUILD / "initramfs.cpio")
    programs += [Path(m) for m in modules]  # a test's own, last
    newest = max(p.stat().st_mtime for p in [kernel] + programs)
    if not iso.exists() or iso.stat().st_mtime < newest:
        subprocess.run(["sh", str(ROOT / "tools/mkiso.sh"), str(kernel),
                        cmdline, str(iso)] + [str(p) for p in programs],
                       check=True, env=dict(os.environ, GFXPAYLOAD=gfx))
    return iso


def qemu_command(iso, firmware="bios", cpu=INTEL_CPU, serial_log=None,
                 memory="256M"):
    """The QEMU command line of a test boot; serial output to @serial_log."""
    cmd = ["qemu-system-x86_64", "-cdrom", str(iso), "-boot", "d",
           "-m", memory, "-cpu", cpu, "-no-reboot", "-display", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-serial", f"file:{serial_log}"]
    if firmware == "uefi":
        cmd += ["-bios", OVMF]
    return cmd


def boot(name, cmdline, firmware="bios", cpu=INTEL_CPU, timeout=BOOT_TIMEOUT,
         until=None, extra=(), on_start=None, kernel=KERNEL, mode="",
         modules=(), memory="256M"):
    """Boot the kernel with cmdline and wait for QEMU to exit.

    until: a regex; once the serial log matches it, QEMU is stopped early
    (for runs that are expected to halt). on_start(proc) runs right after
    QEMU starts (the gdb tests attach there).
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{name.replace('/', '_')}.log"
    if log_path.exists():
        log_path.unlink()
    cmd = qemu_command(make_iso(cmdline, kernel, mode=mode, modules=modules),
                       firmware, cpu, log_path, memory) + list(extra)
    # A monitor of our own, to ask a hung kernel where its processes are.
    monitor = None
    if "-monitor" not in cmd:
        monitor = LOGS / f"{name.replace('/', '_')}.monitor"
        if monitor.exists():
            monitor.unlink()
        cmd += ["-monitor", f"unix:{monitor},server,nowait"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if on_start:
        on_start(proc)
    deadline = time.monotonic() + timeout
    timed_out = matched = False
    while proc.poll() is None:
        if until and log_path.exists() and \
                re.search(until, ANSI.sub("", log_path.read_text(errors="replace"))):
            matched = True
            break
        if time.monotonic() > deadline:
            timed_out = True
            break
        time.sleep(0.2)
    if timed_out and monitor and proc.poll() is None:
        dump_processes(monitor)
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    if monitor and monitor.exists():
        monitor.unlink()
    stderr = proc.stderr.read().decode(errors="replace")
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    if stderr.strip():
        log += "\n[qemu stderr]\n" + stderr
    return Boot(None if (timed_out or matched) else proc.returncode, log,
                timed_out, matched)


def dump_processes(monitor):
    """Press SysRq (Alt+Print Screen) on a hung kernel's keyboard: it
    prints every process, its state and where it is (kernel/proc/proc.c,
    proc_dump) to the serial log, which the failure report then shows.
    (Not ctrl-\\, which is the terminal's VQUIT: SIGQUIT to the
    foreground group.) Interrupts must still be on for that: a kernel
    stuck with them off prints nothing."""
    try:
        monitor_command(monitor, "sendkey alt-sysrq", wait=2.0)
    except OSError:
        pass


def judge(b):
    """The verdict on a test boot: (ok, reason)."""
    lines = b.lines()
    if b.timed_out:
        where = ("; where each process was is at the end of the log"
                 if "--- processes" in b.log else "")
        return False, "hang: QEMU did not exit before the timeout" + where
    if b.status == 0:
        return False, "QEMU exited with status 0 (a triple fault or reset)"
    panics = [l for l in lines if "KERNEL PANIC" in l]
    if panics:
        return False, panics[0].strip()
    summaries = [l for l in lines if SUMMARY.match(l)]
    if not summaries:
        return False, f"no 'ktest: N passed, N failed' line (exit status {b.status})"
    passed, failed = map(int, SUMMARY.match(summaries[-1]).groups())
    if b.status != EXIT_SUCCESS:
        return False, f"exit status {b.status} ({failed} failed)"
    if failed or not passed:
        return False, f"summary says {passed} passed, {failed} failed"
    return True, ""


def kernel_results(b):
    """The kernel's own [OK]/[FAIL] lines: (name, ok, detail)."""
    out = []
    lines = b.lines()
    for i, line in enumerate(lines):
        m = RESULT.match(line)
        if m:
            detail = ""
            if m.group(1) == "FAIL":
                # the kernel prints "# file:line: why" before [FAIL]
                why = [l for l in lines[max(0, i - 3):i] if l.startswith("# ")]
                detail = (why[-1][2:] if why else m.group(3).strip())
            out.append((m.group(2), m.group(1) == "OK", detail))
    return out


def symbol_address(name):
    nm = subprocess.run([NM, str(KERNEL)], capture_output=True, text=True)
    m = re.search(rf"^([0-9a-f]+) \w {re.escape(name)}$", nm.stdout, re.M)
    return int(m.group(1), 16) if m else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_batch(port, commands, timeout=60):
    cmd = ["gdb", "-q", "-batch", "-nx", "-x",
           str(ROOT / "tools/gdb/kernel.gdb"), str(KERNEL),
           "-ex", f"target remote localhost:{port}"]
    for c in commands:
        cmd += ["-ex", c]
    return subprocess.run(cmd, capture_output=True, text=True,
                          timeout=timeout)


# ------------------------------------------------------- screen, shell

def monitor_connect(sock_path, timeout=10):
    """A connection to QEMU's human monitor on a UNIX socket, waiting up
    to @timeout seconds for QEMU to have made the socket."""
    deadline = time.monotonic() + timeout
    while True:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.connect(str(sock_path))
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def monitor_command(sock_path, command, wait=1.5):
    """Send one command to QEMU's human monitor on a UNIX socket."""
    with monitor_connect(sock_path) as s:
        time.sleep(0.3)
        s.sendall(command.encode() + b"\n")
        time.sleep(wait)


def monitor_query(sock_path, command, timeout=10):
    """Send one command to QEMU's human monitor and return its output."""
    with monitor_connect(sock_path, timeout) as s:
        s.settimeout(timeout)
        data = b""
        while not data.endswith(b"(qemu) "):  # the banner and a prompt
            data += s.recv(65536)
        s.sendall(command.encode() + b"\n")
        data = b""
        while not data.endswith(b"(qemu) "):
            data += s.recv(65536)
    return data.decode(errors="replace")


def vga_text(name, cmdline, until):
    """Boot in VGA text mode under SeaBIOS, wait for @until on serial, and
    read the 80x25 text buffer at 0xb8000 through the monitor: rows of
    (character, attribute byte), the character decoded from CP437."""
    sock = LOGS / f"{name}.monitor"
    if sock.exists():
        sock.unlink()
    got = {}

    def take(proc):
        log = LOGS / f"{name}.log"
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and re.search(until, ANSI.sub("", log.read_text(errors="replace"))):
                time.sleep(1)  # let the last lines reach the screen
                got["dump"] = monitor_query(sock, "xp /2000hx 0xb8000")
                break
            time.sleep(0.3)
        monitor_command(sock, "quit", wait=0.2)

    b = boot(name, cmdline, mode="text",
             extra=["-monitor", f"unix:{sock},server,nowait"], on_start=take)
    words = [int(w, 16) for line in got.get("dump", "").splitlines()
             for w in re.findall(r"0x([0-9a-f]{4})\b", line.split(":", 1)[-1])
             if re.match(r"^[0-9a-f]+:", line.strip())]
    if len(words) != 2000:
        return b, None
    cells = [(bytes([w & 0xff]).decode("cp437"), w >> 8) for w in words]
    return b, [cells[r * 80:(r + 1) * 80] for r in range(25)]


# QEMU's sendkey names for the characters typed on the PS/2 keyboard.
SENDKEY = {" ": "spc", "\n": "ret", "/": "slash", "|": "shift-backslash",
           "-": "minus", ".": "dot", "=": "equal", "_": "shift-minus",
           "'": "apostrophe", ">": "shift-dot", "<": "shift-comma",
           ";": "semicolon", ",": "comma", "$": "shift-4", "*": "shift-8"}


def sendkeys(sock, text):
    """Type @text on the machine's PS/2 keyboard (the monitor's sendkey)."""
    for ch in text:
        key = SENDKEY.get(ch) or (f"shift-{ch.lower()}" if ch.isupper() else ch)
        monitor_command(sock, f"sendkey {key}", wait=0.05)


def screenshot(name, cmdline, firmware, until, mode="", cells=False,
               keys=None, then=None):
    """Boot, wait for @until on serial, photograph the screen, read it:
    as lines of text, or with @cells as rows of screen.Cell. With @keys:
    once @until is there, type them on the keyboard and wait for @then."""
    import screen
    sock = LOGS / f"{name}.monitor"
    ppm = LOGS / f"{name}.ppm"
    for p in (sock, ppm):
        if p.exists():
            p.unlink()
    shot = {}

    def take(proc):
        log = LOGS / f"{name}.log"
        deadline = time.monotonic() + BOOT_TIMEOUT
        waiting_for, typed = until, keys is None
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and re.search(waiting_for, ANSI.sub("", log.read_text(errors="replace"))):
                if not typed:
                    sendkeys(sock, keys)
                    waiting_for, typed = then, True
                    continue
                time.sleep(1)  # let the last lines reach the screen
                monitor_command(sock, f"screendump {ppm}")
                break
            time.sleep(0.3)
        monitor_command(sock, "quit", wait=0.2)
        shot["taken"] = ppm.exists()

    b = boot(name, cmdline, firmware=firmware, mode=mode,
             extra=["-monitor", f"unix:{sock},server,nowait"], on_start=take)
    if not shot.get("taken"):
        return b, None
    w, h, rgb = screen.read_ppm(ppm)
    screen.write_png(LOGS / f"{name}.png", w, h, rgb)
    reader = screen.Reader()
    return b, reader.cells(w, h, rgb) if cells else reader.text(w, h, rgb)


class Console:
    """QEMU's serial port on a pipe: type into it, wait for output."""

    def __init__(self, proc):
        import threading
        self.proc, self.buf = proc, b""
        self.lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                return
            with self.lock:
                self.buf += chunk

    def text(self):
        with self.lock:
            return ANSI.sub("", self.buf.decode(errors="replace")).replace("\r", "")

    def expect(self, pattern, start, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.compile(pattern, re.M).search(self.text(), start)
            if m:
                return m.end()
            time.sleep(0.1)
        return None

    def type(self, s):
        """Type @s: text, or bytes as they are."""
        self.proc.stdin.write(s if isinstance(s, bytes) else s.encode())
        self.proc.stdin.flush()
