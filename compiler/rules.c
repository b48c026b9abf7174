/*
 * rules: load the rule files of lint-rules/, compile their patterns with
 * pcre2, check their examples, and run them over the sections of a struct
 * doc; see rules.h and docs/format.md section 3 ("regex rules").
 *
 * Why matching cannot hang. Three mechanisms, each for a different shape of
 * trouble:
 *   1. Exponential backtracking (the classic `(a+)+$`) explodes at the first
 *      start position; the pcre2 match limit (which restarts at every start
 *      position, in the interpreter and in JIT code) stops it after
 *      RX_MATCH_LIMIT steps: about 1 ms with JIT, 10 ms without.
 *   2. Quadratic patterns stay under the match limit at each position but
 *      cost O(n) at each of n positions (`a(?=\w*\d)` over a 60 KB word: 7 s
 *      with JIT, no limit hit). So we never hand pcre2 the whole scan: each
 *      pcre2_match() call may only start
 *      matches within a chunk of the subject (pcre2_set_offset_limit() with
 *      PCRE2_USE_OFFSET_LIMIT; the subject stays whole, so lookbehind, \b and
 *      $ see the real text), and between calls we check a per-rule, per-file
 *      time budget: CPU time of the thread, so that a busy machine does not
 *      change the findings (a slower one can). Chunks are small
 *      (RX_CHUNK_JIT, RX_CHUNK_INTERP) so one call overshoots the budget by
 *      little; the calls themselves cost about 1 ms per rule per MB with JIT.
 *   3. Memory: depth and heap limits for the interpreter, a bounded JIT stack
 *      (on overflow the call is retried once without JIT, under the heap
 *      limit, since `(?:a|b)*` over a long paragraph is legitimate).
 * Backtracking verbs such as (*SKIP) and (*COMMIT), and \G, depend on where
 * a pcre2_match() call starts, so patterns using them cannot be chunked.
 * They are compiled with PCRE2_AUTO_CALLOUT instead: pcre2 then calls us
 * before every pattern item, and the callout checks the same time budget
 * from inside the match. That costs about 8 times the matching time, so
 * the default rules use no verbs: to step over quoted code they set
 * `skip_code: true`, and the engine drops matches that start in a fenced
 * code block or a code span (code_find(), one pass per file). Rules' own
 * callouts are refused at load, so every callout that runs is ours.
 *
 * Examples are checked at load under a budget of work, not of time, so a
 * rule file gets the same findings on every machine, busy or idle: each
 * pattern is compiled once more with PCRE2_AUTO_CALLOUT and run in the
 * interpreter, and every callout (pcre2 makes one before each pattern item it
 * tries, backtracking included) is one step of RULES_EXAMPLE_STEPS per rule
 * and RULES_LOAD_STEPS for all rules. A step can scan far (`\w*+` runs to the
 * end of its subject), so an example is also at most RULES_MAX_EXAMPLE bytes;
 * the CPU-time deadline RULES_LOAD_BUDGET_MS remains a backstop for patterns
 * built to make single steps long, and no test depends on it.
 *
 * Ownership: struct rules owns an arena (all strings, also those registered
 * with ruleinfo) and the pcre2_code of each rule. Match data, match context
 * and JIT stack live in struct rules_scratch, one per thread. pcre2 allocates
 * through xmalloc(), so out of memory aborts as everywhere else.
 */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pcre2.h>

#include "arena.h"
#include "config.h"
#include "json.h"
#include "prefilter.h"
#include "ruleinfo.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"
#include "ytree.h"

/*
 * Measured on `(a+)+$` over 40,000 'a' and a 'b' (x86-64, pcre2 10.42): the
 * match limit is reached at the first start position in 1.2 ms with JIT and
 * 9 ms without. Legitimate patterns use a few dozen steps per position.
 */
#define RX_MATCH_LIMIT 1000000
#define RX_DEPTH_LIMIT 100000
#define RX_HEAP_LIMIT_KIB (16 * 1024)
#define RX_JIT_STACK_MIN (32 * 1024)
#define RX_JIT_STACK_MAX (1024 * 1024)
#define RX_NEST_LIMIT 64
/*
 * Start positions per pcre2_match() call. A call is not interruptible, so the
 * worst overshoot of the time budget is one chunk of the costliest positions;
 * JIT code is 20 to 200 times faster than the interpreter, hence two sizes.
 */
#define RX_CHUNK_JIT 256
#define RX_CHUNK_INTERP 32
#define RX_SHOW_MAX 80 /* bytes of {match} and of shown examples */
#define RX_MAX_DEPTH 8 /* YAML nesting of a rule file */

enum scope {
	SCOPE_SCENARIO,
	SCOPE_BEHAVIOR,
	SCOPE_THOUGHTS,
	SCOPE_CONSEQUENCES,
	SCOPE_NOTES,
	SCOPE_TITLE,
	SCOPE_NR
};

static const char *const scope_names[SCOPE_NR] = {"scenario",     "behavior", "thoughts",
                                                  "consequences", "notes",    "title"};

static const struct {
	const char *name;
	uint32_t opt;
} flag_table[] = {
    {"caseless", PCRE2_CASELESS}, {"multiline", PCRE2_MULTILINE}, {"dotall", PCRE2_DOTALL},
    {"extended", PCRE2_EXTENDED}, {"ungreedy", PCRE2_UNGREEDY},
};
#define NFLAGS (sizeof(flag_table) / sizeof(flag_table[0]))

static const char *const rule_keys[] = {"id",          "severity", "message", "scope",
                                        "mode",        "pattern",  "flags",   "examples",
                                        "description", "skip_code"};
#define NKEYS (sizeof(rule_keys) / sizeof(rule_keys[0]))

static const char *const example_keys[] = {"match", "nomatch"};

struct example {
	const char *text;
	size_t len;
	int want; /* 1: must match; 0: must not */
	int line, col;
};

struct rule {
	const char *id;
	const char *path; /* the rule file */
	int line, col;    /* its id */
	enum diag_severity sev;
	const char *message;
	const char *description; /* NULL when not given */
	unsigned scopes;         /* 1 << enum scope */
	int require;
	const char *pattern;
	size_t pattern_len;
	uint32_t flags; /* PCRE2_CASELESS... from `flags` */
	struct example *examples;
	size_t nexamples;
	pcre2_code *code;
	size_t chunk;           /* start positions per call; 0: whole subject,
	                         * compiled with PCRE2_AUTO_CALLOUT */
	int active;             /* 0: its examples failed */
	int skip_code;          /* drop matches that start in code (spans, fences) */
	int sibling;            /* a further pattern of the rule before it (pattern: [...]) */
	size_t nsiblings;       /* on the first pattern: how many follow it */
	const char *fail;       /* the first example failure, for rules_test() */
	pcre2_code *steps_code; /* with auto-callouts, for counted example
	                         * checks; freed at the end of rules_load() */
};

struct rules {
	struct arena arena;
	struct rule *v;
	size_t nr, alloc;
	struct prefilter *pf; /* slot i: the literals of v[i]'s pattern */
	long load_steps;      /* left of RULES_LOAD_STEPS while loading */
};

/*
 * Code in Markdown, for skip_code rules: fenced code blocks and one-line code
 * spans, as byte ranges [start, end) of a text, sorted.
 */
struct code_ranges {
	size_t (*r)[2];
	size_t n, alloc;
	int found; /* code_find() has run */
};

static void code_add(struct code_ranges *cr, size_t a, size_t b)
{
	XGROW(cr->r, cr->alloc, cr->n + 1);
	cr->r[cr->n][0] = a;
	cr->r[cr->n][1] = b;
	cr->n++;
}

