/*
 * Unit tests for compiler/diag.c: sorting (path, line, column, severity,
 * rule), counting and removal; the printers through diag_print() into a
 * tmpfile: gcc lines and summary, the caret excerpt, terminal escaping of
 * ESC and other controls, GitHub workflow-command escaping (%, CR, LF, and
 * ':' ',' in properties), and SARIF ruleIndex.
 */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "strbuf.h"

static void add(struct diag_sink *s, enum diag_severity sev, const char *path,
		int line, int col, const char *rule, const char *msg)
{
	struct loc l;

	l.path = path;
	l.line = line;
	l.col = col;
	diag_add(s, sev, &l, rule, "%s", msg);
}

/* Print the sink in fmt; returns the malloc'd text (out + err together). */
static char *print(const struct diag_sink *s, enum diag_format fmt, size_t files,
		   int caret)
{
	struct diag_summary sum;
	FILE *f = tmpfile();
	long n;
	char *buf;

	memset(&sum, 0, sizeof(sum));
	sum.files = files;
	sum.tool_version = "9.9.9";
	sum.caret = caret;
	diag_print(s, fmt, &sum, f, f);
	fflush(f);
	n = ftell(f);
	buf = malloc((size_t)n + 1);
	rewind(f);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_sort(void)
{
	struct diag_sink s = DIAG_SINK_INIT;

	add(&s, DIAG_WARNING, "b.md", 1, 1, "r2", "m");
	add(&s, DIAG_ERROR, "a.md", 10, 1, "r1", "m");
	add(&s, DIAG_ERROR, "a.md", 9, 5, "r1", "m");
	add(&s, DIAG_WARNING, "a.md", 9, 2, "r9", "m");
	add(&s, DIAG_ERROR, "a.md", 9, 2, "r8", "m");
	add(&s, DIAG_ERROR, "a.md", 9, 2, "r3", "m");
	add(&s, DIAG_ERROR, "a.md", 2, 7, "r1", "m");
	diag_sort(&s);
	INT_EQ(s.nr, 7);
	if (s.nr == 7) {
		INT_EQ(s.items[0].line, 2);
		INT_EQ(s.items[1].line, 9);
		INT_EQ(s.items[1].col, 2);
		STR_EQ(s.items[1].rule, "r3");
		STR_EQ(s.items[2].rule, "r8");
		STR_EQ(s.items[3].rule, "r9");
		INT_EQ(s.items[3].sev, DIAG_WARNING);
		INT_EQ(s.items[4].col, 5);
		INT_EQ(s.items[5].line, 10);
		STR_EQ(s.items[6].path, "b.md");
	}
	INT_EQ(diag_count(&s, DIAG_ERROR), 5);
	INT_EQ(diag_count(&s, DIAG_WARNING), 2);
	INT_EQ(diag_count(&s, DIAG_NOTE), 0);
	diag_remove(&s, 0);
	INT_EQ(s.nr, 6);
	INT_EQ(s.items[0].line, 9);
	diag_release(&s);
	INT_EQ(s.nr, 0);
}

static void test_gcc(void)
{
	struct diag_sink s = DIAG_SINK_INIT;
	char *out;

	add(&s, DIAG_ERROR, "corpus/x/y.md", 12, 5, "ranking-incomplete",
	    "ranking by 'maintainers' omits behavior 'clarify-scope'");
	add(&s, DIAG_WARNING, "corpus/x/y.md", 3, 1, "feature-polarity", "w");
	diag_note(&s, "first defined at 1:1");
	add(&s, DIAG_ERROR, "corpus/a.md", 1, 1, "encoding-bom", "e");
	diag_sort(&s);
	out = print(&s, DIAG_FORMAT_GCC, 40, 0);
	STR_EQ(out,
	       "corpus/a.md:1:1: error: e [encoding-bom]\n"
	       "corpus/x/y.md:3:1: warning: w [feature-polarity]\n"
	       "  note: first defined at 1:1\n"
	       "corpus/x/y.md:12:5: error: ranking by 'maintainers' omits behavior 'clarify-scope' [ranking-incomplete]\n"
	       "2 errors, 1 warning in 2 of 40 files\n");
	free(out);
	diag_release(&s);

	out = print(&s, DIAG_FORMAT_GCC, 1, 0);
	STR_EQ(out, "0 errors, 0 warnings in 0 of 1 file\n");
	free(out);
}

static void test_caret(void)
{
	struct diag_sink s = DIAG_SINK_INIT;
	static const char src[] = "first\n\td\xc3\xa9 x\nthird\n";
	char *out;

	s.src = src;
	s.src_len = sizeof(src) - 1;
	s.src_path = "f.md";
	add(&s, DIAG_ERROR, "f.md", 2, 5, "r", "m");
	out = print(&s, DIAG_FORMAT_GCC, 1, 1);
	/* tab kept, one space per code point before column 5 */
	STR_EQ(out, "f.md:2:5: error: m [r]\n  \td\xc3\xa9 x\n  \t   ^\n"
		    "1 error, 0 warnings in 1 of 1 file\n");
	free(out);
	out = print(&s, DIAG_FORMAT_GCC, 1, 0);
	OK(strchr(out, '^') == NULL, "no caret when not on a terminal");
	free(out);
	diag_release(&s);
}

static void test_terminal_escape(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag_sink s = DIAG_SINK_INIT;
	char *out;

	diag_escape_terminal(&sb, "a\x1b[31mb");
	STR_EQ(sb.buf, "a\\x1B[31mb");
	strbuf_reset(&sb);
	diag_escape_terminal(&sb, "t\tn\nr\rd\x7f");
	STR_EQ(sb.buf, "t\tn\\x0Ar\\x0Dd\\x7F");
	strbuf_reset(&sb);
	diag_escape_terminal(&sb, "\xc2\x9b x \xe2\x80\xae y \xe2\x80\xa8");
	STR_EQ(sb.buf, "\\x9B x \\u{202E} y \\u{2028}");
	strbuf_reset(&sb);
	diag_escape_terminal(&sb, "caf\xc3\xa9 \xff");
	STR_EQ(sb.buf, "caf\xc3\xa9 \\xFF");
	strbuf_release(&sb);

	/* in gcc output the path, message and note are escaped */
	add(&s, DIAG_ERROR, "e\x1b]0;x\x07.md", 1, 1, "r", "m\x1b[2J");
	diag_note(&s, "n\x1b");
	out = print(&s, DIAG_FORMAT_GCC, 1, 0);
	OK(strchr(out, 0x1b) == NULL, "no raw ESC in gcc output");
	OK(strchr(out, 0x07) == NULL, "no raw BEL in gcc output");
	OK(strstr(out, "e\\x1B]0;x\\x07.md:1:1: error: m\\x1B[2J [r]\n  note: n\\x1B\n") == out,
	   "path, message and note escaped");
	free(out);
	diag_release(&s);
}

static void test_github(void)
{
	struct diag_sink s = DIAG_SINK_INIT;
	char *out, *nl;

	add(&s, DIAG_ERROR, "corpus/evil,line=1::x.md", 3, 7, "id-filename",
	    "100% sure\nx::y,z\rw");
	add(&s, DIAG_WARNING, "a%0A.md", 1, 2, "feature-polarity", "warn");
	add(&s, DIAG_NOTE, "n.md", 4, 1, "some-note", "fyi");
	diag_sort(&s);
	out = print(&s, DIAG_FORMAT_GITHUB, 3, 0);
	OK(strchr(out, '\r') == NULL, "no raw CR");
	/* exactly three lines, one per finding */
	nl = out;
	INT_EQ(*out != '\0', 1);
	{
		int lines = 0;
		for (nl = out; *nl; nl++)
			lines += *nl == '\n';
		INT_EQ(lines, 3);
	}
	OK(strstr(out, "::warning file=a%250A.md,line=1,col=2,title=feature-polarity::warn [feature-polarity]\n") == out,
	   "warning first (sorted by path), % escaped in the property");
	nl = strstr(out, "::error file=corpus/evil%2Cline=1%3A%3Ax.md,line=3,col=7,title=id-filename::100%25 sure");
	OK(nl != NULL, "file property: ',' and ':' escaped; message: % escaped");
	if (nl) {
		char *end = strchr(nl, '\n');
		*end = '\0';
		OK(strstr(nl, "x::y,z") != NULL, "':' and ',' kept in the message");
		OK(strstr(nl + 3, "\n") == NULL, "the message stays on its line");
		OK(end - nl > 7 && !strcmp(end - 14, " [id-filename]"), "rule at the end");
		*end = '\n';
	}
	OK(strstr(out, "::notice file=n.md,line=4,col=1,title=some-note::fyi [some-note]\n") != NULL,
	   "note severity is ::notice");
	free(out);
	diag_release(&s);
}

static void test_json_and_sarif(void)
{
	struct diag_sink s = DIAG_SINK_INIT;
	char *out, *p;

	add(&s, DIAG_ERROR, "a.md", 3, 7, "encoding-bom", "say \"hi\"\n");
	add(&s, DIAG_WARNING, "a.md", 5, 1, "feature-polarity", "w");
	add(&s, DIAG_ERROR, "b.md", 1, 1, "encoding-bom", "again");
	diag_sort(&s);
	out = print(&s, DIAG_FORMAT_JSON, 2, 0);
	OK(strstr(out, "{\"path\":\"a.md\",\"line\":3,\"column\":7,\"severity\":\"error\",\"rule\":\"encoding-bom\",\"message\":\"say \\\"hi\\\"\\n\"") != NULL,
	   "json finding with escaped message");
	OK(strstr(out, "\"summary\":{\"errors\":2,\"warnings\":1,") != NULL, "json summary");
	free(out);

	out = print(&s, DIAG_FORMAT_SARIF, 2, 0);
	OK(strstr(out, "\"version\":\"2.1.0\"") != NULL, "sarif version");
	/* rules sorted: encoding-bom (0), feature-polarity (1) */
	p = strstr(out, "\"rules\":[");
	OK(p && strstr(p, "{\"id\":\"encoding-bom\"") &&
	   strstr(p, "{\"id\":\"encoding-bom\"") < strstr(p, "{\"id\":\"feature-polarity\""),
	   "rules table in id order");
	OK(strstr(out, "{\"ruleId\":\"feature-polarity\",\"ruleIndex\":1,\"level\":\"warning\"") != NULL,
	   "ruleIndex of the second rule is 1");
	OK(strstr(out, "{\"ruleId\":\"encoding-bom\",\"ruleIndex\":0,\"level\":\"error\"") != NULL,
	   "ruleIndex of the first rule is 0");
	OK(strstr(out, "\"region\":{\"startLine\":3,\"startColumn\":7}") != NULL, "region");
	free(out);
	diag_release(&s);
}

int main(void)
{
	test_sort();
	test_gcc();
	test_caret();
	test_terminal_escape();
	test_github();
	test_json_and_sarif();
	return harness_done();
}
