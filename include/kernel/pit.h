/* SPDX-License-Identifier: MIT */
/*
 * The 8254 programmable interval timer (Intel 82C54 data sheet) and the
 * port 0x61 bits that gate and read its channel 2. Channel 0 drives the
 * timer interrupt (kernel/drivers/timer.c); channel 2, whose output can be polled,
 * calibrates the TSC (kernel/time.c).
 */
#ifndef KERNEL_PIT_H
#define KERNEL_PIT_H

#define PIT_FREQUENCY 1193182 /* Hz, the input clock of every channel */

#define PIT_CHANNEL0 0x40
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43

/* Command bytes: channel (bits 7:6), lo then hi byte (5:4 = 11), mode
 * (3:1), binary counting (bit 0 = 0). */
#define PIT_CH0_RATE_GENERATOR 0x34 /* channel 0, mode 2: periodic */
#define PIT_CH2_ONE_SHOT 0xb0	    /* channel 2, mode 0: OUT rises at 0 */

/* Port 0x61 (system control port B). */
#define PORT_SYSTEM_CONTROL_B 0x61
#define SCB_PIT2_GATE 0x01    /* channel 2 counts while this is set */
#define SCB_SPEAKER_DATA 0x02 /* channel 2 drives the speaker: keep it off */
#define SCB_PIT2_OUT 0x20     /* channel 2's output, read-only */

#endif
