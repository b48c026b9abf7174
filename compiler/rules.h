/*
 * rules: the regex-rules stage (docs/format.md section 3, "regex rules").
 *
 * Input: the rule files of a rules directory (lint-rules/ by default: one YAML
 * file per rule; taxonomy.yaml and policy.yaml there are data, not rules) and
 * the struct doc of each scenario. Output: findings in a struct diag_sink --
 * problems of the rule files at their line:col in the rule file, matches of
 * the rules at their exact line:col in the scenario file.
 *
 * Patterns are pcre2 (UTF, UCP, \C disabled), JIT-compiled when the platform
 * allows it, and matched under match, depth, heap, JIT-stack and time limits,
 * so a pathological pattern or text yields a `regex-limit` finding, never a
 * hang. Rules may not use start-of-pattern (*VERB) options or callouts.
 * Setting the environment variable CORPUSC_NO_JIT turns JIT compilation off
 * (for valgrind, which flags the SIMD over-reads of JIT code).
 *
 * A rule file:
 *
 *   id: placeholder-text                  slug, required, unique, not built-in
 *   severity: error                       error | warning | note, required
 *   message: "placeholder text: {match}"  required; {match} = the matched text
 *   scope: [scenario, behavior]           required, non-empty; also thoughts,
 *                                         consequences, notes, title
 *   mode: forbid                          forbid (default) | require
 *   pattern: '\bTODO\b'                   required
 *   flags: [caseless]                     caseless multiline dotall extended
 *                                         ungreedy
 *   examples: {match: [...], nomatch: [...]}
 *   description: ...                      optional text for `corpusc explain`
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "doc.h"

/* The loaded, compiled rules; read-only once loaded (share it between threads). */
struct rules;
/* Per-thread match state: pcre2 match data, match context and JIT stack. */
struct rules_scratch;

/*
 * Load every *.yaml file of dir except taxonomy.yaml and policy.yaml (and
 * hidden files), in byte order of their names. Every problem is a finding in
 * sink at its line:col in the rule file (path dir + "/" + name):
 *   - rule-invalid: bad YAML (ytree's findings, renamed to this id), unknown or
 *     missing keys (with did-you-mean), bad values, an id already used by a
 *     built-in or another rule, a bad pattern (at the offending character when
 *     the pattern is a one-line plain or quoted scalar, else at the pattern's
 *     node), \C, start-of-pattern (*VERB) options, callouts; a *.yml file is a
 *     warning (it is not read);
 *   - rule-example: examples that do not match as they claim. Such a rule is
 *     kept in the set, inactive: rules_run() skips it, rules_test() and
 *     rules_explain() show it.
 * A rule with any rule-invalid problem is left out. Each active rule is
 * registered with ruleinfo_register() (family "regex"), so it is a known id
 * for suppressions, explain and SARIF; only one rule set should be loaded at
 * a time, and rules_free() drops the registrations.
 *
 * Returns the rule set, possibly empty; the caller frees it with rules_free().
 * Returns NULL only when dir cannot be opened (after error()).
 */
struct rules *rules_load(const char *dir, struct diag_sink *sink);

/* Free r and drop the ruleinfo registrations (ruleinfo_reset()); NULL is fine. */
void rules_free(struct rules *r);

/* The number of active rules: those rules_run() runs. */
size_t rules_count(const struct rules *r);

/* Match state for one thread; never NULL. Free with rules_scratch_free(). */
struct rules_scratch *rules_scratch_new(const struct rules *r);
void rules_scratch_free(struct rules_scratch *s); /* NULL is fine */

/*
 * Run every active rule over its scopes of doc, adding findings to sink at the
 * exact position of each match (doc_loc_at() of its byte offset in doc->src).
 *
 * Scopes: scenario, behavior (each behavior's text), thoughts, consequences,
 * notes -- the section spans of doc, each matched as its own subject, so ^, $
 * and \A see the section's ends -- and title (the title value; its columns are
 * exact when the value is written on one line without escapes, else every
 * match is reported at the title's node). Absent sections are skipped; empty
 * ones are skipped by forbid rules.
 *
 * forbid: every match is a finding, at most 20 per rule per file (the 20th
 * gets a note when there are more). require: a scope without a match is one
 * finding at the scope's start (its heading, or the title). {match} in the
 * message is the matched text, cut to 80 bytes on a UTF-8 boundary, with
 * newlines shown as "\n" (empty in require findings).
 *
 * Limits: a match that hits the pcre2 match, depth, heap or JIT-stack limit is
 * one regex-limit warning at the scope's start naming the rule, and the rule
 * stops for that scope; a rule that uses up its time budget for the file
 * (RULES_TIME_BUDGET_MS) gets one regex-limit warning and stops for the file.
 * A scope that is not valid UTF-8 is skipped (the encoding check reports it).
 *
 * Thread-safe with one scratch and one sink per thread; r is only read.
 */
void rules_run(const struct rules *r, struct rules_scratch *s, const struct doc *doc,
               struct diag_sink *sink);

/*
 * Check every rule's examples (each match example must match, no nomatch
 * example may) and print one line per rule in load order, "ok <id>" or
 * "FAIL <id>: example '<text>' should match" (or "should not match", or "hit
 * a match limit"), then "N rules, N failed" (singular for 1). Rules left out
 * for rule-invalid problems are not listed (they are findings of
 * rules_load()). Returns the number of failed rules.
 */
int rules_test(const struct rules *r, FILE *out);

/*
 * Print what `corpusc explain <id>` shows: for a rule of r its id, severity,
 * scopes, mode, description, message, flags, pattern, examples and file; for
 * a built-in id its family, severity, summary and help. Returns 0; for an
 * unknown id prints an error with a did-you-mean hint (ruleinfo_suggest()) to
 * stderr and returns -1. r may be NULL (built-ins only).
 */
int rules_explain(const struct rules *r, const char *id, FILE *out);

/* Limits; see rules.c for how they were chosen. */
#define RULES_MAX_FILE (256 * 1024) /* bytes of one rule file */
#define RULES_MAX_PATTERN 4096      /* bytes of one pattern */
#define RULES_MAX_FINDINGS 20       /* findings per rule per file */
#define RULES_MAX_EXAMPLE 4096      /* bytes of one example */
#define RULES_EXAMPLE_STEPS 1000000 /* pcre2 steps of one rule's examples */
#define RULES_LOAD_STEPS 10000000   /* pcre2 steps of all rules' examples */
/* CPU-time backstops (the steps and pcre2's own limits come first) */
#define RULES_TIME_BUDGET_MS 500  /* matching time per rule per file */
#define RULES_FILE_BUDGET_MS 800  /* matching time of all rules per file */
#define RULES_LOAD_BUDGET_MS 1000 /* example checks of all rule files */

#endif
