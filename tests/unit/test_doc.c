/*
 * test_doc: doc_new()'s line index, which every finding's line and column
 * come from. It counts newlines eight bytes at a time, so the inputs cover
 * every length and alignment around a word, newlines at each byte of one,
 * and bytes that differ from '\n' in one bit only (0x8A, 0x0B, 0x0E, 0x4A).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "doc.h"

/* doc_new() on a copy of s[0..len) against a byte-by-byte reference. */
static int index_matches(const char *s, size_t len)
{
	char *src = malloc(len + 1);
	struct doc *doc;
	size_t i, k = 1;
	int ok;

	memcpy(src, s, len);
	src[len] = '\0';
	doc = doc_new("t.md", src, len);
	ok = doc->line_starts[0] == 0;
	for (i = 0; i < len && ok; i++) {
		if (s[i] != '\n')
			continue;
		ok = k < doc->nlines && doc->line_starts[k] == i + 1;
		k++;
	}
	ok = ok && doc->nlines == k;
	doc_free(doc);
	return ok;
}

int main(void)
{
	static const char near[] = { '\n', '\x8A', '\x0B', '\x0E', '\x4A', '\x08', 'a', '\0' };
	char buf[64];
	struct doc *doc;
	struct loc l;
	size_t len, at, fails = 0;
	unsigned seed = 7;
	int round;

	/* one newline at each position of every length up to 40 */
	for (len = 0; len <= 40; len++) {
		memset(buf, 'x', len);
		if (!index_matches(buf, len))
			fails++;
		for (at = 0; at < len; at++) {
			memset(buf, 'x', len);
			buf[at] = '\n';
			if (!index_matches(buf, len))
				fails++;
		}
	}
	INT_EQ(fails, 0);

	/* random mixes of newlines and their near misses */
	fails = 0;
	for (round = 0; round < 20000; round++) {
		len = (size_t)(round % 64);
		for (at = 0; at < len; at++) {
			seed = seed * 1103515245u + 12345u;
			buf[at] = near[(seed >> 16) % sizeof(near)];
		}
		if (!index_matches(buf, len))
			fails++;
	}
	INT_EQ(fails, 0);

	/* all newlines, and a location read through the index */
	memset(buf, '\n', 17);
	OK(index_matches(buf, 17), "seventeen newlines");
	{
		char *src = strdup("ab\ncd\r\n\xC3\xA9" "f\n");

		doc = doc_new("t.md", src, strlen(src));
		INT_EQ(doc->nlines, 4);
		l = doc_loc_at(doc, 9); /* the 'f' after a two-byte letter */
		INT_EQ(l.line, 3);
		INT_EQ(l.col, 2);
		doc_free(doc);
	}
	return harness_done();
}
