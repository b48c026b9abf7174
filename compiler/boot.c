/*
 * boot: scenario-bootstrap intervals; see boot.h.
 */
#include "boot.h"

#include <math.h>
#include <stdlib.h>

#include "xalloc.h"

uint64_t boot_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

void boot_ratio(size_t n, size_t k, const size_t *pick, const float *num, const float *den,
                size_t den_k, double *lo, double *hi)
{
	double *vals, *sn, *sd;
	uint64_t state = BOOT_SEED;
	size_t b, i, j;

	if (!n || !k) {
		for (j = 0; j < k; j++)
			lo[j] = hi[j] = NAN;
		return;
	}
	vals = xmalloc(k * BOOT_RESAMPLES * sizeof(double));
	sn = xmalloc(2 * k * sizeof(double));
	sd = sn + k;
	for (b = 0; b < BOOT_RESAMPLES; b++) {
		for (j = 0; j < k; j++)
			sn[j] = sd[j] = 0;
		for (i = 0; i < n; i++) {
			/* modulo bias is below n / 2^64: nothing at any corpus size */
			size_t u = (size_t)(boot_next(&state) % n);
			if (pick)
				u = pick[u];
			for (j = 0; j < k; j++) {
				sn[j] += num[u * k + j];
				sd[j] += den[u * den_k + (den_k == 1 ? 0 : j)];
			}
		}
		for (j = 0; j < k; j++)
			vals[j * BOOT_RESAMPLES + b] = sd[j] > 0 ? sn[j] / sd[j] : 0.5;
	}
	for (j = 0; j < k; j++) {
		double *v = vals + j * BOOT_RESAMPLES;
		qsort(v, BOOT_RESAMPLES, sizeof(double), cmp_double);
		lo[j] = v[25];
		hi[j] = v[974];
	}
	free(sn);
	free(vals);
}
