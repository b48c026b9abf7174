/*
 * neardup: MinHash + LSH near-duplicate detection; see neardup.h.
 *
 * With 16 bands of 4 rows, two files with Jaccard similarity 0.8 share at
 * least one band with probability 1 - (1 - 0.8^4)^16 > 0.9997; at 0.3 the
 * chance of even being compared is about 12%. Candidates are then scored on
 * the full 64-hash signature. Hashes are seeded constants, so the result is
 * the same on every machine. The bands are bucketed one at a time, so the
 * search needs 8 bytes per file beyond the signatures.
 */
#include "neardup.h"

#include <stdlib.h>
#include <string.h>

#include "words.h"
#include "xalloc.h"

#define SHINGLE 4

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void neardup_begin(struct neardup_state *st)
{
	size_t k;

	memset(st, 0, sizeof(*st));
	for (k = 0; k < NEARDUP_HASHES; k++)
		st->min[k] = UINT32_MAX;
}

/*
 * One-permutation MinHash: each shingle's 64-bit hash picks one of the
 * NEARDUP_HASHES bins by its top bits and competes for that bin's minimum
 * with its low bits: one hash per shingle instead of one per bin.
 */
void neardup_word(void *arg, uint64_t hash)
{
	struct neardup_state *st = arg;

	memmove(st->win, st->win + 1, (SHINGLE - 1) * sizeof(st->win[0]));
	st->win[SHINGLE - 1] = hash;
	if (++st->nwords >= SHINGLE) {
		/* one mix of an order-sensitive sum of the four word hashes */
		uint64_t sh =
		    mix(((st->win[0] * 0x9E3779B97F4A7C15ULL + st->win[1]) * 0x9E3779B97F4A7C15ULL +
		         st->win[2]) *
		            0x9E3779B97F4A7C15ULL +
		        st->win[3]);
		unsigned bin = (unsigned)(sh >> 58); /* 64 bins */
		uint32_t v = (uint32_t)sh;

		if (v < st->min[bin])
			st->min[bin] = v;
		st->filled |= 1ull << bin;
	}
}

/*
 * Empty bins borrow from the next non-empty bin (rotation densification),
 * so similar texts still agree bin by bin.
 */
void neardup_end(const struct neardup_state *st, struct neardup_sig *sig)
{
	size_t k;

	memset(sig->h, 0, sizeof(sig->h));
	sig->empty = st->nwords < SHINGLE * 4;
	if (sig->empty)
		return;
	for (k = 0; k < NEARDUP_HASHES; k++) {
		uint32_t v = st->min[k];
		size_t d;

		for (d = 1; !(st->filled >> k & 1) && d < NEARDUP_HASHES; d++) {
			size_t from = (k + d) % NEARDUP_HASHES;
			if (st->filled >> from & 1) {
				v = st->min[from] ^ (uint32_t)(0x9e3779b9u * d);
				break;
			}
		}
		sig->h[k] = (uint8_t)v;
	}
}

void neardup_sign(const char *text, size_t len, struct neardup_sig *sig)
{
	struct neardup_state st;

	neardup_begin(&st);
	word_hashes(text, len, neardup_word, &st);
	neardup_end(&st, sig);
}

double neardup_similarity(const struct neardup_sig *a, const struct neardup_sig *b)
{
	size_t k, eq = 0;
	double share, j;

	for (k = 0; k < NEARDUP_HASHES; k++)
		eq += a->h[k] == b->h[k];
	/* E[share] = J + (1 - J) / 256 for 8-bit values: solve for J */
	share = (double)eq / NEARDUP_HASHES;
	j = (share - 1.0 / 256) / (1 - 1.0 / 256);
	return j < 0 ? 0 : j;
}

struct pair {
	uint32_t i, j;
};

static int cmp_pair(const void *va, const void *vb)
{
	const struct pair *a = va, *b = vb;

	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

void neardup_pairs(size_t n, const struct neardup_sig *(*get)(void *get_arg, size_t i),
                   void *get_arg, double threshold,
                   void (*fn)(void *arg, size_t i, size_t j, double sim), void *arg)
{
	const size_t rows = NEARDUP_HASHES / NEARDUP_BANDS;
	uint64_t *bk = xmalloc((n + 1) * sizeof(*bk)); /* band key << 32 | file */
	struct pair *pairs = NULL;
	size_t np = 0, ap = 0, b, i, j, r;

	for (b = 0; b < NEARDUP_BANDS; b++) {
		size_t nb = 0;

		for (i = 0; i < n; i++) {
			const struct neardup_sig *sg = get(get_arg, i);
			uint32_t key = 0;

			if (sg->empty)
				continue;
			for (r = 0; r < rows; r++)
				key = key << 8 | sg->h[b * rows + r];
			bk[nb++] = (uint64_t)key << 32 | (uint32_t)i;
		}
		qsort(bk, nb, sizeof(*bk), cmp_u64);
		for (i = 0; i < nb; i = j) {
			size_t x, y;
			for (j = i + 1; j < nb && bk[j] >> 32 == bk[i] >> 32; j++)
				;
			/* a huge bucket means many identical texts: pair each with the first only
			 */
			for (x = i; x < j; x++) {
				size_t lim = j - i > 64 ? i + 1 : j;
				for (y = x + 1; y < j && (x < lim); y++) {
					/* sorted: the lower file comes first */
					XGROW(pairs, ap, np + 1);
					pairs[np].i = (uint32_t)bk[x];
					pairs[np].j = (uint32_t)bk[y];
					np++;
				}
			}
		}
	}
	free(bk);
	if (np)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (i = 0; i < np; i++) {
		struct neardup_sig first;
		double sim;

		if (i && pairs[i].i == pairs[i - 1].i && pairs[i].j == pairs[i - 1].j)
			continue;
		first = *get(get_arg, pairs[i].i);
		sim = neardup_similarity(&first, get(get_arg, pairs[i].j));
		if (sim > threshold)
			fn(arg, pairs[i].i, pairs[i].j, sim);
	}
	free(pairs);
}
