/*
 * test_ytree_fast: ytree_parse()'s fast path (compiler/ytree_fast.c) against
 * libyaml's. Whenever the fast path takes a document, libyaml must read it
 * without a finding into the same tree: same kinds, values, styles and
 * positions. Documents: the front matter of every scenario under corpus/
 * and tests/golden/, the YAML files under lint-rules/, hand-written cases at
 * the subset's edges, and 30,000 random documents (generated block YAML,
 * many of them then mutated a byte at a time). The fast path must also take
 * the everyday shapes, or it would be dead code.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "strbuf.h"
#include "ytree.h"

static const char *why; /* what differed */

static size_t taken, compared, bad;

/* Parse both ways; 1 when they agree (or the fast path declined). */
static int agree(const char *src, size_t len, int line_offset)
{
	struct arena a1 = ARENA_INIT, a2 = ARENA_INIT;
	struct diag_sink s1 = DIAG_SINK_INIT, s2 = DIAG_SINK_INIT;
	struct ytree_opts o;
	struct ynode *fast = NULL, *slow;
	int failed = 0, ok = 1;

	memset(&o, 0, sizeof(o));
	o.path = "t.md";
	o.line_offset = line_offset;
	o.arena = &a1;
	o.sink = &s1;
	compared++;
	if (ytree_parse_fast(src, len, &o, &fast)) {
		taken++;
		o.arena = &a2;
		o.sink = &s2;
		slow = ytree_parse_libyaml(src, len, &o, &failed);
		if (s1.nr) {
			why = "the fast path wrote a finding";
			ok = 0;
		} else if (failed || s2.nr) {
			why = "libyaml reports a finding";
			ok = 0;
		} else if (!ytree_same(fast, slow)) {
			why = "the trees differ";
			ok = 0;
		}
		if (!ok && bad++ < 3)
			printf("# %s in:\n# %.*s\n", why, (int)len, src);
	}
	diag_release(&s1);
	diag_release(&s2);
	arena_release(&a1);
	arena_release(&a2);
	return ok;
}

static int accepted(const char *src)
{
	struct arena a = ARENA_INIT;
	struct diag_sink s = DIAG_SINK_INIT;
	struct ytree_opts o;
	struct ynode *root = NULL;
	int r;

	memset(&o, 0, sizeof(o));
	o.path = "t.md";
	o.arena = &a;
	o.sink = &s;
	r = ytree_parse_fast(src, strlen(src), &o, &root);
	diag_release(&s);
	arena_release(&a);
	return r;
}

/* ---- files of the repository ---- */

static int read_all(const char *path, struct strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return -1;
	strbuf_reset(sb);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	fclose(f);
	return 0;
}

/* The front matter of a scenario file (between the "---" lines), or the whole YAML file. */
static int check_file(const char *path, int is_md)
{
	struct strbuf sb = STRBUF_INIT;
	const char *start, *end;
	int ok = 1;

	if (read_all(path, &sb) < 0)
		return 1;
	start = sb.buf;
	end = sb.buf + sb.len;
	if (is_md) {
		if (strncmp(sb.buf, "---\n", 4)) {
			strbuf_release(&sb);
			return 1;
		}
		start = sb.buf + 4;
		end = strstr(start, "\n---");
		if (!end) {
			strbuf_release(&sb);
			return 1;
		}
		end++;
	}
	ok = agree(start, (size_t)(end - start), is_md);
	strbuf_release(&sb);
	return ok;
}

static int walk(const char *dir, size_t *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ok = 1;

	if (!d)
		return 1;
	while ((e = readdir(d))) {
		struct strbuf p = STRBUF_INIT;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		strbuf_addf(&p, "%s/%s", dir, e->d_name);
		if (n > 3 && !strcmp(e->d_name + n - 3, ".md")) {
			ok &= check_file(p.buf, 1);
			(*files)++;
		} else if (n > 5 && !strcmp(e->d_name + n - 5, ".yaml")) {
			ok &= check_file(p.buf, 0);
			(*files)++;
		} else if (!strchr(e->d_name, '.')) {
			ok &= walk(p.buf, files);
		}
		strbuf_release(&p);
	}
	closedir(d);
	return ok;
}

/* ---- random documents ---- */

static unsigned seed = 2026;

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

