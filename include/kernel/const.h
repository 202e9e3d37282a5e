/* SPDX-License-Identifier: MIT */
/*
 * Helpers that let one header define constants for both C and assembly,
 * in the style of Linux's <uapi/linux/const.h>.
 */
#ifndef KERNEL_CONST_H
#define KERNEL_CONST_H

#ifdef __ASSEMBLER__
#define _AC(x, suffix) x
#else
#define __AC(x, suffix) (x##suffix)
#define _AC(x, suffix) __AC(x, suffix)
#endif

#define _UL(x) _AC(x, UL)
#define _ULL(x) _AC(x, ULL)
#define BIT(n) (_UL(1) << (n))

#endif
