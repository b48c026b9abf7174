/*
 * prefilter: required literals of pcre2 patterns and a one-pass scan for
 * them; see prefilter.h.
 *
 * The reader walks the pattern once, computing for every item two sets:
 *   exact -- every string the item can match, when there are few and short
 *            ones (a literal, a small class, an alternation of literals, an
 *            optional literal, a counted repeat); and
 *   req   -- strings one of which every match of the item contains.
 * A sequence glues the exact sets of neighbouring items into longer strings
 * ("as an?" gives {"as a", "as an"}); an item without an exact set ends such
 * a run, and the run becomes a candidate for req. An alternation's req is
 * the union of its branches' (none if one branch has none); a repeat with a
 * minimum of 0 requires nothing. Of the candidates, req keeps the one least
 * likely to occur in English prose (product of letter frequencies), since
 * the rarer the literal, the more sections a scan rules out.
 *
 * Zero-width items (anchors, \b, lookarounds, \K) match the empty string:
 * they neither add to nor end a run, because the text a match consumes is
 * still contiguous around them.
 */
#include "prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "xalloc.h"

#define PF_MAX_DEPTH 32 /* deeper patterns get no prefilter */
#define PF_MAX_CROSS 24 /* strings a concatenation or repeat may spell out */

/* ---- string sets ------------------------------------------------------- */

static void set_none(struct prefilter_set *s)
{
	s->n = -1;
}

static void set_str(struct prefilter_set *s, const char *b, size_t n)
{
	s->n = 1;
	s->len[0] = (unsigned char)n;
	memcpy(s->s[0], b, n);
}

/* Add b[0..n) unless present; -1 (and the set becomes none) on overflow. */
static int set_add(struct prefilter_set *s, const char *b, size_t n)
{
	int i;

	if (s->n < 0)
		return -1;
	for (i = 0; i < s->n; i++)
		if (s->len[i] == n && !memcmp(s->s[i], b, n))
			return 0;
	if (s->n == PREFILTER_MAXSET || n > PREFILTER_MAXLEN) {
		set_none(s);
		return -1;
	}
	s->len[s->n] = (unsigned char)n;
	memcpy(s->s[s->n], b, n);
	s->n++;
	return 0;
}

static void set_union(struct prefilter_set *dst, const struct prefilter_set *src)
{
	int i;

	if (src->n < 0) {
		set_none(dst);
		return;
	}
	for (i = 0; i < src->n && dst->n >= 0; i++)
		set_add(dst, src->s[i], src->len[i]);
}

/*
 * out = every a followed by every b; none when there would be too many
 * (out may be a or b). A string that grows too long loses bytes at its
 * start: a piece of a required string is required too.
 */
static void set_cross(struct prefilter_set *out, const struct prefilter_set *a,
                      const struct prefilter_set *b)
{
	struct prefilter_set r;
	int i, j;

	if (a->n < 0 || b->n < 0 || a->n * b->n > PF_MAX_CROSS) {
		set_none(out);
		return;
	}
	r.n = 0;
	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++) {
			char buf[2 * PREFILTER_MAXLEN];
			size_t n = (size_t)a->len[i] + b->len[j];
			size_t cut = n > PREFILTER_MAXLEN ? n - PREFILTER_MAXLEN : 0;

			memcpy(buf, a->s[i], a->len[i]);
			memcpy(buf + a->len[i], b->s[j], b->len[j]);
			if (set_add(&r, buf + cut, n - cut) < 0) {
				set_none(out);
				return;
			}
		}
	*out = r;
}

/*
 * How often a byte occurs in English prose (ASCII letters folded), roughly;
 * only the order matters: it ranks candidate literal sets. Markup characters
 * are far rarer in prose than any letter.
 */
