/*
 * ytree: libyaml events -> struct ynode tree with positions; see ytree.h.
 *
 * libyaml marks are 0-based and count characters, which is also our column
 * unit (code points), so a node's position is mark + 1 (+ line_offset).
 * libyaml 0.2.5 is quadratic in nesting depth and silently accepts undefined
 * aliases in the event API; we stop at the first event deeper than the cap,
 * and reject every alias, so neither can bite.
 */
#include "ytree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "json.h"
#include "suggest.h"
#include "xalloc.h"

struct builder {
	const struct ytree_opts *o;
	yaml_parser_t parser;
	int failed;
	/*
	 * libyaml counts U+0085, U+2028 and U+2029 as line breaks, the rest of
	 * the world does not; so positions come from the mark's character
	 * index, walked forward through the buffer (marks mostly increase).
	 */
	const unsigned char *buf;
	size_t len;
	size_t cur_char, cur_byte;
	int cur_line, cur_col;
};

static struct loc mark_loc(struct builder *b, yaml_mark_t m)
{
	struct loc l;

	if (m.index < b->cur_char) {
		b->cur_char = b->cur_byte = 0;
		b->cur_line = b->cur_col = 1;
	}
	while (b->cur_char < m.index && b->cur_byte < b->len) {
		unsigned cp;
		size_t k = (unsigned char)b->buf[b->cur_byte] < 0x80
		               ? 1
		               : utf8_seq_len(b->buf + b->cur_byte, b->len - b->cur_byte, &cp);
		if (b->buf[b->cur_byte] == '\n') {
			b->cur_line++;
			b->cur_col = 1;
		} else {
			b->cur_col++;
		}
		b->cur_byte += k ? k : 1;
		b->cur_char++;
	}
	l.path = b->o->path;
	l.line = b->cur_line + b->o->line_offset;
	l.col = b->cur_col;
	return l;
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind, yaml_mark_t m)
{
	struct ynode *n = arena_alloc(b->o->arena, sizeof(*n));
	struct loc l = mark_loc(b, m);

	n->kind = kind;
	n->line = l.line;
	n->col = l.col;
	return n;
}

static int scalar_eq(const struct ynode *a, const struct ynode *b)
{
	return a->kind == YNODE_SCALAR && b->kind == YNODE_SCALAR && a->len == b->len &&
	       !memcmp(a->str, b->str, a->len);
}

/* Node properties we refuse: anchors and tags (aliases are refused by kind). */
static void check_props(struct builder *b, yaml_mark_t m, const yaml_char_t *anchor,
                        const yaml_char_t *tag, int implicit_tag)
{
	struct loc l;

	if (!anchor && (!tag || implicit_tag))
		return; /* the usual case: no position to work out */
	l = mark_loc(b, m);
	if (anchor)
		diag_add(b->o->sink, DIAG_ERROR, &l, "yaml-anchor",
		         "YAML anchor '&%s' is not allowed; write the value out in full",
		         (const char *)anchor);
	if (tag && !implicit_tag)
		diag_add(b->o->sink, DIAG_ERROR, &l, "yaml-tag",
		         "YAML tag '%s' is not allowed; remove it (values are never typed by tags)",
		         (const char *)tag);
}

struct frame {
	struct ynode *node;
	size_t alloc;
};

void ytree_room(struct arena *a, struct ynode *n, size_t used, size_t *alloc)
{
	size_t na = *alloc ? *alloc * 2 : 8;
	struct ynode **items;

	if (used <= *alloc)
		return;
	while (na < used)
		na *= 2;
	items = arena_alloc(a, na * sizeof(*items));
	if (n->items)
		memcpy(items, n->items, *alloc * sizeof(*items));
	n->items = items;
	*alloc = na;
}

/* Make room in f's node for one more item (a seq item, or a key or value). */
static void push_item(struct builder *b, struct frame *f)
{
	struct ynode *n = f->node;

	ytree_room(b->o->arena, n, n->kind == YNODE_MAP ? 2 * n->n + 2 : n->n + 1, &f->alloc);
}

/* Is parent full? Then a finding at node, and the tree is incomplete. */
static int too_many(struct builder *b, const struct ynode *parent, const struct ynode *node)
{
	struct loc l = {b->o->path, node->line, node->col};

	if (parent->n < YTREE_MAX_ITEMS)
		return 0;
	diag_add(b->o->sink, DIAG_ERROR, &l, "yaml-size",
	         "a %s with more than %d %s; shorten the front matter",
	         parent->kind == YNODE_MAP ? "mapping" : "list", YTREE_MAX_ITEMS,
	         parent->kind == YNODE_MAP ? "keys" : "items");
	b->failed = 1;
	return 1;
}

struct ynode *ytree_parse(const char *buf, size_t len, const struct ytree_opts *o, int *failed)
{
	struct ynode *root;

	if (ytree_parse_fast(buf, len, o, &root)) {
		*failed = 0;
		return root;
	}
	return ytree_parse_libyaml(buf, len, o, failed);
}

