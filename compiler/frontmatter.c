/*
 * frontmatter: the schema family of docs/format.md section 3 for front matter --
 * delimiters, YAML syntax (via ytree), required and unknown keys with
 * did-you-mean, types without YAML 1.1 guessing, enums, id rules, taxonomy
 * ids, the behavior and ranking maps, quest keys and lint suppressions.
 *
 * Every finding is at the YAML node it concerns. The checks go on after a
 * problem wherever they can, so one run reports everything.
 */
#include "frontmatter.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "suggest.h"
#include "xalloc.h"
#include "ytree.h"

struct fm {
	struct doc *doc;
	const struct config *cfg;
	struct diag_sink *sink;
};

static struct loc nloc(const struct fm *f, const struct ynode *n)
{
	struct loc l = {f->doc->path, n ? n->line : 2, n ? n->col : 1};
	return l;
}

static void type_err(struct fm *f, const struct ynode *n, const char *what, const char *want)
{
	struct loc l = nloc(f, n);

	if (n && n->bad)
		return; /* already reported (an alias) */
	diag_add(f->sink, DIAG_ERROR, &l, "type-mismatch", "'%s' must be %s, not %s", what, want,
	         ynode_kind_name(n));
}

static const char *get_str(struct fm *f, const struct ynode *n, const char *what)
{
	if (n && n->bad)
		return NULL;
	if (!ynode_is_str(n)) {
		type_err(f, n, what, "a string");
		return NULL;
	}
	return n->str;
}

static int check_keys(struct fm *f, const struct ynode *map, const char *const *keys, size_t nkeys,
                      const char *where)
{
	return ytree_unknown_keys(map, keys, nkeys, f->doc->path, "key-unknown", where, f->sink) >
	       0;
}

static struct ynode *require(struct fm *f, const struct ynode *map, const char *key,
                             const char *where)
{
	struct ynode *n = ynode_get(map, key);

	if (n && n->bad)
		return NULL; /* already reported (an alias) */
	if (!n || ynode_is_null(n)) {
		struct loc l = nloc(f, n ? n : map);
		diag_add(f->sink, DIAG_ERROR, &l, "key-required", "%s needs the key '%s'; add it",
		         where, key);
		return NULL;
	}
	return n;
}

/* A handle left as a template's placeholder (corpusc new writes TODO-handle). */
static int is_placeholder_handle(const char *s)
{
	return !strncasecmp(s, "todo", 4) || !strncasecmp(s, "your-handle", 11);
}

