// SPDX-License-Identifier: MIT
/*
 * Interim random bytes for AT_RANDOM: a xorshift generator stirred with
 * the TSC at every call. Predictable; to be replaced by the ChaCha20
 * generator of the same issue.
 */
#include <stdint.h>

#include <kernel/random.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;

void random_bytes(void *buf, size_t n)
{
	uint8_t *b = buf;
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	state ^= ((uint64_t)hi << 32) | lo;
	for (size_t i = 0; i < n; i++) {
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		b[i] = (uint8_t)state;
	}
}
