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

/*
 * doc_piece_at() and doc_relocate(): a directory-form doc of three pieces
 * (lines 1-3, 4-5, 6); findings at the assembled lines move to the file that
 * holds the line, at its own line, and others stay as they are.
 */
static void test_relocate(void)
{
	static const char text[] = "a\nb\nc\nd\ne\nf\n";
	struct doc *doc = doc_new("corpus/x/s/", strdup(text), strlen(text));
	struct diag_sink sink = DIAG_SINK_INIT;
	struct loc l;
	static const struct {
		int line, want_line;
		const char *want_path;
	} cases[] = {
	    {1, 1, "corpus/x/s/scenario.md"},        {3, 3, "corpus/x/s/scenario.md"},
	    {4, 1, "corpus/x/s/behaviors/b.md"},     {5, 2, "corpus/x/s/behaviors/b.md"},
	    {6, 1, "corpus/x/s/rankings/r.yaml"},    {7, 2, "corpus/x/s/rankings/r.yaml"},
	};
	size_t i;

	doc->dir_form = 1;
	doc->npieces = 3;
	doc->pieces = arena_alloc(&doc->arena, 3 * sizeof(*doc->pieces));
	memset(doc->pieces, 0, 3 * sizeof(*doc->pieces));
	doc->pieces[0].path = "corpus/x/s/scenario.md";
	doc->pieces[0].first_line = 1;
	doc->pieces[1].path = "corpus/x/s/behaviors/b.md";
	doc->pieces[1].first_line = 4;
	doc->pieces[2].path = "corpus/x/s/rankings/r.yaml";
	doc->pieces[2].first_line = 6;
	OK(doc_piece_at(doc, 0) == &doc->pieces[0], "line 0: the first piece");
	OK(doc_piece_at(doc, 5) == &doc->pieces[1], "line 5 is the behavior's");
	l.path = "elsewhere.md";
	l.line = 4;
	l.col = 2;
	diag_add(&sink, DIAG_ERROR, &l, "x", "not this doc's");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l.path = doc->path;
		l.line = cases[i].line;
		l.col = 3;
		diag_add(&sink, DIAG_ERROR, &l, "x", "m");
	}
	doc_relocate(doc, &sink, 0);
	STR_EQ(sink.items[0].path, "elsewhere.md");
	INT_EQ(sink.items[0].line, 4);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		STR_EQ(sink.items[i + 1].path, cases[i].want_path);
		INT_EQ(sink.items[i + 1].line, cases[i].want_line);
		INT_EQ(sink.items[i + 1].col, 3);
	}
	diag_release(&sink);
	doc_free(doc);
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
	test_relocate();

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
