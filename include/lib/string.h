/*
 * include/lib/string.h - the kernel's subset of the C <string.h> interface.
 *
 * The kernel is freestanding, so it cannot use the host C library; these are
 * our own implementations (lib/string.c) under the standard names and with
 * the standard signatures.  Keeping the standard names matters: the compiler
 * may emit calls to memcpy, memmove, memset and memcmp on its own (for
 * structure copies and initialisations) even with -ffreestanding.
 *
 * The host unit test (tests/host/test_string.c) compiles lib/string.c under
 * renamed symbols by #defining each name before including it; this header is
 * then seen through the same macros, so declarations and definitions agree.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

/* Memory blocks. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* NUL-terminated strings. */
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/*
 * strlcpy (BSD): copy src into dst, which has room for size bytes, always
 * NUL-terminating when size > 0.  Returns strlen(src), so truncation happened
 * exactly when the return value is >= size.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif /* LIB_STRING_H */
