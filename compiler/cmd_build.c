/*
 * cmd_build: `corpusc build` (docs/format.md section 4 and 5).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "release.h"

static const char usage_text[] =
    "usage: corpusc build [--out=<dir>] [--version=<X.Y.Z>] [--previous=<dir>]\n"
    "                     [--rules=<dir>] [<path>...]\n"
    "\n"
    "Lint the corpus, then write the release <out>/<name>-<version>/ atomically:\n"
    "data/<kind>/<split>.jsonl (scenarios, comparisons, episodes; train, validation,\n"
    "test), schema/, bigbench/task.json, README.md (the dataset card), CHANGES.md,\n"
    "changes.json, manifest.json, SHA256SUMS and html/.\n"
    "Nothing is written if lint finds an error.\n"
    "\n"
    "    --out <dir>       where releases go (default: build/release)\n"
    "    --version <v>     the release version (default: corpus/corpus.yaml's)\n"
    "    --previous <dir>  an earlier release: list changes, refuse too small a bump\n"
    "    --rules <dir>     taxonomy, policy and rules from <dir>, not lint-rules/\n"
    "    -h, --help        show this help\n"
    "\n"
    "Dates come from SOURCE_DATE_EPOCH (a non-negative decimal integer) or the\n"
    "commit time, never the clock.\n"
    "\n"
    "exit status: 0 written, 1 lint errors (nothing written), 2 usage, I/O,\n"
    "version or internal error\n";

int cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"out", required_argument, NULL, 'o'},      {"version", required_argument, NULL, 'v'},
	    {"previous", required_argument, NULL, 'p'}, {"rules", required_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
	struct release_opts ro;
	int c;

	memset(&ro, 0, sizeof(ro));
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			ro.out = optarg;
			break;
		case 'v':
			ro.version = optarg;
			break;
		case 'p':
			ro.previous = optarg;
			break;
		case 'r':
			ro.rules_dir = optarg;
			break;
		case 'h':
			return cmd_usage(usage_text, 0);
		default:
			return cmd_usage(usage_text, 2);
		}
	}
	ro.paths = argv + optind;
	ro.npaths = (size_t)(argc - optind);
	return release_build(&ro);
}
