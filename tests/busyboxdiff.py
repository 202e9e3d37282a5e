# SPDX-License-Identifier: MIT
"""The `busybox` test group: shell scripts under busybox, here and on Linux.

Every tests/linux/NAME.sh is a small POSIX shell script. The group runs
each one twice with the same static busybox binary (Debian's
busybox-static, copied from the build machine into the build directory):
on the build machine, and inside the kernel, all scripts in one boot. A
script passes when both transcripts are the same byte for byte: what it
wrote to stdout and stderr (one file for both), then a line
`exit status N`.

Both sides see the same tree, so that the paths a script meets (and the
script's own name in the shell's error messages) are the same:

  bin/busybox            the binary (in the kernel /bin/busybox)
  bin/APPLET             a link to it for each applet whose name no
                         program of the ISO has at /bin (kernel only:
                         for people at the shell later, not for tests)
  usr/bbin/APPLET        a link for every applet, first in PATH, so
                         that every command is busybox's on both sides
                         (sh, echo, cat and sleep are also ISO programs)
  tests/linux/NAME.sh    the scripts
  tests/run-all          the driver, the kernel's init (made here)
  tmp/bb/NAME/           the scratch directory a script starts in

In the kernel that tree is the root, unpacked from one extra initramfs
archive; on the build machine it is BUILD/busybox/host (its bin, usr
and tests are links into BUILD/busybox/stage, the archive's tree). A
script runs as

  cd tmp/bb/NAME && umask 022 && setsid env -i PATH=... HOME=... \\
      TZ=UTC LC_ALL=C busybox timeout 60 busybox sh \\
      ../../../tests/linux/NAME.sh </dev/null >tmp/bb/NAME.out 2>&1

with PATH the tree's usr/bbin then bin and HOME its root directory:
absolute paths, which differ between the sides, so scripts must not
print them.
Output goes to a file on both sides, not to the console, so that
programs see no terminal and buffer alike; each script is a session of
its own with no controlling terminal (setsid here, start_new_session on
the build machine), so that /dev/tty and kill 0 mean the same on both.

In the serial log each transcript lies between `=== bbdiff begin NAME
===` and `=== bbdiff end NAME ===`. Lines the kernel itself prints there
(KERNEL_LINE) are set aside and reported.

Scripts that differ because the kernel lacks something are listed in
WAITING with the reason: they still run on both sides (last in the
boot), but a difference is reported as waiting, not as a failure.

The kernel's own lines (a missing system call, a process killed by a
signal) do not decide a verdict, since Linux prints nothing there: the
group prints them after the results, so that gaps hidden behind a C
library's fallback (glibc's realloc copied while mremap was ENOSYS) are
seen.

  BBDIFF_ONLY=a,b make test T=busybox     only these scripts
  BBDIFF_TRACE=1  ...                     with trace=syscalls
"""

import difflib
import os
import re
import shutil
import signal
import struct
import subprocess
import time

from harness import ANSI, BUILD, LOGS, ROOT, boot
from linuxdiff import KERNEL_LINE

SCRIPTS = ROOT / "tests/linux"
WORK = BUILD / "busybox"
STAGE = WORK / "stage"        # the archive's tree
HOST = WORK / "host"          # the same tree on the build machine
ARCHIVE = WORK / "busybox.cpio"
SCRIPT_TIMEOUT = 60           # busybox timeout, on both sides
BOOT_LIMIT = int(os.environ.get("BUSYBOX_TIMEOUT", "600"))
DIFF_LINES = 60
ENV = {"TZ": "UTC", "LC_ALL": "C"}  # and PATH, HOME: the tree's

# Scripts whose transcripts differ because the kernel lacks something,
# with what it lacks. They still run on both sides, last in the boot, and
# are reported as waiting, not failed; one that passes is reported too,
# so that it comes off this list.
WAITING = {
}

BEGIN = re.compile(r"^=== bbdiff begin (\S+) ===$")
END = "=== bbdiff end {} ==="


