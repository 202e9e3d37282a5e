# SPDX-License-Identifier: MIT
"""The `musl` test group: ordinary Linux programs on this kernel and on Linux.

The programs of user/musl/ are hosted C built with `musl-gcc -static`
into build/user/musl/NAME (make user). Each prints what it checked and
exits 0 (m-threads-exit: 3, on purpose). The group runs every one of
them on the build machine, which is x86-64 Linux, and boots the kernel
with all of them in one `init=` list, once with an Intel-vendor CPU and
once with the AMD-vendor qemu64, and a few of them in Bochs. A program
passes on a CPU when its output on the kernel is the same as on Linux,
byte for byte, and it ended the same way.

In the serial log, a program's output is what lies between the kernel's
`starting NAME in ring 3` and `NAME exited with status N` (or `NAME was
killed`, or `could not start NAME: error N`). Lines the kernel itself
prints in between (KERNEL_LINE: `pid 7 (m-mmap): killed by #PF ...`
when a child faults on purpose, traces) are set aside: Linux prints
nothing there. The output of the children a program starts (m-spawn
runs m-hello, m-ids runs itself as `m-ids exec`) is part of its own, on
both systems.

How the two runs are made alike:
- m-env comes first in the `init=` list: only the first program gets the
  command line's NAME=VALUE words as its environment and the words after
  `--` as its arguments. On the host it gets the same argv and exactly
  that environment; every other program gets argv = {NAME} and an empty
  environment on both.
- On the host a program runs in build/user/musl with argv[0] = NAME, so
  that the bare names m-spawn executes ("m-hello") are paths relative to
  the working directory there, as they are module names here.
- The programs make stdout line-buffered and print no pids, addresses
  or times, only verdicts about them.

m-oom and m-sigforge are the exceptions: m-oom exhausts memory, which
the build machine must not do, and m-sigforge forges signal frames that
Linux repairs where this kernel refuses them (and calls kill(-1)), so
they run on the kernel only, against the hand-written expectations in
KERNEL_ONLY below.
"""

import difflib
import os
import re
import resource
import subprocess
import tempfile
import threading
import time

from harness import (
    ANSI,
    BOOT_TIMEOUT,
    BUILD,
    INTEL_CPU,
    LOGS,
    ROOT,
    boot,
    make_iso,
)

MUSL_BIN = BUILD / "user/musl"
FIRST = "m-env"  # gets the command line's environment and arguments
LAST = "m-oom"   # last: a kernel that loses memory to it fails no other test
ENV_ARGS = ["alpha", "beta"]
ENV_VARS = {"T_ONE": "1", "T_TWO": "two"}
BOCHS_PROGRAMS = ["m-hello", "m-fpu", "m-mmap", "m-tls"]
# Programs that need what the kernel does not have yet: threads (clone)
# and vfork. They run on the build machine, so they stay correct, but are
# not booted until the kernel has those calls (issue 8's second part);
# the group prints their names so they are not forgotten. (m-futex tests
# futex between processes, which needs no threads.)
WAITING = {
}
EXPECTED_STATUS = {"m-threads-exit": 3}  # the others exit 0
HOST_TIMEOUT = 60
MUSL_TIMEOUT = int(os.environ.get("MUSL_TIMEOUT", max(BOOT_TIMEOUT, 180)))
BOCHS_TIMEOUT = int(os.environ.get("BOCHS_TIMEOUT", "120"))
DIFF_LINES = 40

# What the kernel prints about a process, never the process itself.
KERNEL_LINE = re.compile(
    r"^(pid \d+ \([^)]*\): |exec \S+: rejected: |no_system_call is called"
    r"|\[pid \d+ \w+\] |KERNEL PANIC)")


class Run:
    """How one program ran: how it ended ("exit status N", "killed",
    "could not start: error N", "unfinished" when the log or the time
    ran out while it ran, "never started"), what it printed, and the
    kernel's own lines set aside from its output."""

    def __init__(self, ended, text, kernel_lines=()):
        self.ended = ended
        self.text = text
        self.kernel_lines = list(kernel_lines)


