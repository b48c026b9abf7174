/*
 * spill: what a build accumulates across the corpus (index rows, taxonomy
 * lists, changed ids, page checksums) kept on disk, not in memory, so a
 * build's memory does not grow with the corpus.
 *
 * A spill is one temporary file, created in the release's staging directory
 * and unlinked at once: it is gone when closed, even after a crash, and
 * never outside --out. Several chains share it: each chain is a sequence of
 * records buffered in memory and written to the file in chunks, and read
 * back in the order it was added. A record is never split across chunks.
 */
#ifndef SPILL_H
#define SPILL_H

#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

struct spill {
	int fd;
	off_t len;
	int err; /* errno of the first failed write, 0 if none */
};

struct spill_chunk {
	off_t off;
	size_t len;
};

struct spill_chain {
	struct strbuf buf; /* records not yet written */
	size_t limit;      /* write a chunk once buf holds this much */
	struct spill_chunk *chunks;
	size_t n, alloc;
	size_t records;
};

/* Create the temporary file in directory dirfd. 0, or -1 with errno set. */
int spill_open(struct spill *s, int dirfd);
/*
 * Create it in $TMPDIR, or /tmp when that is unset or empty: for the
 * commands that write no output folder. 0, or -1 with errno set.
 */
int spill_open_tmp(struct spill *s);
void spill_close(struct spill *s);

/* A chain writing chunks of about limit bytes (0: 64 KiB). */
void spill_chain_init(struct spill_chain *c, size_t limit);
void spill_chain_release(struct spill_chain *c);
/* Append one record (any bytes); a write error is kept in s->err. */
void spill_add(struct spill *s, struct spill_chain *c, const char *data, size_t len);
/*
 * Hand the chain's bytes to fn in order, in pieces that end on record
 * boundaries. Stops at the first nonzero return of fn and returns it;
 * returns -1 (errno set) when the file cannot be read or a write failed.
 */
int spill_each(struct spill *s, const struct spill_chain *c,
               int (*fn)(void *arg, const char *data, size_t len), void *arg);

#endif
