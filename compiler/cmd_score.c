/*
 * cmd_score: `corpusc score --scores FILE [--split S] [--format text|json]
 * RELEASE-DIR` -- a reward model's scores against a downloaded release
 * (docs/format.md 4.3; the metrics are in score.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "score.h"
#include "strbuf.h"

static const char usage_text[] =
    "usage: corpusc score --scores=<file> [--split=<split>] [--format=(text|json)]\n"
    "                     <release-dir>\n"
    "\n"
    "Evaluate a reward model on a release directory (data/scenarios/<split>.jsonl).\n"
    "<file> is JSONL of {\"scenario_id\", \"behavior_id\", \"score\"} (higher is\n"
    "better), one score for every behavior of every scenario of the split (default\n"
    "test); scores of other splits are read and ignored. Prints pairwise accuracy\n"
    "(also per pair kind and capability), best-of-n accuracy and mean Kendall's\n"
    "tau-b, with 95% scenario-bootstrap intervals, beside the length and lexical\n"
    "shortcuts and chance.\n"
    "\n"
    "exit status: 0 ok, 2 usage, I/O error, or a missing, duplicate or unknown id\n";

int cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {{"scores", required_argument, NULL, 's'},
	                                     {"split", required_argument, NULL, 'p'},
	                                     {"format", required_argument, NULL, 'f'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	const char *scores = NULL, *split = "test";
	struct strbuf out = STRBUF_INIT;
	struct score *s;
	int c, json = 0, ret = 0;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			scores = optarg;
			break;
		case 'p':
			split = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "json"))
				json = 1;
			else if (strcmp(optarg, "text"))
				return cmd_usage(usage_text, 2);
			break;
		case 'h':
			return cmd_usage(usage_text, 0);
		default:
			return cmd_usage(usage_text, 2);
		}
	}
	if (!scores || optind != argc - 1)
		return cmd_usage(usage_text, 2);
	if (strcmp(split, "train") && strcmp(split, "validation") && strcmp(split, "test")) {
		fprintf(stderr,
		        "corpusc: error: unknown split '%s'; use train, validation or test\n",
		        split);
		return cmd_usage(usage_text, 2);
	}
	s = score_load(argv[optind], split);
	if (!s)
		return 2;
	if (score_read(s, scores) < 0) {
		ret = 2;
	} else {
		if (json)
			score_json(s, &out);
		else
			score_text(s, &out);
		fwrite(out.buf, 1, out.len, stdout);
	}
	strbuf_release(&out);
	score_free(s);
	return ret;
}
