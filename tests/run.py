#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The test runner behind `make test`.

It runs the host unit tests of lib/, checks the build, and boots the real
ISO through GRUB in QEMU (software CPU, headless, under a timeout) with
SeaBIOS and with OVMF. The kernel selects its tests from its command line
("test=all" or "test=name"), prints "[OK] name" / "[FAIL] name" per test
and "ktest: N passed, N failed", then ends QEMU through isa-debug-exit.

A boot is judged by the kernel's own lines and QEMU's exit status: a hang
(timeout), a triple fault (status 0 under -no-reboot), a panic line, a
missing summary or any other status are all failures. The runner prints
one line per test and ends with "N passed, N failed".

  tests/run.py               everything
  tests/run.py --only NAME   one test: a runner test below, or the name of
                             an in-kernel test (booted alone under SeaBIOS)
  tests/run.py --only list   list the names
"""

import argparse
import os
import re
import shutil
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

# QEMU's exit status is (value << 1) | 1 for a value written to port 0xf4;
# the values are QEMU_EXIT_* in include/kernel/ktest.h.
EXIT_SUCCESS = (0x10 << 1) | 1
EXIT_FAILURE = (0x11 << 1) | 1
EXIT_PANIC = (0x12 << 1) | 1

INTEL_CPU = "qemu64,vendor=GenuineIntel"
BOOT_TIMEOUT = int(os.environ.get("BOOT_TIMEOUT", "90"))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RESULT = re.compile(r"^\[(OK|FAIL)\] (\S+)(.*)$")
SUMMARY = re.compile(r"^ktest: (\d+) passed, (\d+) failed$")


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


def make_iso(cmdline, kernel=KERNEL, text_mode=False, mode=""):
    """Build (once per command line) an ISO whose grub.cfg passes cmdline;
    text_mode keeps a BIOS in VGA text mode, mode ("1024x768x32") asks
    GRUB for that graphics mode."""
    gfx = "text" if text_mode else mode
    tag = re.sub(r"[^A-Za-z0-9]+", "-", cmdline + " " + gfx).strip("-") or "default"
    iso = kernel.parent / f"test-{tag}.iso"
    # The programs make builds (a stale one whose source is gone stays out).
    programs = sorted(p for p in (BUILD / "user/bin").glob("*")
                      if (ROOT / "user" / f"{p.name}.c").exists() or
                      p.name.startswith("bad-"))
    newest = max(p.stat().st_mtime for p in [kernel] + programs)
    if not iso.exists() or iso.stat().st_mtime < newest:
        subprocess.run(["sh", str(ROOT / "tools/mkiso.sh"), str(kernel),
                        cmdline, str(iso)] + [str(p) for p in programs],
                       check=True, env=dict(os.environ, GFXPAYLOAD=gfx))
    return iso


def qemu_command(iso, firmware="bios", cpu=INTEL_CPU, serial_log=None):
    """The QEMU command line of a test boot; serial output to @serial_log."""
    cmd = ["qemu-system-x86_64", "-cdrom", str(iso), "-boot", "d",
           "-m", "256M", "-cpu", cpu, "-no-reboot", "-display", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-serial", f"file:{serial_log}"]
    if firmware == "uefi":
        cmd += ["-bios", OVMF]
    return cmd


def boot(name, cmdline, firmware="bios", cpu=INTEL_CPU, timeout=BOOT_TIMEOUT,
         until=None, extra=(), on_start=None, kernel=KERNEL, mode=""):
    """Boot the kernel with cmdline and wait for QEMU to exit.

    until: a regex; once the serial log matches it, QEMU is stopped early
    (for runs that are expected to halt). on_start(proc) runs right after
    QEMU starts (the gdb tests attach there).
    """
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / f"{name.replace('/', '_')}.log"
    if log_path.exists():
        log_path.unlink()
    cmd = qemu_command(make_iso(cmdline, kernel, mode=mode), firmware, cpu,
                       log_path) + list(extra)
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
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    stderr = proc.stderr.read().decode(errors="replace")
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    if stderr.strip():
        log += "\n[qemu stderr]\n" + stderr
    return Boot(None if (timed_out or matched) else proc.returncode, log,
                timed_out, matched)


def judge(b):
    """The verdict on a test boot: (ok, reason)."""
    lines = b.lines()
    if b.timed_out:
        return False, "hang: QEMU did not exit before the timeout"
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


# ---------------------------------------------------------------- tests

def test_host(r):
    """lib/ on the host, compared with the C library."""
    tests = sorted(BUILD.glob("host/test_*"))
    if not tests:
        r.add("host", False, "no host tests built (make host-tests)")
    for exe in tests:
        p = subprocess.run([str(exe)], capture_output=True, text=True)
        found = False
        for line in p.stdout.splitlines():
            m = RESULT.match(line)
            if m:
                found = True
                r.add(f"host/{m.group(2)}{m.group(3)}".replace(" ", "_"),
                      m.group(1) == "OK", "see output of " + exe.name)
        if p.returncode != 0 and not found:
            r.add(f"host/{exe.name}", False, f"exit status {p.returncode}")


def test_build(r):
    """The kernel is a valid multiboot2 image and builds with clang too."""
    p = subprocess.run(["grub-file", "--is-x86-multiboot2", str(KERNEL)])
    r.add("build/multiboot2-header", p.returncode == 0,
          "grub-file --is-x86-multiboot2 rejects build/kernel.elf")
    p = subprocess.run(["make", "-s", "CC=clang", f"BUILD={BUILD}/clang",
                        "kernel", "user"], cwd=ROOT, capture_output=True,
                       text=True)
    r.add("build/clang", p.returncode == 0,
          (p.stderr or p.stdout).strip()[-400:])
    if p.returncode == 0:
        # The clang-built kernel must not only link but pass the suite.
        b = boot("clang-all", "test=all", kernel=BUILD / "clang/kernel.elf")
        ok, why = judge(b)
        r.add("build/clang-kernel-passes-suite", ok, why)


def run_suite(r, label, firmware="bios", cpu=INTEL_CPU, expect_entries=None):
    """All in-kernel tests in one boot; each of their lines is a result."""
    b = boot(f"{label}-all", "test=all", firmware=firmware, cpu=cpu)
    results = kernel_results(b)
    for name, ok, detail in results:
        r.add(f"{label}/{name}", ok, detail)
    ok, why = judge(b)
    summary = [m for m in map(SUMMARY.match, b.lines()) if m]
    counted = sum(map(int, summary[-1].groups())) if summary else 0
    if ok and counted != len(results):
        ok, why = False, (f"the kernel ran {counted} tests but only "
                          f"{len(results)} result lines could be read")
    r.add(f"{label}/boot", ok and len(results) > 0,
          why or "no test results in the log")
    if expect_entries:
        r.add(f"{label}/syscall-entries-detected",
              expect_entries in "\n".join(b.lines()),
              f"no '{expect_entries}' line")
    return {name for name, _, _ in results}


def test_suites(r):
    """Intel-vendor CPU under SeaBIOS and OVMF; AMD-vendor qemu64 too."""
    every = "syscall entries: sysenter=yes int80=yes syscall=yes"
    bios = run_suite(r, "bios", expect_entries=every)
    uefi = run_suite(r, "uefi", firmware="uefi", expect_entries=every)
    # QEMU's default CPU says AuthenticAMD: SYSENTER raises #UD in 64-bit
    # mode there, so the kernel must not offer it.
    amd = run_suite(r, "amd", cpu="qemu64",
                    expect_entries="syscall entries: sysenter=no int80=yes syscall=yes")
    r.add("same-tests-everywhere", bios == uefi == amd and len(bios) > 0,
          f"not run everywhere: {sorted((bios | uefi | amd) - (bios & uefi & amd))}")


def test_bochs(r):
    """All in-kernel tests in one boot on Bochs with an Intel CPU.

    Bochs is stricter than QEMU (see "A stricter second CPU" in the
    platform notes). Its exit status means nothing (the kernel's
    "Shutdown" to port 0x8900 exits with status 1, like a Bochs panic), so
    the serial log alone decides: a summary with N > 0 passed and 0
    failed, no panic line, and a shutdown (no timeout).
    """
    limit = int(os.environ.get("BOCHS_TIMEOUT", "120"))

    def verdict(b, note=""):
        lines = b.lines()
        panics = [l for l in lines if "KERNEL PANIC" in l]
        if panics:
            return False, panics[0].strip()
        summaries = [m for m in map(SUMMARY.match, lines) if m]
        if not summaries:
            if b.timed_out:
                return False, f"hang: no summary line within {limit} s"
            return False, f"no 'ktest: N passed, N failed' line ({note})"
        passed, failed = map(int, summaries[-1].groups())
        if failed or not passed:
            return False, f"summary says {passed} passed, {failed} failed"
        if b.timed_out:
            return False, "Bochs did not shut down after the summary"
        return True, ""

    summary = "ktest: 3 passed, 0 failed\n"
    cases = [
        (Boot(None, summary, False), True),
        (Boot(None, summary, True), False),   # no shutdown after the summary
        (Boot(None, "", False), False),
        (Boot(None, "ktest: running all\n", True), False),     # hang
        (Boot(None, "ktest: 2 passed, 1 failed\n", False), False),
        (Boot(None, "ktest: 0 passed, 0 failed\n", False), False),
        (Boot(None, summary + "KERNEL PANIC: x\n", False), False),
    ]
    bad = [i for i, (b, want) in enumerate(cases) if verdict(b)[0] != want]
    r.add("bochs/judge-cases", not bad, f"wrong verdict for cases {bad}")

    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / "bochs-all.log"
    # GRUB's VBE mode setting corrupts GRUB's heap under Bochs' VGA BIOS
    # ("free magic is broken"): Bochs boots in VGA text mode, which also
    # keeps the kernel's text-mode console tested.
    cmd = ["sh", str(ROOT / "tools/run-bochs.sh"),
           str(make_iso("test=all", text_mode=True)),
           str(log_path), "corei7_skylake_x", str(limit)]
    # run-bochs.sh stops Bochs itself at the limit (status 124) and returns
    # only once Bochs is gone, so the log (flushed per byte) is complete.
    # The outer timeout only guards against the script itself hanging.
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=limit + 60)
        status, note = p.returncode, (p.stdout + p.stderr).strip()
    except subprocess.TimeoutExpired:
        status, note = 124, "run-bochs.sh did not return"
    if status not in (0, 124):
        r.add("bochs/boot", False, note or f"run-bochs.sh status {status}")
        return
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    b = Boot(None, log, status == 124)
    results = kernel_results(b)
    for name, ok, detail in results:
        r.add(f"bochs/{name}", ok, detail)
    ok, why = verdict(b, note)
    summary = [m for m in map(SUMMARY.match, b.lines()) if m]
    if ok and summary and sum(map(int, summary[-1].groups())) != len(results):
        ok, why = False, "some result lines could not be read"
    r.add("bochs/boot", ok and len(results) > 0,
          f"{why or 'no test results in the log'} (log: {LOGS.name}/bochs-all.log)")


def expect_panic(r, name, cmdline, needles):
    """A boot that must end in a panic report containing every needle."""
    b = boot(name, cmdline)
    text = "\n".join(b.lines())
    missing = [n for n in needles if n not in text]
    ok = b.status == EXIT_PANIC and not missing
    r.add(name, ok, f"exit status {b.status}, missing {missing}"
          f" (log: {LOGS.name}/{name}.log)")


def test_panic_report(r):
    expect_panic(r, "panic-report", "test=panic_report", [
        "#PF page fault", "error code: 0x2 (not present, write, kernel)",
        "CR2: 000000000dead000", "RIP: ", "RIP: ", "<trigger_unhandled_page_fault+0>",
        "RAX: ", "R15: ", "CR3: ", "Backtrace:", "<ktest_panic_report+0x",
        "<kmain+0x", "KERNEL PANIC: #PF page fault"])


def symbol_address(name):
    nm = subprocess.run([NM, str(KERNEL)], capture_output=True, text=True)
    m = re.search(rf"^([0-9a-f]+) \w {re.escape(name)}$", nm.stdout, re.M)
    return int(m.group(1), 16) if m else None


def test_stack_overflow(r):
    """Runaway recursion hits the guard page: #DF on its IST stack."""
    expect_panic(r, "stack-overflow-double-fault", "test=stack_overflow", [
        "#DF double fault", "<recurse", "KERNEL PANIC: #DF double fault"])
    # The page fault that became the double fault was on the guard page
    # below the boot kernel stack (its first page), not somewhere further
    # down after running through .data.
    log = (LOGS / "stack-overflow-double-fault.log").read_text(errors="replace")
    m = re.search(r"CR0: \w+\s+CR2: ([0-9a-f]{16})", ANSI.sub("", log))
    guard = symbol_address("boot_kernel_stack")
    cr2 = int(m.group(1), 16) if m else None
    r.add("stack-overflow-hits-guard-page",
          cr2 is not None and guard is not None and guard <= cr2 < guard + 4096,
          f"CR2 {cr2 and hex(cr2)} is not in the guard page at {guard and hex(guard)}")


