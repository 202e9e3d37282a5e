// SPDX-License-Identifier: MIT
/*
 * The random generator behind getrandom(2) and AT_RANDOM.
 *
 * What it is: a ChaCha20 key of 256 bits, used in the "fast key erasure"
 * way (D. J. Bernstein, 2017). Each request runs ChaCha20 under the key
 * (nonce 0, counter 0, 1, 2, ...); the first 32 bytes of block 0 become
 * the next key at once and are never output, the rest is the output. A
 * copy of the key taken after a request therefore cannot reproduce any
 * earlier output.
 *
 * Input (seed and reseeds) is absorbed 32 bytes at a time: XOR into the
 * key, then key = the first 32 bytes of ChaCha20 under that key with a
 * nonce of its own ("mix"). At boot the seed is 4 x 64 bits from RDSEED and
 * 4 x 64 bits from RDRAND where CPUID lists them (each retried a bounded
 * number of times while CF says "none ready"), and always the TSC, the PIT
 * tick count, the CMOS date and 32 TSC readings taken around slow port
 * reads. Every 64 requests, or once a second of ticks has passed, a
 * request first mixes in the pool that the timer interrupt stirs with the
 * TSC at each tick, the TSC now, and RDRAND/RDSEED again if present.
 *
 * What it is not: secure without RDRAND or RDSEED. Then every input is
 * timing, and under QEMU's software CPU (whose default models have
 * neither instruction) the TSC, the date and the tick count at boot are
 * close to predictable for anyone who knows roughly when the machine
 * booted: a guessable seed, however good the mixing. The boot line says
 * which case this is. There is also no entropy estimate and no blocking:
 * the generator counts as seeded once random_init has run, so
 * GRND_RANDOM and GRND_NONBLOCK change nothing (Linux 5.6+ likewise
 * treats GRND_RANDOM as the ordinary pool once it is initialised).
 */
#include <kernel/console.h>
#include <kernel/cpu.h>
#include <kernel/io.h>
#include <kernel/proc.h>
#include <kernel/random.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/chacha20.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/random.h>

#define RESEED_REQUESTS 64
#define RESEED_TICKS TIMER_HZ /* or once a second */
#define RDRAND_RETRIES 10     /* Intel's DRNG guide: 10 tries suffice */
#define RDSEED_RETRIES 100    /* RDSEED may run dry for longer */
#define GETRANDOM_CHUNK 256
#define GETRANDOM_YIELD (64 * 1024) /* give others the CPU this often */

static struct {
	uint8_t key[CHACHA20_KEY_SIZE];
	bool seeded;
	unsigned int requests; /* since the last reseed */
	uint64_t reseed_ticks; /* ticks at the last reseed */
	uint64_t pool;	       /* the timer's TSC samples, folded */
} rng;

static const uint8_t output_nonce[CHACHA20_NONCE_SIZE];
static const uint8_t mix_nonce[CHACHA20_NONCE_SIZE] = { 'm', 'i', 'x' };

bool random_cpu_has_rdrand(void)
{
	return cpuid(1).ecx & CPUID_ECX_RDRAND;
}

bool random_cpu_has_rdseed(void)
{
	return cpuid_has_leaf(7) && (cpuid(7).ebx & CPUID_7_EBX_RDSEED);
}

