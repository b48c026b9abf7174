/*
 * check_thought: thought annotations (SPEC section 3): every behavior has a
 * '### Thoughts' subsection with at least min_thought_words words that does
 * not merely repeat the behavior's text.
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "xalloc.h"

static int is_word_cp(unsigned cp)
{
	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	/* non-ASCII letters: everything but general punctuation and symbols */
	return !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xA0 && cp != 0x3000 &&
	       !(cp >= 0x3001 && cp <= 0x3003);
}

static int ascii_word(unsigned c)
{
	return (c | 0x20) - 'a' < 26u || c - '0' < 10u;
}

/*
 * Word hashes: a rotate-xor per byte (no multiply in the per-byte chain),
 * finished with one multiply-shift mix per word. ASCII is lowercased.
 */
static uint64_t hash_byte(uint64_t h, unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	return ((h << 7) | (h >> 57)) ^ c;
}

static uint64_t hash_end(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x9E3779B97F4A7C15ULL;
	return (h ^ (h >> 29)) | 1;
}

/* The character at p[i]: its code point, and its length in *k. */
static unsigned char_at(const unsigned char *p, size_t i, size_t len, size_t *k)
{
	unsigned cp = p[i];

	*k = 1;
	if (cp >= 0x80) {
		*k = utf8_seq_len(p + i, len - i, &cp);
		if (!*k) {
			*k = 1;
			cp = 0xFFFD;
		}
	}
	return cp;
}

/*
 * Call fn with the hash of each word of s (of its bytes, ASCII lowercased;
 * never 0); returns the count. A word is a run of letters and digits (any
 * non-ASCII character but punctuation and symbols); an apostrophe (' or
 * U+2019) inside a word and followed by a word character belongs to it.
 * ASCII, the common case, goes through two tight loops: between words and
 * within one.
 */
static size_t words(const char *s, size_t len, void (*fn)(void *, uint64_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, k, m;

	while (i < len) {
		uint64_t h = 0;
		unsigned cp;

		while (i < len && p[i] < 0x80 && !ascii_word(p[i]))
			i++;
		if (i >= len)
			break;
		if (p[i] >= 0x80 && !is_word_cp(char_at(p, i, len, &k))) {
			i += k;
			continue;
		}
		for (;;) {
			while (i < len && p[i] < 0x80 && ascii_word(p[i]))
				h = ((h << 7) | (h >> 57)) ^ (p[i++] | 0x20u);
			if (i >= len)
				break;
			cp = char_at(p, i, len, &k);
			if (!is_word_cp(cp) &&
			    !((cp == '\'' || cp == 0x2019) && i + k < len && is_word_cp(p[i + k])))
				break;
			for (m = 0; m < k; m++)
				h = hash_byte(h, p[i + m]);
			i += k;
		}
		n++;
		if (fn)
			fn(arg, hash_end(h));
	}
	return n;
}

size_t count_words(const char *src, size_t len)
{
	return words(src, len, NULL, NULL);
}

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
	size_t hits, words;  /* while probing: words seen, words found */
};

static void set_add(void *arg, uint64_t h)
{
	struct wordset *ws = arg;
	size_t i = (size_t)(h >> 7) & ws->mask;

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
 */
static double overlap(const char *text, size_t tlen, const char *th, size_t hlen,
		      size_t *nwords)
{
	struct wordset ws;
	size_t cap = 64;

	/* at most one word per two bytes: keep the table under half full */
	while (cap < tlen)
		cap *= 2;
	ws.slot = xcalloc(cap, sizeof(uint64_t));
	ws.mask = cap - 1;
	ws.hits = ws.words = 0;
	words(text, tlen, set_add, &ws);
	words(th, hlen, set_probe, &ws);
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
				 "behavior '%s' has no '### Thoughts'; add the reasoning that leads to it",
				 b->id);
			continue;
		}
		at = b->thoughts.len ? doc_loc_at(doc, b->thoughts.off) : b->thoughts_heading;
		share = overlap(doc->src + b->text.off, b->text.len,
				doc->src + b->thoughts.off, b->thoughts.len, &nw);
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
				 "thoughts of behavior '%s' repeat its text; write the reasoning that leads to it",
				 b->id);
	}
}
