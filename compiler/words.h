/*
 * words: what corpusc counts as a word, for the thoughts checks, the pages'
 * word counts and near-duplicate shingles alike.
 *
 * A word is a run of letters and digits: ASCII ones, and any non-ASCII
 * character but general punctuation and symbols (U+2000..U+2BFF, U+00A0,
 * U+3000..U+3003). An apostrophe (' or U+2019) inside a word and followed by
 * a word character belongs to it ("don't" is one word). Invalid UTF-8 counts
 * as a letter (the byte gate reports it).
 */
#ifndef WORDS_H
#define WORDS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Call fn (if not NULL) with a 64-bit hash of each word of s[0..len), in
 * order: ASCII letters compare without case; never 0. Returns the count.
 */
size_t word_hashes(const char *s, size_t len, void (*fn)(void *arg, uint64_t hash), void *arg);

/* As word_hashes(), with each word's bytes s[w - s .. + wlen) too. */
size_t word_spans(const char *s, size_t len,
                  void (*fn)(void *arg, const char *w, size_t wlen, uint64_t hash), void *arg);

/* The number of words in src[0..len). */
size_t count_words(const char *src, size_t len);

#endif
