/*
 * cmd_stats: `corpusc stats [<path>...]` -- coverage at a glance, the gaps
 * (features and capabilities under their target) first, so a contributor
 * knows what to write next.
 */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "emit_html.h"
#include "lint.h"
#include "release.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc stats [--rules=<dir>] [--min-feature=<n>] [--min-capability=<n>]\n"
    "                     [<path>...]\n"
    "\n"
    "Print coverage: gaps first (features in fewer than --min-feature behaviors,\n"
    "default 3; capabilities in fewer than --min-capability scenarios, default 2;\n"
    "the share of scenarios with one ranker and of those written by a model),\n"
    "then scenarios per capability, behaviors per feature and label, agreement,\n"
    "thought lengths, quests and the shortcut table of 'corpusc audit'. Files with\n"
    "lint errors are counted apart.\n"
    "\n"
    "exit status: 0 ok, 2 usage or I/O error\n";

struct stats {
	struct site_entry *e;
	size_t n, alloc, broken;
	const struct config *cfg;
	pthread_mutex_t mu;
};

static void on_doc(void *arg, size_t index, struct doc *doc, int had_error)
{
	struct stats *st = arg;
	const char *split;

	(void)index;
	if (had_error || !doc || !doc->consensus) {
		pthread_mutex_lock(&st->mu);
		st->broken++;
		pthread_mutex_unlock(&st->mu);
		return;
	}
	split = doc->split ? doc->split : config_split(st->cfg, doc->quest ? doc->quest : doc->id);
	{
		struct site_entry e;
		site_entry_from_doc(&e, doc, split, doc->path);
		pthread_mutex_lock(&st->mu);
		XGROW(st->e, st->alloc, st->n + 1);
		st->e[st->n++] = e;
		pthread_mutex_unlock(&st->mu);
	}
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct site_entry *)a)->id, ((const struct site_entry *)b)->id);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Behaviors with feature id: as desirable ones in *cd, as undesirable ones in *cu. */
static size_t count_feature(const struct stats *st, const char *id, size_t *cd, size_t *cu)
{
	size_t i, j, k;

	*cd = *cu = 0;
	for (i = 0; i < st->n; i++)
		for (j = 0; j < st->e[i].nbehaviors; j++)
			for (k = 0; k < st->e[i].behaviors[j].nfeatures; k++)
				if (!strcmp(st->e[i].behaviors[j].features[k], id))
					++*(st->e[i].behaviors[j].label == LABEL_DESIRABLE ? cd
					                                                   : cu);
	return *cd + *cu;
}

/* Scenarios with capability id. */
static size_t count_capability(const struct stats *st, const char *id)
{
	size_t i, j, cnt = 0;

	for (i = 0; i < st->n; i++)
		for (j = 0; j < st->e[i].ncapabilities; j++)
			cnt += !strcmp(st->e[i].capabilities[j], id);
	return cnt;
}

static const char *polarity_name(const struct taxo_entry *f)
{
	return f->polarity == LABEL_DESIRABLE ? "desirable" : "undesirable";
}

/*
 * The corpus-wide gaps a reward model's user cares about: scenarios with a
 * single ranker (no agreement can be measured: the ranking is one person's)
 * and scenarios a model wrote. Each is listed when any scenario has it.
 */
static size_t print_share_gaps(const struct stats *st)
{
	size_t i, one = 0, model = 0, gaps = 0;

	for (i = 0; i < st->n; i++) {
		one += st->e[i].nrankings < 2;
		model += !strcmp(st->e[i].origin, "model");
	}
	if (one) {
		printf("  %-35s %zu of %zu (%.0f%%): no agreement to "
		       "measure; add a second ranking\n",
		       "scenarios with one ranker", one, st->n,
		       100.0 * (double)one / (double)st->n);
		gaps++;
	}
	if (model) {
		printf("  %-35s %zu of %zu (%.0f%%): origin 'model'; "
		       "human-written scenarios are scarcer\n",
		       "scenarios written by a model", model, st->n,
		       100.0 * (double)model / (double)st->n);
		gaps++;
	}
	return gaps;
}

