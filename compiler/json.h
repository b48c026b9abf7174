/*
 * json: the few JSON writing primitives every emitter shares. Output is
 * deterministic: callers fix the key order; strings are escaped so the result is
 * valid JSON (and valid UTF-8) whatever the input bytes.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#include "strbuf.h"

/* Append s[0..len) as a quoted JSON string; invalid UTF-8 becomes U+FFFD. */
void json_str(struct strbuf *sb, const char *s, size_t len);
void json_cstr(struct strbuf *sb, const char *s); /* NULL writes null */
/* A number rounded to 4 decimal places (docs/format.md 5.1), e.g. 0.8684, 1.0, 0.5. */
void json_num4(struct strbuf *sb, double v);
/* Append `"key":` */
void json_key(struct strbuf *sb, const char *key);

/* Append a JSON array of strings. */
void json_str_array(struct strbuf *sb, const char *const *v, size_t n);

/* Code points in s[0..len) (an invalid byte counts as one). */
size_t utf8_count(const char *s, size_t len);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t avail, unsigned *cp);

/* Write code point cp (at most U+10FFFF) as UTF-8 to out[0..4); returns its length. */
size_t utf8_put(char *out, unsigned long cp);

#endif