# ---------------------------------------------------------- the binary

def elf_is_static(path):
    """True for an x86-64 ELF file with LOAD segments and no INTERP."""
    with open(path, "rb") as f:
        head = f.read(64)
        if len(head) < 64 or head[:4] != b"\x7fELF" or head[4] != 2:
            return False
        phoff, = struct.unpack_from("<Q", head, 32)
        phentsize, phnum = struct.unpack_from("<HH", head, 54)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    types = [struct.unpack_from("<I", table, i * phentsize)[0]
             for i in range(phnum)]
    return 1 in types and 3 not in types  # PT_LOAD, PT_INTERP


def find_busybox():
    """The build machine's busybox, if it is static: (path, why not)."""
    path = shutil.which("busybox") or "/bin/busybox"
    if not os.path.exists(path):
        return None, "no busybox (sh tools/setup.sh test installs busybox-static)"
    if not elf_is_static(path):
        return None, (f"{path} is not a static program (it has an ELF "
                      "interpreter): install busybox-static "
                      "(sh tools/setup.sh test)")
    return path, ""


# ------------------------------------------------------------ the tree

def applets(busybox):
    out = subprocess.run([busybox, "--list"], capture_output=True,
                         text=True, check=True).stdout
    return sorted(set(out.split()))


def iso_programs():
    """The names the ISO's own programs have at /bin (harness.make_iso)."""
    names = {p.name for p in (BUILD / "user/bin").glob("*")}
    names |= {p.name for p in (BUILD / "user/musl").glob("*")
              if (ROOT / "user/musl" / f"{p.name}.c").exists()}
    return names


def script_names():
    return sorted(p.stem for p in SCRIPTS.glob("*.sh"))


def command(root, name):
    """The argv that runs script @name with @root the tree's root."""
    bb = f"{root}/bin/busybox"
    return [bb, "timeout", str(SCRIPT_TIMEOUT), bb, "sh",
            f"../../../tests/linux/{name}.sh"]


def environment(root):
    return dict(ENV, PATH=f"{root}/usr/bbin:{root}/bin", HOME=f"{root}/root")


def driver(names):
    """tests/run-all: each script in its scratch directory, its
    transcript between delimiters."""
    env = " ".join(f"{k}={v}" for k, v in sorted(environment("").items()))
    lines = ["#!/bin/busybox sh",
             "# Made by tests/busyboxdiff.py: run each script as the build",
             "# machine does, and print its transcript between delimiters.",
             "bb=/bin/busybox",
             "umask 022",
             "$bb mkdir -p /tmp/bb /root",
             f"for name in {' '.join(names)}; do",
             "\t$bb mkdir /tmp/bb/$name",
             "\tcd /tmp/bb/$name || exit 1",
             "\t# Before the script runs: what the kernel prints meanwhile",
             "\t# lies inside the delimiters, and is set aside there.",
             "\techo \"=== bbdiff begin $name ===\"",
             f"\t$bb setsid $bb env -i {env} "
             + " ".join(command("", "$name"))
             + " </dev/null >/tmp/bb/$name.out 2>&1",
             "\tstatus=$?",
             "\t$bb cat /tmp/bb/$name.out",
             "\techo \"exit status $status\"",
             "\techo \"=== bbdiff end $name ===\"",
             "done",
             "cd /",
             "echo '=== bbdiff all done ==='",
             ""]
    return "\n".join(lines)


