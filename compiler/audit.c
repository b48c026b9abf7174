/*
 * audit: the shortcut predictors of docs/format.md 4.3; see audit.h.
 *
 * audit_add() turns each behavior into a few numbers and its word ids (a
 * vocabulary maps word hashes to ids and keeps each word's lower-cased
 * spelling once, for the cue list). audit_run() then counts words per fold
 * and label, scores every behavior with the naive Bayes model of the other
 * nine folds, scores every pair with the five predictors, and resamples
 * scenarios (in id order, so the figures do not depend on the order the
 * worker threads added them) for the intervals.
 */
#include "audit.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "emit_jsonl.h"
#include "json.h"
#include "sha.h"
#include "spill.h"
#include "words.h"
#include "xalloc.h"

#define NFOLDS 10
#define MIN_CUE_BEHAVIORS 5
/*
 * Fewer scenarios than this give no warning: a bootstrap of a handful of
 * scenarios has intervals too narrow to mean anything (one scenario gives
 * an interval of one point), and a new corpus would warn on its first files.
 */
#define MIN_WARN_SCENARIOS 10

const char *const audit_names[AUDIT_NSHORTCUTS] = {"position", "source-position", "length",
                                                   "thought-length", "lexical"};
const char *const audit_group_names[AUDIT_NGROUPS] = {"all", "train", "validation", "test"};

struct abeh {
	unsigned char label; /* LABEL_DESIRABLE or LABEL_UNDESIRABLE */
	unsigned char fold;  /* its scenario's */
	int group, release_pos, source_pos;
	size_t words, thought_words;
	size_t tok, ntok; /* its word ids: a->toks[tok .. tok + ntok), or the spill's */
	double lexical;   /* held-out log-odds of desirable */
};

struct ascen {
	char *id;
	int split, fold;
	size_t beh, nbeh; /* a->behs[beh .. beh + nbeh) */
};

struct audit {
	pthread_mutex_t mu;
	struct ascen *scens;
	size_t nscens, ascens;
	struct abeh *behs;
	size_t nbehs, abehs;
	uint32_t *toks; /* the word ids of every behavior, or of the one being added */
	size_t ntoks, atoks;
	/* with audit_spill(): the word ids go to a file, a record per behavior */
	int spilled;
	struct spill spill;
	struct spill_chain chain;
	/* vocabulary: open addressing over hashes; words[id] its spelling */
	uint64_t *keys;
	uint32_t *ids;
	size_t cap;
	char **words;
	size_t nwords, awords;
	/* results */
	struct audit_figure fig[AUDIT_NGROUPS][AUDIT_NSHORTCUTS];
	size_t npairs[AUDIT_NGROUPS], nscen[AUDIT_NGROUPS];
	struct audit_cue cues[2][AUDIT_NCUES];
	size_t ncues[2];
	size_t *order; /* scenario indices sorted by id */
	int ran;       /* audit_run() is done (under mu) */
};

struct audit *audit_new(void)
{
	struct audit *a = xcalloc(1, sizeof(*a));

	pthread_mutex_init(&a->mu, NULL);
	return a;
}

void audit_free(struct audit *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nscens; i++)
		free(a->scens[i].id);
	for (i = 0; i < a->nwords; i++)
		free(a->words[i]);
	free(a->scens);
	free(a->behs);
	free(a->toks);
	free(a->keys);
	free(a->ids);
	free(a->words);
	free(a->order);
	if (a->spilled) {
		spill_chain_release(&a->chain);
		spill_close(&a->spill);
	}
	pthread_mutex_destroy(&a->mu);
	free(a);
}

int audit_spill(struct audit *a, int dirfd)
{
	if (spill_open(&a->spill, dirfd) < 0)
		return error("cannot create a temporary file for the audit: %s", strerror(errno));
	spill_chain_init(&a->chain, 0);
	a->spilled = 1;
	return 0;
}

