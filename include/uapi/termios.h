/* SPDX-License-Identifier: MIT */
/*
 * Terminals, as Linux x86-64 defines them for ioctl(2): the termios
 * structure the kernel copies in and out (asm-generic/termbits.h, with
 * c_cc[19]; a libc's own struct termios may be larger and translates),
 * its flags and control-character indices, struct winsize, and the
 * ioctl request numbers (asm-generic/ioctls.h).
 * tests/host/test_uapi_termios.c checks every value, size and offset
 * against the build machine's headers. docs/tty.md says which of them
 * the console acts on.
 */
#ifndef UAPI_TERMIOS_H
#define UAPI_TERMIOS_H

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag; /* input modes */
	tcflag_t c_oflag; /* output modes */
	tcflag_t c_cflag; /* control modes (the line: speed, size, parity) */
	tcflag_t c_lflag; /* local modes (the line discipline) */
	cc_t c_line;      /* line discipline: 0, N_TTY */
	cc_t c_cc[NCCS];  /* special characters, indexed by V* below */
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* A c_cc entry of 0 is switched off (_POSIX_VDISABLE, Linux's). */
#define POSIX_VDISABLE 0

/* c_iflag */
#define IGNBRK 0x001
#define BRKINT 0x002
#define IGNPAR 0x004
#define PARMRK 0x008
#define INPCK 0x010
#define ISTRIP 0x020
#define INLCR 0x040
#define IGNCR 0x080
#define ICRNL 0x100
#define IUCLC 0x0200
#define IXON 0x0400
#define IXANY 0x800
#define IXOFF 0x1000
#define IMAXBEL 0x2000
#define IUTF8 0x4000

/* c_oflag */
#define OPOST 0x01
#define OLCUC 0x02
#define ONLCR 0x04
#define OCRNL 0x08
#define ONOCR 0x10
#define ONLRET 0x20
#define OFILL 0x40
#define OFDEL 0x80
#define NLDLY 0x00100
#define CRDLY 0x00600
#define TABDLY 0x01800
#define XTABS 0x01800
#define BSDLY 0x02000
#define VTDLY 0x04000
#define FFDLY 0x08000

/* c_cflag */
#define CBAUD 0x0000100f
#define B0 0x00000000
#define B9600 0x0000000d
#define B38400 0x0000000f
#define B115200 0x00001002
#define CSIZE 0x00000030
#define CS5 0x00000000
#define CS6 0x00000010
#define CS7 0x00000020
#define CS8 0x00000030
#define CSTOPB 0x00000040
#define CREAD 0x00000080
#define PARENB 0x00000100
#define PARODD 0x00000200
#define HUPCL 0x00000400
#define CLOCAL 0x00000800
#define CBAUDEX 0x00001000
#define CIBAUD 0x100f0000
#define CMSPAR 0x40000000
#define CRTSCTS 0x80000000

/* c_lflag */
#define ISIG 0x00001
#define ICANON 0x00002
#define XCASE 0x00004
#define ECHO 0x00008
#define ECHOE 0x00010
#define ECHOK 0x00020
#define ECHONL 0x00040
#define NOFLSH 0x00080
#define TOSTOP 0x00100
#define ECHOCTL 0x00200
#define ECHOPRT 0x00400
#define ECHOKE 0x00800
#define FLUSHO 0x01000
#define PENDIN 0x04000
#define IEXTEN 0x08000
#define EXTPROC 0x10000

/* tcflush(3)'s queue selector: TCFLSH's argument */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

/* tcflow(3)'s action: TCXONC's argument */
#define TCOOFF 0
#define TCOON 1
#define TCIOFF 2
#define TCION 3

/* The line discipline every terminal here has (c_line). */
#define N_TTY 0

/* ioctl requests */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCGETA 0x5405
#define TCSETA 0x5406
#define TCSETAW 0x5407
#define TCSETAF 0x5408
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCEXCL 0x540C
#define TIOCNXCL 0x540D
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCSTI 0x5412
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCINQ FIONREAD
#define FIONBIO 0x5421
#define TIOCNOTTY 0x5422
#define TIOCSETD 0x5423
#define TIOCGETD 0x5424
#define TCSBRKP 0x5425
#define TIOCGSID 0x5429
#define FIONCLEX 0x5450 /* these two and FIONBIO: any open file */
#define FIOCLEX 0x5451

#endif
