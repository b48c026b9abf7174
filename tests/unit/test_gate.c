/*
 * Unit tests for compiler/gate.c: every byte-level class (invalid UTF-8,
 * NUL, UTF-16, BOM, CRLF, bare CR, C0/C1 controls, U+2028/2029, bidi
 * controls, long lines) at its exact line and column (columns count code
 * points), and the return value that tells whether parsing may go on.
 */
#include "gate.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct gated {
	struct diag_sink sink;
	struct doc *doc;
	size_t bom;
	int ok;
};

static void gate_n(struct gated *g, const char *src, size_t len)
{
	struct diag_sink empty = DIAG_SINK_INIT;
	char *copy = malloc(len + 1);

	memcpy(copy, src, len);
	copy[len] = '\0';
	g->sink = empty;
	g->doc = doc_new("g.md", copy, len);
	g->bom = 99;
	g->ok = gate_check(g->doc, &g->sink, &g->bom);
}

static void gate(struct gated *g, const char *src)
{
	gate_n(g, src, strlen(src));
}

static void done(struct gated *g)
{
	diag_release(&g->sink);
	doc_free(g->doc);
}

/* exactly one finding, with this rule at line:col */
static void one(const struct gated *g, const char *rule, int line, int col,
		int ok, const char *what)
{
	OK(g->sink.nr == 1, what);
	INT_EQ(g->sink.nr, 1);
	INT_EQ(g->ok, ok);
	if (g->sink.nr >= 1) {
		STR_EQ(g->sink.items[0].rule, rule);
		INT_EQ(g->sink.items[0].line, line);
		INT_EQ(g->sink.items[0].col, col);
		STR_EQ(g->sink.items[0].path, "g.md");
		INT_EQ(g->sink.items[0].sev, DIAG_ERROR);
	}
}

static void test_clean(void)
{
	struct gated g;

	gate(&g, "---\nid: x\n---\n\n## Scenario\n\n\tcaf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe4\xb8\xad\n");
	INT_EQ(g.sink.nr, 0);
	INT_EQ(g.ok, 1);
	INT_EQ(g.bom, 0);
	done(&g);
	gate(&g, "");
	INT_EQ(g.sink.nr, 0);
	INT_EQ(g.ok, 1);
	done(&g);
}

static void test_invalid_utf8(void)
{
	struct gated g;

	/* a=1 b=2 é=3 €=4 😀=5, the bad byte at 6 */
	gate(&g, "line one\nab\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff rest\n");
	one(&g, "encoding-invalid-utf8", 2, 6, 0, "invalid byte after multibyte chars");
	if (g.sink.nr)
		OK(strstr(g.sink.items[0].msg, "0xFF") != NULL, "message names the byte");
	done(&g);
	gate(&g, "x\xc0\xaf");
	OK(g.sink.nr >= 1 && g.sink.items[0].col == 2 &&
	   !strcmp(g.sink.items[0].rule, "encoding-invalid-utf8"), "overlong /");
	INT_EQ(g.ok, 0);
	done(&g);
	gate(&g, "\n\n\xed\xa0\x80");
	OK(g.sink.nr >= 1 && g.sink.items[0].line == 3 && g.sink.items[0].col == 1,
	   "surrogate at 3:1");
	INT_EQ(g.ok, 0);
	done(&g);
	gate(&g, "abc\xe2\x82");
	OK(g.sink.nr >= 1 && g.sink.items[0].line == 1 && g.sink.items[0].col == 4 &&
	   !strcmp(g.sink.items[0].rule, "encoding-invalid-utf8"),
	   "truncated sequence at end of file, first byte at 1:4");
	INT_EQ(g.ok, 0);
	done(&g);
	gate(&g, "\xf4\x90\x80\x80");
	OK(g.sink.nr >= 1 && !strcmp(g.sink.items[0].rule, "encoding-invalid-utf8"),
	   "above U+10FFFF");
	done(&g);
}

static void test_nul(void)
{
	struct gated g;

	gate_n(&g, "ab\n\xc3\xa9x\0y\n", 8);
	one(&g, "encoding-nul", 2, 3, 0, "NUL after a 2-byte char");
	done(&g);
}

static void test_utf16(void)
{
	struct gated g;

	gate_n(&g, "\xff\xfe-\0-\0-\0\n\0", 10);
	one(&g, "encoding-utf16", 1, 1, 0, "UTF-16LE BOM");
	done(&g);
	gate_n(&g, "\xfe\xff\0-\0-\0-\0\n", 10);
	one(&g, "encoding-utf16", 1, 1, 0, "UTF-16BE BOM");
	done(&g);
	gate_n(&g, "-\0-\0-\0\n\0", 8);
	one(&g, "encoding-utf16", 1, 1, 0, "UTF-16LE without BOM");
	done(&g);
}

