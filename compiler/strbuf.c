/*
 * strbuf: growable byte buffer; see strbuf.h.
 */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	if (!sb->alloc)
		strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	int fresh = !sb->alloc;

	if (need < sb->len)
		die("strbuf overflow");
	if (fresh)
		sb->buf = NULL;
	if (need > sb->alloc) {
		size_t n = sb->alloc ? sb->alloc : 64;
		while (n < need)
			n *= 2;
		sb->buf = xrealloc(sb->buf, n);
		sb->alloc = n;
	}
	if (fresh)
		sb->buf[0] = '\0';
}

static void add_unsigned(struct strbuf *sb, unsigned long long v)
{
	char d[24];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	strbuf_add(sb, d + n, sizeof(d) - n);
}

static void add_signed(struct strbuf *sb, long long v)
{
	if (v < 0) {
		strbuf_addch(sb, '-');
		add_unsigned(sb, 0 - (unsigned long long)v);
	} else {
		add_unsigned(sb, (unsigned long long)v);
	}
}

/*
 * The conversions most formats use (%s %d %u %zu %ld %lu %lld %llu %c %%,
 * no flags, width or precision) without vsnprintf, which costs more than
 * the copying on the pages' hot paths; 1 when the format had only those.
 */
static int simple_format(const char *fmt)
{
	const char *p;

	for (p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		p++; /* the conversion */
		if (*p == '%') {
			p++;
			continue;
		}
		if (*p == 'z')
			p++;
		else if (p[0] == 'l' && p[1] == 'l')
			p += 2;
		else if (*p == 'l')
			p++;
		if (*p == 'd' || *p == 'u' || ((*p == 's' || *p == 'c') && p[-1] == '%')) {
			p++;
			continue;
		}
		return 0;
	}
	return 1;
}

static void fast_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	const char *p = fmt, *q;

	while ((q = strchr(p, '%'))) {
		int z = 0, l = 0;

		strbuf_add(sb, p, (size_t)(q - p));
		q++;
		if (*q == 'z') {
			z = 1;
			q++;
		} else {
			while (*q == 'l') {
				l++;
				q++;
			}
		}
		switch (*q) {
		case 's':
			strbuf_addstr(sb, va_arg(ap, const char *));
			break;
		case 'c':
			strbuf_addch(sb, va_arg(ap, int));
			break;
		case '%':
			strbuf_addch(sb, '%');
			break;
		case 'd':
			add_signed(sb, z        ? (long long)va_arg(ap, size_t)
			               : l == 2 ? va_arg(ap, long long)
			               : l      ? va_arg(ap, long)
			                        : va_arg(ap, int));
			break;
		default: /* 'u' */
			add_unsigned(sb, z        ? va_arg(ap, size_t)
			                 : l == 2 ? va_arg(ap, unsigned long long)
			                 : l      ? va_arg(ap, unsigned long)
			                          : va_arg(ap, unsigned));
			break;
		}
		p = q + 1;
	}
	strbuf_addstr(sb, p);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (simple_format(fmt)) {
		va_copy(cp, ap);
		fast_vaddf(sb, fmt, cp);
		va_end(cp);
		return;
	}

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed");
	if ((size_t)n >= (sb->alloc ? sb->alloc - sb->len : 0)) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len || (!sb->alloc && len))
		BUG("strbuf_setlen beyond length");
	sb->len = len;
	if (sb->alloc)
		sb->buf[len] = '\0';
}
