// SPDX-License-Identifier: MIT
/*
 * tests/host/test_uapi_termios.c - include/uapi/termios.h against the
 * build machine's Linux UAPI headers (<asm/termbits.h>, <asm/ioctls.h>,
 * <asm/termios.h>, <linux/tty.h>): every flag, control-character index
 * and ioctl number, and the size and every field offset of struct
 * termios and struct winsize, since ioctl copies them byte for byte.
 *
 * Linux's headers come first; their constants are copied into linux_*
 * values and #undef'd, and our structures are read under other tags
 * (termios -> our_termios, ...), so both sets live side by side.
 * One line: "[OK] uapi: termios" or "[FAIL] ...".
 */
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <linux/tty.h>

#include <stddef.h>
#include <stdio.h>

/* clang-format off */
#define CONSTANTS(X) \
	X(NCCS) X(VINTR) X(VQUIT) X(VERASE) X(VKILL) X(VEOF) X(VTIME) X(VMIN) \
	X(VSWTC) X(VSTART) X(VSTOP) X(VSUSP) X(VEOL) X(VREPRINT) X(VDISCARD) \
	X(VWERASE) X(VLNEXT) X(VEOL2) X(IGNBRK) X(BRKINT) X(IGNPAR) X(PARMRK) \
	X(INPCK) X(ISTRIP) X(INLCR) X(IGNCR) X(ICRNL) X(IUCLC) X(IXON) X(IXANY) \
	X(IXOFF) X(IMAXBEL) X(IUTF8) X(OPOST) X(OLCUC) X(ONLCR) X(OCRNL) X(ONOCR) \
	X(ONLRET) X(OFILL) X(OFDEL) X(NLDLY) X(CRDLY) X(TABDLY) X(XTABS) X(BSDLY) \
	X(VTDLY) X(FFDLY) X(CBAUD) X(B0) X(B9600) X(B38400) X(B115200) X(CSIZE) \
	X(CS5) X(CS6) X(CS7) X(CS8) X(CSTOPB) X(CREAD) X(PARENB) X(PARODD) \
	X(HUPCL) X(CLOCAL) X(CBAUDEX) X(CIBAUD) X(CMSPAR) X(CRTSCTS) X(ISIG) \
	X(ICANON) X(XCASE) X(ECHO) X(ECHOE) X(ECHOK) X(ECHONL) X(NOFLSH) X(TOSTOP) \
	X(ECHOCTL) X(ECHOPRT) X(ECHOKE) X(FLUSHO) X(PENDIN) X(IEXTEN) X(EXTPROC) \
	X(TCIFLUSH) X(TCOFLUSH) X(TCIOFLUSH) X(TCOOFF) X(TCOON) X(TCIOFF) X(TCION) \
	X(TCGETS) X(TCSETS) X(TCSETSW) X(TCSETSF) X(TCGETA) X(TCSETA) X(TCSETAW) \
	X(TCSETAF) X(TCSBRK) X(TCXONC) X(TCFLSH) X(TIOCEXCL) X(TIOCNXCL) \
	X(TIOCSCTTY) X(TIOCGPGRP) X(TIOCSPGRP) X(TIOCOUTQ) X(TIOCSTI) \
	X(TIOCGWINSZ) X(TIOCSWINSZ) X(FIONREAD) X(TIOCINQ) X(FIONBIO) X(FIONCLEX) X(FIOCLEX) X(TIOCNOTTY) \
	X(TIOCSETD) X(TIOCGETD) X(TCSBRKP) X(TIOCGSID) \
	X(N_TTY)
/* clang-format on */

#define LINUX_VALUE(n) static const unsigned long linux_##n = (n);
CONSTANTS(LINUX_VALUE)

/* Sizes and offsets of Linux's structures, before ours come in. */
#define T(f) static const size_t linux_t_##f = offsetof(struct termios, f);
T(c_iflag) T(c_oflag) T(c_cflag) T(c_lflag) T(c_line) T(c_cc)
#define W(f) static const size_t linux_w_##f = offsetof(struct winsize, f);
W(ws_row) W(ws_col) W(ws_xpixel) W(ws_ypixel)
static const size_t linux_termios_size = sizeof(struct termios);
static const size_t linux_cc_size = sizeof(((struct termios *)0)->c_cc);
static const size_t linux_winsize_size = sizeof(struct winsize);
static const size_t linux_tcflag_size = sizeof(tcflag_t);
static const size_t linux_cc_t_size = sizeof(cc_t);
static const size_t linux_speed_size = sizeof(speed_t);

