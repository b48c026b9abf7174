/*
 * test_words: count_words() and word_hashes() of compiler/words.c, the word
 * count the thoughts-too-short check and the pages use and the word hashes of
 * the thoughts-overlap and near-duplicate checks: ASCII and non-ASCII
 * letters, apostrophes inside words only, punctuation and symbols between
 * words. word_hashes() measures ASCII runs eight bytes at a time; random
 * texts of tricky pieces check it against a character-by-character
 * reference (the definition in words.h, written plainly below).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "json.h"
#include "words.h"

/* The reference: words.h's definition, one character at a time. */
static int ref_word_cp(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	return !(cp >= 0x2000 && cp <= 0x2BFF) && cp != 0xA0 && cp != 0x3000 &&
	       !(cp >= 0x3001 && cp <= 0x3003);
}

static unsigned ref_char(const unsigned char *p, size_t i, size_t len, size_t *k)
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

/* The words of s as (offset, length) pairs; returns their count. */
static size_t ref_words(const char *s, size_t len, size_t *off, size_t *wlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0, k;

	while (i < len) {
		size_t start;

		if (!ref_word_cp(ref_char(p, i, len, &k))) {
			i += k;
			continue;
		}
		start = i;
		while (i < len) {
			unsigned cp = ref_char(p, i, len, &k);

			if (ref_word_cp(cp)) {
				i += k;
				continue;
			}
			/*
			 * An apostrophe joins when a word byte follows it: that
			 * byte is judged alone, so any lead byte from 0x80 but
			 * 0xA0 counts.
			 */
			if ((cp == '\'' || cp == 0x2019) && i + k < len && ref_word_cp(p[i + k])) {
				i += k;
				continue;
			}
			break;
		}
		off[n] = start;
		wlen[n++] = i - start;
	}
	return n;
}

struct seen {
	uint64_t h[256];
	size_t n;
};

static void record(void *arg, uint64_t h)
{
	struct seen *sn = arg;

	if (sn->n < 256)
		sn->h[sn->n] = h;
	sn->n++;
}

/* Lowercase ASCII, for comparing words as the hashes do. */
static int same_word(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
	}
	return 1;
}

/*
 * Random texts of pieces that sit on every boundary the fast path has:
 * ASCII of all cases, digits, apostrophes, U+2019, letters and separators
 * from 0x80, invalid and truncated UTF-8, NUL, '@' '[' '`' '{' (the bytes
 * next to the letter ranges). Each text's word count must match the
 * reference, and two words must hash alike exactly when they are the same
 * word up to ASCII case.
 */
static int random_texts(void)
{
	static const char *const piece[] = {
		"a", "Z", "word", "WORDS", "Mixed", "0", "42", " ", "  ", "\n", ".", ",",
		"'", "\xE2\x80\x99", "\xC3\xA9", "\xC3\x89", "\xE2\x80\x94",
		"\xC2\xA0", "\xE3\x80\x82", "\xE6\x97\xA5", "\xFF", "\x80", "\xE2\x80",
		"@", "[", "`", "{", "/", ":", "-", "_", "abcdefghijklmnop", "QRSTUVWXYZ0123456789",
		"don't", "it\xE2\x80\x99s", "\t",
	};
	const size_t npieces = sizeof(piece) / sizeof(piece[0]);
	unsigned seed = 12345;
	int round, bad = 0;

	for (round = 0; round < 20000 && !bad; round++) {
		char text[512];
		size_t off[256], wlen[256], len = 0, nref, i, j, npick;
		struct seen sn = { { 0 }, 0 };

		seed = seed * 1103515245u + 12345u;
		npick = (seed >> 16) % 40;
		for (i = 0; i < npick; i++) {
			const char *pc;

			seed = seed * 1103515245u + 12345u;
			pc = piece[(seed >> 16) % npieces];
			memcpy(text + len, pc, strlen(pc));
			len += strlen(pc);
		}
		if (round % 7 == 0 && len)
			text[len / 2] = '\0';
		/* the text is at the end of a buffer, so loads past it would be caught by ASan */
		{
			char *heap = malloc(len ? len : 1);

			memcpy(heap, text, len);
			nref = ref_words(heap, len, off, wlen);
			if (word_hashes(heap, len, record, &sn) != nref || sn.n != nref) {
				bad = 1;
				printf("# round %d: %zu words, reference %zu\n", round, sn.n, nref);
			}
			for (i = 0; i < nref && !bad; i++) {
				if (!(sn.h[i] & 1))
					bad = 1;
				for (j = 0; j < i && !bad; j++) {
					int same = same_word(heap + off[i], wlen[i], heap + off[j], wlen[j]);
					if (same != (sn.h[i] == sn.h[j])) {
						bad = 1;
						printf("# round %d: words %zu and %zu\n", round, i, j);
					}
				}
			}
			free(heap);
		}
	}
	return !bad;
}

/* The hash of the only word of s. */
static uint64_t one(const char *s)
{
	struct seen sn = { { 0 }, 0 };

	word_hashes(s, strlen(s), record, &sn);
	return sn.n == 1 ? sn.h[0] : 0;
}

static size_t n(const char *s)
{
	return count_words(s, strlen(s));
}

int main(void)
{
	INT_EQ(n(""), 0);
	INT_EQ(n("   \n\t "), 0);
	INT_EQ(n("one"), 1);
	INT_EQ(n("don't stop"), 2);
	INT_EQ(n("it's  the AI\xE2\x80\x99s plan."), 4);       /* U+2019 inside a word */
	INT_EQ(n("rock 'n' roll"), 3);                            /* quotes are not inside */
	INT_EQ(n("end' and 'start"), 3);
	INT_EQ(n("na\xC3\xAFve caf\xC3\xA9 \xE2\x80\x94 done"), 3); /* an em dash separates */
	INT_EQ(n("3.14 x2"), 3);
	INT_EQ(n("a\xC2\xA0" "b"), 2);                          /* no-break space separates */
	INT_EQ(n("\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82\xE8\xAA\x9E"), 2); /* U+3002 separates */
	INT_EQ(n("bad\xFF" "byte"), 1);                           /* U+FFFD is a letter here */
	OK(random_texts(), "20,000 random texts: counts and hashes agree with the reference");
	OK(one("Oversight") == one("oVERSIGHT"), "ASCII case does not change a hash");
	OK(one("Oversight") == one("  oversight."), "nor what is around the word");
	OK(one("abcdefgh") != one("abcdefgi"), "the eighth byte counts");
	OK(one("abcdefghabcdefgh") != one("abcdefgh"), "so does a second block");
	OK(one("caf\xC3\xA9") == one("CAF\xC3\xA9") && one("caf\xC3\xA9") != one("caf\xC3\x89"),
	   "non-ASCII bytes are compared as they are");
	return harness_done();
}
