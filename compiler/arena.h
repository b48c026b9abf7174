/*
 * arena: a bump allocator that owns everything built for one document, released
 * at once by arena_release() (docs/conventions.md section 4).
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT                                                                                 \
	{                                                                                          \
		NULL                                                                               \
	}

/* Zeroed memory that lives until arena_release(); never NULL. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Free every block; the arena is empty and reusable afterwards. */
void arena_release(struct arena *a);

#endif
