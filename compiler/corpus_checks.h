/*
 * corpus_checks: the corpus-wide checks of a lint run (duplicate ids, quest
 * turns and splits, near-duplicates, the suppressions themselves), one
 * function and one table row each; see corpus_checks.c.
 */
#ifndef CORPUS_CHECKS_H
#define CORPUS_CHECKS_H

#include "lint.h"

/*
 * Run every corpus-wide check over what lint_paths() kept, in table order,
 * applying the files' suppressions to the suppressible checks' findings.
 * Sorts lt->extras by index. The findings are left unsorted.
 */
void corpus_checks_run(struct lint *lt);

#endif