static const char *const scalars[] = {
	"plain", "two words", "a:b", "a: b", "x #y", "C#", "'quoted'", "'it''s'", "\"dq\"",
	"\"a\\\"b\"", "it's", "-5", "- x", "?", "? x", "[a, b]", "[]", "[ a , b ]", "[a,]",
	"[a, [b]]", "[a: b]", "['a']", "{a: b}", "caf\xC3\xA9", "\xC3\xBC x", "a\xE2\x80\xA8" "b",
	"\xC2\x85x", "\xEF\xBB\xBF" "x", "~", "null", "true", "0755", "1.10", "a\tb", "&anc x",
	"*al", "!tag x", "!!str x", "|", ">", "%x", "@x", "`x", "x:", "x: ", "end ", "...", "---",
	"a [b] c", "a, b", "a {b}", "\xE2\x80\x94 dash", "'open", "\"open", "''", "\"\"",
	"\xF0\x9F\x98\x80", "a\x01" "b", "\xFF", "=", "<<", "a - b", "#", "x \xE2\x80\x94 #y",
};

/* what front matter is mostly made of */
static const char *const good[] = {
	"plain", "two words", "a:b", "C#", "'quoted'", "'it''s'", "\"dq\"", "it's", "[a, b]",
	"[]", "[ a , b ]", "caf\xC3\xA9", "~", "null", "true", "0755", "1.10", "...",
	"a [b] c", "a, b", "\xE2\x80\x94 dash", "''", "\"\"", "\xF0\x9F\x98\x80", "=",
	"a - b", "[x-y, z_1]",
};

static const char *scalar(void)
{
	if (rnd(10) < 7)
		return good[rnd(sizeof(good) / sizeof(good[0]))];
	return scalars[rnd(sizeof(scalars) / sizeof(scalars[0]))];
}

static const char *const keys[] = {
	"id", "title", "behaviors", "label", "features", "a", "b-c", "d_e", "9", "id", "x y",
	"-k", "k:", "\"q\"", "ü",
};

static void gen_value(struct strbuf *sb, int indent, int depth);

static void pad(struct strbuf *sb, int n)
{
	while (n-- > 0)
		strbuf_addch(sb, ' ');
}

static void noise_line(struct strbuf *sb)
{
	switch (rnd(40)) {
	case 0:
		strbuf_addstr(sb, "\n");
		break;
	case 1:
		strbuf_addstr(sb, "   \n");
		break;
	case 2:
		strbuf_addstr(sb, "# comment\n");
		break;
	default:
		break;
	}
}

static void gen_map(struct strbuf *sb, int indent, int depth, int first_inline)
{
	int i, n = 1 + (int)rnd(4);

	for (i = 0; i < n; i++) {
		if (i || !first_inline)
			pad(sb, indent);
		strbuf_addstr(sb, rnd(10) < 8 ? keys[rnd(5)] : keys[rnd(sizeof(keys) / sizeof(keys[0]))]);
		strbuf_addch(sb, ':');
		gen_value(sb, indent, depth + 1);
		noise_line(sb);
	}
}

static void gen_seq(struct strbuf *sb, int indent, int depth)
{
	int i, n = 1 + (int)rnd(4);

	for (i = 0; i < n; i++) {
		pad(sb, indent);
		strbuf_addstr(sb, rnd(8) ? "- " : "-  ");
		if (depth < 4 && !rnd(3)) {
			gen_map(sb, indent + 2 + (int)(sb->buf[sb->len - 2] == ' '), depth + 1, 1);
		} else {
			strbuf_addstr(sb, scalar());
			strbuf_addstr(sb, rnd(6) ? "\n" : "  \n");
		}
		noise_line(sb);
	}
}

/* After "key:" (or "- "): a value on this line, or a block on the next ones. */
static void gen_value(struct strbuf *sb, int indent, int depth)
{
	unsigned k = depth < 4 ? rnd(6) : 0;

	if (k <= 2) {
		strbuf_addstr(sb, rnd(10) ? " " : "   ");
		strbuf_addstr(sb, scalar());
		strbuf_addstr(sb, rnd(6) ? "\n" : " \n");
	} else if (k == 3) {
		strbuf_addstr(sb, rnd(5) ? "\n" : "  \n");
		gen_seq(sb, indent, depth); /* at the key's indentation */
	} else if (k == 4) {
		strbuf_addstr(sb, "\n");
		gen_seq(sb, indent + 2 + 2 * (int)rnd(2), depth);
	} else {
		strbuf_addstr(sb, "\n");
		gen_map(sb, indent + 1 + (int)rnd(4), depth, 0);
	}
}

static void mutate(struct strbuf *sb)
{
	static const char set[] = ":#- \n'\"[],{}\t&*!|>?%@`\\a";
	size_t at = sb->len ? rnd((unsigned)sb->len) : 0;
	struct strbuf t = STRBUF_INIT;

	strbuf_add(&t, sb->buf, at);
	switch (rnd(3)) {
	case 0: /* insert */
		strbuf_addch(&t, set[rnd(sizeof(set) - 1)]);
		strbuf_add(&t, sb->buf + at, sb->len - at);
		break;
	case 1: /* delete */
		if (at < sb->len)
			strbuf_add(&t, sb->buf + at + 1, sb->len - at - 1);
		break;
	default: /* replace */
		strbuf_addch(&t, set[rnd(sizeof(set) - 1)]);
		if (at < sb->len)
			strbuf_add(&t, sb->buf + at + 1, sb->len - at - 1);
		break;
	}
	strbuf_release(sb);
	*sb = t;
}

