/*
 * Unit tests for html_section() in compiler/emit_html.c and the cmark
 * allocator in compiler/mdmem.c: a page renders each section from the tree
 * the lint parsed (body.c keeps it in doc->md), and must give exactly what
 * parsing the section's text alone gives (the fallback). Every section of
 * each body below is rendered both ways and compared; the bodies cover
 * every CommonMark block and inline kind, the sanitizer's cases, CRLF, tabs,
 * sub-headings inside a section and blank lines at the edges.
 */
#include "emit_html.h"

#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "harness.h"
#include "mdmem.h"
#include "xalloc.h"

static struct doc *parse(const char *body)
{
	struct diag_sink sink = DIAG_SINK_INIT;
	struct doc *d = doc_new("corpus/t/x.md", xstrdup(body), strlen(body));
	static const char *const ids[] = {"a", "b"};
	size_t i;

	d->fm_ok = 1;
	d->body_off = 0;
	d->body_line = 1;
	d->nbehaviors = 2;
	d->behaviors = arena_alloc(&d->arena, 2 * sizeof(*d->behaviors));
	for (i = 0; i < 2; i++)
		d->behaviors[i].id = ids[i];
	body_check(d, NULL, &sink);
	diag_release(&sink);
	return d;
}

/* The section rendered from the tree and from its text must agree. */
static void same(struct doc *d, const struct span *sp, const char *what)
{
	struct strbuf tree = STRBUF_INIT, text = STRBUF_INIT;
	struct cmark_node *md = d->md;
	char msg[128];

	html_section(&tree, d, sp);
	d->md = NULL;
	html_section(&text, d, sp);
	d->md = md;
	snprintf(msg, sizeof(msg), "%s: tree and text agree", what);
	if (!harness_ok(!strcmp(tree.buf, text.buf), __FILE__, __LINE__, msg))
		printf("# tree:\n%s# text:\n%s", tree.buf, text.buf);
	strbuf_release(&tree);
	strbuf_release(&text);
}

static void same_all(const char *body, const char *name)
{
	struct doc *d = parse(body);
	char what[128];
	size_t i;

	if (!OK(d->md != NULL, "the lint kept the tree"))
		return;
	snprintf(what, sizeof(what), "%s scenario", name);
	same(d, &d->scenario, what);
	for (i = 0; i < d->nbehaviors; i++) {
		snprintf(what, sizeof(what), "%s behavior %zu text", name, i);
		same(d, &d->behaviors[i].text, what);
		snprintf(what, sizeof(what), "%s behavior %zu thoughts", name, i);
		same(d, &d->behaviors[i].thoughts, what);
	}
	snprintf(what, sizeof(what), "%s consequences", name);
	same(d, &d->consequences, what);
	snprintf(what, sizeof(what), "%s notes", name);
	same(d, &d->notes, what);
	doc_free(d);
}

static const char *const bodies[] = {
	/* every block kind */
	"## Scenario\n\n\n"
	"A paragraph with *emphasis*, **strong**, `code`, a [link](https://example.org/a \"t\"),\n"
	"an autolink <https://example.org/b>, an entity &amp; &copy; and a hard  \n"
	"break, a backslash\\\nbreak and \\*escapes\\*.\n\n"
	"> a quote\n> > nested\n\n"
	"- tight\n- list\n  - nested\n\n"
	"1. loose\n\n2. list\n\n"
	"```python\ncode <b>\n\n\n```\n\n"
	"    indented code\n\tand a tab\n\n"
	"***\n\n"
	"#### A sub-heading inside the section\n\n"
	"Setext inside? No: level 3 cannot be setext.\n\n\n"
	"## Behavior: a\n\n"
	"Text of a with raw <span onclick=\"x()\">inline HTML</span>.\n\n"
	"<div>\nblock html\n</div>\n\n"
	"### Thoughts\n\n"
	"Thoughts of a.\n\n"
	"### Other level-3 heading\n\n"
	"still thoughts\n\n"
	"## Behavior: b\n"
	"No blank line after the heading.\n"
	"### Thoughts\n"
	"Thoughts of b, last line without a newline before the next heading.\n"
	"## Consequences\n\n"
	"What follows.\n\n\n\n"
	"## Notes\n\n"
	"Notes at the end\n\n\n",

	/* the sanitizer: links and images of every kind */
	"## Scenario\n\n"
	"[js](javascript:alert(1)) [vb](vbscript:x) [file](file:///etc/passwd) "
	"[data](data:text/html,x) [ok](http://example.org) [mail](mailto:a@b.c) "
	"[rel](../x.html) [ftp](ftp://example.org/x)\n\n"
	"![alt text](https://example.org/i.png \"title\") ![](https://example.org/j.png)\n"
	"![inline](data:image/png;base64,iVBORw0KGgo=) ![svg](data:image/svg+xml,<svg/>)\n"
	"[![nested *img*](https://example.org/k.png)](https://example.org/l)\n"
	"![bad](javascript:x) ![**strong** alt](x.png)\n\n"
	"## Behavior: a\n\n[a][ref] and [b][missing]\n\n[ref]: https://example.org/r\n\n"
	"### Thoughts\n\n<script>alert(1)</script>\n\n<!-- comment -->\n\n"
	"## Behavior: b\n\nb\n\n### Thoughts\n\n"
	"| a | b |\n|---|---|\n| 1 | 2 |\n\n"
	"## Notes\n\n* * *\n",

	/* CRLF line endings */
	"## Scenario\r\n\r\nLine one\r\nline two  \r\nline three\r\n\r\n"
	"```\r\ncode\r\n\r\nmore\r\n```\r\n\r\n    indented\r\n\r\n"
	"## Behavior: a\r\n\r\n- x\r\n- y\r\n\r\n### Thoughts\r\n\r\nt\r\n\r\n"
	"## Behavior: b\r\n\r\n> q\r\n\r\n### Thoughts\r\n\r\nu\r\n\r\n"
	"## Notes\r\n\r\nn\r\n",

	/* an unclosed fence swallows the headings after it (in both) */
	"## Scenario\n\ns\n\n## Behavior: a\n\ntext\n\n### Thoughts\n\n"
	"```\nnever closed\n## Behavior: b\n",

	/* a list item that continues over blank lines, and a trailing quote */
	"## Scenario\n\n1. one\n\n   continued\n\n       code in item\n2. two\n\n"
	"## Behavior: a\n\n> q\nlazy continuation\n\n### Thoughts\n\nt\n\n"
	"## Behavior: b\n\nb\n\n### Thoughts\n\nu\n\n## Consequences\n\n> end",
};

