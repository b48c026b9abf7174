/*
 * suggest: edit distance for did-you-mean hints on unknown keys, ids, headings.
 */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

#include <stdlib.h>

#include "xalloc.h"

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, res;
	size_t *d;

	if (la > 256 || lb > 256)
		return la > lb ? la : lb;
	d = xmalloc((la + 1) * (lb + 1) * sizeof(*d));
#define D(x, y) d[(x) * (lb + 1) + (y)]
	for (i = 0; i <= la; i++)
		D(i, 0) = i;
	for (j = 0; j <= lb; j++)
		D(0, j) = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t cost = ca != cb, best;

			best = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (D(i - 1, j - 1) + cost < best)
				best = D(i - 1, j - 1) + cost;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	}
	res = D(la, lb);
#undef D
	free(d);
	return res;
}

const char *suggest_closest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i;

	for (i = 0; i < n; i++) {
		size_t d = suggest_distance(s, cands[i]);
		size_t la = strlen(s), lb = strlen(cands[i]);
		size_t lim = (la > lb ? la : lb) / 3;

		if (lim < 1)
			lim = 1;
		if (d <= lim && d < best_d) {
			best = cands[i];
			best_d = d;
		}
	}
	return best;
}