def test_runner_itself(r):
    """Broken kernels must be reported as failures."""
    b = boot("selftest-triple-fault", "test=selftest_triple_fault")
    ok, why = judge(b)
    r.add("runner-detects-triple-fault", not ok and "status 0" in why,
          f"judged ok={ok} ({why})")
    b = boot("selftest-hang", "test=selftest_hang", timeout=20)
    ok, why = judge(b)
    r.add("runner-detects-hang",
          not ok and "hang" in why and "ktest: running selftest_hang" in b.log,
          f"judged ok={ok} ({why})")
    b = boot("unknown-test", "test=no_such_test")
    ok, why = judge(b)
    r.add("runner-detects-unknown-test",
          not ok and b.status == EXIT_FAILURE and
          "[FAIL] no_such_test (no such test)" in "\n".join(b.lines()),
          f"judged ok={ok} ({why}), status {b.status}")
    # The verdict function on made-up logs, for the cases above and more.
    summary = "ktest: 3 passed, 0 failed\n"
    cases = [
        (Boot(EXIT_SUCCESS, summary, False), True),
        (Boot(EXIT_SUCCESS, "", False), False),                  # no summary
        (Boot(EXIT_SUCCESS, "ktest: 2 passed, 1 failed\n", False), False),
        (Boot(EXIT_SUCCESS, "ktest: 0 passed, 0 failed\n", False), False),
        (Boot(EXIT_FAILURE, summary, False), False),             # wrong status
        (Boot(EXIT_SUCCESS, summary + "KERNEL PANIC: x\n", False), False),
        (Boot(0, summary, False), False),                        # triple fault
        (Boot(None, summary, True), False),                      # hang
    ]
    bad = [i for i, (b, want) in enumerate(cases) if judge(b)[0] != want]
    r.add("runner-judge-cases", not bad, f"wrong verdict for cases {bad}")


