/*
 * cmd_audit: `corpusc audit [--format text|json] [--split S] [<path>...]` --
 * how well shortcuts that never read the scenario pick the chosen behavior
 * of each pair (docs/format.md 4.3; the predictors are in audit.h). The
 * policy's max_shortcut warnings go to stderr in gcc format.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "lint.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc audit [--format=(text|json)] [--split=<split>] [--rules=<dir>]\n"
    "                     [<path>...]\n"
    "\n"
    "Measure how well trivial predictors that never read the scenario pick the\n"
    "chosen behavior of each pair the consensus ranks strictly apart: position,\n"
    "source-position, length, thought-length and lexical (naive Bayes over the\n"
    "behavior's words), over all pairs and per split, with 95% scenario-bootstrap\n"
    "intervals, and the words most typical of each label. A shortcut above the\n"
    "policy's max_shortcut is a warning on stderr. Files with lint errors are left\n"
    "out. --split shows one split (train, validation or test) only.\n"
    "\n"
    "exit status: 0 ok, 2 usage or I/O error\n";

/* The lint fills lt.audit with the files without errors; these are counted. */
struct audit_run {
	pthread_mutex_t mu;
	size_t broken;
	size_t open; /* unresolved quest turns: in no record, so not audited */
};

static int split_index(const char *s)
{
	return !strcmp(s, "train") ? 0 : !strcmp(s, "validation") ? 1 : 2;
}

static void on_doc(void *arg, size_t index, struct doc *doc, int had_error)
{
	struct audit_run *ar = arg;

	(void)index;
	if (doc && !had_error && doc_unresolved(doc)) {
		pthread_mutex_lock(&ar->mu);
		ar->open++;
		pthread_mutex_unlock(&ar->mu);
	} else if (had_error || !doc || !doc->consensus) {
		pthread_mutex_lock(&ar->mu);
		ar->broken++;
		pthread_mutex_unlock(&ar->mu);
	}
}

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"split", required_argument, NULL, 's'},
	                                     {"rules", required_argument, NULL, 'r'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct lint lt;
	struct audit_run ar;
	struct diag_sink warn = DIAG_SINK_INIT;
	struct strbuf out = STRBUF_INIT;
	const char *rules_dir = NULL, *split = NULL;
	char *def = NULL;
	int c, json = 0, group = -1, ret;
	size_t i;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cmd_usage(usage_text, 2);
			break;
		case 's':
			split = optarg;
			break;
		case 'r':
			rules_dir = optarg;
			break;
		case 'h':
			return cmd_usage(usage_text, 0);
		default:
			return cmd_usage(usage_text, 2);
		}
	}
	if (split) {
		if (strcmp(split, "train") && strcmp(split, "validation") &&
		    strcmp(split, "test")) {
			fprintf(stderr,
			        "corpusc: error: unknown split '%s'; use train, validation "
			        "or test\n",
			        split);
			return cmd_usage(usage_text, 2);
		}
		group = 1 + split_index(split);
	}
	if (lint_init(&lt, rules_dir) < 0) {
		lint_release(&lt);
		return 2;
	}
	memset(&ar, 0, sizeof(ar));
	pthread_mutex_init(&ar.mu, NULL);
	lt.on_doc = on_doc;
	lt.on_doc_arg = &ar;
	if (optind < argc) {
		ret = lint_paths(&lt, argv + optind, (size_t)(argc - optind));
	} else {
		def = lint_default_path(&lt);
		ret = lint_paths(&lt, &def, 1);
	}
	lint_finish(&lt); /* its corpus-wide checks run the audit */
	if (json)
		audit_json(lt.audit, group, &out);
	else
		audit_text(lt.audit, group, &out);
	fwrite(out.buf, 1, out.len, stdout);
	audit_warn(lt.audit, &lt.cfg, &warn);
	for (i = 0; i < warn.nr; i++)
		fprintf(stderr, "%s:%d:%d: warning: %s [%s]\n", warn.items[i].path,
		        warn.items[i].line, warn.items[i].col, warn.items[i].msg,
		        warn.items[i].rule);
	if (ar.broken)
		fprintf(stderr, "corpusc: %zu file%s with lint errors left out\n", ar.broken,
		        ar.broken == 1 ? "" : "s");
	if (ar.open)
		fprintf(stderr, "corpusc: %zu open quest turn%s left out (not resolved yet)\n",
		        ar.open, ar.open == 1 ? "" : "s");
	diag_release(&warn);
	strbuf_release(&out);
	pthread_mutex_destroy(&ar.mu);
	free(def);
	lint_release(&lt);
	return ret < 0 ? 2 : 0;
}
