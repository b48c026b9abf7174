/*
 * cmd_quest: `corpusc quest [QUEST...]` (docs/format.md 4.3): per quest, its
 * turns, and for the open turn its status, its behaviors with their
 * authors, the rankings received, the current consensus and agreement, and
 * the next step of the game.
 *
 * It lints the corpus (without printing the findings) and keeps what each
 * quest turn's doc says as the workers hand it over.
 */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lint.h"
#include "strbuf.h"
#include "xalloc.h"

struct turn_info {
	char *quest, *id, *path, *chosen;
	long turn;
	enum turn_status status; /* STATUS_NONE: a file-form turn (resolved) */
	int had_error;
	size_t nbehaviors, nrankings;
	char *behaviors;  /* "id (authors), ..." */
	char *rankers;    /* "a, b" */
	char *consensus;  /* "a > [b, c] > d", or NULL */
	char *top;        /* the consensus top when it is one behavior, or NULL */
	double agreement; /* NAN: one ranker or none */
};

struct quest_state {
	pthread_mutex_t mu;
	struct turn_info *v;
	size_t n, alloc;
};

static const char usage_text[] =
    "usage: corpusc quest [--rules=<dir>] [<quest>...]\n"
    "\n"
    "Show the state of each quest (default: every quest in corpus/): its turns\n"
    "and, for the open turn, its status, the proposed behaviors and their\n"
    "authors, the rankings received, the current consensus and agreement, and\n"
    "the next step of the game.\n"
    "\n"
    "    --rules <dir>  read taxonomy, policy and rules from <dir>\n"
    "    -h, --help     show this help\n"
    "\n"
    "exit status: 0 shown, 2 usage error, unknown quest or I/O error\n";

static void authors_of(struct strbuf *sb, const struct doc *doc, const struct behavior *b)
{
	const char **a = b->nauthors ? b->authors : doc->authors;
	size_t n = b->nauthors ? b->nauthors : doc->nauthors, i;

	strbuf_addstr(sb, " (");
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", a[i]);
	strbuf_addstr(sb, ")");
}

static void on_doc(void *arg, size_t index, struct doc *doc, int had_error)
{
	struct quest_state *st = arg;
	struct turn_info t;
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int g;

	(void)index;
	if (!doc || !doc->quest || doc->turn < 1)
		return;
	memset(&t, 0, sizeof(t));
	t.quest = xstrdup(doc->quest);
	t.id = xstrdup(doc->id ? doc->id : "?");
	t.path = xstrdup(doc->path);
	t.chosen = doc->chosen ? xstrdup(doc->chosen) : NULL;
	t.turn = doc->turn;
	t.status = doc->status;
	t.had_error = had_error;
	t.nbehaviors = doc->nbehaviors;
	t.nrankings = doc->nrankings;
	for (i = 0; i < doc->nbehaviors; i++) {
		const struct behavior *b = &doc->behaviors[i];
		strbuf_addf(&sb, "%s%s", i ? ", " : "", b->id ? b->id : "?");
		authors_of(&sb, doc, b);
	}
	t.behaviors = strbuf_detach(&sb, NULL);
	strbuf_init(&sb, 0);
	for (i = 0; i < doc->nrankings; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "",
		            doc->rankings[i].by ? doc->rankings[i].by : "?");
	t.rankers = strbuf_detach(&sb, NULL);
	t.agreement = NAN;
	if (doc->nconsensus_groups) {
		strbuf_init(&sb, 0);
		for (g = 0; g < doc->nconsensus_groups; g++) {
			size_t k = 0;
			struct strbuf grp = STRBUF_INIT;

			for (i = 0; i < doc->nbehaviors; i++)
				if (doc->consensus[i] == g) {
					strbuf_addf(&grp, "%s%s", k++ ? ", " : "",
					            doc->behaviors[i].id);
					if (!g)
						t.top =
						    k == 1 ? xstrdup(doc->behaviors[i].id) : t.top;
				}
			if (k > 1 && !g) {
				free(t.top);
				t.top = NULL;
			}
			strbuf_addf(&sb, "%s%s%s%s", g ? " > " : "", k > 1 ? "[" : "", grp.buf,
			            k > 1 ? "]" : "");
			strbuf_release(&grp);
		}
		t.consensus = strbuf_detach(&sb, NULL);
		t.agreement = doc->agreement;
	}
	strbuf_release(&sb);
	pthread_mutex_lock(&st->mu);
	XGROW(st->v, st->alloc, st->n + 1);
	st->v[st->n++] = t;
	pthread_mutex_unlock(&st->mu);
}

static int cmp_turn(const void *a, const void *b)
{
	const struct turn_info *x = a, *y = b;
	int c = strcmp(x->quest, y->quest);

	if (c)
		return c;
	if (x->turn != y->turn)
		return x->turn < y->turn ? -1 : 1;
	return strcmp(x->path, y->path);
}

static const char *status_word(const struct turn_info *t)
{
	switch (t->status) {
	case STATUS_PROPOSING:
		return "proposing";
	case STATUS_RANKING:
		return "ranking";
	default:
		return "resolved";
	}
}

/* The path of the scenario relative to corpus/, as `new` takes it. */
static const char *ref_of(const char *path)
{
	const char *p = strstr(path, "corpus/");

	return p ? p + 7 : path;
}