static void test_agree(void)
{
	size_t i;
	char name[32];

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		snprintf(name, sizeof(name), "body %zu", i);
		same_all(bodies[i], name);
	}
}

/* The one intended difference: references resolve across the file. */
static void test_reference_across_sections(void)
{
	struct doc *d = parse("## Scenario\n\nSee [the report][r].\n\n"
			      "## Behavior: a\n\na\n\n### Thoughts\n\nt\n\n"
			      "## Behavior: b\n\nb\n\n### Thoughts\n\nu\n\n"
			      "## Notes\n\n[r]: https://example.org/report\n");
	struct strbuf sb = STRBUF_INIT;

	html_section(&sb, d, &d->scenario);
	STR_EQ(sb.buf, "<p>See <a href=\"https://example.org/report\">the report</a>.</p>\n");
	strbuf_release(&sb);
	doc_free(d);
}

/* Sanitizing twice (a quest page renders a section twice) changes nothing. */
static void test_twice(void)
{
	struct doc *d = parse("## Scenario\n\n[x](javascript:y) ![i](https://e.org/i.png) "
			      "![d](data:image/gif;base64,R0lGOD==)\n\n"
			      "## Behavior: a\n\na\n\n### Thoughts\n\nt\n\n"
			      "## Behavior: b\n\nb\n\n### Thoughts\n\nu\n");
	struct strbuf one = STRBUF_INIT, two = STRBUF_INIT;

	html_section(&one, d, &d->scenario);
	html_section(&two, d, &d->scenario);
	STR_EQ(two.buf, one.buf);
	OK(strstr(one.buf, "javascript") == NULL, "the unsafe link is gone");
	OK(strstr(one.buf, "<img src=\"data:image/gif") != NULL, "the inline image stays");
	strbuf_release(&one);
	strbuf_release(&two);
	doc_free(d);
}

/* Nested users on a thread, and chunks reused or released. */
static void test_mdmem(void)
{
	cmark_mem *m = mdmem_get();
	char *a, *b, *c;
	size_t i;

	mdmem_begin();
	a = m->calloc(3, 5);
	OK(a[0] == 0 && a[14] == 0, "calloc zeroes");
	OK(((size_t)a & 15) == 0, "16-byte aligned");
	memcpy(a, "abcdefghijklmn", 15);
	/* the newest grows in place */
	b = m->realloc(a, 4000);
	OK(b == a, "the newest grows in place");
	STR_EQ(b, "abcdefghijklmn");
	c = m->calloc(1, 8);
	/* an older one moves, keeping its bytes */
	a = m->realloc(b, 100000);
	OK(a != b, "an older one moves");
	STR_EQ(a, "abcdefghijklmn");
	m->free(c);
	/* many chunks' worth, then kept as one */
	mdmem_begin();
	for (i = 0; i < 64; i++)
		memset(m->realloc(NULL, 65536), (int)i, 65536);
	mdmem_end();
	a = m->calloc(1, 1 << 20);
	OK(a[0] == 0 && a[(1 << 20) - 1] == 0, "a reused chunk is zeroed by calloc");
	mdmem_end();
	mdmem_release();
	/* usable again after a release */
	mdmem_begin();
	a = m->calloc(1, 16);
	OK(a != NULL && a[15] == 0, "usable after a release");
	mdmem_end();
	mdmem_release();
}

int main(void)
{
	test_agree();
	test_reference_across_sections();
	test_twice();
	test_mdmem();
	return harness_done();
}