static double byte_freq(unsigned char c)
{
	static const double letters[26] = {.065,  .012, .023, .034, .100, .018,  .016, .048,  .058,
	                                   .0012, .006, .033, .020, .056, .062,  .015, .0008, .048,
	                                   .052,  .075, .023, .008, .018, .0012, .016, .0006};

	if (c >= 'a' && c <= 'z')
		return letters[c - 'a'];
	if (c >= '0' && c <= '9')
		return .0015;
	switch (c) {
	case ' ':
		return .16;
	case '\n':
		return .015;
	case '.':
	case ',':
		return .009;
	case '-':
	case '\'':
	case '"':
		return .003;
	case ':':
		return .0015;
	case '(':
	case ')':
	case '!':
	case '?':
	case '*':
	case '#':
		return .0008;
	case '/':
	case ';':
	case '\t':
		return .0004;
	}
	return c >= 0x80 ? .002 : .00005;
}

/*
 * Expected occurrences per byte of text; 2 for no set (worse than any).
 * Letters are not independent: a common word is several times likelier per
 * further letter than the product of its letters' frequencies says.
 */
static double set_score(const struct prefilter_set *s)
{
	double sum = 0;
	int i, k;

	if (s->n <= 0)
		return 2.0;
	for (i = 0; i < s->n; i++) {
		double p = 1;
		if (!s->len[i])
			return 2.0;
		for (k = 0; k < s->len[i]; k++)
			p *= byte_freq((unsigned char)s->s[i][k]) * (k ? 5 : 1);
		sum += p;
	}
	return sum;
}

static void keep_better(struct prefilter_set *req, const struct prefilter_set *cand)
{
	if (set_score(cand) < set_score(req))
		*req = *cand;
}

/* ---- the pattern reader ------------------------------------------------ */

struct info {
	struct prefilter_set exact;
	struct prefilter_set req;
	int bare; /* a comment or option setting: takes no quantifier */
};

struct flags {
	int i, x, xx;
};

struct reader {
	const unsigned char *p, *end;
	int fail; /* syntax we do not model: no prefilter */
	int depth;
	int quote; /* inside \Q...\E */
};

static void info_unknown(struct info *in)
{
	in->bare = 0;
	set_none(&in->exact);
	set_none(&in->req);
}

static void info_empty(struct info *in)
{
	in->bare = 0;
	set_str(&in->exact, "", 0);
	set_none(&in->req);
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The strings one character matches, into set (added): a letter under
 * caseless matches both cases -- folded to one here -- and s and k also the
 * long s and the Kelvin sign (pcre2's caseless sets with UCP); any other
 * non-ASCII character under caseless has case partners we do not model.
 */
static int char_strings(unsigned long cp, int caseless, struct prefilter_set *set)
{
	char buf[4];

	if (cp >= 0x80) {
		if (caseless)
			return -1;
		return set_add(set, buf, utf8_put(buf, cp));
	}
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	buf[0] = (char)cp;
	if (set_add(set, buf, 1) < 0)
		return -1;
	if (caseless && cp == 's')
		return set_add(set, "\xC5\xBF", 2);
	if (caseless && cp == 'k')
		return set_add(set, "\xE2\x84\xAA", 3);
	return 0;
}

static void info_char(struct info *in, unsigned long cp, int caseless)
{
	in->bare = 0;
	in->exact.n = 0;
	if (char_strings(cp, caseless, &in->exact) < 0) {
		info_unknown(in);
		return;
	}
	in->req = in->exact;
}

/* Read one UTF-8 character of the pattern (invalid UTF-8: not modelled). */
static unsigned long read_char(struct reader *rd)
{
	unsigned cp = 0;
	size_t n = utf8_seq_len(rd->p, (size_t)(rd->end - rd->p), &cp);

	if (!n) {
		rd->fail = 1;
		rd->p = rd->end;
		return 0;
	}
	rd->p += n;
	return cp;
}

/* pcre2's Pattern_White_Space beyond ASCII: U+0085, U+200E/F, U+2028/9 */
static size_t wide_space(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0x85)
		return 2;
	if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x8E || p[2] == 0x8F || p[2] == 0xA8 || p[2] == 0xA9))
		return 3;
	return 0;
}

/* Extended mode: skip white space and # comments (which end at LF). */
static void skip_space(struct reader *rd, const struct flags *f)
{
	if (!f->x || rd->quote)
		return;
	while (rd->p < rd->end) {
		unsigned char c = *rd->p;
		size_t w;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			rd->p++;
		} else if ((w = wide_space(rd->p, rd->end))) {
			rd->p += w;
		} else if (c == '#') {
			while (rd->p < rd->end && *rd->p != '\n') {
				/* a newline convention other than LF would end it sooner */
				if (*rd->p == '\r' || wide_space(rd->p, rd->end))
					rd->fail = 1;
				rd->p++;
			}
		} else {
			break;
		}
	}
}

