/*
 * json: string escaping and number formatting for the JSON emitters.
 */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

size_t utf8_put(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_seq_len(const unsigned char *s, size_t avail, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

void json_str(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	strbuf_grow(sb, len + 2);
	strbuf_addch(sb, '"');
	while (i < len) {
		unsigned c = p[i], cp;
		size_t n;
		const char *esc = NULL;
		char ubuf[8];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		if (run)
			strbuf_add(sb, p + i - run, run);
		run = 0;
		switch (c) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		default:
			break;
		}
		if (esc) {
			strbuf_addstr(sb, esc);
			i++;
			continue;
		}
		if (c < 0x20) {
			snprintf(ubuf, sizeof(ubuf), "\\u%04x", c);
			strbuf_addstr(sb, ubuf);
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i, &cp);
		if (!n) {
			strbuf_addstr(sb, "\\ufffd");
			i++;
			continue;
		}
		if (cp == 0x2028 || cp == 0x2029) {
			/* valid JSON, but not valid JavaScript in older engines */
			snprintf(ubuf, sizeof(ubuf), "\\u%04x", cp);
			strbuf_addstr(sb, ubuf);
		} else {
			strbuf_add(sb, p + i, n);
		}
		i += n;
	}
	if (run)
		strbuf_add(sb, p + i - run, run);
	strbuf_addch(sb, '"');
}

void json_cstr(struct strbuf *sb, const char *s)
{
	if (!s)
		strbuf_addstr(sb, "null");
	else
		json_str(sb, s, strlen(s));
}

void json_num4(struct strbuf *sb, double v)
{
	char buf[64];
	size_t n;

	if (isnan(v) || isinf(v)) {
		strbuf_addstr(sb, "null");
		return;
	}
	/* + 0.0: a negative value that rounds to zero prints as 0.0, not -0.0 */
	v = round(v * 10000.0) / 10000.0 + 0.0;
	snprintf(buf, sizeof(buf), "%.4f", v);
	n = strlen(buf);
	/* trim trailing zeros but keep one digit after the point: 1.0, 0.5 */
	while (n > 2 && buf[n - 1] == '0' && buf[n - 2] != '.')
		n--;
	buf[n] = '\0';
	strbuf_addstr(sb, buf);
}

void json_key(struct strbuf *sb, const char *key)
{
	json_cstr(sb, key);
	strbuf_addch(sb, ':');
}

void json_str_array(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	strbuf_addch(sb, '[');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		json_cstr(sb, v[i]);
	}
	strbuf_addch(sb, ']');
}

size_t utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned cp;
		size_t k = utf8_seq_len((const unsigned char *)s + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	return n;
}
