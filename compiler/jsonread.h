/*
 * jsonread: a small strict JSON reader, for what corpusc reads back of an
 * earlier release (--previous): its manifest.json and scenario records.
 */
#ifndef JSONREAD_H
#define JSONREAD_H

#include <stddef.h>

#include "arena.h"

enum jv_kind { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_kind kind;
	double num;
	int b;
	const char *str; /* JV_STR: decoded, NUL-terminated */
	size_t len;
	size_t n;          /* JV_ARR items / JV_OBJ pairs */
	struct jv **items; /* JV_OBJ: key at 2i (JV_STR), value at 2i+1 */
};

/* Parse s[0..len) (one value, surrounding blanks allowed); NULL when invalid. */
struct jv *jv_parse(struct arena *a, const char *s, size_t len);
/* Object member by key, or NULL. */
const struct jv *jv_get(const struct jv *obj, const char *key);
/* A string member, or NULL. */
const char *jv_get_str(const struct jv *obj, const char *key);

#endif
