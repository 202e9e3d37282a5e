#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The table (and plot) of `make bench-linux`: m-bench's counts on Linux
and on this kernel, side by side.

Each input is m-bench's output: `name count per-op` lines, `#` notes and
a last `m-bench: ...` line. The table has one row per operation: the
instructions per operation on Linux, here, and the ratio here / Linux
(below 1: this kernel runs fewer instructions). With --svg, gnuplot
draws both columns on a logarithmic scale; without gnuplot it says so
and draws nothing. --linux may be empty: the Linux column is skipped."""

import argparse
import os
import re
import shutil
import subprocess
import sys

ROW = re.compile(r"^([a-z0-9-]+) (\d+) (\d+)$")


def parse(path):
    """{name: per-op} in the program's order, and the notes."""
    rows, notes = {}, []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = ROW.match(line)
            if m:
                rows[m.group(1)] = int(m.group(3))
            elif line.startswith("# ") and not line.startswith("# m-bench "):
                notes.append(line[2:])
    return rows, notes


def table(linux, here, linux_name):
    names = list(here) + [n for n in linux if n not in here]
    head = ("operation", linux_name if linux else "Linux", "this kernel", "ratio")
    lines = []
    for name in names:
        lx, hr = linux.get(name), here.get(name)
        ratio = f"{hr / lx:.2f}" if lx and hr is not None else "-"
        lines.append((name, str(lx) if lx is not None else "-",
                      str(hr) if hr is not None else "-", ratio))
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(4)]
    out = []
    for r in [head] + lines:
        out.append(f"{r[0]:<{widths[0]}}  " +
                   "  ".join(f"{c:>{w}}" for c, w in zip(r[1:], widths[1:])))
    return out, names


def plot(svg, names, linux, here, linux_name, note):
    if not shutil.which("gnuplot"):
        print("bench-linux: no gnuplot (sh tools/setup.sh bench installs "
              "it): no plot")
        return
    dat = os.path.splitext(svg)[0] + ".dat"
    with open(dat, "w") as f:
        f.write("# operation linux here\n")
        for n in names:
            f.write(f"{n} {linux.get(n, 'NaN')} {here.get(n, 'NaN')}\n")
    columns = [(2, linux_name, "#4e79a7")] if linux else []
    columns.append((3, "this kernel", "#f28e2b"))
    using = ", ".join(
        f"'{dat}' using {c}:xtic(1) title '{t}' lc rgb '{col}'"
        for c, t, col in columns)
    script = f"""
set terminal svg size 960,540 font 'sans,12' background '#ffffff'
set output '{svg}'
set title "Instructions per operation under QEMU -icount (fewer is better)\\n{{/*0.8 {note}}}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set logscale y 10
set format y '10^{{%L}}'
set yrange [10:*]
set grid ytics
set xtics rotate by -45 scale 0 font ',11'
set key top left
set bmargin 7
plot {using}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"bench-linux: plot written to {svg}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--linux", default="")
    ap.add_argument("--linux-name", default="Linux")
    ap.add_argument("--here", required=True)
    ap.add_argument("--svg", default="")
    ap.add_argument("--note", default="")
    a = ap.parse_args()
    linux, linux_notes = parse(a.linux) if a.linux else ({}, [])
    here, here_notes = parse(a.here)
    if not here:
        print("bench-linux: no counts from this kernel", file=sys.stderr)
        return 1
    lines, names = table(linux, here, a.linux_name)
    print("\n".join(lines))
    for who, notes in (("Linux", linux_notes), ("this kernel", here_notes)):
        for n in notes:
            print(f"# {who}: {n}")
    print("# instructions per operation; ratio = this kernel / Linux")
    if a.svg:
        plot(a.svg, names, linux, here, a.linux_name, a.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