#undef NCCS
#undef VINTR
#undef VQUIT
#undef VERASE
#undef VKILL
#undef VEOF
#undef VTIME
#undef VMIN
#undef VSWTC
#undef VSTART
#undef VSTOP
#undef VSUSP
#undef VEOL
#undef VREPRINT
#undef VDISCARD
#undef VWERASE
#undef VLNEXT
#undef VEOL2
#undef IGNBRK
#undef BRKINT
#undef IGNPAR
#undef PARMRK
#undef INPCK
#undef ISTRIP
#undef INLCR
#undef IGNCR
#undef ICRNL
#undef IUCLC
#undef IXON
#undef IXANY
#undef IXOFF
#undef IMAXBEL
#undef IUTF8
#undef OPOST
#undef OLCUC
#undef ONLCR
#undef OCRNL
#undef ONOCR
#undef ONLRET
#undef OFILL
#undef OFDEL
#undef NLDLY
#undef CRDLY
#undef TABDLY
#undef XTABS
#undef BSDLY
#undef VTDLY
#undef FFDLY
#undef CBAUD
#undef B0
#undef B9600
#undef B38400
#undef B115200
#undef CSIZE
#undef CS5
#undef CS6
#undef CS7
#undef CS8
#undef CSTOPB
#undef CREAD
#undef PARENB
#undef PARODD
#undef HUPCL
#undef CLOCAL
#undef CBAUDEX
#undef CIBAUD
#undef CMSPAR
#undef CRTSCTS
#undef ISIG
#undef ICANON
#undef XCASE
#undef ECHO
#undef ECHOE
#undef ECHOK
#undef ECHONL
#undef NOFLSH
#undef TOSTOP
#undef ECHOCTL
#undef ECHOPRT
#undef ECHOKE
#undef FLUSHO
#undef PENDIN
#undef IEXTEN
#undef EXTPROC
#undef TCIFLUSH
#undef TCOFLUSH
#undef TCIOFLUSH
#undef TCOOFF
#undef TCOON
#undef TCIOFF
#undef TCION
#undef TCGETS
#undef TCSETS
#undef TCSETSW
#undef TCSETSF
#undef TCGETA
#undef TCSETA
#undef TCSETAW
#undef TCSETAF
#undef TCSBRK
#undef TCXONC
#undef TCFLSH
#undef TIOCEXCL
#undef TIOCNXCL
#undef TIOCSCTTY
#undef TIOCGPGRP
#undef TIOCSPGRP
#undef TIOCOUTQ
#undef TIOCSTI
#undef TIOCGWINSZ
#undef TIOCSWINSZ
#undef FIONREAD
#undef TIOCINQ
#undef FIONBIO
#undef FIONCLEX
#undef FIOCLEX
#undef TIOCNOTTY
#undef TIOCSETD
#undef TIOCGETD
#undef TCSBRKP
#undef TIOCGSID
#undef N_TTY

#define termios our_termios
#define winsize our_winsize
#define tcflag_t our_tcflag_t
#define cc_t our_cc_t
#define speed_t our_speed_t
#include <uapi/termios.h>

int main(void)
{
	int bad = 0;

#define COMPARE(n)                                                            \
	if ((unsigned long)(n) != linux_##n) {                                \
		printf("[FAIL] uapi: termios: %s is %#lx, Linux says %#lx\n", \
		       #n, (unsigned long)(n), linux_##n);                    \
		bad++;                                                        \
	}
#define SAME(ours, theirs, what)                                              \
	if ((size_t)(ours) != (theirs)) {                                     \
		printf("[FAIL] uapi: termios: %s: %zu, Linux's %zu\n", what,  \
		       (size_t)(ours), (size_t)(theirs));                     \
		bad++;                                                        \
	}
#define TO(f) SAME(offsetof(struct termios, f), linux_t_##f, "termios." #f)
#define WO(f) SAME(offsetof(struct winsize, f), linux_w_##f, "winsize." #f)
	CONSTANTS(COMPARE)
	TO(c_iflag) TO(c_oflag) TO(c_cflag) TO(c_lflag) TO(c_line) TO(c_cc)
	WO(ws_row) WO(ws_col) WO(ws_xpixel) WO(ws_ypixel)
	SAME(sizeof(struct termios), linux_termios_size, "sizeof termios");
	SAME(sizeof(((struct termios *)0)->c_cc), linux_cc_size, "sizeof c_cc");
	SAME(sizeof(struct winsize), linux_winsize_size, "sizeof winsize");
	SAME(sizeof(tcflag_t), linux_tcflag_size, "sizeof tcflag_t");
	SAME(sizeof(cc_t), linux_cc_t_size, "sizeof cc_t");
	SAME(sizeof(speed_t), linux_speed_size, "sizeof speed_t");
	if (!bad)
		printf("[OK] uapi: termios\n");
	return bad != 0;
}