KERNEL_ONLY = {
    "m-oom": Run("exit status 0",
                 "a child touches pages until memory runs out: ok\n"
                 "the child: killed by SIGKILL\n"
                 "the child was killed by SIGKILL: ok\n"
                 "then the parent maps and touches 1 MiB: ok\n"
                 "m-oom: all checks ok\n"),
    # Forged signal frames and the rest of issue 9's hostile cases:
    # Linux masks or forces what this kernel refuses (docs/syscalls.md
    # 16.3), and kill(-1) must not run on the build machine.
    "m-sigforge": Run("exit status 0",
                 "rt_sigreturn with RIP non-canonical: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RIP in the kernel half: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RSP non-canonical: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RSP in the kernel half: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with CS the kernel's: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with SS the kernel's: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RFLAGS with IOPL 3: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RFLAGS with NT: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RFLAGS with VM: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with RFLAGS with IF clear: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with MXCSR with reserved bits: killed by SIGSEGV: ok\n"
                 "rt_sigreturn with no frame to read: killed by SIGSEGV: ok\n"
                 "a handler in the kernel half: killed by SIGSEGV: ok\n"
                 "a signal frame in the kernel half: killed by SIGSEGV: ok\n"
                 "a signal frame on an unmapped stack: killed by SIGSEGV: ok\n"
                 "SIGSEGV handlers faulting until the stack is gone: "
                 "killed by SIGSEGV: ok\n"
                 "a handler that changes RAX only: the call returns what it "
                 "left there: ok\n"
                 "kill(-1, SIGTERM): ok\n"
                 "kill(-1) ended both children, not the caller: ok\n"
                 "10^5 kill() calls from a child: the parent lives on: ok\n"
                 "its handler ran: ok\n"
                 "m-sigforge: all checks ok\n"),
}


# Programs that need somebody at a terminal: the `tty` group
# (tests/ttydiff.py) runs them, on a pty and typing into COM1.
INTERACTIVE = {"m-termios"}


def programs():
    """The musl programs, in boot order: FIRST first, LAST last."""
    names = sorted(p.stem for p in (ROOT / "user/musl").glob("*.c")
                   if p.stem not in INTERACTIVE)
    middle = [n for n in names if n not in (FIRST, LAST)]
    return [n for n in [FIRST] if n in names] + middle + \
        [n for n in [LAST] if n in names]


def musl_cmdline(names):
    """init=... poweroff, and for the first program (FIRST) its
    environment and arguments."""
    words = [f"init={','.join(names)}", "report=linux", "poweroff"]
    if names and names[0] == FIRST:
        words += [f"{k}={v}" for k, v in sorted(ENV_VARS.items())]
        words += ["--"] + ENV_ARGS
    return " ".join(words)


# ------------------------------------------------------------ the host

def _no_core_dumps():
    # m-mmap's children die of SIGSEGV on purpose: no core files. The
    # hard limit stays, so that m-sigcore can raise its own.
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (0, hard))


# Programs whose children dump core on Linux on purpose run in a scratch
# directory, where their core files land and then go.
IN_SCRATCH_DIR = {"m-sigcore", "m-files", "m-fifo", "m-dirlist"}


def run_on_host(name):
    """Run build/user/musl/NAME on the build machine, as the kernel will."""
    exe = MUSL_BIN / name
    if not exe.exists():
        return Run("never started", "", [f"{exe} is not built (make user)"])
    args, env = ([name], {})
    if name == FIRST:
        args, env = [name] + ENV_ARGS, dict(ENV_VARS)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            cwd = scratch if name in IN_SCRATCH_DIR else MUSL_BIN
            p = subprocess.run(args, executable=str(exe), cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=HOST_TIMEOUT, preexec_fn=_no_core_dumps)
    except subprocess.TimeoutExpired as e:
        return Run("unfinished", (e.stdout or b"").decode(errors="replace"))
    ended = f"exit status {p.returncode}" if p.returncode >= 0 else "killed"
    return Run(ended, p.stdout.decode(errors="replace").replace("\r", ""))


# ------------------------------------------------ the kernel's serial log

