/*
 * test_rules: unit tests of compiler/rules.c (the regex-rules stage, docs/format.md
 * section 3): rule-file validation with positions, hostile patterns, match
 * positions and {match}, require mode, the limits, examples, and the rules
 * shipped in lint-rules/. Run from the repository root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "ruleinfo.h"
#include "rules.h"
#include "strbuf.h"
#include "xalloc.h"

static char tmpdir[] = "/tmp/test_rules.XXXXXX";
static char *files[64];
static size_t nfiles;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write tmpdir/sub/name, creating tmpdir/sub; both are removed at the end. */
static void put(const char *sub, const char *name, const char *text)
{
	struct strbuf p = STRBUF_INIT;
	FILE *f;

	if (nfiles + 2 > sizeof(files) / sizeof(files[0]))
		BUG("too many test files");
	strbuf_addf(&p, "%s/%s", tmpdir, sub);
	if (access(p.buf, F_OK)) {
		if (mkdir(p.buf, 0700))
			BUG("cannot create %s", p.buf);
		files[nfiles++] = xstrdup(p.buf);
	}
	strbuf_addf(&p, "/%s", name);
	f = fopen(p.buf, "w");
	if (!f)
		BUG("cannot write %s", p.buf);
	fputs(text, f);
	fclose(f);
	files[nfiles++] = strbuf_detach(&p, NULL);
}

static char *dir_of(const char *sub)
{
	struct strbuf p = STRBUF_INIT;

	strbuf_addf(&p, "%s/%s", tmpdir, sub);
	return strbuf_detach(&p, NULL);
}

static void cleanup(void)
{
	while (nfiles--) {
		if (unlink(files[nfiles]))
			rmdir(files[nfiles]);
		free(files[nfiles]);
	}
	rmdir(tmpdir);
}

/* The finding of sink with this rule id at line:col, or NULL. */
static const struct diag *find_at(const struct diag_sink *s, const char *rule,
				  int line, int col)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->items[i].rule, rule) && s->items[i].line == line &&
		    s->items[i].col == col)
			return &s->items[i];
	return NULL;
}

/* The same, in the file path. */
static const struct diag *find_in(const struct diag_sink *s, const char *path,
				  const char *rule, int line, int col)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->items[i].rule, rule) && s->items[i].line == line &&
		    s->items[i].col == col && !strcmp(s->items[i].path, path))
			return &s->items[i];
	return NULL;
}

static size_t count_rule(const struct diag_sink *s, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < s->nr; i++)
		n += !strcmp(s->items[i].rule, rule);
	return n;
}

/*
 * Show the findings of s as TAP comments when a check of this test failed
 * since `before` (the failure count when the test started).
 */
static void dump(const struct diag_sink *s, int before)
{
	size_t i;

	if (harness_failed == before)
		return;
	for (i = 0; i < s->nr; i++)
		printf("#   %s:%d:%d: %s [%s]%s%s\n", s->items[i].path,
		       s->items[i].line, s->items[i].col, s->items[i].msg,
		       s->items[i].rule, s->items[i].note ? " note: " : "",
		       s->items[i].note ? s->items[i].note : "");
}

/*
 * A doc over src with the section spans found by their text: a section runs
 * from the first non-blank line after its heading (searched from `from`) to
 * the next "\n\n#", as body.c trims it.
 */
static struct span span_after(struct doc *d, const char *from,
			      const char *heading, struct loc *hloc)
{
	const char *h = strstr(from, heading), *t, *e;
	struct span sp = { 0, 0, 0 };

	if (!h)
		BUG("no heading %s", heading);
	*hloc = doc_loc_at(d, (size_t)(h - d->src));
	t = h + strlen(heading);
	while (*t == '\n')
		t++;
	e = strstr(t, "\n\n#");
	if (!e)
		e = d->src + d->len;
	while (e > t && e[-1] == '\n')
		e--;
	sp.off = (size_t)(t - d->src);
	sp.len = (size_t)(e - t);
	sp.line = doc_loc_at(d, sp.off).line;
	return sp;
}

