/*
 * emit_bigbench: the release's bigbench/task.json, the test split as a
 * BIG-bench JSON task (docs/format.md 5): one multiple-choice example per
 * scenario, its input the scenario text and its target_scores each
 * behavior's text mapped to 1 when it is in the consensus's first group,
 * else 0, behaviors in the release order.
 */
#ifndef EMIT_BIGBENCH_H
#define EMIT_BIGBENCH_H

#include "config.h"
#include "doc.h"
#include "strbuf.h"

/* The task's keys up to the examples' opening bracket. */
void emit_bigbench_head(struct strbuf *sb, const struct config *cfg);
/* One example of a checked doc (its consensus known), without separators. */
void emit_bigbench_example(struct strbuf *sb, const struct doc *doc);
/* The end of the examples and of the task. */
void emit_bigbench_tail(struct strbuf *sb);

#endif
