/*
 * main: argv[1] -> the command table; no logic of its own (docs/format.md section 4).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

struct cmd_entry {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
};

static const struct cmd_entry commands[] = {
    {"lint", cmd_lint, "check scenario files and report every finding"},
    {"build", cmd_build, "lint, then write a versioned release"},
    {"new", cmd_new, "write a skeleton scenario to fill in"},
    {"stats", cmd_stats, "coverage of the corpus, gaps first"},
    {"quest", cmd_quest, "the state of each quest and the next step of its game"},
    {"rules", cmd_rules, "test the regex rules' examples (rules --test)"},
    {"explain", cmd_explain, "describe a rule id"},
    {"audit", cmd_audit, "measure shortcuts that pick the chosen behavior blind"},
    {"score", cmd_score, "evaluate a reward model's scores on a release"},
};

static int usage(FILE *f, int status)
{
	size_t i;

	fputs("usage: corpusc <command> [<options>] [<args>]\n"
	      "       corpusc --help | --version\n\ncommands:\n",
	      f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'corpusc <command> --help' describes a command.\n"
	      "exit status: 0 ok, 1 findings of error severity, 2 usage, I/O or internal error\n",
	      f);
	return status;
}

int main(int argc, char **argv)
{
	size_t i;
	int status;

	if (argc < 2)
		return usage(stderr, 2);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		status = usage(stdout, 0);
	} else if (!strcmp(argv[1], "--version")) {
		printf("corpusc %s\n", CORPUSC_VERSION);
		status = 0;
	} else {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (!strcmp(argv[1], commands[i].name))
				break;
		if (i == sizeof(commands) / sizeof(commands[0])) {
			fprintf(stderr, "corpusc: '%s' is not a command\n", argv[1]);
			return usage(stderr, 2);
		}
		status = commands[i].fn(argc - 1, argv + 1);
	}
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		fputs("corpusc: error: writing output failed\n", stderr);
		return 2;
	}
	return status;
}
