/*
 * ytree_fast: ytree_parse()'s fast path for the block-style YAML that front
 * matter is nearly always written in; see ytree.h.
 *
 * libyaml spends about 12 ns a byte on a typical front matter (a token
 * queue, simple-key bookkeeping, an event and a malloc'd copy per scalar):
 * a fifth of the lint's time. This reader takes the common subset in one
 * pass over the lines and builds the same tree, with the same positions, as
 * ytree_parse() builds from libyaml's events. Anything outside the subset,
 * and anything that would be a finding, makes it give up (return 0) before
 * a single finding is written, and ytree_parse() hands the whole buffer to
 * libyaml: so the subset only has to be right, never complete.
 *
 * The subset:
 *   - a block mapping at the root, at column 1;
 *   - mapping keys of ASCII letters, digits, '_' and '-' (not first), at
 *     most 128 of them, each followed by ':' and a space or the end of the
 *     line; no duplicates;
 *   - values on the key's line: a plain scalar (not starting with an
 *     indicator; no ": ", no " #", no ':' at its end), a quoted scalar on
 *     one line ('' in single quotes; no backslash in double quotes), or a
 *     flow sequence on one line of plain items without ", [ ] { } # : ' \"";
 *   - or, after "key:", a block mapping or sequence on the next lines,
 *     indented more, or a sequence at the key's own indentation;
 *   - sequence items "- value" as above, or "- key: value" opening a
 *     mapping at the key's column;
 *   - blank lines; LF line ends; no tabs, no control characters, no
 *     comments; UTF-8 of the characters libyaml takes as printable, except
 *     its extra line breaks (U+0085, U+2028, U+2029) and U+FEFF.
 * A multi-line plain scalar, a comment, an empty value, an anchor, a tag,
 * a block scalar, a nested or flow mapping, a document marker... all go to
 * libyaml.
 */
#include "ytree.h"

#include <string.h>

#include "json.h"

/* Byte classes: what may not start a plain scalar, in block or flow context, and what ends a flow
 * item. */
enum { NO_PLAIN = 1, NO_FLOW = 2, FLOW_END = 4 };

static const unsigned char cls[256] = {
    ['-'] = NO_PLAIN | NO_FLOW,
    ['?'] = NO_PLAIN | NO_FLOW,
    [':'] = NO_PLAIN | NO_FLOW | FLOW_END,
    [','] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['['] = NO_PLAIN | NO_FLOW | FLOW_END,
    [']'] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['{'] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['}'] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['#'] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['\''] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['"'] = NO_PLAIN | NO_FLOW | FLOW_END,
    ['&'] = NO_PLAIN | NO_FLOW,
    ['*'] = NO_PLAIN | NO_FLOW,
    ['!'] = NO_PLAIN | NO_FLOW,
    ['|'] = NO_PLAIN | NO_FLOW,
    ['>'] = NO_PLAIN | NO_FLOW,
    ['%'] = NO_PLAIN | NO_FLOW,
    ['@'] = NO_PLAIN | NO_FLOW,
    ['`'] = NO_PLAIN | NO_FLOW,
    [' '] = NO_FLOW,
};

struct fast {
	const unsigned char *s;
	size_t len;
	size_t at; /* start of the current line */
	int line;  /* its number in buf, 1-based */
	const struct ytree_opts *o;
	int max_depth;
	size_t col_at; /* col_of()'s last answer, to go on from: */
	int col;       /* byte col_at of the current line is at column col */
};

/* Every byte is one the subset allows; UTF-8 decoded and checked. */
static int bytes_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], cp;
		size_t k;

		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7F)
				return 0;
			i++;
			continue;
		}
		k = utf8_seq_len(s + i, len - i, &cp);
		/* libyaml's printable set, less its line breaks and the BOM */
		if (!k || cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
		    cp == 0xFFFE || cp == 0xFFFF)
			return 0;
		i += k;
	}
	return 1;
}

/* The end of the line at p (its '\n', or the end of the buffer). */
static size_t line_end(const struct fast *f, size_t p)
{
	const unsigned char *nl = memchr(f->s + p, '\n', f->len - p);

	return nl ? (size_t)(nl - f->s) : f->len;
}

/* Skip blank lines (empty or spaces only). 0 at the end of the buffer. */
static int next_content(struct fast *f)
{
	while (f->at < f->len) {
		size_t p = f->at, e = line_end(f, p);

		while (p < e && f->s[p] == ' ')
			p++;
		if (p < e)
			return 1;
		f->at = e + 1;
		f->line++;
	}
	return 0;
}

static int indent_of(const struct fast *f)
{
	size_t p = f->at;

	while (p < f->len && f->s[p] == ' ')
		p++;
	return (int)(p - f->at);
}