/* Fill cr with the code of s[0..len) (CommonMark fences and spans, simplified). */
static void code_find(const char *s, size_t len, struct code_ranges *cr)
{
	size_t p = 0;

	cr->n = 0;
	while (p < len) {
		size_t ls = p, le, q = p, ind = 0, run = 0;
		char fc;
		const char *nl = memchr(s + p, '\n', len - p);

		le = nl ? (size_t)(nl - s) : len;
		while (q < le && s[q] == ' ' && ind < 4) {
			q++;
			ind++;
		}
		fc = q < le ? s[q] : 0;
		if (ind < 4 && (fc == '`' || fc == '~')) {
			while (q + run < le && s[q + run] == fc)
				run++;
			if (run >= 3 && !(fc == '`' && memchr(s + q + run, '`', le - q - run))) {
				/* a fence: the block runs to a closing fence or the end */
				size_t b = le < len ? le + 1 : len, end = len;
				while (b < len) {
					const char *n2 = memchr(s + b, '\n', len - b);
					size_t e2 = n2 ? (size_t)(n2 - s) : len, c = b, k = 0,
					       cr2 = 0;
					while (c < e2 && s[c] == ' ' && k < 4) {
						c++;
						k++;
					}
					while (c + cr2 < e2 && s[c + cr2] == fc)
						cr2++;
					if (k < 4 && cr2 >= run) {
						size_t t = c + cr2;
						while (t < e2 && (s[t] == ' ' || s[t] == '\t'))
							t++;
						if (t == e2) {
							end = e2;
							break;
						}
					}
					b = n2 ? e2 + 1 : len;
				}
				code_add(cr, ls, end);
				p = end < len ? end + 1 : len;
				continue;
			}
		}
		/* code spans on this line: a backtick run closed by one as long */
		for (q = ls; q < le;) {
			size_t n = 0, t;
			if (s[q] != '`') {
				q++;
				continue;
			}
			while (q + n < le && s[q + n] == '`')
				n++;
			for (t = q + n; t < le;) {
				size_t m = 0;
				if (s[t] != '`') {
					t++;
					continue;
				}
				while (t + m < le && s[t + m] == '`')
					m++;
				if (m == n)
					break;
				t += m;
			}
			if (t < le) {
				code_add(cr, q, t + n);
				q = t + n;
			} else {
				q += n;
			}
		}
		p = nl ? le + 1 : len;
	}
}

/* Is offset off inside one of cr's ranges? */
static int in_code(const struct code_ranges *cr, size_t off)
{
	size_t lo = 0, hi = cr->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cr->r[mid][1] <= off)
			lo = mid + 1;
		else if (cr->r[mid][0] > off)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

struct rules_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;  /* NULL when JIT is not available */
	double deadline;      /* of the running match, for the callout */
	double now;           /* the thread's CPU clock when last read (scratch_clock) */
	unsigned long ncalls; /* pcre2_match() calls, for reading the clock every 8th */
	unsigned long ncallouts;
	long steps;   /* steps left for counted example checks; -1: not counting */
	int no_steps; /* the callout gave up because steps ran out */
};

/* pcre2 allocates through xmalloc(): out of memory aborts like elsewhere. */
static void *rx_malloc(PCRE2_SIZE n, void *data)
{
	(void)data;
	return xmalloc(n ? n : 1);
}

static void rx_free(void *p, void *data)
{
	(void)data;
	free(p);
}

static pcre2_general_context *rx_general(void)
{
	return pcre2_general_context_create(rx_malloc, rx_free, NULL);
}

/*
 * The thread's CPU time: the budgets measure the work of this file, which a
 * machine busy with other processes does not change much, where wall-clock
 * time would grow with every process beside us.
 */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/*
 * Read the clock into s->now. Reading the thread's CPU clock is a system
 * call (about 30 a file when each match read it); the budgets read it at
 * the start of a file's rules and then every 8th pcre2_match() call, and
 * a rule's own budget starts at the last reading.
 */
static double scratch_clock(struct rules_scratch *s)
{
	return s->now = now_ms();
}

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * Append s[0..len) for display in a one-line message: at most max bytes, cut
 * on a UTF-8 boundary and followed by "..." when cut; newlines, tabs and
 * carriage returns as \n, \t, \r, other C0 controls as \xNN.
 */
static void add_shown(struct strbuf *sb, const char *s, size_t len, size_t max)
{
	size_t n = len, i;

	if (n > max) {
		n = max;
		while (n > 0 && is_cont((unsigned char)s[n]))
			n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			strbuf_addstr(sb, "\\n");
		else if (c == '\t')
			strbuf_addstr(sb, "\\t");
		else if (c == '\r')
			strbuf_addstr(sb, "\\r");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\x%02x", c);
		else
			strbuf_addch(sb, c);
	}
	if (n < len)
		strbuf_addstr(sb, "...");
}

/* ---- matching ---------------------------------------------------------- */

enum scan_rc { SCAN_MATCH, SCAN_NOMATCH, SCAN_LIMIT, SCAN_TIME, SCAN_STEPS, SCAN_BADUTF };

/* An iteration over the matches of one rule in one subject. */
struct scan {
	const struct rule *rule;
	struct rules_scratch *s;
	const char *subj;
	size_t len;
	size_t pos;        /* where the next call starts */
	uint32_t opts;     /* PCRE2_NOTEMPTY_ATSTART after an empty match */
	int checked;       /* the subject's UTF-8 has been validated */
	double deadline;   /* now_ms() value at which to give up */
	size_t start, end; /* the last match */
	int err;           /* the pcre2 error of SCAN_LIMIT */
};

static void scan_init(struct scan *sc, const struct rule *ru, struct rules_scratch *s,
                      const char *subj, size_t len, double deadline)
{
	memset(sc, 0, sizeof(*sc));
	sc->rule = ru;
	sc->s = s;
	sc->subj = subj;
	sc->len = len;
	sc->deadline = deadline;
}

static enum scan_rc scan_next(struct scan *sc)
{
	const struct rule *ru = sc->rule;
	pcre2_match_context *mc = sc->s->mc;
	pcre2_match_data *md = sc->s->md;

	for (;;) {
		size_t limit = sc->len;
		uint32_t opts = sc->opts;
		PCRE2_SIZE *ov;
		int rc;

		if (sc->pos > sc->len)
			return SCAN_NOMATCH;
		if (!(++sc->s->ncalls & 7) && scratch_clock(sc->s) > sc->deadline)
			return SCAN_TIME;
		if (ru->chunk && sc->len - sc->pos > ru->chunk)
			limit = sc->pos + ru->chunk;
		pcre2_set_offset_limit(mc, limit < sc->len ? limit : PCRE2_UNSET);
		/*
		 * The first call validates the UTF-8 of the whole subject (from
		 * offset 0); later calls need not, and must not, since pcre2
		 * would check the rest of the subject again on every call.
		 */
		if (sc->checked)
			opts |= PCRE2_NO_UTF_CHECK;
		sc->s->deadline = sc->deadline;
		rc = pcre2_match(ru->code, (PCRE2_SPTR)sc->subj, sc->len, sc->pos, opts, md, mc);
		if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
			rc = pcre2_match(ru->code, (PCRE2_SPTR)sc->subj, sc->len, sc->pos,
			                 opts | PCRE2_NO_JIT, md, mc);
		if ((rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) ||
		    rc == PCRE2_ERROR_BADUTFOFFSET) {
			sc->pos = sc->len + 1;
			return SCAN_BADUTF;
		}
		sc->checked = 1;
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (limit >= sc->len) {
				sc->pos = sc->len + 1;
				return SCAN_NOMATCH;
			}
			/* every start up to limit was tried; go on after it */
			sc->pos = limit + 1;
			while (sc->pos < sc->len && is_cont((unsigned char)sc->subj[sc->pos]))
				sc->pos++;
			sc->opts = 0;
			continue;
		}
		if (rc < 0) {
			sc->err = rc;
			sc->pos = sc->len + 1;
			/* the callout gave up: the steps or the time are used up */
			if (rc == PCRE2_ERROR_CALLOUT)
				return sc->s->no_steps ? SCAN_STEPS : SCAN_TIME;
			return SCAN_LIMIT;
		}
		/* rc == 0 only says the ovector is short; pair 0 is set */
		ov = pcre2_get_ovector_pointer(md);
		sc->start = ov[0] <= sc->len ? ov[0] : sc->len;
		sc->end = ov[1] >= sc->start && ov[1] <= sc->len ? ov[1] : sc->start;
		sc->pos = sc->end;
		sc->opts = sc->end == sc->start ? PCRE2_NOTEMPTY_ATSTART : 0;
		return SCAN_MATCH;
	}
}

static const char *limit_name(int err)
{
	switch (err) {
	case PCRE2_ERROR_MATCHLIMIT:
		return "the pcre2 match limit";
	case PCRE2_ERROR_DEPTHLIMIT:
		return "the pcre2 depth limit";
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_NOMEMORY:
		return "the pcre2 heap limit";
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return "the JIT stack limit";
	}
	return "a pcre2 matching error";
}

/*
 * The automatic callout of whole-subject patterns and of counted example
 * checks: abandon the match when the steps (s->steps >= 0) or the time budget
 * are used up. Reading the clock every 1024 callouts keeps the cost low; 1024
 * pattern items take microseconds.
 */
static int budget_callout(pcre2_callout_block *b, void *data)
{
	struct rules_scratch *s = data;

	(void)b;
	if (s->steps >= 0 && s->steps-- == 0) {
		s->steps = 0;
		s->no_steps = 1;
		return PCRE2_ERROR_CALLOUT;
	}
	if (!(++s->ncallouts & 1023) && scratch_clock(s) > s->deadline)
		return PCRE2_ERROR_CALLOUT;
	return 0;
}