def build_tree(busybox, names):
    """STAGE (the archive's tree), ARCHIVE, and HOST (the same tree here);
    the driver runs @names in this order."""
    for d in (STAGE, HOST):
        if d.exists():
            shutil.rmtree(d)
    (STAGE / "bin").mkdir(parents=True)
    (STAGE / "usr/bbin").mkdir(parents=True)
    (STAGE / "tests/linux").mkdir(parents=True)
    shutil.copy2(busybox, STAGE / "bin/busybox")
    taken = iso_programs()
    for name in applets(busybox):
        if "/" in name or name == "busybox":
            continue
        os.symlink("../../bin/busybox", STAGE / "usr/bbin" / name)
        if name not in taken:
            os.symlink("busybox", STAGE / "bin" / name)
    for name in names:
        shutil.copy2(SCRIPTS / f"{name}.sh", STAGE / f"tests/linux/{name}.sh")
    run_all = STAGE / "tests/run-all"
    run_all.write_text(driver(names))
    run_all.chmod(0o755)
    subprocess.run(["sh", str(ROOT / "tools/mkinitramfs.sh"), str(ARCHIVE),
                    str(STAGE)], check=True)
    (HOST / "tmp/bb").mkdir(parents=True)
    (HOST / "root").mkdir()
    for d in ("bin", "usr", "tests"):
        os.symlink(STAGE / d, HOST / d)


# ------------------------------------------------------------ the host

def host_child_setup():
    """In the child, before busybox: the umask, and every signal's action
    back to the default. The kernel starts its programs that way; a
    runner started in the background of a non-interactive shell (`make
    test &`) would otherwise pass SIGINT and SIGQUIT on ignored, and a
    shell cannot trap a signal ignored at its start (POSIX)."""
    os.umask(0o022)
    for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGHUP,
                signal.SIGUSR1, signal.SIGUSR2, signal.SIGPIPE, signal.SIGTSTP,
                signal.SIGTTIN, signal.SIGTTOU, signal.SIGCHLD, signal.SIGALRM):
        signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def run_on_host(name):
    """The transcript of script @name on the build machine."""
    scratch = HOST / "tmp/bb" / name
    scratch.mkdir()
    out = HOST / "tmp/bb" / f"{name}.out"
    with open(out, "wb") as f:
        try:
            p = subprocess.run(command(HOST, name), cwd=scratch,
                               env=environment(HOST), stdin=subprocess.DEVNULL,
                               stdout=f, stderr=f, start_new_session=True,
                               preexec_fn=host_child_setup,
                               timeout=SCRIPT_TIMEOUT + 10)
            status = p.returncode if p.returncode >= 0 else 128 - p.returncode
        except subprocess.TimeoutExpired:
            status = "(the runner's timeout)"
    return out.read_bytes().decode(errors="replace") + f"exit status {status}\n"


# ------------------------------------------------ the kernel's serial log

def extract(log, names):
    """{name: (transcript or None if it did not end, kernel lines)}."""
    runs = {}
    current, text, kernel = None, "", []
    for line in log.replace("\r", "").split("\n"):
        if current is None:
            m = BEGIN.match(line)
            if m and m.group(1) in names:
                current, text, kernel = m.group(1), "", []
            continue
        if line == END.format(current):
            runs[current] = (text, kernel)
            current = None
        elif KERNEL_LINE.match(line):
            kernel.append(line)
        else:
            text += line + "\n"
    if current is not None:
        runs[current] = (None, kernel)
    return runs


def _lines(text):
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def compare(host, kernel):
    """(ok, why) for one script: host's transcript, the kernel's
    (text or None, kernel lines) or None if it never started."""
    if kernel is None:
        return False, "not in the serial log: it never started"
    text, said = kernel
    if text == host:
        return True, ""
    if text is None:
        why = "the log ends while it runs (hang, panic or timeout)"
    else:
        diff = list(difflib.unified_diff(
            _lines(host), _lines(text), "on the build machine",
            "on this kernel", n=2, lineterm=""))
        if len(diff) > DIFF_LINES:
            diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more)"]
        why = "the transcripts differ\n    " + "\n    ".join(diff)
    if said:
        why += "\n    the kernel said: " + "\n    the kernel said: ".join(said[:8])
    return False, why


