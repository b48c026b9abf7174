/*
 * Unit tests for compiler/ytree.c: node positions (1-based, shifted by
 * line_offset), plain versus quoted scalars, the refused YAML features
 * (anchors, aliases, tags, duplicate keys, several documents) reported at
 * their positions, the depth cap, and the YAML 1.2 readings of
 * ynode_bool/ynode_uint/ynode_number without YAML 1.1 guessing (NO, 0755 and
 * 1.10 stay strings).
 */
#include "ytree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

struct parsed {
	struct arena arena;
	struct diag_sink sink;
	struct ynode *root;
	int failed;
};

static void parse_n(struct parsed *p, const char *src, size_t len,
		    int line_offset, int max_depth)
{
	struct ytree_opts o;
	struct diag_sink empty = DIAG_SINK_INIT;
	struct arena a = ARENA_INIT;

	p->arena = a;
	p->sink = empty;
	memset(&o, 0, sizeof(o));
	o.path = "t.md";
	o.line_offset = line_offset;
	o.max_depth = max_depth;
	o.arena = &p->arena;
	o.sink = &p->sink;
	p->root = ytree_parse(src, len, &o, &p->failed);
}

static void parse(struct parsed *p, const char *src, int line_offset)
{
	parse_n(p, src, strlen(src), line_offset, 0);
}

static void done(struct parsed *p)
{
	diag_release(&p->sink);
	arena_release(&p->arena);
}

/* The index of the first finding with this rule, or -1. */
static int find_rule(const struct diag_sink *s, const char *rule)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->items[i].rule, rule))
			return (int)i;
	return -1;
}

static size_t count_rule(const struct diag_sink *s, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < s->nr; i++)
		n += !strcmp(s->items[i].rule, rule);
	return n;
}

static void test_positions(void)
{
	struct parsed p;
	struct ynode *b, *v;

	parse(&p, "a: 1\nb: [x, yy]\nc:\n  - k: v\n", 1);
	INT_EQ(p.failed, 0);
	INT_EQ(p.sink.nr, 0);
	if (!OK(p.root && p.root->kind == YNODE_MAP, "root is a map")) {
		done(&p);
		return;
	}
	INT_EQ(p.root->n, 3);
	INT_EQ(p.root->line, 2);
	INT_EQ(p.root->col, 1);
	INT_EQ(ynode_key(p.root, 0)->line, 2);
	INT_EQ(ynode_key(p.root, 0)->col, 1);
	INT_EQ(ynode_val(p.root, 0)->line, 2);
	INT_EQ(ynode_val(p.root, 0)->col, 4);
	b = ynode_get(p.root, "b");
	OK(b && b->kind == YNODE_SEQ, "b is a list");
	if (b && b->kind == YNODE_SEQ && b->n == 2) {
		INT_EQ(b->line, 3);
		INT_EQ(b->col, 4);
		STR_EQ(b->items[1]->str, "yy");
		INT_EQ(b->items[1]->line, 3);
		INT_EQ(b->items[1]->col, 8);
	}
	v = ynode_get(p.root, "c");
	OK(v && v->kind == YNODE_SEQ && v->n == 1, "c is a list of one");
	if (v && v->kind == YNODE_SEQ && v->n == 1) {
		INT_EQ(v->line, 5);
		INT_EQ(v->col, 3);
		INT_EQ(v->items[0]->kind, YNODE_MAP);
		INT_EQ(v->items[0]->line, 5);
		INT_EQ(v->items[0]->col, 5);
		INT_EQ(ynode_val(v->items[0], 0)->col, 8);
	}
	OK(ynode_get(p.root, "zz") == NULL, "missing key is NULL");
	done(&p);

	/* line_offset 0 and 10 shift lines only */
	parse(&p, "\n\nkey: value\n", 10);
	OK(p.root != NULL, "parsed with offset 10");
	if (p.root) {
		INT_EQ(ynode_key(p.root, 0)->line, 13);
		INT_EQ(ynode_val(p.root, 0)->col, 6);
	}
	done(&p);
	parse(&p, "key: value\n", 0);
	if (OK(p.root != NULL, "parsed with offset 0"))
		INT_EQ(ynode_key(p.root, 0)->line, 1);
	done(&p);
}

