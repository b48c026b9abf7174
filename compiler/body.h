/*
 * body: parse the CommonMark body with cmark and check its section structure
 * (docs/format.md section 2, "Body sections"), filling the section spans of struct doc.
 */
#ifndef BODY_H
#define BODY_H

#include "config.h"
#include "diag.h"
#include "doc.h"

/*
 * Find and check the sections of doc's body (doc->body_off onward). The
 * cmark tree stays in doc->md (built on this thread's mdmem.h chunks) for
 * the page; doc_free() lets it go.
 */
void body_check(struct doc *doc, const struct config *cfg, struct diag_sink *sink);

/* Trim leading and trailing blank lines from src[off .. end) into a span. */
struct span body_trim(const struct doc *doc, size_t off, size_t end);

/*
 * The body of a directory-form behavior file, src[off..end): the behavior's
 * text, then '## Thoughts' and the thoughts (docs/format.md 2.3).
 */
void body_behavior_file(struct doc *doc, struct behavior *b, size_t off, size_t end,
                        struct diag_sink *sink);

#endif