/* Hex or octal digits up to `close` (or at most max of them without it). */
static unsigned long read_number(struct reader *rd, int base, int braced, int max)
{
	unsigned long v = 0;
	int n = 0;

	while (rd->p < rd->end && (braced || n < max)) {
		int c = *rd->p, d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * (unsigned long)base + (unsigned long)d;
		if (v > 0x10FFFF)
			rd->fail = 1;
		rd->p++;
		n++;
	}
	if (braced) {
		if (rd->p >= rd->end || *rd->p != '}' || !n)
			rd->fail = 1;
		else
			rd->p++;
	}
	return v;
}

/*
 * An escape that stands for one character (\n, \x{41}, \., ...): its code
 * point in *cp and 1; 0 when it is something else (the reader is left after
 * the escape letter); fail is set for escapes we do not model.
 */
static int escape_char(struct reader *rd, unsigned long *cp)
{
	unsigned char e;

	if (rd->p >= rd->end) {
		rd->fail = 1;
		return 0;
	}
	e = *rd->p;
	if (!is_alnum(e)) {
		*cp = read_char(rd);
		return 1;
	}
	rd->p++;
	switch (e) {
	case 'n':
		*cp = '\n';
		return 1;
	case 't':
		*cp = '\t';
		return 1;
	case 'r':
		*cp = '\r';
		return 1;
	case 'f':
		*cp = '\f';
		return 1;
	case 'e':
		*cp = 0x1B;
		return 1;
	case 'a':
		*cp = 0x07;
		return 1;
	case 'x':
		if (rd->p < rd->end && *rd->p == '{') {
			rd->p++;
			*cp = read_number(rd, 16, 1, 0);
		} else {
			*cp = read_number(rd, 16, 0, 2);
		}
		return !rd->fail;
	case 'o':
		if (rd->p >= rd->end || *rd->p != '{') {
			rd->fail = 1;
			return 0;
		}
		rd->p++;
		*cp = read_number(rd, 8, 1, 0);
		return !rd->fail;
	case '0':
		*cp = read_number(rd, 8, 0, 2);
		return 1;
	}
	rd->p--;
	return 0;
}

/* Skip the {...} of \p{..}; a one-letter \pL has none. */
static void skip_property(struct reader *rd)
{
	if (rd->p < rd->end && *rd->p == '{') {
		while (rd->p < rd->end && *rd->p != '}')
			rd->p++;
		if (rd->p >= rd->end)
			rd->fail = 1;
		else
			rd->p++;
	} else if (rd->p < rd->end) {
		rd->p++;
	} else {
		rd->fail = 1;
	}
}

/* An escape outside a class (the backslash is read). */
static void read_escape(struct reader *rd, const struct flags *f, struct info *in)
{
	unsigned long cp;
	unsigned char e;

	if (escape_char(rd, &cp)) {
		info_char(in, cp, f->i);
		return;
	}
	info_unknown(in);
	if (rd->fail)
		return;
	e = *rd->p++;
	switch (e) {
	case 'b':
	case 'B':
	case 'A':
	case 'z':
	case 'Z':
	case 'G':
	case 'K':
		info_empty(in);
		return;
	case 'Q':
		/* \Q\E is nothing, and what a quantifier after it binds to is murky */
		if (rd->end - rd->p >= 2 && rd->p[0] == '\\' && rd->p[1] == 'E')
			rd->fail = 1;
		rd->quote = 1;
		info_empty(in);
		return;
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 's':
	case 'S':
	case 'h':
	case 'H':
	case 'v':
	case 'V':
	case 'R':
	case 'X':
		return;
	case 'N':
		if (rd->p < rd->end && *rd->p == '{')
			rd->fail = 1; /* \N{U+hh..} */
		return;
	case 'p':
	case 'P':
		skip_property(rd);
		return;
	}
	/* backreferences, \g, \k, \c, \C, and anything else */
	rd->fail = 1;
}