static void next_line(struct fast *f)
{
	f->at = line_end(f, f->at) + 1;
	f->line++;
}

/*
 * The column of byte p of the current line: characters before it, plus
 * one. Nodes on a line come left to right, so it goes on from the last
 * answer (a line of many flow items stays linear).
 */
static int col_of(struct fast *f, size_t p)
{
	size_t i = f->at;
	int col = 1;

	if (f->col_at >= f->at && f->col_at <= p) {
		i = f->col_at;
		col = f->col;
	}
	for (; i < p; i++)
		col += (f->s[i] & 0xC0) != 0x80;
	f->col_at = p;
	f->col = col;
	return col;
}

static struct ynode *node(struct fast *f, enum ynode_kind kind, size_t p)
{
	struct ynode *n = arena_alloc(f->o->arena, sizeof(*n));

	n->kind = kind;
	n->line = f->line + f->o->line_offset;
	n->col = col_of(f, p);
	return n;
}

static struct ynode *scalar_node(struct fast *f, size_t p, const unsigned char *v, size_t n,
                                 int plain)
{
	struct ynode *x = node(f, YNODE_SCALAR, p);

	x->str = arena_strndup(f->o->arena, (const char *)v, n);
	x->len = n;
	x->plain = plain;
	return x;
}

/* Append item to seq; 0 past the item cap (a finding on libyaml's path). */
static int seq_add(struct fast *f, struct ynode *seq, struct ynode *item, size_t *alloc)
{
	if (seq->n >= YTREE_MAX_ITEMS)
		return 0;
	ytree_room(f->o->arena, seq, seq->n + 1, alloc);
	seq->items[seq->n++] = item;
	return 1;
}

/* Does a block sequence entry ("- ", or "-" ending the line) start at byte c? */
static int entry_at(const struct fast *f, size_t c)
{
	return f->s[c] == '-' && c + 1 < f->len && (f->s[c + 1] == ' ' || f->s[c + 1] == '\n');
}

/* The length of the key at p ("key:" then a space or the line's end), or 0. */
static size_t key_len(const struct fast *f, size_t p, size_t e)
{
	size_t i = p;

	while (i < e && ((unsigned)(f->s[i] | 0x20) - 'a' < 26 || (unsigned)f->s[i] - '0' < 10 ||
	                 f->s[i] == '_' || (f->s[i] == '-' && i > p)))
		i++;
	/* libyaml takes a simple key of at most 1024 characters: keep well under */
	if (i == p || i - p > 128 || i >= e || f->s[i] != ':' || (i + 1 < e && f->s[i + 1] != ' '))
		return 0;
	return i - p;
}

/* Nothing but spaces in [p, e)? */
static int only_spaces(const struct fast *f, size_t p, size_t e)
{
	while (p < e && f->s[p] == ' ')
		p++;
	return p == e;
}

static struct ynode *flow_seq(struct fast *f, size_t p, size_t e, int depth)
{
	struct ynode *seq;
	size_t alloc = 0, i = p + 1;

	if (depth >= f->max_depth)
		return NULL;
	seq = node(f, YNODE_SEQ, p);
	while (i < e && f->s[i] == ' ')
		i++;
	if (i < e && f->s[i] == ']')
		return only_spaces(f, i + 1, e) ? seq : NULL;
	for (;;) {
		size_t start = i, end;

		if (i >= e || cls[f->s[i]] & NO_FLOW)
			return NULL;
		while (i < e && !(cls[f->s[i]] & FLOW_END))
			i++;
		if (i >= e)
			return NULL;
		end = i;
		while (end > start && f->s[end - 1] == ' ')
			end--;
		if (!seq_add(f, seq, scalar_node(f, start, f->s + start, end - start, 1), &alloc))
			return NULL;
		if (f->s[i] == ']')
			return only_spaces(f, i + 1, e) ? seq : NULL;
		if (f->s[i] != ',')
			return NULL;
		i++;
		while (i < e && f->s[i] == ' ')
			i++;
	}
}

/* A value written on its line, at p (not a space), up to e. */
static struct ynode *inline_value(struct fast *f, size_t p, size_t e, int depth)
{
	const unsigned char *s = f->s;
	unsigned c = s[p];
	size_t i, q;

