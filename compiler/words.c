/*
 * words: the one definition of a word in corpusc; see words.h.
 */
#include "words.h"

#include <string.h>

#include "json.h"

static int is_word_cp(unsigned cp)
{
	if (cp < 0x80)
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	/* non-ASCII letters: everything but general punctuation and symbols */
	return !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xA0 && cp != 0x3000 &&
	       !(cp >= 0x3001 && cp <= 0x3003);
}

/* Per byte: 1 an ASCII letter or digit, 2 a byte from 0x80, 0 anything else. */
static const unsigned char word_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/*
 * Eight bytes at a time. ONES * b repeats byte b in every lane; the lane
 * sums below stay under 0x100, so no carry crosses into the next byte.
 */
#define ONES 0x0101010101010101ULL
#define TOPS (ONES * 0x80)
#define LOW7 (ONES * 0x7F)

/* The top bit of each byte in [lo, hi] of x, whose bytes are below 0x80. */
static inline uint64_t in_range(uint64_t x, unsigned lo, unsigned hi)
{
	return (x + ONES * (0x80 - lo)) & ~(x + ONES * (0x7F - hi)) & TOPS;
}

/* The top bit of each byte of w that is an ASCII letter or digit. */
static inline uint64_t alnum8(uint64_t w)
{
	uint64_t x = w & LOW7;

	return (in_range(x, '0', '9') | in_range((x | ONES * 0x20) & LOW7, 'a', 'z')) & ~w;
}

/* w with its ASCII capitals lowercased; other bytes as they are. */
static inline uint64_t lower8(uint64_t w)
{
	return w | (in_range(w & LOW7, 'A', 'Z') & ~w) >> 2;
}

/* The n (1..8) bytes at p, little-endian, zero above them; p + n <= end. */
static inline uint64_t load(const unsigned char *p, size_t n, const unsigned char *end)
{
	uint64_t w = 0;

	if ((size_t)(end - p) >= 8) {
		memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w); /* byte j in bits 8j..8j+7, as ctz expects */
#endif
		if (n < 8)
			w &= ~0ULL >> (64 - 8 * n);
	} else {
		size_t i;

		for (i = 0; i < n; i++)
			w |= (uint64_t)p[i] << (8 * i);
	}
	return w;
}

/*
 * A word's hash: its bytes (ASCII lowercased) eight at a time, each block
 * mixed in with a multiply, then a final mix; never 0.
 */
static uint64_t word_hash(const unsigned char *p, size_t n, const unsigned char *end)
{
	uint64_t h = n * 0xD6E8FEB86659FD93ULL;

	for (; n > 8; p += 8, n -= 8) {
		h = (h ^ lower8(load(p, 8, end))) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 32;
	}
	h = (h ^ lower8(load(p, n, end))) * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9ULL;
	return (h ^ (h >> 29)) | 1;
}

/* The character at p[i]: its code point, and its length in *k. */
static unsigned char_at(const unsigned char *p, size_t i, size_t len, size_t *k)
{
	unsigned cp = p[i];

	*k = 1;
	if (cp >= 0x80) {
		*k = utf8_seq_len(p + i, len - i, &cp);
		if (!*k) {
			*k = 1;
			cp = 0xFFFD;
		}
	}
	return cp;
}

/*
 * A word's extent first, then its hash. Runs of ASCII letters and digits,
 * most of any text, are measured eight bytes at a time; an apostrophe or a
 * byte from 0x80 inside a word takes the character-by-character path.
 */
static size_t scan(const char *s, size_t len, void (*fn)(void *, uint64_t),
                   void (*sfn)(void *, const char *, size_t, uint64_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t i = 0, n = 0, k, start;

	while (i < len) {
		unsigned cp;

		while (i < len && !word_class[p[i]])
			i++;
		if (i >= len)
			break;
		if (word_class[p[i]] == 2 && !is_word_cp(char_at(p, i, len, &k))) {
			i += k;
			continue;
		}
		start = i;
		for (;;) {
			uint64_t stop;

			/* past the end load() reads zeros, which end the run */
			while (
			    !(stop = ~alnum8(load(p + i, len - i < 8 ? len - i : 8, end)) & TOPS))
				i += 8;
			i += (size_t)__builtin_ctzll(stop) >> 3;
			if (i >= len || (p[i] < 0x80 && p[i] != '\''))
				break;
			cp = char_at(p, i, len, &k);
			if (!is_word_cp(cp) &&
			    !((cp == '\'' || cp == 0x2019) && i + k < len && is_word_cp(p[i + k])))
				break;
			i += k;
		}
		n++;
		if (fn)
			fn(arg, word_hash(p + start, i - start, end));
		if (sfn)
			sfn(arg, s + start, i - start, word_hash(p + start, i - start, end));
	}
	return n;
}

size_t word_hashes(const char *s, size_t len, void (*fn)(void *, uint64_t), void *arg)
{
	return scan(s, len, fn, NULL, arg);
}

size_t word_spans(const char *s, size_t len,
                  void (*fn)(void *arg, const char *w, size_t wlen, uint64_t hash), void *arg)
{
	return scan(s, len, NULL, fn, arg);
}

size_t count_words(const char *src, size_t len)
{
	return word_hashes(src, len, NULL, NULL);
}
