/*
 * gate: the byte gate every file passes before any parser sees it (docs/format.md
 * section 2 "UTF-8 ..."; issue 8's defenses): UTF-8 validity, NUL, UTF-16,
 * BOM, CRLF and bare CR, C0/C1 controls, U+2028/2029, bidi controls, and the
 * size caps, each finding at its exact line and column.
 */
#ifndef GATE_H
#define GATE_H

#include "diag.h"
#include "doc.h"

#define GATE_MAX_FILE (1024 * 1024) /* bytes */
#define GATE_MAX_LINE (64 * 1024)   /* bytes */

/*
 * Check doc->src. Returns 1 when the parsers may run on it (findings such as
 * CRLF or a BOM are reported but parsing goes on), 0 when the text cannot be
 * parsed reliably (invalid UTF-8, NUL, UTF-16, bare CR, an over-long line).
 * *bom_len is set to the length of a leading BOM (0 or 3) to skip.
 */
int gate_check(const struct doc *doc, struct diag_sink *sink, size_t *bom_len);

/*
 * Report one merge-conflict error per line of doc->src that starts with
 * "<<<<<<< ", ">>>>>>> " or is "=======" alone (docs/format.md 3.1). Runs
 * before any other check: a file with markers gets no other finding, since
 * the YAML and Markdown parsers would only misread the markers. Returns the
 * number of marker lines.
 */
size_t gate_conflicts(const struct doc *doc, struct diag_sink *sink);

#endif
