/*
 * doc: the shared per-file model; see doc.h.
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "mdmem.h"
#include "xalloc.h"

struct doc *doc_new(const char *path, char *src, size_t len)
{
	struct doc *doc = xcalloc(1, sizeof(*doc));
	size_t n = 1, k = 0, i;

	doc->path = arena_strdup(&doc->arena, path);
	doc->src = src;
	doc->len = len;
	for (i = 0; i < len; i++)
		n += src[i] == '\n';
	doc->line_starts = arena_alloc(&doc->arena, n * sizeof(size_t));
	doc->line_starts[k++] = 0;
	for (i = 0; i < len; i++)
		if (src[i] == '\n')
			doc->line_starts[k++] = i + 1;
	doc->nlines = n;
	doc->agreement = -1;
	return doc;
}

void doc_free(struct doc *doc)
{
	if (!doc)
		return;
	free(doc->src);
	if (doc->md)
		mdmem_end(); /* the tree goes with the thread's chunks */
	arena_release(&doc->arena);
	free(doc);
}

struct loc doc_loc_at(const struct doc *doc, size_t off)
{
	struct loc l;
	size_t lo = 0, hi = doc->nlines;

	if (off > doc->len)
		off = doc->len;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (doc->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	l.path = doc->path;
	l.line = (int)lo + 1;
	l.col = (int)utf8_count(doc->src + doc->line_starts[lo], off - doc->line_starts[lo]) + 1;
	return l;
}

size_t doc_line_off(const struct doc *doc, int line)
{
	if (line < 1)
		return 0;
	if ((size_t)line > doc->nlines)
		return doc->len;
	return doc->line_starts[line - 1];
}

size_t doc_loc_off(const struct doc *doc, int line, int col)
{
	size_t off = doc_line_off(doc, line);
	int c = 1;

	while (off < doc->len && doc->src[off] != '\n' && c < col) {
		unsigned cp;
		size_t k = utf8_seq_len((const unsigned char *)doc->src + off, doc->len - off, &cp);
		off += k ? k : 1;
		c++;
	}
	return off;
}

int doc_behavior_index(const struct doc *doc, const char *id)
{
	size_t i;

	if (!id)
		return -1;
	for (i = 0; i < doc->nbehaviors; i++)
		if (doc->behaviors[i].id && !strcmp(doc->behaviors[i].id, id))
			return (int)i;
	return -1;
}

const struct doc_piece *doc_piece_at(const struct doc *doc, int line)
{
	size_t lo = 0, hi = doc->npieces;

	if (!doc->npieces || !doc->pieces)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (doc->pieces[mid].first_line <= line)
			lo = mid;
		else
			hi = mid;
	}
	return &doc->pieces[lo];
}

void doc_relocate(const struct doc *doc, struct diag_sink *sink, size_t from)
{
	size_t i;

	if (!doc->dir_form || !doc->npieces)
		return;
	for (i = from; i < sink->nr; i++) {
		struct diag *d = &sink->items[i];
		const struct doc_piece *p;

		if (strcmp(d->path, doc->path))
			continue;
		p = doc_piece_at(doc, d->line);
		if (!p)
			continue;
		free(d->path);
		d->path = xstrdup(p->path);
		if (d->line >= p->first_line)
			d->line -= p->first_line - 1;
	}
}

int doc_unresolved(const struct doc *doc)
{
	return doc->status == STATUS_PROPOSING || doc->status == STATUS_RANKING;
}
