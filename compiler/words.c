/*
 * words: the one definition of a word in corpusc; see words.h.
 */
#include "words.h"

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

/* The n (0..8) bytes at p, ASCII capitals lowercased, byte j in bits 8j..8j+7. */
static uint64_t block(const unsigned char *p, size_t n)
{
	uint64_t w = 0;
	size_t j;

	for (j = 0; j < n; j++) {
		unsigned c = p[j];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		w |= (uint64_t)c << (8 * j);
	}
	return w;
}

/* A word's hash: its blocks of eight bytes, each mixed in with a multiply, then a final mix; never
 * 0. */
static uint64_t word_hash(const unsigned char *p, size_t n)
{
	uint64_t h = n * 0xD6E8FEB86659FD93ULL;

	for (; n > 8; p += 8, n -= 8) {
		h = (h ^ block(p, 8)) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 32;
	}
	h = (h ^ block(p, n)) * 0x9E3779B97F4A7C15ULL;
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

/* A word's extent first, then its hash. */
static size_t scan(const char *s, size_t len, void (*fn)(void *, uint64_t),
                   void (*sfn)(void *, const char *, size_t, uint64_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
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
			while (i < len && word_class[p[i]] == 1)
				i++;
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
			fn(arg, word_hash(p + start, i - start));
		if (sfn)
			sfn(arg, s + start, i - start, word_hash(p + start, i - start));
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
