#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write docs/linux-abi.md: every Linux x86-64 system call and its state.

  tools/linux-abi.py > docs/linux-abi.md    write the document
  tools/linux-abi.py --check                 is docs/linux-abi.md up to date?

Which calls have a handler is read, not written by hand: a call has one
when include/uapi/syscall_list.h lists it (kernel/arch/syscall.c builds
both tables from that list), or when kernel/arch/syscall.c adds it to
Linux's table alone (rt_sigreturn). Every call of
include/uapi/linux_syscalls.h needs an entry in tools/linux-abi-notes.txt
saying how far it goes, or why it is missing; an entry that disagrees
with the list (a handled call marked missing, or the other way round) is
an error, and so is a call without an entry. The host tests
(tests/run.py, group "host") run the same checks and compare the
document with what this script writes.
"""

import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = "docs/linux-abi.md"
NOTES = "tools/linux-abi-notes.txt"

PRIVATE_BASE = 1024  # __NR_PRIVATE_BASE: the kernel's own calls

# state in the notes -> (its words in the document, has a handler?)
STATES = {
    "implemented": ("implemented", True),
    "partial": ("**partial**", True),
    "enosys-listed": ("ENOSYS on purpose", True),
    "enosys": ("ENOSYS on purpose", False),
    "not-yet": ("ENOSYS, not yet", False),
}


class Note:
    def __init__(self, nr, name, state, text, line):
        self.nr, self.name, self.state, self.text = nr, name, state, text
        self.line = line  # where it is in the notes, for messages


class Abi:
    """What the sources say: Linux's calls, the handled ones, the notes."""

    def __init__(self, linux, listed, linux_only, notes, reasons, errors):
        self.linux = linux            # {nr: name}, every Linux call
        self.listed = listed          # {nr: name}, syscall_list.h
        self.linux_only = linux_only  # {nr: name}, added to Linux's table
        self.notes = notes            # {nr: Note}
        self.reasons = reasons        # {"@name": text}
        self.errors = errors          # problems found while reading

    def handled(self):
        """Numbers of Linux's calls that reach a handler of their own."""
        return {nr for nr in self.listed if nr < PRIVATE_BASE} | \
            set(self.linux_only)


def parse_linux(text):
    return {int(nr): name for nr, name in re.findall(
        r"^LINUX_SYSCALL\((\d+), (\w+)\)$", text, re.M)}


def parse_list(text):
    return {int(nr): name for nr, name in re.findall(
        r"^SYSCALL\d\((\d+), [^,]+, (\w+)", text, re.M)}


def parse_linux_only(text):
    """[LINUX_NR_name] = sys_name lines of linux_system_call_table."""
    m = re.search(r"linux_system_call_table\[[^]]*\] = \{(.*?)\n\};",
                  text, re.S)
    return re.findall(r"\[LINUX_NR_(\w+)\]\s*=\s*sys_\w+", m.group(1)) \
        if m else []


def parse_notes(text):
    """({nr: Note}, {"@reason": text}, [errors]) from the notes file."""
    notes, reasons, errors = {}, {}, []
    last = None
    for i, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():  # the note goes on
            if last is None:
                errors.append(f"{NOTES}:{i}: a continuation with no entry")
            else:
                last.text = (last.text + " " + line.strip()).strip()
            continue
        if line.startswith("@"):
            key, _, value = line.partition(" ")
            reasons[key] = value.strip()
            last = None
            continue
        m = re.match(r"(\d+)\s+(\w+)\s+([\w-]+)\s*(.*)$", line)
        if not m:
            errors.append(f"{NOTES}:{i}: not NUMBER NAME STATE NOTE")
            last = None
            continue
        nr = int(m.group(1))
        if nr in notes:
            errors.append(f"{NOTES}:{i}: {nr} has an entry already "
                          f"(line {notes[nr].line})")
        last = notes[nr] = Note(nr, m.group(2), m.group(3), m.group(4), i)
    return notes, reasons, errors