struct rules_scratch *rules_scratch_new(const struct rules *r)
{
	struct rules_scratch *s = xcalloc(1, sizeof(*s));
	pcre2_general_context *gc = rx_general();

	(void)r;
	/* one ovector pair: we only need where the whole match is */
	s->md = pcre2_match_data_create(1, gc);
	s->mc = pcre2_match_context_create(gc);
	if (!gc || !s->md || !s->mc)
		BUG("pcre2 allocation returned NULL");
	pcre2_set_match_limit(s->mc, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(s->mc, RX_DEPTH_LIMIT);
	pcre2_set_heap_limit(s->mc, RX_HEAP_LIMIT_KIB);
	pcre2_set_callout(s->mc, budget_callout, s);
	s->steps = -1;
	/* NULL when this pcre2 has no JIT; then nothing runs JIT code */
	s->js = pcre2_jit_stack_create(RX_JIT_STACK_MIN, RX_JIT_STACK_MAX, gc);
	if (s->js)
		pcre2_jit_stack_assign(s->mc, NULL, s->js);
	pcre2_general_context_free(gc);
	return s;
}

void rules_scratch_free(struct rules_scratch *s)
{
	if (!s)
		return;
	pcre2_jit_stack_free(s->js);
	pcre2_match_context_free(s->mc);
	pcre2_match_data_free(s->md);
	free(s);
}

/* ---- loading ----------------------------------------------------------- */

struct loader {
	struct rules *r;
	struct diag_sink *sink;
	struct rules_scratch *scratch;
	const char *path; /* of the rule file, in r->arena */
	const char *buf;  /* the rule file */
	size_t len;
	int nbad;             /* rule-invalid problems in this file */
	double load_deadline; /* all examples of all rule files share it */
};

static void bad(struct loader *ld, int line, int col, const char *fmt, ...) XALLOC_PRINTF(4, 5);

static void bad(struct loader *ld, int line, int col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct loc l;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	l.path = ld->path;
	l.line = line;
	l.col = col;
	diag_add(ld->sink, DIAG_ERROR, &l, "rule-invalid", "%s", sb.buf);
	strbuf_release(&sb);
	ld->nbad++;
}

/* Byte offset of 1-based (line, col) in the rule file; col in code points. */
static size_t buf_off(const struct loader *ld, int line, int col)
{
	size_t off = 0;
	int l = 1, c = 1;

	while (off < ld->len && l < line)
		if (ld->buf[off++] == '\n')
			l++;
	while (off < ld->len && ld->buf[off] != '\n' && c < col) {
		unsigned cp;
		size_t k = utf8_seq_len((const unsigned char *)ld->buf + off, ld->len - off, &cp);
		off += k ? k : 1;
		c++;
	}
	return off;
}

/*
 * The file position of byte eo of the pattern. Exact when the scalar is
 * written on one line and its source text can be lined up with its value:
 * plain, single-quoted ('' is one quote) or double-quoted without escapes;
 * otherwise the scalar's own position.
 */
static struct loc pattern_loc(const struct loader *ld, const struct ynode *n, size_t eo)
{
	size_t off = buf_off(ld, n->line, n->col), avail = ld->len - off;
	const char *raw = ld->buf + off;
	struct loc l;
	size_t ro = 0;

