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
    ANSI,
    RESULT,
    SUMMARY,
    BUSYBOX,
    Results,
    Boot,
    make_iso,
    boot,
    judge,
    kernel_results,
    symbol_address,
    free_port,
    gdb_batch,
)
from linuxdiff import test_musl  # noqa: E402
from ttydiff import test_tty  # noqa: E402
from busyboxdiff import test_busybox  # noqa: E402
from bbshell import test_bbshell  # noqa: E402
from screengroup import test_screen  # noqa: E402
from shellgroup import test_shell  # noqa: E402
from tracegroup import test_trace  # noqa: E402


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
    LOGS.mkdir(parents=True, exist_ok=True)  # T=bench alone boots nothing first
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
    # Issue 12's budget for a null call, entry and return instructions
    # included (docs/syscalls.md 8.1 counts them): a change that grows
    # the path past it should be a decision, not an accident.
    r.add("bench/null-call-at-most-80",
          len(rows) == 3 and all(0 < float(v[1]) <= 80 for v in rows.values()),
          f"null calls: { {k: v[1] for k, v in rows.items()} }")
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
                      ("pipe", "1-byte round trip, 2 processes"),
                      ("exec", "fork\\+execve of busybox true\\+wait4")):
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
    # fork + exit + wait4 of a process that touched 1 MiB: at most a
    # quarter of Linux 6.1's (m-bench's fork-1m, docs/syscalls.md 8.4),
    # and 64 MiB less than twice that (the page tables are shared).
    fm = re.search(r"^bench: forkmem\s+1 MiB (\d+)\s+16 MiB (\d+)\s+"
                   r"64 MiB (\d+)", out, re.M)
    r.add("bench/forkmem-row",
          fm is not None and
          0 < int(fm.group(1)) <= LINUX_FORK_1M // 4 and
          int(fm.group(3)) < 2 * int(fm.group(1)),
          f"forkmem row: {fm.group(0) if fm else 'missing'}; 1 MiB must "
          f"cost at most {LINUX_FORK_1M // 4}")
    test_m_bench(r)


# m-bench's fork-1m on Linux 6.1 (make bench-linux), in instructions:
# the run at 256 MiB; the runs at 1 GiB (README) gave 235196 to 238002.
# The lower of the two is the stricter budget.
LINUX_FORK_1M = 229922

# What user/musl/m-bench.c measures, in the order it prints them.
M_BENCH_OPS = ["getpid-syscall", "getpid-int80", "yield", "switch-process",
               "switch-thread", "fork-1m", "fork-16m", "fork-64m",
               "vfork-exec", "exec-busybox-true", "pipe-rtt", "pipe-64k", "open-close", "stat",
               "read-4k", "mmap-page", "mmap-1m", "page-fault", "signal",
               "futex-thread"]
# and its curves, at the sizes of `m-bench quick`
M_BENCH_OPS[M_BENCH_OPS.index("pipe-64k") + 1:
            M_BENCH_OPS.index("pipe-64k") + 1] = [
    f"pipe-write-{s}" for s in (1, 64, 4096, 65536)]
M_BENCH_OPS += [f"{op}-sleepers-{k}" for k in (2, 10, 50)
                for op in ("yield", "switch", "pipe-rtt", "getppid", "kill0",
                           "wait4", "getdents-proc")]
M_BENCH_OPS += [f"{op}-dir-{k}" for k in (10, 100, 1000)
                for op in ("stat", "getdents")]


def m_bench_verdict(out, int80_number):
    """(ok, why) for the output of `m-bench quick`: every operation once,
    in order, with a count and a positive per-op figure, no failed check,
    and the int 0x80 getpid number this system must use."""
    out = ANSI.sub("", out).replace("\r", "")
    rows = [m.groups() for m in re.finditer(r"^([a-z0-9-]+) (\d+) (\d+)$",
                                            out, re.M)]
    problems = [line for line in out.splitlines() if "FAILED" in line]
    if [r[0] for r in rows] != M_BENCH_OPS:
        problems.append(f"rows {[r[0] for r in rows]}")
    if any(int(c) <= 0 or int(v) <= 0 for _, c, v in rows):
        problems.append("a zero count")
    if f"# int80 getpid is number {int80_number} here" not in out:
        problems.append(f"int 0x80 getpid is not number {int80_number}")
    if "m-bench: all ok" not in out:
        problems.append("no 'm-bench: all ok'")
    return not problems, "; ".join(problems)[:600]


def test_m_bench(r):
    """m-bench (make bench-linux's program) with its small counts: its
    own checks pass on the build machine, which is Linux, and on this
    kernel; and the table tool of bench-linux computes its ratios. (The
    Linux VM boot of make bench-linux is not part of make test: it
    downloads a kernel package, and two -icount boots of it take a
    minute.)"""
    exe = BUILD / "user/musl/m-bench"
    try:
        # argv[0] "m-bench" in its own directory: vfork-exec runs it again.
        p = subprocess.run(["m-bench", "quick"], executable=str(exe),
                           cwd=exe.parent, capture_output=True, text=True,
                           timeout=120)
        host_out, host_rc = p.stdout + p.stderr, p.returncode
    except (OSError, subprocess.TimeoutExpired) as e:
        host_out, host_rc = str(e), -1
    (LOGS / "m-bench-host.out").write_text(host_out)
    ok, why = m_bench_verdict(host_out, 20)
    r.add("bench/m-bench-quick-on-the-build-machine", ok and host_rc == 0,
          f"exit {host_rc}: {why}")

    b = boot("bench-m-bench-quick", "init=m-bench poweroff -- quick")
    ok, why = m_bench_verdict(b.log, 39)
    r.add("bench/m-bench-quick-on-this-kernel",
          ok and b.status == EXIT_SUCCESS,
          f"QEMU status {b.status}: {why}")

    # The table: ratio here / Linux, and a missing Linux column.
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        lx, hr = os.path.join(d, "linux"), os.path.join(d, "here")
        with open(lx, "w") as f:
            f.write("# m-bench full: x\ngetpid-syscall 10 300\nyield 10 800\n"
                    "m-bench: all ok\n")
        with open(hr, "w") as f:
            f.write("# m-bench full: x\ngetpid-syscall 10 150\nyield 10 1000\n"
                    "# int80 getpid is number 39 here (x)\nm-bench: all ok\n")
        tool = str(ROOT / "tools/bench-table.py")
        both = subprocess.run([sys.executable, tool, "--linux", lx, "--here", hr],
                              capture_output=True, text=True).stdout
        alone = subprocess.run([sys.executable, tool, "--linux", "", "--here", hr],
                               capture_output=True, text=True).stdout
    r.add("bench/table-tool",
          re.search(r"^getpid-syscall +300 +150 +0\.50$", both, re.M) and
          re.search(r"^yield +800 +1000 +1\.25$", both, re.M) and
          re.search(r"^getpid-syscall +- +150 +-$", alone, re.M) and
          "# this kernel: int80 getpid is number 39" in both,
          f"the table:\n{both}\nwithout Linux:\n{alone}")


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


def test_stress(r):
    """tests/stress/stress.sh as init= program, twice (a warm-up, then 200
    pipelines of five processes at once and 10^4 fork+exec of /bin/true):
    every result right, and the kernel's free pages after the second the
    same as after the first. 512 MiB: execve maps busybox's pages from
    the file and fork shares them, so a thousand processes alive at once
    fit in 256 MiB (3 GiB were needed when execve copied busybox's 2 MiB
    into every process)."""
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
                 modules=[archive], memory="512M",
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
