/*
 * strbuf: a growable, always NUL-terminated byte buffer (after git's strbuf).
 */
#ifndef STRBUF_H
#define STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "xalloc.h"

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_empty, 0, 0                                                                 \
	}

void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the buffer and reinitialize. */
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (free() it); sb is reinitialized. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);

/*
 * The appends are inline: they run for every piece of every output line,
 * and a literal's strlen() and memcpy() then fold to a few moves.
 */
static inline void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	/* alloc 0 (the shared empty buffer) always grows: 0 - 0 <= len */
	if (sb->alloc - sb->len <= len)
		strbuf_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

static inline void strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->alloc - sb->len <= 1)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...) XALLOC_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

#endif
