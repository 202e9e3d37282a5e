/* SPDX-License-Identifier: MIT */
/*
 * The x87/SSE register state of user programs (kernel/arch/fpu.c).
 *
 * The kernel itself never touches these registers (it is built with
 * -mgeneral-regs-only), so whatever they hold belongs to one process: the
 * FPU "owner". A switch to another process saves the owner's registers
 * with FXSAVE and loads the new one's with FXRSTOR, only when the owner
 * changes. docs/syscalls.md, section 11, says why eagerly.
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* The 512-byte FXSAVE image (Intel SDM Vol. 1, 10.5.1, Table 10-2). */
struct fpu_state {
	uint16_t fcw, fsw;
	uint8_t ftw, reserved1;
	uint16_t fop;
	uint64_t fip, fdp;
	uint32_t mxcsr, mxcsr_mask;
	uint8_t st[8][16];
	uint8_t xmm[16][16];
	uint8_t reserved2[96];
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct fpu_state) == 512, "FXSAVE image is 512 bytes");

/* The state a program starts with: FNINIT's x87 control word, all SSE
 * exceptions masked, round to nearest (Linux's defaults). */
#define FPU_DEFAULT_FCW 0x037f
#define FPU_DEFAULT_MXCSR 0x1f80

struct process;

void fpu_init(void);
/* Give @p the state a new program starts with. */
void fpu_reset(struct process *p);
/* Make @dst's saved state a copy of @src's (fork). */
void fpu_copy(struct process *dst, struct process *src);
/* Make @p's saved state current (before copying it out), and load it
 * back after changing it (kernel/proc/signal.c). */
void fpu_save(struct process *p);
void fpu_reload(struct process *p);
/* Before @p runs: its registers are (or will be, lazily) in the FPU. */
void fpu_switch_to(struct process *p);
/* @p is going away: nothing of it needs saving any more. */
void fpu_release(struct process *p);
/* #NM from ring 3 under lazy switching: load the current process's
 * state. False if the trap is not the FPU code's (then it is a fault). */
bool fpu_device_not_available(void);
/* MXCSR bits this CPU accepts (FXRSTOR faults on any other). */
uint32_t fpu_mxcsr_mask(void);
/* "eager" or "lazy" */
const char *fpu_mode_name(void);

#endif