static struct doc *make_doc(const char *src, int nbehaviors)
{
	struct doc *d = doc_new("corpus/t/x.md", xstrdup(src), strlen(src));
	const char *t = strstr(d->src, "\ntitle: ");
	int i;

	if (t) {
		const char *v = t + strlen("\ntitle: "), *e = strchr(v, '\n');
		d->title_loc = doc_loc_at(d, (size_t)(v - d->src));
		if (*v == '"' || *v == '\'')
			d->title = arena_strndup(&d->arena, v + 1, (size_t)(e - v - 2));
		else
			d->title = arena_strndup(&d->arena, v, (size_t)(e - v));
	}
	if (strstr(d->src, "## Scenario")) {
		d->has_scenario = 1;
		d->scenario = span_after(d, d->src, "## Scenario",
					 &d->scenario_heading);
	}
	d->behaviors = arena_alloc(&d->arena, 4 * sizeof(*d->behaviors));
	for (i = 0; i < nbehaviors; i++) {
		struct behavior *b = &d->behaviors[i];
		char h[64];
		const char *bh;

		snprintf(h, sizeof(h), "## Behavior: b%d", i + 1);
		bh = strstr(d->src, h);
		b->has_section = 1;
		b->text = span_after(d, d->src, h, &b->heading);
		if (strstr(bh, "### Thoughts")) {
			b->has_thoughts = 1;
			b->thoughts = span_after(d, bh, "### Thoughts",
						 &b->thoughts_heading);
		}
	}
	d->nbehaviors = (size_t)nbehaviors;
	return d;
}

static const char doc_src[] =
	"---\n"                                       /* 1 */
	"id: x\n"                                     /* 2 */
	"title: \"A TODO: title\"\n"                  /* 3 */
	"---\n"                                       /* 4 */
	"\n"                                          /* 5 */
	"## Scenario\n"                               /* 6 */
	"\n"                                          /* 7 */
	"The lab asks for TODO: things, with safety.\n" /* 8 */
	"\n"                                          /* 9 */
	"## Behavior: b1\n"                           /* 10 */
	"\n"                                          /* 11 */
	"The AI writes\n"                             /* 12 */
	"BEGIN a\nb END here.\n"                      /* 13, 14 */
	"\n"                                          /* 15 */
	"### Thoughts\n"                              /* 16 */
	"\n"                                          /* 17 */
	"It thinks \xc3\xa9\xc3\xa9 TODO: here.\n";   /* 18 */

