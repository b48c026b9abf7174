/*
 * body: sections of a scenario body; see body.h.
 *
 * Only top-level headings count, so a '## ' inside a code fence, list or
 * block quote is text. A section's text is the source between its heading and
 * the next heading that ends it: a level-1 or level-2 heading ends any section;
 * a behavior's text also ends at its '### Thoughts' (docs/format.md 5.1).
 */
#include "body.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mdmem.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

enum sec_kind { SEC_NONE, SEC_SCENARIO, SEC_BEHAVIOR, SEC_CONSEQUENCES, SEC_NOTES };

struct heading {
	int level;
	int line, end_line; /* file lines */
	int col;
	char *text;
};

static void collect_text(cmark_node *n, struct strbuf *sb)
{
	cmark_node *c;

	for (c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(c);
			if (lit)
				strbuf_addstr(sb, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			strbuf_addch(sb, ' ');
		} else {
			collect_text(c, sb);
		}
	}
}

/*
 * What happens at a paragraph's line endings, in document order: a soft or
 * hard break node, a node that holds known line endings of its own (raw
 * HTML keeps them in its literal), or a node that may hold some we cannot
 * count (a code span turns them into spaces; a link may have them between
 * its text, destination and title).
 */
enum brk { BRK_SOFT, BRK_HARD, BRK_LINES, BRK_UNKNOWN };

struct brk_ev {
	enum brk kind;
	int nlines; /* BRK_LINES */
};

static void add_soft(struct doc *doc, size_t *alloc, int file_line)
{
	size_t off = doc_line_off(doc, file_line + 1);

	if (off == 0 || off > doc->len || doc->src[off - 1] != '\n')
		return;
	off--;
	if (off > 0 && doc->src[off - 1] == '\r')
		off--;
	XGROW(doc->softbreaks, *alloc, doc->nsoftbreaks + 1);
	doc->softbreaks[doc->nsoftbreaks++] = off;
}

/*
 * The soft breaks of one paragraph. cmark gives no reliable position for
 * inline nodes, but a paragraph's lines are known: each of its line
 * endings is a break node or lies inside an inline node. So the breaks
 * counted from the paragraph's first line up to the first node that may
 * hide line endings are exact, and so are those counted back from its
 * last line after the last such node. NEEDSWORK: the breaks between two
 * such nodes (two code spans spanning lines in one paragraph) stay as
 * written.
 */
static void paragraph_softbreaks(struct doc *doc, cmark_node *para, int line_base, size_t *alloc,
                                 struct brk_ev **ev, size_t *aev)
{
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type e;
	size_t n = 0, i, first_unknown, last_unknown;
	int first = cmark_node_get_start_line(para) + line_base;
	int last = cmark_node_get_end_line(para) + line_base;
	int line;

	while ((e = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		struct brk_ev b = {BRK_SOFT, 0};

		if (c == para)
			continue;
		if (t == CMARK_NODE_SOFTBREAK && e == CMARK_EVENT_ENTER) {
			b.kind = BRK_SOFT;
		} else if (t == CMARK_NODE_LINEBREAK && e == CMARK_EVENT_ENTER) {
			b.kind = BRK_HARD;
		} else if (t == CMARK_NODE_HTML_INLINE && e == CMARK_EVENT_ENTER) {
			const char *lit = cmark_node_get_literal(c);
			b.kind = BRK_LINES;
			for (; lit && *lit; lit++)
				b.nlines += *lit == '\n';
			if (!b.nlines)
				continue;
		} else if ((t == CMARK_NODE_CODE && e == CMARK_EVENT_ENTER) ||
		           ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		            e == CMARK_EVENT_EXIT)) {
			b.kind = BRK_UNKNOWN;
		} else {
			continue;
		}
		XGROW(*ev, *aev, n + 1);
		(*ev)[n++] = b;
	}
	cmark_iter_free(it);