/* Add the characters lo..hi of a class to set; -1 when not modelled. */
static int class_range(struct prefilter_set *set, unsigned long lo, unsigned long hi, int caseless)
{
	unsigned long c;

	if (hi < lo || hi - lo > 8)
		return -1;
	for (c = lo; c <= hi; c++)
		if (char_strings(c, caseless, set) < 0)
			return -1;
	return 0;
}

/*
 * One member of a class: a character (1, in *cp) or a class escape / POSIX
 * class (0: the class is not modelled). The reader is after the member.
 */
static int class_member(struct reader *rd, const struct flags *f, unsigned long *cp)
{
	unsigned char c = *rd->p;

	(void)f;
	if (c == '[' && rd->end - rd->p > 1 &&
	    (rd->p[1] == ':' || rd->p[1] == '.' || rd->p[1] == '=')) {
		const unsigned char *q = rd->p + 2;
		while (q + 1 < rd->end && !(q[0] == rd->p[1] && q[1] == ']'))
			q++;
		if (q + 1 >= rd->end)
			rd->fail = 1;
		rd->p = q + 2 <= rd->end ? q + 2 : rd->end;
		return 0;
	}
	if (c != '\\') {
		*cp = read_char(rd);
		return 1;
	}
	rd->p++;
	if (rd->p >= rd->end) {
		rd->fail = 1;
		return 0;
	}
	if (*rd->p == 'b') { /* backspace inside a class */
		rd->p++;
		*cp = 0x08;
		return 1;
	}
	if (escape_char(rd, cp))
		return 1;
	if (rd->fail)
		return 0;
	switch (*rd->p++) {
	case 'd':
	case 'D':
	case 'w':
	case 'W':
	case 's':
	case 'S':
	case 'h':
	case 'H':
	case 'v':
	case 'V':
		return 0;
	case 'p':
	case 'P':
		skip_property(rd);
		return 0;
	}
	rd->fail = 1; /* \Q, \E, \N, ... inside a class */
	return 0;
}

/* A character class (the '[' is read). */
static void read_class(struct reader *rd, const struct flags *f, struct info *in)
{
	struct prefilter_set set;
	int negated = 0, first = 1, modelled = 1;

	set.n = 0;
	if (rd->p < rd->end && *rd->p == '^') {
		negated = 1;
		rd->p++;
	}
	for (;;) {
		unsigned long lo, hi;

		if (rd->p >= rd->end || rd->fail) {
			rd->fail = 1;
			return;
		}
		if (*rd->p == ']' && !first) {
			rd->p++;
			break;
		}
		first = 0;
		if (f->xx && (*rd->p == ' ' || *rd->p == '\t')) {
			rd->p++;
			continue;
		}
		if (!class_member(rd, f, &lo)) {
			modelled = 0;
			continue;
		}
		if (rd->end - rd->p >= 2 && rd->p[0] == '-' && rd->p[1] != ']') {
			rd->p++;
			if (!class_member(rd, f, &hi)) {
				rd->fail = 1; /* [a-\d] */
				return;
			}
		} else {
			hi = lo;
		}
		if (modelled && class_range(&set, lo, hi, f->i) < 0)
			modelled = 0;
	}
	if (negated || !modelled || set.n <= 0) {
		info_unknown(in);
		return;
	}
	in->exact = set;
	in->req = set;
}

static void read_alternation(struct reader *rd, struct flags f, struct info *out, int in_group);

/* Option letters after "(?" up to ':' or ')'; returns that character. */
static int read_options(struct reader *rd, struct flags *f)
{
	int on = 1;

	while (rd->p < rd->end) {
		unsigned char c = *rd->p++;

		switch (c) {
		case ':':
		case ')':
			return c;
		case '-':
			on = 0;
			break;
		case '^':
			f->i = f->x = f->xx = 0;
			break;
		case 'i':
			f->i = on;
			break;
		case 'x':
			if (!on) {
				f->x = f->xx = 0;
			} else if (rd->p < rd->end && *rd->p == 'x') {
				rd->p++;
				f->x = f->xx = 1;
			} else {
				f->x = 1;
			}
			break;
		case 'm':
		case 'n':
		case 's':
		case 'J':
		case 'U':
			break;
		default:
			rd->fail = 1;
			return 0;
		}
	}
	rd->fail = 1;
	return 0;
}

