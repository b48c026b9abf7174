/*
 * u64sort: sort an array of 64-bit keys in place, in time linear in n (at
 * most eight passes of a byte each) and no memory beyond the array and a
 * few KiB of stack (an in-place radix sort). qsort() in glibc copies the array
 * into a temporary buffer as large as itself, which for a corpus-wide table
 * would be the run's peak memory; pack what must be sorted into 64-bit keys
 * (say a 32-bit hash above a 32-bit index) and use this instead.
 */
#ifndef U64SORT_H
#define U64SORT_H

#include <stddef.h>
#include <stdint.h>

void u64_sort(uint64_t *v, size_t n);

#endif