	/* with no hidden line ending, the breaks are the line endings in order */
	for (i = 0, line = first; i < n; i++)
		line += (*ev)[i].kind == BRK_LINES ? (*ev)[i].nlines : (*ev)[i].kind != BRK_UNKNOWN;
	if (line == last) {
		for (i = 0; i < n; i++)
			if ((*ev)[i].kind == BRK_UNKNOWN)
				(*ev)[i].kind = BRK_LINES; /* holds none */
	}
	for (first_unknown = 0; first_unknown < n && (*ev)[first_unknown].kind != BRK_UNKNOWN;
	     first_unknown++)
		;
	for (i = 0, line = first; i < first_unknown; i++) {
		if ((*ev)[i].kind == BRK_LINES) {
			line += (*ev)[i].nlines;
			continue;
		}
		if ((*ev)[i].kind == BRK_SOFT)
			add_soft(doc, alloc, line);
		line++;
	}
	if (first_unknown == n)
		return;
	for (last_unknown = n; (*ev)[last_unknown - 1].kind != BRK_UNKNOWN; last_unknown--)
		;
	for (i = n, line = last; i > last_unknown; i--) {
		if ((*ev)[i - 1].kind == BRK_LINES) {
			line -= (*ev)[i - 1].nlines;
			continue;
		}
		line--;
		if ((*ev)[i - 1].kind == BRK_SOFT)
			add_soft(doc, alloc, line);
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Fill doc->softbreaks from the tree (docs/format.md 5.1: "soft line break"). */
static void find_softbreaks(struct doc *doc, cmark_node *root, int line_base)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type e;
	size_t alloc = 0, aev = 0;
	struct brk_ev *ev = NULL;

	while ((e = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (e == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			paragraph_softbreaks(doc, n, line_base, &alloc, &ev, &aev);
	}
	cmark_iter_free(it);
	free(ev);
	/* the backward passes add out of order */
	if (doc->nsoftbreaks > 1)
		qsort(doc->softbreaks, doc->nsoftbreaks, sizeof(size_t), cmp_size);
	if (doc->nsoftbreaks) {
		size_t *v = arena_alloc(&doc->arena, doc->nsoftbreaks * sizeof(size_t));
		memcpy(v, doc->softbreaks, doc->nsoftbreaks * sizeof(size_t));
		free(doc->softbreaks);
		doc->softbreaks = v;
	}
}

struct span body_trim(const struct doc *doc, size_t off, size_t end)
{
	struct span sp;
	const char *s = doc->src;
	size_t p = off, e = end;

	/* drop whole blank lines at the start */
	while (p < e) {
		size_t q = p;
		while (q < e && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r'))
			q++;
		if (q < e && s[q] == '\n')
			p = q + 1;
		else if (q == e)
			p = e;
		else
			break;
	}
	/* and at the end: back up over trailing whitespace-only lines */
	while (e > p &&
	       (s[e - 1] == '\n' || s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t')) {
		size_t q = e;
		/* find the start of the last line */
		while (q > p && s[q - 1] != '\n')
			q--;
		{
			size_t k = q;
			while (k < e &&
			       (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\n'))
				k++;
			if (k == e) {
				/* the last line is blank: drop it and its newline */
				e = q;
				while (e > p && (s[e - 1] == '\n' || s[e - 1] == '\r'))
					e--;
			} else {
				/* keep the text line's own trailing blanks; drop its line end */
				while (e > p && (s[e - 1] == '\n' || s[e - 1] == '\r'))
					e--;
				break;
			}
		}
	}
	sp.off = p;
	sp.len = e > p ? e - p : 0;
	sp.line = doc_loc_at(doc, p).line;
	return sp;
}

static const char *const sec_names[] = {"Scenario", "Consequences", "Notes", "Behavior: "};

/* Classify a level-2 heading; *bid gets the id after "Behavior: ". */
static enum sec_kind classify(const char *t, const char **bid)
{
	*bid = NULL;
	if (!strcmp(t, "Scenario"))
		return SEC_SCENARIO;
	if (!strcmp(t, "Consequences"))
		return SEC_CONSEQUENCES;
	if (!strcmp(t, "Notes"))
		return SEC_NOTES;
	if (!strncmp(t, "Behavior:", 9)) {
		const char *p = t + 9;
		while (*p == ' ')
			p++;
		*bid = p;
		return SEC_BEHAVIOR;
	}
	return SEC_NONE;
}

static const char *sec_title(enum sec_kind k)
{
	switch (k) {
	case SEC_SCENARIO:
		return "Scenario";
	case SEC_BEHAVIOR:
		return "Behavior";
	case SEC_CONSEQUENCES:
		return "Consequences";
	case SEC_NOTES:
		return "Notes";
	default:
		return "?";
	}
}

/*
 * Caps checked before cmark sees the body. cmark 0.30.2 (Debian 12) is
 * quadratic on runs of link/image openers ("![[]()" repeated: 31 s for
 * 900 KB, CVE-2023-22486) and on deeply nested list markers followed by
 * blank lines (2 s for 10 KB of markers); real scenarios stay far below
 * these limits.
 */
#define BODY_MAX_BRACKETS 4000
#define BODY_MAX_NESTING 32

static int body_precheck(const struct doc *doc, size_t off, size_t end, int line,
                         struct diag_sink *sink)
{
	const char *s = doc->src + off, *e = doc->src + end, *p;
	size_t brackets = 0;
	const char *first_deep = NULL;
	int deepest = 0;

	for (p = s; p < e && (p = memchr(p, '[', (size_t)(e - p))); p++)
		brackets++;
	for (p = s; p < e;) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *q = p;
		const char *le = nl ? nl : e;
		int depth = 0, spaces = 0;

		/* container markers at the line start: > - * + 1. 1) and indentation */
		while (q < le) {
			if (*q == ' ') {
				if (++spaces == 4) {
					depth++;
					spaces = 0;
				}
				q++;
			} else if (*q == '\t') {
				depth++;
				q++;
			} else if (*q == '>') {
				depth++;
				spaces = 0;
				q++;
			} else if ((*q == '-' || *q == '*' || *q == '+') && q + 1 < le &&
			           (q[1] == ' ' || q[1] == '\t')) {
				depth++;
				spaces = 0;
				q += 2;
			} else if (*q >= '0' && *q <= '9') {
				const char *d = q;
				while (d < le && d - q < 9 && *d >= '0' && *d <= '9')
					d++;
				if (d + 1 < le && (*d == '.' || *d == ')') &&
				    (d[1] == ' ' || d[1] == '\t')) {
					depth++;
					spaces = 0;
					q = d + 2;
				} else {
					break;
				}
			} else {
				break;
			}
		}
		if (depth > deepest) {
			deepest = depth;
			if (depth > BODY_MAX_NESTING && !first_deep)
				first_deep = p;
		}
		p = nl ? nl + 1 : e;
	}
	if (brackets > BODY_MAX_BRACKETS) {
		struct loc l = {doc->path, line, 1};
		diag_add(sink, DIAG_ERROR, &l, "markdown-too-complex",
		         "the body has %zu '[' characters; the limit is %d (the Markdown parser is "
		         "slow on many brackets)",
		         brackets, BODY_MAX_BRACKETS);
	}
	if (first_deep) {
		struct loc l = doc_loc_at(doc, (size_t)(first_deep - doc->src));
		diag_add(
		    sink, DIAG_ERROR, &l, "markdown-too-complex",
		    "block quotes, lists or indentation nested %d levels deep; the limit is %d",
		    deepest, BODY_MAX_NESTING);
	}
	return brackets <= BODY_MAX_BRACKETS && !first_deep;
}

/*
 * The headings of the body, in order (hs, *nh), and where its first content
 * before any heading is (first->path NULL when there is none).
 */
static struct heading *collect_headings(struct doc *doc, cmark_node *root, size_t *nh_out,
                                        struct loc *first_content)
{
	struct heading *hs = NULL;
	size_t nh = 0, ah = 0;
	struct strbuf sb = STRBUF_INIT;
	int line_base = doc->body_line - 1;
	cmark_node *n;

	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING) {
			if (!nh && !first_content->path) {
				first_content->path = doc->path;
				first_content->line = cmark_node_get_start_line(n) + line_base;
				first_content->col = cmark_node_get_start_column(n);
			}
			continue;
		}
		XGROW(hs, ah, nh + 1);
		hs[nh].level = cmark_node_get_heading_level(n);
		hs[nh].line = cmark_node_get_start_line(n) + line_base;
		hs[nh].end_line = cmark_node_get_end_line(n) + line_base;
		hs[nh].col = cmark_node_get_start_column(n);
		strbuf_reset(&sb);
		collect_text(n, &sb);
		hs[nh].text = arena_strndup(&doc->arena, sb.buf, sb.len);
		nh++;
	}
	strbuf_release(&sb);
	*nh_out = nh;
	return hs;
}

/*
 * The section of behavior bid, hs[i] (its subsections run to hs[j]; its
 * text from text_start to text_end): its text and thoughts.
 */
static void behavior_section(struct doc *doc, const struct heading *hs, size_t i, size_t j,
                             size_t text_start, size_t text_end, const char *bid,
                             char *seen_behavior, struct diag_sink *sink)
{
	struct loc hl = {doc->path, hs[i].line, hs[i].col};
	int bi = doc_behavior_index(doc, bid);
	struct behavior *b;
	size_t t, thoughts_at = 0, thoughts_end = text_end;
	int nthoughts = 0;

	if (bi < 0 && doc->fm_ok != 1)
		return; /* front matter unreadable: nothing to match against */
	if (bi < 0) {
		const char **ids = xmalloc((doc->nbehaviors + 1) * sizeof(*ids));
		size_t m = 0;
		const char *sug;
		for (t = 0; t < doc->nbehaviors; t++)
			if (doc->behaviors[t].id)
				ids[m++] = doc->behaviors[t].id;
		sug = *bid ? suggest_closest(bid, ids, m) : NULL;
		if (sug)
			diag_add(sink, DIAG_ERROR, &hl, "behavior-section-unknown",
			         "section for behavior '%s', which front matter "
			         "does not list; did you mean '%s'?",
			         bid, sug);
		else
			diag_add(sink, DIAG_ERROR, &hl, "behavior-section-unknown",
			         "section for behavior '%s', which front matter "
			         "does not list; add it to 'behaviors'",
			         bid);
		free(ids);
		return;
	}
	if (seen_behavior[bi]) {
		diag_add(sink, DIAG_ERROR, &hl, "section-duplicate",
		         "a second section for behavior '%s'; merge them", bid);
		return;
	}
	seen_behavior[bi] = 1;
	b = &doc->behaviors[bi];
	b->has_section = 1;
	b->heading = hl;
	for (t = i + 1; t < j; t++) {
		if (hs[t].level == 3 && !strcmp(hs[t].text, "Thoughts")) {
			if (nthoughts++) {
				struct loc tl = {doc->path, hs[t].line, hs[t].col};
				diag_add(sink, DIAG_ERROR, &tl, "section-duplicate",
				         "a second '### Thoughts' in behavior "
				         "'%s'; merge them",
				         bid);
				continue;
			}
			thoughts_at = t;
		}
	}
	if (nthoughts) {
		size_t tstart = doc_line_off(doc, hs[thoughts_at].end_line + 1);
		b->has_thoughts = 1;
		b->thoughts_heading.path = doc->path;
		b->thoughts_heading.line = hs[thoughts_at].line;
		b->thoughts_heading.col = hs[thoughts_at].col;
		b->text = body_trim(doc, text_start, doc_line_off(doc, hs[thoughts_at].line));
		b->thoughts = body_trim(doc, tstart, thoughts_end);
	} else {
		b->text = body_trim(doc, text_start, text_end);
	}
	if (!b->text.len)
		diag_add(sink, DIAG_ERROR, &hl, "section-empty",
		         "behavior '%s' has no text before its thoughts; say what "
		         "the AI does",
		         bid);
}

/* The Scenario section and a section for each behavior must be there. */
static void check_missing(struct doc *doc, struct diag_sink *sink)
{
	size_t i;

	if (!doc->has_scenario) {
		struct loc l = {doc->path, doc->body_line, 1};
		if (l.line > (int)doc->nlines)
			l.line = (int)doc->nlines;
		diag_add(sink, DIAG_ERROR, &l, "section-scenario-missing",
		         "the body has no '## Scenario' section; start the body with it");
	}
	for (i = 0; i < doc->nbehaviors; i++) {
		struct behavior *b = &doc->behaviors[i];
		if (b->id && !b->has_section)
			diag_add(sink, DIAG_ERROR, &b->id_loc, "behavior-section-missing",
			         "behavior '%s' has no '## Behavior: %s' section; add one with its "
			         "text and thoughts",
			         b->id, b->id);
	}
}

/*
 * What section heading h starts (its behavior id in *bid), or SEC_NONE
 * after reporting a heading that starts none (subheadings are not reported
 * unless they look like a misspelt Thoughts heading after a behavior).
 */
static enum sec_kind heading_kind(const struct doc *doc, const struct heading *h,
                                  enum sec_kind last, const char **bid, struct diag_sink *sink)
{
	struct loc hl = {doc->path, h->line, h->col};
	enum sec_kind k;

	if (h->level > 2) {
		if (h->level == 3 && strcmp(h->text, "Thoughts") &&
		    suggest_distance(h->text, "Thoughts") <= 2 && last == SEC_BEHAVIOR)
			diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
			         "heading '%s' is not a thoughts heading; did you mean "
			         "'### Thoughts'?",
			         h->text);
		return SEC_NONE;
	}
	if (h->level == 1) {
		diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
		         "level-1 heading '%s'; sections are level-2 headings ('## "
		         "Scenario', '## Behavior: <id>', ...)",
		         h->text);
		return SEC_NONE;
	}
	k = classify(h->text, bid);
	if (k == SEC_NONE) {
		const char *sug = suggest_closest(h->text, sec_names, 3);
		if (!sug && !strncasecmp(h->text, "behavio", 7)) {
			const char *p = strchr(h->text, ':');
			diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
			         "unknown section '%s'; did you mean '## Behavior: %s'?", h->text,
			         p ? p + 1 + strspn(p + 1, " ") : "<id>");
		} else if (sug) {
			diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
			         "unknown section '%s'; did you mean '## %s'?", h->text, sug);
		} else {
			diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
			         "unknown section '%s'; use Scenario, Behavior: <id>, "
			         "Consequences or Notes",
			         h->text);
		}
		return SEC_NONE;
	}
	return k;
}

