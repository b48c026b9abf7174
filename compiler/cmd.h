/*
 * cmd: the subcommands (docs/format.md section 4). Each takes the arguments after the
 * command name (argv[0] is the command) and returns the exit status:
 * 0 ok, 1 findings of error severity, 2 usage, I/O or internal error.
 */
#ifndef CMD_H
#define CMD_H

#define CORPUSC_VERSION "0.1.0"

int cmd_lint(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_new(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_quest(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_score(int argc, char **argv);

/* Print usage to stdout (help) or stderr (error) and return the status. */
int cmd_usage(const char *text, int status);

#endif
