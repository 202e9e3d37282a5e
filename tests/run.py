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
import importlib.util
import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    ROOT,
    BUILD,
    NM,
    KERNEL,
    LOGS,
    EXIT_SUCCESS,
    EXIT_FAILURE,
    EXIT_PANIC,
    INTEL_CPU,
    BOOT_TIMEOUT,
    ANSI,
    RESULT,
    SUMMARY,
    BUSYBOX,
    PROMPT,
    PROMPT_RE,
    iso_programs,
    Results,
    Boot,
    make_iso,
    qemu_command,
    boot,
    judge,
    kernel_results,
    symbol_address,
    free_port,
    gdb_batch,
    monitor_command,
    screenshot,
    vga_text,
    Console,
)
from linuxdiff import test_musl  # noqa: E402
from ttydiff import test_tty  # noqa: E402
from busyboxdiff import test_busybox  # noqa: E402
from bbshell import test_bbshell  # noqa: E402


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
    test_linux_syscalls_complete(r)
    test_linux_abi_doc(r)


UNISTD_64 = "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"


def test_linux_syscalls_complete(r):
    """include/uapi/linux_syscalls.h names every call of the host's
    <asm/unistd_64.h>, and nothing else (test_linux_syscalls.c checks the
    number of each name)."""
    try:
        with open(UNISTD_64) as f:
            linux = {int(nr): name for name, nr in re.findall(
                r"^#define __NR_(\w+)\s+(\d+)\s*$", f.read(), re.M)}
    except OSError as e:
        r.add("host/linux-syscalls:_complete", False,
              f"{e} (Debian's linux-libc-dev has it)")
        return
    text = (ROOT / "include/uapi/linux_syscalls.h").read_text()
    ours = {int(nr): name for nr, name in re.findall(
        r"^LINUX_SYSCALL\((\d+), (\w+)\)$", text, re.M)}
    missing = sorted(set(linux.items()) - set(ours.items()))
    extra = sorted(set(ours.items()) - set(linux.items()))
    r.add("host/linux-syscalls:_complete",
          len(linux) > 300 and not missing and not extra,
          f"{len(ours)} calls, Linux {len(linux)}; missing {missing[:5]}, "
          f"not Linux's {extra[:5]} (tools/gen-linux-syscalls.py)")


