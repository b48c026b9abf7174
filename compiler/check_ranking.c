/*
 * check_ranking: ranking consistency (docs/format.md section 3): unknown, repeated and
 * missing ids; repeated rankers; undesirable ranked above (error) or tied with
 * (warning) desirable; Kendall's W under the policy threshold; cyclic majority
 * preferences; a quest turn's chosen behavior off the consensus top. The math
 * lives in rank.c; this file maps it to behaviors and positions.
 *
 * Ranking findings are placed at the ranking (its '- by:' mapping), as the
 * spec's example shows; corpus-of-rankers findings at the 'rankings' list.
 */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rank.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"

/* behaviors sorted by id (only those with ids); returns how many */
static size_t sorted_behaviors(const struct doc *doc, int *order)
{
	size_t i, j, n = 0;

	for (i = 0; i < doc->nbehaviors; i++)
		if (doc->behaviors[i].id)
			order[n++] = (int)i;
	/* insertion sort: behavior counts are small */
	for (i = 1; i < n; i++) {
		int v = order[i];
		for (j = i;
		     j > 0 && strcmp(doc->behaviors[order[j - 1]].id, doc->behaviors[v].id) > 0;
		     j--)
			order[j] = order[j - 1];
		order[j] = v;
	}
	return n;
}

/* The index of the first item of r naming the same id as item i. */
static size_t first_place(const struct ranking *r, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (!strcmp(r->items[k].id, r->items[i].id))
			return k;
	return i;
}

static int check_one(struct doc *doc, struct ranking *r, struct diag_sink *sink)
{
	size_t i, j, nb = doc->nbehaviors;
	int *seen = xcalloc(nb + 1, sizeof(int));
	const char **ids = xmalloc((nb + 1) * sizeof(*ids));
	size_t nids = 0;
	int valid = r->valid;
	const char *by = r->by ? r->by : "?";

	for (i = 0; i < nb; i++)
		if (doc->behaviors[i].id)
			ids[nids++] = doc->behaviors[i].id;
	for (i = 0; i < r->nitems; i++) {
		int bi = doc_behavior_index(doc, r->items[i].id);
		if (bi < 0) {
			const char *sug = suggest_closest(r->items[i].id, ids, nids);
			if (!strncasecmp(r->items[i].id, "todo", 4))
				/* corpusc new --ranking's skeleton */
				diag_add(
				    sink, DIAG_ERROR, &r->loc, "ranking-unknown-id",
				    "ranking by '%s' still holds the placeholder '%s'; order the "
				    "behaviors best first and remove it",
				    by, r->items[i].id);
			else if (sug)
				diag_add(sink, DIAG_ERROR, &r->loc, "ranking-unknown-id",
				         "ranking by '%s' names unknown behavior '%s'; did you "
				         "mean '%s'?",
				         by, r->items[i].id, sug);
			else
				diag_add(sink, DIAG_ERROR, &r->loc, "ranking-unknown-id",
				         "ranking by '%s' names unknown behavior '%s'; use an id "
				         "from 'behaviors'",
				         by, r->items[i].id);
			valid = 0;
			continue;
		}
		if (seen[bi]++) {
			diag_add(
			    sink, DIAG_ERROR, &r->loc, "ranking-duplicate-id",
			    "ranking by '%s' names behavior '%s' twice; name each behavior once",
			    by, r->items[i].id);
			valid = 0;
		}
	}
	for (i = 0; i < nb; i++) {
		if (doc->behaviors[i].id && !seen[i]) {
			diag_add(sink, DIAG_ERROR, &r->loc, "ranking-incomplete",
			         "ranking by '%s' omits behavior '%s'; rank every behavior", by,
			         doc->behaviors[i].id);
			valid = 0;
		}
		if (!doc->behaviors[i].id)
			valid = 0;
	}
	/* label consistency, pair by pair, in ranking order; a repeated id
	 * counts at its first place only (the repeat is reported above) */
	for (i = 0; i < r->nitems; i++) {
		int ui = doc_behavior_index(doc, r->items[i].id);
		if (ui < 0 || doc->behaviors[ui].label != LABEL_UNDESIRABLE ||
		    first_place(r, i) != i)
			continue;
		for (j = 0; j < r->nitems; j++) {
			int di = doc_behavior_index(doc, r->items[j].id);
			if (di < 0 || doc->behaviors[di].label != LABEL_DESIRABLE ||
			    first_place(r, j) != j)
				continue;
			if (r->items[i].group < r->items[j].group)
				diag_add(sink, DIAG_ERROR, &r->loc, "ranking-label-inversion",
				         "ranking by '%s' puts undesirable '%s' above desirable "
				         "'%s'; fix the ranking or the labels",
				         by, r->items[i].id, r->items[j].id);
			else if (r->items[i].group == r->items[j].group)
				diag_add(sink, DIAG_WARNING, &r->loc, "ranking-label-tie",
				         "ranking by '%s' ties undesirable '%s' with desirable "
				         "'%s'; break the tie",
				         by, r->items[i].id, r->items[j].id);
		}
	}
	free(seen);
	free(ids);
	return valid;
}

