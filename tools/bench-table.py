#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The table (and plot) of `make bench-linux`: m-bench's counts on Linux
and on this kernel, side by side.

Each input is m-bench's output: `name count per-op` lines, `#` notes and
a last `m-bench: ...` line. The table has one row per operation: the
instructions per operation on Linux, here, and the ratio here / Linux
(below 1: this kernel runs fewer instructions). With --svg, gnuplot
draws both columns on a logarithmic scale; without gnuplot it says so
and draws nothing. --linux may be empty: the Linux column is skipped.

Curves: rows named FAMILY-SIZE (fork-1m, fork-16m, fork-64m;
yield-sleepers-10, -100, -1000; stat-dir-N, getdents-dir-N;
pipe-write-N), three or more of a family, are also printed as one line
each, the cost at each size, and drawn in a second plot (--svg's name
with -curves), one panel per family, cost against size on log-log
axes: a cost that stays flat as the size grows is a level line."""

import argparse
import os
import re
import shutil
import subprocess
import sys

ROW = re.compile(r"^([a-z0-9-]+) (\d+) (\d+)$")
# A point of a curve: the family and its size (k and m: KiB and MiB).
POINT = re.compile(r"^([a-z0-9-]*[a-z])-(\d+)([km]?)$")
UNITS = {"": 1, "k": 1024, "m": 1024 * 1024}
# What each family's size counts, for the plot's axis.
SIZE_OF = {"fork": "MiB touched", "sleepers": "processes asleep",
           "dir": "names in the directory", "pipe-write": "bytes a write"}


def curves(names):
    """{family: [(size, name), ...]} for the families of three or more
    sizes, in the order they first appear, each by growing size."""
    fam = {}
    for n in names:
        m = POINT.match(n)
        if m:
            fam.setdefault(m.group(1), []).append(
                (int(m.group(2)) * UNITS[m.group(3)], n))
    return {f: sorted(p) for f, p in fam.items() if len(p) >= 3}


def size_label(family):
    for key, label in SIZE_OF.items():
        if family == key or family.endswith("-" + key):
            return label
    return "size"


def show_size(size):
    for unit, mult in (("m", 1024 * 1024), ("k", 1024)):
        if size >= mult and size % mult == 0 and unit == "m":
            return f"{size // mult}M"
    return str(size)


def curve_lines(fams, linux, here):
    """One line per family and kernel: the cost at each size, and how
    much it grew from the smallest size to the largest."""
    out = []
    for f, pts in fams.items():
        for who, rows in (("Linux", linux), ("here", here)):
            vals = [rows.get(n) for _, n in pts]
            if not rows or any(v is None for v in vals):
                continue
            sizes = " ".join(f"{show_size(s)}:{v}" for (s, _), v in zip(pts, vals))
            grow = f"{vals[-1] / vals[0]:.2f}x" if vals[0] else "-"
            out.append(f"curve {f} ({size_label(f)}) {who}: {sizes}  "
                       f"(largest/smallest {grow})")
    return out


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


def plot_curves(svg, fams, linux, here, linux_name, note):
    """One panel per family: cost against size, log-log."""
    dat = os.path.splitext(svg)[0] + ".dat"
    with open(dat, "w") as f:
        for fam, pts in fams.items():
            f.write(f"# {fam}: size linux here\n")
            for size, n in pts:
                f.write(f"{size} {linux.get(n, 'NaN')} {here.get(n, 'NaN')}\n")
            f.write("\n\n")
    cols = 3
    rows = (len(fams) + cols - 1) // cols
    panels = []
    for i, fam in enumerate(fams):
        lines = [f"'{dat}' index {i} using 1:3 with linespoints lw 2 pt 7 "
                 f"lc rgb '#f28e2b' title 'this kernel'"]
        if linux:
            lines.insert(0, f"'{dat}' index {i} using 1:2 with linespoints "
                         f"lw 2 pt 5 lc rgb '#4e79a7' title '{linux_name}'")
        vals = [v for _, n in pts for v in (linux.get(n), here.get(n)) if v]
        # A flat curve must look flat: the axis spans 16x at least.
        lo, hi = min(vals), max(vals)
        span = f"[{lo / 4:g}:{max(hi * 4, lo * 16):g}]" if vals else "[*:*]"
        panels.append(f"set title '{fam}'\nset xlabel '{size_label(fam)}'\n"
                      f"set yrange {span}\nplot " + ", ".join(lines))
    script = f"""
set terminal svg size {320 * cols},{280 * rows + 60} font 'sans,11' background '#ffffff'
set output '{svg}'
set multiplot layout {rows},{cols} title "Instructions per operation against size, QEMU -icount (flat is good)\\n{note}" noenhanced
set logscale xy 10
set format y '10^{{%L}}'
set format x '10^{{%L}}'
set grid
set key top left font ',9'
set offsets graph 0.05, graph 0.05, 0, 0
{chr(10).join(panels)}
unset multiplot
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"bench-linux: curves written to {svg}")


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
    fams = curves(names)
    for line in curve_lines(fams, linux, here):
        print(line)
    if a.svg:
        plot(a.svg, names, linux, here, a.linux_name, a.note)
        if fams and shutil.which("gnuplot"):
            root, ext = os.path.splitext(a.svg)
            plot_curves(root + "-curves" + ext, fams, linux, here,
                        a.linux_name, a.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