def test_no_long_mode(r):
    """A 32-bit CPU: the boot stub must say why it stops."""
    b = boot("stub-no-long-mode", "test=all", cpu="qemu32", timeout=30,
             until=r"does not support long mode")
    r.add("stub-no-long-mode", b.matched and "x86-64 kernel" not in b.log,
          "no long-mode message from the boot stub")


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


def test_gdb(r):
    """make debug's gdb script: stop in 64-bit code, read a variable, go on."""
    port = free_port()
    out = {}

    def attach(proc):
        time.sleep(0.5)
        out["gdb"] = gdb_batch(port, [
            "hbreak ktest_run", "continue", "print boot_info.cmdline",
            "print/x $cs", "print ktest_mode", "delete", "continue"])

    b = boot("gdb-session", "test=all", extra=["-gdb", f"tcp::{port}", "-S"],
             on_start=attach)
    g = out["gdb"].stdout + out["gdb"].stderr
    (LOGS / "gdb-session.gdb.log").write_text(g)
    checks = {
        "stopped at ktest_run": re.search(r"Breakpoint 1, .*ktest_run", g),
        "read boot_info.cmdline": '"test=all"' in g,
        "64-bit kernel CS 0x8": re.search(r"\$\d+ = 0x8\b", g),
        "read ktest_mode": re.search(r"\$\d+ = true", g),
        "boot completed": judge(b)[0],
    }
    missing = [k for k, v in checks.items() if not v]
    r.add("gdb-session", not missing, f"failed: {missing}")

    # The stub's magic check, by changing EAX at _start under gdb.
    port = free_port()

    def bad_magic(proc):
        time.sleep(0.5)
        out["gdb"] = gdb_batch(port, [
            "hbreak _start", "continue", "set $eax = 0", "delete",
            "detach"])

    b = boot("stub-bad-magic", "test=all", extra=["-gdb", f"tcp::{port}", "-S"],
             on_start=bad_magic, timeout=30, until=r"bad magic")
    r.add("stub-bad-magic", b.matched and "x86-64 kernel" not in b.log,
          "no bad-magic message from the boot stub")

    # A corrupt tag list from the boot loader: GRUB's real one, with its
    # total_size overwritten before the kernel reads it.
    port = free_port()

    def bad_mbi(proc):
        time.sleep(0.5)
        out["gdb"] = gdb_batch(port, [
            "hbreak _start", "continue", "set {unsigned int}$ebx = 12",
            "delete", "detach"])

    # The command line is unread at that point, so the kernel halts
    # instead of exiting QEMU: wait for the line.
    b = boot("kernel-rejects-bad-mbi", "test=all",
             extra=["-gdb", f"tcp::{port}", "-S"], on_start=bad_mbi,
             timeout=30, until=r"KERNEL PANIC: malformed multiboot2 boot "
             r"information: boot information total_size is too small")
    r.add("kernel-rejects-bad-mbi", b.matched,
          "no panic line naming the malformed boot information")


