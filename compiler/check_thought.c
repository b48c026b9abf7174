/*
 * check_thought: thought annotations (SPEC section 3): every behavior has a
 * '### Thoughts' subsection with at least min_thought_words words that does
 * not merely repeat the behavior's text.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "xalloc.h"

static int is_word_cp(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z');
	/* non-ASCII letters: everything but general punctuation and symbols */
	return !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xA0 && cp != 0x3000 &&
	       !(cp >= 0x3001 && cp <= 0x3003);
}

/* Call fn for each word (lowercased ASCII) of s; returns the count. */
static size_t words(const char *s, size_t len,
		    void (*fn)(void *, const char *, size_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, start = 0;
	int in = 0;

	while (i < len) {
		unsigned cp;
		size_t k = utf8_seq_len(p + i, len - i, &cp);
		int w;

		if (!k) {
			k = 1;
			cp = 0xFFFD;
		}
		w = is_word_cp(cp) || (in && (cp == '\'' || cp == 0x2019) &&
				       i + k < len && is_word_cp(p[i + k]));
		if (w && !in) {
			in = 1;
			start = i;
		} else if (!w && in) {
			in = 0;
			n++;
			if (fn)
				fn(arg, s + start, i - start);
		}
		i += k;
	}
	if (in) {
		n++;
		if (fn)
			fn(arg, s + start, len - start);
	}
	return n;
}

size_t count_words(const char *src, size_t len)
{
	return words(src, len, NULL, NULL);
}

struct wordlist {
	char **w;
	size_t n, alloc;
};

static void add_word(void *arg, const char *s, size_t len)
{
	struct wordlist *wl = arg;
	char *c = xstrndup(s, len);
	size_t i;

	for (i = 0; i < len; i++)
		if (c[i] >= 'A' && c[i] <= 'Z')
			c[i] = (char)(c[i] - 'A' + 'a');
	XGROW(wl->w, wl->alloc, wl->n + 1);
	wl->w[wl->n++] = c;
}

static void wl_free(struct wordlist *wl)
{
	size_t i;

	for (i = 0; i < wl->n; i++)
		free(wl->w[i]);
	free(wl->w);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The share of the thoughts' words that the behavior text also has (as a
 * multiset). Thoughts that merely restate the text score near 1; real
 * reasoning brings words of its own.
 */
static double overlap(const char *a, size_t alen, const char *b, size_t blen,
		      size_t *nthought)
{
	struct wordlist ta = { NULL, 0, 0 }, tb = { NULL, 0, 0 };
	size_t i = 0, j = 0, common = 0;
	double r;

	words(a, alen, add_word, &tb);  /* behavior text */
	words(b, blen, add_word, &ta);  /* thoughts */
	*nthought = ta.n;
	if (!ta.n) {
		wl_free(&ta);
		wl_free(&tb);
		return 0;
	}
	qsort(ta.w, ta.n, sizeof(char *), cmp_str);
	qsort(tb.w, tb.n, sizeof(char *), cmp_str);
	while (i < ta.n && j < tb.n) {
		int c = strcmp(ta.w[i], tb.w[j]);
		if (!c) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	r = (double)common / (double)ta.n;
	wl_free(&ta);
	wl_free(&tb);
	return r;
}

void check_thought(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	size_t i;

	for (i = 0; i < doc->nbehaviors; i++) {
		struct behavior *b = &doc->behaviors[i];
		size_t nw, nthought;
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
		nw = count_words(doc->src + b->thoughts.off, b->thoughts.len);
		if ((long)nw < cfg->min_thought_words) {
			if (!nw)
				at = b->thoughts_heading;
			diag_add(sink, DIAG_ERROR, &at, "thoughts-too-short",
				 "thoughts of behavior '%s' have %zu word%s; write at least %ld",
				 b->id, nw, nw == 1 ? "" : "s", cfg->min_thought_words);
			continue;
		}
		if (b->text.len &&
		    overlap(doc->src + b->text.off, b->text.len,
			    doc->src + b->thoughts.off, b->thoughts.len, &nthought) >= 0.9)
			diag_add(sink, DIAG_ERROR, &at, "thoughts-repeat-text",
				 "thoughts of behavior '%s' repeat its text; write the reasoning that leads to it",
				 b->id);
	}
}
