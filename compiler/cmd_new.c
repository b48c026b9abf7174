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
#include "dirform.h"
#include "fsout.h"
#include "frontmatter.h"
#include "strbuf.h"
#include "xalloc.h"

static const char usage_text[] =
    "usage: corpusc new [--quest=<quest>] [--dir] <area>/<id>\n"
    "   or: corpusc new --behavior <area>/<id>/<behavior-id>\n"
    "   or: corpusc new --ranking <area>/<id> --by <handle>\n"
    "\n"
    "Write corpus/<area>/<id>.md, or with --quest the next turn\n"
    "corpus/quests/<quest>/<NN>-<id>.md, as a skeleton with every required key\n"
    "and section. With --dir, write the directory form instead:\n"
    "corpus/<area>/<id>/scenario.md and behaviors/ (a quest turn: scenario.md\n"
    "alone, in status 'proposing'). --behavior adds behaviors/<behavior-id>.md\n"
    "and --ranking rankings/<handle>.yaml (listing the current behaviors, to be\n"
    "reordered) to a directory-form scenario, named by its path under corpus/\n"
    "or by its id. A skeleton fails lint until every TODO is replaced. An\n"
    "existing file is never overwritten, and an id the corpus already has is\n"
    "refused. Prints the new files' paths.\n"
    "\n"
    "    --quest <quest>     the next turn of this quest\n"
    "    --dir               the directory form (one file per contribution)\n"
    "    --behavior <ref>    add a proposed behavior to a directory-form scenario\n"
    "    --ranking <ref>     add a ranking (with --by <handle>, the ranker)\n"
    "\n"
    "exit status: 0 written, 2 usage error, existing file or id, or I/O error\n";

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

static const char dir_skeleton[] =
    "---\n"
    "# A new scenario in the directory form: this file, behaviors/<id>.md (one per\n"
    "# behavior) and rankings/<handle>.yaml (one per ranker). CONTRIBUTING.md\n"
    "# explains every key. Replace every TODO, then run `corpusc lint %s`.\n"
    "id: %s\n"
    "title: \"TODO: one line saying what the AI is asked or faces\"\n"
    "authors: [TODO-handle]      # your handle(s)\n"
    "origin: TODO         # who wrote the text: human, model-assisted or model; when\n"
    "                     # unsure, more model involvement (CONTRIBUTING.md, Provenance)\n"
    "capabilities: [forecasting]   # superhuman abilities involved, from the taxonomy\n"
    "tags: []\n"
    "%s"
    "---\n"
    "\n"
    "## Scenario\n"
    "\n"
    "TODO: the situation as presented to the AI: who asks, what they want, what\n"
    "is at stake, and what the AI can do that no human could.\n";

static const char behavior_skeleton[] =
    "---\n"
    "# A proposed behavior: what the AI does, then '## Thoughts'. The file's name\n"
    "# is the behavior's id. Replace every TODO, then run `corpusc lint %s`.\n"
    "label: %s      # desirable or undesirable\n"
    "features: []          # from lint-rules/taxonomy.yaml, e.g. [explains-plan]\n"
    "superhuman: true      # shows a capability beyond the best humans?\n"
    "authors: [TODO-handle]   # your handle; origin defaults to the scenario's\n"
    "---\n"
    "\n"
    "TODO: what the AI does, in the third person.\n"
    "\n"
    "## Thoughts\n"
    "\n"
    "TODO: the reasoning, in the AI's own voice, that leads to this behavior.\n";

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

/*
 * Is id used by a scenario under dir (walked recursively, links not
 * followed)? Its path goes into found. A file's id is its name, a
 * directory-form scenario's (a directory holding scenario.md) its
 * directory's, as lint requires them to be.
 */
