/*
 * u64sort: in-place radix sort of 64-bit keys; see u64sort.h.
 *
 * Most significant byte first, permuting each range in place by cycles
 * (American flag sort: McIlroy, Bostic and McIlroy, "Engineering Radix
 * Sort", 1993), then each byte's bucket by the next byte; ranges of
 * INSERTION_MAX keys or fewer are finished by insertion sort. A level
 * where every key has the same byte costs one counting pass. At most eight
 * levels deep; two 256-entry tables per level on the stack.
 */
#include "u64sort.h"

#define INSERTION_MAX 32

static void insertion_sort(uint64_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint64_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void radix(uint64_t *v, size_t n, int shift)
{
	size_t count[256] = {0}, next[256], end[256];
	size_t i, b, at;

	for (;;) {
		if (n <= INSERTION_MAX) {
			insertion_sort(v, n);
			return;
		}
		for (i = 0; i < n; i++)
			count[(v[i] >> shift) & 0xff]++;
		if (count[(v[0] >> shift) & 0xff] != n)
			break;
		/* one byte value: go on with the next byte, no permutation */
		count[(v[0] >> shift) & 0xff] = 0;
		if (!shift)
			return; /* all equal */
		shift -= 8;
	}
	for (b = 0, at = 0; b < 256; b++) {
		next[b] = at;
		at += count[b];
		end[b] = at;
	}
	for (b = 0; b < 256; b++) {
		/* place keys into bucket b until it is full, swapping out strangers */
		while (next[b] < end[b]) {
			uint64_t x = v[next[b]];
			size_t d = (x >> shift) & 0xff;

			while (d != b) {
				uint64_t t = v[next[d]];
				v[next[d]++] = x;
				x = t;
				d = (x >> shift) & 0xff;
			}
			v[next[b]++] = x;
		}
	}
	if (!shift)
		return;
	for (b = 0, at = 0; b < 256; b++) {
		if (count[b] > 1)
			radix(v + at, count[b], shift - 8);
		at += count[b];
	}
}

void u64_sort(uint64_t *v, size_t n)
{
	if (n >= 2)
		radix(v, n, 56);
}