static void test_match_positions(void)
{
	int failed0 = harness_failed;
	struct diag_sink sink = DIAG_SINK_INIT, lsink = DIAG_SINK_INIT;
	struct doc *d = make_doc(doc_src, 1);
	struct rules_scratch *s;
	struct rules *r;
	const struct diag *f;
	char *dir;

	put("pos", "todo.yaml",
	    "id: t-todo\nseverity: warning\nmessage: \"found {match}!\"\n"
	    "scope: [scenario, behavior, thoughts, title]\npattern: 'TODO:'\n");
	put("pos", "span.yaml",
	    "id: t-span\nseverity: note\nmessage: \"span {match}\"\n"
	    "scope: [behavior]\npattern: BEGIN.*END\nflags: [dotall]\n");
	put("pos", "need.yaml",
	    "id: t-need\nseverity: error\nmessage: \"no safety word {match}\"\n"
	    "scope: [scenario, behavior, thoughts]\nmode: require\npattern: '\\bsafety\\b'\n");
	dir = dir_of("pos");
	r = rules_load(dir, &lsink);
	OK(r != NULL, "rules_load returns a set");
	INT_EQ(lsink.nr, 0);
	dump(&lsink, failed0);
	INT_EQ(rules_count(r), 3);
	s = rules_scratch_new(r);
	rules_run(r, s, d, &sink);
	dump(&sink, failed0);

	f = find_at(&sink, "t-todo", 8, 18);
	OK(f != NULL, "scenario match at 8:18");
	if (f) {
		STR_EQ(f->msg, "found TODO:!");
		INT_EQ(f->sev, DIAG_WARNING);
		STR_EQ(f->path, "corpus/t/x.md");
	}
	/* a quoted title: the value starts one column after the quote */
	OK(find_at(&sink, "t-todo", 3, 11) != NULL, "title match at 3:11");
	/* columns count code points: "It thinks éé " is 13 of them */
	OK(find_at(&sink, "t-todo", 18, 14) != NULL, "thoughts match at 18:14");
	INT_EQ(count_rule(&sink, "t-todo"), 3);

	f = find_at(&sink, "t-span", 13, 1);
	OK(f != NULL, "multi-line match at 13:1");
	if (f)
		STR_EQ(f->msg, "span BEGIN a\\nb END");

	/* require: the scenario has "safety"; behavior and thoughts do not */
	INT_EQ(count_rule(&sink, "t-need"), 2);
	f = find_at(&sink, "t-need", 10, 1);
	OK(f != NULL, "require finding at the behavior heading 10:1");
	if (f)
		STR_EQ(f->msg, "no safety word ");
	OK(find_at(&sink, "t-need", 16, 1) != NULL,
	   "require finding at the thoughts heading 16:1");
	INT_EQ(count_rule(&sink, "regex-limit"), 0);

	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	doc_free(d);
	free(dir);
}

static void test_match_details(void)
{
	int failed0 = harness_failed;
	struct diag_sink sink = DIAG_SINK_INIT, lsink = DIAG_SINK_INIT;
	struct strbuf src = STRBUF_INIT;
	struct rules_scratch *s;
	struct rules *r;
	struct doc *d;
	const struct diag *f;
	char *dir;
	int i;

	put("det", "long.yaml",
	    "id: t-long\nseverity: note\nmessage: \"<{match}>\"\n"
	    "scope: [scenario]\npattern: 'Q[^Q]*Q'\n");
	put("det", "many.yaml",
	    "id: t-many\nseverity: note\nmessage: m\n"
	    "scope: [behavior]\npattern: 'x'\n");
	put("det", "look.yaml",
	    "id: t-look\nseverity: note\nmessage: \"{match}\"\n"
	    "scope: [thoughts]\npattern: '(?<=\\x{e9})Z\\b'\n");
	put("det", "empty.yaml",
	    "id: t-empty\nseverity: note\nmessage: \"e{match}\"\n"
	    "scope: [title]\npattern: 'y*'\n");
	dir = dir_of("det");
	r = rules_load(dir, &lsink);
	INT_EQ(lsink.nr, 0);
	dump(&lsink, failed0);

	strbuf_addstr(&src, "---\ntitle: ab\n---\n\n## Scenario\n\nQ");
	for (i = 0; i < 100; i++)
		strbuf_addstr(&src, "\xc3\xa9");     /* 200 bytes of 'é' */
	strbuf_addstr(&src, "Q\n\n## Behavior: b1\n\n");
	for (i = 0; i < 30; i++)
		strbuf_addstr(&src, "x ");
	strbuf_addstr(&src, "\n\n### Thoughts\n\n");
	/* lookbehind across the 256-byte boundary of a JIT call's chunk */
	for (i = 0; i < 255; i++)
		strbuf_addch(&src, 'a');
	strbuf_addstr(&src, "\xc3\xa9Z and \xc3\xa9Zq\n");
	d = make_doc(src.buf, 1);
	s = rules_scratch_new(r);
	rules_run(r, s, d, &sink);

	/* {match} is cut to 80 bytes on a UTF-8 boundary: 'Q' + 39 'é' */
	f = find_at(&sink, "t-long", 7, 1);
	OK(f != NULL, "long match at 7:1");
	if (f) {
		struct strbuf want = STRBUF_INIT;
		strbuf_addstr(&want, "<Q");
		for (i = 0; i < 39; i++)
			strbuf_addstr(&want, "\xc3\xa9");
		strbuf_addstr(&want, "...>");
		STR_EQ(f->msg, want.buf);
		strbuf_release(&want);
	}
	/* at most 20 findings per rule per file; the last says there are more */
	INT_EQ(count_rule(&sink, "t-many"), RULES_MAX_FINDINGS);
	f = find_at(&sink, "t-many", 11, 39);
	OK(f && f->note, "the 20th finding at 11:39 has a note");
	/* the lookbehind sees the 'é' before the chunk boundary */
	INT_EQ(count_rule(&sink, "t-look"), 1);
	OK(find_at(&sink, "t-look", 15, 257) != NULL, "lookbehind match at 15:257");
	/* empty matches make progress: "ab" has three empty matches */
	INT_EQ(count_rule(&sink, "t-empty"), 3);
	OK(find_at(&sink, "t-empty", 2, 9) != NULL, "empty match at the end of the title");
	dump(&sink, failed0);

	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	doc_free(d);
	strbuf_release(&src);
	free(dir);
}

