/*
 * u64sort: in-place heapsort of 64-bit keys; see u64sort.h.
 */
#include "u64sort.h"

/* Move v[i] down the max-heap v[0..n) until its children are no larger. */
static void sift_down(uint64_t *v, size_t i, size_t n)
{
	uint64_t x = v[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

void u64_sort(uint64_t *v, size_t n)
{
	size_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (i = n - 1; i > 0; i--) {
		uint64_t t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift_down(v, 0, i);
	}
}