def extract(log, names):
    """Each program's Run from a serial log (a program missing from the
    log is "never started")."""
    runs = {n: Run("never started", "") for n in names}
    current = None
    for line in ANSI.sub("", log).replace("\r", "").split("\n"):
        if current is None:
            m = re.fullmatch(r"starting (\S+) in ring 3", line)
            if m and m.group(1) in names and \
                    runs[m.group(1)].ended == "never started":
                current = m.group(1)
                runs[current] = Run("unfinished", "")
            continue
        run, name = runs[current], re.escape(current)
        # The end line may follow output that had no newline of its own.
        ended = re.fullmatch(rf"(.*?){name} (?:exited with status (-?\d+)|"
                             rf"(was killed))", line)
        refused = re.fullmatch(rf"(.*?)could not start {name}: (error -?\d+)",
                               line)
        if ended or refused:
            run.text += (ended or refused).group(1)
            if refused:
                run.ended = f"could not start: {refused.group(2)}"
            elif ended.group(3):
                run.ended = "killed"
            else:
                run.ended = f"exit status {ended.group(2)}"
            current = None
        elif KERNEL_LINE.match(line):
            run.kernel_lines.append(line)
        else:
            run.text += line + "\n"
    return runs


def _diff_lines(text):
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    elif lines:
        lines[-1] += "  [no newline at the end]"
    return lines


def compare(linux, kernel):
    """(ok, why) for one program: same ending and the same output."""
    if kernel.ended == "never started":
        return False, "never started: it is not in the log"
    problems = []
    if kernel.ended == "unfinished":
        problems.append("the log ends while it runs (hang, panic or timeout)")
    elif kernel.ended != linux.ended:
        problems.append(f"{kernel.ended} here, {linux.ended} on Linux")
    if kernel.text != linux.text:
        problems.append("the output differs from Linux's")
    if not problems:
        return True, ""
    why = "; ".join(problems)
    if not kernel.text:
        why += f" (it printed nothing; on Linux {len(_diff_lines(linux.text))} lines)"
    elif kernel.text != linux.text:
        diff = list(difflib.unified_diff(
            _diff_lines(linux.text), _diff_lines(kernel.text),
            "on Linux", "on this kernel", n=2, lineterm=""))
        if len(diff) > DIFF_LINES:
            diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
        why += "\n    " + "\n    ".join(diff)
    if kernel.kernel_lines:
        why += "\n    the kernel said: " + "\n    the kernel said: ".join(
            kernel.kernel_lines[:5])
    return False, why


# ------------------------------------------------------------- the boots

def boot_qemu(label, cpu, names):
    """Boot all of @names in one QEMU run: (log, seconds, boot problem)."""
    start = time.monotonic()
    b = boot(f"musl-{label}", musl_cmdline(names), cpu=cpu,
             timeout=MUSL_TIMEOUT, until=r"KERNEL PANIC[^\n]*\n")
    seconds = time.monotonic() - start
    problem = ""
    if b.timed_out:
        problem = f"hang: QEMU still ran after {MUSL_TIMEOUT} s"
    elif b.matched:
        problem = "kernel panic"
    elif b.status == 0:
        problem = "QEMU exited with status 0 (a triple fault or reset)"
    return b.log, seconds, problem


def boot_bochs(iso):
    """Boot @iso in Bochs with an Intel CPU; its exit status means
    nothing (run-bochs.sh), the log decides."""
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / "musl-bochs.log"
    start = time.monotonic()
    cmd = ["sh", str(ROOT / "tools/run-bochs.sh"), str(iso), str(log_path),
           "corei7_skylake_x", str(BOCHS_TIMEOUT)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=BOCHS_TIMEOUT + 60)
        status, note = p.returncode, (p.stdout + p.stderr).strip()
    except subprocess.TimeoutExpired:
        status, note = 124, "run-bochs.sh did not return"
    seconds = time.monotonic() - start
    log = log_path.read_text(errors="replace") if log_path.exists() else ""
    problem = ""
    if status == 124:
        problem = f"hang: Bochs still ran after {BOCHS_TIMEOUT} s"
    elif status != 0:
        problem = note or f"run-bochs.sh status {status}"
    if "KERNEL PANIC" in ANSI.sub("", log):
        problem = "kernel panic"
    return log, seconds, problem


def report_boot(r, label, names, linux, result):
    log, seconds, problem = result
    print(f"musl/{label}: the boot took {seconds:.1f} s "
          f"(log: {LOGS.name}/musl-{label}.log)", flush=True)
    r.add(f"musl/{label}/boot", not problem, problem)
    runs = extract(log, names)
    for name in names:
        ok, why = compare(linux[name], runs[name])
        r.add(f"musl/{label}/{name}", ok, why)


# ------------------------------------------------------------ self-tests