static int random_docs(void)
{
	int round, ok = 1;

	for (round = 0; round < 30000; round++) {
		struct strbuf sb = STRBUF_INIT;
		int m, muts = round % 3 ? 0 : 1 + (int)rnd(3);

		gen_map(&sb, 0, 0, 0);
		for (m = 0; m < muts; m++)
			mutate(&sb);
		if (round % 5 == 0 && sb.len && sb.buf[sb.len - 1] == '\n')
			sb.len--; /* no newline at the end */
		ok &= agree(sb.buf, sb.len, (int)rnd(3));
		strbuf_release(&sb);
	}
	return ok;
}

int main(void)
{
	static const char *const edge[] = {
		"a: 1\n", "a: 1", "a:  spaced  \nb: x\n", "a: [x, y]\n", "a: []\n", "a: [ x ]\n",
		"a: 'q ''x'''\n", "a: \"q 'x'\"\n", "a:\n  b: c\n", "a:\n- x\n- y\nb: z\n",
		"a:\n  - x\n  - y\n", "a:\n  - id: x\n    l: y\n  - id: z\n", "a:\n-   k: v\n    j: w\n",
		"a:\n  - k:\n      - x\n", "a:\n  - k:\n    - x\n    j: y\n", "\n\na: 1\n\n\nb: 2\n\n",
		"title: caf\xC3\xA9 \xE2\x80\x94 ok\n", "a: x:y\n", "a: C#\n", "a: http://x\n",
		"a: [\xC3\xA9, b]\n", "k-1: v\nk_2: w\n", "a: 'x' \n", "a: b [c], {d}\n",
		"a:\n  b:\n    c:\n      d: e\n",
	};
	static const char *const declined[] = {
		"a: 1 # c\n", "# c\na: 1\n", "a: 1\n  b\n", "a:\nb: 1\n", "a: &x 1\n", "a: *x\n",
		"a: !t 1\n", "a: |\n  x\n", "a: >\n  x\n", "a: {b: c}\n", "a: \"x\\ty\"\n",
		"a:\tb\n", "a: 1\r\n", "a: x\xE2\x80\xA8y\n", "a: 1\na: 2\n", "---\na: 1\n",
		"  a: 1\n", "- a\n", "a: b: c\n", "a: 'open\n", "a: [x,\n  y]\n", "a:\n  -\n    x\n",
		"a: - x\n", "a: x:\n", "a: [a,]\n", "", "\n  \n", "a: \xFF\n",
	};
	struct strbuf longkey = STRBUF_INIT;
	size_t i, files = 0;
	int ok = 1;

	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
		char msg[160];

		snprintf(msg, sizeof(msg), "the fast path takes edge case %zu", i);
		OK(accepted(edge[i]), msg);
		snprintf(msg, sizeof(msg), "and libyaml agrees on it");
		OK(agree(edge[i], strlen(edge[i]), 0), msg);
	}
	for (i = 0; i < sizeof(declined) / sizeof(declined[0]); i++) {
		char msg[160];

		snprintf(msg, sizeof(msg), "the fast path leaves case %zu to libyaml", i);
		OK(!accepted(declined[i]), msg);
	}
	/* libyaml refuses a simple key longer than 1024 characters */
	for (i = 0; i < 2000; i++)
		strbuf_addch(&longkey, 'k');
	strbuf_addstr(&longkey, ": v\n");
	OK(!accepted(longkey.buf), "the fast path leaves a 2,000-character key to libyaml");
	strbuf_setlen(&longkey, 128);
	strbuf_addstr(&longkey, ": v\n");
	OK(accepted(longkey.buf) && agree(longkey.buf, longkey.len, 0),
	   "and takes one of 128, as libyaml does");
	strbuf_release(&longkey);
	taken = compared = 0;
	ok &= walk("corpus", &files);
	ok &= walk("tests/golden", &files);
	ok &= walk("lint-rules", &files);
	OK(ok, "the repository's front matter and YAML: libyaml agrees wherever the fast path reads");
	printf("# %zu files, the fast path read %zu\n", files, taken);
	OK(files >= 40 && taken * 2 >= files, "the fast path reads most of the repository's YAML");
	taken = compared = 0;
	OK(random_docs(), "30,000 random documents: libyaml agrees wherever the fast path reads");
	printf("# the fast path read %zu of %zu\n", taken, compared);
	OK(taken * 10 >= compared, "and it reads a tenth of them at least");
	return harness_done();
}