/* A group (the '(' is read); option settings change *f. */
static void read_group(struct reader *rd, struct flags *f, struct info *in)
{
	struct flags inner = *f;
	int lookaround = 0;

	info_unknown(in);
	if (++rd->depth > PF_MAX_DEPTH || rd->p >= rd->end || *rd->p == '*') {
		rd->fail = 1; /* (*VERB), (*pla:...) */
		return;
	}
	if (*rd->p == '?') {
		unsigned char c;

		rd->p++;
		if (rd->p >= rd->end) {
			rd->fail = 1;
			return;
		}
		c = *rd->p;
		if (c == ':' || c == '>' || c == '|') {
			rd->p++;
		} else if (c == '=' || c == '!' || c == '*') {
			rd->p++;
			lookaround = 1;
		} else if (c == '<' && rd->end - rd->p > 1 &&
		           (rd->p[1] == '=' || rd->p[1] == '!' || rd->p[1] == '*')) {
			rd->p += 2;
			lookaround = 1;
		} else if (c == '<' || c == '\'' ||
		           (c == 'P' && rd->end - rd->p > 1 && rd->p[1] == '<')) {
			unsigned char close = c == '\'' ? '\'' : '>';
			while (rd->p < rd->end && *rd->p != close)
				rd->p++;
			if (rd->p >= rd->end) {
				rd->fail = 1;
				return;
			}
			rd->p++;
		} else if (c == '#') {
			while (rd->p < rd->end && *rd->p != ')')
				rd->p++;
			if (rd->p >= rd->end)
				rd->fail = 1;
			else
				rd->p++;
			rd->depth--;
			info_empty(in);
			in->bare = 1;
			return;
		} else if (c == '^' || c == '-' || c == 'i' || c == 'x' || c == 'm' || c == 'n' ||
		           c == 's' || c == 'J' || c == 'U') {
			if (read_options(rd, &inner) == ')') {
				*f = inner; /* to the end of the enclosing group */
				rd->depth--;
				info_empty(in);
				in->bare = 1;
				return;
			}
		} else {
			rd->fail = 1; /* conditionals, recursion, callouts, ... */
			return;
		}
	}
	if (rd->fail)
		return;
	read_alternation(rd, inner, in, 1);
	rd->depth--;
	if (lookaround)
		info_empty(in);
}

static void read_atom(struct reader *rd, struct flags *f, struct info *in)
{
	unsigned char c = *rd->p;

	if (rd->quote) {
		if (c == '\\' && rd->end - rd->p > 1 && rd->p[1] == 'E') {
			rd->p += 2;
			rd->quote = 0;
			info_empty(in);
			return;
		}
		info_char(in, read_char(rd), f->i);
		return;
	}
	switch (c) {
	case '(':
		rd->p++;
		read_group(rd, f, in);
		return;
	case '[':
		rd->p++;
		read_class(rd, f, in);
		return;
	case '\\':
		rd->p++;
		read_escape(rd, f, in);
		return;
	case '.':
		rd->p++;
		info_unknown(in);
		return;
	case '^':
	case '$':
		rd->p++;
		info_empty(in);
		return;
	case '*':
	case '+':
	case '?':
	case '{':
	case ')':
	case '|':
		rd->fail = 1;
		info_unknown(in);
		return;
	}
	info_char(in, read_char(rd), f->i);
}

/* min..max copies of in (max < 0: unbounded). */
static void apply_repeat(struct info *in, long min, long max)
{
	struct prefilter_set pw;
	long k;

	if (min == 0) {
		if (max == 1 && in->exact.n >= 0)
			set_add(&in->exact, "", 0);
		else
			set_none(&in->exact);
		set_none(&in->req);
		return;
	}
	set_none(&pw);
	if (in->exact.n >= 0 && min <= PREFILTER_MAXLEN) {
		pw = in->exact;
		for (k = 1; k < min && pw.n >= 0; k++)
			set_cross(&pw, &pw, &in->exact);
	}
	keep_better(&in->req, &pw);
	if (max == min)
		in->exact = pw;
	else
		set_none(&in->exact);
}

