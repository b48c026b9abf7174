/*
 * test_prefilter: unit tests of compiler/prefilter.c. The literals found for
 * known patterns; patterns the reader must refuse; pcre2's caseless sets
 * (the reader assumes only s and k of ASCII letters match non-ASCII
 * characters); and a differential test: over thousands of random patterns
 * and texts, whenever pcre2 finds a match, the scan must find a literal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "harness.h"

#include "json.h"
#include "prefilter.h"

/* The set as "a|b|c" in order; "-" when there is none. */
static const char *show(const char *pat, int caseless, int extended)
{
	static char buf[4096];
	struct prefilter_set set;
	size_t n = 0;
	int i;

	if (!prefilter_literals(pat, strlen(pat), caseless, extended, &set))
		return "-";
	buf[0] = '\0';
	for (i = 0; i < set.n && n + set.len[i] + 2 < sizeof(buf); i++) {
		if (i)
			buf[n++] = '|';
		memcpy(buf + n, set.s[i], set.len[i]);
		n += set.len[i];
	}
	buf[n] = '\0';
	return buf;
}

static void test_literals(void)
{
	STR_EQ(show("hello", 0, 0), "hello");
	STR_EQ(show("HeLLo", 0, 0), "hello");                 /* compared without case */
	STR_EQ(show("colou?r", 0, 0), "colour|color");
	STR_EQ(show("<{7}|>{7}", 0, 0), "<<<<<<<|>>>>>>>");
	STR_EQ(show("[\\w.+-]+@[\\w-]+\\.[a-z]{2,}", 0, 0), "@");
	STR_EQ(show("(?:cat|dog)s", 0, 0), "cats|dogs");
	STR_EQ(show("a\\b(?=x)\\Kb", 0, 0), "ab");           /* zero-width keeps the run */
	STR_EQ(show("\\Qa+b\\E", 0, 0), "a+b");
	STR_EQ(show("\\x41\\x{42}\\n", 0, 0), "ab\n");
	STR_EQ(show("a b # comment\n c", 0, 1), "abc");       /* extended */
	STR_EQ(show("a\\ b", 0, 1), "a b");
	STR_EQ(show("(?x) a b (?-x) c", 0, 0), "ab c");
	STR_EQ(show("[ab]x", 0, 0), "ax|bx");
	STR_EQ(show("ab{2}", 0, 0), "abb");
	/* caseless: s and k also match U+017F and U+212A */
	STR_EQ(show("sk", 1, 0), "sk|s\xE2\x84\xAA|\xC5\xBFk|\xC5\xBF\xE2\x84\xAA");
	STR_EQ(show("(?i:a)B", 0, 0), "ab");
	/* the rarest candidate wins: '@' over a word */
	STR_EQ(show("the\\w+@", 0, 0), "@");
	/* an alternation needs every branch */
	STR_EQ(show("abc|\\w+", 0, 0), "-");
	STR_EQ(show("a*", 0, 0), "-");
	STR_EQ(show("x?", 0, 0), "-");
	STR_EQ(show("[^a]", 0, 0), "-");
	STR_EQ(show("(?<=abc)d", 0, 0), "d");                 /* lookbehind text is not in the match */
}

static void test_refused(void)
{
	/* backreferences, recursion, conditionals, verbs and murky corners */
	STR_EQ(show("(a)b\\1", 0, 0), "-");
	STR_EQ(show("(?1)(abc)", 0, 0), "-");
	STR_EQ(show("(?(1)ab|cd)", 0, 0), "-");
	STR_EQ(show("(*SKIP)abc", 0, 0), "-");
	STR_EQ(show("abc\\k<x>", 0, 0), "-");
	STR_EQ(show("a{,3}b", 0, 0), "-");                    /* pcre2 10.42 reads {,3} as text */
	STR_EQ(show("ab(?#c)?", 0, 0), "-");
	STR_EQ(show("ab\\Q\\E?", 0, 0), "-");
	STR_EQ(show("ab\\E?", 0, 0), "-");
	STR_EQ(show("caf\xC3\xA9", 1, 0), "caf");             /* non-ASCII under caseless ends a literal */
	STR_EQ(show("ab#c\rd\n", 0, 1), "-");                 /* CR inside an extended comment */
}

static pcre2_code *compile(const char *pat, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_UCP | opts, &err, &off, NULL);
}

/*
 * Every non-ASCII code point that caseless ASCII letters match under UTF and
 * UCP: the reader relies on there being exactly U+017F (s) and U+212A (k).
 */
static void test_caseless_sets(void)
{
	char *text = malloc(5u * 0x110000);
	size_t n = 0;
	uint32_t cp;
	pcre2_code *re = compile("[a-z]", PCRE2_CASELESS);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	PCRE2_SIZE start = 0;
	char found[256] = "";

	for (cp = 0x80; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		n += utf8_put(text + n, cp);
		text[n++] = ' ';
	}
	while (pcre2_match(re, (PCRE2_SPTR)text, n, start, 0, md, NULL) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t len = strlen(found);
		snprintf(found + len, sizeof(found) - len, "%s%.*s", len ? "," : "",
			 (int)(ov[1] - ov[0]), text + ov[0]);
		start = ov[1];
	}
	STR_EQ(found, "\xC5\xBF,\xE2\x84\xAA");
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	free(text);
}

