/*
 * emit_jsonl: scenario and comparison records; see emit_jsonl.h and the
 * record layout of docs/format.md 5.1.
 */
#include "emit_jsonl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "sha.h"
#include "xalloc.h"

/* The first soft break at or after off (binary search). */
static size_t first_softbreak(const struct doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->nsoftbreaks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->softbreaks[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does sp need more than escaping: a CR, or a soft break to join? */
static int needs_rewrite(const struct doc *doc, const struct span *sp)
{
	size_t k = first_softbreak(doc, sp->off);

	if (k < doc->nsoftbreaks && doc->softbreaks[k] < sp->off + sp->len)
		return 1;
	return memchr(doc->src + sp->off, '\r', sp->len) != NULL;
}

/* The text of sp with LF line endings; soft breaks joined when join is set. */
static void text_out(struct strbuf *sb, const struct doc *doc, const struct span *sp, int join)
{
	const char *src = doc->src;
	size_t p = sp->off, e = sp->off + sp->len, start = p;
	size_t k = join ? first_softbreak(doc, sp->off) : doc->nsoftbreaks;

	/* line endings become LF; a soft break and the next line's indent, one space */
	while (p < e) {
		if (src[p] != '\r' && src[p] != '\n') {
			p++;
			continue;
		}
		strbuf_add(sb, src + start, p - start);
		while (k < doc->nsoftbreaks && doc->softbreaks[k] < p)
			k++;
		if (k < doc->nsoftbreaks && doc->softbreaks[k] == p) {
			p += src[p] == '\r' && p + 1 < e && src[p + 1] == '\n' ? 2 : 1;
			/*
			 * In a block quote the next line's '>' markers go too: a
			 * paragraph's line never starts with a '>' of its own
			 * (that would open a quote), so nothing else is lost.
			 */
			while (p < e && (src[p] == ' ' || src[p] == '\t' || src[p] == '>'))
				p++;
			strbuf_addch(sb, ' ');
		} else {
			p += src[p] == '\r' && p + 1 < e && src[p + 1] == '\n' ? 2 : 1;
			strbuf_addch(sb, '\n');
		}
		start = p;
	}
	strbuf_add(sb, src + start, e - start);
}

void emit_text_raw(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	text_out(sb, doc, sp, 1);
}

void emit_text_source(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	text_out(sb, doc, sp, 0);
}

void emit_text_json(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	if (needs_rewrite(doc, sp)) {
		struct strbuf t = STRBUF_INIT;
		emit_text_raw(&t, doc, sp);
		json_str(sb, t.buf, t.len);
		strbuf_release(&t);
	} else {
		json_str(sb, doc->src + sp->off, sp->len);
	}
}

/*
 * The JSON strings of doc's scenario text (0) and of each behavior's text
 * (1 + 2i) and thoughts (2 + 2i); free with free_texts().
 */
static struct strbuf *escape_texts(const struct doc *doc)
{
	struct strbuf *json = xcalloc(1 + 2 * doc->nbehaviors, sizeof(*json));
	size_t i;

	emit_text_json(&json[0], doc, &doc->scenario);
	for (i = 0; i < doc->nbehaviors; i++) {
		emit_text_json(&json[1 + 2 * i], doc, &doc->behaviors[i].text);
		emit_text_json(&json[2 + 2 * i], doc, &doc->behaviors[i].thoughts);
	}
	return json;
}

static void free_texts(struct strbuf *json, const struct doc *doc)
{
	size_t i;

	for (i = 0; i < 1 + 2 * doc->nbehaviors; i++)
		strbuf_release(&json[i]);
	free(json);
}

void emit_consensus_order(const struct doc *doc, int *order)
{
	size_t i, j;

	for (i = 0; i < doc->nbehaviors; i++)
		order[i] = (int)i;
	/* insertion sort, no global state: behavior counts are small */
	for (i = 1; i < doc->nbehaviors; i++) {
		int v = order[i];
		for (j = i; j > 0; j--) {
			int u = order[j - 1], c;
			if (doc->consensus[u] != doc->consensus[v])
				c = doc->consensus[u] > doc->consensus[v];
			else
				c = strcmp(doc->behaviors[u].id, doc->behaviors[v].id) > 0;
			if (!c)
				break;
			order[j] = u;
		}
		order[j] = v;
	}
}

void emit_release_order(const struct doc *doc, int *order)
{
	size_t i, j, n = doc->nbehaviors;
	unsigned char(*d)[32] = xmalloc((n + 1) * sizeof(*d));
	struct strbuf key = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		strbuf_reset(&key);
		strbuf_addstr(&key, doc->id);
		strbuf_addch(&key, '/');
		strbuf_addstr(&key, doc->behaviors[i].id);
		sha256(key.buf, key.len, d[i]);
		order[i] = (int)i;
	}
	/* the bytes of a digest compare as its lower-case hex does */
	for (i = 1; i < n; i++) {
		int v = order[i];
		for (j = i; j > 0 && memcmp(d[order[j - 1]], d[v], 32) > 0; j--)
			order[j] = order[j - 1];
		order[j] = v;
	}
	strbuf_release(&key);
	free(d);
}

void emit_ranking_order(const struct doc *doc, int *order)
{
	size_t i, j;

	/* insertion sort by ranker: rankings are few */
	for (i = 0; i < doc->nrankings; i++) {
		for (j = i;
		     j > 0 && strcmp(doc->rankings[order[j - 1]].by, doc->rankings[i].by) > 0; j--)
			order[j] = order[j - 1];
		order[j] = (int)i;
	}
}

const char *emit_pair_kind(const struct doc *doc, int chosen, int rejected)
{
	int dc = doc->behaviors[chosen].label == LABEL_DESIRABLE;
	int dr = doc->behaviors[rejected].label == LABEL_DESIRABLE;

	if (dc && !dr)
		return "desirable>undesirable";
	if (dc)
		return "desirable>desirable";
	if (!dr)
		return "undesirable>undesirable";
	return "undesirable>desirable"; /* lint makes this an error */
}

static const char *label_name(enum label l)
{
	return l == LABEL_DESIRABLE ? "desirable" : "undesirable";
}

static int ranking_group(const struct ranking *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (!strcmp(r->items[i].id, id))
			return r->items[i].group;
	return -1;
}

double emit_pair_agreement(const struct doc *doc, int a, int b)
{
	size_t i, above = 0;

	if (!doc->nrankings)
		return 0;
	for (i = 0; i < doc->nrankings; i++) {
		int ga = ranking_group(&doc->rankings[i], doc->behaviors[a].id);
		int gb = ranking_group(&doc->rankings[i], doc->behaviors[b].id);
		if (ga >= 0 && gb >= 0 && ga < gb)
			above++;
	}
	return (double)above / (double)doc->nrankings;
}

static void order_groups(struct strbuf *sb, const struct ranking *r)
{
	int g;
	size_t i;

	strbuf_addch(sb, '[');
	for (g = 0; g < r->ngroups; g++) {
		int first = 1;
		if (g)
			strbuf_addch(sb, ',');
		strbuf_addch(sb, '[');
		for (i = 0; i < r->nitems; i++) {
			if (r->items[i].group != g)
				continue;
			if (!first)
				strbuf_addch(sb, ',');
			json_cstr(sb, r->items[i].id);
			first = 0;
		}
		strbuf_addch(sb, ']');
	}
	strbuf_addch(sb, ']');
}

void emit_scenario_line(struct strbuf *sb, const struct doc *doc, const struct emit_ctx *ctx)
{
	size_t i, k;
	int *order = xmalloc((doc->nbehaviors + 1) * sizeof(int));

	strbuf_addstr(sb, "{\"id\":");
	json_cstr(sb, doc->id);
	strbuf_addstr(sb, ",\"title\":");
	json_cstr(sb, doc->title);
	strbuf_addstr(sb, ",\"split\":");
	json_cstr(sb, ctx->split);
	strbuf_addstr(sb, ",\"authors\":");
	json_str_array(sb, doc->authors, doc->nauthors);
	strbuf_addstr(sb, ",\"origin\":");
	json_cstr(sb, doc->origin);
	strbuf_addstr(sb, ",\"license\":");
	json_cstr(sb, doc->license ? doc->license : ctx->cfg->license);
	strbuf_addstr(sb, ",\"capabilities\":");
	json_str_array(sb, doc->capabilities, doc->ncapabilities);
	strbuf_addstr(sb, ",\"tags\":");
	json_str_array(sb, doc->tags, doc->ntags);
	strbuf_addstr(sb, ",\"scenario\":");
	emit_text_json(sb, doc, &doc->scenario);
	strbuf_addstr(sb, ",\"behaviors\":[");
	emit_release_order(doc, order);
	for (k = 0; k < doc->nbehaviors; k++) {
		const struct behavior *b = &doc->behaviors[order[k]];
		if (k)
			strbuf_addch(sb, ',');
		strbuf_addstr(sb, "{\"id\":");
		json_cstr(sb, b->id);
		strbuf_addstr(sb, ",\"label\":");
		json_cstr(sb, label_name(b->label));
		strbuf_addstr(sb, ",\"features\":");
		json_str_array(sb, b->features, b->nfeatures);
		strbuf_addf(sb, ",\"superhuman\":%s", b->superhuman == 1 ? "true" : "false");
		/* a behavior file of the directory form may name its own (5.1) */
		strbuf_addstr(sb, ",\"authors\":");
		if (b->authors)
			json_str_array(sb, b->authors, b->nauthors);
		else
			json_str_array(sb, doc->authors, doc->nauthors);
		strbuf_addstr(sb, ",\"origin\":");
		json_cstr(sb, b->origin ? b->origin : doc->origin);
		strbuf_addstr(sb, ",\"text\":");
		emit_text_json(sb, doc, &b->text);
		strbuf_addstr(sb, ",\"thoughts\":");
		emit_text_json(sb, doc, &b->thoughts);
		strbuf_addch(sb, '}');
	}
	strbuf_addstr(sb, "],\"rankings\":[");
	{
		int *ro = xmalloc((doc->nrankings + 1) * sizeof(int));
		emit_ranking_order(doc, ro);
		for (i = 0; i < doc->nrankings; i++) {
			const struct ranking *rk = &doc->rankings[ro[i]];
			if (i)
				strbuf_addch(sb, ',');
			strbuf_addstr(sb, "{\"by\":");
			json_cstr(sb, rk->by);
			strbuf_addstr(sb, ",\"order\":");
			order_groups(sb, rk);
			strbuf_addch(sb, '}');
		}
		free(ro);
	}
	strbuf_addstr(sb, "],\"consensus\":[");
	emit_consensus_order(doc, order);
	for (i = 0; i < doc->nbehaviors; i++) {
		int g = doc->consensus[order[i]];
		if (!i)
			strbuf_addch(sb, '[');
		else if (g != doc->consensus[order[i - 1]])
			strbuf_addstr(sb, "],[");
		else
			strbuf_addch(sb, ',');
		json_cstr(sb, doc->behaviors[order[i]].id);
	}
	if (doc->nbehaviors)
		strbuf_addch(sb, ']');
	strbuf_addstr(sb, "],\"agreement\":");
	if (doc->nrankings < 2 || isnan(doc->agreement))
		strbuf_addstr(sb, "null");
	else
		json_num4(sb, doc->agreement);
	strbuf_addstr(sb, ",\"quest\":");
	json_cstr(sb, doc->quest);
	strbuf_addstr(sb, ",\"turn\":");
	if (doc->quest)
		strbuf_addf(sb, "%ld", doc->turn);
	else
		strbuf_addstr(sb, "null");
	strbuf_addstr(sb, ",\"chosen\":");
	json_cstr(sb, doc->quest ? doc->chosen : NULL);
	strbuf_addstr(sb, ",\"consequences\":");
	if (doc->has_consequences)
		emit_text_json(sb, doc, &doc->consequences);
	else
		strbuf_addstr(sb, "null");
	strbuf_addstr(sb, ",\"source\":");
	json_cstr(sb, ctx->source);
	strbuf_addstr(sb, ",\"canary\":");
	json_cstr(sb, ctx->cfg->canary);
	strbuf_addstr(sb, "}\n");
	free(order);
}

size_t emit_comparison_lines(struct strbuf *sb, const struct doc *doc, const struct emit_ctx *ctx)
{
	int *order = xmalloc((doc->nbehaviors + 1) * sizeof(int));
	size_t i, j, n = 0, nb = doc->nbehaviors;
	struct strbuf head = STRBUF_INIT, tail = STRBUF_INIT, id = STRBUF_INIT;
	/* each text goes into several pairs: escape it once */
	struct strbuf *json = escape_texts(doc);
	const struct strbuf *text = json + 1;

	strbuf_addstr(&head, ",\"scenario_id\":");
	json_cstr(&head, doc->id);
	strbuf_addstr(&head, ",\"split\":");
	json_cstr(&head, ctx->split);
	strbuf_addstr(&tail, ",\"canary\":");
	json_cstr(&tail, ctx->cfg->canary);
	strbuf_addstr(&tail, "}\n");
	emit_consensus_order(doc, order);
	for (i = 0; i < nb; i++) {
		for (j = i + 1; j < nb; j++) {
			int c = order[i], r = order[j];

			if (doc->consensus[c] == doc->consensus[r])
				continue;
			strbuf_addstr(sb, "{\"id\":");
			strbuf_reset(&id);
			strbuf_addstr(&id, doc->id);
			strbuf_addch(&id, ':');
			strbuf_addstr(&id, doc->behaviors[c].id);
			strbuf_addch(&id, '>');
			strbuf_addstr(&id, doc->behaviors[r].id);
			json_str(sb, id.buf, id.len);
			strbuf_add(sb, head.buf, head.len);
			strbuf_addstr(sb, ",\"kind\":");
			json_cstr(sb, emit_pair_kind(doc, c, r));
			strbuf_addstr(sb, ",\"prompt\":");
			strbuf_add(sb, json[0].buf, json[0].len);
			strbuf_addstr(sb, ",\"chosen_id\":");
			json_cstr(sb, doc->behaviors[c].id);
			strbuf_addstr(sb, ",\"rejected_id\":");
			json_cstr(sb, doc->behaviors[r].id);
			strbuf_addstr(sb, ",\"chosen_label\":");
			json_cstr(sb, label_name(doc->behaviors[c].label));
			strbuf_addstr(sb, ",\"rejected_label\":");
			json_cstr(sb, label_name(doc->behaviors[r].label));
			strbuf_addstr(sb, ",\"chosen\":");
			strbuf_add(sb, text[2 * c].buf, text[2 * c].len);
			strbuf_addstr(sb, ",\"rejected\":");
			strbuf_add(sb, text[2 * r].buf, text[2 * r].len);
			strbuf_addstr(sb, ",\"chosen_thoughts\":");
			strbuf_add(sb, text[2 * c + 1].buf, text[2 * c + 1].len);
			strbuf_addstr(sb, ",\"rejected_thoughts\":");
			strbuf_add(sb, text[2 * r + 1].buf, text[2 * r + 1].len);
			strbuf_addstr(sb, ",\"agreement\":");
			json_num4(sb, emit_pair_agreement(doc, c, r));
			strbuf_add(sb, tail.buf, tail.len);
			n++;
		}
	}
	free_texts(json, doc);
	strbuf_release(&head);
	strbuf_release(&tail);
	strbuf_release(&id);
	free(order);
	return n;
}
