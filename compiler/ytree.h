/*
 * ytree: a small YAML document tree built from libyaml's event API, with the
 * file position of every node. Used for front matter and for every data file
 * under lint-rules/ and corpus/corpus.yaml.
 *
 * Deliberately strict (docs/format.md section 2): anchors, aliases, tags, duplicate keys,
 * several documents and nesting deeper than the cap are findings. Scalars keep
 * their source text and style; nothing is type-guessed, so NO, 1.10 and 0755
 * stay the strings they were written as, and callers decide what a plain
 * scalar means with ynode_bool() and friends (YAML 1.2 core schema).
 */
#ifndef YTREE_H
#define YTREE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	int line, col;   /* 1-based position in the file */
	const char *str; /* scalar value (NUL-terminated; may hold NULs) */
	size_t len;
	int plain;            /* scalar written without quotes or block style */
	int bad;              /* an alias, already reported: checks skip it */
	size_t n;             /* seq items, or map pairs */
	struct ynode **items; /* seq: items[i]; map: key items[2i], value items[2i+1] */
};

struct ytree_opts {
	const char *path;       /* for findings */
	int line_offset;        /* lines of the file before buf */
	int max_depth;          /* nesting cap; 0 means YTREE_DEFAULT_DEPTH */
	struct arena *arena;    /* owns the tree */
	struct diag_sink *sink; /* findings */
};

#define YTREE_DEFAULT_DEPTH 16
#define YTREE_MAX_ITEMS 4096 /* keys of a mapping, items of a list */

/*
 * Parse buf[0..len) as one YAML document. Returns the root node (NULL for an
 * empty document or when parsing failed); every problem is a finding in
 * opts->sink. *failed is set to 1 when a finding made the tree incomplete.
 */
struct ynode *ytree_parse(const char *buf, size_t len, const struct ytree_opts *opts, int *failed);

/*
 * ytree_parse() tries ytree_parse_fast() first: block-style YAML of the
 * common kind (ytree_fast.c) read without libyaml. It returns 1 and sets
 * *root when buf is inside that subset, else 0 (nothing reported), and
 * ytree_parse_libyaml() reads buf. Both are here for the differential test.
 */
int ytree_parse_fast(const char *buf, size_t len, const struct ytree_opts *opts,
                     struct ynode **root);
struct ynode *ytree_parse_libyaml(const char *buf, size_t len, const struct ytree_opts *opts,
                                  int *failed);
/* For both readers: room in n->items for used pointers (*alloc, doubling, in a). */
void ytree_room(struct arena *a, struct ynode *n, size_t used, size_t *alloc);
/*
 * Are a and b the same tree: kinds, values, styles and positions? (The two
 * readers must agree; the differential test and fuzz target ask this.)
 */
int ytree_same(const struct ynode *a, const struct ynode *b);

/* Map lookup: the value node for key, or NULL. */
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* The key node of pair i of a map. */
static inline const struct ynode *ynode_key(const struct ynode *map, size_t i)
{
	return map->items[2 * i];
}
static inline struct ynode *ynode_val(const struct ynode *map, size_t i)
{
	return map->items[2 * i + 1];
}

/* A plain null: empty, ~, null, Null or NULL written without quotes. */
int ynode_is_null(const struct ynode *n);
/* 1 or 0 for plain true/false (YAML 1.2 core spellings), -1 otherwise. */
int ynode_bool(const struct ynode *n);
/* Plain decimal integer without sign (YAML 1.2 core: 01 is 1) into *v: 0, else -1. */
int ynode_uint(const struct ynode *n, long *v);
/* Plain or quoted decimal number into *v: 0, else -1. */
int ynode_number(const struct ynode *n, double *v);
/* A scalar that is a string (any non-null scalar). */
int ynode_is_str(const struct ynode *n);
/*
 * Report every key of map that is not one of keys[0..nkeys) as a finding
 * with rule id `rule` at the key ("unknown key 'x' in <where>", with a
 * did-you-mean when a known key is close). Returns how many were reported.
 */
size_t ytree_unknown_keys(const struct ynode *map, const char *const *keys, size_t nkeys,
                          const char *path, const char *rule, const char *where,
                          struct diag_sink *sink);

/* Human name of the node's kind for messages: "a string", "a list", ... */
const char *ynode_kind_name(const struct ynode *n);

#endif
