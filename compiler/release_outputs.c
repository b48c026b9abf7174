/*
 * release_outputs: the table of what a release holds. To add a file to the
 * release, write its function (a per_scenario one appends a scenario's
 * records; an at_end one writes the whole file) and add its row here; see
 * struct release_output in release_internal.h for what each field does.
 *
 * Not in the table: each scenario's own page, html/s/<id>.html (made with
 * the scenario's records, on the worker), and manifest.json and SHA256SUMS,
 * which list every other file and so come last.
 */
#include "release_internal.h"

#include <errno.h>
#include <string.h>

#include "assets.h"
#include "emit_bigbench.h"
#include "strbuf.h"
#include "xalloc.h"

static void scenario_lines(struct strbuf *out, const struct doc *doc, const struct emit_ctx *ctx,
                           struct counts *c)
{
	(void)c; /* the driver counts scenarios and behaviors */
	emit_scenario_line(out, doc, ctx);
}

static void comparison_lines(struct strbuf *out, const struct doc *doc, const struct emit_ctx *ctx,
                             struct counts *c)
{
	c->comparisons += emit_comparison_lines(out, doc, ctx);
}

/* schema/: the JSON Schema of every data file's records. */
static int schemas(struct rel *r, const struct release_output *o)
{
	size_t i;

	(void)o;
	for (i = 0; i < release_noutputs; i++) {
		const char *name = release_outputs[i].schema;
		const struct asset *a = name ? asset_find(name) : NULL;
		struct strbuf sb = STRBUF_INIT;
		int ret;

		if (!name)
			continue;
		if (!a)
			BUG("release output '%s' names schema '%s', which is not in schemas/",
			    release_outputs[i].path, name);
		strbuf_addf(&sb, "schema/%s", name);
		ret = rel_write(r, sb.buf, a->data, a->len);
		strbuf_release(&sb);
		if (ret < 0)
			return -1;
	}
	return 0;
}

const char *const release_split_names[RELEASE_NSPLITS] = {"train", "validation", "test"};

void release_data_path(const struct release_output *o, int s, struct strbuf *sb)
{
	strbuf_addf(sb, "%s/%s.jsonl", o->path, release_split_names[s]);
}

const char *release_kind(const struct release_output *o)
{
	const char *slash = strrchr(o->path, '/');
	return slash ? slash + 1 : o->path;
}

void counts_add(struct counts *a, const struct counts *b)
{
	size_t i, s;

	a->scenarios += b->scenarios;
	a->behaviors += b->behaviors;
	a->comparisons += b->comparisons;
	a->episodes += b->episodes;
	for (i = 0; i < 3; i++) {
		a->split[i] += b->split[i];
		a->origin[i] += b->origin[i];
		a->rankers[i] += b->rankers[i];
		a->pair_kind[i] += b->pair_kind[i];
		for (s = 0; s < RELEASE_NSPLITS; s++)
			a->kind_split[i][s] += b->kind_split[i][s];
	}
}

struct bigbench_out {
	struct rel *r;
	struct ostream os;
};

static int bigbench_piece(void *arg, const char *data, size_t len)
{
	struct bigbench_out *b = arg;

	return ostream_add(b->r, &b->os, data, len);
}

/* Streamed: the test split's examples grow with the corpus (33 MB at 100,000 files). */
int release_bigbench(struct rel *r, const struct release_output *o)
{
	struct bigbench_out b = {r, {0}};
	struct strbuf sb = STRBUF_INIT;
	int ret;

	if (ostream_open(r, &b.os, o->path, 0) < 0)
		return -1;
	emit_bigbench_head(&sb, &r->lt.cfg);
	ret = ostream_add(r, &b.os, sb.buf, sb.len);
	if (!ret && spill_each(&r->spill, &r->bigbench, bigbench_piece, &b) != 0)
		ret = error("cannot read back the BIG-bench examples: %s", strerror(errno));
	strbuf_reset(&sb);
	emit_bigbench_tail(&sb);
	if (!ret)
		ret = ostream_add(r, &b.os, sb.buf, sb.len);
	if (ostream_close(r, &b.os) < 0)
		ret = -1;
	strbuf_release(&sb);
	if (ret)
		rel_fail(r);
	return ret;
}

const struct release_output release_outputs[] = {
    /* path, schema, card, card_default, per_scenario, at_end */
    {"data/scenarios", "scenarios.schema.json", "scenario, sorted by id", 1, scenario_lines, NULL},
    {"data/comparisons", "comparisons.schema.json",
     "preference pair (prompt, chosen, rejected) the consensus ranks strictly apart", 0,
     comparison_lines, NULL},
    {"data/episodes", "episodes.schema.json", "quest, its turns in order", 0, NULL,
     release_episodes},
    {"bigbench/task.json", NULL, NULL, 0, NULL, release_bigbench},
    {"html/s/", NULL, NULL, 0, NULL, release_quest_pages},
    {"schema/", NULL, NULL, 0, NULL, schemas},
    {"html/", NULL, NULL, 0, NULL, release_site},
    {"CHANGES.md", NULL, NULL, 0, NULL, changes_write},
    {"README.md", NULL, NULL, 0, NULL, release_card},
};

const size_t release_noutputs = sizeof(release_outputs) / sizeof(release_outputs[0]);
