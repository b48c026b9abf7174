/*
 * cmd_lint: `corpusc lint` (docs/format.md section 4): lint the paths and print every
 * finding in the chosen format.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "dirform.h"
#include "gitrun.h"
#include "lint.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc lint [--format=(gcc|json|sarif|github)] [--werror]\n"
    "                    [--rules=<dir>] [--changed-since=<ref>] [<path>...]\n"
    "\n"
    "Check scenario files (directories are walked for *.md; default: corpus/)\n"
    "and report every finding of every file. The whole corpus is read for the\n"
    "corpus-wide checks (duplicate ids, near-duplicates, quests), but only the\n"
    "findings located in the given paths are reported.\n"
    "\n"
    "    --format <f>   gcc (default, on stderr), json, sarif or github (stdout)\n"
    "    --werror       treat warnings as errors for the exit status\n"
    "    --rules <dir>  read taxonomy, policy and rules from <dir>, not lint-rules/\n"
    "    --changed-since <ref>\n"
    "                   report the findings in the scenario files that differ from\n"
    "                   the merge base of <ref> and HEAD (added, modified or\n"
    "                   renamed, and uncommitted changes), as a pull request's CI\n"
    "    -h, --help     show this help\n"
    "\n"
    "exit status: 0 no errors, 1 findings of error severity (or warnings with\n"
    "--werror), 2 usage, I/O or internal error\n";

int cmd_usage(const char *text, int status)
{
	fputs(text, status ? stderr : stdout);
	return status;
}

/* Is path (relative to the root) a file that lint checks as part of a scenario? */
static int scenario_file(const char *root, const char *path)
{
	struct strbuf full = STRBUF_INIT, dir = STRBUF_INIT;
	size_t n = strlen(path);
	struct stat st;
	int yes = 0, up;
	char *slash;

	if (strncmp(path, "corpus/", 7))
		return 0;
	strbuf_addf(&full, "%s/%s", root, path);
	if (lstat(full.buf, &st) < 0) {
		strbuf_release(&full);
		return 0; /* deleted: nothing to check there */
	}
	yes = n > 3 && !strcmp(path + n - 3, ".md");
	/* a file of a directory-form scenario (a ranking, a stray file) */
	strbuf_addstr(&dir, full.buf);
	for (up = 0; !yes && up < 3; up++) {
		slash = strrchr(dir.buf, '/');
		if (!slash)
			break;
		strbuf_setlen(&dir, (size_t)(slash - dir.buf));
		yes = dirform_is_scenario(dir.buf);
	}
	strbuf_release(&full);
	strbuf_release(&dir);
	return yes;
}

/* Split NUL-separated out into its fields (pointers into out->buf). */
static size_t nul_fields(struct strbuf *out, const char ***v)
{
	size_t n = 0, alloc = 0, i = 0;

	*v = NULL;
	while (i < out->len) {
		XGROW(*v, alloc, n + 1);
		(*v)[n++] = out->buf + i;
		i += strlen(out->buf + i) + 1;
	}
	return n;
}

/*
 * The scenario files that differ from the merge base of ref and HEAD, as
 * paths from the current directory (docs/format.md 4.2, --changed-since): what
 * `git diff` against the merge base shows (so uncommitted changes too),
 * added, modified, renamed (the new name) or copied but not deleted, and
 * files git does not track yet. Returns the count, or -1 after printing why.
 */