static long read_count(struct reader *rd)
{
	long v = 0;

	if (rd->p >= rd->end || !is_digit(*rd->p))
		return -1;
	while (rd->p < rd->end && is_digit(*rd->p)) {
		v = v * 10 + (*rd->p++ - '0');
		if (v > 65535)
			return -1;
	}
	return v;
}

/* An atom and its quantifier, if any. */
static void read_piece(struct reader *rd, struct flags *f, struct info *in)
{
	long min, max;
	unsigned char c;

	read_atom(rd, f, in);
	if (rd->fail)
		return;
	if (rd->quote) {
		if (rd->end - rd->p < 2 || rd->p[0] != '\\' || rd->p[1] != 'E')
			return; /* the next quoted character is literal */
		rd->p += 2;
		rd->quote = 0;
	}
	skip_space(rd, f);
	if (rd->p >= rd->end)
		return;
	c = *rd->p;
	if (c == '?') {
		min = 0, max = 1;
	} else if (c == '*') {
		min = 0, max = -1;
	} else if (c == '+') {
		min = 1, max = -1;
	} else if (c == '{') {
		rd->p++;
		min = max = read_count(rd);
		if (min >= 0 && rd->p < rd->end && *rd->p == ',') {
			rd->p++;
			max = rd->p < rd->end && *rd->p == '}' ? -1 : read_count(rd);
			if ((max >= 0 && max < min) ||
			    (max == -1 && (rd->p >= rd->end || *rd->p != '}')))
				min = -1;
		}
		if (min < 0 || rd->p >= rd->end || *rd->p != '}') {
			rd->fail = 1; /* not a quantifier: pcre2 reads it as text */
			return;
		}
	} else {
		return;
	}
	if (in->bare) {
		rd->fail = 1;
		return;
	}
	rd->p++;
	if (rd->p < rd->end && (*rd->p == '+' || *rd->p == '?'))
		rd->p++;
	skip_space(rd, f);
	if (rd->p < rd->end && (*rd->p == '?' || *rd->p == '*' || *rd->p == '+' || *rd->p == '{')) {
		rd->fail = 1;
		return;
	}
	apply_repeat(in, min, max);
}

/* A branch: pieces up to '|', ')' or the end. */
static void read_sequence(struct reader *rd, struct flags *f, struct info *out)
{
	struct prefilter_set run, req;
	int all_exact = 1;

	set_str(&run, "", 0);
	set_none(&req);
	for (;;) {
		struct info a;

		skip_space(rd, f);
		if (rd->fail)
			return;
		if (rd->p >= rd->end || (!rd->quote && (*rd->p == '|' || *rd->p == ')')))
			break;
		read_piece(rd, f, &a);
		if (rd->fail)
			return;
		keep_better(&req, &a.req);
		if (a.exact.n >= 0) {
			struct prefilter_set x;
			set_cross(&x, &run, &a.exact);
			if (x.n >= 0) {
				run = x;
				continue;
			}
			keep_better(&req, &run);
			run = a.exact;
		} else {
			keep_better(&req, &run);
			set_str(&run, "", 0);
		}
		all_exact = 0;
	}
	keep_better(&req, &run);
	out->bare = 0;
	out->req = req;
	if (all_exact)
		out->exact = run;
	else
		set_none(&out->exact);
}

static void read_alternation(struct reader *rd, struct flags f, struct info *out, int in_group)
{
	int first = 1;

	for (;;) {
		struct info br;

		read_sequence(rd, &f, &br);
		if (rd->fail)
			return;
		if (first) {
			*out = br;
			first = 0;
		} else {
			set_union(&out->exact, &br.exact);
			if (out->req.n < 0 || br.req.n < 0)
				set_none(&out->req);
			else
				set_union(&out->req, &br.req);
		}
		if (rd->p < rd->end && *rd->p == '|') {
			rd->p++;
			continue;
		}
		break;
	}
	if (in_group) {
		if (rd->p >= rd->end || *rd->p != ')')
			rd->fail = 1;
		else
			rd->p++;
	} else if (rd->p < rd->end) {
		rd->fail = 1; /* an unbalanced ')' */
	}
}

