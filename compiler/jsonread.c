/*
 * jsonread: recursive-descent JSON parser with a depth cap; see jsonread.h.
 */
#include "jsonread.h"

#include <string.h>

#include "strbuf.h"

struct jp {
	struct arena *a;
	const char *s, *end;
	int depth;
};

static void ws(struct jp *p)
{
	while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int hex4(const char *s, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static void put_utf8(struct strbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

static struct jv *str(struct jp *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct jv *v;

	p->s++;
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;
		if (c < 0x20)
			goto fail;
		if (c != '\\') {
			strbuf_addch(&sb, c);
			p->s++;
			continue;
		}
		if (++p->s >= p->end)
			goto fail;
		switch (*p->s) {
		case '"':
			strbuf_addch(&sb, '"');
			break;
		case '\\':
			strbuf_addch(&sb, '\\');
			break;
		case '/':
			strbuf_addch(&sb, '/');
			break;
		case 'b':
			strbuf_addch(&sb, '\b');
			break;
		case 'f':
			strbuf_addch(&sb, '\f');
			break;
		case 'n':
			strbuf_addch(&sb, '\n');
			break;
		case 'r':
			strbuf_addch(&sb, '\r');
			break;
		case 't':
			strbuf_addch(&sb, '\t');
			break;
		case 'u': {
			unsigned cp, lo;
			if (p->end - p->s < 5 || hex4(p->s + 1, &cp) < 0)
				goto fail;
			p->s += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF && p->end - p->s >= 7 && p->s[1] == '\\' &&
			    p->s[2] == 'u' && !hex4(p->s + 3, &lo) && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p->s += 6;
			}
			put_utf8(&sb, cp);
			break;
		}
		default:
			goto fail;
		}
		p->s++;
	}
	if (p->s >= p->end)
		goto fail;
	p->s++;
	v = arena_alloc(p->a, sizeof(*v));
	v->kind = JV_STR;
	v->str = arena_strndup(p->a, sb.buf, sb.len);
	v->len = sb.len;
	strbuf_release(&sb);
	return v;
fail:
	strbuf_release(&sb);
	return NULL;
}

static struct jv *value(struct jp *p);

static struct jv *seq(struct jp *p, int obj)
{
	struct jv *v = arena_alloc(p->a, sizeof(*v)), **items = NULL;
	size_t n = 0, alloc = 0;
	char close = obj ? '}' : ']';

	v->kind = obj ? JV_OBJ : JV_ARR;
	p->s++;
	ws(p);
	if (p->s < p->end && *p->s == close) {
		p->s++;
		return v;
	}
	for (;;) {
		struct jv *k = NULL, *e;
		ws(p);
		if (obj) {
			if (p->s >= p->end || *p->s != '"' || !(k = str(p)))
				return NULL;
			ws(p);
			if (p->s >= p->end || *p->s != ':')
				return NULL;
			p->s++;
		}
		if (!(e = value(p)))
			return NULL;
		if (n + 2 > alloc) {
			struct jv **ni;
			alloc = alloc ? alloc * 2 : 8;
			ni = arena_alloc(p->a, alloc * sizeof(*ni));
			if (items)
				memcpy(ni, items, n * sizeof(*ni));
			items = ni;
		}
		if (obj)
			items[n++] = k;
		items[n++] = e;
		ws(p);
		if (p->s < p->end && *p->s == ',') {
			p->s++;
			continue;
		}
		if (p->s < p->end && *p->s == close) {
			p->s++;
			break;
		}
		return NULL;
	}
	v->items = items;
	v->n = obj ? n / 2 : n;
	return v;
}

static struct jv *value(struct jp *p)
{
	struct jv *v = NULL;

	ws(p);
	if (p->s >= p->end || ++p->depth > 64)
		return NULL;
	if (*p->s == '"') {
		v = str(p);
	} else if (*p->s == '{' || *p->s == '[') {
		v = seq(p, *p->s == '{');
	} else if (p->end - p->s >= 4 && !memcmp(p->s, "null", 4)) {
		v = arena_alloc(p->a, sizeof(*v));
		v->kind = JV_NULL;
		p->s += 4;
	} else if (p->end - p->s >= 4 && !memcmp(p->s, "true", 4)) {
		v = arena_alloc(p->a, sizeof(*v));
		v->kind = JV_BOOL;
		v->b = 1;
		p->s += 4;
	} else if (p->end - p->s >= 5 && !memcmp(p->s, "false", 5)) {
		v = arena_alloc(p->a, sizeof(*v));
		v->kind = JV_BOOL;
		p->s += 5;
	} else if (*p->s == '-' || (*p->s >= '0' && *p->s <= '9')) {
		double num = 0, scale = 0.1;
		int neg = *p->s == '-', frac = 0;
		if (neg)
			p->s++;
		while (p->s < p->end &&
		       ((*p->s >= '0' && *p->s <= '9') || *p->s == '.' || *p->s == 'e' ||
		        *p->s == 'E' || *p->s == '+' || *p->s == '-')) {
			char c = *p->s++;
			if (c == '.')
				frac = 1;
			else if (c >= '0' && c <= '9') {
				if (frac) {
					num += (c - '0') * scale;
					scale /= 10;
				} else {
					num = num * 10 + (c - '0');
				}
			}
		}
		v = arena_alloc(p->a, sizeof(*v));
		v->kind = JV_NUM;
		v->num = neg ? -num : num;
	}
	p->depth--;
	return v;
}

struct jv *jv_parse(struct arena *a, const char *s, size_t len)
{
	struct jp p = {a, s, s + len, 0};
	struct jv *v = value(&p);

	if (!v)
		return NULL;
	ws(&p);
	return p.s == p.end ? v : NULL;
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	size_t i;

	if (!obj || obj->kind != JV_OBJ)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (!strcmp(obj->items[2 * i]->str, key))
			return obj->items[2 * i + 1];
	return NULL;
}

const char *jv_get_str(const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);

	return v && v->kind == JV_STR ? v->str : NULL;
}
