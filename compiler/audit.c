/*
 * audit: the shortcut predictors of docs/format.md 4.3; see audit.h.
 *
 * audit_add() scores each scenario's pairs by the four shortcuts that need
 * no model at once, keeps those counts (about 40 bytes a scenario), and
 * writes its record (labels, groups and word ids) to a temporary file; a
 * vocabulary maps word hashes to ids and keeps each word's lower-cased
 * spelling once, for the cue list. audit_run() then reads the records
 * twice: to count words per fold and label, then to score every behavior
 * with the naive Bayes model of the other nine folds and count the lexical
 * shortcut's pairs; and resamples scenarios (in order of their key, so the
 * figures do not depend on the order the worker threads added them) for
 * the intervals.
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

struct audit {
	pthread_mutex_t mu;
	/*
	 * What stays in memory of scenario i (34 bytes; everything else of it
	 * is in its record, each_record()): num[i * K + j] the pairs shortcut
	 * j picks right (ties one half: exact in a float), den[i] the pairs the consensus ranks
	 * apart, key[i] the first 8 bytes of SHA-256(id), big-endian (the
	 * order it is resampled in), its split and fold.
	 */
	float *num, *den;
	uint64_t *key;
	unsigned char *split, *fold;
	size_t nscens, ascens;
	/*
	 * A record per scenario, in the order added: nbeh, then per behavior
	 * its label (0 desirable, 1 undesirable), group and number of words,
	 * then the word ids of each behavior's text in turn; all uint32. In a
	 * temporary file (audit_spill(), or $TMPDIR on the first audit_add()),
	 * or in memory when none can be made.
	 */
	int spill_tried;
	struct spill spill;
	struct spill_chain chain;
	uint32_t *rec; /* the record being added */
	size_t nrec, arec;
	double tok[NFOLDS][2], beh[NFOLDS][2]; /* words and behaviors per fold and label */
	/* vocabulary: open addressing over hashes; words[id] its spelling */
	uint64_t *keys;
	uint32_t *ids;
	size_t cap;
	char **words;
	size_t nwords, awords;
	void (*on_lexical)(void *arg, size_t scen, const double *lo, size_t n);
	void *on_lexical_arg;
	/* results */
	struct audit_figure fig[AUDIT_NGROUPS][AUDIT_NSHORTCUTS];
	size_t npairs[AUDIT_NGROUPS], nscen[AUDIT_NGROUPS];
	struct audit_cue cues[2][AUDIT_NCUES];
	size_t ncues[2];
	int ran; /* audit_run() is done (under mu) */
};

struct audit *audit_new(void)
{
	struct audit *a = xcalloc(1, sizeof(*a));

	pthread_mutex_init(&a->mu, NULL);
	a->spill.fd = -1;
	return a;
}

void audit_free(struct audit *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nwords; i++)
		free(a->words[i]);
	free(a->num);
	free(a->den);
	free(a->key);
	free(a->split);
	free(a->fold);
	free(a->rec);
	free(a->keys);
	free(a->ids);
	free(a->words);
	spill_chain_release(&a->chain);
	spill_close(&a->spill);
	pthread_mutex_destroy(&a->mu);
	free(a);
}

int audit_spill(struct audit *a, int dirfd)
{
	if (spill_open(&a->spill, dirfd) < 0)
		return error("cannot create a temporary file for the audit: %s", strerror(errno));
	spill_chain_init(&a->chain, 0);
	a->spill_tried = 1;
	return 0;
}

void audit_on_lexical(struct audit *a,
                      void (*fn)(void *arg, size_t scen, const double *lo, size_t n), void *arg)
{
	a->on_lexical = fn;
	a->on_lexical_arg = arg;
}