/* Features and capabilities under their targets, then the shares above. */
static void print_gaps(const struct stats *st, long min_feat, long min_cap)
{
	const struct config *cfg = st->cfg;
	size_t t, cd, cu, gaps = 0;

	printf("Gaps (features under %ld behaviors, capabilities under %ld scenarios):\n", min_feat,
	       min_cap);
	for (t = 0; t < cfg->nfeatures; t++) {
		size_t cnt = count_feature(st, cfg->features[t].id, &cd, &cu);

		if ((long)cnt < min_feat) {
			printf("  feature %-28s %zu behavior%s (%s)\n", cfg->features[t].id, cnt,
			       cnt == 1 ? "" : "s", polarity_name(&cfg->features[t]));
			gaps++;
		}
	}
	for (t = 0; t < cfg->ncapabilities; t++) {
		size_t cnt = count_capability(st, cfg->capabilities[t].id);

		if ((long)cnt < min_cap) {
			printf("  capability %-25s %zu scenario%s\n", cfg->capabilities[t].id, cnt,
			       cnt == 1 ? "" : "s");
			gaps++;
		}
	}
	gaps += print_share_gaps(st);
	if (!gaps)
		printf("  none\n");
}

/* Scenarios and behaviors in all; returns the number of behaviors. */
static size_t print_totals(const struct stats *st)
{
	size_t i, j, nb = 0, nd = 0, nsup = 0, splits[3] = {0};

	for (i = 0; i < st->n; i++) {
		nb += st->e[i].nbehaviors;
		for (j = 0; j < st->e[i].nbehaviors; j++) {
			nd += st->e[i].behaviors[j].label == LABEL_DESIRABLE;
			nsup += st->e[i].behaviors[j].superhuman == 1;
		}
		splits[!strcmp(st->e[i].split, "train")        ? 0
		       : !strcmp(st->e[i].split, "validation") ? 1
		                                               : 2]++;
	}
	printf("\nScenarios: %zu (train %zu, validation %zu, test %zu)", st->n, splits[0],
	       splits[1], splits[2]);
	if (st->broken)
		printf("; %zu file%s with lint errors not counted", st->broken,
		       st->broken == 1 ? "" : "s");
	printf("\nBehaviors: %zu (desirable %zu, undesirable %zu, superhuman %zu)\n", nb, nd,
	       nb - nd, nsup);
	return nb;
}

static void print_coverage(const struct stats *st)
{
	const struct config *cfg = st->cfg;
	size_t t, cd, cu;

	printf("\nScenarios per capability:\n");
	for (t = 0; t < cfg->ncapabilities; t++)
		printf("  %-28s %4zu\n", cfg->capabilities[t].id,
		       count_capability(st, cfg->capabilities[t].id));
	printf("\nBehaviors per feature (as desirable / as undesirable behaviors):\n");
	for (t = 0; t < cfg->nfeatures; t++) {
		count_feature(st, cfg->features[t].id, &cd, &cu);
		printf("  %-28s %4zu / %zu  (%s)\n", cfg->features[t].id, cd, cu,
		       polarity_name(&cfg->features[t]));
	}
}

