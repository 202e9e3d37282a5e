/*
 * include/lib/printf.h - formatted output into a buffer (lib/vsnprintf.c).
 *
 * C99 semantics: the return value is the length the complete output would
 * have had; at most size-1 characters plus a terminating NUL are written
 * (nothing at all when size is 0, in which case buf may be NULL).  So
 * "ret >= size" means the output was truncated.
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, the flags - + # 0 and space,
 * width and precision (each also as *), and the length modifiers hh h l ll
 * z t j.  No floating point: the kernel runs without SSE.  Output is
 * byte-for-byte what glibc produces for these; see lib/vsnprintf.c for the
 * few deliberate differences on malformed formats.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* The format attributes make the compiler type-check our callers. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* LIB_PRINTF_H */
