/*
 * test_u64sort: unit tests of compiler/u64sort.c against qsort on random
 * arrays (with many repeats), and the edge cases.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "u64sort.h"

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 31, 32, 33, 64, 1000, 65537 };
	uint64_t rng = 88172645463325252ULL, one = 42;
	size_t s, i;

	u64_sort(NULL, 0);
	u64_sort(&one, 1);
	OK(one == 42, "one element stays");
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t n = sizes[s];
		uint64_t *a = malloc((n + 1) * sizeof(*a)), *b = malloc((n + 1) * sizeof(*b));
		char msg[64];

		for (i = 0; i < n; i++) {
			rng ^= rng << 13;
			rng ^= rng >> 7;
			rng ^= rng << 17;
			/*
			 * half the keys from a small range (many equal high
			 * bytes), some all alike, some only in a low byte
			 */
			a[i] = i % 2 ? rng : (rng % 16) << 32 | (uint32_t)i;
			if (i % 7 == 3)
				a[i] = 0x0123456789abcdefULL;
			if (i % 11 == 5)
				a[i] = rng & 0xff;
		}
		memcpy(b, a, n * sizeof(*a));
		u64_sort(a, n);
		if (n)
			qsort(b, n, sizeof(*b), cmp);
		snprintf(msg, sizeof(msg), "%zu keys sorted like qsort", n);
		OK(!n || !memcmp(a, b, n * sizeof(*a)), msg);
		free(a);
		free(b);
	}
	/* every key equal, and keys that differ only in their lowest byte */
	{
		size_t n = 5000;
		uint64_t *a = malloc(n * sizeof(*a));
		int sorted = 1;

		for (i = 0; i < n; i++)
			a[i] = 0xfeedface00000000ULL;
		u64_sort(a, n);
		for (i = 0; i < n; i++)
			sorted &= a[i] == 0xfeedface00000000ULL;
		OK(sorted, "equal keys stay");
		for (i = 0; i < n; i++)
			a[i] = 0x7700000000000000ULL | (uint64_t)((n - i) % 256);
		u64_sort(a, n);
		for (i = 1; i < n; i++)
			sorted &= a[i - 1] <= a[i];
		OK(sorted, "keys differing in the last byte only");
		free(a);
	}
	return harness_done();
}
