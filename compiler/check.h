/*
 * check: the per-file checks that run after the front matter and body are
 * loaded (docs/format.md section 3), listed in one table in lint.c. Each reads the doc
 * and adds findings; none modifies what another reads, except check_ranking,
 * which stores the consensus and agreement in the doc for the emitters.
 */
#ifndef CHECK_H
#define CHECK_H

#include "config.h"
#include "diag.h"
#include "doc.h"

/* Ranking consistency: ids, rankers, labels, agreement, cycles, chosen. */
void check_ranking(struct doc *doc, const struct config *cfg, struct diag_sink *sink);
/* Thought annotations: present, long enough, not a repeat of the text. */
void check_thought(struct doc *doc, const struct config *cfg, struct diag_sink *sink);
/* Coverage and hygiene within a file: feature polarity, superhuman share. */
void check_hygiene(struct doc *doc, const struct config *cfg, struct diag_sink *sink);

/* A behavior's thought words: check_thought()'s count, else counted now. */
size_t thought_words(const struct doc *doc, const struct behavior *b);

#endif
