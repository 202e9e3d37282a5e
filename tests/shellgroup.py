# SPDX-License-Identifier: MIT
"""The `shell` group: the teaching shell tsh, typed at over the serial
port."""

import subprocess
import time

from harness import (
    LOGS,
    EXIT_SUCCESS,
    make_iso,
    qemu_command,
    boot,
    monitor_command,
    Console,
)


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