void body_check(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	cmark_parser *parser;
	cmark_node *root;
	struct heading *hs;
	size_t nh, i, j;
	enum sec_kind last = SEC_NONE;
	struct loc first_content = {NULL, 0, 0};
	char *seen_behavior;
	char seen_kind[SEC_NOTES + 1] = {0};
	/* the directory form: scenario.md's body ends where its file does */
	size_t end = doc->dir_form && doc->body_end ? doc->body_end : doc->len;

	(void)cfg;
	if (!body_precheck(doc, doc->body_off, end, doc->body_line, sink))
		return;
	/* kept for the page (emit_html.c renders the sections from it) */
	mdmem_begin();
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mdmem_get());
	cmark_parser_feed(parser, doc->src + doc->body_off, end - doc->body_off);
	root = doc->md = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	find_softbreaks(doc, root, doc->body_line - 1);
	hs = collect_headings(doc, root, &nh, &first_content);
	doc->body_ok = 1;
	seen_behavior = xcalloc(doc->nbehaviors + 1, 1);
	if (first_content.path) {
		diag_add(sink, DIAG_ERROR, &first_content, "section-order",
		         "text before the first section; the body must start with '## Scenario'");
	}
	for (i = 0; i < nh; i++) {
		struct heading *h = &hs[i];
		struct loc hl = {doc->path, h->line, h->col};
		size_t text_start = doc_line_off(doc, h->end_line + 1);
		size_t text_end;
		const char *bid;
		enum sec_kind k;

		/* the section runs to the next heading of level 1 or 2 */
		for (j = i + 1; j < nh && hs[j].level > 2; j++)
			;
		text_end = j < nh ? doc_line_off(doc, hs[j].line) : end;

		k = heading_kind(doc, h, last, &bid, sink);
		if (k == SEC_NONE)
			continue;
		if (k != SEC_BEHAVIOR && seen_kind[k]) {
			diag_add(sink, DIAG_ERROR, &hl, "section-duplicate",
			         "a second '## %s' section; merge it into the first", sec_title(k));
			continue;
		}
		seen_kind[k] = 1;
		if (k < last)
			diag_add(sink, DIAG_ERROR, &hl, "section-order",
			         "'## %s' after '## %s'; order sections Scenario, Behavior, "
			         "Consequences, Notes",
			         sec_title(k), sec_title(last));
		if (last == SEC_NONE && k != SEC_SCENARIO)
			diag_add(sink, DIAG_ERROR, &hl, "section-order",
			         "the first section must be '## Scenario', not '## %s'", h->text);
		if (k > last)
			last = k;
		switch (k) {
		case SEC_SCENARIO:
			doc->has_scenario = 1;
			doc->scenario_heading = hl;
			doc->scenario = body_trim(doc, text_start, text_end);
			if (!doc->scenario.len)
				diag_add(sink, DIAG_ERROR, &hl, "section-empty",
				         "the Scenario section is empty; describe the situation");
			break;
		case SEC_CONSEQUENCES:
			doc->has_consequences = 1;
			doc->consequences_heading = hl;
			doc->consequences = body_trim(doc, text_start, text_end);
			if (!doc->consequences.len)
				diag_add(sink, DIAG_ERROR, &hl, "section-empty",
				         "the Consequences section is empty; write what follows or "
				         "remove it");
			break;
		case SEC_NOTES:
			doc->has_notes = 1;
			doc->notes = body_trim(doc, text_start, text_end);
			break;
		case SEC_BEHAVIOR:
			if (doc->dir_form)
				diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
				         "a behavior section in scenario.md; in the directory form "
				         "each behavior is its own file: move it to "
				         "behaviors/%s.md",
				         *bid ? bid : "<id>");
			else
				behavior_section(doc, hs, i, j, text_start, text_end, bid,
				                 seen_behavior, sink);
			break;
		default:
			break;
		}
	}
	check_missing(doc, sink);
	free(seen_behavior);
	free(hs);
}

