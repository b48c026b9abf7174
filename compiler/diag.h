/*
 * diag: corpus findings (docs/conventions.md section 5, channel 2; docs/format.md section 3 and 4).
 *
 * Checks add findings to a struct diag_sink with diag_add(); nothing aborts the
 * run. The command sorts all findings by path, line and column and prints them
 * in one of the output formats of docs/format.md section 4.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "xalloc.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

/* A position in a file; line and col are 1-based (col counts code points). */
struct loc {
	const char *path;
	int line, col;
};

struct diag {
	enum diag_severity sev;
	char *path;
	int line, col;
	char *rule;
	char *msg;
	char *note;    /* optional context, e.g. "first defined at x.md:3:5" */
	char *excerpt; /* the source line, for the caret display; may be NULL */
};

/*
 * Where findings go. `lines` optionally points at the text of the file being
 * checked so diag_add() can copy the source line for the caret excerpt.
 */
struct diag_sink {
	struct diag *items;
	size_t nr, alloc;
	const char *src; /* borrowed: the file being checked, or NULL */
	size_t src_len;
	const char *src_path;
	const size_t *line_starts; /* optional index of src's lines */
	size_t nlines;
};

#define DIAG_SINK_INIT                                                                             \
	{                                                                                          \
		NULL, 0, 0, NULL, 0, NULL, NULL, 0                                                 \
	}

/* Add a finding. rule is a stable rule id; fmt is a printf format. */
void diag_add(struct diag_sink *sink, enum diag_severity sev, const struct loc *loc,
              const char *rule, const char *fmt, ...) XALLOC_PRINTF(5, 6);
/* Attach a context note to the finding added last. */
void diag_note(struct diag_sink *sink, const char *fmt, ...) XALLOC_PRINTF(2, 3);
/* Move every finding of src to the end of dst; src is left empty. */
void diag_move(struct diag_sink *dst, struct diag_sink *src);
/* Remove finding i (order of the rest is kept). */
void diag_remove(struct diag_sink *sink, size_t i);
void diag_sort(struct diag_sink *sink);
void diag_release(struct diag_sink *sink);
size_t diag_count(const struct diag_sink *sink, enum diag_severity sev);

const char *diag_severity_name(enum diag_severity sev);
/* Parse "error", "warning" or "note"; -1 when none of them. */
int diag_severity_parse(const char *s);

enum diag_format { DIAG_FORMAT_GCC, DIAG_FORMAT_JSON, DIAG_FORMAT_SARIF, DIAG_FORMAT_GITHUB };

/* Parse a --format value; -1 when unknown. */
int diag_format_parse(const char *s);

struct diag_summary {
	size_t files; /* files checked */
	const char *tool_version;
	int caret; /* gcc format: show the source line and a caret */
};

/*
 * Print the sorted findings. gcc goes to `err` (with a summary line); the
 * machine formats go to `out`. Every string from the corpus is escaped for
 * the target (terminal, JSON, workflow command).
 */
void diag_print(const struct diag_sink *sink, enum diag_format fmt, const struct diag_summary *sum,
                FILE *out, FILE *err);

/* Append s to sb with terminal-unsafe characters (C0/C1 controls, bidi
 * controls, U+2028/2029) shown as \xNN or \u{NNNN}. */
struct strbuf;
void diag_escape_terminal(struct strbuf *sb, const char *s);

#endif
