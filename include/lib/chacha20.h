/* SPDX-License-Identifier: MIT */
/*
 * include/lib/chacha20.h - the ChaCha20 block function (RFC 8439, 2.3).
 *
 * Freestanding: no allocation, no SSE, no dependence on the kernel, so the
 * kernel's random generator (kernel/random.c) and the host test
 * (tests/host/test_chacha20.c) use the same code.
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE 32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

/**
 * chacha20_block - one 64-byte block of key stream
 * @key: 256-bit key, as bytes (read as eight little-endian words)
 * @counter: the 32-bit block counter
 * @nonce: 96-bit nonce, as bytes (three little-endian words)
 * @out: receives the serialized block (RFC 8439, 2.3.2)
 */
void chacha20_block(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		    const uint8_t nonce[CHACHA20_NONCE_SIZE],
		    uint8_t out[CHACHA20_BLOCK_SIZE]);

/**
 * chacha20_xor - encrypt or decrypt @len bytes of @buf in place
 * (RFC 8439, 2.4): XOR with the key stream of blocks @counter,
 * @counter + 1, ...
 */
void chacha20_xor(const uint8_t key[CHACHA20_KEY_SIZE], uint32_t counter,
		  const uint8_t nonce[CHACHA20_NONCE_SIZE], uint8_t *buf,
		  size_t len);

#endif /* LIB_CHACHA20_H */