int prefilter_literals(const char *pat, size_t len, int caseless, int extended,
                       struct prefilter_set *out)
{
	struct reader rd;
	struct flags f = {caseless != 0, extended != 0, 0};
	struct info in;

	memset(&rd, 0, sizeof(rd));
	rd.p = (const unsigned char *)pat;
	rd.end = rd.p + len;
	read_alternation(&rd, f, &in, 0);
	set_none(out);
	if (rd.fail || in.req.n <= 0)
		return 0;
	*out = in.req;
	return 1;
}

/* ---- the scan ---------------------------------------------------------- */

struct needle {
	uint32_t slot;
	uint32_t next; /* index + 1 of the next in the same chain */
	unsigned char len;
	char s[PREFILTER_MAXLEN];
};

/*
 * Needles are chained by how they start: 1-byte ones by their byte, 2- and
 * 3-byte ones by their first two bytes, longer ones by a 16-bit hash of
 * their first four (common pairs such as "s " would otherwise send the
 * scan down a chain at every other word). A bitmap beside each table tells
 * in one lookup whether a chain is worth walking.
 */
struct prefilter {
	size_t nslots;
	unsigned char *has;
	struct needle *v;
	size_t n, alloc;
	unsigned char fold[256];
	uint32_t head1[256];
	uint32_t *head2; /* 65536 chains, by first two bytes */
	uint32_t *head4; /* 65536 chains, by hash4() of first four */
	uint64_t *bit2;  /* pairs that start a needle of 1 to 3 bytes */
	uint64_t *bit4;  /* hash4() values of longer needles */
};

static unsigned hash4(uint32_t w)
{
	return (w * 0x9E3779B1u) >> 16;
}

static void bit_set(uint64_t *bits, unsigned k)
{
	bits[k >> 6] |= 1ull << (k & 63);
}

static int bit_get(const uint64_t *bits, unsigned k)
{
	return bits[k >> 6] >> (k & 63) & 1;
}

struct prefilter *prefilter_new(size_t nslots)
{
	struct prefilter *pf = xcalloc(1, sizeof(*pf));
	int c;

	pf->nslots = nslots;
	pf->has = xcalloc(nslots + 1, 1);
	pf->head2 = xcalloc(65536, sizeof(*pf->head2));
	pf->head4 = xcalloc(65536, sizeof(*pf->head4));
	pf->bit2 = xcalloc(65536 / 64, sizeof(*pf->bit2));
	pf->bit4 = xcalloc(65536 / 64, sizeof(*pf->bit4));
	for (c = 0; c < 256; c++)
		pf->fold[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c);
	return pf;
}

void prefilter_free(struct prefilter *pf)
{
	if (!pf)
		return;
	free(pf->has);
	free(pf->v);
	free(pf->head2);
	free(pf->head4);
	free(pf->bit2);
	free(pf->bit4);
	free(pf);
}

/* Does set->s[i] contain another string of the set (the first of equals)? */
static int contains_other(const struct prefilter_set *set, int i)
{
	int j, k;

	for (j = 0; j < set->n; j++) {
		if (j == i || set->len[j] > set->len[i] || (set->len[j] == set->len[i] && j > i))
			continue;
		for (k = 0; k + set->len[j] <= set->len[i]; k++)
			if (!memcmp(set->s[i] + k, set->s[j], set->len[j]))
				return 1;
	}
	return 0;
}

int prefilter_found(const struct prefilter_set *set, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, m;
	int k;

	for (k = 0; k < set->n; k++)
		for (i = 0; set->len[k] <= len && i <= len - set->len[k]; i++) {
			for (m = 0; m < set->len[k]; m++) {
				unsigned c = u[i + m];
				if (c >= 'A' && c <= 'Z')
					c += 'a' - 'A';
				if (c != (unsigned char)set->s[k][m])
					break;
			}
			if (m == set->len[k])
				return 1;
		}
	return 0;
}