def load(root=ROOT):
    """Read the three sources and the notes under @root."""
    def read(path):
        return (root / path).read_text()

    linux = parse_linux(read("include/uapi/linux_syscalls.h"))
    by_name = {name: nr for nr, name in linux.items()}
    listed = parse_list(read("include/uapi/syscall_list.h"))
    errors = []
    linux_only = {}
    for name in parse_linux_only(read("kernel/arch/syscall.c")):
        if name in by_name:
            linux_only[by_name[name]] = name
        else:
            errors.append(f"kernel/arch/syscall.c adds {name}, "
                          "which is not a Linux call")
    notes, reasons, note_errors = parse_notes(read(NOTES))
    return Abi(linux, listed, linux_only, notes, reasons,
               errors + note_errors)


def problems(abi):
    """Everything that keeps the document from being written: a list of
    messages, empty when the notes, the list and Linux's calls agree."""
    out = list(abi.errors)
    if len(abi.linux) < 300:
        out.append(f"only {len(abi.linux)} Linux calls read")
    for nr, name in sorted(abi.listed.items()):
        if nr < PRIVATE_BASE and abi.linux.get(nr) != name:
            out.append(f"syscall_list.h: {nr} is {name}, but Linux's {nr} "
                       f"is {abi.linux.get(nr, 'nothing')}")
    handled = abi.handled()
    for nr, name in sorted(abi.linux.items()):
        note = abi.notes.get(nr)
        if note is None:
            out.append(f"{NOTES}: no entry for {nr} {name}")
            continue
        where = f"{NOTES}:{note.line}: {nr} {note.name}"
        if note.name != name:
            out.append(f"{where}: Linux calls {nr} {name}")
        if note.state not in STATES:
            out.append(f"{where}: unknown state {note.state!r} "
                       f"(one of {', '.join(STATES)})")
            continue
        if STATES[note.state][1] and nr not in handled:
            out.append(f"{where} is {note.state}, but it is not in "
                       "include/uapi/syscall_list.h")
        if not STATES[note.state][1] and nr in handled:
            out.append(f"{where} is {note.state}, but "
                       "include/uapi/syscall_list.h lists it")
        if note.state != "implemented" and not note.text:
            out.append(f"{where}: a {note.state} call needs a note")
        key = note.text.split(" ", 1)[0]
        if key.startswith("@") and key not in abi.reasons:
            out.append(f"{where}: no reason {key}")
    for nr in sorted(set(abi.notes) - set(abi.linux)):
        out.append(f"{NOTES}:{abi.notes[nr].line}: Linux has no call {nr}")
    return out


def note_text(abi, note):
    """The note as the document shows it: reasons expanded, | escaped."""
    text = note.text
    key, _, rest = text.partition(" ")
    if key.startswith("@"):
        text = (abi.reasons[key] + " " + rest).strip()
    return text.replace("|", "\\|")


