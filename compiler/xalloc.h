/*
 * xalloc: allocation that never returns NULL, and the operational error channel
 * (error(), die(), BUG()) described in docs/conventions.md section 5.
 */
#ifndef XALLOC_H
#define XALLOC_H

#include <stddef.h>

#if defined(__GNUC__)
#define XALLOC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define XALLOC_NORETURN __attribute__((noreturn))
#define XALLOC_NONNULL __attribute__((returns_nonnull))
#else
#define XALLOC_PRINTF(a, b)
#define XALLOC_NORETURN
#define XALLOC_NONNULL
#endif

/* Allocate or abort with "corpusc: fatal: out of memory". */
void *xmalloc(size_t n) XALLOC_NONNULL;
void *xcalloc(size_t nmemb, size_t size) XALLOC_NONNULL;
void *xrealloc(void *p, size_t n) XALLOC_NONNULL;
/* n bytes at a multiple of align (a power of two, of sizeof(void *)); free() it. */
void *xaligned_alloc(size_t align, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *p (an array of *alloc elements of size sz) to hold at least need elements. */
void xgrow(void **p, size_t *alloc, size_t need, size_t sz);
#define XGROW(p, alloc, need) xgrow((void **)&(p), &(alloc), (need), sizeof(*(p)))

/* Print "corpusc: error: ..." to stderr and return -1. */
int error(const char *fmt, ...) XALLOC_PRINTF(1, 2);
/* Print "corpusc: warning: ..." to stderr. */
void warning(const char *fmt, ...) XALLOC_PRINTF(1, 2);
/* Print "corpusc: fatal: ..." and exit 2. Only cmd_* and main may call it. */
void die(const char *fmt, ...) XALLOC_PRINTF(1, 2) XALLOC_NORETURN;
/* An internal invariant failed: print and abort. Never for user input. */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
void bug_fl(const char *file, int line, const char *fmt, ...) XALLOC_PRINTF(3, 4) XALLOC_NORETURN;

#endif