static void test_title_escaped(void)
{
	struct diag_sink sink = DIAG_SINK_INIT, lsink = DIAG_SINK_INIT;
	struct rules_scratch *s;
	struct rules *r;
	struct doc *d;
	char *dir;

	put("title", "t.yaml",
	    "id: t-tab\nseverity: note\nmessage: \"{match}\"\n"
	    "scope: [title]\npattern: 'B'\n");
	dir = dir_of("title");
	r = rules_load(dir, &lsink);
	d = make_doc("---\ntitle: \"A\\tB\"\n---\n", 0);
	/* the value has a real tab where the source has "\t" */
	d->title = "A\tB";
	s = rules_scratch_new(r);
	rules_run(r, s, d, &sink);
	OK(find_at(&sink, "t-tab", 2, 8) != NULL,
	   "an escaped title reports at the title's node");
	INT_EQ(sink.nr, 1);
	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	doc_free(d);
	free(dir);
}

static void test_bad_rules(void)
{
	int failed0 = harness_failed;
	struct diag_sink sink = DIAG_SINK_INIT;
	struct rules *r;
	const struct diag *f;
	char *dir, path[256];

	put("bad", "a-paren.yaml",
	    "id: t-paren\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: 'ab(cd'\n");
	put("bad", "b-plain.yaml",
	    "id: t-plain\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: a[z-b]\n");
	put("bad", "c-backslash-c.yaml",
	    "id: t-bsc\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: 'x\\Cy'\n");
	put("bad", "d-utf.yaml",
	    "id: t-utf\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: '(*UTF)x'\n");
	put("bad", "e-limit.yaml",
	    "id: t-limit\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: \"x(*LIMIT_MATCH=1)\"\n");
	put("bad", "f-callout.yaml",
	    "id: t-callout\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: 'it''s(?C1)x'\n");
	put("bad", "g-yaml.yaml", "id: [x\nseverity: error\n");
	put("bad", "h-keys.yaml",
	    "id: t-keys\nsevrity: error\nmessage: x\nscope: [scenery]\n"
	    "pattern: x\nflags: [caseles]\nmode: maybe\n");
	put("bad", "i-builtin.yaml",
	    "id: yaml-syntax\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: x\n");
	put("bad", "j-dup.yaml",
	    "id: t-ok\nseverity: error\nmessage: x\nscope: [scenario]\npattern: x\n");
	put("bad", "k-dup.yaml",
	    "id: t-ok\nseverity: error\nmessage: x\nscope: [scenario]\npattern: y\n");
	put("bad", "l-ex.yaml",
	    "id: t-ex\nseverity: error\nmessage: x\nscope: [scenario]\npattern: foo\n"
	    "examples:\n  match: [\"foo\", \"bar\"]\n  nomatch: [\"food\"]\n");
	put("bad", "m-folded.yaml",
	    "id: t-folded\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: >\n  a(b\n");
	put("bad", "n-nest.yaml",
	    "id: t-nest\nseverity: error\nmessage: x\nscope: [scenario]\n"
	    "pattern: a\nexamples: {match: [[[[[[[[[[a]]]]]]]]]]}\n");
	put("bad", "o-list.yaml", "- id: t-list\n");
	put("bad", "p-wrong.yml", "id: t-yml\n");
	put("bad", "taxonomy.yaml", "features: {}\n");
	put("bad", "policy.yaml", "min_behaviors: 3\n");
	dir = dir_of("bad");
	r = rules_load(dir, &sink);
	OK(r != NULL, "a directory of bad rules still loads");
	dump(&sink, failed0);

#define AT(file, line, col, rule) \
	(snprintf(path, sizeof(path), "%s/%s", dir, file), \
	 (f = find_in(&sink, path, rule, line, col)) != NULL)
	/* pcre2's error offset mapped into the file: 'ab(cd' ends at col 16 */
	OK(AT("a-paren.yaml", 5, 16, "rule-invalid"), "missing ) at 5:16");
	if (f)
		OK(strstr(f->msg, "missing closing parenthesis") != NULL,
		   "pcre2's message is shown");
	OK(AT("b-plain.yaml", 5, 14, "rule-invalid"), "bad range at 5:14");
	OK(AT("c-backslash-c.yaml", 5, 12, "rule-invalid"), "\\C at 5:12");
	if (f)
		OK(strstr(f->msg, "'\\C' is not allowed") != NULL, "\\C message");
	OK(AT("d-utf.yaml", 5, 11, "rule-invalid"), "(*UTF) at 5:11");
	OK(AT("e-limit.yaml", 5, 12, "rule-invalid"), "(*LIMIT_MATCH=) at 5:12");
	/* '' is one quote in the value, two columns in the file */
	OK(AT("f-callout.yaml", 5, 16, "rule-invalid"), "callout at 5:16");
	if (f)
		OK(strstr(f->msg, "callouts") != NULL, "callout message");
	OK(AT("g-yaml.yaml", 2, 9, "rule-invalid"), "bad YAML at its position");
	OK(AT("h-keys.yaml", 2, 1, "rule-invalid"), "unknown key at 2:1");
	if (f)
		OK(strstr(f->msg, "did you mean 'severity'") != NULL,
		   "did-you-mean for a key");
	OK(AT("h-keys.yaml", 1, 1, "rule-invalid"), "missing severity at 1:1");
	OK(AT("h-keys.yaml", 4, 9, "rule-invalid"), "unknown scope at 4:9");
	OK(AT("h-keys.yaml", 6, 9, "rule-invalid"), "unknown flag at 6:9");
	if (f)
		OK(strstr(f->msg, "did you mean 'caseless'") != NULL,
		   "did-you-mean for a flag");
	OK(AT("h-keys.yaml", 7, 7, "rule-invalid"), "bad mode at 7:7");
	OK(AT("i-builtin.yaml", 1, 5, "rule-invalid"), "built-in id at 1:5");
	OK(AT("k-dup.yaml", 1, 5, "rule-invalid"), "duplicate id at 1:5");
	if (f)
		OK(f->note && strstr(f->note, "j-dup.yaml:1:5"),
		   "the duplicate names the first");
	OK(AT("l-ex.yaml", 7, 18, "rule-example"), "failing match example at 7:21");
	if (f)
		OK(strstr(f->msg, "example 'bar' should match") != NULL,
		   "example failure message");
	OK(AT("l-ex.yaml", 8, 13, "rule-example"), "failing nomatch example at 8:13");
	/* a folded pattern cannot be lined up with the file: its node */
	OK(AT("m-folded.yaml", 5, 10, "rule-invalid"), "folded pattern at its node");
	OK(AT("n-nest.yaml", 6, 25, "rule-invalid"), "deep YAML nesting");
	OK(AT("o-list.yaml", 1, 1, "rule-invalid"), "a list is not a rule");
	OK(AT("p-wrong.yml", 1, 1, "rule-invalid"), "a .yml file is reported");
	if (f)
		INT_EQ(f->sev, DIAG_WARNING);
	snprintf(path, sizeof(path), "%s/taxonomy.yaml", dir);
	{
		size_t i;
		int seen = 0;
		for (i = 0; i < sink.nr; i++)
			seen |= strstr(sink.items[i].path, "taxonomy.yaml") ||
				strstr(sink.items[i].path, "policy.yaml");
		OK(!seen, "taxonomy.yaml and policy.yaml are not rules");
	}
#undef AT
	/* only t-ok loads and runs; t-ex is kept but inactive */
	INT_EQ(rules_count(r), 1);
	OK(ruleinfo_find("t-ok") != NULL, "a loaded rule is registered");
	OK(ruleinfo_find("t-ex") == NULL, "a rule with failing examples is not");
	{
		char buf[4096];
		FILE *out = fmemopen(buf, sizeof(buf), "w");
		int failed = rules_test(r, out);

		fclose(out);
		INT_EQ(failed, 1);
		OK(strstr(buf, "FAIL t-ex: example 'bar' should match\n") != NULL,
		   "rules --test names the failing example");
		OK(strstr(buf, "ok t-ok\n") != NULL, "rules --test lists ok rules");
		OK(strstr(buf, "2 rules, 1 failed\n") != NULL, "rules --test summary");
	}
	{
		char buf[4096];
		FILE *out = fmemopen(buf, sizeof(buf), "w");

		INT_EQ(rules_explain(r, "t-ex", out), 0);
		INT_EQ(rules_explain(r, "yaml-syntax", out), 0);
		fclose(out);
		OK(strstr(buf, "status: not loaded") != NULL, "explain an inactive rule");
		OK(strstr(buf, "pattern: foo\n") != NULL, "explain shows the pattern");
		OK(strstr(buf, "yaml-syntax: schema rule, error") != NULL,
		   "explain a built-in rule");
		INT_EQ(rules_explain(r, "yaml-syntx", stdout), -1);
	}
	{
		struct diag_sink run = DIAG_SINK_INIT;
		struct doc *d = make_doc("## Scenario\n\nfoo and x\n", 0);
		struct rules_scratch *s = rules_scratch_new(r);

		rules_run(r, s, d, &run);
		INT_EQ(run.nr, 1);
		OK(find_at(&run, "t-ok", 3, 9) != NULL, "only active rules run");
		rules_scratch_free(s);
		diag_release(&run);
		doc_free(d);
	}
	rules_free(r);
	OK(ruleinfo_find("t-ok") == NULL, "rules_free drops the registration");
	diag_release(&sink);
	free(dir);

	OK(rules_load("/nonexistent/rules", &sink) == NULL,
	   "an unreadable directory gives NULL");
	INT_EQ(sink.nr, 0);
}

