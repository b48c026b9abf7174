/*
 * corpus_checks: the checks that compare files with each other, run once
 * every file is checked (lint_finish()). They read what the lint kept of
 * each file (lt->entries, lt->extras sorted by index, the near-duplicate
 * signatures) and add their findings to lt->sink.
 *
 * To add one, write `static void check_<name>(struct lint *lt)` and add its
 * row to corpus_checks[] below.
 */
#include "corpus_checks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "frontmatter.h"
#include "ruleinfo.h"
#include "xalloc.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Where file i's id is; the path goes into sb. */
static struct loc id_loc(const struct lint *lt, size_t i, struct strbuf *sb)
{
	struct loc l;

	strbuf_reset(sb);
	l.path = lint_path(lt, i, sb);
	l.line = lt->entries[i].id_line;
	l.col = lt->entries[i].id_col;
	if (!l.line)
		l.line = l.col = 1;
	return l;
}

static int cmp_extra(const void *a, const void *b)
{
	const struct lint_extra *x = *(const struct lint_extra *const *)a;
	const struct lint_extra *y = *(const struct lint_extra *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* File i's extra (lt->extras sorted), or NULL. */
static struct lint_extra *find_extra(const struct lint *lt, size_t i)
{
	size_t lo = 0, hi = lt->nextras;

	if (!lt->entries[i].has_extra)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lt->extras[mid]->index == i)
			return lt->extras[mid];
		if (lt->extras[mid]->index < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The id of file i: its extra's, or its file's name (into buf); NULL: none. */
static const char *entry_id(const struct lint *lt, size_t i, char buf[256])
{
	const struct lint_extra *x = find_extra(lt, i);
	char quest_dir[256];
	long turn;
	int in_quest;

	if (x && x->id)
		return x->id;
	struct strbuf path = STRBUF_INIT;

	if (!lt->entries[i].id_is_name)
		return NULL;
	frontmatter_file_id(lint_path(lt, i, &path), buf, 256, &turn, &in_quest, quest_dir,
	                    sizeof(quest_dir));
	strbuf_release(&path);
	return buf;
}

static uint64_t id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* An id met more than once among the hashes: compared for real. */
struct id_dup {
	size_t i;
	const char *id, *path;
};

static int cmp_id_dup(const void *a, const void *b)
{
	const struct id_dup *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/*
 * Ids used twice. Ids are mostly file names, not kept: sort keys of a
 * 32-bit hash above the file's index, in place, then compare the real ids
 * (and sort by id and path) only within a group of equal hashes.
 */
static void check_duplicate_ids(struct lint *lt)
{
	uint64_t *v = xmalloc((lt->nentries + 1) * sizeof(*v));
	struct strbuf pk = STRBUF_INIT, pf = STRBUF_INIT;
	size_t n = 0, i, j, k;
	char buf[256];

	for (i = 0; i < lt->nentries; i++) {
		const char *id = entry_id(lt, i, buf);
		if (!id)
			continue;
		v[n++] = (id_hash(id) & 0xFFFFFFFF00000000ULL) | (uint32_t)i;
	}
	qsort(v, n, sizeof(*v), cmp_u64);
	for (i = 0; i < n; i = j) {
		struct arena ids = ARENA_INIT;
		struct id_dup *g;

		for (j = i + 1; j < n && v[j] >> 32 == v[i] >> 32; j++)
			;
		if (j - i < 2)
			continue;
		g = xmalloc((j - i) * sizeof(*g));
		for (k = 0; k < j - i; k++) {
			struct strbuf path = STRBUF_INIT;
			g[k].i = (uint32_t)v[i + k];
			g[k].id = arena_strdup(&ids, entry_id(lt, g[k].i, buf));
			struct strbuf shown = STRBUF_INIT;
			g[k].path = arena_strdup(
			    &ids, lint_shown_path(lint_path(lt, g[k].i, &path), &shown));
			strbuf_release(&shown);
			strbuf_release(&path);
		}
		qsort(g, j - i, sizeof(*g), cmp_id_dup);
		for (k = 1; k < j - i; k++) {
			size_t first = k - 1;
			struct loc lk, lf;

			if (strcmp(g[k].id, g[k - 1].id))
				continue;
			while (first > 0 && !strcmp(g[first - 1].id, g[k].id))
				first--;
			lk = id_loc(lt, g[k].i, &pk);
			lf = id_loc(lt, g[first].i, &pf);
			diag_add(&lt->sink, DIAG_ERROR, &lk, "id-duplicate",
			         "id '%s' is also used by %s:%d:%d; ids must be unique across the "
			         "corpus",
			         g[k].id, g[first].path, lf.line, lf.col);
			if (first == k - 1)
				diag_add(&lt->sink, DIAG_ERROR, &lf, "id-duplicate",
				         "id '%s' is also used by %s:%d:%d; ids must be unique "
				         "across the corpus",
				         g[k].id, g[k].path, lk.line, lk.col);
		}
		free(g);
		arena_release(&ids);
	}
	strbuf_release(&pk);
	strbuf_release(&pf);
	free(v);
}

static int cmp_entry_quest(const void *a, const void *b)
{
	const struct lint_extra *const *x = a, *const *y = b;
	int c = strcmp((*x)->quest, (*y)->quest);

	if (c)
		return c;
	if ((*x)->turn != (*y)->turn)
		return (*x)->turn < (*y)->turn ? -1 : 1;
	return strcmp((*x)->turn_loc.path, (*y)->turn_loc.path);
}

static void check_quests(struct lint *lt)
{
	struct lint_extra **v = xmalloc((lt->nextras + 1) * sizeof(*v));
	size_t n = 0, i, j, k;

	for (i = 0; i < lt->nextras; i++)
		if (lt->extras[i]->quest && lt->extras[i]->turn > 0)
			v[n++] = lt->extras[i];
	qsort(v, n, sizeof(*v), cmp_entry_quest);
	for (i = 0; i < n; i = j) {
		long expect = 1;
		const char *qsplit = config_split(&lt->cfg, v[i]->quest);

		for (j = i; j < n && !strcmp(v[j]->quest, v[i]->quest); j++)
			;
		/*
		 * An episode never straddles splits: a pin must hold for every
		 * turn. When turns disagree, the pins are what to fix.
		 */
		{
			int differ = 0;
			const char *first = v[i]->split ? v[i]->split : qsplit;
			for (k = i; k < j; k++)
				if (strcmp(v[k]->split ? v[k]->split : qsplit, first))
					differ = 1;
			for (k = i; differ && k < j; k++)
				if (v[k]->split)
					diag_add(&lt->sink, DIAG_ERROR, &v[k]->turn_loc,
					         "quest-split",
					         "turn %ld of quest '%s' pins split '%s' but other "
					         "turns are in another split; "
					         "pin the same split on every turn of a quest, or "
					         "on none",
					         v[k]->turn, v[k]->quest, v[k]->split);
		}
		for (k = i; k < j; k++) {
			if (k > i && v[k]->turn == v[k - 1]->turn) {
				struct strbuf sp = STRBUF_INIT;
				diag_add(&lt->sink, DIAG_ERROR, &v[k]->turn_loc, "quest-turns",
				         "quest '%s' has two turns numbered %ld (also %s); "
				         "renumber them",
				         v[k]->quest, v[k]->turn,
				         lint_shown_path(v[k - 1]->turn_loc.path, &sp));
				strbuf_release(&sp);
				continue;
			}
			if (v[k]->turn != expect)
				diag_add(&lt->sink, DIAG_ERROR, &v[k]->turn_loc, "quest-turns",
				         "quest '%s' jumps to turn %ld; turn %ld is missing (turns "
				         "run 1..n without gaps)",
				         v[k]->quest, v[k]->turn, expect);
			expect = v[k]->turn + 1;
			/* an open turn before the last is check_open_turns()'s finding */
			if (k + 1 < j && !lt->entries[v[k]->index].has_consequences &&
			    lt->entries[v[k]->index].usable && !v[k]->unresolved)
				diag_add(
				    &lt->sink, DIAG_ERROR, &v[k]->turn_loc, "consequences-missing",
				    "turn %ld of quest '%s' is not the last but has no '## "
				    "Consequences'; write what follows from the chosen behavior",
				    v[k]->turn, v[k]->quest);
		}
	}
	free(v);
}

static void neardup_found(void *arg, size_t i, size_t j, double sim)
{
	struct lint *lt = arg;
	struct strbuf pa = STRBUF_INIT, pb = STRBUF_INIT;
	struct loc la = id_loc(lt, i, &pa), lb = id_loc(lt, j, &pb);

	struct strbuf sa = STRBUF_INIT, sb = STRBUF_INIT;

	diag_add(&lt->sink, DIAG_WARNING, &lb, "near-duplicate",
	         "scenario is %.0f%% similar to %s; merge the two or make them distinct", sim * 100,
	         lint_shown_path(la.path, &sa));
	diag_add(&lt->sink, DIAG_WARNING, &la, "near-duplicate",
	         "scenario is %.0f%% similar to %s; merge the two or make them distinct", sim * 100,
	         lint_shown_path(lb.path, &sb));
	strbuf_release(&pa);
	strbuf_release(&pb);
	strbuf_release(&sa);
	strbuf_release(&sb);
}

/*
 * Only a quest's last turn may be unresolved (docs/format.md 2.3): a
 * directory-form turn still proposing or ranking with a later turn.
 */
static void check_open_turns(struct lint *lt)
{
	size_t i, j;

	for (i = 0; i < lt->nextras; i++) {
		const struct lint_extra *x = lt->extras[i];
		long next = 0;

		if (!x->quest || !x->unresolved || x->turn < 1)
			continue;
		for (j = 0; j < lt->nextras; j++) {
			const struct lint_extra *y = lt->extras[j];
			if (y->quest && !strcmp(y->quest, x->quest) && y->turn > x->turn &&
			    (!next || y->turn < next))
				next = y->turn;
		}
		if (next)
			diag_add(
			    &lt->sink, DIAG_ERROR, &x->turn_loc, "quest-status",
			    "turn %ld of quest '%s' is still open but turn %ld follows; only a "
			    "quest's last turn may be unresolved: resolve it first",
			    x->turn, x->quest, next);
	}
}

static void check_suppressions(struct lint *lt)
{
	size_t i, k;

	for (i = 0; i < lt->nextras; i++) {
		struct lint_extra *e = lt->extras[i];

		if (!e->lint_loc.line)
			continue;
		if (!e->has_reason)
			diag_add(&lt->sink, DIAG_ERROR, &e->lint_loc, "suppression-reason",
			         "a lint suppression needs a reason; add reason: \"why this file "
			         "is an exception\"");
		for (k = 0; k < e->ndisable; k++) {
			if (!ruleinfo_find(e->disable[k])) {
				const char *sug = ruleinfo_suggest(e->disable[k]);
				if (sug)
					diag_add(
					    &lt->sink, DIAG_ERROR, &e->disable_locs[k],
					    "suppression-unknown",
					    "cannot suppress unknown rule '%s'; did you mean '%s'?",
					    e->disable[k], sug);
				else
					diag_add(&lt->sink, DIAG_ERROR, &e->disable_locs[k],
					         "suppression-unknown",
					         "cannot suppress unknown rule '%s'; see 'corpusc "
					         "explain'",
					         e->disable[k]);
			} else if (!e->disable_used[k]) {
				diag_add(&lt->sink, DIAG_ERROR, &e->disable_locs[k],
				         "suppression-unused",
				         "suppression of '%s' suppresses nothing; remove it",
				         e->disable[k]);
			}
		}
	}
}

#define SIG_PAGE 256

/* Signature i for neardup_pairs(): from memory, or a page of them from disk. */
static const struct neardup_sig *get_sig(void *arg, size_t i)
{
	static const struct neardup_sig unread = {{0}, 1};
	struct lint *lt = arg;
	ssize_t got;

	if (lt->sig_fd < 0)
		return &lt->sigs[i];
	if (!lt->sig_page)
		lt->sig_page = xmalloc(SIG_PAGE * sizeof(*lt->sig_page));
	if (i < lt->sig_page_first || i >= lt->sig_page_first + lt->sig_page_n) {
		lt->sig_page_first = i - i % SIG_PAGE;
		got = pread(lt->sig_fd, lt->sig_page, SIG_PAGE * sizeof(*lt->sig_page),
		            (off_t)(lt->sig_page_first * sizeof(*lt->sig_page)));
		lt->sig_page_n = got > 0 ? (size_t)got / sizeof(*lt->sig_page) : 0;
		if (i >= lt->sig_page_first + lt->sig_page_n)
			return &unread; /* a failed write was reported for it */
	}
	return &lt->sig_page[i - lt->sig_page_first];
}

/* Files with similar text (neardup.h), on the signatures the lint kept. */
static void check_near_duplicates(struct lint *lt)
{
	neardup_pairs(lt->nentries, get_sig, lt, lt->cfg.near_duplicate, neardup_found, lt);
	free(lt->sig_page);
	lt->sig_page = NULL;
}

/* The policy's max_shortcut: strong shortcuts (audit.h) are warnings. */
static void check_shortcuts(struct lint *lt)
{
	audit_run(lt->audit);
	audit_warn(lt->audit, &lt->cfg, &lt->sink);
}

struct corpus_check {
	const char *rules; /* the rule ids it reports */
	void (*fn)(struct lint *lt);
	int suppressible; /* its findings obey the files' suppressions */
};

/* In order; the suppressible ones run before the suppressions are applied. */
static const struct corpus_check corpus_checks[] = {
    {"id-duplicate", check_duplicate_ids, 1},
    {"quest-turns quest-split consequences-missing", check_quests, 1},
    {"quest-status", check_open_turns, 1},
    {"near-duplicate", check_near_duplicates, 1},
    {"shortcut-position shortcut-source-position shortcut-length shortcut-thought-length "
     "shortcut-lexical",
     check_shortcuts, 0},
    {"suppression-reason suppression-unknown suppression-unused", check_suppressions, 0},
};

void corpus_checks_run(struct lint *lt)
{
	size_t before = lt->sink.nr, i, k;

	/* the workers added them in any order */
	if (lt->nextras > 1)
		qsort(lt->extras, lt->nextras, sizeof(*lt->extras), cmp_extra);
	for (k = 0; k < sizeof(corpus_checks) / sizeof(corpus_checks[0]); k++)
		if (corpus_checks[k].suppressible)
			corpus_checks[k].fn(lt);
	/* corpus-wide findings obey each file's suppressions too */
	for (i = 0; i < lt->nextras; i++)
		lint_suppress(lt->extras[i], lt->extras[i]->path, &lt->sink, before);
	for (k = 0; k < sizeof(corpus_checks) / sizeof(corpus_checks[0]); k++)
		if (!corpus_checks[k].suppressible)
			corpus_checks[k].fn(lt);
}