/* ---- differential: pcre2 matches => a literal is found ---------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void add(char *buf, size_t *n, const char *s)
{
	size_t k = strlen(s);
	memcpy(buf + *n, s, k);
	*n += k;
	buf[*n] = '\0';
}

static void gen_pattern(char *buf, size_t *n, int depth)
{
	static const char *const atoms[] = {
		"a", "b", "s", "k", "S", "K", "x", "-", " ", "\\.", ".", "[ab]", "[sk]", "[^a]",
		"\\w", "\\s", "\\b", "^", "$", "\\x61", "\\Qa.\\E", "[a-c]", "\xC3\xA9", "\\d",
	};
	static const char *const quants[] = {
		"", "", "", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}", "+?", "*+",
	};
	int items = 1 + (int)rnd(5), i;

	for (i = 0; i < items; i++) {
		unsigned c = rnd(12);
		if (depth < 3 && c == 0) {
			add(buf, n, "(?:");
			gen_pattern(buf, n, depth + 1);
			add(buf, n, "|");
			gen_pattern(buf, n, depth + 1);
			add(buf, n, ")");
		} else if (depth < 3 && c == 1) {
			static const char *const opens[] = { "(?=", "(?!", "(?<=a", "(?i:", "(?-i:", "(" };
			const char *o = opens[rnd(6)];
			add(buf, n, o);
			if (strcmp(o, "(?<=a"))
				gen_pattern(buf, n, depth + 1);
			add(buf, n, ")");
		} else if (c == 2) {
			add(buf, n, rnd(2) ? "(?i)" : "(?-i)");
			continue;
		} else {
			add(buf, n, atoms[rnd(sizeof(atoms) / sizeof(atoms[0]))]);
		}
		add(buf, n, quants[rnd(sizeof(quants) / sizeof(quants[0]))]);
	}
}

static void test_differential(void)
{
	static const char *const pieces[] = {
		"a", "b", "s", "k", "S", "K", "A", "B", "x", "-", " ", ".", "\xC5\xBF",
		"\xE2\x84\xAA", "\xC3\xA9", "\xC3\x89", "1", "\n",
	};
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int i, checked = 0, unsound = 0, filtered = 0, disagree = 0;

	for (i = 0; i < 20000; i++) {
		char pat[2048], text[256];
		size_t pn = 0, tn = 0;
		int caseless = rnd(2), extended = !rnd(4), t, len = 1 + (int)rnd(12);
		struct prefilter_set set;
		pcre2_code *re;
		int has;

		pat[0] = '\0';
		gen_pattern(pat, &pn, 0);
		re = compile(pat, (caseless ? PCRE2_CASELESS : 0) | (extended ? PCRE2_EXTENDED : 0));
		if (!re)
			continue;
		has = prefilter_literals(pat, pn, caseless, extended, &set);
		filtered += has;
		for (t = 0; t < len; t++)
			add(text, &tn, pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
		if (has) {
			/* the one-pass scan finds exactly what the plain search finds */
			struct prefilter *pf = prefilter_new(1);
			uint64_t bit;
			prefilter_add(pf, 0, &set);
			prefilter_scan(pf, text, tn, &bit);
			disagree += (int)(bit & 1) != prefilter_found(&set, text, tn);
			prefilter_free(pf);
		}
		if (pcre2_match(re, (PCRE2_SPTR)text, tn, 0, 0, md, NULL) >= 0) {
			checked++;
			if (has && !prefilter_found(&set, text, tn)) {
				if (!unsound++)
					printf("# unsound: pattern /%s/%s%s text '%s'\n", pat,
					       caseless ? "i" : "", extended ? "x" : "", text);
			}
		}
		pcre2_code_free(re);
	}
	pcre2_match_data_free(md);
	printf("# %d matches checked, %d patterns with literals\n", checked, filtered);
	OK(checked > 2000, "enough random matches to check");
	OK(filtered > 2000, "enough random patterns get literals");
	INT_EQ(unsound, 0);
	INT_EQ(disagree, 0);
}

/* The one-pass scan agrees with prefilter_found() slot by slot. */
static void test_scan(void)
{
	static const char *const pats[] = { "@", "todo", "<{3}", "\\w+", "a(?i)bc" };
	struct prefilter *pf = prefilter_new(70);
	uint64_t bits[2];
	const char *text = "Say TODO to x@y <<< and ABC";
	struct prefilter_set set;
	size_t i;

	for (i = 0; i < 5; i++) {
		if (prefilter_literals(pats[i], strlen(pats[i]), 0, 0, &set))
			prefilter_add(pf, i == 4 ? 69 : i, &set);
	}
	INT_EQ(prefilter_words(pf), 2);
	OK(!prefilter_has(pf, 3), "\\w+ has no literals");
	OK(prefilter_has(pf, 69), "a slot past the first word");
	prefilter_scan(pf, text, strlen(text), bits);
	INT_EQ(bits[0], 0x7);
	INT_EQ(bits[1], 1ull << 5);
	prefilter_scan(pf, "nothing here", 12, bits);
	INT_EQ(bits[0] | bits[1], 0);
	prefilter_scan(pf, "to", 2, bits);                     /* a literal cut by the end */
	INT_EQ(bits[0], 0);
	prefilter_free(pf);
}

int main(void)
{
	test_literals();
	test_refused();
	test_caseless_sets();
	test_differential();
	test_scan();
	return harness_done();
}
