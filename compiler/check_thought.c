/*
 * check_thought: thought annotations (docs/format.md section 3): every behavior has a
 * '### Thoughts' subsection with at least min_thought_words words that does
 * not merely repeat the behavior's text.
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "words.h"
#include "xalloc.h"

size_t thought_words(const struct doc *doc, const struct behavior *b)
{
	if (b->thought_words >= 0)
		return (size_t)b->thought_words;
	return count_words(doc->src + b->thoughts.off, b->thoughts.len);
}

/* A set of word hashes (open addressing; 0 marks an empty slot). */
struct wordset {
	uint64_t *slot;
	size_t mask;
	size_t hits, words; /* while probing: words seen, words found */
	uint64_t *seq;      /* while adding: the words in order (for neardup) */
	size_t nseq;
};

static void set_add(void *arg, uint64_t h)
{
	struct wordset *ws = arg;
	size_t i = (size_t)(h >> 7) & ws->mask;

	ws->seq[ws->nseq++] = h;
	while (ws->slot[i] && ws->slot[i] != h)
		i = (i + 1) & ws->mask;
	ws->slot[i] = h;
}

static void set_probe(void *arg, uint64_t h)
{
	struct wordset *ws = arg;
	size_t i = (size_t)(h >> 7) & ws->mask;

	ws->words++;
	while (ws->slot[i]) {
		if (ws->slot[i] == h) {
			ws->hits++;
			return;
		}
		i = (i + 1) & ws->mask;
	}
}

/*
 * Count the thoughts' words, and the share of them that the behavior text
 * also uses. Thoughts that merely restate the text score near 1; real
 * reasoning brings words of its own. One pass over each text, no sorting.
 * The text's words are kept on b (in doc's arena) for the near-duplicate
 * signature, so the text is read once.
 */
static double overlap(struct doc *doc, struct behavior *b, size_t *nwords)
{
	const char *text = doc->src + b->text.off, *th = doc->src + b->thoughts.off;
	size_t tlen = b->text.len, hlen = b->thoughts.len;
	struct wordset ws;
	size_t cap = 64;

	/* at most one word per two bytes: keep the table under half full */
	while (cap < tlen)
		cap *= 2;
	ws.slot = xcalloc(cap, sizeof(uint64_t));
	ws.mask = cap - 1;
	ws.hits = ws.words = 0;
	/* a word takes at least one byte and a separator */
	ws.seq = arena_alloc(&doc->arena, (tlen / 2 + 1) * sizeof(uint64_t));
	ws.nseq = 0;
	word_hashes(text, tlen, set_add, &ws);
	b->text_words = ws.seq;
	b->ntext_words = ws.nseq;
	word_hashes(th, hlen, set_probe, &ws);
	free(ws.slot);
	*nwords = ws.words;
	return ws.words ? (double)ws.hits / (double)ws.words : 0;
}

void check_thought(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	size_t i;

	for (i = 0; i < doc->nbehaviors; i++) {
		struct behavior *b = &doc->behaviors[i];
		size_t nw;
		double share;
		struct loc at;

		if (!b->has_section)
			continue;
		if (!b->has_thoughts) {
			diag_add(sink, DIAG_ERROR, &b->heading, "thoughts-missing",
			         "behavior '%s' has no '### Thoughts'; add the reasoning that "
			         "leads to it",
			         b->id);
			continue;
		}
		at = b->thoughts.len ? doc_loc_at(doc, b->thoughts.off) : b->thoughts_heading;
		share = overlap(doc, b, &nw);
		b->thought_words = (long)nw;
		if ((long)nw < cfg->min_thought_words) {
			if (!nw)
				at = b->thoughts_heading;
			diag_add(sink, DIAG_ERROR, &at, "thoughts-too-short",
			         "thoughts of behavior '%s' have %zu word%s; write at least %ld",
			         b->id, nw, nw == 1 ? "" : "s", cfg->min_thought_words);
			continue;
		}
		if (b->text.len && share >= 0.9)
			diag_add(sink, DIAG_ERROR, &at, "thoughts-repeat-text",
			         "thoughts of behavior '%s' repeat its text; write the reasoning "
			         "that leads to it",
			         b->id);
	}
}
