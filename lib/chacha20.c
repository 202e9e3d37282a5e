// SPDX-License-Identifier: MIT
/*
 * lib/chacha20.c - the ChaCha20 block function, written from RFC 8439.
 *
 * The state is sixteen 32-bit words (RFC 8439, 2.3):
 *
 *    0  constant  1  constant  2  constant  3  constant   "expand 32-byte k"
 *    4  key       5  key       6  key       7  key
 *    8  key       9  key      10  key      11  key
 *   12  counter  13  nonce    14  nonce    15  nonce
 *
 * Twenty rounds, alternately on the columns and the diagonals, each made
 * of four quarter rounds (2.1); then the original state is added word by
 * word and the result serialized little-endian (2.3). Byte order is
 * explicit everywhere, so the code does not depend on the host's.
 */
#include <lib/chacha20.h>

static inline uint32_t rotl32(uint32_t v, unsigned int n)
{
	return v << n | v >> (32 - n);
}

static inline uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* RFC 8439, 2.1: the quarter round on four words of the state. */
static inline void quarter_round(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = rotl32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = rotl32(x[b] ^ x[c], 7);
}

void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE],
		    uint8_t out[CHACHA20_BLOCK_SIZE])
{
	uint32_t state[16], x[16];

	/* "expand 32-byte k" as four little-endian words. */
	state[0] = 0x61707865;
	state[1] = 0x3320646e;
	state[2] = 0x79622d32;
	state[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		state[4 + i] = load_le32(key + 4 * i);
	state[12] = counter;
	for (int i = 0; i < 3; i++)
		state[13 + i] = load_le32(nonce + 4 * i);

	for (int i = 0; i < 16; i++)
		x[i] = state[i];
	for (int round = 0; round < 20; round += 2) {
		/* a column round ... */
		quarter_round(x, 0, 4, 8, 12);
		quarter_round(x, 1, 5, 9, 13);
		quarter_round(x, 2, 6, 10, 14);
		quarter_round(x, 3, 7, 11, 15);
		/* ... then a diagonal round */
		quarter_round(x, 0, 5, 10, 15);
		quarter_round(x, 1, 6, 11, 12);
		quarter_round(x, 2, 7, 8, 13);
		quarter_round(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		store_le32(out + 4 * i, x[i] + state[i]);
	/* The key was on the stack: leave no copy of it behind. */
	for (int i = 0; i < 16; i++)
		((volatile uint32_t *)state)[i] = 0;
	for (int i = 0; i < 16; i++)
		((volatile uint32_t *)x)[i] = 0;
}

void chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		  const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *buf,
		  size_t len)
{
	uint8_t block[CHACHA20_BLOCK_SIZE];

	while (len) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		chacha20_block(key, counter++, nonce, block);
		for (size_t i = 0; i < n; i++)
			buf[i] ^= block[i];
		buf += n;
		len -= n;
	}
	for (size_t i = 0; i < sizeof(block); i++)
		((volatile uint8_t *)block)[i] = 0;
}