	if (c == '[')
		return flow_seq(f, p, e, depth);
	if (c == '"') {
		for (i = p + 1; i < e && s[i] != '"'; i++)
			if (s[i] == '\\')
				return NULL;
		if (i >= e || !only_spaces(f, i + 1, e))
			return NULL;
		return scalar_node(f, p, s + p + 1, i - p - 1, 0);
	}
	if (c == '\'') {
		unsigned char *v = arena_alloc(f->o->arena, e - p);
		size_t n = 0;

		for (i = p + 1; i < e; i++) {
			if (s[i] == '\'') {
				if (i + 1 < e && s[i + 1] == '\'') {
					v[n++] = '\'';
					i++;
					continue;
				}
				break;
			}
			v[n++] = s[i];
		}
		if (i >= e || !only_spaces(f, i + 1, e))
			return NULL;
		return scalar_node(f, p, v, n, 0);
	}
	if (cls[c] & NO_PLAIN)
		return NULL;
	q = e;
	while (q > p && s[q - 1] == ' ')
		q--;
	for (i = p; i < q; i++) {
		if (s[i] == ':' && (i + 1 == q || s[i + 1] == ' '))
			return NULL;
		if (s[i] == '#' && s[i - 1] == ' ')
			return NULL;
	}
	return scalar_node(f, p, s + p, q - p, 1);
}

static struct ynode *block_seq(struct fast *f, int indent, int depth);

/*
 * A block mapping whose first key is at byte p of the current line, at
 * column indent + 1. Leaves f at the first content line after it.
 */
static struct ynode *block_map(struct fast *f, size_t p, int indent, int depth)
{
	struct ynode *map;
	size_t alloc = 0;

	if (depth >= f->max_depth)
		return NULL;
	map = node(f, YNODE_MAP, p);
	for (;;) {
		size_t e = line_end(f, f->at), k = key_len(f, p, e), i, v;
		struct ynode *key, *val;
		int in;

		if (!k)
			return NULL;
		key = scalar_node(f, p, f->s + p, k, 1);
		for (i = 0; i < map->n; i++)
			if (map->items[2 * i]->len == k &&
			    !memcmp(map->items[2 * i]->str, key->str, k))
				return NULL; /* a duplicate: libyaml's path reports it */
		if (map->n >= YTREE_MAX_ITEMS)
			return NULL;
		v = p + k + 1;
		while (v < e && f->s[v] == ' ')
			v++;
		if (v < e) {
			val = inline_value(f, v, e, depth + 1);
			next_line(f);
		} else {
			size_t c;

			next_line(f);
			if (!next_content(f))
				return NULL; /* an empty value */
			in = indent_of(f);
			c = f->at + (size_t)in;
			if (entry_at(f, c) && in >= indent)
				val = block_seq(f, in, depth + 1);
			else if (in > indent)
				val = block_map(f, c, in, depth + 1);
			else
				return NULL;
		}
		if (!val)
			return NULL;
		ytree_room(f->o->arena, map, 2 * map->n + 2, &alloc);
		map->items[2 * map->n] = key;
		map->items[2 * map->n + 1] = val;
		map->n++;
		if (!next_content(f))
			return map;
		in = indent_of(f);
		if (in < indent)
			return map;
		if (in > indent)
			return NULL;
		p = f->at + (size_t)in;
	}
}

/* A block sequence whose first "- " is at column indent + 1 of the current line. */
static struct ynode *block_seq(struct fast *f, int indent, int depth)
{
	struct ynode *seq;
	size_t alloc = 0;

	if (depth >= f->max_depth)
		return NULL;
	seq = node(f, YNODE_SEQ, f->at + (size_t)indent);
	for (;;) {
		size_t d = f->at + (size_t)indent, e = line_end(f, f->at), p = d + 1;
		struct ynode *item;
		int in;

		if (p >= e || f->s[p] != ' ')
			return NULL; /* "-" alone: a nested block item */
		while (p < e && f->s[p] == ' ')
			p++;
		if (p >= e || f->s[p] == '-')
			return NULL;
		if (key_len(f, p, e)) {
			item = block_map(f, p, col_of(f, p) - 1, depth + 1);
		} else {
			item = inline_value(f, p, e, depth + 1);
			next_line(f);
		}
		if (!item || !seq_add(f, seq, item, &alloc))
			return NULL;
		if (!next_content(f))
			return seq;
		in = indent_of(f);
		if (in > indent)
			return NULL;
		if (in < indent || !entry_at(f, f->at + (size_t)in))
			return seq;
	}
}

int ytree_parse_fast(const char *buf, size_t len, const struct ytree_opts *o, struct ynode **root)
{
	struct fast f;
	struct ynode *r;

	f.s = (const unsigned char *)buf;
	f.len = len;
	f.at = 0;
	f.line = 1;
	f.o = o;
	f.max_depth = o->max_depth ? o->max_depth : YTREE_DEFAULT_DEPTH;
	f.col_at = 0;
	f.col = 1;
	if (!bytes_ok(f.s, len) || !next_content(&f) || indent_of(&f) != 0)
		return 0;
	r = block_map(&f, f.at, 0, 0);
	if (!r || next_content(&f))
		return 0;
	*root = r;
	return 1;
}
