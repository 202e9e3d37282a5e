// SPDX-License-Identifier: MIT
/*
 * crash: a program whose very first instruction faults (#UD). Its own
 * _start, no crt0: the kernel must end it and report SIGILL to its parent.
 */
__asm__(".text\n.globl _start\n_start:\n\tud2\n");
