/*
 * xalloc: checked allocation and the operational error channel (docs/conventions.md section 4, 5).
 */
#include "xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("corpusc: fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *xaligned_alloc(size_t align, size_t n)
{
	void *p = NULL;

	if (posix_memalign(&p, align, n ? n : 1))
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **p, size_t *alloc, size_t need, size_t sz)
{
	size_t n;

	if (need <= *alloc)
		return;
	n = *alloc ? *alloc : 8;
	while (n < need)
		n = n / 2 * 3 + 8;
	if (n > (size_t)-1 / sz)
		oom();
	*p = xrealloc(*p, n * sz);
	*alloc = n;
}

/*
 * Messages quote arguments and file names: show control characters (C0,
 * DEL, C1 as UTF-8) escaped so nothing printed can drive a terminal or
 * forge a CI log line. Bidi controls are left to diag's fuller escaper;
 * operational messages rarely carry file content.
 */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char msg[4096], out[4 * sizeof(msg)];
	const unsigned char *p;
	size_t n = 0;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (p = (const unsigned char *)msg; *p && n + 8 < sizeof(out); p++) {
		if (*p < 0x20 || *p == 0x7F) {
			n += (size_t)snprintf(out + n, sizeof(out) - n, "\\x%02X", *p);
		} else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			n += (size_t)snprintf(out + n, sizeof(out) - n, "\\u{%04X}", p[1]);
			p++;
		} else {
			out[n++] = (char)*p;
		}
	}
	out[n] = '\0';
	fprintf(stderr, "corpusc: %s%s\n", prefix, out);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("fatal: ", fmt, ap);
	va_end(ap);
	exit(2);
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "corpusc: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