static void vocab_grow(struct audit *a)
{
	size_t ncap = a->cap ? a->cap * 2 : 1024, i;
	uint64_t *keys = xcalloc(ncap, sizeof(*keys));
	uint32_t *ids = xcalloc(ncap, sizeof(*ids));

	for (i = 0; i < a->cap; i++) {
		size_t j;
		if (!a->keys[i])
			continue;
		for (j = (size_t)a->keys[i] & (ncap - 1); keys[j]; j = (j + 1) & (ncap - 1))
			;
		keys[j] = a->keys[i];
		ids[j] = a->ids[i];
	}
	free(a->keys);
	free(a->ids);
	a->keys = keys;
	a->ids = ids;
	a->cap = ncap;
}

/* The id of a word (hashes are never 0); new words keep their spelling. */
static uint32_t vocab_id(struct audit *a, const char *w, size_t len, uint64_t hash)
{
	size_t j, k;

	if ((a->nwords + 1) * 2 > a->cap)
		vocab_grow(a);
	for (j = (size_t)hash & (a->cap - 1); a->keys[j]; j = (j + 1) & (a->cap - 1))
		if (a->keys[j] == hash)
			return a->ids[j];
	a->keys[j] = hash;
	a->ids[j] = (uint32_t)a->nwords;
	XGROW(a->words, a->awords, a->nwords + 1);
	a->words[a->nwords] = xmalloc(len + 1);
	for (k = 0; k < len; k++) {
		char c = w[k];
		a->words[a->nwords][k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	a->words[a->nwords][len] = '\0';
	return (uint32_t)a->nwords++;
}

static void add_word(void *arg, const char *w, size_t len, uint64_t hash)
{
	struct audit *a = arg;

	XGROW(a->toks, a->atoks, a->ntoks + 1);
	a->toks[a->ntoks++] = vocab_id(a, w, len, hash);
}

void audit_add(struct audit *a, const char *id, int split, const struct audit_behavior *b, size_t n)
{
	unsigned char d[32];
	struct ascen *s;
	size_t i;

	sha256(id, strlen(id), d);
	pthread_mutex_lock(&a->mu);
	XGROW(a->scens, a->ascens, a->nscens + 1);
	s = &a->scens[a->nscens++];
	s->id = xstrdup(id);
	s->split = split;
	s->fold = d[0] % NFOLDS;
	s->beh = a->nbehs;
	s->nbeh = n;
	for (i = 0; i < n; i++) {
		struct abeh *x;
		XGROW(a->behs, a->abehs, a->nbehs + 1);
		x = &a->behs[a->nbehs++];
		x->label = b[i].label == LABEL_DESIRABLE ? LABEL_DESIRABLE : LABEL_UNDESIRABLE;
		x->fold = (unsigned char)s->fold;
		x->group = b[i].group;
		x->release_pos = b[i].release_pos;
		x->source_pos = b[i].source_pos;
		x->tok = a->ntoks;
		x->words = word_spans(b[i].text, b[i].text_len, add_word, a);
		x->ntok = a->ntoks - x->tok;
		if (a->spilled && x->ntok) {
			spill_add(&a->spill, &a->chain, (const char *)(a->toks + x->tok),
			          x->ntok * sizeof(uint32_t));
			a->ntoks = x->tok = 0;
		}
		x->thought_words = count_words(b[i].thoughts, b[i].thoughts_len);
		x->lexical = 0;
	}
	pthread_mutex_unlock(&a->mu);
}

void audit_add_doc(struct audit *a, const struct doc *doc, int split)
{
	size_t i, n = doc->nbehaviors;
	struct audit_behavior *b = xcalloc(n + 1, sizeof(*b));
	int *order = xmalloc((n + 1) * sizeof(int));

	emit_release_order(doc, order);
	for (i = 0; i < n; i++) {
		const struct behavior *x = &doc->behaviors[order[i]];
		struct audit_behavior *y = &b[order[i]];
		y->label = x->label;
		y->group = doc->consensus[order[i]];
		y->release_pos = (int)i;
		/* NEEDSWORK: the directory form's source order is by id */
		y->source_pos = order[i];
		y->text = doc->src + x->text.off;
		y->text_len = x->text.len;
		y->thoughts = doc->src + x->thoughts.off;
		y->thoughts_len = x->thoughts.len;
	}
	audit_add(a, doc->id, split, b, n);
	free(order);
	free(b);
}

/* ---- naive Bayes over 10 folds ---- */

/* Called with each behavior's word ids, in the order they were added. */
typedef void (*tokens_fn)(struct audit *a, size_t b, const uint32_t *t, size_t n, void *arg);

struct token_walk {
	struct audit *a;
	size_t next; /* the behavior whose record comes next */
	tokens_fn fn;
	void *arg;
	uint32_t *buf; /* an aligned copy of a record */
	size_t abuf;
};

/* The behaviors from w->next on with no word (they have no record), up to one with words. */
static void skip_empty(struct token_walk *w)
{
	while (w->next < w->a->nbehs && !w->a->behs[w->next].ntok) {
		w->fn(w->a, w->next, NULL, 0, w->arg);
		w->next++;
	}
}

static int walk_piece(void *arg, const char *data, size_t len)
{
	struct token_walk *w = arg;
	size_t off = 0;

	while (off < len) {
		size_t n;
		skip_empty(w);
		if (w->next >= w->a->nbehs)
			return -1; /* more bytes than behaviors: the file is not ours */
		n = w->a->behs[w->next].ntok;
		if (off + n * sizeof(uint32_t) > len)
			return -1;
		XGROW(w->buf, w->abuf, n);
		memcpy(w->buf, data + off, n * sizeof(uint32_t));
		w->fn(w->a, w->next, w->buf, n, w->arg);
		off += n * sizeof(uint32_t);
		w->next++;
	}
	return 0;
}

/* Call fn with every behavior's word ids. -1 (after error()) if the spill fails. */
static int each_tokens(struct audit *a, tokens_fn fn, void *arg)
{
	struct token_walk w = {a, 0, fn, arg, NULL, 0};
	size_t b;
	int ret = 0;

	if (!a->spilled) {
		for (b = 0; b < a->nbehs; b++)
			fn(a, b, a->toks + a->behs[b].tok, a->behs[b].ntok, arg);
		return 0;
	}
	if (a->spill.err || spill_each(&a->spill, &a->chain, walk_piece, &w) != 0)
		ret = error("cannot read back the audit's temporary file");
	if (!ret)
		skip_empty(&w);
	free(w.buf);
	return ret;
}

/*
 * The model: cnt[(f * 2 + l) * V + w] occurrences of word w in behaviors
 * of label l in fold f, all[l * V + w] the sums over folds, df[l * V + w]
 * the behaviors of label l using w; then per fold the training folds'
 * totals, vocabulary size and prior.
 */
struct nb {
	size_t V;
	uint32_t *cnt, *df;
	uint64_t *all;
	size_t *last; /* the last behavior counted in df, per word */
	double T[NFOLDS][2], Vf[NFOLDS], prior[NFOLDS];
};

static void count_tokens(struct audit *a, size_t b, const uint32_t *t, size_t n, void *arg)
{
	struct nb *m = arg;
	const struct abeh *x = &a->behs[b];
	size_t k, V = m->V;

	for (k = 0; k < n; k++) {
		m->cnt[((size_t)x->fold * 2 + x->label) * V + t[k]]++;
		m->all[(size_t)x->label * V + t[k]]++;
		if (m->last[t[k]] != b) {
			m->last[t[k]] = b;
			m->df[(size_t)x->label * V + t[k]]++;
		}
	}
}

static void score_tokens(struct audit *a, size_t b, const uint32_t *t, size_t n, void *arg)
{
	const struct nb *m = arg;
	struct abeh *x = &a->behs[b];
	size_t k, f = x->fold, V = m->V;
	double lo = m->prior[f];

	for (k = 0; k < n; k++) {
		double cd = (double)(m->all[t[k]] - m->cnt[(f * 2) * V + t[k]]);
		double cu = (double)(m->all[V + t[k]] - m->cnt[(f * 2 + 1) * V + t[k]]);
		if (cd + cu == 0)
			continue; /* a word the training folds never saw */
		lo += log((cd + 1) / (m->T[f][0] + m->Vf[f])) -
		      log((cu + 1) / (m->T[f][1] + m->Vf[f]));
	}
	x->lexical = lo;
}

/* The strongest cue words of each sign, by a partial selection (ties by word). */
static void pick_cues(struct audit *a, const struct nb *m, const double tall[2])
{
	size_t V = m->V, w, nc = 0, k, l;
	struct audit_cue *c = xmalloc((V + 1) * sizeof(*c));

	for (w = 0; w < V; w++) {
		if (m->df[w] + m->df[V + w] < MIN_CUE_BEHAVIORS)
			continue;
		c[nc].word = a->words[w];
		c[nc].log_odds = log(((double)m->all[w] + 1) / (tall[0] + (double)V)) -
		                 log(((double)m->all[V + w] + 1) / (tall[1] + (double)V));
		c[nc].desirable = m->df[w];
		c[nc].undesirable = m->df[V + w];
		nc++;
	}
	for (l = 0; l < 2; l++) {
		a->ncues[l] = 0;
		for (k = 0; k < AUDIT_NCUES && k < nc; k++) {
			size_t best = k, j;
			for (j = k + 1; j < nc; j++) {
				double x = l ? -c[j].log_odds : c[j].log_odds;
				double y = l ? -c[best].log_odds : c[best].log_odds;
				if (x > y || (x == y && strcmp(c[j].word, c[best].word) < 0))
					best = j;
			}
			if (best != k) {
				struct audit_cue tmp = c[k];
				c[k] = c[best];
				c[best] = tmp;
			}
			if (l ? c[k].log_odds >= 0 : c[k].log_odds <= 0)
				break;
			a->cues[l][a->ncues[l]++] = c[k];
		}
	}
	free(c);
}

/* Two passes over the word ids: count, then score each behavior held out. */
static void train_and_score(struct audit *a)
{
	struct nb m;
	size_t V = a->nwords, b, f, w, l;
	double tot[NFOLDS][2] = {{0}}, docs[NFOLDS][2] = {{0}};
	double tall[2] = {0, 0}, dall[2] = {0, 0};

	memset(&m, 0, sizeof(m));
	m.V = V;
	m.cnt = xcalloc((size_t)NFOLDS * 2 * V + 1, sizeof(uint32_t));
	m.df = xcalloc(2 * V + 1, sizeof(uint32_t));
	m.all = xcalloc(2 * V + 1, sizeof(uint64_t));
	m.last = xmalloc((V + 1) * sizeof(size_t));
	for (w = 0; w < V; w++)
		m.last[w] = (size_t)-1;
	for (b = 0; b < a->nbehs; b++) {
		const struct abeh *x = &a->behs[b];
		tot[x->fold][x->label] += (double)x->ntok;
		docs[x->fold][x->label] += 1;
		tall[x->label] += (double)x->ntok;
		dall[x->label] += 1;
	}
	if (each_tokens(a, count_tokens, &m) == 0) {
		for (f = 0; f < NFOLDS; f++) {
			double N[2];
			for (l = 0; l < 2; l++) {
				m.T[f][l] = tall[l] - tot[f][l];
				N[l] = dall[l] - docs[f][l];
			}
			/* the training folds' vocabulary */
			for (w = 0; w < V; w++)
				m.Vf[f] += m.all[w] + m.all[V + w] - m.cnt[(f * 2) * V + w] -
				               m.cnt[(f * 2 + 1) * V + w] >
				           0;
			m.prior[f] = log((N[0] + 1) / (N[1] + 1));
		}
		each_tokens(a, score_tokens, &m);
		pick_cues(a, &m, tall);
	}
	free(m.last);
	free(m.all);
	free(m.df);
	free(m.cnt);
}

/* ---- pairs ---- */

/* 1 when chosen wins by a higher value, 0 when rejected does, 0.5 on a tie */
static double higher(double chosen, double rejected)
{
	return chosen > rejected ? 1 : chosen < rejected ? 0 : 0.5;
}

struct by_id {
	const char *id;
	size_t index;
};

static int cmp_by_id(const void *x, const void *y)
{
	return strcmp(((const struct by_id *)x)->id, ((const struct by_id *)y)->id);
}

void audit_run(struct audit *a)
{
	size_t K = AUDIT_NSHORTCUTS, i, g, j;
	double *num, *den, *sn, *sd;

	pthread_mutex_lock(&a->mu);
	if (a->ran) {
		pthread_mutex_unlock(&a->mu);
		return;
	}
	num = xcalloc(a->nscens * K + 1, sizeof(double));
	den = xcalloc(a->nscens * K + 1, sizeof(double));
	sn = xcalloc(a->nscens * K + 1, sizeof(double));
	sd = xcalloc(a->nscens * K + 1, sizeof(double));

	train_and_score(a);
	{
		struct by_id *v = xmalloc((a->nscens + 1) * sizeof(*v));
		for (i = 0; i < a->nscens; i++) {
			v[i].id = a->scens[i].id;
			v[i].index = i;
		}
		qsort(v, a->nscens, sizeof(*v), cmp_by_id);
		a->order = xmalloc((a->nscens + 1) * sizeof(size_t));
		for (i = 0; i < a->nscens; i++)
			a->order[i] = v[i].index;
		free(v);
	}

	for (i = 0; i < a->nscens; i++) {
		const struct ascen *s = &a->scens[a->order[i]];
		size_t c, r;
		for (c = s->beh; c < s->beh + s->nbeh; c++) {
			for (r = s->beh; r < s->beh + s->nbeh; r++) {
				const struct abeh *x = &a->behs[c], *y = &a->behs[r];
				double *v = num + i * K;
				if (x->group >= y->group)
					continue;
				v[AUDIT_POSITION] += higher(-x->release_pos, -y->release_pos);
				v[AUDIT_SOURCE_POSITION] += higher(-x->source_pos, -y->source_pos);
				v[AUDIT_LENGTH] += higher((double)x->words, (double)y->words);
				v[AUDIT_THOUGHT_LENGTH] +=
				    higher((double)x->thought_words, (double)y->thought_words);
				v[AUDIT_LEXICAL] += higher(x->lexical, y->lexical);
				for (j = 0; j < K; j++)
					den[i * K + j] += 1;
			}
		}
	}
	for (g = 0; g < AUDIT_NGROUPS; g++) {
		size_t n = 0;
		double lo[AUDIT_NSHORTCUTS], hi[AUDIT_NSHORTCUTS];
		double tn[AUDIT_NSHORTCUTS] = {0}, td = 0;

		for (i = 0; i < a->nscens; i++) {
			if (g != AUDIT_ALL && a->scens[a->order[i]].split != (int)g - 1)
				continue;
			memcpy(sn + n * K, num + i * K, K * sizeof(double));
			memcpy(sd + n * K, den + i * K, K * sizeof(double));
			for (j = 0; j < K; j++)
				tn[j] += num[i * K + j];
			td += den[i * K];
			n++;
		}
		a->nscen[g] = n;
		a->npairs[g] = (size_t)td;
		boot_ratio(n, K, sn, sd, lo, hi);
		for (j = 0; j < K; j++) {
			a->fig[g][j].accuracy = td > 0 ? tn[j] / td : NAN;
			a->fig[g][j].lo = td > 0 ? lo[j] : NAN;
			a->fig[g][j].hi = td > 0 ? hi[j] : NAN;
		}
	}
	free(sd);
	free(sn);
	free(den);
	free(num);
	a->ran = 1;
	pthread_mutex_unlock(&a->mu);
}

struct audit_figure audit_get(const struct audit *a, int group, enum audit_shortcut s)
{
	return a->fig[group][s];
}

size_t audit_pairs(const struct audit *a, int group)
{
	return a->npairs[group];
}

size_t audit_scenarios(const struct audit *a, int group)
{
	return a->nscen[group];
}

size_t audit_cues(const struct audit *a, int desirable, const struct audit_cue **out)
{
	*out = a->cues[desirable ? 0 : 1];
	return a->ncues[desirable ? 0 : 1];
}

size_t audit_lexical(const struct audit *a, const char *id, double *out, size_t n)
{
	size_t lo = 0, hi = a->nscens;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ascen *s = &a->scens[a->order[mid]];
		int c = strcmp(s->id, id);
		if (!c) {
			size_t b;
			for (b = 0; b < s->nbeh && b < n; b++)
				out[b] = a->behs[s->beh + b].lexical;
			return s->nbeh;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

size_t audit_warn(const struct audit *a, const struct config *cfg, struct diag_sink *sink)
{
	size_t j, n = 0;
	char rule[64];

	if (a->nscen[AUDIT_ALL] < MIN_WARN_SCENARIOS)
		return 0;
	for (j = 0; j < AUDIT_NSHORTCUTS; j++) {
		const struct audit_figure *f = &a->fig[AUDIT_ALL][j];
		if (isnan(f->accuracy) || !(f->accuracy > cfg->max_shortcut) || !(f->lo > 0.5))
			continue;
		snprintf(rule, sizeof(rule), "shortcut-%s", audit_names[j]);
		diag_add(sink, DIAG_WARNING, &cfg->max_shortcut_loc, rule,
		         "the '%s' shortcut picks the chosen behavior in %.4f of %zu pairs (95%% "
		         "interval %.4f to %.4f), above max_shortcut %g; write behaviors whose %s "
		         "says nothing about their merit",
		         audit_names[j], f->accuracy, a->npairs[AUDIT_ALL], f->lo, f->hi,
		         cfg->max_shortcut,
		         j == AUDIT_POSITION          ? "place in the release"
		         : j == AUDIT_SOURCE_POSITION ? "place in the file"
		         : j == AUDIT_LENGTH          ? "length"
		         : j == AUDIT_THOUGHT_LENGTH  ? "thoughts' length"
		                                      : "wording");
		n++;
	}
	return n;
}

/* ---- reports ---- */

static void fig_text(struct strbuf *sb, const struct audit_figure *f)
{
	if (isnan(f->accuracy))
		strbuf_addf(sb, "  %-22s", "-");
	else
		strbuf_addf(sb, "  %.4f [%.4f, %.4f]", f->accuracy, f->lo, f->hi);
}

void audit_text(const struct audit *a, int group, struct strbuf *sb)
{
	size_t g, j, l;

	strbuf_addf(sb, "%-16s", "shortcut");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		if (group < 0 || (int)g == group)
			strbuf_addf(sb, "  %-22s", audit_group_names[g]);
	strbuf_addch(sb, '\n');
	for (j = 0; j < AUDIT_NSHORTCUTS; j++) {
		strbuf_addf(sb, "%-16s", audit_names[j]);
		for (g = 0; g < AUDIT_NGROUPS; g++)
			if (group < 0 || (int)g == group)
				fig_text(sb, &a->fig[g][j]);
		strbuf_addch(sb, '\n');
	}
	strbuf_addf(sb, "%-16s", "pairs");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		if (group < 0 || (int)g == group)
			strbuf_addf(sb, "  %-22zu", a->npairs[g]);
	strbuf_addch(sb, '\n');
	strbuf_addf(sb, "%-16s", "scenarios");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		if (group < 0 || (int)g == group)
			strbuf_addf(sb, "  %-22zu", a->nscen[g]);
	strbuf_addf(sb,
	            "\n\naccuracy: the share of pairs whose chosen behavior the shortcut "
	            "picks (a tie counts one half);\n[95%% interval from %d "
	            "scenario-bootstrap resamples]; 0.5 is chance.\n",
	            BOOT_RESAMPLES);
	for (l = 0; l < 2; l++) {
		strbuf_addf(sb,
		            "\nwords most typical of %s behaviors (log-odds; behaviors "
		            "desirable/undesirable):\n",
		            l ? "undesirable" : "desirable");
		if (!a->ncues[l])
			strbuf_addstr(sb, "  (none in at least 5 behaviors)\n");
		for (j = 0; j < a->ncues[l]; j++)
			strbuf_addf(sb, "  %-20s %+.4f  %zu/%zu\n", a->cues[l][j].word,
			            a->cues[l][j].log_odds, a->cues[l][j].desirable,
			            a->cues[l][j].undesirable);
	}
}

static void num_or_null(struct strbuf *sb, double v)
{
	json_num4(sb, v); /* NAN gives null */
}

void audit_json(const struct audit *a, int group, struct strbuf *sb)
{
	size_t g, j, l;
	int first = 1;

	strbuf_addf(sb, "{\"resamples\":%d,\"groups\":[", BOOT_RESAMPLES);
	for (g = 0; g < AUDIT_NGROUPS; g++) {
		if (group >= 0 && (int)g != group)
			continue;
		if (!first)
			strbuf_addch(sb, ',');
		first = 0;
		strbuf_addstr(sb, "{\"split\":");
		json_cstr(sb, audit_group_names[g]);
		strbuf_addf(sb, ",\"scenarios\":%zu,\"pairs\":%zu,\"shortcuts\":[", a->nscen[g],
		            a->npairs[g]);
		for (j = 0; j < AUDIT_NSHORTCUTS; j++) {
			if (j)
				strbuf_addch(sb, ',');
			strbuf_addstr(sb, "{\"name\":");
			json_cstr(sb, audit_names[j]);
			strbuf_addstr(sb, ",\"accuracy\":");
			num_or_null(sb, a->fig[g][j].accuracy);
			strbuf_addstr(sb, ",\"interval\":[");
			num_or_null(sb, a->fig[g][j].lo);
			strbuf_addch(sb, ',');
			num_or_null(sb, a->fig[g][j].hi);
			strbuf_addstr(sb, "]}");
		}
		strbuf_addstr(sb, "]}");
	}
	strbuf_addstr(sb, "],\"cue_words\":{");
	for (l = 0; l < 2; l++) {
		strbuf_addstr(sb, l ? ",\"undesirable\":[" : "\"desirable\":[");
		for (j = 0; j < a->ncues[l]; j++) {
			if (j)
				strbuf_addch(sb, ',');
			strbuf_addstr(sb, "{\"word\":");
			json_cstr(sb, a->cues[l][j].word);
			strbuf_addstr(sb, ",\"log_odds\":");
			json_num4(sb, a->cues[l][j].log_odds);
			strbuf_addf(sb, ",\"desirable\":%zu,\"undesirable\":%zu}",
			            a->cues[l][j].desirable, a->cues[l][j].undesirable);
		}
		strbuf_addch(sb, ']');
	}
	strbuf_addstr(sb, "}}\n");
}

static void fig_md(struct strbuf *sb, const struct audit_figure *f)
{
	if (isnan(f->accuracy))
		strbuf_addstr(sb, " - |");
	else
		strbuf_addf(sb, " %.2f (%.2f to %.2f) |", f->accuracy, f->lo, f->hi);
}

void audit_markdown(const struct audit *a, struct strbuf *sb)
{
	size_t g, j;

	strbuf_addstr(sb, "| shortcut |");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		strbuf_addf(sb, " %s |", audit_group_names[g]);
	strbuf_addstr(sb, "\n|---|");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		strbuf_addstr(sb, "---|");
	strbuf_addch(sb, '\n');
	for (j = 0; j < AUDIT_NSHORTCUTS; j++) {
		strbuf_addf(sb, "| `%s` |", audit_names[j]);
		for (g = 0; g < AUDIT_NGROUPS; g++)
			fig_md(sb, &a->fig[g][j]);
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "| pairs |");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		strbuf_addf(sb, " %zu |", a->npairs[g]);
	strbuf_addch(sb, '\n');
}

void audit_html(const struct audit *a, struct strbuf *sb)
{
	size_t g, j;

	/* names and numbers only: nothing from the corpus to escape */
	strbuf_addstr(sb, "<table class=\"shortcuts\">\n<tr><th>shortcut</th>");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		strbuf_addf(sb, "<th>%s</th>", audit_group_names[g]);
	strbuf_addstr(sb, "</tr>\n");
	for (j = 0; j < AUDIT_NSHORTCUTS; j++) {
		strbuf_addf(sb, "<tr><td><code>%s</code></td>", audit_names[j]);
		for (g = 0; g < AUDIT_NGROUPS; g++) {
			const struct audit_figure *f = &a->fig[g][j];
			if (isnan(f->accuracy))
				strbuf_addstr(sb, "<td>-</td>");
			else
				strbuf_addf(sb, "<td>%.2f (%.2f to %.2f)</td>", f->accuracy, f->lo,
				            f->hi);
		}
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "<tr><td>pairs</td>");
	for (g = 0; g < AUDIT_NGROUPS; g++)
		strbuf_addf(sb, "<td>%zu</td>", a->npairs[g]);
	strbuf_addstr(sb, "</tr>\n</table>\n");
}
