/*
 * assets: the files built into corpusc -- the site's stylesheet and script
 * and the card's text (compiler/assets/), and the release's JSON Schemas
 * (schemas/) -- so they are edited as files, not as C strings. The Makefile
 * turns them into $(BUILDDIR)/gen/assets.c with scripts/embed.sh.
 */
#ifndef ASSETS_H
#define ASSETS_H

#include <stddef.h>

struct asset {
	const char *name; /* the file's base name, e.g. "site.css" */
	const char *data; /* its bytes, followed by a NUL */
	size_t len;
};

extern const struct asset assets[];
extern const size_t nassets;

/* The asset named name, or NULL. */
const struct asset *asset_find(const char *name);

#endif