static int is_handle(const char *s)
{
	if (!isalnum((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.-", *s))
			return 0;
	return 1;
}

/* A slug-like id: returns 1 when valid, else reports with rule id-format. */
static int check_slug(struct fm *f, const struct ynode *n, const char *s, const char *what)
{
	struct loc l = nloc(f, n);

	if (!is_id(s)) {
		diag_add(f->sink, DIAG_ERROR, &l, "id-format",
		         "%s '%s' is not a lowercase slug of at most 64 characters "
		         "(letters a-z, digits, single hyphens)",
		         what, s);
		return 0;
	}
	if (is_reserved_name(s)) {
		diag_add(f->sink, DIAG_ERROR, &l, "id-reserved",
		         "%s '%s' is a reserved device name on some systems; choose another", what,
		         s);
		return 0;
	}
	return 1;
}

/* A list of strings: returns an arena array (and locations), or NULL. */
static const char **str_list(struct fm *f, const struct ynode *n, const char *what, size_t *count,
                             struct loc **locs)
{
	const char **out;
	size_t i, j, k = 0;

	*count = 0;
	if (locs)
		*locs = NULL;
	if (!n)
		return NULL;
	if (n->kind != YNODE_SEQ) {
		type_err(f, n, what, "a list");
		return NULL;
	}
	out = arena_alloc(&f->doc->arena, (n->n + 1) * sizeof(*out));
	if (locs)
		*locs = arena_alloc(&f->doc->arena, (n->n + 1) * sizeof(**locs));
	for (i = 0; i < n->n; i++) {
		const struct ynode *it = n->items[i];
		int dup = 0;

		if (!ynode_is_str(it)) {
			struct loc l = nloc(f, it);
			diag_add(f->sink, DIAG_ERROR, &l, "type-mismatch",
			         "items of '%s' must be strings, not %s", what,
			         ynode_kind_name(it));
			continue;
		}
		for (j = 0; j < k; j++)
			if (!strcmp(out[j], it->str))
				dup = 1;
		if (dup) {
			struct loc l = nloc(f, it);
			diag_add(f->sink, DIAG_ERROR, &l, "list-duplicate",
			         "'%s' appears twice in '%s'; remove one", it->str, what);
			continue;
		}
		if (locs)
			(*locs)[k] = nloc(f, it);
		out[k++] = it->str;
	}
	*count = k;
	return out;
}

static void check_enum(struct fm *f, const struct ynode *n, const char *what,
                       const char *const *vals, size_t nvals, const char **out)
{
	const char *s = get_str(f, n, what);
	size_t i;

	*out = NULL;
	if (!s)
		return;
	for (i = 0; i < nvals; i++)
		if (!strcmp(s, vals[i])) {
			*out = vals[i];
			return;
		}
	{
		struct loc l = nloc(f, n);
		struct strbuf sb = STRBUF_INIT;
		const char *sug = suggest_closest(s, vals, nvals);

		for (i = 0; i < nvals; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", vals[i]);
		/* `corpusc new` leaves origin as TODO: provenance is never guessed */
		if (!strcmp(s, "TODO"))
			diag_add(
			    f->sink, DIAG_ERROR, &l, "enum-invalid",
			    "'%s' is still the skeleton's TODO: choose one of %s%s", what, sb.buf,
			    strcmp(what, "origin")
			        ? ""
			        : " for who wrote the text (when unsure, the one with more model "
			          "involvement; CONTRIBUTING.md, section Provenance)");
		else if (sug)
			diag_add(f->sink, DIAG_ERROR, &l, "enum-invalid",
			         "'%s' must be one of %s, not '%s'; did you mean '%s'?", what,
			         sb.buf, s, sug);
		else
			diag_add(f->sink, DIAG_ERROR, &l, "enum-invalid",
			         "'%s' must be one of %s, not '%s'", what, sb.buf, s);
		strbuf_release(&sb);
	}
}

static void taxo_unknown(struct fm *f, const struct loc *l, const char *id,
                         const struct taxo_entry *e, size_t n, const char *rule, const char *what)
{
	const char **ids = xmalloc((n + 1) * sizeof(*ids));
	const char *sug;
	size_t i;

	for (i = 0; i < n; i++)
		ids[i] = e[i].id ? e[i].id : "";
	sug = suggest_closest(id, ids, n);
	if (sug)
		diag_add(f->sink, DIAG_ERROR, l, rule, "unknown %s '%s'; did you mean '%s'?", what,
		         id, sug);
	else
		diag_add(f->sink, DIAG_ERROR, l, rule,
		         "unknown %s '%s'; use one from lint-rules/taxonomy.yaml or add it there",
		         what, id);
	free(ids);
}

void frontmatter_file_id(const char *path, char *buf, size_t size, long *turn, int *in_quest,
                         char *quest, size_t qsize)
{
	size_t plen = strlen(path);
	/* a directory-form scenario's path ends in '/': its name is the id */
	int is_dir = plen > 1 && path[plen - 1] == '/';
	const char *end = path + plen - is_dir, *base = end;
	const char *dir_end, *dir_start, *pdir_start;
	size_t n;

	while (base > path && base[-1] != '/')
		base--;
	n = (size_t)(end - base);
	if (!is_dir && n > 3 && !strncmp(base + n - 3, ".md", 3))
		n -= 3;
	*turn = 0;
	*in_quest = 0;
	if (quest && qsize)
		quest[0] = '\0';
	/* the parent directory and its parent: quests/<quest>/NN-id.md */
	dir_end = base > path ? base - 1 : NULL;
	if (dir_end) {
		dir_start = dir_end;
		while (dir_start > path && dir_start[-1] != '/')
			dir_start--;
		if (dir_start > path) {
			pdir_start = dir_start - 1;
			while (pdir_start > path && pdir_start[-1] != '/')
				pdir_start--;
			if ((size_t)(dir_start - 1 - pdir_start) == 6 &&
			    !strncmp(pdir_start, "quests", 6)) {
				*in_quest = 1;
				if (quest && qsize) {
					size_t ql = (size_t)(dir_end - dir_start);
					if (ql >= qsize)
						ql = qsize - 1;
					memcpy(quest, dir_start, ql);
					quest[ql] = '\0';
				}
			}
		}
	}
	if (*in_quest && n > 3 && isdigit((unsigned char)base[0]) &&
	    isdigit((unsigned char)base[1]) && base[2] == '-') {
		*turn = (base[0] - '0') * 10 + (base[1] - '0');
		base += 3;
		n -= 3;
	}
	if (n >= size)
		n = size - 1;
	memcpy(buf, base, n);
	buf[n] = '\0';
}

static void check_authors(struct fm *f, const struct ynode *n, const char ***authors,
                          size_t *nauthors)
{
	struct loc *locs;
	size_t i;

	*authors = str_list(f, n, "authors", nauthors, &locs);
	if (n->kind == YNODE_SEQ && !n->n) {
		struct loc l = nloc(f, n);
		diag_add(f->sink, DIAG_ERROR, &l, "key-required",
		         "'authors' is empty; name at least one author handle");
	}
	for (i = 0; i < *nauthors; i++)
		if (is_placeholder_handle((*authors)[i]))
			diag_add(f->sink, DIAG_ERROR, &locs[i], "handle-format",
			         "author '%s' is a placeholder; put the real author's handle",
			         (*authors)[i]);
		else if (!is_handle((*authors)[i]))
			diag_add(f->sink, DIAG_ERROR, &locs[i], "handle-format",
			         "author '%s' is not a valid handle (letters, digits, '_', "
			         "'.', '-')",
			         (*authors)[i]);
}

static void load_behavior(struct fm *f, const struct ynode *m, struct behavior *b,
                          const char *file_id)
{
	static const char *const keys[] = {"id", "label", "features", "superhuman"};
	static const char *const file_keys[] = {"label", "features", "superhuman", "authors",
	                                        "origin"};
	static const char *const labels[] = {"desirable", "undesirable"};
	static const char *const origins[] = {"human", "model-assisted", "model"};
	const struct ynode *n;
	const char *label;
	size_t i;

	b->thought_words = -1;
	b->text_words = NULL;
	b->ntext_words = 0;
	b->loc = nloc(f, m);
	b->label = LABEL_NONE;
	b->superhuman = -1;
	if (m->kind != YNODE_MAP) {
		type_err(f, m, "behaviors", "a list of mappings (id, label, features, superhuman)");
		return;
	}
	if (file_id) {
		check_keys(f, m, file_keys, 5, "a behavior file");
		b->id = file_id;
		b->id_loc = b->loc;
		if ((n = ynode_get(m, "authors")) && !ynode_is_null(n))
			check_authors(f, n, &b->authors, &b->nauthors);
		if ((n = ynode_get(m, "origin")) && !ynode_is_null(n))
			check_enum(f, n, "origin", origins, 3, &b->origin);
	} else {
		check_keys(f, m, keys, 4, "a behavior");
	}
	if (!file_id && (n = require(f, m, "id", "a behavior"))) {
		const char *s = get_str(f, n, "id");
		b->id_loc = nloc(f, n);
		if (s && check_slug(f, n, s, "behavior id"))
			b->id = s;
	}
	if ((n = require(f, m, "label", "a behavior"))) {
		check_enum(f, n, "label", labels, 2, &label);
		b->label_loc = nloc(f, n);
		if (label)
			b->label =
			    !strcmp(label, "desirable") ? LABEL_DESIRABLE : LABEL_UNDESIRABLE;
	}
	n = ynode_get(m, "features");
	if (!n) {
		struct loc l = nloc(f, m);
		diag_add(f->sink, DIAG_ERROR, &l, "key-required",
		         "a behavior needs the key 'features' (a list, may be empty: [])");
	} else if (!ynode_is_null(n)) {
		b->features = str_list(f, n, "features", &b->nfeatures, &b->feature_locs);
		for (i = 0; i < b->nfeatures; i++)
			if (!config_feature(f->cfg, b->features[i]))
				taxo_unknown(f, &b->feature_locs[i], b->features[i],
				             f->cfg->features, f->cfg->nfeatures, "unknown-feature",
				             "feature");
	} else {
		type_err(f, n, "features", "a list (write [] for none)");
	}
	if ((n = require(f, m, "superhuman", "a behavior"))) {
		int v = ynode_bool(n);
		if (v < 0) {
			struct loc l = nloc(f, n);
			diag_add(f->sink, DIAG_ERROR, &l, "type-mismatch",
			         "'superhuman' must be true or false, not '%s'",
			         n->kind == YNODE_SCALAR ? n->str : ynode_kind_name(n));
		}
		b->superhuman = v;
	}
}

static void load_order(struct fm *f, const struct ynode *m, struct ranking *r);

static void load_ranking(struct fm *f, const struct ynode *m, struct ranking *r)
{
	static const char *const keys[] = {"by", "order"};
	const struct ynode *n;

	r->loc = nloc(f, m);
	if (m->kind != YNODE_MAP) {
		type_err(f, m, "rankings", "a list of mappings (by, order)");
		return;
	}
	check_keys(f, m, keys, 2, "a ranking");
	if ((n = require(f, m, "by", "a ranking"))) {
		const char *s = get_str(f, n, "by");
		r->by_loc = nloc(f, n);
		if (s && is_placeholder_handle(s)) {
			struct loc l = nloc(f, n);
			diag_add(f->sink, DIAG_ERROR, &l, "handle-format",
			         "ranker '%s' is a placeholder; a ranking records a real person's "
			         "(or a named process's) judgment",
			         s);
		} else if (s && !is_handle(s)) {
			struct loc l = nloc(f, n);
			diag_add(
			    f->sink, DIAG_ERROR, &l, "handle-format",
			    "ranker '%s' is not a valid handle (letters, digits, '_', '.', '-')",
			    s);
		} else {
			r->by = s;
		}
	}
	load_order(f, m, r);
}

/* The 'order' of ranking map m. */
static void load_order(struct fm *f, const struct ynode *m, struct ranking *r)
{
	const struct ynode *order;
	size_t i, j, k = 0, total = 0;

	order = require(f, m, "order", "a ranking");
	if (!order)
		return;
	r->order_loc = nloc(f, order);
	if (order->kind != YNODE_SEQ) {
		type_err(f, order, "order", "a list of behavior ids, best first");
		return;
	}
	for (i = 0; i < order->n; i++)
		total += order->items[i]->kind == YNODE_SEQ ? order->items[i]->n : 1;
	r->items = arena_alloc(&f->doc->arena, (total + 1) * sizeof(*r->items));
	r->valid = 1;
	for (i = 0; i < order->n; i++) {
		const struct ynode *it = order->items[i];

		if (it->kind == YNODE_SEQ) {
			if (!it->n) {
				struct loc l = nloc(f, it);
				diag_add(f->sink, DIAG_ERROR, &l, "type-mismatch",
				         "an empty tie group in 'order'; remove it");
				r->valid = 0;
			}
			for (j = 0; j < it->n; j++) {
				const struct ynode *e = it->items[j];
				if (!ynode_is_str(e)) {
					struct loc l = nloc(f, e);
					diag_add(
					    f->sink, DIAG_ERROR, &l, "type-mismatch",
					    "a tie group in 'order' holds behavior ids, not %s",
					    ynode_kind_name(e));
					r->valid = 0;
					continue;
				}
				r->items[k].id = e->str;
				r->items[k].loc = nloc(f, e);
				r->items[k].group = r->ngroups;
				k++;
			}
			if (it->n)
				r->ngroups++;
		} else if (ynode_is_str(it)) {
			r->items[k].id = it->str;
			r->items[k].loc = nloc(f, it);
			r->items[k].group = r->ngroups++;
			k++;
		} else {
			struct loc l = nloc(f, it);
			diag_add(
			    f->sink, DIAG_ERROR, &l, "type-mismatch",
			    "items of 'order' must be behavior ids or lists of tied ids, not %s",
			    ynode_kind_name(it));
			r->valid = 0;
		}
	}
	r->nitems = k;
}

static int is_spdx(const char *s)
{
	/* an SPDX license expression: ids joined by AND / OR / WITH, optional parens */
	const char *p = s;
	int need_id = 1;

	while (*p) {
		while (*p == ' ' || *p == '(' || *p == ')')
			p++;
		if (!*p)
			break;
		if (!need_id &&
		    (!strncmp(p, "AND ", 4) || !strncmp(p, "OR ", 3) || !strncmp(p, "WITH ", 5))) {
			p += p[0] == 'O' ? 3 : p[0] == 'A' ? 4 : 5;
			need_id = 1;
			continue;
		}
		if (!need_id)
			return 0;
		if (!isalnum((unsigned char)*p))
			return 0;
		while (isalnum((unsigned char)*p) || *p == '.' || *p == '-' || *p == '+')
			p++;
		need_id = 0;
	}
	return !need_id;
}

static void load_lint(struct fm *f, const struct ynode *n)
{
	static const char *const keys[] = {"disable", "reason"};
	const struct ynode *d, *r;

	f->doc->has_lint = 1;
	f->doc->lint_loc = nloc(f, n);
	if (n->kind != YNODE_MAP) {
		type_err(f, n, "lint", "a mapping {disable: [...], reason: \"...\"}");
		return;
	}
	check_keys(f, n, keys, 2, "'lint'");
	d = ynode_get(n, "disable");
	if (!d) {
		struct loc l = nloc(f, n);
		diag_add(f->sink, DIAG_ERROR, &l, "key-required",
		         "'lint' needs the key 'disable' (a list of rule ids)");
	} else {
		f->doc->disable =
		    str_list(f, d, "disable", &f->doc->ndisable, &f->doc->disable_locs);
	}
	r = ynode_get(n, "reason");
	if (r && ynode_is_str(r) && r->len)
		f->doc->disable_reason = r->str;
	else if (r && !ynode_is_null(r) && !ynode_is_str(r))
		type_err(f, r, "reason", "a string");
}

/* id: a slug equal to the file's name. */
static void load_id(struct fm *f, const struct ynode *root, const char *file_id)
{
	struct doc *doc = f->doc;
	const struct ynode *n;

	if ((n = require(f, root, "id", "front matter"))) {
		const char *s = get_str(f, n, "id");
		doc->id_loc = nloc(f, n);
		if (s && check_slug(f, n, s, "id")) {
			doc->id = s;
			if (strcmp(s, file_id)) {
				struct loc l = nloc(f, n);
				diag_add(f->sink, DIAG_ERROR, &l, "id-filename",
				         "id '%s' differs from the file name '%s'; rename one so "
				         "they match",
				         s, file_id);
			}
		}
	}
}

/* title: one line of 1 to 120 characters. */
static void load_title(struct fm *f, const struct ynode *root)
{
	struct doc *doc = f->doc;
	const struct ynode *n;

	if ((n = require(f, root, "title", "front matter"))) {
		const char *s = get_str(f, n, "title");
		doc->title_loc = nloc(f, n);
		if (s) {
			size_t cps = utf8_count(s, n->len);
			struct loc l = nloc(f, n);
			if (!cps || strspn(s, " \t") == n->len)
				diag_add(f->sink, DIAG_ERROR, &l, "title-format",
				         "the title is empty; write a one-line title");
			else if (memchr(s, '\n', n->len))
				diag_add(f->sink, DIAG_ERROR, &l, "title-format",
				         "the title spans several lines; keep it on one line");
			else if (cps > 120)
				diag_add(f->sink, DIAG_ERROR, &l, "title-format",
				         "the title has %zu characters; shorten it to at most 120",
				         cps);
			doc->title = s;
		}
	}
}

/* authors: real handles, at least one. */
static void load_authors(struct fm *f, const struct ynode *root)
{
	const struct ynode *n;

	if ((n = require(f, root, "authors", "front matter")))
		check_authors(f, n, &f->doc->authors, &f->doc->nauthors);
}

/* capabilities: taxonomy ids, at least one. */
static void load_capabilities(struct fm *f, const struct ynode *root)
{
	struct doc *doc = f->doc;
	const struct ynode *n;
	size_t i;

	if ((n = require(f, root, "capabilities", "front matter"))) {
		doc->capabilities =
		    str_list(f, n, "capabilities", &doc->ncapabilities, &doc->capability_locs);
		if (n->kind == YNODE_SEQ && !n->n) {
			struct loc l = nloc(f, n);
			diag_add(f->sink, DIAG_ERROR, &l, "key-required",
			         "'capabilities' is empty; name at least one capability");
		}
		for (i = 0; i < doc->ncapabilities; i++)
			if (!config_capability(f->cfg, doc->capabilities[i]))
				taxo_unknown(f, &doc->capability_locs[i], doc->capabilities[i],
				             f->cfg->capabilities, f->cfg->ncapabilities,
				             "unknown-capability", "capability");
	}
}

/* tags: optional slugs. */
static void load_tags(struct fm *f, const struct ynode *root)
{
	struct doc *doc = f->doc;
	const struct ynode *n;
	size_t i;

	if ((n = ynode_get(root, "tags")) && !ynode_is_null(n)) {
		struct loc *locs;
		doc->tags = str_list(f, n, "tags", &doc->ntags, &locs);
		for (i = 0; i < doc->ntags; i++)
			if (!is_id(doc->tags[i]))
				diag_add(f->sink, DIAG_ERROR, &locs[i], "id-format",
				         "tag '%s' is not a lowercase slug (letters a-z, digits, "
				         "single hyphens)",
				         doc->tags[i]);
	}
}

/* behaviors: enough of them, ids unique, both labels present. */
static void load_behaviors(struct fm *f, const struct ynode *root)
{
	struct doc *doc = f->doc;
	const struct ynode *n;
	int nd = 0, nu = 0;
	size_t i, j;

	if ((n = require(f, root, "behaviors", "front matter"))) {
		doc->behaviors_loc = nloc(f, n);
		if (n->kind != YNODE_SEQ) {
			type_err(f, n, "behaviors", "a list of mappings");
		} else {
			doc->behaviors =
			    arena_alloc(&doc->arena, (n->n + 1) * sizeof(*doc->behaviors));
			doc->nbehaviors = n->n;
			for (i = 0; i < n->n; i++)
				load_behavior(f, n->items[i], &doc->behaviors[i], NULL);
			for (i = 0; i < doc->nbehaviors; i++) {
				struct behavior *b = &doc->behaviors[i];
				if (b->label == LABEL_DESIRABLE)
					nd++;
				else if (b->label == LABEL_UNDESIRABLE)
					nu++;
				for (j = 0; j < i && b->id; j++) {
					if (doc->behaviors[j].id &&
					    !strcmp(doc->behaviors[j].id, b->id)) {
						diag_add(f->sink, DIAG_ERROR, &b->id_loc,
						         "behavior-duplicate",
						         "behavior id '%s' is used twice; give "
						         "each behavior its own id",
						         b->id);
						diag_note(f->sink, "first used at %d:%d",
						          doc->behaviors[j].id_loc.line,
						          doc->behaviors[j].id_loc.col);
						b->id = NULL;
						break;
					}
				}
			}
			if ((long)n->n < f->cfg->min_behaviors) {
				struct loc l = nloc(f, n);
				diag_add(f->sink, DIAG_ERROR, &l, "behaviors-too-few",
				         "%zu behavior%s; the policy asks for at least %ld", n->n,
				         n->n == 1 ? "" : "s", f->cfg->min_behaviors);
			}
			if (n->n && (!nd || !nu)) {
				struct loc l = nloc(f, n);
				diag_add(f->sink, DIAG_ERROR, &l, "behaviors-one-sided",
				         "no %s behavior; include at least one desirable and one "
				         "undesirable",
				         !nd ? "desirable" : "undesirable");
			}
		}
	}
}

/* rankings: at least one. */
static void load_rankings(struct fm *f, const struct ynode *root)
{
	struct doc *doc = f->doc;
	const struct ynode *n;
	size_t i;

	if ((n = require(f, root, "rankings", "front matter"))) {
		doc->rankings_loc = nloc(f, n);
		if (n->kind != YNODE_SEQ) {
			type_err(f, n, "rankings", "a list of mappings (by, order)");
		} else if (!n->n) {
			struct loc l = nloc(f, n);
			diag_add(f->sink, DIAG_ERROR, &l, "key-required",
			         "'rankings' is empty; add at least one ranking");
		} else {
			doc->rankings =
			    arena_alloc(&doc->arena, (n->n + 1) * sizeof(*doc->rankings));
			doc->nrankings = n->n;
			for (i = 0; i < n->n; i++)
				load_ranking(f, n->items[i], &doc->rankings[i]);
		}
	}
}

/*
 * quest, turn and chosen: all three or none, only in a quest directory,
 * matching the directory and the file name's turn prefix.
 */
/* status: directory-form quest turns only (docs/format.md 2.3) */
static void load_status(struct fm *f, const struct ynode *root, int in_quest)
{
	static const char *const statuses[] = {"proposing", "ranking", "resolved"};
	struct doc *doc = f->doc;
	const struct ynode *st = doc->dir_form ? ynode_get(root, "status") : NULL;
	const char *v;

	if (st) {
		doc->status_loc = nloc(f, st);
		check_enum(f, st, "status", statuses, 3, &v);
		if (v)
			doc->status = v[0] == 'p'   ? STATUS_PROPOSING
			              : v[1] == 'a' ? STATUS_RANKING
			                            : STATUS_RESOLVED;
		if (!in_quest)
			diag_add(f->sink, DIAG_ERROR, &doc->status_loc, "quest-keys",
			         "'status' is for quest turns only; remove it");
	} else if (doc->dir_form && in_quest) {
		struct loc l = nloc(f, root);
		diag_add(f->sink, DIAG_ERROR, &l, "key-required",
		         "a quest turn in the directory form needs the key 'status' (proposing, "
		         "ranking or resolved); add it");
	}
}

/*
 * In the directory form, scenario.md has no behaviors or rankings: each is
 * a file of its own. Its keys: those of a scenario file, and status.
 */
static void check_dir_keys(struct fm *f, const struct ynode *root)
{
	static const char *const dir_keys[] = {
	    "id",    "title", "authors", "origin", "capabilities", "tags",      "license", "split",
	    "quest", "turn",  "chosen",  "status", "lint",         "behaviors", "rankings"};
	size_t i;

	for (i = 0; i < root->n; i++) {
		const struct ynode *k = ynode_key(root, i);
		struct loc l = nloc(f, k);
		if (!ynode_is_str(k) || (strcmp(k->str, "behaviors") && strcmp(k->str, "rankings")))
			continue;
		diag_add(f->sink, DIAG_ERROR, &l, "key-unknown",
		         "'%s' is not a key of scenario.md in the directory form; put each %s in "
		         "its own file, %s",
		         k->str, k->str[0] == 'b' ? "behavior" : "ranking",
		         k->str[0] == 'b' ? "behaviors/<behavior-id>.md"
		                          : "rankings/<handle>.yaml");
	}
	/* (the two just reported are in dir_keys, so not reported again) */
	check_keys(f, root, dir_keys, sizeof(dir_keys) / sizeof(dir_keys[0]), "scenario.md");
}

static void load_quest(struct fm *f, const struct ynode *root, int in_quest, const char *quest_dir,
                       long file_turn)
{
	struct doc *doc = f->doc;
	const struct ynode *q = ynode_get(root, "quest");
	const struct ynode *t = ynode_get(root, "turn");
	const struct ynode *c = ynode_get(root, "chosen");
	int have = !!q + !!t + !!c;

	load_status(f, root, in_quest);
	/* an unresolved turn has no chosen behavior yet */
	if (doc->dir_form && in_quest && !c && doc->status != STATUS_RESOLVED)
		have += have == 2 && q && t;
	if (have && have < 3) {
		struct loc l = nloc(f, q ? q : t ? t : c);
		diag_add(f->sink, DIAG_ERROR, &l, "quest-keys",
		         "a quest turn needs all of 'quest', 'turn' and 'chosen'; add the "
		         "missing %s",
		         !q   ? "'quest'"
		         : !t ? "'turn'"
		              : "'chosen'");
	}
	if (have && !in_quest) {
		struct loc l = nloc(f, q ? q : t ? t : c);
		diag_add(f->sink, DIAG_ERROR, &l, "quest-keys",
		         "quest keys outside a quest directory; move the file to "
		         "corpus/quests/<quest>/<NN>-<id>.md");
	}
	if (!have && in_quest) {
		struct loc l = nloc(f, root);
		diag_add(f->sink, DIAG_ERROR, &l, "quest-keys", "%s",
		         doc->dir_form
		             ? "a directory under quests/ is a quest turn; add 'quest', "
		               "'turn' and 'status'"
		             : "a file under quests/ is a quest turn; add 'quest', 'turn' "
		               "and 'chosen'");
	}
	if (q) {
		const char *s = get_str(f, q, "quest");
		doc->quest_loc = nloc(f, q);
		if (s && check_slug(f, q, s, "quest id")) {
			doc->quest = s;
			if (in_quest && strcmp(s, quest_dir))
				diag_add(f->sink, DIAG_ERROR, &doc->quest_loc, "quest-keys",
				         "quest '%s' differs from its directory '%s'; move "
				         "the file or fix the key",
				         s, quest_dir);
		}
	}
	if (t) {
		long v;
		doc->turn_loc = nloc(f, t);
		if (ynode_uint(t, &v) < 0 || v < 1 || v > 99) {
			diag_add(f->sink, DIAG_ERROR, &doc->turn_loc, "type-mismatch",
			         "'turn' must be a whole number from 1 to 99, not '%s'",
			         t->kind == YNODE_SCALAR ? t->str : ynode_kind_name(t));
		} else {
			doc->turn = v;
			if (in_quest && file_turn != v)
				diag_add(f->sink, DIAG_ERROR, &doc->turn_loc, "quest-keys",
				         "turn %ld differs from the file name's prefix "
				         "%02ld; rename the file or fix the key",
				         v, file_turn);
		}
	}
	if (c) {
		const char *s = get_str(f, c, "chosen");
		doc->chosen_loc = nloc(f, c);
		if (s) {
			doc->chosen = s;
			if (doc->nbehaviors && doc_behavior_index(doc, s) < 0)
				diag_add(f->sink, DIAG_ERROR, &doc->chosen_loc,
				         "quest-chosen-unknown",
				         "chosen '%s' is not a behavior of this scenario", s);
		}
	}
}

static void load_fields(struct fm *f, const struct ynode *root)
{
	static const char *const keys[] = {
	    "id",    "title",     "authors",  "origin", "capabilities", "tags",   "license",
	    "split", "behaviors", "rankings", "quest",  "turn",         "chosen", "lint"};
	static const char *const origins[] = {"human", "model-assisted", "model"};
	static const char *const splits[] = {"train", "validation", "test"};
	struct doc *doc = f->doc;
	const struct ynode *n;
	char file_id[256], quest_dir[256];
	long file_turn;
	int in_quest;

	if (doc->dir_form)
		check_dir_keys(f, root);
	else
		check_keys(f, root, keys, sizeof(keys) / sizeof(keys[0]), "front matter");
	frontmatter_file_id(doc->path, file_id, sizeof(file_id), &file_turn, &in_quest, quest_dir,
	                    sizeof(quest_dir));
	load_id(f, root, file_id);
	load_title(f, root);
	load_authors(f, root);
	if ((n = require(f, root, "origin", "front matter")))
		check_enum(f, n, "origin", origins, 3, &doc->origin);
	load_capabilities(f, root);
	load_tags(f, root);
	if ((n = ynode_get(root, "license"))) {
		const char *s = get_str(f, n, "license");
		if (s && !is_spdx(s)) {
			struct loc l = nloc(f, n);
			diag_add(f->sink, DIAG_ERROR, &l, "license-invalid",
			         "license '%s' is not an SPDX license id (e.g. CC-BY-4.0)", s);
		} else {
			doc->license = s;
		}
	}
	if ((n = ynode_get(root, "split"))) {
		doc->split_loc = nloc(f, n);
		check_enum(f, n, "split", splits, 3, &doc->split);
	}

	if (!doc->dir_form) {
		load_behaviors(f, root);
		load_rankings(f, root);
	}
	load_quest(f, root, in_quest, quest_dir, file_turn);
	if ((n = ynode_get(root, "lint")))
		load_lint(f, n);
}

/*
 * Find and parse the front matter of the text src[start..end), which starts
 * at line first_line of src: "---", the YAML, "---". Returns 1 with *root,
 * *body_off and *body_line set; -1 when the block was found but is not a
 * YAML mapping (*body_off set); 0 when there is no block (all reported).
 */
static int parse_block(struct doc *doc, size_t start, size_t end_off, int first_line,
                       struct diag_sink *sink, struct ynode **root_out, size_t *body_off,
                       int *body_line)
{
	const char *s = doc->src + start, *end = doc->src + end_off, *p, *close = NULL;
	struct ytree_opts o;
	struct ynode *root;
	int line = first_line + 1, failed;
	size_t fm_start;
	struct loc top = {doc->path, first_line, 1};

	/* line 1 must be exactly '---' (trailing blanks and a CR tolerated) */
	p = s;
	if ((size_t)(end - p) < 3 || memcmp(p, "---", 3)) {
		diag_add(sink, DIAG_ERROR, &top, "frontmatter-missing",
		         "the file must start with a '---' line opening the YAML front matter");
		return 0;
	}
	p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p < end && *p != '\n') {
		diag_add(sink, DIAG_ERROR, &top, "frontmatter-missing",
		         "the first line must be exactly '---' to open the front matter");
		return 0;
	}
	fm_start = p < end ? (size_t)(p + 1 - doc->src) : end_off;
	p = doc->src + fm_start;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *q = p + 3;

		if (le - p >= 3 && !memcmp(p, "---", 3)) {
			while (q < le && (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			if (q == le) {
				close = p;
				break;
			}
		}
		if (!nl)
			break;
		p = nl + 1;
		line++;
	}
	if (!close) {
		diag_add(sink, DIAG_ERROR, &top, "frontmatter-unterminated",
		         "the front matter opened here has no closing '---' line; add one after "
		         "the YAML");
		return 0;
	}
	{
		const char *nl = memchr(close, '\n', (size_t)(end - close));
		*body_off = nl ? (size_t)(nl + 1 - doc->src) : end_off;
		*body_line = line + 1;
	}
	if ((size_t)(close - doc->src) - fm_start > FRONTMATTER_MAX) {
		diag_add(sink, DIAG_ERROR, &top, "frontmatter-too-large",
		         "the front matter is %zu bytes; the limit is %d",
		         (size_t)(close - doc->src) - fm_start, FRONTMATTER_MAX);
		return 0;
	}
	memset(&o, 0, sizeof(o));
	o.path = doc->path;
	o.line_offset = first_line;
	o.arena = &doc->arena;
	o.sink = sink;
	root = ytree_parse(doc->src + fm_start, (size_t)(close - doc->src) - fm_start, &o, &failed);
	if (failed || !root || root->kind != YNODE_MAP) {
		if (!failed) {
			struct loc l = {doc->path, root ? root->line : first_line + 1,
			                root ? root->col : 1};
			diag_add(sink, DIAG_ERROR, &l, "frontmatter-not-mapping",
			         "the front matter must be a YAML mapping of keys (%s)",
			         doc->dir_form && first_line > 1 ? "label, features, ..."
			                                         : "id, title, ...");
		}
		return -1;
	}
	*root_out = root;
	return 1;
}

void frontmatter_check(struct doc *doc, size_t start, const struct config *cfg,
                       struct diag_sink *sink)
{
	struct fm f = {doc, cfg, sink};
	struct ynode *root = NULL;
	size_t end = doc->dir_form && doc->body_end ? doc->body_end : doc->len;
	int ok = parse_block(doc, start, end, 1, sink, &root, &doc->body_off, &doc->body_line);

	/* -1: an incomplete tree would give false findings; the body is still checked */
	doc->fm_ok = ok;
	if (ok != 1)
		return;
	doc->fm = root;
	load_fields(&f, root);
}

int frontmatter_behavior_file(struct doc *doc, struct behavior *b, const char *id,
                              const struct doc_piece *pc, const struct config *cfg,
                              struct diag_sink *sink, size_t *body_off)
{
	struct fm f = {doc, cfg, sink};
	struct ynode *root = NULL;
	int body_line, ok;

	b->thought_words = -1;
	b->label = LABEL_NONE;
	b->superhuman = -1;
	b->id = id;
	b->loc.path = doc->path;
	b->loc.line = pc->first_line;
	b->loc.col = 1;
	b->id_loc = b->loc;
	ok = parse_block(doc, pc->off, pc->off + pc->len, pc->first_line, sink, &root, body_off,
	                 &body_line);
	if (ok != 1)
		return 0;
	load_behavior(&f, root, b, id);
	return 1;
}

void frontmatter_ranking_file(struct doc *doc, struct ranking *r, const char *handle,
                              const struct doc_piece *pc, struct diag_sink *sink)
{
	static const char *const keys[] = {"order", "note"};
	struct fm f = {doc, NULL, sink};
	struct ytree_opts o;
	struct ynode *root, *n;
	int failed;

	r->loc.path = doc->path;
	r->loc.line = pc->first_line;
	r->loc.col = 1;
	r->by_loc = r->loc;
	if (is_placeholder_handle(handle)) {
		diag_add(sink, DIAG_ERROR, &r->loc, "handle-format",
		         "ranker '%s' is a placeholder; name the file rankings/<your-handle>.yaml",
		         handle);
	} else if (!is_handle(handle)) {
		diag_add(sink, DIAG_ERROR, &r->loc, "handle-format",
		         "ranker '%s' (the file's name) is not a valid handle (letters, digits, "
		         "'_', '.', '-')",
		         handle);
	} else {
		r->by = handle;
	}
	memset(&o, 0, sizeof(o));
	o.path = doc->path;
	o.line_offset = pc->first_line - 1;
	o.arena = &doc->arena;
	o.sink = sink;
	root = ytree_parse(doc->src + pc->off, pc->len, &o, &failed);
	if (failed)
		return;
	if (!root || root->kind != YNODE_MAP) {
		diag_add(sink, DIAG_ERROR, &r->loc, "frontmatter-not-mapping",
		         "a ranking file is a YAML mapping: 'order: [best, ..., worst]' and an "
		         "optional 'note'");
		return;
	}
	r->loc.line = root->line;
	r->loc.col = root->col;
	check_keys(&f, root, keys, 2, "a ranking file");
	if ((n = ynode_get(root, "note")) && !ynode_is_null(n) && !ynode_is_str(n))
		type_err(&f, n, "note", "a string");
	load_order(&f, root, r);
}