/* Agreement in bands, and the thought lengths of the nb behaviors. */
static void print_agreement(const struct stats *st, size_t nb)
{
	size_t i, j, k, agree[5] = {0}, *lens;

	for (i = 0; i < st->n; i++) {
		double w = st->e[i].agreement;
		if (st->e[i].nrankings < 2 || isnan(w))
			agree[0]++;
		else
			agree[w < 0.25 ? 1 : w < 0.5 ? 2 : w < 0.75 ? 3 : 4]++;
	}
	printf("\nAgreement (Kendall's W): one ranker %zu, under 0.25 %zu, 0.25-0.5 %zu, "
	       "0.5-0.75 %zu, 0.75 and over %zu\n",
	       agree[0], agree[1], agree[2], agree[3], agree[4]);
	lens = xcalloc(nb + 1, sizeof(size_t));
	for (i = k = 0; i < st->n; i++)
		for (j = 0; j < st->e[i].nbehaviors; j++)
			lens[k++] = st->e[i].behaviors[j].thought_words;
	qsort(lens, nb, sizeof(size_t), cmp_size);
	if (nb)
		printf("Thought length (words): min %zu, median %zu, max %zu\n", lens[0],
		       nb % 2 ? lens[nb / 2] : (lens[nb / 2 - 1] + lens[nb / 2]) / 2, lens[nb - 1]);
	free(lens);
}

/* Each quest (at its first turn in id order) with its number of turns. */
static void print_quests(const struct stats *st)
{
	size_t i, j, nq = 0;

	printf("\nQuests:\n");
	for (i = 0; i < st->n; i++) {
		size_t turns = 0;
		if (!st->e[i].quest)
			continue;
		for (j = 0; j < i; j++)
			if (st->e[j].quest && !strcmp(st->e[j].quest, st->e[i].quest))
				break;
		if (j < i)
			continue;
		for (j = 0; j < st->n; j++)
			turns += st->e[j].quest && !strcmp(st->e[j].quest, st->e[i].quest);
		printf("  %-28s %zu turn%s\n", st->e[i].quest, turns, turns == 1 ? "" : "s");
		nq++;
	}
	if (!nq)
		printf("  none\n");
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
	                                     {"min-feature", required_argument, NULL, 'f'},
	                                     {"min-capability", required_argument, NULL, 'c'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct lint lt;
	struct stats st;
	const char *rules_dir = NULL;
	long min_feat = 3, min_cap = 2;
	char *def = NULL, *end;
	size_t i, nb;
	int c, ret;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			rules_dir = optarg;
			break;
		case 'f':
		case 'c': {
			long v = strtol(optarg, &end, 10);
			if (*end || v < 0)
				return cmd_usage(usage_text, 2);
			*(c == 'f' ? &min_feat : &min_cap) = v;
			break;
		}
		case 'h':
			return cmd_usage(usage_text, 0);
		default:
			return cmd_usage(usage_text, 2);
		}
	}
	if (lint_init(&lt, rules_dir) < 0) {
		lint_release(&lt);
		return 2;
	}
	memset(&st, 0, sizeof(st));
	st.cfg = &lt.cfg;
	pthread_mutex_init(&st.mu, NULL);
	lt.on_doc = on_doc;
	lt.on_doc_arg = &st;
	if (optind < argc) {
		ret = lint_paths(&lt, argv + optind, (size_t)(argc - optind));
	} else {
		def = lint_default_path(&lt);
		ret = lint_paths(&lt, &def, 1);
	}
	lint_finish(&lt);
	/* workers finish in any order: sort for a stable report */
	if (st.n)
		qsort(st.e, st.n, sizeof(*st.e), cmp_entry);

	print_gaps(&st, min_feat, min_cap);
	nb = print_totals(&st);
	print_coverage(&st);
	print_agreement(&st, nb);
	print_quests(&st);
	{
		/* the lint's corpus-wide check ran the audit over the files without errors */
		struct strbuf tab = STRBUF_INIT;
		audit_text(lt.audit, -1, &tab);
		printf(
		    "\nShortcuts (corpusc audit: accuracy picking the chosen behavior blind):\n%s",
		    tab.buf);
		strbuf_release(&tab);
	}
	printf("\nLint: %zu errors, %zu warnings (run 'corpusc lint' for details)\n",
	       diag_count(&lt.sink, DIAG_ERROR), diag_count(&lt.sink, DIAG_WARNING));
	for (i = 0; i < st.n; i++)
		site_entry_release(&st.e[i]);
	free(st.e);
	free(def);
	lint_release(&lt);
	return ret < 0 ? 2 : 0;
}
