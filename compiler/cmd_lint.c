/*
 * cmd_lint: `corpusc lint` (SPEC section 4): lint the paths and print every
 * finding in the chosen format.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "lint.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc lint [--format=(gcc|json|sarif|github)] [--werror]\n"
    "                    [--rules=<dir>] [<path>...]\n"
    "\n"
    "Check scenario files (directories are walked for *.md; default: corpus/)\n"
    "and report every finding of every file. The whole corpus is read for the\n"
    "corpus-wide checks (duplicate ids, near-duplicates, quests), but only the\n"
    "findings located in the given paths are reported.\n"
    "\n"
    "    --format <f>   gcc (default, on stderr), json, sarif or github (stdout)\n"
    "    --werror       treat warnings as errors for the exit status\n"
    "    --rules <dir>  read taxonomy, policy and rules from <dir>, not lint-rules/\n"
    "    -h, --help     show this help\n"
    "\n"
    "exit status: 0 no errors, 1 findings of error severity (or warnings with\n"
    "--werror), 2 usage, I/O or internal error\n";

int cmd_usage(const char *text, int status)
{
	fputs(text, status ? stderr : stdout);
	return status;
}

int cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"werror", no_argument, NULL, 'W'},
	                                     {"rules", required_argument, NULL, 'r'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct lint lt;
	struct diag_summary sum;
	const char *rules_dir = NULL;
	int fmt = DIAG_FORMAT_GCC, werror = 0, c, status;
	char *def = NULL;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = diag_format_parse(optarg);
			if (fmt < 0) {
				fprintf(stderr, "corpusc: unknown format '%s'\n", optarg);
				return cmd_usage(usage_text, 2);
			}
			break;
		case 'W':
			werror = 1;
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
	if (lint_init(&lt, rules_dir) < 0) {
		lint_release(&lt);
		return 2;
	}
	def = lint_default_path(&lt);
	if (optind < argc)
		/* the whole corpus is read for the corpus-wide checks */
		status =
		    lint_paths_in_context(&lt, argv + optind, (size_t)(argc - optind), &def, 1);
	else
		status = lint_paths(&lt, &def, 1);
	lint_finish(&lt);
	memset(&sum, 0, sizeof(sum));
	sum.files = optind < argc ? lt.nfiles_named : lt.nfiles;
	sum.tool_version = CORPUSC_VERSION;
	sum.caret = isatty(STDERR_FILENO);
	diag_print(&lt.sink, (enum diag_format)fmt, &sum, stdout, stderr);
	if (status < 0)
		status = 2;
	else if (diag_count(&lt.sink, DIAG_ERROR) || (werror && diag_count(&lt.sink, DIAG_WARNING)))
		status = 1;
	else
		status = 0;
	free(def);
	lint_release(&lt);
	return status;
}
