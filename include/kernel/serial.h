/* SPDX-License-Identifier: MIT */
/* The COM1 16550 UART: port numbers for boot/boot.S and kernel/serial.c. */
#ifndef KERNEL_SERIAL_H
#define KERNEL_SERIAL_H

#define COM1_BASE 0x3f8
#define UART_DATA 0  /* DLAB=0: transmit/receive; DLAB=1: divisor low */
#define UART_IER 1   /* DLAB=0: interrupt enable; DLAB=1: divisor high */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7

#define UART_IER_RX_AVAILABLE 0x01
#define UART_IER_LINE_STATUS 0x04 /* a break (or an overrun) */
#define UART_LCR_8N1 0x03
#define UART_LCR_DLAB 0x80
#define UART_FCR_ENABLE_CLEAR 0xc7 /* enable + clear FIFOs, 14-byte trigger */
#define UART_MCR_DTR_RTS_OUT2 0x0b
#define UART_LSR_DATA_READY 0x01
#define UART_LSR_BREAK 0x10 /* a break: the byte with it is a NUL */
#define UART_LSR_THRE 0x20 /* transmit holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty: all bytes sent */
#define UART_DIVISOR_115200 1

#ifndef __ASSEMBLER__
void serial_init(void);
void serial_write(const char *s, unsigned long len);
void serial_console_init(void);
void serial_drain(void);
#endif

#endif