INTRO = """\
# Linux's system calls, one by one

<!-- Generated by tools/linux-abi.py from include/uapi/linux_syscalls.h,
include/uapi/syscall_list.h, kernel/arch/syscall.c and
tools/linux-abi-notes.txt. Do not edit: change the notes and run
`tools/linux-abi.py > docs/linux-abi.md`; `make test T=host` fails while
this file differs from what the script writes. -->

This kernel runs static Linux x86-64 programs. This document takes every
system call that Linux 6.1 has on x86-64, {total} of them (numbers 0-334
and 424-450, `include/uapi/linux_syscalls.h`), in the order of the
numbers, and says what a Linux program gets here when it makes that call.
`docs/syscalls.md` section 2 describes each call that works, with its
arguments and errors.

**Where the list comes from.** Whether a call works is not written by
hand. A call has a handler when `include/uapi/syscall_list.h`, the one
list of calls, names it: `kernel/arch/syscall.c` builds the system call
tables from that list, and fills every other number with
`no_system_call`. `tools/linux-abi.py` reads the list, Linux's calls and
`tools/linux-abi-notes.txt`, the hand-written part: how far each handled
call goes, and why each missing call is missing. It refuses notes that
mark a call implemented when the list lacks it, or missing when the list
has it, and `make test T=host` checks that this file is what the script
writes, so the document cannot drift from the list.

**Two tables.** Each process has one of two system call tables, chosen
by `execve` from the program's ELF notes (`docs/syscalls.md` section 12).
Both are built from the same list and differ only at number 15. The
project's own programs (`user/`, marked with a `seed` note) get the seed
design's table, which keeps 15 for the seed demo: there it reaches
`no_system_call`, and those programs return from signal handlers through
the private call 1031 (`sigreturn`). Every other program is a Linux
program and gets Linux's table, where 15 is `rt_sigreturn`, which
`kernel/arch/syscall.c` adds to that table alone. This document
describes Linux's table. The numbers from 1024 up are the kernel's own
calls (`docs/syscalls.md` section 2), not Linux's.

**What `ENOSYS` means to a C library.** A number without a handler goes
to `no_system_call`, which prints a line on the console, such as
`no_system_call is called, NR: 0x14c (statx)`, and returns `-ENOSYS`.
The C library's wrapper then returns -1 with `errno` set to `ENOSYS`
("Function not implemented"). Libraries expect that from older kernels
and fall back for many newer calls: glibc's and musl's `statx()` to
`fstatat` (`newfstatat`), glibc's `pthread_create` and `posix_spawn` from
`clone3` to `clone`, glibc's `faccessat` from `faccessat2` to
`faccessat`; glibc registers `rseq` at start-up and goes on without it.
Most other programs report the error and stop, or do without.

**The states.**

- *implemented*: the call does what Linux's does; the note says briefly
  how far, and what differs in detail.
- *partial*: part of Linux's call works; the note says which part, and
  which errno comes back for the rest.
- *ENOSYS on purpose*: there is no handler, or (`rseq`) one that answers
  `-ENOSYS` on purpose, because this kernel leaves the subject out:
  networking, namespaces, System V IPC, ptrace, modules, and so on.
- *ENOSYS, not yet*: there is no handler, but the call would fit this
  kernel; the note says what works meanwhile.

Every process runs as root on one CPU, and there is no vDSO: the clocks
are read through real system calls (libcs do so when `AT_SYSINFO_EHDR`
is missing).

## Summary

| state | calls |
| --- | --- |
{summary}
| all of Linux's | {total} |

The partial calls: {partial}.

## The calls

| nr | call | state | notes |
| --- | --- | --- | --- |
"""


def render(abi):
    """The document, as a string."""
    counts = {words: 0 for words, _ in STATES.values()}
    for nr in abi.linux:
        counts[STATES[abi.notes[nr].state][0]] += 1
    summary = "\n".join(f"| {words} | {n} |" for words, n in counts.items())
    partial = ", ".join(f"`{abi.linux[nr]}`" for nr in sorted(abi.linux)
                        if abi.notes[nr].state == "partial")
    out = [INTRO.format(total=len(abi.linux), summary=summary,
                        partial=partial)]
    for nr, name in sorted(abi.linux.items()):
        note = abi.notes[nr]
        out.append(f"| {nr} | `{name}` | {STATES[note.state][0]} | "
                   f"{note_text(abi, note)} |\n")
    return "".join(out)


def first_difference(want, have):
    """A few lines of unified diff between the document and @have."""
    diff = difflib.unified_diff(have.splitlines(), want.splitlines(),
                                DOC, "tools/linux-abi.py", lineterm="", n=0)
    return "\n".join(list(diff)[:12])


def main():
    abi = load()
    bad = problems(abi)
    if bad:
        for p in bad:
            print(p, file=sys.stderr)
        return 1
    text = render(abi)
    if sys.argv[1:] == ["--check"]:
        have = (ROOT / DOC).read_text()
        if have != text:
            print(first_difference(text, have), file=sys.stderr)
            print(f"{DOC} is out of date: tools/linux-abi.py > {DOC}",
                  file=sys.stderr)
            return 1
        return 0
    if sys.argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