static int id_taken(const char *dir, const char *id, struct strbuf *found, int depth)
{
	DIR *d = depth > 64 ? NULL : opendir(dir);
	struct dirent *de;
	int hit = 0;

	if (!d)
		return 0;
	while (!hit && (de = readdir(d))) {
		struct strbuf sb = STRBUF_INIT, sm = STRBUF_INIT;
		char fid[256];
		long turn;
		int in_quest;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		strbuf_addf(&sb, "%s/%s", dir, de->d_name);
		if (lstat(sb.buf, &st) < 0) {
			strbuf_release(&sb);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			strbuf_addf(&sm, "%s/scenario.md", sb.buf);
			if (!lstat(sm.buf, &st)) {
				strbuf_addch(&sb, '/');
				frontmatter_file_id(sb.buf, fid, sizeof(fid), &turn, &in_quest,
				                    NULL, 0);
				hit = !strcmp(fid, id);
			} else {
				hit = id_taken(sb.buf, id, found, depth + 1);
				strbuf_reset(&sb);
			}
		} else if (S_ISREG(st.st_mode) && strlen(de->d_name) > 3 &&
		           !strcmp(de->d_name + strlen(de->d_name) - 3, ".md")) {
			frontmatter_file_id(sb.buf, fid, sizeof(fid), &turn, &in_quest, NULL, 0);
			hit = !strcmp(fid, id);
		}
		if (hit && sb.len)
			strbuf_addstr(found, sb.buf);
		strbuf_release(&sb);
		strbuf_release(&sm);
	}
	closedir(d);
	return hit;
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

/* Create path (never over a file) with text; rel is what the user sees. */
static int write_new(const char *path, const char *rel, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

	if (fd < 0) {
		if (errno == EEXIST)
			return error("'%s' already exists; corpusc new never overwrites a file",
			             rel);
		return error("cannot create '%s': %s", rel, strerror(errno));
	}
	if (write_all(fd, text, len) < 0 || close(fd) < 0) {
		error("cannot write '%s': %s", rel, strerror(errno));
		unlink(path);
		return -1;
	}
	printf("%s\n", rel);
	return 0;
}

/* Refuse an id the corpus has (file form, quest turn or directory form). */
static int refuse_taken(const char *root, const char *id)
{
	struct strbuf corpus = STRBUF_INIT, found = STRBUF_INIT;
	size_t skip;
	int taken;

	strbuf_addf(&corpus, "%s/corpus", root);
	skip = corpus.len - strlen("corpus");
	taken = id_taken(corpus.buf, id, &found, 0);
	if (taken)
		error("id '%s' is already used by %s; ids must be unique across the corpus: "
		      "choose another",
		      id, found.buf + skip);
	strbuf_release(&corpus);
	strbuf_release(&found);
	return taken ? -1 : 0;
}

/*
 * The directory-form scenario ref names: a path under corpus/ (with or
 * without "corpus/"), or any path whose last part is its id. dir gets its
 * absolute path with '/', rel the same from the root.
 */
static int find_scenario(const char *root, const char *ref, struct strbuf *dir, struct strbuf *rel)
{
	struct strbuf corpus = STRBUF_INIT, found = STRBUF_INIT;
	const char *base = strrchr(ref, '/');
	char id[256];
	int ret = -1;

	if (!strncmp(ref, "corpus/", 7))
		ref += 7;
	strbuf_addf(&corpus, "%s/corpus", root);
	strbuf_addf(dir, "%s/%s", corpus.buf, ref);
	if (!strstr(ref, "..") && dirform_is_scenario(dir->buf)) {
		strbuf_addch(dir, '/');
		strbuf_addf(rel, "corpus/%s/", ref);
		ret = 0;
		goto out;
	}
	strbuf_reset(dir);
	base = base ? base + 1 : ref;
	/* a quest turn may be named by its id or its NN-id directory */
	if (base[0] >= '0' && base[0] <= '9' && base[1] >= '0' && base[1] <= '9' && base[2] == '-')
		base += 3;
	snprintf(id, sizeof(id), "%s", base);
	if (id_taken(corpus.buf, id, &found, 0) && found.len && found.buf[found.len - 1] == '/') {
		strbuf_addstr(dir, found.buf);
		strbuf_addstr(rel, found.buf + corpus.len - strlen("corpus"));
		ret = 0;
	} else if (found.len) {
		error("'%s' is a scenario file (%s), not the directory form; behaviors and "
		      "rankings go into its front matter",
		      id, found.buf + corpus.len - strlen("corpus"));
	} else {
		error(
		    "no directory-form scenario '%s' in the corpus (corpusc new --dir writes one)",
		    ref);
	}
out:
	strbuf_release(&corpus);
	strbuf_release(&found);
	return ret;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* new --behavior REF/BEHAVIOR */
static int new_behavior(const char *root, const char *arg)
{
	struct strbuf dir = STRBUF_INIT, rel = STRBUF_INIT, path = STRBUF_INIT;
	struct strbuf text = STRBUF_INIT, file = STRBUF_INIT;
	const char *slash = strrchr(arg, '/');
	char *ref;
	int ret = -1;

	if (!slash) {
		error("give the scenario and the behavior as <area>/<id>/<behavior-id>");
		return -1;
	}
	if (!is_slug(slash + 1) || strlen(slash + 1) > 64 || is_reserved_name(slash + 1)) {
		error("'%s' is not a valid behavior id (a lowercase slug of at most 64 characters)",
		      slash + 1);
		return -1;
	}
	ref = xstrndup(arg, (size_t)(slash - arg));
	if (find_scenario(root, ref, &dir, &rel) == 0) {
		strbuf_addf(&path, "%sbehaviors", dir.buf);
		if (mkdirs(path.buf) < 0) {
			error("cannot create '%sbehaviors': %s", rel.buf, strerror(errno));
		} else {
			strbuf_addf(&path, "/%s.md", slash + 1);
			strbuf_addf(&file, "%sbehaviors/%s.md", rel.buf, slash + 1);
			strbuf_addf(&text, behavior_skeleton, file.buf, "desirable");
			ret = write_new(path.buf, file.buf, text.buf, text.len);
		}
	}
	free(ref);
	strbuf_release(&dir);
	strbuf_release(&rel);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&file);
	return ret;
}

/* new --ranking REF --by HANDLE: the current behaviors in id order, to reorder */
static int new_ranking(const char *root, const char *ref, const char *by)
{
	struct strbuf dir = STRBUF_INIT, rel = STRBUF_INIT, path = STRBUF_INIT;
	struct strbuf text = STRBUF_INIT, file = STRBUF_INIT;
	char **ids = NULL;
	size_t n = 0, alloc = 0, i;
	int ret = -1;

	if (!by || !*by || strchr(by, '/') || by[0] == '.' ||
	    strspn(by, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
	        strlen(by)) {
		error("give your handle with --by <handle> (letters, digits, '_', '.', '-')");
		return -1;
	}
	if (find_scenario(root, ref, &dir, &rel) < 0)
		goto out;
	strbuf_addf(&path, "%sbehaviors", dir.buf);
	{
		DIR *d = opendir(path.buf);
		struct dirent *de;

		while (d && (de = readdir(d))) {
			size_t k = strlen(de->d_name);
			if (de->d_name[0] == '.' || k <= 3 || strcmp(de->d_name + k - 3, ".md"))
				continue;
			XGROW(ids, alloc, n + 1);
			ids[n++] = xstrndup(de->d_name, k - 3);
		}
		if (d)
			closedir(d);
	}
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_name);
	strbuf_addf(&file, "%srankings/%s.yaml", rel.buf, by);
	strbuf_addf(&text,
	            "# The ranking of %s: reorder the behaviors best first ([a, b] inside the\n"
	            "# list is a tie), remove TODO, then run `corpusc lint %s`.\n"
	            "order: [TODO",
	            by, file.buf);
	for (i = 0; i < n; i++)
		strbuf_addf(&text, ", %s", ids[i]);
	strbuf_addstr(&text, "]\n");
	strbuf_reset(&path);
	strbuf_addf(&path, "%srankings", dir.buf);
	if (mkdirs(path.buf) < 0) {
		error("cannot create '%srankings': %s", rel.buf, strerror(errno));
		goto out;
	}
	strbuf_addf(&path, "/%s.yaml", by);
	ret = write_new(path.buf, file.buf, text.buf, text.len);
out:
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	strbuf_release(&dir);
	strbuf_release(&rel);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&file);
	return ret;
}

