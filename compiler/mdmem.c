/*
 * mdmem: cmark's allocations from per-thread chunks; see mdmem.h.
 *
 * Each allocation is a 16-byte header holding its size, then the payload
 * rounded up to 16 bytes (what malloc would align to). The newest allocation
 * can grow or be given back in place, which covers cmark's growing buffers
 * and its short-lived inline delimiters; anything else freed stays until the
 * reset. cmark's buffers grow geometrically, so what a parse leaves behind is
 * a small multiple of what it keeps, linear in the input (lint caps a file
 * at 1 MiB, and body.c the inputs on which cmark itself is quadratic).
 */
#include "mdmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define MDMEM_CHUNK (256 * 1024) /* the usual chunk: a scenario's parse fits */
#define MDMEM_KEEP (8u << 20)    /* the largest chunk kept between parses */
#define HDR 16

struct chunk {
	struct chunk *prev;
	size_t size, used; /* bytes of data, bytes handed out */
	size_t pad;        /* data starts 16-byte aligned */
};

struct mdmem {
	struct chunk *cur;   /* the newest chunk; older ones behind ->prev */
	unsigned char *last; /* the newest allocation's payload, or NULL */
	size_t total;        /* bytes taken since the last reset */
	int users;
};

static _Thread_local struct mdmem tl;

static unsigned char *data(struct chunk *c)
{
	return (unsigned char *)(c + 1);
}

static size_t round16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

static void too_big(void)
{
	/* cmark asked for more than the address space: as out of memory */
	xmalloc(SIZE_MAX);
}

static void new_chunk(size_t need)
{
	size_t size = need > MDMEM_CHUNK ? need : MDMEM_CHUNK;
	struct chunk *c = xmalloc(sizeof(*c) + size);

	c->prev = tl.cur;
	c->size = size;
	c->used = 0;
	tl.cur = c;
}

static void *take(size_t n)
{
	size_t need;
	unsigned char *p;

	if (n > SIZE_MAX / 2)
		too_big();
	need = HDR + round16(n ? n : 1);
	if (!tl.cur || tl.cur->size - tl.cur->used < need)
		new_chunk(need);
	p = data(tl.cur) + tl.cur->used;
	memcpy(p, &n, sizeof(n));
	tl.cur->used += need;
	tl.total += need;
	tl.last = p + HDR;
	return tl.last;
}

static void *md_calloc(size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		too_big();
	p = take(nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

static void *md_realloc(void *ptr, size_t n)
{
	unsigned char *p = ptr;
	size_t old;
	void *q;

	if (!p)
		return take(n);
	memcpy(&old, p - HDR, sizeof(old));
	if (p == tl.last && n <= SIZE_MAX / 2) {
		size_t at = (size_t)(p - data(tl.cur));
		size_t want = round16(n ? n : 1);

		if (want <= tl.cur->size - at) {
			tl.total += want - round16(old ? old : 1);
			tl.cur->used = at + want;
			memcpy(p - HDR, &n, sizeof(n));
			return p;
		}
	}
	q = take(n);
	memcpy(q, p, old < n ? old : n);
	return q;
}

static void md_free(void *ptr)
{
	unsigned char *p = ptr;

	if (p && p == tl.last) {
		/* the newest: give it back */
		tl.cur->used = (size_t)(p - HDR - data(tl.cur));
		tl.last = NULL;
	}
}

static cmark_mem mem = {md_calloc, md_realloc, md_free};

cmark_mem *mdmem_get(void)
{
	return &mem;
}

void mdmem_begin(void)
{
	tl.users++;
}

static void free_chunks(void)
{
	while (tl.cur) {
		struct chunk *c = tl.cur;
		tl.cur = c->prev;
		free(c);
	}
}

void mdmem_end(void)
{
	if (tl.users <= 0)
		BUG("mdmem_end() without mdmem_begin()");
	if (--tl.users)
		return;
	if (tl.cur && (tl.cur->prev || tl.cur->size > MDMEM_KEEP)) {
		/* several chunks, or a huge one: one that holds as much, if not huge */
		size_t total = tl.total;

		free_chunks();
		if (total <= MDMEM_KEEP)
			new_chunk(total);
	}
	if (tl.cur)
		tl.cur->used = 0;
	tl.last = NULL;
	tl.total = 0;
}

void mdmem_release(void)
{
	if (tl.users)
		BUG("mdmem_release() while in use");
	free_chunks();
	tl.last = NULL;
	tl.total = 0;
}