struct ynode *ytree_parse_libyaml(const char *buf, size_t len, const struct ytree_opts *o,
                                  int *failed)
{
	struct builder b;
	struct frame *stack = NULL;
	size_t depth = 0, alloc = 0;
	int max_depth = o->max_depth ? o->max_depth : YTREE_DEFAULT_DEPTH;
	struct ynode *root = NULL;
	/* for maps: is the next node a key (0) or a value (1)? kept per frame */
	unsigned char *want_val = NULL;
	int docs = 0, done = 0;

	memset(&b, 0, sizeof(b));
	b.o = o;
	b.buf = (const unsigned char *)buf;
	b.len = len;
	b.cur_line = b.cur_col = 1;
	*failed = 0;
	if (!yaml_parser_initialize(&b.parser)) {
		struct loc l = {o->path, 1 + o->line_offset, 1};
		diag_add(o->sink, DIAG_ERROR, &l, "yaml-syntax",
		         "cannot initialize the YAML parser");
		*failed = 1;
		return NULL;
	}
	yaml_parser_set_input_string(&b.parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);

	while (!done) {
		yaml_event_t ev;
		struct ynode *node = NULL;
		int opens = 0;

		if (!yaml_parser_parse(&b.parser, &ev)) {
			struct loc l = mark_loc(&b, b.parser.problem_mark);
			const char *problem = b.parser.problem ? b.parser.problem : "syntax error";

			if (b.parser.context) {
				struct loc cl = mark_loc(&b, b.parser.context_mark);
				diag_add(o->sink, DIAG_ERROR, &l, "yaml-syntax",
				         "YAML syntax error: %s; fix the YAML at this position",
				         problem);
				diag_note(o->sink, "%s at %d:%d", b.parser.context, cl.line,
				          cl.col);
			} else {
				diag_add(o->sink, DIAG_ERROR, &l, "yaml-syntax",
				         "YAML syntax error: %s; fix the YAML at this position",
				         problem);
			}
			b.failed = 1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				struct loc l = mark_loc(&b, ev.start_mark);
				diag_add(o->sink, DIAG_ERROR, &l, "yaml-syntax",
				         "more than one YAML document; keep a single mapping");
				b.failed = 1;
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT: {
			struct loc l = mark_loc(&b, ev.start_mark);
			diag_add(o->sink, DIAG_ERROR, &l, "yaml-alias",
			         "YAML alias '*%s' is not allowed; write the value out in full",
			         (const char *)ev.data.alias.anchor);
			node = new_node(&b, YNODE_SCALAR, ev.start_mark);
			node->str = "";
			node->plain = 1;
			node->bad = 1;
			break;
		}
		case YAML_SCALAR_EVENT:
			check_props(&b, ev.start_mark, ev.data.scalar.anchor, ev.data.scalar.tag,
			            ev.data.scalar.plain_implicit ||
			                ev.data.scalar.quoted_implicit);
			node = new_node(&b, YNODE_SCALAR, ev.start_mark);
			node->str = arena_strndup(o->arena, (const char *)ev.data.scalar.value,
			                          ev.data.scalar.length);
			node->len = ev.data.scalar.length;
			node->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			break;
		case YAML_SEQUENCE_START_EVENT:
			check_props(&b, ev.start_mark, ev.data.sequence_start.anchor,
			            ev.data.sequence_start.tag, ev.data.sequence_start.implicit);
			node = new_node(&b, YNODE_SEQ, ev.start_mark);
			opens = 1;
			break;
		case YAML_MAPPING_START_EVENT:
			check_props(&b, ev.start_mark, ev.data.mapping_start.anchor,
			            ev.data.mapping_start.tag, ev.data.mapping_start.implicit);
			node = new_node(&b, YNODE_MAP, ev.start_mark);
			opens = 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		if (node) {
			if (depth) {
				struct frame *f = &stack[depth - 1];
				struct ynode *parent = f->node;

				push_item(&b, f);
				if (parent->kind == YNODE_SEQ) {
					if (too_many(&b, parent, node)) {
						yaml_event_delete(&ev);
						break; /* out of the event loop */
					}
					parent->items[parent->n++] = node;
				} else if (!want_val[depth - 1]) {
					/* a key: complex keys are not allowed, duplicates neither
					 */
					size_t i;
					if (node->kind != YNODE_SCALAR) {
						struct loc l = {o->path, node->line, node->col};
						diag_add(o->sink, DIAG_ERROR, &l, "yaml-syntax",
						         "a mapping key must be a plain string");
						b.failed = 1;
					}
					if (too_many(&b, parent, node)) {
						yaml_event_delete(&ev);
						break; /* out of the event loop */
					}
					for (i = 0; i < parent->n; i++) {
						if (scalar_eq(parent->items[2 * i], node)) {
							struct loc l = {o->path, node->line,
							                node->col};
							diag_add(o->sink, DIAG_ERROR, &l,
							         "yaml-duplicate-key",
							         "duplicate key '%s'; remove one "
							         "of them",
							         node->str);
							diag_note(o->sink, "first defined at %d:%d",
							          parent->items[2 * i]->line,
							          parent->items[2 * i]->col);
							break;
						}
					}
					parent->items[2 * parent->n] = node;
					want_val[depth - 1] = 1;
				} else {
					parent->items[2 * parent->n + 1] = node;
					parent->n++;
					want_val[depth - 1] = 0;
				}
			} else if (!root) {
				root = node;
			}
			if (opens) {
				if ((int)depth >= max_depth) {
					struct loc l = {o->path, node->line, node->col};
					diag_add(o->sink, DIAG_ERROR, &l, "yaml-depth",
					         "YAML nested more than %d levels deep; flatten "
					         "the structure",
					         max_depth);
					b.failed = 1;
					done = 1;
				} else {
					XGROW(stack, alloc, depth + 1);
					want_val = xrealloc(want_val, alloc);
					stack[depth].node = node;
					stack[depth].alloc = 0;
					want_val[depth] = 0;
					depth++;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&b.parser);
	free(stack);
	free(want_val);
	*failed = b.failed;
	return root;
}

int ytree_same(const struct ynode *a, const struct ynode *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->line != b->line || a->col != b->col || a->n != b->n ||
	    a->plain != b->plain || a->bad != b->bad)
		return 0;
	if (a->kind == YNODE_SCALAR)
		return scalar_eq(a, b);
	for (i = 0; i < (a->kind == YNODE_MAP ? 2 * a->n : a->n); i++)
		if (!ytree_same(a->items[i], b->items[i]))
			return 0;
	return 1;
}

struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i, klen = strlen(key);

	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->items[2 * i];
		if (k->kind == YNODE_SCALAR && k->len == klen && !memcmp(k->str, key, klen))
			return map->items[2 * i + 1];
	}
	return NULL;
}

size_t ytree_unknown_keys(const struct ynode *map, const char *const *keys, size_t nkeys,
                          const char *path, const char *rule, const char *where,
                          struct diag_sink *sink)
{
	size_t i, j, bad = 0;

	for (i = 0; map && map->kind == YNODE_MAP && i < map->n; i++) {
		const struct ynode *k = ynode_key(map, i);
		struct loc l = {path, k->line, k->col};
		const char *s;

		for (j = 0; j < nkeys; j++)
			if (!strcmp(k->str, keys[j]))
				break;
		if (j < nkeys)
			continue;
		bad++;
		s = suggest_closest(k->str, keys, nkeys);
		if (s)
			diag_add(sink, DIAG_ERROR, &l, rule,
			         "unknown key '%s' in %s; did you mean '%s'?", k->str, where, s);
		else
			diag_add(sink, DIAG_ERROR, &l, rule, "unknown key '%s' in %s; remove it",
			         k->str, where);
	}
	return bad;
}

int ynode_is_null(const struct ynode *n)
{
	if (!n)
		return 1;
	if (n->kind != YNODE_SCALAR || !n->plain)
		return 0;
	return !n->len || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

int ynode_bool(const struct ynode *n)
{
	if (!n || n->kind != YNODE_SCALAR || !n->plain)
		return -1;
	if (!strcmp(n->str, "true") || !strcmp(n->str, "True") || !strcmp(n->str, "TRUE"))
		return 1;
	if (!strcmp(n->str, "false") || !strcmp(n->str, "False") || !strcmp(n->str, "FALSE"))
		return 0;
	return -1;
}

int ynode_uint(const struct ynode *n, long *v)
{
	char *end;

	if (!n || n->kind != YNODE_SCALAR || !n->plain || !n->len || n->len > 9)
		return -1;
	/* YAML 1.2 core: [0-9]+ is a decimal integer, leading zeros and all */
	if (n->str[0] < '0' || n->str[0] > '9')
		return -1;
	errno = 0;
	*v = strtol(n->str, &end, 10);
	return *end || errno ? -1 : 0;
}

int ynode_number(const struct ynode *n, double *v)
{
	size_t i;
	int dot = 0, digits = 0;

	if (!n || n->kind != YNODE_SCALAR || !n->len || n->len > 32)
		return -1;
	for (i = 0; i < n->len; i++) {
		char c = n->str[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (c == '.' && !dot)
			dot = 1;
		else if (!(i == 0 && (c == '-' || c == '+')))
			return -1;
	}
	if (!digits)
		return -1;
	/* strtod would honour the locale's decimal point; parse by hand */
	{
		double val = 0, scale = 1;
		int neg = n->str[0] == '-', frac = 0;
		for (i = 0; i < n->len; i++) {
			char c = n->str[i];
			if (c == '.')
				frac = 1;
			else if (c >= '0' && c <= '9') {
				if (frac) {
					scale /= 10;
					val += (c - '0') * scale;
				} else {
					val = val * 10 + (c - '0');
				}
			}
		}
		*v = neg ? -val : val;
	}
	return 0;
}

int ynode_is_str(const struct ynode *n)
{
	return n && n->kind == YNODE_SCALAR && !ynode_is_null(n);
}

const char *ynode_kind_name(const struct ynode *n)
{
	if (!n || ynode_is_null(n))
		return "null";
	switch (n->kind) {
	case YNODE_SCALAR:
		return "a string";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "a value";
}