	l.path = ld->path;
	l.line = n->line;
	l.col = n->col;
	if (eo > n->len)
		eo = n->len;
	if (memchr(n->str, '\n', n->len))
		return l;
	if (n->plain) {
		if (avail < n->len || memcmp(raw, n->str, n->len))
			return l;
		ro = eo;
	} else if (avail > n->len + 1 && raw[0] == '"') {
		if (memcmp(raw + 1, n->str, n->len) || raw[n->len + 1] != '"')
			return l;
		ro = 1 + eo;
	} else if (avail && raw[0] == '\'') {
		size_t i, j = 1;

		for (i = 0; i <= n->len; i++) {
			if (i == eo)
				ro = j;
			if (i == n->len)
				break;
			if (j >= avail || raw[j] == '\n')
				return l;
			if (n->str[i] == '\'') {
				if (j + 1 >= avail || raw[j] != '\'' || raw[j + 1] != '\'')
					return l;
				j += 2;
			} else {
				if (raw[j] != n->str[i])
					return l;
				j++;
			}
		}
		if (j >= avail || raw[j] != '\'')
			return l;
	} else {
		return l;
	}
	l.col = n->col + (int)utf8_count(raw, ro);
	return l;
}

static void bad_at_pattern(struct loader *ld, const struct ynode *n, size_t eo, const char *what)
{
	struct loc l = pattern_loc(ld, n, eo);

	bad(ld, l.line, l.col, "%s", what);
}

/* A string value (no NUL inside) copied to the arena, or NULL after a finding. */
static const char *want_str(struct loader *ld, const struct ynode *n, const char *what)
{
	if (!ynode_is_str(n)) {
		bad(ld, n->line, n->col, "%s must be a string, not %s", what, ynode_kind_name(n));
		return NULL;
	}
	if (strlen(n->str) != n->len) {
		bad(ld, n->line, n->col, "%s contains a NUL character", what);
		return NULL;
	}
	return arena_strndup(&ld->r->arena, n->str, n->len);
}

/* Trim trailing white space, e.g. the newline a block scalar keeps. */
static const char *trim_end(struct loader *ld, const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(&ld->r->arena, s, n);
}

static void unknown_key(struct loader *ld, const struct ynode *k, const char *what,
                        const char *const *keys, size_t n)
{
	const char *hint = suggest_closest(k->str, keys, n);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addf(&sb, "unknown key '%s' in %s", k->str, what);
	if (hint) {
		strbuf_addf(&sb, "; did you mean '%s'?", hint);
	} else {
		strbuf_addstr(&sb, "; known keys are ");
		for (i = 0; i < n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", keys[i]);
	}
	bad(ld, k->line, k->col, "%s", sb.buf);
	strbuf_release(&sb);
}

/* A list of words from a table into a bitmask, or -1 after a finding. */
static long parse_words(struct loader *ld, const struct ynode *n, const char *key,
                        const char *const *names, size_t nnames)
{
	long mask = 0;
	size_t i, j;
	int ok = 1;

	if (n->kind != YNODE_SEQ) {
		bad(ld, n->line, n->col, "'%s' must be a list such as [%s], not %s", key, names[0],
		    ynode_kind_name(n));
		return -1;
	}
	for (i = 0; i < n->n; i++) {
		const struct ynode *it = n->items[i];
		const char *hint;

		if (!ynode_is_str(it)) {
			bad(ld, it->line, it->col, "an item of '%s' must be a word, not %s", key,
			    ynode_kind_name(it));
			ok = 0;
			continue;
		}
		for (j = 0; j < nnames; j++)
			if (!strcmp(it->str, names[j]))
				break;
		if (j == nnames) {
			struct strbuf sb = STRBUF_INIT;
			size_t k;

			hint = suggest_closest(it->str, names, nnames);
			strbuf_addf(&sb, "unknown %s '%s'", key, it->str);
			if (hint)
				strbuf_addf(&sb, "; did you mean '%s'?", hint);
			strbuf_addstr(&sb, hint ? " (one of " : "; use one of ");
			for (k = 0; k < nnames; k++)
				strbuf_addf(&sb, "%s%s", k ? ", " : "", names[k]);
			if (hint)
				strbuf_addch(&sb, ')');
			bad(ld, it->line, it->col, "%s", sb.buf);
			strbuf_release(&sb);
			ok = 0;
		} else if (mask & (1L << j)) {
			bad(ld, it->line, it->col, "'%s' is listed twice in '%s'", it->str, key);
			ok = 0;
		} else {
			mask |= 1L << j;
		}
	}
	return ok ? mask : -1;
}

static void parse_examples(struct loader *ld, struct rule *ru, const struct ynode *n)
{
	size_t i, j, total = 0, k = 0;

	if (n->kind != YNODE_MAP) {
		bad(ld, n->line, n->col,
		    "'examples' must be a mapping with 'match' and 'nomatch' lists, not %s",
		    ynode_kind_name(n));
		return;
	}
	for (i = 0; i < n->n; i++) {
		const struct ynode *key = ynode_key(n, i), *v = ynode_val(n, i);

		if (strcmp(key->str, "match") && strcmp(key->str, "nomatch")) {
			unknown_key(ld, key, "'examples'", example_keys, 2);
			continue;
		}
		if (v->kind != YNODE_SEQ) {
			bad(ld, v->line, v->col, "'examples: %s' must be a list of strings, not %s",
			    key->str, ynode_kind_name(v));
			continue;
		}
		total += v->n;
	}
	ru->examples = arena_alloc(&ld->r->arena, (total ? total : 1) * sizeof(*ru->examples));
	for (i = 0; i < n->n; i++) {
		const struct ynode *key = ynode_key(n, i), *v = ynode_val(n, i);
		int want = !strcmp(key->str, "match");

		if ((!want && strcmp(key->str, "nomatch")) || v->kind != YNODE_SEQ)
			continue;
		for (j = 0; j < v->n; j++) {
			const struct ynode *it = v->items[j];
			struct example *ex;

			if (it->kind != YNODE_SCALAR) {
				bad(ld, it->line, it->col, "an example must be a string, not %s",
				    ynode_kind_name(it));
				continue;
			}
			ex = &ru->examples[k++];
			/* a bare empty item is the empty string, not null */
			ex->text = arena_strndup(&ld->r->arena, it->str, it->len);
			ex->len = it->len;
			ex->want = want;
			ex->line = it->line;
			ex->col = it->col;
		}
	}
	ru->nexamples = k;
}

struct callout_pos {
	int found;
	size_t pos;
};

static int first_callout(pcre2_callout_enumerate_block *b, void *data)
{
	struct callout_pos *cp = data;

	cp->found = 1;
	cp->pos = b->pattern_position;
	return 1; /* stop at the first */
}

/* Find needle in s[0..len), or return NULL. */
static const char *find_mem(const char *s, size_t len, const char *needle)
{
	size_t nl = strlen(needle), i;

	for (i = 0; i + nl <= len; i++)
		if (!memcmp(s + i, needle, nl))
			return s + i;
	return NULL;
}

static pcre2_code *compile_with(const struct rule *ru, uint32_t extra, int *err, PCRE2_SIZE *eo)
{
	pcre2_general_context *gc = rx_general();
	pcre2_compile_context *cc = pcre2_compile_context_create(gc);
	pcre2_code *code;

	pcre2_set_max_pattern_length(cc, RULES_MAX_PATTERN);
	pcre2_set_parens_nest_limit(cc, RX_NEST_LIMIT);
	pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
	pcre2_set_bsr(cc, PCRE2_BSR_UNICODE);
	code = pcre2_compile((PCRE2_SPTR)ru->pattern, ru->pattern_len,
	                     PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
	                         PCRE2_USE_OFFSET_LIMIT | ru->flags | extra,
	                     err, eo, cc);
	pcre2_compile_context_free(cc);
	pcre2_general_context_free(gc);
	return code;
}

/* Compile ru->pattern; findings on failure (ru->code stays NULL). */
static void compile_pattern(struct loader *ld, struct rule *ru, const struct ynode *pn)
{
	const char *p = ru->pattern, *hit;
	size_t len = ru->pattern_len;
	struct callout_pos cp = {0, 0};
	PCRE2_SIZE eo;
	int err, whole;

	if (!len) {
		bad(ld, pn->line, pn->col, "the pattern is empty");
		return;
	}
	if (len > RULES_MAX_PATTERN) {
		bad(ld, pn->line, pn->col, "the pattern is %zu bytes long; at most %d are allowed",
		    len, RULES_MAX_PATTERN);
		return;
	}
	/*
	 * Start-of-pattern options could raise no limit (pcre2 only lets them
	 * lower ours) but could turn off UTF, JIT or optimizations or change
	 * what a newline is; docs/format.md section 3 forbids them all.
	 */
	if (len >= 2 && p[0] == '(' && p[1] == '*') {
		bad_at_pattern(ld, pn, 0,
		               "a pattern may not start with '(*': start-of-pattern options such "
		               "as (*UTF), (*NO_JIT) or (*LIMIT_MATCH=) are not allowed in rules");
		return;
	}
	if ((hit = find_mem(p, len, "(*LIMIT_"))) {
		bad_at_pattern(
		    ld, pn, (size_t)(hit - p),
		    "'(*LIMIT_...)' is not allowed in rule patterns; corpusc sets the limits");
		return;
	}
	ru->code = compile_with(ru, 0, &err, &eo);
	if (!ru->code) {
		PCRE2_UCHAR msg[256];

		if (err == PCRE2_ERROR_BACKSLASH_C_CALLER_DISABLED ||
		    err == PCRE2_ERROR_BACKSLASH_C_LIBRARY_DISABLED) {
			bad_at_pattern(ld, pn, eo >= 2 ? eo - 2 : 0,
			               "'\\C' is not allowed in rule patterns: it matches a single "
			               "byte and can split a UTF-8 character");
			return;
		}
		if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
			memcpy(msg, "unknown error", sizeof("unknown error"));
		{
			struct strbuf sb = STRBUF_INIT;

			strbuf_addf(&sb, "invalid pattern: %s", (const char *)msg);
			bad_at_pattern(ld, pn, eo, sb.buf);
			strbuf_release(&sb);
		}
		return;
	}
	pcre2_callout_enumerate(ru->code, first_callout, &cp);
	if (cp.found) {
		/* pattern_position is just after the callout; find its "(?C" */
		size_t at = cp.pos < len ? cp.pos : len;

		while (at > 0 && !(at + 3 <= len && !memcmp(p + at, "(?C", 3)))
			at--;
		bad_at_pattern(ld, pn, at,
		               "callouts such as '(?C1)' are not allowed in rule patterns");
		pcre2_code_free(ru->code);
		ru->code = NULL;
		return;
	}
	/* verbs and \G depend on where a call starts: match in one call */
	whole = find_mem(p, len, "(*") || find_mem(p, len, "\\G");
	if (whole) {
		pcre2_code *ac = compile_with(ru, PCRE2_AUTO_CALLOUT, &err, &eo);

		if (!ac)
			BUG("pattern compiles only without auto-callouts");
		pcre2_code_free(ru->code);
		ru->code = ac;
	}
	/*
	 * No JIT (unsupported, no executable memory, or CORPUSC_NO_JIT set)
	 * falls back to the interpreter. The switch is for valgrind: JIT code
	 * reads up to 15 bytes past the subject with SIMD loads (harmless, it
	 * never crosses a page) and valgrind reports each such read.
	 */
	if (!getenv("CORPUSC_NO_JIT") && pcre2_jit_compile(ru->code, PCRE2_JIT_COMPLETE) == 0)
		ru->chunk = RX_CHUNK_JIT;
	else
		ru->chunk = RX_CHUNK_INTERP;
	if (whole)
		ru->chunk = 0;
	ru->steps_code = compile_with(ru, PCRE2_AUTO_CALLOUT, &err, &eo);
	if (!ru->steps_code)
		BUG("pattern compiles only without auto-callouts");
}

/*
 * Scan ex with the counted code of ru (see the top of this file): steps come
 * from s->steps, which the caller sets.
 */
static enum scan_rc counted_scan(struct scan *sc, struct rule *tmp, const struct rule *ru,
                                 struct rules_scratch *s, const struct example *ex, double deadline)
{
	*tmp = *ru;
	tmp->code = ru->steps_code;
	tmp->chunk = 0;
	s->no_steps = 0;
	scan_init(sc, tmp, s, ex->text, ex->len, deadline);
	return scan_next(sc);
}

/* Does any pattern of the rule group match text? SCAN_LIMIT etc. on trouble. */
static enum scan_rc group_match(struct loader *ld, const struct rule *g, size_t n,
                                const struct example *ex, double deadline, int *err)
{
	size_t k;

	for (k = 0; k < n; k++) {
		struct rule tmp;
		struct scan sc;
		enum scan_rc rc = counted_scan(&sc, &tmp, &g[k], ld->scratch, ex, deadline);

		if (g[k].skip_code && rc == SCAN_MATCH) {
			struct code_ranges cr = {NULL, 0, 0, 0};
			code_find(ex->text, ex->len, &cr);
			while (rc == SCAN_MATCH && in_code(&cr, sc.start))
				rc = scan_next(&sc);
			free(cr.r);
		}
		if (rc != SCAN_NOMATCH) {
			*err = sc.err;
			return rc;
		}
	}
	return SCAN_NOMATCH;
}

/*
 * Check the examples of a rule (g[0..n): its patterns); on failure a
 * rule-example finding per bad example and the rule is not active. The
 * examples share RULES_EXAMPLE_STEPS, and all rules RULES_LOAD_STEPS, so a
 * rule file cannot stall the load, with the same findings on any machine.
 */
static void check_examples(struct loader *ld, struct rule *g, size_t n)
{
	double deadline = now_ms() + RULES_TIME_BUDGET_MS;
	struct rule *ru = &g[0];
	long budget = RULES_EXAMPLE_STEPS;
	int whole_load = 0;
	size_t i, k;

	if (deadline > ld->load_deadline)
		deadline = ld->load_deadline;
	if (ld->r->load_steps < budget) {
		budget = ld->r->load_steps;
		whole_load = 1;
	}
	ld->scratch->steps = budget;
	ru->active = 1;
	for (i = 0; i < ru->nexamples; i++) {
		const struct example *ex = &ru->examples[i];
		struct strbuf why = STRBUF_INIT;
		enum scan_rc rc = SCAN_NOMATCH;
		struct loc l;
		int err = 0;

		if (ex->len <= RULES_MAX_EXAMPLE) {
			rc = group_match(ld, g, n, ex, deadline, &err);
			if ((rc == SCAN_MATCH) == ex->want && rc != SCAN_LIMIT && rc != SCAN_TIME &&
			    rc != SCAN_STEPS && rc != SCAN_BADUTF)
				continue;
		}
		strbuf_addstr(&why, "example '");
		add_shown(&why, ex->text, ex->len, RX_SHOW_MAX);
		if (ex->len > RULES_MAX_EXAMPLE)
			strbuf_addf(&why, "' is %zu bytes long; examples may be at most %d",
			            ex->len, RULES_MAX_EXAMPLE);
		else if (rc == SCAN_STEPS)
			strbuf_addf(&why, "' used up the step budget of %s (%ld pcre2 steps)",
			            whole_load ? "all rules' examples" : "the rule's examples",
			            whole_load ? (long)RULES_LOAD_STEPS
			                       : (long)RULES_EXAMPLE_STEPS);
		else if (rc == SCAN_LIMIT || rc == SCAN_TIME)
			strbuf_addf(&why, "' hit %s",
			            rc == SCAN_TIME ? "the time budget" : limit_name(err));
		else
			strbuf_addstr(&why, ex->want ? "' should match" : "' should not match");
		l.path = ld->path;
		l.line = ex->line;
		l.col = ex->col;
		diag_add(ld->sink, DIAG_ERROR, &l, "rule-example", "rule '%s' is not loaded: %s",
		         ru->id, why.buf);
		if (!ru->fail)
			ru->fail = arena_strdup(&ld->r->arena, why.buf);
		ru->active = 0;
		strbuf_release(&why);
	}
	ld->r->load_steps -= budget - ld->scratch->steps;
	ld->scratch->steps = -1;
	for (k = 1; k < n; k++) {
		g[k].active = ru->active;
		g[k].fail = ru->fail;
	}
}

static const struct rule *find_rule(const struct rules *r, const char *id)
{
	size_t i;

	for (i = 0; r && i < r->nr; i++)
		if (!strcmp(r->v[i].id, id))
			return &r->v[i];
	return NULL;
}

static void register_rule(struct rules *r, const struct rule *ru)
{
	struct rule_meta m;
	const char *sum = ru->message;
	struct strbuf sb = STRBUF_INIT;

	if (ru->description) {
		const char *nl = strchr(ru->description, '\n');
		sum = nl ? arena_strndup(&r->arena, ru->description, (size_t)(nl - ru->description))
		         : ru->description;
	}
	if (ru->require)
		strbuf_addf(&sb,
		            "write text that matches the rule's pattern "
		            "(rule file %s), or suppress the rule with a reason",
		            ru->path);
	else
		strbuf_addf(&sb,
		            "change the text so it no longer matches "
		            "(rule file %s), or suppress the rule with a reason",
		            ru->path);
	m.id = ru->id;
	m.family = "regex";
	m.sev = ru->sev;
	m.summary = sum;
	m.help = arena_strdup(&r->arena, sb.buf);
	strbuf_release(&sb);
	ruleinfo_register(&m);
}

/* Validate the tree of one rule file and add the rule when it is sound. */
/* The rule's id: a slug no other rule, and no built-in check, uses. */
static void check_rule_id(struct loader *ld, const struct rule *ru, const struct ynode *n)
{
	const struct rule *other = find_rule(ld->r, ru->id);
	const struct rule_meta *m;

	if (!is_id(ru->id)) {
		bad(ld, n->line, n->col,
		    "rule id '%s' is not a slug of lowercase letters, digits and single "
		    "hyphens (at most 64)",
		    ru->id);
	} else if (other) {
		bad(ld, n->line, n->col, "rule id '%s' is already used", ru->id);
		diag_note(ld->sink, "first defined at %s:%d:%d", other->path, other->line,
		          other->col);
	} else if ((m = ruleinfo_find(ru->id))) {
		bad(ld, n->line, n->col,
		    "rule id '%s' is already used by the %s rule '%s'; choose another id", ru->id,
		    m->family, m->id);
	}
}

/* The keys besides id, pattern and examples, into ru. */
static void load_settings(struct loader *ld, struct rule *ru, const struct ynode *root)
{
	const struct ynode *n;
	size_t i;

	if ((n = ynode_get(root, "severity")) && !ynode_is_null(n)) {
		int sev = ynode_is_str(n) ? diag_severity_parse(n->str) : -1;

		if (sev < 0)
			bad(ld, n->line, n->col,
			    "severity must be error, warning or note, not '%s'",
			    ynode_is_str(n) ? n->str : ynode_kind_name(n));
		else
			ru->sev = (enum diag_severity)sev;
	}
	if ((n = ynode_get(root, "message")) && !ynode_is_null(n) &&
	    (ru->message = want_str(ld, n, "'message'"))) {
		ru->message = trim_end(ld, ru->message);
		if (!*ru->message)
			bad(ld, n->line, n->col, "the message is empty");
		else if (strchr(ru->message, '\n'))
			bad(ld, n->line, n->col,
			    "the message must be one line; put longer text in 'description'");
	}
	if ((n = ynode_get(root, "description")) && !ynode_is_null(n) &&
	    (ru->description = want_str(ld, n, "'description'")))
		ru->description = trim_end(ld, ru->description);
	if ((n = ynode_get(root, "scope")) && !ynode_is_null(n)) {
		long m = parse_words(ld, n, "scope", scope_names, SCOPE_NR);

		if (m == 0)
			bad(ld, n->line, n->col,
			    "'scope' is empty; name at least one of scenario, behavior, thoughts, "
			    "consequences, notes, title");
		else if (m > 0)
			ru->scopes = (unsigned)m;
	}
	if ((n = ynode_get(root, "mode"))) {
		if (ynode_is_str(n) && !strcmp(n->str, "require"))
			ru->require = 1;
		else if (!ynode_is_str(n) || strcmp(n->str, "forbid"))
			bad(ld, n->line, n->col, "mode must be forbid or require, not '%s'",
			    ynode_is_str(n) ? n->str : ynode_kind_name(n));
	}
	if ((n = ynode_get(root, "skip_code"))) {
		int v = ynode_bool(n);
		if (v < 0)
			bad(ld, n->line, n->col, "skip_code must be true or false, not '%s'",
			    n->kind == YNODE_SCALAR ? n->str : ynode_kind_name(n));
		else
			ru->skip_code = v;
	}
	if ((n = ynode_get(root, "flags")) && !ynode_is_null(n)) {
		const char *names[NFLAGS];
		long m;

		for (i = 0; i < NFLAGS; i++)
			names[i] = flag_table[i].name;
		m = parse_words(ld, n, "flag", names, NFLAGS);
		for (i = 0; m > 0 && i < NFLAGS; i++)
			if (m & (1L << i))
				ru->flags |= flag_table[i].opt;
	}
}

static const struct ynode *rule_pattern(struct loader *ld, const struct ynode *root)
{
	const struct ynode *n;
	size_t i;

	/*
	 * pattern: a string, or a list of strings matched one by one under
	 * the one rule id. A list is not only for readability: pcre2 skips
	 * ahead to the characters a pattern can start with, and one branch
	 * that can start anywhere (say a multiline ^) takes that away from the
	 * whole alternation; as separate patterns each keeps its own.
	 */
	if (!(n = ynode_get(root, "pattern")) || ynode_is_null(n))
		return NULL;
	if (n->kind == YNODE_SCALAR) {
		return n;
	} else if (n->kind == YNODE_SEQ && n->n >= 1 && n->n <= 32) {
		for (i = 0; i < n->n; i++)
			if (n->items[i]->kind != YNODE_SCALAR || !n->items[i]->len)
				bad(ld, n->items[i]->line, n->items[i]->col,
				    "each pattern of the list must be a non-empty string, "
				    "not %s",
				    ynode_kind_name(n->items[i]));
		return n;
	} else {
		bad(ld, n->line, n->col,
		    "the pattern must be a string or a list of 1 to 32 strings, not %s",
		    ynode_kind_name(n));
	}
	return NULL;
}

/* Compile each pattern of pn under rule ru and add them to the rules, with ru's examples checked.
 */
static void add_rule(struct loader *ld, const struct rule *ru, const struct ynode *pn)
{
	size_t np = pn->kind == YNODE_SEQ ? pn->n : 1, k;
	struct rule *g = xcalloc(np, sizeof(*g));

	for (k = 0; k < np; k++) {
		const struct ynode *p = pn->kind == YNODE_SEQ ? pn->items[k] : pn;

		g[k] = *ru;
		g[k].pattern = arena_strndup(&ld->r->arena, p->str, p->len);
		g[k].pattern_len = p->len;
		g[k].sibling = k > 0;
		compile_pattern(ld, &g[k], p);
		if (!g[k].code) {
			while (k--) {
				pcre2_code_free(g[k].code);
				pcre2_code_free(g[k].steps_code);
			}
			free(g);
			return;
		}
	}
	g[0].nsiblings = np - 1;
	check_examples(ld, g, np);
	XGROW(ld->r->v, ld->r->alloc, ld->r->nr + np);
	memcpy(ld->r->v + ld->r->nr, g, np * sizeof(*g));
	ld->r->nr += np;
	if (g[0].active)
		register_rule(ld->r, &g[0]);
	free(g);
}

static void load_tree(struct loader *ld, const struct ynode *root)
{
	struct rule ru;
	const struct ynode *n, *idn = NULL, *pn = NULL;
	static const char *const required[] = {"id", "severity", "message", "scope", "pattern"};
	size_t i;

	memset(&ru, 0, sizeof(ru));
	if (!root) {
		bad(ld, 1, 1,
		    "the rule file is empty; a rule is a mapping with id, severity, message, scope "
		    "and pattern");
		return;
	}
	if (root->kind != YNODE_MAP) {
		bad(ld, root->line, root->col,
		    "a rule file must be a mapping with id, severity, message, scope and pattern, "
		    "not %s",
		    ynode_kind_name(root));
		return;
	}
	for (i = 0; i < root->n; i++) {
		const struct ynode *k = ynode_key(root, i);
		size_t j;

		for (j = 0; j < NKEYS; j++)
			if (!strcmp(k->str, rule_keys[j]))
				break;
		if (j == NKEYS)
			unknown_key(ld, k, "a rule", rule_keys, NKEYS);
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (ynode_is_null(ynode_get(root, required[i])))
			bad(ld, root->line, root->col, "the rule has no '%s'", required[i]);
	ru.path = ld->path;
	ru.line = root->line;
	ru.col = root->col;

	if ((n = ynode_get(root, "id")) && !ynode_is_null(n) && (ru.id = want_str(ld, n, "'id'"))) {
		idn = n;
		ru.line = n->line;
		ru.col = n->col;
		check_rule_id(ld, &ru, n);
	}
	load_settings(ld, &ru, root);
	if ((n = ynode_get(root, "examples")) && !ynode_is_null(n))
		parse_examples(ld, &ru, n);
	pn = rule_pattern(ld, root);
	/* compile only a rule that is otherwise sound: flags change the pattern */
	if (ld->nbad || !pn || !idn)
		return;
	add_rule(ld, &ru, pn);
}

/*
 * Read a regular file of at most RULES_MAX_FILE bytes (read_file(): never
 * through a symlink, and a FIFO named x.yaml does not stall the load); -1
 * after a finding.
 */
static int read_rule_file(struct loader *ld, char **buf, size_t *len)
{
	if (read_file(ld->path, buf, len, RULES_MAX_FILE) == 0)
		return 0;
	if (errno == ELOOP)
		bad(ld, 1, 1,
		    "the rule file is a symbolic link; rule files are not read through links");
	else if (errno == EINVAL)
		bad(ld, 1, 1, "the rule file is not a regular file");
	else if (errno == EFBIG)
		bad(ld, 1, 1, "the rule file is larger than %d KiB", RULES_MAX_FILE / 1024);
	else
		bad(ld, 1, 1, "cannot read the rule file: %s", strerror(errno));
	return -1;
}

static void load_file(struct rules *r, struct rules_scratch *scratch, const char *path,
                      struct diag_sink *sink, double load_deadline)
{
	struct loader ld;
	struct arena tree = ARENA_INIT;
	struct diag_sink ysink = DIAG_SINK_INIT;
	struct ytree_opts yo;
	struct ynode *root;
	char *buf = NULL;
	size_t len = 0, i;
	int failed;

	memset(&ld, 0, sizeof(ld));
	ld.r = r;
	ld.sink = sink;
	ld.scratch = scratch;
	ld.path = path;
	ld.load_deadline = load_deadline;
	if (read_rule_file(&ld, &buf, &len) < 0)
		return;
	ld.buf = buf;
	ld.len = len;
	memset(&yo, 0, sizeof(yo));
	yo.path = path;
	yo.max_depth = RX_MAX_DEPTH;
	yo.arena = &tree;
	yo.sink = &ysink;
	root = ytree_parse(buf, len, &yo, &failed);
	/* ytree names its findings for front matter; here they are rule problems */
	for (i = 0; i < ysink.nr; i++) {
		free(ysink.items[i].rule);
		ysink.items[i].rule = xstrdup("rule-invalid");
	}
	diag_move(sink, &ysink);
	if (!failed)
		load_tree(&ld, root);
	diag_release(&ysink);
	arena_release(&tree);
	free(buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

/*
 * The literals of each pattern (prefilter.h), checked once more against the
 * rule's own examples: a pattern that matches an example lacking all of its
 * literals would mean a bug in the reader, and then it keeps no prefilter.
 * Only examples without the literals are scanned, with counted steps from
 * what the example checks left; when they run out, or the scan hits a limit,
 * the pattern keeps no prefilter, which costs time but no finding.
 */
static void build_prefilter(struct rules *r, struct rules_scratch *scratch, double deadline)
{
	size_t i, head = 0, k;

	r->pf = prefilter_new(r->nr);
	for (i = 0; i < r->nr; i++) {
		const struct rule *ru = &r->v[i];
		struct prefilter_set set;
		int sound = 1;

		if (!ru->sibling)
			head = i;
		if (!ru->code || !ru->active ||
		    !prefilter_literals(ru->pattern, ru->pattern_len,
		                        (ru->flags & PCRE2_CASELESS) != 0,
		                        (ru->flags & PCRE2_EXTENDED) != 0, &set))
			continue;
		for (k = 0; k < r->v[head].nexamples && sound; k++) {
			const struct example *ex = &r->v[head].examples[k];
			struct rule tmp;
			struct scan sc;

			if (prefilter_found(&set, ex->text, ex->len))
				continue;
			scratch->steps = r->load_steps;
			if (counted_scan(&sc, &tmp, ru, scratch, ex, deadline) != SCAN_NOMATCH)
				sound = 0;
			r->load_steps = scratch->steps;
		}
		scratch->steps = -1;
		if (sound)
			prefilter_add(r->pf, i, &set);
	}
}

struct rules *rules_load(const char *dir, struct diag_sink *sink)
{
	double load_deadline = now_ms() + RULES_LOAD_BUDGET_MS;
	struct rules *r;
	struct rules_scratch *scratch;
	char **names = NULL;
	size_t nnames = 0, alloc = 0, i, dlen = strlen(dir);
	const char *sep = dlen && dir[dlen - 1] == '/' ? "" : "/";
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d) {
		error("cannot open rules directory '%s': %s", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (!ends_with(de->d_name, ".yaml") && !ends_with(de->d_name, ".yml"))
			continue;
		if (!strcmp(de->d_name, "taxonomy.yaml") || !strcmp(de->d_name, "policy.yaml"))
			continue;
		XGROW(names, alloc, nnames + 1);
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (nnames > 1)
		qsort(names, nnames, sizeof(*names), cmp_str);

	r = xcalloc(1, sizeof(*r));
	r->load_steps = RULES_LOAD_STEPS;
	scratch = rules_scratch_new(r);
	for (i = 0; i < nnames; i++) {
		struct strbuf path = STRBUF_INIT;
		const char *p;

		strbuf_addf(&path, "%s%s%s", dir, sep, names[i]);
		p = arena_strdup(&r->arena, path.buf);
		strbuf_release(&path);
		if (ends_with(names[i], ".yml")) {
			struct loc l = {p, 1, 1};
			diag_add(sink, DIAG_WARNING, &l, "rule-invalid",
			         "'%s' is not read: rule files end in '.yaml'", names[i]);
		} else {
			load_file(r, scratch, p, sink, load_deadline);
		}
		free(names[i]);
	}
	free(names);
	build_prefilter(r, scratch, load_deadline);
	rules_scratch_free(scratch);
	/* the counted code is for loading only */
	for (i = 0; i < r->nr; i++) {
		pcre2_code_free(r->v[i].steps_code);
		r->v[i].steps_code = NULL;
	}
	return r;
}

void rules_free(struct rules *r)
{
	size_t i;

	if (!r)
		return;
	/* registered metadata points into r->arena */
	ruleinfo_reset();
	for (i = 0; i < r->nr; i++) {
		pcre2_code_free(r->v[i].code);
		pcre2_code_free(r->v[i].steps_code);
	}
	free(r->v);
	prefilter_free(r->pf);
	arena_release(&r->arena);
	free(r);
}

size_t rules_count(const struct rules *r)
{
	size_t i, n = 0;

	for (i = 0; r && i < r->nr; i++)
		n += r->v[i].active && !r->v[i].sibling;
	return n;
}

/* ---- running ----------------------------------------------------------- */

/* The state of one rule over one file. */
struct run {
	const struct doc *doc;
	const struct rule *rule;
	struct rules_scratch *s;
	struct diag_sink *sink;
	double deadline;
	int nfound;
	size_t last;              /* sink index of the last finding added */
	int stopped;              /* findings cap or time budget reached */
	int file_budget;          /* the deadline is that of all rules in the file */
	struct code_ranges *code; /* of doc->src, for skip_code rules; lazily */
};

static void expand_message(struct strbuf *sb, const char *msg, const char *m, size_t mlen)
{
	const char *p = msg, *hit;

	while ((hit = strstr(p, "{match}"))) {
		strbuf_add(sb, p, (size_t)(hit - p));
		add_shown(sb, m, mlen, RX_SHOW_MAX);
		p = hit + strlen("{match}");
	}
	strbuf_addstr(sb, p);
}

static void add_finding(struct run *run, const struct loc *l, const char *m, size_t mlen)
{
	struct strbuf sb = STRBUF_INIT;

	expand_message(&sb, run->rule->message, m, mlen);
	diag_add(run->sink, run->rule->sev, l, run->rule->id, "%s", sb.buf);
	strbuf_release(&sb);
	run->last = run->sink->nr - 1;
	run->nfound++;
}

static void add_limit(struct run *run, const struct loc *start, const char *scope, enum scan_rc rc,
                      int err)
{
	if (rc == SCAN_TIME && run->file_budget)
		diag_add(run->sink, DIAG_WARNING, start, "regex-limit",
		         "regex rule '%s' was stopped: the regex rules used up their time "
		         "budget of %d ms for this file; it was not checked further",
		         run->rule->id, RULES_FILE_BUDGET_MS);
	else if (rc == SCAN_TIME)
		diag_add(run->sink, DIAG_WARNING, start, "regex-limit",
		         "regex rule '%s' used up its time budget of %d ms in this file; it was "
		         "not checked further",
		         run->rule->id, RULES_TIME_BUDGET_MS);
	else
		diag_add(run->sink, DIAG_WARNING, start, "regex-limit",
		         "regex rule '%s' hit %s in a %s section; the rest of it was not checked",
		         run->rule->id, limit_name(err), scope);
}

/*
 * Run the rule over one scope. subj[0..len) is the scope's text; base is its
 * offset in doc->src, or -1 when the text is not a copy of the source (the
 * title with escapes), in which case findings go to start.
 */
/* One text the rules look at: a section span of the file, or the title. */
struct subject {
	enum scope sc;
	const char *s;
	size_t len;
	long base;        /* offset of s in doc->src; -1: not in it */
	struct loc start; /* the scope's start, for require and limits */
};

/*
 * Run the rule over one subject. ruled_out: the prefilter found none of the
 * pattern's literals there, so it cannot match (a require rule then fails
 * without calling pcre2).
 */
static void run_scope(struct run *run, const struct subject *sj, int ruled_out)
{
	const struct rule *ru = run->rule;
	const char *scope = scope_names[sj->sc];
	struct scan sc;
	enum scan_rc rc;

	if (run->stopped || (!ru->require && (!sj->len || ruled_out)))
		return;
	scan_init(&sc, ru, run->s, sj->s, sj->len, run->deadline);
	/*
	 * The byte gate has validated the file's UTF-8 (and libyaml the
	 * title's); pcre2 need not check it again for every rule and scope.
	 */
	sc.checked = 1;
	if (ru->require) {
		rc = ruled_out ? SCAN_NOMATCH : scan_next(&sc);
		if (rc == SCAN_NOMATCH) {
			if (run->nfound >= RULES_MAX_FINDINGS) {
				run->stopped = 1;
				return;
			}
			add_finding(run, &sj->start, "", 0);
		} else if (rc == SCAN_LIMIT || rc == SCAN_TIME) {
			add_limit(run, &sj->start, scope, rc, sc.err);
			run->stopped = rc == SCAN_TIME;
		}
		return;
	}
	while ((rc = scan_next(&sc)) == SCAN_MATCH) {
		struct loc l;

		if (ru->skip_code && sj->base >= 0) {
			/* found on the first match that needs it: most files need none */
			if (!run->code->found) {
				code_find(run->doc->src, run->doc->len, run->code);
				run->code->found = 1;
			}
			if (in_code(run->code, (size_t)sj->base + sc.start))
				continue;
		}
		l = sj->base >= 0 ? doc_loc_at(run->doc, (size_t)sj->base + sc.start) : sj->start;

		if (run->nfound >= RULES_MAX_FINDINGS) {
			struct diag *d = &run->sink->items[run->last];

			free(d->note);
			d->note =
			    xstrdup("further matches of this rule in this file are not shown");
			run->stopped = 1;
			return;
		}
		add_finding(run, &l, sj->s + sc.start, sc.end - sc.start);
	}
	if (rc == SCAN_LIMIT || rc == SCAN_TIME) {
		add_limit(run, &sj->start, scope, rc, sc.err);
		run->stopped = rc == SCAN_TIME;
	}
}

static void add_span(const struct doc *doc, struct subject *v, size_t *n, enum scope sc,
                     const struct span *sp, struct loc start)
{
	if (sp->off > doc->len || sp->len > doc->len - sp->off)
		return;
	v[*n].sc = sc;
	v[*n].s = doc->src + sp->off;
	v[*n].len = sp->len;
	v[*n].base = (long)sp->off;
	v[*n].start = start;
	(*n)++;
}

/* The title (if any), then the body's sections, in file order. */
static size_t collect_subjects(const struct doc *doc, struct subject *v)
{
	size_t n = 0, b;

	if (doc->title && doc->title_loc.line >= 1) {
		size_t tlen = strlen(doc->title);
		size_t off = doc_loc_off(doc, doc->title_loc.line, doc->title_loc.col);

		if (off < doc->len && (doc->src[off] == '"' || doc->src[off] == '\''))
			off++;
		v[n].sc = SCOPE_TITLE;
		v[n].len = tlen;
		v[n].start = doc->title_loc;
		/* exact columns only when the value is the source bytes themselves */
		if (off <= doc->len && tlen <= doc->len - off &&
		    !memcmp(doc->src + off, doc->title, tlen) && !memchr(doc->title, '\n', tlen)) {
			v[n].s = doc->src + off;
			v[n].base = (long)off;
		} else {
			v[n].s = doc->title;
			v[n].base = -1;
		}
		n++;
	}
	if (doc->has_scenario)
		add_span(doc, v, &n, SCOPE_SCENARIO, &doc->scenario, doc->scenario_heading);
	for (b = 0; b < doc->nbehaviors; b++) {
		const struct behavior *bh = &doc->behaviors[b];

		if (bh->has_section)
			add_span(doc, v, &n, SCOPE_BEHAVIOR, &bh->text, bh->heading);
		if (bh->has_thoughts)
			add_span(doc, v, &n, SCOPE_THOUGHTS, &bh->thoughts, bh->thoughts_heading);
	}
	if (doc->has_consequences)
		add_span(doc, v, &n, SCOPE_CONSEQUENCES, &doc->consequences,
		         doc->consequences_heading);
	/*
	 * NEEDSWORK: struct doc has no position for the Notes heading;
	 * require findings point at the start of the notes' text.
	 */
	if (doc->has_notes)
		add_span(doc, v, &n, SCOPE_NOTES, &doc->notes, doc_loc_at(doc, doc->notes.off));
	return n;
}

/*
 * The patterns of one rule (pattern: [...]) may match at the same place;
 * keep the first finding of a rule at a position, as one alternation would.
 * regex-limit findings name their rule: those of different rules at the same
 * section all stay, so each rule that was not checked is named.
 */
static void drop_repeats(struct diag_sink *sink, size_t first)
{
	size_t i, j;

	for (i = first + 1; i < sink->nr;) {
		const struct diag *d = &sink->items[i];
		int dup = 0;

		for (j = first; j < i && !dup; j++) {
			const struct diag *e = &sink->items[j];
			dup = e->line == d->line && e->col == d->col && !strcmp(e->rule, d->rule) &&
			      (strcmp(d->rule, "regex-limit") || !strcmp(e->msg, d->msg));
		}
		if (dup)
			diag_remove(sink, i);
		else
			i++;
	}
}

void rules_run(const struct rules *r, struct rules_scratch *s, const struct doc *doc,
               struct diag_sink *sink)
{
	struct code_ranges code = {NULL, 0, 0, 0};
	double file_deadline = scratch_clock(s) + RULES_FILE_BUDGET_MS;
	size_t first = sink->nr, i, k, nsubj, words;
	struct subject *subj;
	uint64_t *maybe;

	if (!r || !r->nr)
		return;
	subj = xmalloc((2 * doc->nbehaviors + 4) * sizeof(*subj));
	nsubj = collect_subjects(doc, subj);
	/* one pass per subject finds which patterns can match in it */
	words = prefilter_words(r->pf);
	maybe = xmalloc((nsubj * words + 1) * sizeof(*maybe));
	for (k = 0; k < nsubj; k++)
		prefilter_scan(r->pf, subj[k].s, subj[k].len, maybe + k * words);
	for (i = 0; i < r->nr; i++) {
		struct run run;
		int filtered = prefilter_has(r->pf, i);

		if (!r->v[i].active)
			continue;
		memset(&run, 0, sizeof(run));
		run.doc = doc;
		run.rule = &r->v[i];
		run.s = s;
		run.sink = sink;
		run.code = &code;
		run.deadline = s->now + RULES_TIME_BUDGET_MS;
		if (run.deadline > file_deadline) {
			run.deadline = file_deadline;
			run.file_budget = 1;
		}
		for (k = 0; k < nsubj; k++) {
			const uint64_t *m = maybe + k * words;

			if (run.rule->scopes & (1u << subj[k].sc))
				run_scope(&run, &subj[k], filtered && !(m[i / 64] >> (i % 64) & 1));
		}
	}
	free(maybe);
	free(subj);
	free(code.r);
	drop_repeats(sink, first);
}

/* ---- rules --test and explain ------------------------------------------ */

int rules_test(const struct rules *r, FILE *out)
{
	size_t i, n = 0;
	int failed = 0;

	for (i = 0; r && i < r->nr; i++) {
		const struct rule *ru = &r->v[i];

		if (ru->sibling)
			continue;
		n++;
		if (ru->active) {
			fprintf(out, "ok %s\n", ru->id);
		} else {
			fprintf(out, "FAIL %s: %s\n", ru->id, ru->fail);
			failed++;
		}
	}
	fprintf(out, "%zu rule%s, %d failed\n", n, n == 1 ? "" : "s", failed);
	return failed;
}

static void print_scopes(FILE *out, unsigned scopes)
{
	int i, first = 1;

	for (i = 0; i < SCOPE_NR; i++) {
		if (scopes & (1u << i)) {
			fprintf(out, "%s%s", first ? "" : ", ", scope_names[i]);
			first = 0;
		}
	}
}

/* Print text word-wrapped to 76 columns, keeping its own line breaks. */
static void print_wrapped(FILE *out, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t col = 0;

		while (*p && *p != '\n') {
			size_t w = strcspn(p, " \n");

			if (col && col + 1 + w > 76) {
				fputc('\n', out);
				col = 0;
			} else if (col) {
				fputc(' ', out);
				col++;
			}
			fwrite(p, 1, w, out);
			col += w;
			p += w;
			while (*p == ' ')
				p++;
		}
		fputc('\n', out);
		if (*p == '\n')
			p++;
	}
}

static void print_pattern(FILE *out, const struct rule *ru, int number)
{
	struct strbuf sb = STRBUF_INIT;
	char label[32];

	if (number)
		snprintf(label, sizeof(label), "pattern %d", number);
	else
		snprintf(label, sizeof(label), "pattern");
	strbuf_add(&sb, ru->pattern, ru->pattern_len);
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		strbuf_setlen(&sb, sb.len - 1);
	if (strchr(sb.buf, '\n')) {
		const char *line = sb.buf;

		fprintf(out, "%s:\n", label);
		while (line) {
			const char *nl = strchr(line, '\n');
			int n = nl ? (int)(nl - line) : (int)strlen(line);

			fprintf(out, "  %.*s\n", n, line);
			line = nl ? nl + 1 : NULL;
		}
	} else {
		fprintf(out, "%s: %s\n", label, sb.buf);
	}
	strbuf_release(&sb);
}

/*
 * What the prefilter knows of a pattern: the literals one of which every
 * match contains (a section without any is skipped), or that it runs on
 * every section. For rule authors: a rare literal makes a rule cheap.
 */
static void print_literals(FILE *out, const struct rules *r, size_t slot, int number)
{
	const struct rule *ru = &r->v[slot];
	struct prefilter_set set;
	struct strbuf sb = STRBUF_INIT;
	int k;

	fprintf(out, "literals%s", number ? "" : ":");
	if (number)
		fprintf(out, " %d:", number);
	if (!prefilter_has(r->pf, slot) ||
	    !prefilter_literals(ru->pattern, ru->pattern_len, (ru->flags & PCRE2_CASELESS) != 0,
	                        (ru->flags & PCRE2_EXTENDED) != 0, &set)) {
		fputs(" none: the pattern runs on every section in its scope\n", out);
		return;
	}
	for (k = 0; k < set.n; k++) {
		strbuf_reset(&sb);
		add_shown(&sb, set.s[k], set.len[k], RX_SHOW_MAX);
		fprintf(out, "%s '%s'", k ? "," : "", sb.buf);
	}
	fputs(" (any case; a section with none of them is skipped)\n", out);
	strbuf_release(&sb);
}

int rules_explain(const struct rules *r, const char *id, FILE *out)
{
	const struct rule *ru = find_rule(r, id);
	const struct rule_meta *m;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (ru) {
		fprintf(out, "%s: regex rule, %s\n", ru->id, diag_severity_name(ru->sev));
		if (!ru->active)
			fprintf(out, "status: not loaded: %s\n", ru->fail);
		fprintf(out, "scope: ");
		print_scopes(out, ru->scopes);
		fprintf(out, "\nmode: %s\n", ru->require ? "require" : "forbid");
		if (ru->description) {
			fputc('\n', out);
			print_wrapped(out, ru->description);
			fputc('\n', out);
		}
		fprintf(out, "message: %s\n", ru->message);
		for (i = 0; i <= ru->nsiblings; i++)
			print_pattern(out, &ru[i], ru->nsiblings ? (int)i + 1 : 0);
		for (i = 0; i <= ru->nsiblings; i++)
			print_literals(out, r, (size_t)(ru - r->v) + i,
			               ru->nsiblings ? (int)i + 1 : 0);
		if (ru->flags) {
			int first = 1;

			fprintf(out, "flags: ");
			for (i = 0; i < NFLAGS; i++) {
				if (ru->flags & flag_table[i].opt) {
					fprintf(out, "%s%s", first ? "" : ", ", flag_table[i].name);
					first = 0;
				}
			}
			fputc('\n', out);
		}
		for (i = 0; i < ru->nexamples; i++) {
			const struct example *ex = &ru->examples[i];

			strbuf_reset(&sb);
			add_shown(&sb, ex->text, ex->len, (size_t)-1);
			fprintf(out, "%s '%s'\n",
			        ex->want ? "matches:        " : "does not match: ", sb.buf);
		}
		fprintf(out, "file: %s\n", ru->path);
		strbuf_release(&sb);
		return 0;
	}
	m = ruleinfo_find(id);
	if (m) {
		fprintf(out, "%s: %s rule, %s\n", m->id, m->family, diag_severity_name(m->sev));
		fprintf(out, "\n%s\n\nhelp: %s\n", m->summary, m->help);
		return 0;
	}
	{
		const char *hint = ruleinfo_suggest(id);

		if (hint)
			return error("unknown rule '%s'; did you mean '%s'?", id, hint);
		return error("unknown rule '%s'", id);
	}
}
