/*
 * arena: bump allocation in growing blocks; see arena.h.
 */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

/* n zeroed bytes aligned to align (a power of two up to max_align_t). */
static void *alloc_aligned(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	void *p;

	if (!n)
		n = 1;
	if (!b || at > b->size || b->size - at < n) {
		size_t size = n > 16384 ? n : 16384;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		at = 0;
	}
	p = (char *)b->data + at;
	b->used = at + n;
	memset(p, 0, n);
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	return alloc_aligned(a, n, sizeof(max_align_t));
}

/* Strings need no alignment: a corpus's paths pack tightly. */
char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = alloc_aligned(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}