void body_behavior_file(struct doc *doc, struct behavior *b, size_t off, size_t end,
                        struct diag_sink *sink)
{
	cmark_parser *parser;
	cmark_node *root, *n;
	struct strbuf sb = STRBUF_INIT;
	int line_base = doc_loc_at(doc, off).line - 1, nthoughts = 0;
	size_t text_end = end, thoughts_start = end, thoughts_end = end;

	b->has_section = 1;
	b->heading.path = doc->path;
	b->heading.line = line_base + 1;
	b->heading.col = 1;
	if (!body_precheck(doc, off, end, line_base + 1, sink))
		return;
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(parser, doc->src + off, end - off);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		int level;
		struct loc hl;

		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(n);
		hl.path = doc->path;
		hl.line = cmark_node_get_start_line(n) + line_base;
		hl.col = cmark_node_get_start_column(n);
		strbuf_reset(&sb);
		collect_text(n, &sb);
		if (level == 2 && !strcmp(sb.buf, "Thoughts")) {
			if (nthoughts++) {
				diag_add(sink, DIAG_ERROR, &hl, "section-duplicate",
				         "a second '## Thoughts' in behavior '%s'; merge them",
				         b->id);
				continue;
			}
			b->has_thoughts = 1;
			b->thoughts_heading = hl;
			text_end = doc_line_off(doc, hl.line);
			thoughts_start =
			    doc_line_off(doc, cmark_node_get_end_line(n) + line_base + 1);
			continue;
		}
		if (level > 2) {
			if (!nthoughts && !strcmp(sb.buf, "Thoughts"))
				diag_add(
				    sink, DIAG_ERROR, &hl, "section-unknown",
				    "'%.*s Thoughts' in a behavior file; its thoughts heading is "
				    "level 2: '## Thoughts'",
				    level, "######");
			continue;
		}
		diag_add(sink, DIAG_ERROR, &hl, "section-unknown",
		         "heading '%s' in a behavior file, which holds the behavior's text, "
		         "then '## Thoughts' and the thoughts",
		         sb.buf);
		if (nthoughts && thoughts_end == end)
			thoughts_end = doc_line_off(doc, hl.line);
	}
	cmark_node_free(root);
	strbuf_release(&sb);
	if (text_end > end)
		text_end = end;
	if (thoughts_start > end)
		thoughts_start = end;
	b->text = body_trim(doc, off, text_end);
	if (b->has_thoughts)
		b->thoughts = body_trim(doc, thoughts_start, thoughts_end);
	if (!b->text.len)
		diag_add(sink, DIAG_ERROR, &b->heading, "section-empty",
		         "behavior '%s' has no text before its thoughts; say what the AI does",
		         b->id);
}
