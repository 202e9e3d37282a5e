# SPDX-License-Identifier: MIT
"""The `screen` group: the screens, photographed through QEMU's monitor
and read back with the console's own font (tests/screen.py)."""

import subprocess

from harness import (
    KERNEL,
    LOGS,
    BUSYBOX,
    PROMPT,
    PROMPT_RE,
    iso_programs,
    boot,
    screenshot,
    vga_text,
)


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
              listed == first_ten and len(lines) > at + 11 and
              lines[at + 11].startswith(PROMPT.rstrip()),
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
