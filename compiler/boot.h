/*
 * boot: 95% intervals by resampling scenarios with replacement (docs/format.md
 * section 4, `audit` and `score`), reproducible on any machine.
 *
 * The resamples come from our own generator (splitmix64) from a fixed
 * seed, never from rand(), so every run on every machine draws the same
 * scenarios. An interval is the 2.5th and 97.5th percentile of the
 * statistic over BOOT_RESAMPLES resamples (nearest rank: sorted values
 * at round(0.025 * 999) = 25 and round(0.975 * 999) = 974, 0-based).
 */
#ifndef BOOT_H
#define BOOT_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_RESAMPLES 1000
#define BOOT_SEED 0x5EED2026C0DEULL

/* The next value of the splitmix64 sequence in *state. */
uint64_t boot_next(uint64_t *state);

/*
 * k ratio statistics over n units (scenarios): unit u is row i = pick[u]
 * (i = u when pick is NULL), and statistic j of a resample is the sum of
 * num[i * k + j] over the units drawn divided by the sum of
 * den[i * den_k + j] (den_k == k), or of den[i] for every j (den_k == 1);
 * 0.5 when that sum is 0, as for a resample with no pair. Writes the
 * interval of statistic j to lo[j] and hi[j]. Every call with the same n
 * draws the same resamples. n == 0 gives intervals of NAN. The values are
 * floats (a count of pairs, in halves, is exact up to 2^23), summed as
 * doubles: a hundred thousand scenarios' figures then take 2.4 MB.
 */
void boot_ratio(size_t n, size_t k, const size_t *pick, const float *num, const float *den,
                size_t den_k, double *lo, double *hi);

#endif