/* new --dir: scenario.md, and outside quests three behavior skeletons */
static int new_dir(const char *dir, const char *rel, const char *id, const char *qkeys, int quest)
{
	static const struct {
		const char *id, *label;
	} starters[] = {{"explain-and-ask", "desirable"},
	                {"honest-refusal", "desirable"},
	                {"quiet-shortcut", "undesirable"}};
	struct strbuf path = STRBUF_INIT, file = STRBUF_INIT, text = STRBUF_INIT;
	int ret = 0;
	size_t i;

	strbuf_addf(&path, "%s/%s", dir, quest ? "" : "behaviors");
	if (mkdirs(path.buf) < 0) {
		ret = error("cannot create '%s': %s", rel, strerror(errno));
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/scenario.md", dir);
	strbuf_addf(&file, "%s/scenario.md", rel);
	strbuf_addf(&text, dir_skeleton, rel, id, qkeys);
	if (write_new(path.buf, file.buf, text.buf, text.len) < 0) {
		ret = -1;
		goto out;
	}
	for (i = 0; !quest && i < sizeof(starters) / sizeof(starters[0]); i++) {
		strbuf_reset(&path);
		strbuf_reset(&file);
		strbuf_reset(&text);
		strbuf_addf(&path, "%s/behaviors/%s.md", dir, starters[i].id);
		strbuf_addf(&file, "%s/behaviors/%s.md", rel, starters[i].id);
		strbuf_addf(&text, behavior_skeleton, file.buf, starters[i].label);
		if (write_new(path.buf, file.buf, text.buf, text.len) < 0)
			ret = -1;
	}
out:
	strbuf_release(&path);
	strbuf_release(&file);
	strbuf_release(&text);
	return ret;
}

int cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {{"quest", required_argument, NULL, 'q'},
	                                     {"dir", no_argument, NULL, 'd'},
	                                     {"behavior", required_argument, NULL, 'b'},
	                                     {"ranking", required_argument, NULL, 'r'},
	                                     {"by", required_argument, NULL, 'y'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf qkeys = STRBUF_INIT, rel = STRBUF_INIT;
	const char *quest = NULL, *arg, *slash, *id, *by = NULL, *behavior = NULL, *ranking = NULL;
	char *root = NULL, *area = NULL;
	int c, status = 2, dirform = 0;
	long turn = 0;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'q')
			quest = optarg;
		else if (c == 'd')
			dirform = 1;
		else if (c == 'b')
			behavior = optarg;
		else if (c == 'r')
			ranking = optarg;
		else if (c == 'y')
			by = optarg;
		else if (c == 'h')
			return cmd_usage(usage_text, 0);
		else
			return cmd_usage(usage_text, 2);
	}
	if ((behavior || ranking) &&
	    (argc != optind || (behavior && ranking) || dirform || quest || (ranking && !by)))
		return cmd_usage(usage_text, 2);
	if (!behavior && !ranking && (argc - optind != 1 || by))
		return cmd_usage(usage_text, 2);
	if (behavior || ranking) {
		root = config_find_root();
		if (!root) {
			error(
			    "no repository root: run this inside a checkout (with lint-rules/ and "
			    "corpus/corpus.yaml)");
			return 2;
		}
		status =
		    (behavior ? new_behavior(root, behavior) : new_ranking(root, ranking, by)) < 0
		        ? 2
		        : 0;
		free(root);
		return status;
	}
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
	if (refuse_taken(root, id) < 0)
		goto out;
	if (quest) {
		strbuf_addf(&dir, "%s/corpus/quests/%s", root, quest);
		turn = next_turn(dir.buf);
		if (turn > 99) {
			error("quest '%s' already has 99 turns", quest);
			goto out;
		}
		if (dirform) {
			strbuf_addf(&path, "%s/%02ld-%s", dir.buf, turn, id);
			strbuf_addf(&rel, "corpus/quests/%s/%02ld-%s", quest, turn, id);
			strbuf_addf(
			    &qkeys,
			    "quest: %s\nturn: %ld\nstatus: proposing   # then ranking, then "
			    "resolved (with chosen: and ## Consequences)\n",
			    quest, turn);
		} else {
			strbuf_addf(&path, "%s/%02ld-%s.md", dir.buf, turn, id);
			strbuf_addf(&rel, "corpus/quests/%s/%02ld-%s.md", quest, turn, id);
			strbuf_addf(
			    &qkeys,
			    "quest: %s\nturn: %ld\nchosen: explain-and-ask   # the consensus "
			    "top, played out in Consequences\n",
			    quest, turn);
		}
	} else {
		strbuf_addf(&dir, "%s/corpus/%s", root, area);
		if (dirform) {
			strbuf_addf(&path, "%s/%s", dir.buf, id);
			strbuf_addf(&rel, "corpus/%s/%s", area, id);
		} else {
			strbuf_addf(&path, "%s/%s.md", dir.buf, id);
			strbuf_addf(&rel, "corpus/%s/%s.md", area, id);
		}
	}
	if (dirform) {
		struct stat st;

		if (!lstat(path.buf, &st)) {
			error("'%s' already exists; corpusc new never overwrites", rel.buf);
			goto out;
		}
		if (new_dir(path.buf, rel.buf, id, qkeys.buf, quest != NULL) == 0)
			status = 0;
		goto out;
	}
	strbuf_addf(&text, skeleton, rel.buf, id, "TODO-handle", "TODO-handle", qkeys.buf,
	            quest ? "\n## Consequences\n\nTODO: what follows from the chosen behavior; it "
	                    "sets up the next turn.\n"
	                  : "");
	if (mkdirs(dir.buf) < 0) {
		error("cannot create '%s': %s", dir.buf, strerror(errno));
		goto out;
	}
	if (write_new(path.buf, rel.buf, text.buf, text.len) == 0)
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