def self_test(r):
    """extract() and compare() on made-up logs, so that they can fail."""
    host = {"a": "one\ntwo\nexit status 0\n", "b": "x\nexit status 3\n"}
    good = ("junk\n=== bbdiff begin a ===\r\none\ntwo\nexit status 0\n"
            "=== bbdiff end a ===\n=== bbdiff begin b ===\nx\n"
            "exit status 3\n=== bbdiff end b ===\n")
    cases = [
        ("good", good, {"a": True, "b": True}),
        ("a kernel line set aside", good.replace("two\n", "pid 9 (sh): killed by x\ntwo\n"),
         {"a": True, "b": True}),
        ("a line differs", good.replace("two", "tw0"), {"a": False}),
        ("a status differs", good.replace("status 3", "status 1"), {"b": False}),
        ("a line lost", good.replace("one\n", ""), {"a": False}),
        ("missing", good.split("=== bbdiff begin b")[0], {"b": False}),
        ("unfinished", good.split("exit status 3")[0], {"b": False}),
    ]
    wrong = [what for what, log, want in cases
             for name, verdict in want.items()
             if compare(host[name], extract(log, list(host)).get(name))[0]
             != verdict]
    r.add("busybox/extract-cases", not wrong, f"wrong verdict for: {wrong}")


# -------------------------------------------------------------- the group

def test_busybox(r):
    """Shell scripts under busybox: the same transcript here as on Linux."""
    t0 = time.monotonic()
    self_test(r)
    busybox, why = find_busybox()
    r.add("busybox/static-binary", busybox is not None, why)
    names = script_names()
    only = [n for n in os.environ.get("BBDIFF_ONLY", "").split(",") if n]
    if only:
        names = [n for n in names if n in only]
    if busybox is None or not names:
        if not names:
            r.add("busybox/scripts", False, f"no scripts in {SCRIPTS}")
        return
    # The waiting ones last: if one brings the kernel down, the rest ran.
    booted = [n for n in names if n not in WAITING] + \
        [n for n in names if n in WAITING]
    build_tree(busybox, booted)
    host = {}
    for name in booted:
        host[name] = run_on_host(name)
    t1 = time.monotonic()
    cmdline = "init=/tests/run-all report=linux poweroff"
    if os.environ.get("BBDIFF_TRACE"):
        cmdline += " trace=syscalls"
    b = boot("busybox", cmdline, modules=[ARCHIVE], timeout=BOOT_LIMIT)
    t2 = time.monotonic()
    # Not b.lines(): that strips trailing blanks, which are output too.
    log = ANSI.sub("", b.log).replace("\r", "")
    problem = ""
    if b.timed_out:
        problem = f"hang: QEMU still ran after {BOOT_LIMIT} s"
    elif "KERNEL PANIC" in log:
        problem = "kernel panic"
    elif "=== bbdiff all done ===" not in log:
        problem = f"the driver did not finish (QEMU exit status {b.status})"
    r.add("busybox/boot", not problem,
          f"{problem} (log: {LOGS.name}/busybox.log)")
    runs = extract(log, booted)
    passed, waiting, said = 0, 0, {}
    for name in booted:
        ok, why = compare(host[name], runs.get(name))
        if name in WAITING:
            waiting += 1
            print(f"[waiting] busybox/{name}: {WAITING[name]}"
                  + ("; it passes now: take it off WAITING" if ok else ""),
                  flush=True)
        else:
            passed += ok
            r.add(f"busybox/{name}", ok, why)
        for line in (runs.get(name) or (None, []))[1]:
            said.setdefault(re.sub(r"\bpid \d+", "pid N", line),
                            set()).add(name)
    for line, where in sorted(said.items()):
        print(f"busybox: the kernel said {line!r} in {', '.join(sorted(where))}",
              flush=True)
    print(f"busybox: {passed} of {len(booted) - waiting} scripts passed, "
          f"{waiting} waiting; "
          f"host {t1 - t0:.1f} s, boot {t2 - t1:.1f} s, "
          f"group {time.monotonic() - t0:.1f} s", flush=True)