void prefilter_add(struct prefilter *pf, size_t slot, const struct prefilter_set *set)
{
	int i;

	if (slot >= pf->nslots || set->n <= 0)
		return;
	for (i = 0; i < set->n; i++)
		if (!set->len[i])
			return; /* an empty literal rules nothing out */
	pf->has[slot] = 1;
	for (i = 0; i < set->n; i++) {
		struct needle *nd;
		unsigned c0 = (unsigned char)set->s[i][0];
		uint32_t *head;

		if (contains_other(set, i))
			continue; /* "<!--" is found wherever "<" is */

		XGROW(pf->v, pf->alloc, pf->n + 1);
		nd = &pf->v[pf->n];
		nd->slot = (uint32_t)slot;
		nd->len = set->len[i];
		memcpy(nd->s, set->s[i], set->len[i]);
		if (nd->len == 1) {
			unsigned c1;
			head = &pf->head1[c0];
			for (c1 = 0; c1 < 256; c1++)
				bit_set(pf->bit2, c0 << 8 | c1);
		} else if (nd->len < 4) {
			unsigned k = c0 << 8 | (unsigned char)nd->s[1];
			head = &pf->head2[k];
			bit_set(pf->bit2, k);
		} else {
			const unsigned char *q = (const unsigned char *)nd->s;
			unsigned h = hash4((uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
			                   (uint32_t)q[2] << 8 | q[3]);
			head = &pf->head4[h];
			bit_set(pf->bit4, h);
		}
		nd->next = *head;
		*head = (uint32_t)++pf->n;
	}
}

int prefilter_has(const struct prefilter *pf, size_t slot)
{
	return pf && slot < pf->nslots && pf->has[slot];
}

size_t prefilter_words(const struct prefilter *pf)
{
	return pf ? (pf->nslots + 63) / 64 : 0;
}

static void mark(uint64_t *bits, uint32_t slot)
{
	bits[slot >> 6] |= 1ull << (slot & 63);
}

/* Walk a chain for needles that occur at u[i]. */
static void walk(const struct prefilter *pf, uint32_t j, const unsigned char *u, size_t len,
                 size_t i, uint64_t *bits)
{
	for (; j; j = pf->v[j - 1].next) {
		const struct needle *nd = &pf->v[j - 1];
		size_t m;

		if (nd->len > len - i)
			continue;
		for (m = 0; m < nd->len && pf->fold[u[i + m]] == (unsigned char)nd->s[m]; m++)
			;
		if (m == nd->len)
			mark(bits, nd->slot);
	}
}

/* The needles of 1 to 3 bytes at u[i], whose first two bytes are k. */
static void scan_short(const struct prefilter *pf, const unsigned char *u, size_t len, size_t i,
                       unsigned k, uint64_t *bits)
{
	uint32_t j;

	for (j = pf->head1[k >> 8]; j; j = pf->v[j - 1].next)
		mark(bits, pf->v[j - 1].slot);
	walk(pf, pf->head2[k], u, len, i, bits);
}

void prefilter_scan(const struct prefilter *pf, const char *s, size_t len, uint64_t *bits)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *fold = pf->fold;
	size_t i = 0;

	memset(bits, 0, prefilter_words(pf) * sizeof(*bits));
	if (!pf->n)
		return;
	/* the hot loop: a window of four folded bytes, two bitmap lookups */
	if (len >= 4) {
		uint32_t w = (uint32_t)fold[u[0]] << 24 | (uint32_t)fold[u[1]] << 16 |
		             (uint32_t)fold[u[2]] << 8 | fold[u[3]];
		for (;;) {
			unsigned h = hash4(w);

			if (bit_get(pf->bit2, w >> 16))
				scan_short(pf, u, len, i, w >> 16, bits);
			if (bit_get(pf->bit4, h))
				walk(pf, pf->head4[h], u, len, i, bits);
			if (++i + 3 >= len)
				break;
			w = w << 8 | fold[u[i + 3]];
		}
	}
	/* the last three bytes start no needle of four */
	for (; i < len; i++) {
		unsigned k = (unsigned)fold[u[i]] << 8 | (i + 1 < len ? fold[u[i + 1]] : 0);
		if (bit_get(pf->bit2, k))
			scan_short(pf, u, len, i, k, bits);
	}
}
