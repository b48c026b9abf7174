/*
 * audit: how well trivial predictors, which never read the scenario, pick
 * the chosen behavior of each pair the consensus ranks strictly apart (the
 * comparisons), over all pairs and per split (docs/format.md 4.3, `audit`).
 *
 * The shortcuts: `position` (first in the release order wins),
 * `source-position` (first in the source file wins), `length` and
 * `thought-length` (more words win), `lexical` (multinomial naive Bayes,
 * add-one smoothing, over the lower-cased words of the behavior text,
 * trained to tell desirable from undesirable on 10 folds grouped by
 * scenario: fold = first byte of SHA-256(scenario id) mod 10, each fold
 * predicted by the model of the other nine; a word the training folds
 * never saw is skipped). A tie counts one half. Each figure has a 95%
 * scenario-bootstrap interval (boot.h). Words are those of words.h.
 *
 * Memory: per scenario its counts (about 40 bytes); the word ids of its
 * behaviors (4 bytes a word) go to an unlinked temporary file, in the
 * build's staging directory after audit_spill(), else in $TMPDIR (or
 * /tmp; in memory when neither can be written). Texts are not kept.
 * Adding is thread-safe; everything else runs on one thread after the
 * last audit_add().
 */
#ifndef AUDIT_H
#define AUDIT_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "doc.h"
#include "strbuf.h"

enum audit_shortcut {
	AUDIT_POSITION,
	AUDIT_SOURCE_POSITION,
	AUDIT_LENGTH,
	AUDIT_THOUGHT_LENGTH,
	AUDIT_LEXICAL,
	AUDIT_NSHORTCUTS
};

/* "position", "source-position", "length", "thought-length", "lexical" */
extern const char *const audit_names[AUDIT_NSHORTCUTS];

/* A group of pairs: all, or one split. */
enum { AUDIT_ALL = 0, AUDIT_NGROUPS = 4 }; /* 1 + split index: train, validation, test */
extern const char *const audit_group_names[AUDIT_NGROUPS];

/* One behavior as audit_add() takes it. */
struct audit_behavior {
	enum label label;
	int group;       /* consensus group, 0 = best */
	int release_pos; /* place in the release order (docs/format.md 5.1), 0 = first */
	int source_pos;  /* place in the source */
	const char *text, *thoughts;
	size_t text_len, thoughts_len;
};

struct audit_figure {
	double accuracy, lo, hi; /* NAN with no pair */
};

struct audit_cue {
	const char *word;
	double log_odds;               /* smoothed, of desirable */
	size_t desirable, undesirable; /* behaviors of each label using it */
};

#define AUDIT_NCUES 10

struct audit;

struct audit *audit_new(void);
void audit_free(struct audit *a);

/*
 * Keep the records in an unlinked temporary file in directory dirfd (a
 * build's staging directory) rather than in $TMPDIR; before any
 * audit_add(). Returns 0, or -1 after error().
 */
int audit_spill(struct audit *a, int dirfd);

/*
 * Add one scenario: its id (copied), split (0 train, 1 validation, 2 test)
 * and behaviors. Thread-safe.
 */
void audit_add(struct audit *a, const char *id, int split, const struct audit_behavior *b,
               size_t n);
/* Add a checked doc whose consensus is known (doc->consensus). */
void audit_add_doc(struct audit *a, const struct doc *doc, int split);

/*
 * Train the folds, score every pair, bootstrap; after the last audit_add().
 * Runs once: later calls (from any thread) wait for the first and return.
 */
void audit_run(struct audit *a);

/* Figures (after audit_run()). */
struct audit_figure audit_get(const struct audit *a, int group, enum audit_shortcut s);
size_t audit_pairs(const struct audit *a, int group);
size_t audit_scenarios(const struct audit *a, int group);
/* The cue words: AUDIT_NCUES at most each, strongest first. */
size_t audit_cues(const struct audit *a, int desirable, const struct audit_cue **out);

/* Room for n scenarios, so the arrays need not grow (and be copied) one by one. */
void audit_reserve(struct audit *a, size_t n);

/*
 * Have audit_run() call fn with the held-out lexical log-odds of desirable
 * of each scenario's behaviors (lo[0..n), in the order they were added);
 * scen counts scenarios in the order they were added, from 0.
 */
void audit_on_lexical(struct audit *a,
                      void (*fn)(void *arg, size_t scen, const double *lo, size_t n), void *arg);

/*
 * The policy's warnings (docs/format.md 4.3): a shortcut whose accuracy over
 * all pairs is above cfg->max_shortcut and whose interval's lower end is
 * above 0.5 is a `shortcut-<name>` warning at the policy key's position,
 * once the corpus has 10 scenarios (fewer give no warning). Returns how
 * many.
 */
size_t audit_warn(const struct audit *a, const struct config *cfg, struct diag_sink *sink);

/*
 * The report. group: -1 for every group, else only that one (the cue
 * words are always over the whole corpus).
 */
void audit_text(const struct audit *a, int group, struct strbuf *sb);
void audit_json(const struct audit *a, int group, struct strbuf *sb);
/* The shortcut table as Markdown (the card) or as an HTML <table> (the site). */
void audit_markdown(const struct audit *a, struct strbuf *sb);
void audit_html(const struct audit *a, struct strbuf *sb);

#endif