static void test_bom(void)
{
	struct gated g;

	gate(&g, "\xef\xbb\xbf---\nid: x\n");
	one(&g, "encoding-bom", 1, 1, 1, "leading BOM, parsing goes on");
	INT_EQ(g.bom, 3);
	done(&g);
	gate(&g, "ab\xef\xbb\xbf");
	one(&g, "encoding-control", 1, 3, 1, "BOM inside the text");
	INT_EQ(g.bom, 0);
	done(&g);
}

static void test_line_ends(void)
{
	struct gated g;

	gate(&g, "a\r\nbb\r\nc\r\n");
	one(&g, "encoding-crlf", 1, 2, 1, "CRLF: one finding for the file");
	if (g.sink.nr)
		OK(strstr(g.sink.items[0].msg, "3 lines") != NULL, "counts 3 lines");
	done(&g);
	gate(&g, "a\nb\n\xc3\xa9\xc3\xa9\r\n");
	one(&g, "encoding-crlf", 3, 3, 1, "first CRLF on line 3");
	done(&g);
	gate(&g, "ab\ncd\ref\n");
	one(&g, "encoding-bare-cr", 2, 3, 0, "bare CR");
	done(&g);
	gate(&g, "ab\r");
	one(&g, "encoding-bare-cr", 1, 3, 0, "bare CR at end of file");
	done(&g);
}

static void test_controls(void)
{
	struct gated g;

	gate(&g, "x\n\xe2\x82\xac\x01");
	one(&g, "encoding-control", 2, 2, 1, "C0 control");
	done(&g);
	gate(&g, "\x1b[31m");
	one(&g, "encoding-control", 1, 1, 1, "ESC");
	done(&g);
	gate(&g, "a\x7f");
	one(&g, "encoding-control", 1, 2, 1, "DEL");
	done(&g);
	gate(&g, "\xc3\xa9\xc2\x85");
	one(&g, "encoding-control", 1, 2, 1, "C1 control U+0085");
	done(&g);
	gate(&g, "ab\xc2\x9b");
	one(&g, "encoding-control", 1, 3, 1, "C1 control U+009B (CSI)");
	done(&g);
	gate(&g, "\n\nabc\xe2\x80\xa8");
	one(&g, "encoding-control", 3, 4, 1, "U+2028");
	done(&g);
	gate(&g, "\xe2\x80\xa9");
	one(&g, "encoding-control", 1, 1, 1, "U+2029");
	done(&g);
	gate(&g, "tab\there\n");
	INT_EQ(g.sink.nr, 0);
	done(&g);
}

static void test_bidi(void)
{
	static const char *const bidi[] = {
		"\xe2\x80\xae", /* U+202E RLO */
		"\xe2\x80\xaa", /* U+202A LRE */
		"\xe2\x81\xa6", /* U+2066 LRI */
		"\xe2\x81\xa9", /* U+2069 PDI */
		"\xe2\x80\x8f", /* U+200F RLM */
		"\xd8\x9c",     /* U+061C ALM */
	};
	size_t i;

	for (i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++) {
		struct gated g;
		char src[32];

		strcpy(src, "\xc3\xa9z");
		strcat(src, bidi[i]);
		gate(&g, src);
		one(&g, "encoding-bidi", 1, 3, 1, "bidi control");
		done(&g);
	}
}

static void test_long_line(void)
{
	struct gated g;
	size_t n = GATE_MAX_LINE + 10;
	char *s = malloc(n + 8);

	memcpy(s, "ok\n", 3);
	memset(s + 3, 'x', n);
	s[n + 3] = '\n';
	gate_n(&g, s, n + 4);
	one(&g, "line-too-long", 2, 1, 0, "line over the cap");
	done(&g);
	memset(s + 3, 'x', GATE_MAX_LINE);
	s[GATE_MAX_LINE + 3] = '\n';
	gate_n(&g, s, GATE_MAX_LINE + 4);
	INT_EQ(g.sink.nr, 0);
	INT_EQ(g.ok, 1);
	done(&g);
	free(s);
}

static void test_several(void)
{
	struct gated g;

	/* findings of different classes are all reported, each at its place */
	gate(&g, "a\x01\nb\xe2\x80\xae\nc\xff\n");
	INT_EQ(g.sink.nr, 3);
	INT_EQ(g.ok, 0);
	if (g.sink.nr == 3) {
		diag_sort(&g.sink);
		STR_EQ(g.sink.items[0].rule, "encoding-control");
		INT_EQ(g.sink.items[0].line, 1);
		STR_EQ(g.sink.items[1].rule, "encoding-bidi");
		INT_EQ(g.sink.items[1].line, 2);
		STR_EQ(g.sink.items[2].rule, "encoding-invalid-utf8");
		INT_EQ(g.sink.items[2].line, 3);
		INT_EQ(g.sink.items[2].col, 2);
	}
	done(&g);
}

int main(void)
{
	test_clean();
	test_invalid_utf8();
	test_nul();
	test_utf16();
	test_bom();
	test_line_ends();
	test_controls();
	test_bidi();
	test_long_line();
	test_several();
	return harness_done();
}
