// SPDX-License-Identifier: MIT
/*
 * The random generator: ChaCha20 as the kernel compiles it (RFC 8439's
 * block vector), output that varies, and the CPU's instructions.
 */
#include <kernel/ktest.h>
#include <kernel/random.h>
#include <lib/chacha20.h>
#include <lib/string.h>

/* The host test checks lib/chacha20.c too; this checks the kernel's build
 * of it (-mgeneral-regs-only, -mcmodel=kernel, gcc or clang). */
KTEST(random_chacha20_rfc8439_block)
{
	static const uint8_t nonce[12] = { 0, 0, 0, 9, 0, 0, 0, 0x4a };
	static const uint8_t head[8] = { 0x10, 0xf1, 0xe7, 0xe4,
					 0xd1, 0x3b, 0x59, 0x15 };
	static const uint8_t tail[8] = { 0xcb, 0xd0, 0x83, 0xe8,
					 0xa2, 0x50, 0x3c, 0x4e };
	uint8_t key[32], out[64];

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	chacha20_block(key, 1, nonce, out);
	KT_ASSERT(!memcmp(out, head, 8));
	KT_ASSERT(!memcmp(out + 56, tail, 8));
}

/* Count distinct byte values: 4096 random bytes show nearly all 256. */
static unsigned int distinct(const uint8_t *p, size_t n)
{
	uint8_t seen[256];
	unsigned int k = 0;

	memset(seen, 0, sizeof(seen));
	for (size_t i = 0; i < n; i++)
		if (!seen[p[i]]++)
			k++;
	return k;
}

KTEST(random_bytes_vary)
{
	static uint8_t a[4096], b[4096];
	uint8_t small[3] = { 0, 0, 0 }, guard[8];
	unsigned long ones = 0;

	random_bytes(a, sizeof(a));
	random_bytes(b, sizeof(b));
	KT_ASSERT(memcmp(a, b, sizeof(a)) != 0);
	KT_ASSERT(distinct(a, sizeof(a)) > 240);
	/* Bits: 32768 of them, about half ones (6 sigma is ~540). */
	for (size_t i = 0; i < sizeof(a); i++)
		for (int bit = 0; bit < 8; bit++)
			ones += a[i] >> bit & 1;
	KT_ASSERT(ones > 16384 - 1000 && ones < 16384 + 1000);
	/* Every length is filled exactly: nothing past the end. */
	memset(guard, 0x5a, sizeof(guard));
	random_bytes(guard, 3);
	KT_ASSERT(guard[3] == 0x5a && guard[7] == 0x5a);
	for (int i = 0; i < 64 && !small[0] && !small[1] && !small[2]; i++)
		random_bytes(small, sizeof(small));
	KT_ASSERT(small[0] || small[1] || small[2]);
	/* Past many requests (and so past reseeds) it still varies. */
	for (int i = 0; i < 200; i++)
		random_bytes(b, 33 + i);
	random_bytes(b, sizeof(b));
	KT_ASSERT(memcmp(a, b, sizeof(a)) != 0);
}

/* Where CPUID lists RDRAND or RDSEED, they deliver (and differ). */
KTEST(random_cpu_instructions)
{
	unsigned long x = 0, y = 0;

	if (random_cpu_has_rdrand()) {
		KT_ASSERT(rdrand64(&x) && rdrand64(&y));
		KT_ASSERT(x != y);
	} else {
		KT_ASSERT(!rdrand64(&x));
	}
	if (random_cpu_has_rdseed()) {
		KT_ASSERT(rdseed64(&x) && rdseed64(&y));
		KT_ASSERT(x != y);
	} else {
		KT_ASSERT(!rdseed64(&x));
	}
}
