/*
 * neardup: MinHash + LSH near-duplicate detection; see neardup.h.
 *
 * With 16 bands of 4 rows, two files with Jaccard similarity 0.8 share at
 * least one band with probability 1 - (1 - 0.8^4)^16 > 0.9997; at 0.3 the
 * chance of even being compared is about 12%. Candidates are then scored on
 * the full 64-hash signature. Hashes are seeded constants, so the result is
 * the same on every machine.
 */
#include "neardup.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define SHINGLE 4

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static int wordch(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * One-permutation MinHash: each shingle's 64-bit hash picks one of the
 * NEARDUP_HASHES bins by its top bits and competes for that bin's minimum
 * with its low bits: one hash per shingle instead of one per bin. Empty bins
 * borrow from the next non-empty bin (rotation densification), so similar
 * texts still agree bin by bin.
 */
void neardup_sign(const char *text, size_t len, struct neardup_sig *sig)
{
	const unsigned char *s = (const unsigned char *)text;
	uint64_t win[SHINGLE] = { 0 };
	int filled[NEARDUP_HASHES] = { 0 };
	size_t i = 0, nwords = 0, k;

	for (k = 0; k < NEARDUP_HASHES; k++)
		sig->h[k] = UINT32_MAX;
	while (i < len) {
		uint64_t wh = 0;

		while (i < len && !wordch(s[i]))
			i++;
		if (i >= len)
			break;
		while (i < len && wordch(s[i])) {
			unsigned char c = s[i];
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			wh = ((wh << 7) | (wh >> 57)) ^ c; /* mixed below, per shingle */
			i++;
		}
		memmove(win, win + 1, (SHINGLE - 1) * sizeof(win[0]));
		win[SHINGLE - 1] = wh;
		if (++nwords >= SHINGLE) {
			/* one mix of an order-sensitive sum of the four word hashes */
			uint64_t sh = mix(((win[0] * 0x9E3779B97F4A7C15ULL + win[1]) *
					   0x9E3779B97F4A7C15ULL + win[2]) *
					  0x9E3779B97F4A7C15ULL + win[3]);
			unsigned bin = (unsigned)(sh >> 58); /* 64 bins */
			uint32_t v = (uint32_t)sh;

			if (v < sig->h[bin])
				sig->h[bin] = v;
			filled[bin] = 1;
		}
	}
	sig->empty = nwords < SHINGLE * 4;
	if (sig->empty)
		return;
	for (k = 0; k < NEARDUP_HASHES; k++) {
		size_t d;
		if (filled[k])
			continue;
		for (d = 1; d < NEARDUP_HASHES; d++) {
			size_t from = (k + d) % NEARDUP_HASHES;
			if (filled[from]) {
				sig->h[k] = sig->h[from] ^ (uint32_t)(0x9e3779b9u * d);
				break;
			}
		}
	}
}

double neardup_similarity(const struct neardup_sig *a, const struct neardup_sig *b)
{
	size_t k, eq = 0;

	for (k = 0; k < NEARDUP_HASHES; k++)
		eq += a->h[k] == b->h[k];
	return (double)eq / NEARDUP_HASHES;
}

struct bucket {
	uint64_t key;
	uint32_t idx;
};

static int cmp_bucket(const void *va, const void *vb)
{
	const struct bucket *a = va, *b = vb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
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

void neardup_pairs(const struct neardup_sig *sigs, size_t n, double threshold,
		   void (*fn)(void *arg, size_t i, size_t j, double sim), void *arg)
{
	const size_t rows = NEARDUP_HASHES / NEARDUP_BANDS;
	struct bucket *bk = xmalloc((n * NEARDUP_BANDS + 1) * sizeof(*bk));
	struct pair *pairs = NULL;
	size_t nb = 0, np = 0, ap = 0, b, i, j, r;

	for (i = 0; i < n; i++) {
		if (sigs[i].empty)
			continue;
		for (b = 0; b < NEARDUP_BANDS; b++) {
			uint64_t key = 0x84222325cbf29ce4ULL * (b + 1);
			for (r = 0; r < rows; r++)
				key = mix(key ^ sigs[i].h[b * rows + r]);
			bk[nb].key = key;
			bk[nb].idx = (uint32_t)i;
			nb++;
		}
	}
	qsort(bk, nb, sizeof(*bk), cmp_bucket);
	for (i = 0; i < nb; i = j) {
		size_t x, y;
		for (j = i + 1; j < nb && bk[j].key == bk[i].key; j++)
			;
		/* a huge bucket means many identical texts: pair each with the first only */
		for (x = i; x < j; x++) {
			size_t lim = j - i > 64 ? i + 1 : j;
			for (y = x + 1; y < j && (x < lim); y++) {
				if (bk[x].idx == bk[y].idx)
					continue;
				XGROW(pairs, ap, np + 1);
				pairs[np].i = bk[x].idx < bk[y].idx ? bk[x].idx : bk[y].idx;
				pairs[np].j = bk[x].idx < bk[y].idx ? bk[y].idx : bk[x].idx;
				np++;
			}
		}
	}
	free(bk);
	if (np)
		qsort(pairs, np, sizeof(*pairs), cmp_pair);
	for (i = 0; i < np; i++) {
		double sim;
		if (i && pairs[i].i == pairs[i - 1].i && pairs[i].j == pairs[i - 1].j)
			continue;
		sim = neardup_similarity(&sigs[pairs[i].i], &sigs[pairs[i].j]);
		if (sim > threshold)
			fn(arg, pairs[i].i, pairs[i].j, sim);
	}
	free(pairs);
}
