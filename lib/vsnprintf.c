/*
 * lib/vsnprintf.c - vsnprintf/snprintf for the freestanding kernel.
 *
 * The aim is to print exactly what glibc prints for every supported
 * conversion (tests/host/test_vsnprintf.c checks this against the host C
 * library), so that code and expectations carry over from user space.
 *
 * Structure:
 *   - struct out collects output; out_*() never write past size-1, and
 *     vsnprintf() adds the NUL at the end.  It keeps counting after the
 *     buffer is full, which yields the C99 return value for free.
 *   - format_int() is the heart: every integer conversion (and non-NULL %p)
 *     ends up there as (magnitude, is_negative, base, uppercase, spec).
 *   - vsnprintf() parses one "%[flags][width][.precision][length]conv" at a
 *     time into a struct spec and dispatches on the conversion character.
 *
 * Behaviour on malformed formats (undefined in C), chosen deliberately:
 *   - An unknown conversion character is printed literally together with
 *     everything from its '%', e.g. "%-5y" prints "%-5y", and formatting
 *     continues.  glibc does the same, except that it leaves out length
 *     modifiers ("%hy" prints "%y" there; here it prints "%hy").
 *   - A format ending in the middle of a specification ("abc%", "%5")
 *     prints the incomplete specification literally.  glibc instead fails
 *     with -1; in the kernel, visible output is more useful than an error.
 *   - Widths and precisions larger than INT_MAX saturate at INT_MAX (glibc
 *     fails with -1 / EOVERFLOW).
 *   - If the complete output would be longer than INT_MAX, the buffer is
 *     still filled and terminated, but -1 is returned because the length
 *     cannot be represented (POSIX: EOVERFLOW).
 *   - Wide characters (%lc, %ls) are not supported: the length modifier is
 *     ignored and the argument is treated as for %c / %s.
 */
#include <lib/printf.h>
#include <lib/string.h>

#include <stdbool.h>
#include <stdint.h>

/* <limits.h> is not among the headers we use; derive INT_MAX instead. */
#define INT_MAX_VALUE ((int)(~0u >> 1))

/*
 * %zd takes "the signed type corresponding to size_t" and %tu "the unsigned
 * type corresponding to ptrdiff_t".  C has no names for those; on our LP64
 * targets they are ptrdiff_t and size_t respectively.
 */
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t),
	       "ptrdiff_t and size_t must have the same width");

/* Output sink: a buffer of 'size' bytes of which 'len' have been produced. */
struct out {
	char *buf;
	size_t size;	/* capacity including the NUL; 0 = write nothing */
	size_t len;	/* characters produced so far, even if not stored */
};