def test_bench(r):
    """make bench: deterministic counts, and the documented 2-instruction
    SYSCALL+SYSRET floor (PLATFORM.md) actually measured."""
    p = subprocess.run(["make", "-s", f"BUILD={BUILD}", "bench"], cwd=ROOT,
                       capture_output=True,
                       text=True)
    out = p.stdout + p.stderr
    (LOGS / "bench.out").write_text(out)
    rows = {m.group(1): m.groups()[1:] for m in re.finditer(
        r"^bench: (\w+)\s+loop ([\d.]+)\s+null ([\d.]+)\s+floor ([\d.]+)"
        r"\s+ratio ([\d.]+)$", out, re.M)}
    r.add("bench/runs-and-repeats", p.returncode == 0 and
          "two boots gave identical counts" in out, out.strip()[-300:])
    sc = rows.get("syscall")
    r.add("bench/syscall-floor-is-2",
          sc is not None and sc[2] == "2.00" and float(sc[1]) > float(sc[2]),
          f"syscall row: {sc}")
    r.add("bench/every-entry-measured",
          set(rows) == {"syscall", "sysenter", "int80"},
          f"rows for {sorted(rows)}")
    procs = re.search(r"^bench: yield\s+alone (\d+).*\n^bench: switch\s+(\d+) "
                      r"per switch.*\n^bench: fork\s+(\d+) per", out, re.M)
    r.add("bench/process-costs",
          procs is not None and 0 < int(procs.group(1)) < int(procs.group(3)),
          "no yield/switch/fork rows, or implausible counts")


