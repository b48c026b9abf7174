/*
 * neardup: near-duplicate scenarios across the corpus (SPEC section 3,
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
	uint8_t empty;  /* too little text to compare */
};

/* The signature of a text (the scenario and behavior texts of a file). */
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