static void test_columns_count_code_points(void)
{
	struct parsed p;

	/* "é€" is 2 code points (5 bytes): the value after it starts at col 9 */
	parse(&p, "t: [\xc3\xa9\xe2\x82\xac, z]\n", 0);
	OK(p.root && p.root->kind == YNODE_MAP, "parsed");
	if (p.root) {
		struct ynode *l = ynode_get(p.root, "t");
		if (OK(l && l->kind == YNODE_SEQ && l->n == 2, "two items")) {
			INT_EQ(l->items[1]->line, 1);
			INT_EQ(l->items[1]->col, 9);
		}
	}
	done(&p);
}

static void test_line_separators_do_not_shift_lines(void)
{
	static const char *const seps[] = { "\xc2\x85", "\xe2\x80\xa8",
					    "\xe2\x80\xa9" };
	size_t i;

	/*
	 * libyaml treats NEL, LS and PS as line breaks, but the file does not:
	 * a node after one of them is still on its file line.
	 */
	for (i = 0; i < 3; i++) {
		struct parsed p;
		char src[64];

		snprintf(src, sizeof(src), "a: \"x%sy\"\nb: 1\n", seps[i]);
		parse(&p, src, 1);
		OK(p.root && p.root->kind == YNODE_MAP && p.root->n == 2,
		   "two keys around a line separator");
		if (p.root && p.root->kind == YNODE_MAP && p.root->n == 2) {
			INT_EQ(ynode_key(p.root, 1)->line, 3);
			INT_EQ(ynode_key(p.root, 1)->col, 1);
		}
		done(&p);
	}
}

static void test_plain_and_quoted(void)
{
	struct parsed p;
	struct ynode *n;

	parse(&p, "p: plain\ns: 'single'\nd: \"double\"\nl: |\n  block\nf: >\n  folded\n", 0);
	INT_EQ(p.sink.nr, 0);
	if (!OK(p.root != NULL, "parsed")) {
		done(&p);
		return;
	}
	n = ynode_get(p.root, "p");
	OK(n && n->plain == 1, "plain scalar is plain");
	n = ynode_get(p.root, "s");
	OK(n && n->plain == 0 && !strcmp(n->str, "single"), "single-quoted is not plain");
	n = ynode_get(p.root, "d");
	OK(n && n->plain == 0 && !strcmp(n->str, "double"), "double-quoted is not plain");
	n = ynode_get(p.root, "l");
	OK(n && n->plain == 0 && !strcmp(n->str, "block\n"), "literal block is not plain");
	n = ynode_get(p.root, "f");
	OK(n && n->plain == 0, "folded block is not plain");
	done(&p);

	/* escapes in double quotes; a NUL keeps its length */
	parse(&p, "d: \"a\\0b\\tc\"\n", 0);
	n = p.root ? ynode_get(p.root, "d") : NULL;
	if (OK(n != NULL, "escaped scalar parsed")) {
		INT_EQ(n->len, 5);
		OK(n->len == 5 && !memcmp(n->str, "a\0b\tc", 5), "escapes decoded");
	}
	done(&p);
}

