/*
 * prefilter: literal strings that must occur in a text for a regex to match
 * it, and one pass over a text that finds which patterns can match there.
 *
 * Why: most regex rules look for something rare (an '@', "-----BEGIN", a
 * merge marker), yet pcre2 must try a match at almost every position of
 * every section, for every rule. Reading the pattern once at load tells us
 * a set of literals, one of which every match contains; a text holding none
 * of them is skipped without calling pcre2. The same idea as the "required
 * literals" of RE2's prefilter and ripgrep, written for pcre2's syntax.
 *
 * Soundness comes first: a pattern using anything this reader does not
 * fully understand (backreferences, recursion, conditionals, verbs, unknown
 * escapes) gets no literals, and its rule runs everywhere as before. The
 * literals are compared without ASCII case; under the caseless flag a letter
 * matches exactly what pcre2 matches for it with UTF and UCP (s and k also
 * match U+017F and U+212A), other non-ASCII characters end a literal.
 */
#ifndef PREFILTER_H
#define PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#define PREFILTER_MAXSET 64 /* strings in a set */
#define PREFILTER_MAXLEN 24 /* bytes of a string */

/* A set of strings (ASCII letters lowercased); n == -1: no set known. */
struct prefilter_set {
	int n;
	unsigned char len[PREFILTER_MAXSET];
	char s[PREFILTER_MAXSET][PREFILTER_MAXLEN];
};

/*
 * Read a pcre2 pattern (UTF, UCP; caseless and extended as given, inline
 * options honoured) and fill *out with literals one of which every match
 * contains. Returns 1 when found, 0 when the pattern gets no prefilter
 * (out->n == -1 then).
 */
int prefilter_literals(const char *pat, size_t len, int caseless, int extended,
                       struct prefilter_set *out);

/* 1 if one string of set occurs in s[0..len) (ASCII case ignored). */
int prefilter_found(const struct prefilter_set *set, const char *s, size_t len);

/* The literals of many patterns ("slots" 0..nslots-1), for one-pass scans. */
struct prefilter;

struct prefilter *prefilter_new(size_t nslots);
void prefilter_free(struct prefilter *pf); /* NULL is fine */
/* Give slot its literals; a slot never given any is always a candidate. */
void prefilter_add(struct prefilter *pf, size_t slot, const struct prefilter_set *set);
/* 1 if slot has literals (can be ruled out by a scan). */
int prefilter_has(const struct prefilter *pf, size_t slot);
/* The number of uint64_t words a scan's bitset needs. */
size_t prefilter_words(const struct prefilter *pf);
/*
 * Scan s[0..len) once; set bit k of bits (prefilter_words() words, cleared
 * first) for every slot k with literals of which one occurs in the text.
 */
void prefilter_scan(const struct prefilter *pf, const char *s, size_t len, uint64_t *bits);

#endif