static long changed_paths(const char *root, const char *ref, char ***paths)
{
	const char *mb[] = {"merge-base", ref, "HEAD", NULL};
	const char *diff[] = {"diff",       "--name-status", "-z", "-M", "--relative",
	                      "--no-color", "--no-ext-diff", NULL, "--", NULL};
	const char *others[] = {"ls-files", "--others", "--exclude-standard", "-z", NULL};
	struct strbuf base = STRBUF_INIT, out = STRBUF_INIT, name = STRBUF_INIT;
	const char **f = NULL;
	char cwd[4096];
	size_t n, i, alloc = 0;
	long count = 0;
	int here = getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, root);

	*paths = NULL;
	if (ref[0] == '-') {
		error("'%s' is not a git revision", ref);
		return -1;
	}
	if (git_capture(root, mb, &base) != 0) {
		error("cannot find the merge base of '%s' and HEAD (is '%s' a commit of this git "
		      "repository?)",
		      ref, ref);
		strbuf_release(&base);
		return -1;
	}
	while (base.len && (base.buf[base.len - 1] == '\n' || base.buf[base.len - 1] == '\r'))
		strbuf_setlen(&base, base.len - 1);
	diff[7] = base.buf;
	if (git_capture(root, diff, &out) != 0 || git_capture(root, others, &name) != 0) {
		error("git diff against %s failed", base.buf);
		strbuf_release(&base);
		strbuf_release(&out);
		strbuf_release(&name);
		return -1;
	}
	/* the untracked files as if "A\0path\0" */
	{
		struct strbuf all = STRBUF_INIT;
		const char **u;
		size_t nu = nul_fields(&name, &u);

		strbuf_add(&all, out.buf, out.len);
		for (i = 0; i < nu; i++) {
			strbuf_add(&all, "A", 2);
			strbuf_add(&all, u[i], strlen(u[i]) + 1);
		}
		free(u);
		strbuf_release(&out);
		out = all;
	}
	n = nul_fields(&out, &f);
	for (i = 0; i < n; i++) {
		const char *st = f[i], *path;

		if (i + 1 >= n)
			break;
		if (st[0] == 'R' || st[0] == 'C') {
			if (i + 2 >= n)
				break;
			path = f[i + 2]; /* the new name */
			i += 2;
		} else {
			path = f[++i];
		}
		if (st[0] == 'D' || !scenario_file(root, path))
			continue;
		XGROW(*paths, alloc, (size_t)count + 2);
		strbuf_reset(&name);
		if (here)
			strbuf_addstr(&name, path);
		else
			strbuf_addf(&name, "%s/%s", root, path);
		(*paths)[count++] = strbuf_detach(&name, NULL);
	}
	free(f);
	strbuf_release(&base);
	strbuf_release(&out);
	strbuf_release(&name);
	return count;
}

int cmd_lint(int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"werror", no_argument, NULL, 'W'},
	                                     {"rules", required_argument, NULL, 'r'},
	                                     {"changed-since", required_argument, NULL, 'c'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct lint lt;
	struct diag_summary sum;
	const char *rules_dir = NULL, *since = NULL;
	char **changed = NULL;
	long nchanged = 0, i;
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
		case 'c':
			since = optarg;
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
	if (since && optind < argc) {
		fprintf(stderr, "corpusc: --changed-since takes no paths\n");
		lint_release(&lt);
		return cmd_usage(usage_text, 2);
	}
	def = lint_default_path(&lt);
	if (since) {
		nchanged = changed_paths(lt.cfg.root, since, &changed);
		if (nchanged < 0) {
			free(def);
			lint_release(&lt);
			return 2;
		}
		status = lint_paths_in_context(&lt, changed, (size_t)nchanged, &def, 1);
	} else if (optind < argc)
		/* the whole corpus is read for the corpus-wide checks */
		status =
		    lint_paths_in_context(&lt, argv + optind, (size_t)(argc - optind), &def, 1);
	else
		status = lint_paths(&lt, &def, 1);
	lint_finish(&lt);
	memset(&sum, 0, sizeof(sum));
	sum.files = optind < argc || since ? lt.nfiles_named : lt.nfiles;
	sum.tool_version = CORPUSC_VERSION;
	sum.caret = isatty(STDERR_FILENO);
	diag_print(&lt.sink, (enum diag_format)fmt, &sum, stdout, stderr);
	if (status < 0)
		status = 2;
	else if (diag_count(&lt.sink, DIAG_ERROR) || (werror && diag_count(&lt.sink, DIAG_WARNING)))
		status = 1;
	else
		status = 0;
	for (i = 0; i < nchanged; i++)
		free(changed[i]);
	free(changed);
	free(def);
	lint_release(&lt);
	return status;
}