def load_linux_abi_tool():
    """tools/linux-abi.py as a module (its name has a hyphen)."""
    spec = importlib.util.spec_from_file_location(
        "linux_abi", ROOT / "tools/linux-abi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_linux_abi_doc(r):
    """docs/linux-abi.md is what tools/linux-abi.py writes, and its notes
    agree with include/uapi/syscall_list.h: a call marked implemented
    that the list lacks, or a listed call marked ENOSYS, fails."""
    tool = load_linux_abi_tool()
    abi = tool.load(ROOT)
    bad = tool.problems(abi)
    r.add("host/linux-abi:_notes_agree_with_the_list", not bad,
          "; ".join(bad[:3]) + f" ({len(bad)} in all; tools/linux-abi.py)")
    doc = (ROOT / tool.DOC).read_text()
    want = "" if bad else tool.render(abi)
    r.add("host/linux-abi:_document_up_to_date", not bad and doc == want,
          "the notes are wrong" if bad else
          tool.first_difference(want, doc).replace("\n", " / ") +
          f" (regenerate: tools/linux-abi.py > {tool.DOC})")

    # The checks themselves: each kind of drift must be caught.
    unlisted = min(nr for nr, n in abi.notes.items() if n.state == "enosys")
    listed = min(nr for nr, n in abi.notes.items()
                 if n.state == "implemented")
    caught = []
    for what, change in (
            ("a new call in the list", lambda a: a.listed.__setitem__(
                unlisted, a.linux[unlisted])),
            ("a call gone from the list", lambda a: a.listed.pop(listed)),
            ("a call without notes", lambda a: a.notes.pop(listed))):
        a = tool.load(ROOT)
        change(a)
        if not tool.problems(a):
            caught.append(f"{what} went unnoticed")
    a = tool.load(ROOT)
    a.notes[listed].text += " (changed)"
    if not bad and tool.render(a) == doc:
        caught.append("a changed note did not change the document")
    r.add("host/linux-abi:_check_catches_drift", not caught,
          "; ".join(caught))


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
    # The fpu rows of the eager boot and of the fpu=lazy boot: lazy
    # switching must cost more when SSE is in use (its #NM trap), or the
    # second boot did not switch lazily at all.
    fpu = {m.group(3): (int(m.group(1)), int(m.group(2))) for m in re.finditer(
        r"^bench: fpu\s+switch (\d+), with SSE in use (\d+)\s+\((\w+) switching\)$",
        out, re.M)}
    r.add("bench/fpu-eager-and-lazy",
          set(fpu) == {"eager", "lazy"} and
          fpu["lazy"][1] > fpu["eager"][1] and fpu["lazy"][1] > fpu["lazy"][0],
          f"fpu rows: {fpu}")
    mm = re.search(r"^bench: mmap\s+(\d+) per mmap", out, re.M)
    r.add("bench/mmap-row", mm is not None and int(mm.group(1)) > 0,
          "no mmap row")
    # A thread shares the address space a fork copies: it must cost less.
    th = re.search(r"^bench: thread\s+(\d+) per clone\+exit\+join, "
                   r"fork\+exit\+wait4 (\d+)", out, re.M)
    sg = re.search(r"^bench: signal\s+(\d+) per kill\+handler\+sigreturn "
                   r"\((\d+) handled\)", out, re.M)
    for row, what in (("open", "open\\+close"), ("stat", "stat"),
                      ("read", "4 KiB pread of a file"),
                      ("pipe", "1-byte round trip, 2 processes")):
        m = re.search(rf"^bench: {row}\s+(\d+) per {what}\s+\((\d+) of (\d+) right\)",
                      out, re.M)
        r.add(f"bench/{row}-row", m is not None and int(m.group(1)) > 0 and
              m.group(2) == m.group(3),
              f"no '{row}' row, or a wrong answer in it")
    r.add("bench/signal-row",
          sg is not None and int(sg.group(1)) > 0 and int(sg.group(2)) == 1000,
          f"signal row: {sg.group(0) if sg else 'missing'}")
    r.add("bench/thread-row",
          th is not None and 0 < int(th.group(1)) < int(th.group(2)),
          f"thread row: {th.group(0) if th else 'missing'}")


def test_screen(r):
    """What the framebuffer console shows, read back from QEMU's screen."""
    import screen
    # The reader itself: it must find text drawn with the font, and
    # nothing on a blank or garbled screen.
    reader = screen.Reader()
    img = screen.render(reader, ["Hello from ring 3", "$ "], 160, 64)
    garbled = bytes(b ^ 0xff if i % 7 == 0 else b for i, b in enumerate(img))
    # Reverse video and colours: dark text on a light background.
    inverted = screen.render(reader, ["caf\u00e9 \u2500"], 160, 64, fg=(0xff, 0xff, 0xaa))
    inverted = bytes(0xff - b for b in inverted)
    cells = reader.cells(160, 64, inverted)
    r.add("screen/reader-self-test",
          reader.text(160, 64, img)[:2] == ["Hello from ring 3", "$"] and
          not any(reader.text(160, 64, bytes(len(img)))) and
          "Hello" not in "".join(reader.text(160, 64, garbled)) and
          screen.line_text(cells[0]) == "caf\u00e9 \u2500" and
          all(c.reverse for c in cells[0]) and
          cells[0][0].fg == (0, 0, 0x55) and cells[0][0].bg == (0xff,) * 3 and
          "Hello" not in "".join(screen.line_text(row) for row in
                                 reader.cells(160, 64, garbled)),
          "the screen reader misreads its own rendering")

    # GRUB's automatic choice is 24 bits per pixel under both firmwares
    # here; a BIOS run at 1024x768x32 covers 32-bit pixels. The default
    # boot: the demo, then busybox's init and its login shell; then
    # `ls /bin | head` typed on the PS/2 keyboard. What ls must list is
    # worked out here: busybox's applets in bin/, busybox itself and the
    # project's programs (boot modules, which the kernel puts in /bin).
    in_bin = {"busybox"} | {a.split("/")[1] for a in subprocess.run(
        [BUSYBOX, "--list-full"], capture_output=True, text=True).stdout.split()
        if a.startswith("bin/")} | {p.name for p in iso_programs()}
    first_ten = sorted(in_bin)[:10]
    for fw, mode in (("bios", ""), ("uefi", ""), ("bios-32bpp", "1024x768x32")):
        b, lines = screenshot(f"screen-{fw}", "", fw.split("-")[0], PROMPT_RE,
                              mode=mode, keys="ls /bin | head\n",
                              then=r"ls /bin \| head\n(.*\n){10}" + PROMPT_RE)
        text = "\n".join(lines or [])
        (LOGS / f"screen-{fw}.txt").write_text(text)
        want = ["Hello from ring 3, pid 1, through int80: printf -> write -> int80",
                "no_system_call is called, NR: 0x0f",
                "BusyBox v", PROMPT + "ls /bin | head"]
        missing = [w for w in want if not any(l.startswith(w) for l in (lines or []))]
        if mode:
            want.append("framebuffer: " + mode)
        at = next((i for i, l in enumerate(lines or []) if l.startswith(PROMPT + "ls")), None)
        listed = (lines or [])[at + 1:at + 11] if at is not None else []
        r.add(f"screen/{fw}-shows-demo-and-busybox-prompt",
              lines is not None and not missing,
              f"not on the screen: {missing} (see {LOGS.name}/screen-{fw}.png)")
        r.add(f"screen/{fw}-ls-typed-on-the-keyboard",
              listed == first_ten and lines[at + 11].startswith(PROMPT.rstrip()),
              f"listed {listed}, want {first_ten} (see {LOGS.name}/screen-{fw}.png)")

    # A program draws with escape sequences, as vi or less would: the
    # terminal emulator (kernel/drivers/vt.c) must put each thing where
    # the sequences say, in the colours they say, and nothing else.
    for fw in ("bios", "uefi"):
        b, rows = screenshot(f"screen-vt-{fw}", "init=vtdemo -- hold", fw,
                             r"vtdemo: done", cells=True)
        problems = vtdemo_problems(rows)
        if rows is not None:
            import screen
            (LOGS / f"screen-vt-{fw}.txt").write_text(
                "\n".join(screen.line_text(row) for row in rows))
        r.add(f"screen/{fw}-vtdemo-draws-with-escape-sequences", not problems,
              f"{'; '.join(problems[:4])} (see {LOGS.name}/screen-vt-{fw}.png)")

    # The VGA text screen (SeaBIOS, gfxpayload=text): the same program,
    # its text buffer read through QEMU's monitor, CP437 and attributes.
    b, rows = vga_text("screen-vt-vga", "init=vtdemo -- hold", r"vtdemo: done")
    problems = vtdemo_vga_problems(rows)
    if rows is not None:
        (LOGS / "screen-vt-vga.txt").write_text(
            "\n".join("".join(c for c, _ in row).rstrip() for row in rows))
    r.add("screen/vga-text-vtdemo-draws-with-escape-sequences", not problems,
          f"{'; '.join(problems[:4])} (see {LOGS.name}/screen-vt-vga.txt)")

    b, lines = screenshot("screen-panic", "test=panic_report panic=halt", "bios",
                          r"KERNEL PANIC")
    r.add("screen/panic-is-readable",
          lines is not None and any(l.startswith("KERNEL PANIC: #PF page fault")
                                    for l in lines) and
          any(l.startswith("CR2: 000000000dead000") for l in lines),
          f"no readable panic on the screen (see {LOGS.name}/screen-panic.png)")


# What user/vtdemo.c draws, row by row (the rows not named are blank):
# each row comes from one kind of escape sequence.
VTDEMO_ROWS = {
    0: " vtdemo: escape sequences on the console",
    2: "cursor:            row 3, column 20",
    3: "erase line: ok",
    4: "delete chars: abcd",
    5: "insert chars: ab--cd",
    6: "erase chars: 012   6789",
    7: "colours: red green blue bright-yellow red256 blue24 default",
    8: "UTF-8: caf\u00e9 \u250c\u2500\u2510 \ufffd \ufffd |",
    10: "scroll 2",
    11: "scroll 3",
    12: "scroll 4",
    13: "below the region",
    14: "inserted",
    15: "line X",
    18: "saved and restored",
    19: " " * 29 + "elsewhere",
    22: "X wrapped",
    23: "vtdemo: done",
}
# The colour of each word of row 7: the VGA palette's (kernel/drivers/vt_actions.c).
VTDEMO_COLOURS = {"red": (0xaa, 0, 0), "green": (0, 0xaa, 0), "blue": (0, 0, 0xaa),
                  "bright-yellow": (0xff, 0xff, 0x55), "red256": (0xaa, 0, 0),
                  "blue24": (0, 0, 0xaa), "default": (0xff, 0xff, 0xff)}


def vtdemo_problems(rows):
    """What differs between the screen and what vtdemo should draw."""
    import screen
    if rows is None:
        return ["no screenshot"]
    want = dict(VTDEMO_ROWS)
    cols = len(rows[0])
    want[21] = " " * (cols - 1) + "W"  # the last column, then the wrap
    problems = []
    for i, row in enumerate(rows):
        got = screen.line_text(row)
        if got != want.get(i, ""):
            problems.append(f"row {i}: {got!r}, not {want.get(i, '')!r}")
    title = len(VTDEMO_ROWS[0]) + 1  # with its trailing blank
    if not all(c.reverse for c in rows[0][:title]) or rows[0][title].reverse:
        problems.append("row 0: the title is not exactly in reverse video")
    if any(c.reverse for row in rows[1:] for c in row):
        problems.append("reverse video below the title")
    text = screen.line_text(rows[7])
    for word, rgb in VTDEMO_COLOURS.items():
        at = text.find(" " + word + " " if word != "default" else " " + word) + 1
        if at == 0 or rows[7][at].fg != rgb:
            problems.append(f"row 7: {word} in {rows[7][at].fg if at else None}, not {rgb}")
    return problems


# The same words' colours in VGA attribute bits (blue, green, red, bright).
VTDEMO_VGA_COLOURS = {"red": 0x4, "green": 0x2, "blue": 0x1, "bright-yellow": 0xe,
                      "red256": 0x4, "blue24": 0x1, "default": 0xf}


def vtdemo_vga_problems(rows):
    """The same for the VGA text screen: rows of (character, attribute)."""
    if rows is None:
        return ["no text buffer read"]
    want = dict(VTDEMO_ROWS)
    want[8] = "UTF-8: caf\u00e9 \u250c\u2500\u2510 \u25a0 \u25a0 |"  # CP437's box
    want[21] = " " * 79 + "W"
    problems = []
    for i, row in enumerate(rows):
        got = "".join(c for c, _ in row).rstrip()
        if got != want.get(i, ""):
            problems.append(f"row {i}: {got!r}, not {want.get(i, '')!r}")
    title = len(VTDEMO_ROWS[0]) + 1
    if any(a != 0xf0 for _, a in rows[0][:title]) or rows[0][title][1] != 0x0f:
        problems.append("row 0: the title is not exactly in reverse video (0xf0)")
    if any(a & 0xf0 for row in rows[1:] for _, a in row):
        problems.append("a background colour below the title")
    text = "".join(c for c, _ in rows[7])
    for word, colour in VTDEMO_VGA_COLOURS.items():
        at = text.find(" " + word + (" " if word != "default" else "")) + 1
        if at == 0 or rows[7][at][1] != colour:
            problems.append(f"row 7: {word} in {rows[7][at][1] if at else None:#x}, "
                            f"not {colour:#x}")
    return problems


def test_shell(r):
    """The project's teaching shell (tsh) driven through the serial port,
    as a person would, with the project's own techo, tcat and tsleep."""
    iso = make_iso("init=tsh poweroff")
    LOGS.mkdir(parents=True, exist_ok=True)
    monitor = LOGS / "shell.monitor"
    if monitor.exists():
        monitor.unlink()
    # mon:stdio: QEMU's multiplexer sends a serial break for ctrl-A b
    # (nothing else typed here starts with ctrl-A).
    cmd = qemu_command(iso, serial_log="x")[:-2] + [
        "-serial", "mon:stdio", "-monitor", f"unix:{monitor},server,nowait"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    con = Console(proc)
    steps = [
        ("prompt", None, r"^\$ "),
        ("run-with-arguments", "techo hello   world\n", r"^hello world\n(.|\n)*^\$ "),
        ("fault-reported", "crash\n",
         r"killed by #UD invalid opcode(.|\n)*\[crash: killed by SIGILL"),
        ("ctrl-c-interrupts", None, None),
        ("ctrl-c-wakes-a-sleeper", None, None),
        ("ctrl-c-wakes-a-futex-waiter", "hostile futex-forever syscall\n", None),
        ("ctrl-c-wakes-a-timed-futex-waiter",
         "hostile futex-forever syscall timed\n", None),
        ("ctrl-d-ends-input", "tcat\n", None),
        # Console readiness: poll and select see a line only once it is
        # complete (Enter), and ctrl-D as readable (end of input).
        ("console-poll-waits-for-a-whole-line", None, None),
        ("console-poll-sees-the-line", None, None),
        ("console-select-sees-ctrl-d", None, None),
        # The terminal echoes ^C where the cursor is (as Linux's does);
        # the shell ends the line and prompts again.
        ("ctrl-c-at-the-prompt", None, None),
        ("ctrl-backslash-quits", None, None),
        ("line-editing", "techo abx\x7fc junk\x17 d\n", r"^abc d\n^\$ "),
        ("kill-erases-the-line", "junk\x15echo killed\n", r"^killed\n^\$ "),
        ("sysrq-prints-processes", None, None),
        ("serial-break-prints-processes", None, None),
        # Job control: ctrl-Z stops the foreground job's group, the shell
        # lists it, bg and fg continue it (SIGCONT) and ctrl-C ends it.
        ("ctrl-z-stops-the-job", None, None),
        ("jobs-lists-it", "jobs\n", r"^\[1\] stopped  tsleep 1000\n^\$ "),
        ("bg-continues-it", "bg\n", r"^\[1\] tsleep 1000 &\n^\$ "),
        ("jobs-says-running", "jobs\n", r"^\[1\] running  tsleep 1000\n^\$ "),
        ("fg-then-ctrl-c-ends-it", None, None),
        ("stopped-sleep-continues-to-its-end", None, None),
        ("background-job-reported-done", None, None),
        # Files, redirections and pipelines (the file system's shell).
        ("redirect-out", "techo one two > /tmp/f\n", r"techo one two > /tmp/f\n^\$ "),
        ("redirect-append", "techo three>>/tmp/f\n", r"techo three>>/tmp/f\n^\$ "),
        ("redirect-in", "tcat < /tmp/f\n", r"^one two\n^three\n^\$ "),
        ("pipeline", "tcat /tmp/f | tcat | tcat\n", r"tcat\n^one two\n^three\n^\$ "),
        ("redirect-err", "tcat /nonexistent 2> /tmp/err\n",
         r"^\[tcat: exit status 1\]\n^\$ "),
        ("stderr-went-to-the-file", "tcat /tmp/err\n",
         r"^tcat: /nonexistent: error 2\n^\$ "),
        ("cd-and-path-lookup", "cd /tmp\n", r"cd /tmp\n^\$ "),
        ("relative-path-after-cd", "tcat f\n", r"^one two\n^three\n^\$ "),
        ("ctrl-c-ends-a-whole-pipeline", None, None),
        ("missing-program", "nosuch arg\n", r"tsh: nosuch: no such program"),
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
        elif name == "ctrl-c-wakes-a-sleeper":
            # 1000 s: only the kernel waking the killed sleeper ends it.
            con.type("tsleep 1000\n")
            time.sleep(1.0)
            con.type("\x03")
            end = con.expect(r"\^C\n(.|\n)*\[tsleep: killed by SIGINT(.|\n)*^\$ ", pos)
        elif name.startswith("ctrl-c-wakes-a-") and "futex" in name:
            # No wake comes: only the kernel taking the killed waiter off
            # its futex queue ends it (a timed one after 1000 s).
            con.type(typed)
            at = con.expect(r"hostile: waiting on a futex", pos)
            time.sleep(0.5)
            con.type("\x03")
            end = at and con.expect(
                r"\^C\n(.|\n)*\[hostile: killed by SIGINT(.|\n)*^\$ ", at)
        elif name == "ctrl-c-at-the-prompt":
            con.type("abc")
            at = con.expect(r"abc", pos)
            con.type("\x03")
            at = at and con.expect(r"abc\^C\n^\$ ", pos)
            if at:
                con.type("techo still here\n")
            end = at and con.expect(r"^still here\n^\$ ", at)
        elif name == "ctrl-backslash-quits":
            con.type("tsleep 1000\n")
            time.sleep(1.0)
            con.type("\x1c")
            end = con.expect(r"\^\\\n(.|\n)*"
                             r"^\[tsleep: killed by SIGQUIT \(quit\)\]\n^\$ ", pos)
        elif name.endswith("-prints-processes"):
            # The keyboard's SysRq (Alt+Print Screen), or a break on the
            # serial line: every process.
            if name.startswith("sysrq"):
                monitor_command(monitor, "sendkey alt-sysrq", wait=0.5)
            else:
                con.type("\x01b")
            end = con.expect(r"^--- processes \(SysRq\) ---\n"
                             r"^pid \d+ tgid \d+ \(tsh\) (.|\n)*"
                             r"^--- end of processes ---\n", pos)
            if end:
                con.type("\n")
                end = con.expect(r"^\$ ", end)
        elif name == "ctrl-z-stops-the-job":
            con.type("tsleep 1000\n")
            time.sleep(1.0)
            con.type("\x1a")
            end = con.expect(r"\^Z\n^\[1\] stopped  tsleep 1000\n^\$ ", pos)
        elif name == "fg-then-ctrl-c-ends-it":
            con.type("fg\n")
            time.sleep(0.5)
            con.type("\x03")
            end = con.expect(r"fg\n\^C\n(.|\n)*"
                             r"^\[tsleep: killed by SIGINT \(interrupted\)\]\n^\$ ",
                             pos)
        elif name == "stopped-sleep-continues-to-its-end":
            # Stopped after 0.3 s of 1, then fg: the sleep goes on
            # (restart_syscall) and ends well, with no line from the shell.
            con.type("tsleep 1\n")
            time.sleep(0.3)
            con.type("\x1a")
            at = con.expect(r"^\[1\] stopped  tsleep 1\n^\$ ", pos)
            if at:
                con.type("fg\n")
            end = at and con.expect(r"fg\n^\$ ", at)
        elif name == "background-job-reported-done":
            con.type("tsleep 0.5 &\n")
            at = con.expect(r"^\[1\] \d+\n^\$ ", pos)
            time.sleep(1.5)
            con.type("\n")
            end = at and con.expect(r"^\[1\] done  tsleep 0.5\n^\$ ", at)
        elif name == "ctrl-c-ends-a-whole-pipeline":
            # Both cats wait on the console and the pipe: one ctrl-C to
            # the job's group ends them both, and the shell goes on.
            con.type("tcat | tcat\n")
            time.sleep(1.0)
            con.type("\x03")
            end = con.expect(r"\^C\n(.|\n)*\[tcat: killed by SIGINT(.|\n)*^\$ ", pos)
            if end:
                con.type("techo after\n")
                end = con.expect(r"^after\n^\$ ", end)
        elif name == "console-poll-waits-for-a-whole-line":
            con.type("ttypoll\n")
            at = con.expect(r"^ttypoll: nothing typed: poll = 0, revents 0\n"
                            r"^ttypoll: fd 1: poll = 1, revents 0x4\n"
                            r"^ttypoll: waiting for a line\n", pos)
            if at:
                con.type("half")
                time.sleep(1.0)  # a line being typed is not readable
            end = at and (None if "a line: poll" in con.text()[at:] else at)
        elif name == "console-poll-sees-the-line":
            con.type(" a line\n")
            end = con.expect(r"^ttypoll: a line: poll = 1, revents 0x1\n"
                             r"^ttypoll: read 12 bytes: half a line\n"
                             r"^ttypoll: select, nothing typed = 0\n"
                             r"^ttypoll: waiting for ctrl-D\n", pos)
        elif name == "console-select-sees-ctrl-d":
            con.type("\x04")
            end = con.expect(r"^ttypoll: select = 1, fd 0 readable: yes\n"
                             r"^ttypoll: read = 0 \(end of input\)\n^\$ ",
                             pos)
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
    if monitor.exists():
        monitor.unlink()
    (LOGS / "shell.log").write_text(con.text())
    r.add("shell/exit-ends-the-boot", status == EXIT_SUCCESS,
          f"QEMU exit status {status}")


def newc(name, data=b"", mode=0o100644, filesize=None):
    """One newc cpio entry (lib/cpio.c's format), for damaged archives."""
    name_b = name.encode() + b"\0"
    size = len(data) if filesize is None else filesize
    fields = [1, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, len(name_b), 0]
    head = b"070701" + b"".join(b"%08x" % f for f in fields) + name_b
    head += b"\0" * (-len(head) % 4)
    return head + data + b"\0" * (-len(data) % 4)


def test_rootfs(r):
    """The initramfs: ROOTFS_EXTRA's tree on the ISO, and damaged archives
    rejected with a clear line while the boot carries on without them."""
    import tempfile
    from pathlib import Path
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        extra = tmp / "extra"
        (extra / "etc").mkdir(parents=True)
        (extra / "etc/rootfs-extra-test").write_text("from ROOTFS_EXTRA: ok\n")
        (extra / "srv/deep/er").mkdir(parents=True)
        (extra / "srv/deep/er/file").write_text("a file three levels down\n")
        os.symlink("deep/er/file", extra / "srv/link")
        good = tmp / "extra.cpio"
        subprocess.run(["sh", str(ROOT / "tools/mkinitramfs.sh"), str(good),
                        str(extra)], check=True)
        whole = good.read_bytes()
        damaged = {
            "bad-truncated.cpio": (whole[:len(whole) // 2],
                                   "truncated"),
            "bad-dotdot.cpio": (newc("../etc/evil", b"x") +
                                newc("TRAILER!!!", mode=0),
                                "name has a '..' component"),
            "bad-absolute.cpio": (newc("/etc/evil", b"x") +
                                  newc("TRAILER!!!", mode=0),
                                  "absolute name"),
            "bad-huge.cpio": (newc("big", b"x", filesize=0xffffffff) +
                              newc("TRAILER!!!", mode=0),
                              "truncated data"),
        }
        modules = [good]
        for name, (data, _) in damaged.items():
            (tmp / name).write_bytes(data)
            modules.append(tmp / name)
        b = boot("rootfs", "init=tcat -- /etc/rootfs-extra-test "
                 "/srv/link /etc/hostname /etc/evil /evil", modules=modules,
                 until=r"boot complete", timeout=60)
    lines = b.lines()
    text = "\n".join(lines)
    for name, (_, why) in damaged.items():
        r.add(f"rootfs/{name}-rejected",
              any(l.startswith(f"initramfs {name}: {why}") and
                  l.endswith("not unpacked") for l in lines),
              f"no 'initramfs {name}: {why} ... not unpacked' line")
    r.add("rootfs/evil-names-not-created",
          "tcat: /etc/evil: error 2" in lines and "tcat: /evil: error 2" in lines,
          "a name from a rejected archive exists (tcat found it)")
    r.add("rootfs/extra-tree-on-the-iso",
          "from ROOTFS_EXTRA: ok" in lines and
          "a file three levels down" in lines and "teaching" in lines,
          "tcat did not print the files of ROOTFS_EXTRA and user/rootfs")
    r.add("rootfs/boot-carries-on", "boot complete" in text,
          "no 'boot complete' line")
    print(f"rootfs: {time.monotonic() - t0:.1f} s", flush=True)


def test_clock_tsc(r):
    """The TSC clock source. QEMU's software CPU lacks the invariant-TSC
    bit, so the kernel counts ticks there unless told clocksource=tsc:
    the time tests and usertests on the TSC."""
    nm = subprocess.run([NM, str(KERNEL)], capture_output=True, text=True)
    names = sorted(n for n in re.findall(r" ktest_entry_(\w+)$", nm.stdout,
                                         re.M) if n.startswith("time_"))
    b = boot("clock-tsc", f"test={','.join(names + ['usertests'])} "
             "clocksource=tsc")
    r.add("clock-tsc/chosen",
          any("clock source tsc" in line for line in b.lines()),
          "no 'clock source tsc' line")
    for name, ok, detail in kernel_results(b):
        r.add(f"clock-tsc/{name}", ok, detail)
    ok, why = judge(b)
    r.add("clock-tsc/boot", ok and len(names) > 0, why or "no time_ tests")
def strace_quote(data, limit=32):
    """Bytes as strace quotes them (kernel/trace.c does the same):
    C escapes, other unprintable bytes in octal, cut after @limit."""
    escapes = {9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}
    out = ""
    shown = data[:limit]
    for i, c in enumerate(shown):
        digit_next = i + 1 < len(shown) and 48 <= shown[i + 1] <= 55
        if c in escapes:
            out += "\\" + escapes[c]
        elif 32 <= c <= 126:
            out += chr(c)
        else:
            out += "\\" + (f"{c:03o}" if digit_next else f"{c:o}")
    return f'"{out}"' + ("..." if len(data) > limit else "")


def trace_write(pid, entry, text):
    """The trace line of printf's write(1, text, n)."""
    data = text.encode()
    return (f"[pid {pid} {entry}] write(1, {strace_quote(data)}, {len(data)}) "
            f"= {len(data)}")


def program_lines(lines, name):
    """The console lines from 'starting NAME' up to 'NAME exited'."""
    try:
        start = lines.index(f"starting {name} in ring 3")
        end = lines.index(f"{name} exited with status 0", start)
    except ValueError:
        return None
    return lines[start + 1:end]


def test_trace(r):
    """trace=syscalls on the kernel command line: the demo's system calls
    line by line, through the entries it uses; no trace without trace=;
    trace=syscalls:NAME traces that program only."""
    # The Intel-vendor CPU: call 15 by SYSENTER, as the seed does; then
    # each entry's greeting. The demo's lines, and the trace's around them.
    hello = "Hello from ring 3, pid 1, through {0}: printf -> write -> {0}"
    said = "demo: system call 15 returned -38 (-ENOSYS, as it should)"
    want = ["[pid 1 int80] syscall_entries() = 0x7",
            "no_system_call is called, NR: 0x0f (rt_sigreturn)",
            "[pid 1 sysenter] rt_sigreturn() = -38 ENOSYS",
            said, trace_write(1, "int80", said + "\n")]
    for entry in ("sysenter", "int80", "syscall"):
        want += [f"[pid 1 {entry}] getpid() = 1", hello.format(entry),
                 trace_write(1, entry, hello.format(entry) + "\n")]
    want += ["[pid 1 syscall] exit_group(0) = ?", "[pid 1] +++ exited with 0 +++"]
    b = boot("trace-demo", "init=demo trace=syscalls poweroff")
    got = program_lines(b.lines(), "demo")
    r.add("trace/demo-lines-exact", got == want and b.status == EXIT_SUCCESS,
          f"exit status {b.status}; first difference: " + next(
              (f"line {i}: got {g!r}, want {w!r}" for i, (g, w) in
               enumerate(zip(got or [], want)) if g != w),
              f"{len(got or [])} lines, want {len(want)}") +
          f" (log: {LOGS.name}/trace-demo.log)")

    # The AMD-vendor CPU has no SYSENTER in 64-bit mode: call 15 goes
    # through int 0x80, and the trace says so.
    b = boot("trace-demo-amd", "init=demo trace=syscalls poweroff", cpu="qemu64")
    got = program_lines(b.lines(), "demo") or []
    r.add("trace/demo-entry-amd",
          "[pid 1 int80] rt_sigreturn() = -38 ENOSYS" in got and
          not any(" sysenter] " in line for line in got),
          f"no int80 rt_sigreturn line (log: {LOGS.name}/trace-demo-amd.log)")

    # Without trace= (and with a value it does not know) nothing is traced.
    b = boot("trace-off", "init=demo,techo trace=bogus poweroff")
    lines = b.lines()
    traced = [line for line in lines if line.startswith("[pid ")]
    r.add("trace/off-without-trace=", b.status == EXIT_SUCCESS and not traced
          and "no_system_call is called, NR: 0x0f (rt_sigreturn)" in lines,
          f"exit status {b.status}, traced lines {traced[:3]}")
    r.add("trace/unknown-value-reported",
          any(line.startswith("trace: unknown trace=bogus") for line in lines),
          "no 'trace: unknown trace=bogus' line")

    # trace=syscalls:techo: techo is traced, the demo before it not. Each
    # program of the boot list starts an empty system: both are pid 1.
    b = boot("trace-only-echo", "init=demo,techo trace=syscalls:techo poweroff")
    lines = b.lines()
    want = ["[pid 1 int80] syscall_entries() = 0x7",
            '[pid 1 syscall] write(1, "\\n", 1) = 1',
            "[pid 1 syscall] exit_group(0) = ?", "[pid 1] +++ exited with 0 +++"]
    traced = [line for line in lines if line.startswith("[pid ")]
    r.add("trace/only-the-named-program",
          b.status == EXIT_SUCCESS and traced == want and
          program_lines(lines, "techo") == want[:1] + [""] + want[1:],
          f"exit status {b.status}, traced lines {traced[:6]}")


def test_stress(r):
    """tests/stress/stress.sh as init= program, twice (a warm-up, then 200
    pipelines of five processes at once and 10^4 fork+exec of /bin/true):
    every result right, and the kernel's free pages after the second the
    same as after the first. 3 GiB: execve copies busybox's 2 MiB into
    every process (fork shares pages copy-on-write), and a thousand are
    alive at once."""
    import tempfile
    from pathlib import Path
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "extra"
        extra.mkdir()
        script = extra / "stress.sh"
        script.write_bytes((ROOT / "tests/stress/stress.sh").read_bytes())
        script.chmod(0o755)
        archive = Path(tmp) / "stress.cpio"
        subprocess.run(["sh", str(ROOT / "tools/mkinitramfs.sh"), str(archive),
                        str(extra)], check=True, env=dict(os.environ, BUSYBOX=""))
        b = boot("stress", "init=/stress.sh,/stress.sh poweroff -- small",
                 modules=[archive], memory="3G",
                 timeout=int(os.environ.get("STRESS_TIMEOUT", "1200")))
    lines = b.lines()
    r.add("stress/boot", not b.timed_out and b.status == EXIT_SUCCESS,
          f"{'timed out' if b.timed_out else f'exit status {b.status}'} "
          f"(log: {LOGS.name}/stress.log)")
    r.add("stress/warm-up", "stress: 20 pipelines of 5, 0 wrong" in lines and
          "stress: 100 forks and execs of /bin/true" in lines,
          "the warm-up's lines are missing")
    r.add("stress/200-pipelines-of-5", "stress: 200 pipelines of 5, 0 wrong" in lines,
          next((l for l in lines if l.startswith("stress: 200")), "no line"))
    r.add("stress/10000-forks-and-execs",
          "stress: 10000 forks and execs of /bin/true" in lines and
          lines.count("/stress.sh exited with status 0") == 2,
          "not all ran, or a /bin/true failed")
    free = [l for l in lines if re.match(r"^memory: \d+ pages free$", l)]
    r.add("stress/no-page-lost", len(free) == 2 and free[0] == free[1],
          f"after the warm-up and after the run: {free}")
    print(f"stress: {time.monotonic() - t0:.0f} s", flush=True)


GROUPS = {
    "host": test_host,
    "build": test_build,
    "suites": test_suites,
    "clock-tsc": test_clock_tsc,
    "bochs": test_bochs,
    "panic-report": test_panic_report,
    "stack-overflow": test_stack_overflow,
    "runner": test_runner_itself,
    "stub-no-long-mode": test_no_long_mode,
    "gdb": test_gdb,
    "bench": test_bench,
    "screen": test_screen,
    "shell": test_shell,
    "rootfs": test_rootfs,
    "musl": test_musl,
    "tty": test_tty,
    "trace": test_trace,
    "busybox": test_busybox,
    "bbshell": test_bbshell,
    "stress": test_stress,
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
        for name, group in GROUPS.items():
            t0 = time.monotonic()
            group(r)
            print(f"group {name}: {time.monotonic() - t0:.0f} s", flush=True)
    print(f"{r.passed} passed, {r.failed} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main())
