/*
 * emit_jsonl: the JSONL records of docs/format.md 5.1 -- a scenario line and its
 * comparison lines -- from a checked doc. Keys are in the spec's order and
 * texts are the Markdown source of their sections with LF line endings.
 */
#ifndef EMIT_JSONL_H
#define EMIT_JSONL_H

#include "config.h"
#include "doc.h"
#include "strbuf.h"

struct emit_ctx {
	const struct config *cfg;
	const char *split;  /* the scenario's split */
	const char *source; /* path in the repository */
};

/* Append the section text of span sp to sb as a JSON string. */
void emit_text_json(struct strbuf *sb, const struct doc *doc, const struct span *sp);
/* Append the section text of span sp to sb, raw: as in the records, LF
 * line endings and soft breaks joined (docs/format.md 5.1). */
void emit_text_raw(struct strbuf *sb, const struct doc *doc, const struct span *sp);
/* The source of span sp with LF line endings, soft breaks as written. */
void emit_text_source(struct strbuf *sb, const struct doc *doc, const struct span *sp);

/* One scenario record line, data/scenarios/<split>.jsonl (with the newline). */
void emit_scenario_line(struct strbuf *sb, const struct doc *doc, const struct emit_ctx *ctx);
/* The comparisons.jsonl lines of doc; returns how many. */
size_t emit_comparison_lines(struct strbuf *sb, const struct doc *doc, const struct emit_ctx *ctx);

/*
 * The behavior indices of doc in consensus order (best first; ties by id),
 * written to order[nbehaviors]. Requires doc->consensus.
 */
void emit_consensus_order(const struct doc *doc, int *order);

/*
 * The behavior indices of doc in the release order (docs/format.md 5.1: by the
 * SHA-256 of "<scenario id>/<behavior id>"), written to order[nbehaviors].
 */
void emit_release_order(const struct doc *doc, int *order);

/* The ranking indices of doc sorted by ranker (`by`), to order[nrankings]. */
void emit_ranking_order(const struct doc *doc, int *order);

/* The pair's kind, e.g. "desirable>undesirable", from the two labels. */
const char *emit_pair_kind(const struct doc *doc, int chosen, int rejected);

/* Share of rankers who put behavior a strictly above b. */
double emit_pair_agreement(const struct doc *doc, int a, int b);

#endif