static void test_no_yaml11_guessing(void)
{
	struct parsed p;
	struct ynode *n;
	long v = -1;
	double d = -1;

	parse(&p, "a: NO\nb: 0755\nc: 1.10\nd: yes\ne: true\nf: \"true\"\n"
		  "g: True\nh: FALSE\ni: off\nj: 755\nk: 0\nl: -1\nm: ~\n"
		  "n: null\no: 'null'\np:\nq: 1e3\nr: 0x1F\n", 0);
	INT_EQ(p.sink.nr, 0);
	if (!OK(p.root != NULL, "parsed")) {
		done(&p);
		return;
	}
	n = ynode_get(p.root, "a");
	STR_EQ(n->str, "NO");
	OK(ynode_is_str(n), "NO is a string");
	INT_EQ(ynode_bool(n), -1);
	n = ynode_get(p.root, "b");
	STR_EQ(n->str, "0755");
	OK(ynode_is_str(n), "0755 is a string where a string is expected");
	/* where a number is expected, YAML 1.2 core reads 0755 as decimal 755, not octal */
	INT_EQ(ynode_uint(n, &v), 0);
	INT_EQ(v, 755);
	n = ynode_get(p.root, "c");
	STR_EQ(n->str, "1.10");
	OK(ynode_is_str(n), "1.10 is a string");
	INT_EQ(ynode_uint(n, &v), -1);
	INT_EQ(ynode_number(n, &d), 0);
	DBL_NEAR(d, 1.1, 1e-12);
	INT_EQ(ynode_bool(ynode_get(p.root, "d")), -1);
	INT_EQ(ynode_bool(ynode_get(p.root, "e")), 1);
	INT_EQ(ynode_bool(ynode_get(p.root, "f")), -1);
	OK(ynode_is_str(ynode_get(p.root, "f")), "quoted true is a string");
	INT_EQ(ynode_bool(ynode_get(p.root, "g")), 1);
	INT_EQ(ynode_bool(ynode_get(p.root, "h")), 0);
	INT_EQ(ynode_bool(ynode_get(p.root, "i")), -1);
	INT_EQ(ynode_uint(ynode_get(p.root, "j"), &v), 0);
	INT_EQ(v, 755);
	INT_EQ(ynode_uint(ynode_get(p.root, "k"), &v), 0);
	INT_EQ(v, 0);
	INT_EQ(ynode_uint(ynode_get(p.root, "l"), &v), -1);
	OK(ynode_is_null(ynode_get(p.root, "m")), "~ is null");
	OK(ynode_is_null(ynode_get(p.root, "n")), "null is null");
	OK(!ynode_is_null(ynode_get(p.root, "o")), "quoted 'null' is not null");
	OK(ynode_is_str(ynode_get(p.root, "o")), "quoted 'null' is a string");
	OK(ynode_is_null(ynode_get(p.root, "p")), "empty value is null");
	OK(!ynode_is_str(ynode_get(p.root, "p")), "empty value is no string");
	INT_EQ(ynode_uint(ynode_get(p.root, "q"), &v), -1);
	INT_EQ(ynode_uint(ynode_get(p.root, "r"), &v), -1);
	INT_EQ(ynode_number(ynode_get(p.root, "d"), &d), -1);
	STR_EQ(ynode_kind_name(ynode_get(p.root, "a")), "a string");
	STR_EQ(ynode_kind_name(ynode_get(p.root, "m")), "null");
	done(&p);
}

static void test_anchor_alias_tag(void)
{
	struct parsed p;
	int i;

	parse(&p, "a: &x 1\nb: *x\n", 1);
	i = find_rule(&p.sink, "yaml-anchor");
	if (OK(i >= 0, "anchor reported")) {
		INT_EQ(p.sink.items[i].line, 2);
		INT_EQ(p.sink.items[i].col, 4);
		STR_EQ(p.sink.items[i].path, "t.md");
	}
	i = find_rule(&p.sink, "yaml-alias");
	if (OK(i >= 0, "alias reported")) {
		INT_EQ(p.sink.items[i].line, 3);
		INT_EQ(p.sink.items[i].col, 4);
	}
	done(&p);

	/* an alias to an anchor that was never defined */
	parse(&p, "a: *nowhere\n", 0);
	OK(find_rule(&p.sink, "yaml-alias") >= 0, "undefined alias reported");
	done(&p);

	parse(&p, "a: !!str 1\nb: !local x\nc: !!map {k: v}\n", 0);
	INT_EQ(count_rule(&p.sink, "yaml-tag"), 3);
	i = find_rule(&p.sink, "yaml-tag");
	if (OK(i >= 0, "tag reported")) {
		INT_EQ(p.sink.items[i].line, 1);
		INT_EQ(p.sink.items[i].col, 4);
	}
	done(&p);

	/* an anchor on a mapping and on a sequence */
	parse(&p, "a: &m {k: v}\nb: &s [1]\n", 0);
	INT_EQ(count_rule(&p.sink, "yaml-anchor"), 2);
	done(&p);
}

