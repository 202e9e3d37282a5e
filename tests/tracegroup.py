# SPDX-License-Identifier: MIT
"""The `trace` group: trace=syscalls, compared line by line with the
lines it must print."""


from harness import (
    LOGS,
    EXIT_SUCCESS,
    boot,
)


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
