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
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/*
 * Word hashes: a rotate-xor per byte (no multiply in the per-byte chain),
 * finished with one multiply-shift mix per word. ASCII is lowercased.
 */
static uint64_t hash_byte(uint64_t h, unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	return ((h << 7) | (h >> 57)) ^ c;
}

static uint64_t hash_end(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x9E3779B97F4A7C15ULL;
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

/* ASCII, the common case, goes through two tight loops: between words and within one. */
size_t word_hashes(const char *s, size_t len, void (*fn)(void *, uint64_t), void *arg)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, k, m;

	while (i < len) {
		uint64_t h = 0;
		unsigned cp;

		while (i < len && !word_class[p[i]])
			i++;
		if (i >= len)
			break;
		if (word_class[p[i]] == 2 && !is_word_cp(char_at(p, i, len, &k))) {
			i += k;
			continue;
		}
		for (;;) {
			while (i < len && word_class[p[i]] == 1)
				h = ((h << 7) | (h >> 57)) ^ (p[i++] | 0x20u);
			if (i >= len)
				break;
			cp = char_at(p, i, len, &k);
			if (!is_word_cp(cp) &&
			    !((cp == '\'' || cp == 0x2019) && i + k < len && is_word_cp(p[i + k])))
				break;
			for (m = 0; m < k; m++)
				h = hash_byte(h, p[i + m]);
			i += k;
		}
		n++;
		if (fn)
			fn(arg, hash_end(h));
	}
	return n;
}

size_t count_words(const char *src, size_t len)
{
	return word_hashes(src, len, NULL, NULL);
}