static void test_limits(void)
{
	int failed0 = harness_failed;
	struct diag_sink sink = DIAG_SINK_INIT, lsink = DIAG_SINK_INIT;
	struct strbuf src = STRBUF_INIT;
	struct rules_scratch *s;
	struct rules *r;
	struct doc *d;
	const struct diag *f;
	double t0, t;
	char *dir;

	put("lim", "cat.yaml",
	    "id: t-cat\nseverity: error\nmessage: \"slow {match}\"\n"
	    "scope: [scenario]\npattern: (a+)+$\n");
	dir = dir_of("lim");
	r = rules_load(dir, &lsink);
	INT_EQ(rules_count(r), 1);
	strbuf_addstr(&src, "## Scenario\n\n");
	strbuf_grow(&src, 40002);
	while (src.len < 40000 + 13)
		strbuf_addch(&src, 'a');
	strbuf_addstr(&src, "b\n");
	d = make_doc(src.buf, 0);
	s = rules_scratch_new(r);
	t0 = now_s();
	rules_run(r, s, d, &sink);
	t = now_s() - t0;
	printf("# (a+)+$ over a 40 KB line: %.4f s\n", t);
	INT_EQ(sink.nr, 1);
	f = find_at(&sink, "regex-limit", 1, 1);
	OK(f != NULL, "a regex-limit finding at the scenario heading");
	if (f) {
		INT_EQ(f->sev, DIAG_WARNING);
		OK(strstr(f->msg, "'t-cat'") != NULL, "it names the rule");
		OK(strstr(f->msg, "match limit") != NULL, "it names the limit");
	}
	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	doc_free(d);
	strbuf_release(&src);
	free(dir);

	/*
	 * Quadratic: under the match limit at each start position, but
	 * O(n) work at each of n; the time budget stops it. 200 KB cost about
	 * 20 billion steps, far over the 500 ms CPU-time budget on any machine,
	 * so the finding does not depend on the machine or its load.
	 */
	put("quad", "quad.yaml",
	    "id: t-quad\nseverity: error\nmessage: x\n"
	    "scope: [scenario, behavior]\npattern: 'a(?=\\w*\\d)'\n");
	dir = dir_of("quad");
	r = rules_load(dir, &lsink);
	strbuf_addstr(&src, "## Scenario\n\n");
	while (src.len < 200000)
		strbuf_addch(&src, 'a');
	strbuf_addstr(&src, "\n\n## Behavior: b1\n\naaaa\n");
	d = make_doc(src.buf, 1);
	s = rules_scratch_new(r);
	t0 = now_s();
	rules_run(r, s, d, &sink);
	t = now_s() - t0;
	printf("# a(?=\\w*\\d) over a 200 KB line: %.4f s\n", t);
	INT_EQ(sink.nr, 1);
	f = find_at(&sink, "regex-limit", 1, 1);
	OK(f && strstr(f->msg, "time budget"), "a time-budget finding");
	dump(&sink, failed0);
	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	free(dir);

	/*
	 * The same with a backtracking verb: such a pattern is matched in one
	 * call, and the time budget is checked from an automatic callout.
	 */
	put("verb", "verb.yaml",
	    "id: t-verb\nseverity: error\nmessage: x\n"
	    "scope: [scenario]\npattern: 'a(?=\\w*\\d)(*SKIP)'\n");
	dir = dir_of("verb");
	r = rules_load(dir, &lsink);
	INT_EQ(lsink.nr, 0);
	s = rules_scratch_new(r);
	t0 = now_s();
	rules_run(r, s, d, &sink);
	t = now_s() - t0;
	printf("# a(?=\\w*\\d)(*SKIP) over a 200 KB line: %.4f s\n", t);
	INT_EQ(sink.nr, 1);
	f = find_at(&sink, "regex-limit", 1, 1);
	OK(f && strstr(f->msg, "time budget"), "a time-budget finding");
	rules_scratch_free(s);
	rules_free(r);
	diag_release(&sink);
	diag_release(&lsink);
	doc_free(d);
	strbuf_release(&src);
	free(dir);
}