static void out_char(struct out *o, char c)
{
	/* Store only while there is still room left for the final NUL. */
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_repeat(struct out *o, char c, int count)
{
	for (; count > 0; count--)
		out_char(o, c);
}

static void out_mem(struct out *o, const char *s, size_t n)
{
	while (n--)
		out_char(o, *s++);
}

/* One parsed conversion specification. */
struct spec {
	bool minus;	/* '-': left-justify within the width */
	bool plus;	/* '+': signed conversions always get a sign */
	bool space;	/* ' ': a space where a '+' would go */
	bool alt;	/* '#': 0x/0X for hex, leading 0 for octal */
	bool zero;	/* '0': pad with zeros instead of spaces */
	int width;	/* minimum field width; 0 = none */
	int prec;	/* precision; -1 = none given */
};

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

/*
 * Format an integer given as magnitude plus sign.  The field is laid out as
 *
 *	[spaces] [sign or 0x] [zeros] digits [spaces]
 *
 * where the leading spaces are used unless '-' is given (then the trailing
 * ones are).  Rules, as in C99 7.19.6.1 and glibc:
 *   - the precision is the minimum number of digits; with precision 0 the
 *     value 0 produces no digits at all;
 *   - '#' with octal raises the precision just enough that the first digit
 *     is 0 (so "%#.0o" of 0 prints "0"); with hex it prefixes 0x/0X, but
 *     only for nonzero values;
 *   - '0' pads with zeros up to the width (after the sign/0x), but is
 *     ignored when a precision is given or with '-'.
 * Callers clear plus/space for unsigned conversions.
 */
static void format_int(struct out *o, uintmax_t value, bool negative,
		       unsigned base, bool upper, const struct spec *sp)
{
	const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[3 * sizeof(uintmax_t)];	/* enough even for octal */
	char prefix[3];				/* sign, then 0x */
	int ndigits = 0, nprefix = 0, zeros, pad;
	bool is_zero = (value == 0);

	/* Digits come out least significant first; emitted reversed below. */
	if (!(is_zero && sp->prec == 0)) {
		do {
			digits[ndigits++] = digit_chars[value % base];
			value /= base;
		} while (value != 0);
	}

	zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
	if (base == 8 && sp->alt && zeros == 0 &&
	    (ndigits == 0 || digits[ndigits - 1] != '0'))
		zeros = 1;

	if (negative)
		prefix[nprefix++] = '-';
	else if (sp->plus)
		prefix[nprefix++] = '+';
	else if (sp->space)
		prefix[nprefix++] = ' ';
	if (base == 16 && sp->alt && !is_zero) {
		prefix[nprefix++] = '0';
		prefix[nprefix++] = upper ? 'X' : 'x';
	}
	/* Both only for %p, which glibc lets take '+' or ' ': "+0x1f". */

	pad = sp->width - (nprefix + zeros + ndigits);
	if (sp->zero && !sp->minus && sp->prec < 0 && pad > 0) {
		zeros += pad;
		pad = 0;
	}

	if (!sp->minus)
		out_repeat(o, ' ', pad);
	out_mem(o, prefix, nprefix);
	out_repeat(o, '0', zeros);
	while (ndigits > 0)
		out_char(o, digits[--ndigits]);
	if (sp->minus)
		out_repeat(o, ' ', pad);
}

/*
 * Emit n bytes of s padded to the field width.  Used for %s, %c and
 * "(nil)".  glibc pads these with spaces even when '0' is given.
 */
static void format_bytes(struct out *o, const char *s, size_t n,
			 const struct spec *sp)
{
	/* n can exceed INT_MAX only for absurd strings; then there is no pad. */
	int pad = n < (size_t)sp->width ? sp->width - (int)n : 0;

	if (!sp->minus)
		out_repeat(o, ' ', pad);
	out_mem(o, s, n);
	if (sp->minus)
		out_repeat(o, ' ', pad);
}

/*
 * Fetch an integer argument of the type named by the length modifier.
 * Types narrower than int arrive promoted to int and are converted back,
 * so that e.g. "%hhd" of 300 prints 44.  The va_list is passed by pointer
 * because a callee's va_arg leaves a by-value va_list indeterminate.
 */
static intmax_t fetch_signed(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (signed char)va_arg(*ap, int);
	case LEN_H:	return (short)va_arg(*ap, int);
	case LEN_L:	return va_arg(*ap, long);
	case LEN_LL:	return va_arg(*ap, long long);
	case LEN_Z:	return va_arg(*ap, ptrdiff_t);	/* signed size_t */
	case LEN_T:	return va_arg(*ap, ptrdiff_t);
	case LEN_J:	return va_arg(*ap, intmax_t);
	case LEN_NONE:	break;
	}
	return va_arg(*ap, int);
}

