/*
 * score: evaluate a reward model's scores on a release directory, the one a
 * user downloads (docs/format.md 4.3, `score`): pairwise accuracy over the
 * split's pairs (also per pair kind and per capability), best-of-n
 * accuracy, mean Kendall's tau-b against the consensus, each with a 95%
 * scenario-bootstrap interval (boot.h), beside the `length` and `lexical`
 * shortcuts (audit.h) and chance.
 *
 * Reads data/scenarios/<split>.jsonl of the release (every split: the
 * lexical shortcut trains on all of them, as the audit does), keeping a few
 * numbers per behavior, never the texts.
 */
#ifndef SCORE_H
#define SCORE_H

#include "strbuf.h"

struct score;

/*
 * Load the release in dir and evaluate split (train, validation or test).
 * Returns NULL after printing why (error()) when the release cannot be
 * read.
 */
struct score *score_load(const char *dir, const char *split);
void score_free(struct score *s);

/*
 * Read the scores file (JSONL of {"scenario_id", "behavior_id", "score"}).
 * Every behavior of the split's scenarios needs exactly one score; scores
 * of the release's other splits are read and ignored. Returns 0, or -1
 * after printing every missing, duplicate or unknown id and every bad line
 * (with its line number) on stderr.
 */
int score_read(struct score *s, const char *path);

/* Compute the metrics and write the report. */
void score_text(struct score *s, struct strbuf *sb);
void score_json(struct score *s, struct strbuf *sb);

#endif