static void test_duplicate_keys(void)
{
	struct parsed p;
	int i;

	parse(&p, "a: 1\nb: 2\na: 3\n", 1);
	INT_EQ(count_rule(&p.sink, "yaml-duplicate-key"), 1);
	i = find_rule(&p.sink, "yaml-duplicate-key");
	if (OK(i >= 0, "duplicate key reported")) {
		INT_EQ(p.sink.items[i].line, 4);
		INT_EQ(p.sink.items[i].col, 1);
		OK(p.sink.items[i].note &&
		   strstr(p.sink.items[i].note, "2:1") != NULL,
		   "note names the first definition");
	}
	done(&p);

	/* nested maps: same key in two different maps is fine */
	parse(&p, "a: {k: 1}\nb: {k: 2}\n", 0);
	INT_EQ(count_rule(&p.sink, "yaml-duplicate-key"), 0);
	done(&p);

	/* a quoted and a plain spelling of one key are the same key */
	parse(&p, "k: 1\n\"k\": 2\n", 0);
	INT_EQ(count_rule(&p.sink, "yaml-duplicate-key"), 1);
	done(&p);
}

static void test_depth(void)
{
	struct parsed p;
	char *deep;
	size_t n = 10000;
	int i;

	parse_n(&p, "a: [[[x]]]\n", 11, 0, 4);
	INT_EQ(p.failed, 0);
	INT_EQ(count_rule(&p.sink, "yaml-depth"), 0);
	done(&p);
	parse_n(&p, "a: [[[[x]]]]\n", 12, 0, 4);
	INT_EQ(p.failed, 1);
	i = find_rule(&p.sink, "yaml-depth");
	if (OK(i >= 0, "depth 5 > cap 4 reported")) {
		INT_EQ(p.sink.items[i].line, 1);
		INT_EQ(p.sink.items[i].col, 7);
	}
	done(&p);

	/* 10000 nested '[' under the default cap: one finding, no hang */
	deep = malloc(n + 8);
	memcpy(deep, "a: ", 3);
	memset(deep + 3, '[', n);
	deep[n + 3] = '\n';
	parse_n(&p, deep, n + 4, 1, 0);
	INT_EQ(p.failed, 1);
	INT_EQ(count_rule(&p.sink, "yaml-depth"), 1);
	i = find_rule(&p.sink, "yaml-depth");
	if (i >= 0) {
		INT_EQ(p.sink.items[i].line, 2);
		INT_EQ(p.sink.items[i].col, 4 + YTREE_DEFAULT_DEPTH - 1);
	}
	done(&p);
	free(deep);
}

static void test_syntax_and_documents(void)
{
	struct parsed p;
	int i;

	parse(&p, "a: [x\nb: 1\n", 1);
	INT_EQ(p.failed, 1);
	i = find_rule(&p.sink, "yaml-syntax");
	if (OK(i >= 0, "syntax error reported")) {
		INT_EQ(p.sink.items[i].line, 3);
		OK(p.sink.items[i].note != NULL, "context note");
	}
	done(&p);

	parse(&p, "a: 1\n---\nb: 2\n", 0);
	INT_EQ(p.failed, 1);
	OK(find_rule(&p.sink, "yaml-syntax") >= 0, "two documents refused");
	done(&p);

	parse(&p, "", 0);
	OK(p.root == NULL, "empty document has no root");
	INT_EQ(p.failed, 0);
	INT_EQ(p.sink.nr, 0);
	done(&p);

	parse(&p, "? [a, b]\n: c\n", 0);
	INT_EQ(p.failed, 1);
	OK(find_rule(&p.sink, "yaml-syntax") >= 0, "complex key refused");
	done(&p);
}

int main(void)
{
	test_positions();
	test_columns_count_code_points();
	test_line_separators_do_not_shift_lines();
	test_plain_and_quoted();
	test_no_yaml11_guessing();
	test_anchor_alias_tag();
	test_duplicate_keys();
	test_depth();
	test_syntax_and_documents();
	return harness_done();
}
