/*
 * dirform: the directory form of a scenario (docs/format.md 2.3, "one file per
 * contribution"): scenario.md, behaviors/<behavior-id>.md and
 * rankings/<handle>.yaml assembled into one doc, so that every check of the
 * file form runs on it unchanged and reports in the file that holds the text.
 */
#ifndef DIRFORM_H
#define DIRFORM_H

#include "config.h"
#include "diag.h"
#include "doc.h"

/* Does the directory dir (no trailing '/') hold a scenario.md? */
int dirform_is_scenario(const char *dir);

/*
 * Read the scenario directory path (ending in '/') into one doc: scenario.md,
 * then behaviors/<id>.md by id, then rankings/<handle>.yaml by handle, each on a new
 * line, with a piece per file. Every file passes the byte gate (conflict
 * markers first); stray files are findings. Returns the doc, or NULL when
 * scenario.md cannot be read. *ok is 0 when the text cannot be parsed.
 */
struct doc *dirform_read(const char *path, struct diag_sink *sink, int *ok);

/*
 * After frontmatter_check() and body_check() of scenario.md: read the
 * behavior and ranking files into the doc, and check what the turn's status
 * allows (docs/format.md 2.3's table).
 */
void dirform_check(struct doc *doc, const struct config *cfg, struct diag_sink *sink);

#endif