void check_ranking(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	size_t i, j, m = doc->nrankings, n;
	int all_valid = m > 0, *order, *pos, *grp, *cons;

	for (i = 0; i < m; i++) {
		struct ranking *r = &doc->rankings[i];
		for (j = 0; j < i; j++) {
			if (r->by && doc->rankings[j].by && !strcmp(r->by, doc->rankings[j].by)) {
				diag_add(sink, DIAG_ERROR, &r->loc, "ranking-duplicate-ranker",
				         "a second ranking by '%s'; each ranker ranks once", r->by);
				diag_note(sink, "first ranking at %d:%d", doc->rankings[j].loc.line,
				          doc->rankings[j].loc.col);
				all_valid = 0;
				break;
			}
		}
		r->valid = check_one(doc, r, sink) && r->valid;
		all_valid = all_valid && r->valid;
	}
	if (!all_valid || !doc->nbehaviors)
		return;

	order = xmalloc(doc->nbehaviors * sizeof(int));
	pos = xmalloc(doc->nbehaviors * sizeof(int));
	n = sorted_behaviors(doc, order);
	for (i = 0; i < n; i++)
		pos[order[i]] = (int)i;
	grp = xmalloc(m * n * sizeof(int));
	for (i = 0; i < m; i++) {
		const struct ranking *r = &doc->rankings[i];
		for (j = 0; j < r->nitems; j++)
			grp[i * n + (size_t)pos[doc_behavior_index(doc, r->items[j].id)]] =
			    r->items[j].group;
	}
	cons = xmalloc(n * sizeof(int));
	doc->agreement = NAN;
	if (m >= 2) {
		double w = rank_kendall_w((int)n, (int)m, grp);
		int *cycle = xmalloc(n * sizeof(int));
		int len = rank_majority_cycle((int)n, (int)m, grp, cycle);

		doc->agreement = w;
		if (!isnan(w) && w < cfg->agreement_threshold - 1e-12)
			diag_add(sink, DIAG_WARNING, &doc->rankings_loc, "ranking-low-agreement",
			         "the %zu rankers agree weakly (Kendall's W = %.4f, under %.2f); "
			         "discuss the ranking",
			         m, w, cfg->agreement_threshold);
		if (len > 0) {
			struct strbuf sb = STRBUF_INIT;
			int k;
			for (k = 0; k < len; k++)
				strbuf_addf(&sb, "%s > ", doc->behaviors[order[cycle[k]]].id);
			strbuf_addstr(&sb, doc->behaviors[order[cycle[0]]].id);
			diag_add(sink, DIAG_WARNING, &doc->rankings_loc, "ranking-cycle",
			         "the rankers' majority preferences form a cycle, %s; there is no "
			         "Condorcet order",
			         sb.buf);
			strbuf_release(&sb);
		}
		free(cycle);
	}
	if (rank_consensus((int)n, (int)m, grp, cons) > 0) {
		doc->consensus = arena_alloc(&doc->arena, doc->nbehaviors * sizeof(int));
		doc->nconsensus_groups = 0;
		for (i = 0; i < n; i++) {
			doc->consensus[order[i]] = cons[i];
			if (cons[i] + 1 > doc->nconsensus_groups)
				doc->nconsensus_groups = cons[i] + 1;
		}
		if (doc->chosen) {
			int ci = doc_behavior_index(doc, doc->chosen);
			if (ci >= 0 && doc->consensus[ci] != 0) {
				struct strbuf sb = STRBUF_INIT;
				for (i = 0; i < n; i++)
					if (cons[i] == 0)
						strbuf_addf(&sb, "%s'%s'", sb.len ? ", " : "",
						            doc->behaviors[order[i]].id);
				diag_add(sink, DIAG_ERROR, &doc->chosen_loc, "quest-chosen-not-top",
				         "chosen '%s' is not the top of the consensus (%s); play "
				         "out the top-ranked behavior",
				         doc->chosen, sb.buf);
				strbuf_release(&sb);
			}
		}
	}
	free(cons);
	free(grp);
	free(pos);
	free(order);
}