# ------------------------------------------------------- screen, shell

def monitor_command(sock_path, command, wait=1.5):
    """Send one command to QEMU's human monitor on a UNIX socket."""
    deadline = time.monotonic() + 10
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(str(sock_path))
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with s:
        time.sleep(0.3)
        s.sendall(command.encode() + b"\n")
        time.sleep(wait)


def screenshot(name, cmdline, firmware, until, mode=""):
    """Boot, wait for @until on serial, photograph the screen, read it."""
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
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and re.search(until, ANSI.sub("", log.read_text(errors="replace"))):
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
    return b, screen.Reader().text(w, h, rgb)


def test_screen(r):
    """What the framebuffer console shows, read back from QEMU's screen."""
    import screen
    # The reader itself: it must find text drawn with the font, and
    # nothing on a blank or garbled screen.
    reader = screen.Reader()
    img = screen.render(reader, ["Hello from ring 3", "$ "], 160, 64)
    garbled = bytes(b ^ 0xff if i % 7 == 0 else b for i, b in enumerate(img))
    r.add("screen/reader-self-test",
          reader.text(160, 64, img)[:2] == ["Hello from ring 3", "$"] and
          not any(reader.text(160, 64, bytes(len(img)))) and
          "Hello" not in "".join(reader.text(160, 64, garbled)),
          "the screen reader misreads its own rendering")

    # GRUB's automatic choice is 24 bits per pixel under both firmwares
    # here; a BIOS run at 1024x768x32 covers 32-bit pixels.
    for fw, mode in (("bios", ""), ("uefi", ""), ("bios-32bpp", "1024x768x32")):
        b, lines = screenshot(f"screen-{fw}", "init=demo,sh", fw.split("-")[0],
                              r"\$ $", mode=mode)
        text = "\n".join(lines or [])
        (LOGS / f"screen-{fw}.txt").write_text(text)
        want = ["Hello from ring 3, pid 1, through int80: printf -> write -> int80",
                "no_system_call is called, NR: 0x0f",
                "sh: type help for the programs",
                "$"]
        missing = [w for w in want if not any(l.startswith(w) for l in (lines or []))]
        if mode:
            want.append("framebuffer: " + mode)
        r.add(f"screen/{fw}-shows-demo-and-prompt", lines is not None and not missing,
              f"not on the screen: {missing} (see {LOGS.name}/screen-{fw}.png)")

    b, lines = screenshot("screen-panic", "test=panic_report panic=halt", "bios",
                          r"KERNEL PANIC")
    r.add("screen/panic-is-readable",
          lines is not None and any(l.startswith("KERNEL PANIC: #PF page fault")
                                    for l in lines) and
          any(l.startswith("CR2: 000000000dead000") for l in lines),
          f"no readable panic on the screen (see {LOGS.name}/screen-panic.png)")


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
        self.proc.stdin.write(s.encode())
        self.proc.stdin.flush()


