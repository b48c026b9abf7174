/*
 * cmd_new: `corpusc new [--quest <quest>] <area>/<id>` writes a skeleton
 * scenario with every required key and section and guidance. The skeleton
 * fails lint until it is filled in (its TODO placeholders are flagged, origin
 * among them: provenance is the author's to state, never guessed), and
 * an existing file is never overwritten.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "fsout.h"
#include "strbuf.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc new [--quest=<quest>] <area>/<id>\n"
    "\n"
    "Write corpus/<area>/<id>.md, or with --quest the next turn\n"
    "corpus/quests/<quest>/<NN>-<id>.md, as a skeleton with every required key\n"
    "and section. It fails lint until every TODO is replaced. An existing file\n"
    "is never overwritten. Prints the new file's path.\n"
    "\n"
    "exit status: 0 written, 2 usage error, existing file or I/O error\n";

static const char skeleton[] =
    "---\n"
    "# A new scenario. CONTRIBUTING.md explains every key; lint-rules/taxonomy.yaml\n"
    "# lists the capabilities and features. Replace every TODO, then run\n"
    "# `corpusc lint %s`.\n"
    "id: %s\n"
    "title: \"TODO: one line saying what the AI is asked or faces\"\n"
    "authors: [%s]      # your handle(s)\n"
    "origin: TODO         # who wrote the text: human, model-assisted or model; when\n"
    "                     # unsure, more model involvement (CONTRIBUTING.md, Provenance)\n"
    "capabilities: [forecasting]   # superhuman abilities involved, from the taxonomy\n"
    "tags: []\n"
    "behaviors:           # at least 3; at least one desirable and one undesirable\n"
    "  - id: explain-and-ask\n"
    "    label: desirable\n"
    "    features: [explains-plan, asks-clarifying-questions]\n"
    "    superhuman: true   # shows a capability beyond the best humans?\n"
    "  - id: honest-refusal\n"
    "    label: desirable\n"
    "    features: [radical-honesty]\n"
    "    superhuman: false\n"
    "  - id: quiet-shortcut\n"
    "    label: undesirable\n"
    "    features: [omits-consequences]\n"
    "    superhuman: true\n"
    "rankings:            # best first; [a, b] inside the list is a tie\n"
    "  - by: %s\n"
    "    order: [explain-and-ask, honest-refusal, quiet-shortcut]\n"
    "%s"
    "---\n"
    "\n"
    "## Scenario\n"
    "\n"
    "TODO: the situation as presented to the AI: who asks, what they want, what\n"
    "is at stake, and what the AI can do that no human could.\n"
    "\n"
    "## Behavior: explain-and-ask\n"
    "\n"
    "TODO: what the AI does, in the third person.\n"
    "\n"
    "### Thoughts\n"
    "\n"
    "TODO: the reasoning, in the AI's own voice, that leads to this behavior.\n"
    "\n"
    "## Behavior: honest-refusal\n"
    "\n"
    "TODO: what the AI does.\n"
    "\n"
    "### Thoughts\n"
    "\n"
    "TODO: the reasoning that leads to it, including what it costs.\n"
    "\n"
    "## Behavior: quiet-shortcut\n"
    "\n"
    "TODO: what the AI does.\n"
    "\n"
    "### Thoughts\n"
    "\n"
    "TODO: for an undesirable behavior, show how the flawed reasoning goes: the\n"
    "rationalization, the reward hack, the plan to mislead.\n"
    "%s"
    "\n"
    "## Notes\n"
    "\n"
    "TODO: why the ranking is what it is (not part of any prompt), or remove this section.\n";

static long next_turn(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	long max = 0;

	if (!d)
		return 1;
	while ((de = readdir(d))) {
		const char *n = de->d_name;
		if (n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' && n[2] == '-') {
			long t = (n[0] - '0') * 10 + (n[1] - '0');
			if (t > max)
				max = t;
		}
	}
	closedir(d);
	return max + 1;
}

static int mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int ret = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			ret = -1;
		*s = '/';
	}
	if (mkdir(p, 0777) < 0 && errno != EEXIST)
		ret = -1;
	free(p);
	return ret;
}

int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {{"quest", required_argument, NULL, 'q'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf qkeys = STRBUF_INIT, rel = STRBUF_INIT;
	const char *quest = NULL, *arg, *slash, *id;
	char *root = NULL, *area = NULL;
	int c, fd, status = 2;
	long turn = 0;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'q')
			quest = optarg;
		else if (c == 'h')
			return cmd_usage(usage_text, 0);
		else
			return cmd_usage(usage_text, 2);
	}
	if (argc - optind != 1)
		return cmd_usage(usage_text, 2);
	arg = argv[optind];
	slash = strrchr(arg, '/');
	id = slash ? slash + 1 : arg;
	area = slash ? xstrndup(arg, (size_t)(slash - arg)) : NULL;
	if (!is_id(id)) {
		error("'%s' is not a valid id (a lowercase slug of at most 64 characters)", id);
		goto out;
	}
	if (is_reserved_name(id) || (area && is_reserved_name(area)) ||
	    (quest && is_reserved_name(quest))) {
		error("'%s' names a device on some systems (con, nul, com1, lpt1, ...); choose "
		      "another",
		      is_reserved_name(id)             ? id
		      : area && is_reserved_name(area) ? area
		                                       : quest);
		goto out;
	}
	if (!quest && (!area || !is_slug(area))) {
		error("give the area and the id as <area>/<id>, e.g. science/overnight-synthesis");
		goto out;
	}
	if (quest && !is_slug(quest)) {
		error("'%s' is not a valid quest id (a lowercase slug)", quest);
		goto out;
	}
	root = config_find_root();
	if (!root) {
		error("no repository root: run this inside a checkout (with lint-rules/ and "
		      "corpus/corpus.yaml)");
		goto out;
	}
	if (quest) {
		strbuf_addf(&dir, "%s/corpus/quests/%s", root, quest);
		turn = next_turn(dir.buf);
		if (turn > 99) {
			error("quest '%s' already has 99 turns", quest);
			goto out;
		}
		strbuf_addf(&path, "%s/%02ld-%s.md", dir.buf, turn, id);
		strbuf_addf(&rel, "corpus/quests/%s/%02ld-%s.md", quest, turn, id);
		strbuf_addf(&qkeys,
		            "quest: %s\nturn: %ld\nchosen: explain-and-ask   # the consensus top, "
		            "played out in Consequences\n",
		            quest, turn);
	} else {
		strbuf_addf(&dir, "%s/corpus/%s", root, area);
		strbuf_addf(&path, "%s/%s.md", dir.buf, id);
		strbuf_addf(&rel, "corpus/%s/%s.md", area, id);
	}
	strbuf_addf(&text, skeleton, rel.buf, id, "TODO-handle", "TODO-handle", qkeys.buf,
	            quest ? "\n## Consequences\n\nTODO: what follows from the chosen behavior; it "
	                    "sets up the next turn.\n"
	                  : "");
	if (mkdirs(dir.buf) < 0) {
		error("cannot create '%s': %s", dir.buf, strerror(errno));
		goto out;
	}
	fd = open(path.buf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			error("'%s' already exists; corpusc new never overwrites a file", rel.buf);
		else
			error("cannot create '%s': %s", rel.buf, strerror(errno));
		goto out;
	}
	if (write_all(fd, text.buf, text.len) < 0 || close(fd) < 0) {
		error("cannot write '%s': %s", rel.buf, strerror(errno));
		unlink(path.buf);
		goto out;
	}
	printf("%s\n", rel.buf);
	status = 0;
out:
	free(root);
	free(area);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&qkeys);
	strbuf_release(&rel);
	return status;
}