def self_test(r):
    """extract() and compare() on made-up logs, so that they can fail."""
    linux = {"m-a": Run("exit status 0", "one\npid 3 is mine\ntwo\n"),
             "m-b": Run("exit status 3", "x\n"),
             "m-c": Run("exit status 0", "no newline")}
    good = ("GRUB junk\nstarting m-a in ring 3\r\none\n"
            "\x1b[31mpid 4 (m-a): killed by #PF page fault at rip 0x401000\x1b[0m\n"
            "pid 3 is mine\n[pid 4 syscall] exit_group(0) = ?\ntwo\n"
            "m-a exited with status 0\nstarting m-b in ring 3\nx\n"
            "m-b exited with status 3\nstarting m-c in ring 3\n"
            "no newlinem-c exited with status 0\n")
    cases = [  # (what, log, {program: verdict})
        ("kernel lines interleaved", good, {"m-a": True, "m-b": True, "m-c": True}),
        ("a program missing", good.split("starting m-b")[0], {"m-a": True, "m-b": False}),
        ("killed", good.replace("m-b exited with status 3", "m-b was killed"),
         {"m-b": False}),
        ("a differing line", good.replace("two\n", "tw0\n"), {"m-a": False}),
        ("a line lost", good.replace("one\n", ""), {"m-a": False}),
        ("an extra line", good.replace("x\n", "x\nextra\n"), {"m-b": False}),
        ("another status", good.replace("status 3", "status 0"), {"m-b": False}),
        ("a newline Linux did not print",
         good.replace("no newlinem-c", "no newline\nm-c"), {"m-c": False}),
        ("the log ends inside", good.split("two\n")[0], {"m-a": False}),
        ("could not start", "starting m-b in ring 3\ncould not start m-b: error -2\n",
         {"m-b": False}),
        ("a panic inside", good.replace("two\n", "KERNEL PANIC: x\n"), {"m-a": False}),
    ]
    wrong = []
    for what, log, want in cases:
        runs = extract(log, list(linux))
        for name, verdict in want.items():
            if compare(linux[name], runs[name])[0] != verdict:
                wrong.append(f"{what} ({name})")
    r.add("musl/extract-cases", not wrong, f"wrong verdict for: {wrong}")
    why = compare(linux["m-a"], extract(good.replace("two\n", "tw0\n"), ["m-a"])["m-a"])[1]
    r.add("musl/diff-shows-the-lines", "\n    -two" in why and "\n    +tw0" in why,
          f"the failure detail has no diff: {why!r}")


# -------------------------------------------------------------- the group

def test_musl(r):
    """Linux programs built with musl: the same output here as on Linux."""
    self_test(r)
    names = programs()
    if not names:
        r.add("musl/programs", False, "no user/musl/*.c")
        return
    linux = dict(KERNEL_ONLY)
    for name in names:
        if name in KERNEL_ONLY:
            continue
        linux[name] = run_on_host(name)
        want = f"exit status {EXPECTED_STATUS.get(name, 0)}"
        tail = "\n    ".join(linux[name].text.splitlines()[-5:] +
                             linux[name].kernel_lines)
        r.add(f"musl/linux/{name}", linux[name].ended == want,
              f"{linux[name].ended} on the build machine, want {want}\n    {tail}")

    waiting = [n for n in names if n in WAITING]
    for n in waiting:
        print(f"musl: {n} not booted yet: the kernel lacks {WAITING[n]}",
              flush=True)
    names = [n for n in names if n not in WAITING]
    cmdline = musl_cmdline(names)
    if len(cmdline) >= 1024:  # BOOT_CMDLINE_MAX
        r.add("musl/cmdline", False, f"command line too long: {cmdline}")
        return
    # Build each ISO once, before the boots run side by side. Bochs boots
    # in VGA text mode (GRUB's VBE mode setting breaks under its BIOS).
    make_iso(cmdline)
    bochs_names = [n for n in BOCHS_PROGRAMS if n in names]
    bochs_iso = make_iso(musl_cmdline(bochs_names), text_mode=True)
    results = {}

    def run(label, fn, *args):
        results[label] = fn(*args)

    threads = [threading.Thread(target=run, args=a) for a in (
        ("intel", boot_qemu, "intel", INTEL_CPU, names),
        ("amd", boot_qemu, "amd", "qemu64", names),
        ("bochs", boot_bochs, bochs_iso))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report_boot(r, "intel", names, linux, results["intel"])
    report_boot(r, "amd", names, linux, results["amd"])
    report_boot(r, "bochs", bochs_names, linux, results["bochs"])
