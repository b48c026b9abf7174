/*
 * release: `corpusc build` (docs/format.md section 5) -- lint, then write the versioned
 * release atomically: the JSONL files sorted by id, their JSON Schemas, the
 * dataset card, CHANGES against --previous, the manifest, SHA256SUMS and the
 * static site.
 */
#ifndef RELEASE_H
#define RELEASE_H

#include <stddef.h>

struct release_opts {
	const char *out;       /* --out, default <root>/build/release */
	const char *version;   /* --version, default corpus.yaml's */
	const char *previous;  /* --previous DIR, or NULL */
	const char *rules_dir; /* --rules DIR, or NULL */
	char *const *paths;
	size_t npaths;
};

/* Returns the exit status: 0 written, 1 lint errors (nothing written), 2 failure. */
int release_build(const struct release_opts *opts);

/* Parse SOURCE_DATE_EPOCH: 0 and *t set, 1 when unset, -1 when invalid. */
int release_source_date(long long *t);

#endif
