/*
 * mdmem: a per-thread bump allocator for cmark (its cmark_mem interface).
 *
 * cmark allocates every node, string and parser buffer separately; a
 * scenario's parse is thousands of small mallocs and frees, a fifth of the
 * build's time in malloc itself. Here they come from the thread's chunks and
 * are forgotten at once when the last user on the thread is done, with no
 * free per node.
 *
 * Use: mdmem_begin() before parsing, hand mdmem_get() to cmark (the nodes
 * keep it: iterators, renderers and edits of the tree allocate from it too),
 * and mdmem_end() when no tree built with it is used any more. Users nest on
 * a thread; memory is reclaimed when the count drops to zero. Everything must
 * happen on one thread: a tree must not travel to another.
 */
#ifndef MDMEM_H
#define MDMEM_H

#include <cmark.h>

/* This thread's allocator. Allocation never fails (out of memory aborts). */
cmark_mem *mdmem_get(void);
/* One more user of this thread's allocator. */
void mdmem_begin(void);
/* One user fewer; at zero, everything allocated on the thread is forgotten. */
void mdmem_end(void);
/* Give this thread's chunks back to the system (with no user left). */
void mdmem_release(void);

#endif
