/*
 * neardup: near-duplicate scenarios across the corpus (docs/format.md section 3,
 * "coverage and hygiene") without comparing all pairs: one-permutation MinHash signatures of
 * word 4-shingles, banded into an LSH index, so only files that share a band
 * are compared (expected cost linear in the number of files).
 */
#ifndef NEARDUP_H
#define NEARDUP_H

#include <stddef.h>
#include <stdint.h>

#define NEARDUP_HASHES 64
#define NEARDUP_BANDS 16

/*
 * b-bit MinHash: the low 8 bits of each minimum are enough to estimate
 * similarity (two unrelated files agree on a value by chance 1 time in 256,
 * which the estimate corrects for) and keep a file's signature at 65 bytes.
 */
struct neardup_sig {
	uint8_t h[NEARDUP_HASHES];
	uint8_t empty; /* too little text to compare */
};

/*
 * A signature built word by word (words.h's hashes): the scenario and
 * behavior texts of a file, in order, as one stream of words.
 */
struct neardup_state {
	uint64_t win[4]; /* the last four words */
	uint32_t min[NEARDUP_HASHES];
	uint64_t filled; /* bins that got a shingle */
	size_t nwords;
};

void neardup_begin(struct neardup_state *st);
/* Add a word (its hash); the signature of word_hashes()' callback. */
void neardup_word(void *st, uint64_t hash);
void neardup_end(const struct neardup_state *st, struct neardup_sig *sig);

/* The signature of one text. */
void neardup_sign(const char *text, size_t len, struct neardup_sig *sig);

/* Estimated Jaccard similarity of two signatures (share of equal hashes). */
double neardup_similarity(const struct neardup_sig *a, const struct neardup_sig *b);

/*
 * Find the pairs (i < j) of the n signatures with estimated similarity above
 * threshold. get(get_arg, i) gives signature i; the pointer need only stay
 * valid until the next call, and calls go mostly in ascending order (so
 * signatures can be paged in from disk). Calls fn for each pair, in
 * ascending (i, j) order.
 */
void neardup_pairs(size_t n, const struct neardup_sig *(*get)(void *get_arg, size_t i),
                   void *get_arg, double threshold,
                   void (*fn)(void *arg, size_t i, size_t j, double sim), void *arg);

#endif