static uintmax_t fetch_unsigned(va_list *ap, enum length len)
{
	switch (len) {
	case LEN_HH:	return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:	return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:	return va_arg(*ap, unsigned long);
	case LEN_LL:	return va_arg(*ap, unsigned long long);
	case LEN_Z:	return va_arg(*ap, size_t);
	case LEN_T:	return va_arg(*ap, size_t);	/* unsigned ptrdiff_t */
	case LEN_J:	return va_arg(*ap, uintmax_t);
	case LEN_NONE:	break;
	}
	return va_arg(*ap, unsigned int);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parse a decimal number at *p, advancing *p; saturates at INT_MAX. */
static int parse_int(const char **p)
{
	int n = 0;

	for (; is_digit(**p); (*p)++) {
		int d = **p - '0';

		n = n > (INT_MAX_VALUE - d) / 10 ? INT_MAX_VALUE : n * 10 + d;
	}
	return n;
}

/* Parse the length modifier at *p, advancing *p past it. */
static enum length parse_length(const char **p)
{
	const char *s = *p;
	enum length len = LEN_NONE;

	switch (*s) {
	case 'h':
		len = (s[1] == 'h') ? LEN_HH : LEN_H;
		break;
	case 'l':
		len = (s[1] == 'l') ? LEN_LL : LEN_L;
		break;
	case 'z': len = LEN_Z; break;
	case 't': len = LEN_T; break;
	case 'j': len = LEN_J; break;
	default:
		return LEN_NONE;
	}
	*p = s + ((len == LEN_HH || len == LEN_LL) ? 2 : 1);
	return len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	/* A local copy that helpers can take the address of (see above). */
	va_copy(args, ap);

	while (*fmt != '\0') {
		const char *start = fmt;	/* the '%', for unknown convs */
		struct spec sp = { .prec = -1 };
		enum length len;
		bool negative;
		intmax_t sval;
		const char *s;
		size_t slen;
		void *ptr;
		char c;

		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt++;

		/* Flags, in any order and possibly repeated. */
		for (;; fmt++) {
			if (*fmt == '-')
				sp.minus = true;
			else if (*fmt == '+')
				sp.plus = true;
			else if (*fmt == ' ')
				sp.space = true;
			else if (*fmt == '#')
				sp.alt = true;
			else if (*fmt == '0')
				sp.zero = true;
			else
				break;
		}

		/* Width; a negative '*' width means '-' plus a positive width. */
		if (*fmt == '*') {
			int w = va_arg(args, int);

			fmt++;
			if (w < 0) {
				sp.minus = true;
				w = (w < -INT_MAX_VALUE) ? INT_MAX_VALUE : -w;
			}
			sp.width = w;
		} else {
			sp.width = parse_int(&fmt);
		}

		/* Precision: "." alone means 0; a negative '*' means none. */
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				int p = va_arg(args, int);

				fmt++;
				sp.prec = p < 0 ? -1 : p;
			} else {
				sp.prec = parse_int(&fmt);
			}
		}

		len = parse_length(&fmt);

		switch (*fmt) {
		case 'd':
		case 'i':
			sval = fetch_signed(&args, len);
			negative = sval < 0;
			/* Negate in unsigned arithmetic: -INTMAX_MIN overflows. */
			format_int(&o, negative ? -(uintmax_t)sval : (uintmax_t)sval,
				   negative, 10, false, &sp);
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			/* '+' and ' ' only apply to signed conversions. */
			sp.plus = sp.space = false;
			format_int(&o, fetch_unsigned(&args, len), false,
				   *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				   *fmt == 'X', &sp);
			break;
		case 'c':
			/* The precision does not apply to %c. */
			c = (char)(unsigned char)va_arg(args, int);
			format_bytes(&o, &c, 1, &sp);
			break;
		case 's':
			s = va_arg(args, const char *);
			if (s == NULL) {
				/*
				 * glibc prints "(null)", unless a precision
				 * too small to hold it is given: then it
				 * prints nothing rather than "(nu".
				 */
				s = (sp.prec < 0 || sp.prec >= 6) ? "(null)" : "";
			}
			/* With a precision, s need not be NUL-terminated. */
			slen = sp.prec >= 0 ? strnlen(s, (size_t)sp.prec) : strlen(s);
			format_bytes(&o, s, slen, &sp);
			break;
		case 'p':
			ptr = va_arg(args, void *);
			if (ptr == NULL) {
				/* glibc: "(nil)", padded like a string. */
				format_bytes(&o, "(nil)", 5, &sp);
			} else {
				/* glibc: like %#lx, other flags included. */
				sp.alt = true;
				format_int(&o, (uintptr_t)ptr, false, 16, false, &sp);
			}
			break;
		case '%':
			/* glibc ignores any flags or width given with "%%". */
			out_char(&o, '%');
			break;
		case '\0':
			/* Format ends inside a specification: print it as is. */
			out_mem(&o, start, (size_t)(fmt - start));
			continue;	/* *fmt == '\0' ends the loop */
		default:
			/* Unknown conversion: print the whole specification. */
			out_mem(&o, start, (size_t)(fmt - start) + 1);
			break;
		}
		fmt++;	/* past the conversion character */
	}
	va_end(args);

	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > (size_t)INT_MAX_VALUE ? -1 : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return ret;
}