static void print_next(const struct turn_info *t, const struct config *cfg, int last)
{
	struct strbuf ref = STRBUF_INIT;

	strbuf_addstr(&ref, ref_of(t->path));
	if (ref.len && ref.buf[ref.len - 1] == '/')
		strbuf_setlen(&ref, ref.len - 1);
	printf("    next: ");
	if (t->had_error) {
		printf("fix the lint errors first (corpusc lint %s)\n", t->path);
	} else if (t->status == STATUS_PROPOSING) {
		if ((long)t->nbehaviors < cfg->min_behaviors)
			printf(
			    "waiting for proposals: %zu of at least %ld behaviors (a player adds "
			    "one: corpusc new --behavior %s/<behavior-id>)\n",
			    t->nbehaviors, cfg->min_behaviors, ref.buf);
		else
			printf("ready for ranking: %zu behaviors; the quest master sets 'status: "
			       "ranking' in %sscenario.md\n",
			       t->nbehaviors, t->path);
	} else if (t->status == STATUS_RANKING) {
		if (!t->nrankings || !t->consensus)
			printf("waiting for rankings: %zu so far (a ranker adds one: corpusc new "
			       "--ranking %s --by <handle>)\n",
			       t->nrankings, ref.buf);
		else if (t->top)
			printf("ready to resolve: consensus top is '%s' (%zu ranking%s so far; the "
			       "quest master sets 'status: resolved', 'chosen: %s' and writes "
			       "'## Consequences')\n",
			       t->top, t->nrankings, t->nrankings == 1 ? "" : "s", t->top);
		else
			printf("waiting for rankings: %zu so far, and the consensus top is tied "
			       "(another ranker adds one: corpusc new --ranking %s --by "
			       "<handle>)\n",
			       t->nrankings, ref.buf);
	} else if (last) {
		printf("turn %ld is resolved; the quest master opens turn %ld (corpusc new "
		       "--quest %s --dir <id>) or the quest ends here\n",
		       t->turn, t->turn + 1, t->quest);
	}
	strbuf_release(&ref);
}

static void print_quest(const struct turn_info *v, size_t n, const struct config *cfg)
{
	size_t i;

	printf("quest %s: %zu turn%s\n", v[0].quest, n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct turn_info *t = &v[i];
		int open = t->status == STATUS_PROPOSING || t->status == STATUS_RANKING;

		printf("  turn %ld: %s (%s)%s%s%s %s\n", t->turn, t->id, status_word(t),
		       t->chosen && !open ? ", chosen '" : "", t->chosen && !open ? t->chosen : "",
		       t->chosen && !open ? "'" : "", t->path);
		if (!open && i + 1 < n)
			continue;
		printf("    behaviors (%zu): %s\n", t->nbehaviors,
		       t->nbehaviors ? t->behaviors : "none yet");
		printf("    rankings (%zu): %s\n", t->nrankings,
		       t->nrankings ? t->rankers : "none yet");
		if (t->consensus) {
			printf("    consensus: %s\n", t->consensus);
			if (isnan(t->agreement))
				printf("    agreement: none (one ranker)\n");
			else
				printf("    agreement: Kendall's W = %.4f\n", t->agreement);
		}
		print_next(t, cfg, i + 1 == n);
	}
}

int cmd_quest(int argc, char **argv)
{
	static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct lint lt;
	struct quest_state st;
	const char *rules_dir = NULL;
	char *def;
	size_t i, j;
	int c, ret, shown = 0, k;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'r')
			rules_dir = optarg;
		else if (c == 'h')
			return cmd_usage(usage_text, 0);
		else
			return cmd_usage(usage_text, 2);
	}
	if (lint_init(&lt, rules_dir) < 0) {
		lint_release(&lt);
		return 2;
	}
	memset(&st, 0, sizeof(st));
	pthread_mutex_init(&st.mu, NULL);
	lt.on_doc = on_doc;
	lt.on_doc_arg = &st;
	def = lint_default_path(&lt);
	ret = lint_paths(&lt, &def, 1) < 0 ? 2 : 0;
	lint_finish(&lt);
	if (st.n > 1)
		qsort(st.v, st.n, sizeof(*st.v), cmp_turn);
	for (k = optind; k < argc; k++) {
		for (i = 0; i < st.n && strcmp(st.v[i].quest, argv[k]); i++)
			;
		if (i == st.n) {
			fprintf(stderr, "corpusc: error: no quest '%s' in %s\n", argv[k], def);
			ret = 2;
		}
	}
	for (i = 0; i < st.n; i = j) {
		int want = optind == argc;

		for (j = i; j < st.n && !strcmp(st.v[j].quest, st.v[i].quest); j++)
			;
		for (k = optind; k < argc; k++)
			want |= !strcmp(argv[k], st.v[i].quest);
		if (!want)
			continue;
		if (shown++)
			putchar('\n');
		print_quest(st.v + i, j - i, &lt.cfg);
	}
	if (!st.n && optind == argc)
		printf("no quests in %s\n", def);
	for (i = 0; i < st.n; i++) {
		free(st.v[i].quest);
		free(st.v[i].id);
		free(st.v[i].path);
		free(st.v[i].chosen);
		free(st.v[i].behaviors);
		free(st.v[i].rankers);
		free(st.v[i].consensus);
		free(st.v[i].top);
	}
	free(st.v);
	pthread_mutex_destroy(&st.mu);
	free(def);
	lint_release(&lt);
	return ret;
}
