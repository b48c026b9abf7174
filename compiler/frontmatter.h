/*
 * frontmatter: split the '---' block off a scenario file, parse it with ytree
 * and check it against the schema of docs/format.md section 2 ("Front matter keys"),
 * filling the front-matter fields of struct doc.
 */
#ifndef FRONTMATTER_H
#define FRONTMATTER_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "doc.h"

#define FRONTMATTER_MAX (64 * 1024)

/*
 * Check and load doc's front matter, starting at byte start (after a BOM).
 * Sets doc->fm_ok when the block was found and parsed, and doc->body_off and
 * doc->body_line to where the body begins. Findings go to sink.
 */
void frontmatter_check(struct doc *doc, size_t start, const struct config *cfg,
                       struct diag_sink *sink);

/* The id a file name implies: the base name without ".md" and, in a quest
 * directory, without the "NN-" prefix (written to buf). *turn gets NN or 0.
 * A path ending in '/' is a directory-form scenario, named by its directory. */
void frontmatter_file_id(const char *path, char *buf, size_t size, long *turn, int *in_quest,
                         char *quest, size_t qsize);

/*
 * The directory form (docs/format.md 2.3). A behavior file: its front matter
 * (label, features, superhuman, optional authors and origin) into b, whose
 * id is the file's name; *body_off gets where its body begins. Returns 1 when
 * the front matter was read. A ranking file: 'order' and an optional 'note',
 * ranked by handle (the file's name).
 */
int frontmatter_behavior_file(struct doc *doc, struct behavior *b, const char *id,
                              const struct doc_piece *pc, const struct config *cfg,
                              struct diag_sink *sink, size_t *body_off);
void frontmatter_ranking_file(struct doc *doc, struct ranking *r, const char *handle,
                              const struct doc_piece *pc, struct diag_sink *sink);

#endif