/* CF = 1: a value was ready (Intel SDM Vol. 2B, RDRAND and RDSEED). */
bool rdrand64(unsigned long *v)
{
	if (!random_cpu_has_rdrand())
		return false;
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		bool ok;

		__asm__ volatile("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

bool rdseed64(unsigned long *v)
{
	if (!random_cpu_has_rdseed())
		return false;
	for (int i = 0; i < RDSEED_RETRIES; i++) {
		bool ok;

		__asm__ volatile("rdseed %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
		__asm__ volatile("pause");
	}
	return false;
}

/* Absorb @len bytes into the key (see the comment at the top). */
static void mix_in(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t block[CHACHA20_BLOCK_SIZE];

	while (len) {
		size_t n = len < CHACHA20_KEY_SIZE ? len : CHACHA20_KEY_SIZE;

		for (size_t i = 0; i < n; i++)
			rng.key[i] ^= p[i];
		chacha20_block(rng.key, 0, mix_nonce, block);
		memcpy(rng.key, block, CHACHA20_KEY_SIZE);
		p += n;
		len -= n;
	}
	memset(block, 0, sizeof(block));
}

/* What a reseed adds: noise from the timer and the CPU's generators. */
static void reseed(void)
{
	struct {
		uint64_t pool, tsc, ticks;
		unsigned long rdrand, rdseed;
	} in = { rng.pool, rdtsc(), ticks, 0, 0 };

	rdrand64(&in.rdrand);
	rdseed64(&in.rdseed);
	mix_in(&in, sizeof(in));
	memset(&in, 0, sizeof(in));
	rng.requests = 0;
	rng.reseed_ticks = ticks;
}

void random_init(void)
{
	struct {
		unsigned long rdseed[4], rdrand[4];
		uint64_t tsc, ticks;
		int64_t date;
		uint64_t jitter[32];
	} seed;
	unsigned int from_rdseed = 0, from_rdrand = 0;

	memset(&seed, 0, sizeof(seed));
	for (int i = 0; i < 4; i++) {
		from_rdseed += rdseed64(&seed.rdseed[i]);
		from_rdrand += rdrand64(&seed.rdrand[i]);
	}
	seed.tsc = rdtsc();
	seed.ticks = ticks;
	seed.date = clock_realtime_ns();
	/* Port reads take a varying number of cycles on real hardware. */
	for (int i = 0; i < 32; i++) {
		inb(0x80 + (i & 1)); /* POST code ports: harmless to read */
		seed.jitter[i] = rdtsc();
	}
	mix_in(&seed, sizeof(seed));
	memset(&seed, 0, sizeof(seed));
	rng.seeded = true;
	rng.reseed_ticks = ticks;
	if (from_rdseed || from_rdrand)
		printk("random: ChaCha20, seeded from %u RDSEED and %u RDRAND "
		       "values, the TSC, ticks and the CMOS date\n",
		       from_rdseed, from_rdrand);
	else
		color_printk(ORANGE, BLACK,
			     "random: ChaCha20, seeded from the TSC, ticks and "
			     "the CMOS date only (no RDRAND/RDSEED): "
			     "predictable, not secure\n");
}

void random_timer_tick(void)
{
	rng.pool = (rng.pool << 7 | rng.pool >> 57) ^ rdtsc();
}

void random_bytes(void *buf, size_t n)
{
	uint8_t block[CHACHA20_BLOCK_SIZE], next_key[CHACHA20_KEY_SIZE];
	uint8_t *out = buf;
	uint32_t counter = 0;
	size_t take;

	if (!rng.seeded)
		random_init();
	if (++rng.requests >= RESEED_REQUESTS ||
	    ticks - rng.reseed_ticks >= RESEED_TICKS)
		reseed();
	/* Block 0: its first half is the next key, its second half output. */
	chacha20_block(rng.key, counter++, output_nonce, block);
	memcpy(next_key, block, CHACHA20_KEY_SIZE);
	take = n < CHACHA20_KEY_SIZE ? n : CHACHA20_KEY_SIZE;
	memcpy(out, block + CHACHA20_KEY_SIZE, take);
	for (size_t done = take; done < n; done += take) {
		chacha20_block(rng.key, counter++, output_nonce, block);
		take = n - done < sizeof(block) ? n - done : sizeof(block);
		memcpy(out + done, block, take);
	}
	memcpy(rng.key, next_key, sizeof(rng.key));
	memset(block, 0, sizeof(block));
	memset(next_key, 0, sizeof(next_key));
}

/**
 * sys_getrandom - getrandom(buf, count, flags)
 *
 * Flags as in Linux: GRND_NONBLOCK, GRND_RANDOM and GRND_INSECURE are
 * accepted (and change nothing here, see above), RANDOM with INSECURE or
 * any other bit is -EINVAL. At most GETRANDOM_MAX bytes per call. A range
 * outside user space is -EFAULT; a fault part-way returns the bytes
 * written so far. A long request gives the CPU away every 64 KiB and stops
 * early, with what it has, if the process is killed meanwhile.
 */
long sys_getrandom(struct pt_regs *regs)
{
	uint64_t buf = regs->rdi, count = regs->rsi, done = 0;
	unsigned int flags = (unsigned int)regs->rdx;
	uint8_t chunk[GETRANDOM_CHUNK];

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_RANDOM | GRND_INSECURE)) ==
	    (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (count > GETRANDOM_MAX)
		count = GETRANDOM_MAX;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	while (done < count) {
		size_t n =
		    count - done < sizeof(chunk) ? count - done : sizeof(chunk);
		size_t left;

		random_bytes(chunk, n);
		left = copy_to_user(buf + done, chunk, n);
		done += n - left;
		if (left)
			break;
		if (done % GETRANDOM_YIELD == 0 && done < count) {
			yield();
			if (current->killed)
				break;
		}
	}
	memset(chunk, 0, sizeof(chunk));
	return done ? (long)done : -EFAULT;
}