def test_shell(r):
    """The shell driven through the serial port, as a person would."""
    iso = make_iso("init=sh poweroff")
    cmd = qemu_command(iso, serial_log="x")[:-2] + ["-serial", "stdio"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    con = Console(proc)
    steps = [
        ("prompt", None, r"^\$ "),
        ("run-with-arguments", "echo hello   world\n", r"^hello world\n(.|\n)*^\$ "),
        ("fault-reported", "crash\n",
         r"killed by #UD invalid opcode(.|\n)*\[crash: killed by SIGILL"),
        ("ctrl-c-interrupts", None, None),
        ("ctrl-d-ends-input", "cat\n", None),
        ("missing-program", "nosuch arg\n", r"sh: nosuch: no such program"),
        ("help-lists-programs", "help\n", r"programs: .*\busertests\b"),
    ]
    pos = 0
    for name, typed, pattern in steps:
        if name == "ctrl-c-interrupts":
            con.type("spin\n")
            at = con.expect(r"spin: spinning", pos)
            time.sleep(0.5)
            con.type("\x03")
            end = at and con.expect(r"\^C\n(.|\n)*\[spin: killed by SIGINT(.|\n)*^\$ ", at)
        elif name == "ctrl-d-ends-input":
            con.type(typed)
            time.sleep(0.5)
            con.type("typed line\n")
            at = con.expect(r"^typed line\n^typed line\n", pos)
            con.type("\x04")
            end = at and con.expect(r"^\$ ", at)
        else:
            if typed:
                con.type(typed)
            end = con.expect(pattern, pos)
        r.add(f"shell/{name}", end is not None,
              f"transcript ends: {con.text()[pos:][-300:]!r}")
        if end is None:
            break
        pos = end
    con.type("exit\n")
    try:
        status = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        status = None
    (LOGS / "shell.log").write_text(con.text())
    r.add("shell/exit-ends-the-boot", status == EXIT_SUCCESS,
          f"QEMU exit status {status}")


GROUPS = {
    "host": test_host,
    "build": test_build,
    "suites": test_suites,
    "bochs": test_bochs,
    "panic-report": test_panic_report,
    "stack-overflow": test_stack_overflow,
    "runner": test_runner_itself,
    "stub-no-long-mode": test_no_long_mode,
    "gdb": test_gdb,
    "bench": test_bench,
    "screen": test_screen,
    "shell": test_shell,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="run one group or one in-kernel test")
    args = ap.parse_args()
    os.chdir(ROOT)
    r = Results()
    if args.only == "list":
        print("runner groups:", " ".join(GROUPS))
        nm = subprocess.run([NM, str(KERNEL)], capture_output=True, text=True)
        names = sorted(re.findall(r" ktest_entry_(\w+)$", nm.stdout, re.M))
        print("in-kernel tests:", " ".join(names))
        return 0
    if args.only in GROUPS:
        GROUPS[args.only](r)
    elif args.only:
        b = boot(f"only-{args.only}", f"test={args.only}")
        for name, ok, detail in kernel_results(b):
            r.add(name, ok, detail)
        ok, why = judge(b)
        r.add(f"bios/boot({args.only})", ok, why)
    else:
        for group in GROUPS.values():
            group(r)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