/* The records go to a file in $TMPDIR; without one, they stay in memory. */
static void open_spill(struct audit *a)
{
	a->spill_tried = 1;
	spill_chain_init(&a->chain, spill_open_tmp(&a->spill) == 0 ? 0 : SIZE_MAX);
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

static void rec_push(struct audit *a, uint32_t v)
{
	XGROW(a->rec, a->arec, a->nrec + 1);
	a->rec[a->nrec++] = v;
}

static void add_word(void *arg, const char *w, size_t len, uint64_t hash)
{
	struct audit *a = arg;

	rec_push(a, vocab_id(a, w, len, hash));
}

/* 1 when chosen wins by a higher value, 0 when rejected does, 0.5 on a tie */
static double higher(double chosen, double rejected)
{
	return chosen > rejected ? 1 : chosen < rejected ? 0 : 0.5;
}

/* Room for n scenarios in the per-scenario arrays. */
static void scens_room(struct audit *a, size_t n)
{
	if (n <= a->ascens)
		return;
	a->ascens = n;
	a->num = xrealloc(a->num, a->ascens * AUDIT_NSHORTCUTS * sizeof(*a->num));
	a->den = xrealloc(a->den, a->ascens * sizeof(*a->den));
	a->key = xrealloc(a->key, a->ascens * sizeof(*a->key));
	a->split = xrealloc(a->split, a->ascens);
	a->fold = xrealloc(a->fold, a->ascens);
}

void audit_reserve(struct audit *a, size_t n)
{
	pthread_mutex_lock(&a->mu);
	scens_room(a, n);
	pthread_mutex_unlock(&a->mu);
}

void audit_add(struct audit *a, const char *id, int split, const struct audit_behavior *b, size_t n)
{
	unsigned char d[32];
	size_t s, i, c, r, *words = xmalloc((2 * n + 1) * sizeof(size_t)), *thought = words + n;
	double num[AUDIT_NSHORTCUTS] = {0}, den = 0;

	sha256(id, strlen(id), d);
	for (i = 0; i < n; i++)
		thought[i] = count_words(b[i].thoughts, b[i].thoughts_len);
	pthread_mutex_lock(&a->mu);
	if (!a->spill_tried)
		open_spill(a);
	if (a->nscens == a->ascens)
		scens_room(a, a->ascens ? a->ascens + a->ascens / 2 : 64);
	s = a->nscens++;
	a->key[s] = 0;
	for (i = 0; i < 8; i++)
		a->key[s] = a->key[s] << 8 | d[i];
	a->split[s] = (unsigned char)split;
	a->fold[s] = (unsigned char)(d[0] % NFOLDS);
	/* the header, then the words; each behavior's count goes in its slot */
	a->nrec = 0;
	rec_push(a, (uint32_t)n);
	for (i = 0; i < n; i++) {
		rec_push(a, b[i].label == LABEL_DESIRABLE ? 0 : 1);
		rec_push(a, (uint32_t)b[i].group);
		rec_push(a, 0);
	}
	for (i = 0; i < n; i++) {
		size_t before = a->nrec, l = a->rec[1 + 3 * i];
		words[i] = word_spans(b[i].text, b[i].text_len, add_word, a);
		a->rec[3 + 3 * i] = (uint32_t)(a->nrec - before);
		a->tok[a->fold[s]][l] += (double)(a->nrec - before);
		a->beh[a->fold[s]][l] += 1;
	}
	spill_add(&a->spill, &a->chain, (const char *)a->rec, a->nrec * sizeof(uint32_t));
	/* every shortcut but the lexical one is known now */
	for (c = 0; c < n; c++) {
		for (r = 0; r < n; r++) {
			if (b[c].group >= b[r].group)
				continue;
			num[AUDIT_POSITION] += higher(-b[c].release_pos, -b[r].release_pos);
			num[AUDIT_SOURCE_POSITION] += higher(-b[c].source_pos, -b[r].source_pos);
			num[AUDIT_LENGTH] += higher((double)words[c], (double)words[r]);
			num[AUDIT_THOUGHT_LENGTH] += higher((double)thought[c], (double)thought[r]);
			den += 1;
		}
	}
	for (i = 0; i < AUDIT_NSHORTCUTS; i++)
		a->num[s * AUDIT_NSHORTCUTS + i] = (float)num[i];
	a->den[s] = (float)den;
	pthread_mutex_unlock(&a->mu);
	free(words);
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

/*
 * Called with each scenario's record, in the order they were added: its
 * index, behaviors, and fields (rec[1 + 3 * i .. 3 + 3 * i]: label, group,
 * words of behavior i) followed by the word ids.
 */
typedef void (*record_fn)(struct audit *a, size_t scen, const uint32_t *rec, size_t n, void *arg);

struct record_walk {
	struct audit *a;
	size_t next; /* the scenario whose record comes next */
	record_fn fn;
	void *arg;
	uint32_t *buf; /* an aligned copy of a record */
	size_t abuf;
};

static int walk_piece(void *arg, const char *data, size_t len)
{
	struct record_walk *w = arg;
	size_t off = 0;

	while (off < len) {
		uint32_t n, i, size;
		if (w->next >= w->a->nscens || len - off < sizeof(n))
			return -1; /* more bytes than scenarios: the file is not ours */
		memcpy(&n, data + off, sizeof(n));
		if ((len - off) / sizeof(uint32_t) < 1 + 3 * (size_t)n)
			return -1;
		XGROW(w->buf, w->abuf, 1 + 3 * (size_t)n);
		memcpy(w->buf, data + off, (1 + 3 * (size_t)n) * sizeof(uint32_t));
		size = 1 + 3 * n;
		for (i = 0; i < n; i++)
			size += w->buf[3 + 3 * i];
		if ((len - off) / sizeof(uint32_t) < size)
			return -1;
		XGROW(w->buf, w->abuf, size);
		memcpy(w->buf, data + off, size * sizeof(uint32_t));
		w->fn(w->a, w->next, w->buf, n, w->arg);
		off += size * sizeof(uint32_t);
		w->next++;
	}
	return 0;
}

/* Call fn with every scenario's record. -1 (after error()) if the spill fails. */
static int each_record(struct audit *a, record_fn fn, void *arg)
{
	struct record_walk w = {a, 0, fn, arg, NULL, 0};
	int ret = 0;

	if (a->spill.err || spill_each(&a->spill, &a->chain, walk_piece, &w) != 0 ||
	    w.next != a->nscens)
		ret = error("cannot read back the audit's temporary file");
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
	size_t nbeh;  /* behaviors counted so far */
	double T[NFOLDS][2], Vf[NFOLDS], prior[NFOLDS];
	double *lo; /* score_record()'s log-odds */
	size_t alo;
};

static void count_record(struct audit *a, size_t scen, const uint32_t *rec, size_t n, void *arg)
{
	struct nb *m = arg;
	const uint32_t *t = rec + 1 + 3 * n;
	size_t i, k, V = m->V, f = a->fold[scen];

	for (i = 0; i < n; i++, m->nbeh++) {
		size_t l = rec[1 + 3 * i], nt = rec[3 + 3 * i];
		for (k = 0; k < nt; k++) {
			m->cnt[(f * 2 + l) * V + t[k]]++;
			m->all[l * V + t[k]]++;
			if (m->last[t[k]] != m->nbeh) {
				m->last[t[k]] = m->nbeh;
				m->df[l * V + t[k]]++;
			}
		}
		t += nt;
	}
}

/* Each behavior's held-out log-odds, then the lexical shortcut's pairs. */
static void score_record(struct audit *a, size_t scen, const uint32_t *rec, size_t n, void *arg)
{
	struct nb *m = arg;
	const uint32_t *t = rec + 1 + 3 * n;
	size_t i, k, c, r, f = a->fold[scen], V = m->V;
	double win = 0;

	XGROW(m->lo, m->alo, n + 1);
	for (i = 0; i < n; i++) {
		size_t nt = rec[3 + 3 * i];
		double lo = m->prior[f];
		for (k = 0; k < nt; k++) {
			double cd = (double)(m->all[t[k]] - m->cnt[(f * 2) * V + t[k]]);
			double cu = (double)(m->all[V + t[k]] - m->cnt[(f * 2 + 1) * V + t[k]]);
			if (cd + cu == 0)
				continue; /* a word the training folds never saw */
			lo += log((cd + 1) / (m->T[f][0] + m->Vf[f])) -
			      log((cu + 1) / (m->T[f][1] + m->Vf[f]));
		}
		m->lo[i] = lo;
		t += nt;
	}
	for (c = 0; c < n; c++)
		for (r = 0; r < n; r++)
			if ((int)rec[2 + 3 * c] < (int)rec[2 + 3 * r])
				win += higher(m->lo[c], m->lo[r]);
	a->num[scen * AUDIT_NSHORTCUTS + AUDIT_LEXICAL] = (float)win;
	if (a->on_lexical)
		a->on_lexical(a->on_lexical_arg, scen, m->lo, n);
}

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

/* Two passes over the records: count, then score each behavior held out. */
static void train_and_score(struct audit *a)
{
	struct nb m;
	size_t V = a->nwords, f, w, l;
	double tall[2] = {0, 0}, dall[2] = {0, 0};

	memset(&m, 0, sizeof(m));
	m.V = V;
	m.cnt = xcalloc((size_t)NFOLDS * 2 * V + 1, sizeof(uint32_t));
	m.df = xcalloc(2 * V + 1, sizeof(uint32_t));
	m.all = xcalloc(2 * V + 1, sizeof(uint64_t));
	m.last = xmalloc((V + 1) * sizeof(size_t));
	for (w = 0; w < V; w++)
		m.last[w] = (size_t)-1;
	for (f = 0; f < NFOLDS; f++) {
		for (l = 0; l < 2; l++) {
			tall[l] += a->tok[f][l];
			dall[l] += a->beh[f][l];
		}
	}
	if (each_record(a, count_record, &m) == 0) {
		for (f = 0; f < NFOLDS; f++) {
			double N[2];
			for (l = 0; l < 2; l++) {
				m.T[f][l] = tall[l] - a->tok[f][l];
				N[l] = dall[l] - a->beh[f][l];
			}
			/* the training folds' vocabulary */
			for (w = 0; w < V; w++)
				m.Vf[f] += m.all[w] + m.all[V + w] - m.cnt[(f * 2) * V + w] -
				               m.cnt[(f * 2 + 1) * V + w] >
				           0;
			m.prior[f] = log((N[0] + 1) / (N[1] + 1));
		}
		each_record(a, score_record, &m);
		pick_cues(a, &m, tall);
	}
	free(m.lo);
	free(m.last);
	free(m.all);
	free(m.df);
	free(m.cnt);
}

/* ---- pairs ---- */

/* Resampling order: by key; the same key twice (one id twice) by the figures. */
static const struct audit *sort_audit;

static int cmp_scen(const void *x, const void *y)
{
	const struct audit *a = sort_audit;
	size_t p = *(const size_t *)x, q = *(const size_t *)y;

	if (a->key[p] != a->key[q])
		return a->key[p] < a->key[q] ? -1 : 1;
	if (a->den[p] != a->den[q])
		return a->den[p] < a->den[q] ? -1 : 1;
	return memcmp(a->num + p * AUDIT_NSHORTCUTS, a->num + q * AUDIT_NSHORTCUTS,
	              AUDIT_NSHORTCUTS * sizeof(float));
}

/* The splits' order: by split, then as cmp_scen(). */
static int cmp_scen_split(const void *x, const void *y)
{
	const struct audit *a = sort_audit;
	size_t p = *(const size_t *)x, q = *(const size_t *)y;

	if (a->split[p] != a->split[q])
		return a->split[p] < a->split[q] ? -1 : 1;
	return cmp_scen(x, y);
}

/* Sort pick[0..n) with cmp (which reads sort_audit). */
static void sort_pick(const struct audit *a, size_t *pick, size_t n,
                      int (*cmp)(const void *, const void *))
{
	static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&sort_mu); /* qsort passes the comparison no argument */
	sort_audit = a;
	qsort(pick, n, sizeof(*pick), cmp);
	pthread_mutex_unlock(&sort_mu);
}

void audit_run(struct audit *a)
{
	size_t K = AUDIT_NSHORTCUTS, i, g, j, *pick, start = 0;

	pthread_mutex_lock(&a->mu);
	if (a->ran) {
		pthread_mutex_unlock(&a->mu);
		return;
	}
	train_and_score(a);
	pick = xmalloc((a->nscens + 1) * sizeof(size_t));
	for (i = 0; i < a->nscens; i++)
		pick[i] = i;
	/* all scenarios by key; then by split and key, a split after another */
	sort_pick(a, pick, a->nscens, cmp_scen);
	for (g = 0; g < AUDIT_NGROUPS; g++) {
		size_t n = 0;
		double lo[AUDIT_NSHORTCUTS], hi[AUDIT_NSHORTCUTS];
		double tn[AUDIT_NSHORTCUTS] = {0}, td = 0;

		if (g == 1)
			sort_pick(a, pick, a->nscens, cmp_scen_split);
		if (g != AUDIT_ALL)
			while (start < a->nscens && a->split[pick[start]] < g - 1)
				start++;
		for (i = g == AUDIT_ALL ? 0 : start; i < a->nscens; i++) {
			size_t s = pick[i];
			if (g != AUDIT_ALL && a->split[s] != g - 1)
				break;
			for (j = 0; j < K; j++)
				tn[j] += a->num[s * K + j];
			td += a->den[s];
			n++;
		}
		a->nscen[g] = n;
		a->npairs[g] = (size_t)td;
		boot_ratio(n, K, pick + (g == AUDIT_ALL ? 0 : start), a->num, a->den, 1, lo, hi);
		for (j = 0; j < K; j++) {
			a->fig[g][j].accuracy = td > 0 ? tn[j] / td : NAN;
			a->fig[g][j].lo = td > 0 ? lo[j] : NAN;
			a->fig[g][j].hi = td > 0 ? hi[j] : NAN;
		}
	}
	free(pick);
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
