/*
 * ruleinfo: metadata of every rule id corpusc can report -- the built-in checks
 * and the regex rules loaded from lint-rules/. Used by suppression (is this a
 * known rule id?), `corpusc explain`, and the SARIF rules table.
 */
#ifndef RULEINFO_H
#define RULEINFO_H

#include "diag.h"

struct rule_meta {
	const char *id;
	const char *family;     /* schema, ranking, thoughts, hygiene, regex, ... */
	enum diag_severity sev; /* default severity */
	const char *summary;    /* one line: what is wrong */
	const char *help;       /* what to do about it */
};

/* The rule with this id (built-in or registered), or NULL. */
const struct rule_meta *ruleinfo_find(const char *id);
/* Register a rule loaded from data; strings must outlive the process run. */
void ruleinfo_register(const struct rule_meta *meta);
/* Iterate: all built-in rules, then registered ones; NULL past the end. */
const struct rule_meta *ruleinfo_at(size_t i);
/* The closest known id to s (for did-you-mean), or NULL. */
const char *ruleinfo_suggest(const char *s);
/* Drop registered rules (for tests and leak checks). */
void ruleinfo_reset(void);

#endif