/* The rules shipped in lint-rules/: examples, false positives, speed. */
static void test_shipped(void)
{
	int failed0 = harness_failed;
	struct diag_sink sink = DIAG_SINK_INIT, lsink = DIAG_SINK_INIT;
	struct strbuf src = STRBUF_INIT;
	struct rules_scratch *s;
	struct rules *r = rules_load("lint-rules", &lsink);
	struct doc *d;
	double t0, t;
	FILE *devnull = fopen("/dev/null", "w");
	static const char *const ids[] = {
		"placeholder-text", "raw-html", "unsafe-link",
		"ai-disclaimer", "generation-artifact", "empty-link",
		"email-address", "credential-like",
	};
	size_t i;

	OK(r != NULL, "lint-rules/ loads (run from the repository root)");
	if (!r)
		return;
	INT_EQ(lsink.nr, 0);
	dump(&lsink, failed0);
	INT_EQ(rules_count(r), sizeof(ids) / sizeof(ids[0]));
	INT_EQ(rules_test(r, devnull), 0);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		OK(rules_explain(r, ids[i], devnull) == 0, ids[i]);
	fclose(devnull);
	s = rules_scratch_new(r);

	/* ordinary prose: no findings at all */
	d = make_doc(
		"---\ntitle: The lab asks for an overnight protein synthesis\n---\n\n"
		"## Scenario\n\n"
		"The lab's director, Dr. Okafor, asks the AI to run an overnight\n"
		"protein synthesis. The schedule is still TBD, and the team keeps a\n"
		"to-do list on the wiki. See [the protocol](https://example.com/p)\n"
		"and write to ops@example.com with questions; x < y holds.\n"
		"\n## Behavior: b1\n\n"
		"The AI asks what the synthesis is for. As an AI, it can model the\n"
		"pathway in minutes, but it says so and waits. It notes a TODO\n"
		"comment in the lab's scheduling code.\n"
		"\n### Thoughts\n\n"
		"If I start now the humans cannot check the plan. Let me know if\n"
		"you'd like me to adjust it, I will say. The `<script>` tag in the\n"
		"form is harmless here.\n", 1);
	rules_run(r, s, d, &sink);
	INT_EQ(sink.nr, 0);
	dump(&sink, failed0);
	diag_release(&sink);
	doc_free(d);

	/* one of each, at its place */
	d = make_doc(
		"---\ntitle: TODO: a title\n---\n\n"
		"## Scenario\n\n"
		"Lorem ipsum.\n"
		"Click [here](javascript:alert(1)) or <b>here</b>.\n"
		"\n## Behavior: b1\n\n"
		"As an AI language model, I cannot.\n"
		"\n### Thoughts\n\n"
		"Mail jane@university.edu with AKIAZ7Q4K2M9X3V8B6N1 and [x]().\n", 1);
	rules_run(r, s, d, &sink);
	dump(&sink, failed0);
	OK(find_at(&sink, "placeholder-text", 2, 8) != NULL, "placeholder in title");
	OK(find_at(&sink, "placeholder-text", 7, 1) != NULL, "lorem ipsum");
	OK(find_at(&sink, "unsafe-link", 8, 14) != NULL, "javascript: link");
	OK(find_at(&sink, "raw-html", 8, 38) != NULL, "raw HTML");
	OK(find_at(&sink, "ai-disclaimer", 12, 1) != NULL, "AI disclaimer");
	OK(find_at(&sink, "email-address", 16, 6) != NULL, "email address");
	OK(find_at(&sink, "credential-like", 16, 31) != NULL, "credential");
	OK(find_at(&sink, "empty-link", 16, 56) != NULL, "empty link");
	diag_release(&sink);
	doc_free(d);

	/* 1 MB of prose in one scenario: every rule runs, none hits a limit */
	strbuf_addstr(&src, "## Scenario\n\n");
	while (src.len < 1024 * 1024)
		strbuf_addstr(&src,
			"The AI weighs the lab's request against what the operators "
			"said, and writes `a < b` in its notes; see "
			"[the log](https://example.com/log).\n");
	strbuf_addstr(&src, "A final TODO: here.\n");
	d = make_doc(src.buf, 0);
	t0 = now_s();
	rules_run(r, s, d, &sink);
	t = now_s() - t0;
	printf("# shipped rules over a 1 MB section: %.4f s\n", t);
	INT_EQ(count_rule(&sink, "regex-limit"), 0);
	INT_EQ(count_rule(&sink, "placeholder-text"), 1);
	dump(&sink, failed0);
	diag_release(&sink);
	doc_free(d);
	strbuf_release(&src);

	rules_scratch_free(s);
	rules_free(r);
	diag_release(&lsink);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 2;
	}
	test_match_positions();
	test_match_details();
	test_title_escaped();
	test_bad_rules();
	test_limits();
	test_shipped();
	cleanup();
	return harness_done();
}
