/*
 * cmd_rules: `corpusc rules --test [<dir>]` checks every regex rule's
 * examples, and `corpusc explain <id>` describes a rule (docs/format.md section 3-4).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "config.h"
#include "diag.h"
#include "ruleinfo.h"
#include "rules.h"
#include "xalloc.h"

static const char rules_usage[] =
    "usage: corpusc rules --test [<dir>]\n"
    "\n"
    "Load the regex rules of <dir> (default: the repository's lint-rules/) and\n"
    "check that every rule's examples match (and do not match) as they claim.\n"
    "Problems in rule files are printed as findings.\n"
    "\n"
    "exit status: 0 all rules load and pass, 1 a rule is invalid or fails its\n"
    "examples, 2 usage or I/O error\n";

static const char explain_usage[] =
    "usage: corpusc explain [--rules=<dir>] <rule-id>\n"
    "\n"
    "Describe a rule: built-in checks and the regex rules of lint-rules/.\n"
    "\n"
    "exit status: 0 found, 2 unknown id or usage error\n";

/* The rules directory: the argument, else the repository's lint-rules/. */
static char *rules_dir_or_default(const char *arg)
{
	char *root, *dir;
	size_t n;

	if (arg)
		return xstrdup(arg);
	root = config_find_root();
	if (!root)
		return NULL;
	n = strlen(root) + sizeof("/lint-rules");
	dir = xmalloc(n);
	snprintf(dir, n, "%s/lint-rules", root);
	free(root);
	return dir;
}

int cmd_rules(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"test", no_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct diag_sink sink = DIAG_SINK_INIT;
	struct diag_summary sum = {0, CORPUSC_VERSION, 0};
	struct rules *r;
	char *dir;
	int c, test = 0, failed, status;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 't')
			test = 1;
		else if (c == 'h')
			return cmd_usage(rules_usage, 0);
		else
			return cmd_usage(rules_usage, 2);
	}
	if (!test || argc - optind > 1)
		return cmd_usage(rules_usage, 2);
	dir = rules_dir_or_default(optind < argc ? argv[optind] : NULL);
	if (!dir) {
		error("no repository root found; name the rules directory");
		return 2;
	}
	r = rules_load(dir, &sink);
	if (!r) {
		free(dir);
		return 2;
	}
	failed = rules_test(r, stdout);
	diag_sort(&sink);
	if (sink.nr)
		diag_print(&sink, DIAG_FORMAT_GCC, &sum, stdout, stderr);
	status = failed || diag_count(&sink, DIAG_ERROR) ? 1 : 0;
	rules_free(r);
	diag_release(&sink);
	ruleinfo_reset();
	free(dir);
	return status;
}

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {{"rules", required_argument, NULL, 'r'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct diag_sink sink = DIAG_SINK_INIT;
	struct rules *r = NULL;
	const char *rules_arg = NULL;
	char *dir;
	int c, status;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'r')
			rules_arg = optarg;
		else if (c == 'h')
			return cmd_usage(explain_usage, 0);
		else
			return cmd_usage(explain_usage, 2);
	}
	if (argc - optind != 1)
		return cmd_usage(explain_usage, 2);
	dir = rules_dir_or_default(rules_arg);
	if (dir)
		r = rules_load(dir, &sink);
	status = rules_explain(r, argv[optind], stdout) < 0 ? 2 : 0;
	rules_free(r);
	diag_release(&sink);
	ruleinfo_reset();
	free(dir);
	return status;
}
