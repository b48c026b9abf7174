/*
 * release_card: the dataset card, README.md. Its text is the template
 * compiler/assets/card.md, whose {{name}} placeholders are filled here: the
 * Hugging Face front matter's values (creators from the origins present,
 * one config per kind of records with a data file per split), the canary,
 * the file table, the counts per kind and split, the shares by origin and
 * by rankers, the pair kinds, the shortcut audit and the split percentages
 * (docs/format.md 5, the dataset card).
 */
#include "release_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "audit.h"
#include "boot.h"
#include "xalloc.h"

/*
 * The configs: one per kind of records (release_outputs[] rows with a
 * schema), the default first, each with a data file per split, so a Hub
 * loader gives exactly that split (docs/format.md 5, the dataset card).
 */
static void card_configs(struct strbuf *sb)
{
	size_t i;
	int s;

	strbuf_addstr(sb, "configs:\n");
	for (i = 0; i < release_noutputs; i++) {
		const struct release_output *o = &release_outputs[i];

		if (!o->card)
			continue;
		strbuf_addf(sb, "- config_name: %s\n", release_kind(o));
		if (o->card_default)
			strbuf_addstr(sb, "  default: true\n");
		strbuf_addstr(sb, "  data_files:\n");
		for (s = 0; s < RELEASE_NSPLITS; s++) {
			strbuf_addf(sb, "  - split: %s\n    path: ", release_split_names[s]);
			release_data_path(o, s, sb);
			strbuf_addch(sb, '\n');
		}
	}
}

/* The table of data files: each one's "one line per" and schema. */
static void card_files(struct strbuf *sb)
{
	size_t i;

	strbuf_addstr(sb, "| files | one line per | schema |\n|---|---|---|\n");
	for (i = 0; i < release_noutputs; i++) {
		const struct release_output *o = &release_outputs[i];

		if (o->card)
			strbuf_addf(sb,
			            "| `%s/{train,validation,test}.jsonl` | %s | `schema/%s` |\n",
			            o->path, o->card, o->schema);
	}
}

/* annotations_creators and language_creators, from the origins present. */
static void card_creators(struct strbuf *sb, const struct counts *c)
{
	static const char *const keys[] = {"annotations_creators", "language_creators"};
	int k;

	for (k = 0; k < 2; k++) {
		strbuf_addf(sb, "%s:\n", keys[k]);
		if (c->origin[0] || c->origin[1] || !c->scenarios)
			strbuf_addstr(sb, "- expert-generated\n");
		if (c->origin[1] || c->origin[2])
			strbuf_addstr(sb, "- machine-generated\n");
	}
}

/* The counts of each kind of records per split. */
static void card_counts(struct strbuf *sb, const struct counts *c)
{
	size_t i, k = 0;
	int s;

	strbuf_addstr(sb, "| | train | validation | test | all |\n|---|---|---|---|---|\n");
	for (i = 0; i < release_noutputs; i++) {
		const struct release_output *o = &release_outputs[i];
		size_t total = 0;

		if (!o->card)
			continue;
		/* the rows with a card are the kinds of struct counts, in order */
		strbuf_addf(sb, "| %s |", release_kind(o));
		for (s = 0; s < RELEASE_NSPLITS; s++) {
			strbuf_addf(sb, " %zu |", c->kind_split[k][s]);
			total += c->kind_split[k][s];
		}
		strbuf_addf(sb, " %zu |\n", total);
		k++;
	}
}

static double pct(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0;
}

static void card_pair_kinds(struct strbuf *sb, const struct counts *c)
{
	static const char *const kinds[] = {"desirable>undesirable", "desirable>desirable",
	                                    "undesirable>undesirable"};
	size_t n = c->pair_kind[0] + c->pair_kind[1] + c->pair_kind[2];
	int k;

	strbuf_addstr(sb, "| kind | pairs | share |\n|---|---|---|\n");
	for (k = 0; k < 3; k++)
		strbuf_addf(sb, "| `%s` | %zu | %.0f%% |\n", kinds[k], c->pair_kind[k],
		            pct(c->pair_kind[k], n));
}

static void card_cues(struct strbuf *sb, const struct audit *a)
{
	const struct audit_cue *cues;
	size_t k, n;
	int s;

	for (s = 1; s >= 0; s--) {
		n = audit_cues(a, s, &cues);
		if (!n)
			continue;
		strbuf_addf(sb, "Words most typical of %s behavior texts:",
		            s ? "desirable" : "undesirable");
		for (k = 0; k < n; k++)
			strbuf_addf(sb, "%s `%s` (%zu/%zu)", k ? "," : "", cues[k].word,
			            cues[k].desirable, cues[k].undesirable);
		strbuf_addstr(sb, " (behaviors desirable/undesirable using it).\n\n");
	}
}

/* A placeholder of the template and its text. */
struct card_var {
	const char *key;
	struct strbuf value;
};

static void card_var_set(struct card_var *v, const char *key, const char *fmt, ...)
    XALLOC_PRINTF(3, 4);

static void card_var_set(struct card_var *v, const char *key, const char *fmt, ...)
{
	va_list ap;

	v->key = key;
	strbuf_init(&v->value, 0);
	va_start(ap, fmt);
	strbuf_vaddf(&v->value, fmt, ap);
	va_end(ap);
}

/* Copy template t[0..len) to out with each {{key}} replaced by its value. */
static void expand(struct strbuf *out, const char *t, size_t len, const struct card_var *v,
                   size_t nv)
{
	const char *end = t + len;

	while (t < end) {
		const char *open = strstr(t, "{{");
		const char *close = open ? strstr(open, "}}") : NULL;
		size_t i;

		if (!open || !close) {
			strbuf_add(out, t, (size_t)(end - t));
			break;
		}
		strbuf_add(out, t, (size_t)(open - t));
		for (i = 0; i < nv; i++)
			if (strlen(v[i].key) == (size_t)(close - open - 2) &&
			    !strncmp(v[i].key, open + 2, (size_t)(close - open - 2)))
				break;
		if (i == nv)
			BUG("card.md has an unknown placeholder '%.*s'", (int)(close - open + 2),
			    open);
		strbuf_add(out, v[i].value.buf, v[i].value.len);
		t = close + 2;
	}
}

int release_card(struct rel *r, const struct release_output *o)
{
	const struct counts *c = &r->c;
	const struct config *cfg = &r->lt.cfg;
	const struct asset *card = asset_find("card.md");
	struct card_var v[32]; /* the 24 placeholders below, and room */
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, i;
	int ret;

	if (!card)
		BUG("no built-in card.md");
	/* Hugging Face expects lowercase license ids */
	card_var_set(&v[n++], "license_id", "%s", cfg->license);
	for (i = 0; i < v[0].value.len; i++)
		if (v[0].value.buf[i] >= 'A' && v[0].value.buf[i] <= 'Z')
			v[0].value.buf[i] = (char)(v[0].value.buf[i] - 'A' + 'a');
	card_var_set(&v[n++], "license", "%s", cfg->license);
	card_var_set(&v[n++], "name", "%s", cfg->name);
	card_var_set(&v[n++], "version", "%s", r->version);
	card_var_set(&v[n++], "canary", "%s", cfg->canary);
	card_var_set(&v[n++], "size_category", "%s",
	             c->scenarios < 1000    ? "n<1K"
	             : c->scenarios < 10000 ? "1K<n<10K"
	                                    : "10K<n<100K");
	card_var_set(&v[n], "creators", "%s", "");
	card_creators(&v[n++].value, c);
	card_var_set(&v[n], "configs", "%s", "");
	card_configs(&v[n++].value);
	card_var_set(&v[n], "files", "%s", "");
	card_files(&v[n++].value);
	card_var_set(&v[n], "counts", "%s", "");
	card_counts(&v[n++].value, c);
	card_var_set(&v[n++], "scenarios", "%zu", c->scenarios);
	card_var_set(&v[n++], "behaviors", "%zu", c->behaviors);
	card_var_set(&v[n++], "origins",
	             "%zu (%.0f%%) are `human`, %zu (%.0f%%) `model-assisted` and %zu (%.0f%%) "
	             "`model` (written by a language model)",
	             c->origin[0], pct(c->origin[0], c->scenarios), c->origin[1],
	             pct(c->origin[1], c->scenarios), c->origin[2],
	             pct(c->origin[2], c->scenarios));
	card_var_set(
	    &v[n++], "rankers",
	    "%zu (%.0f%%) have one ranker, %zu (%.0f%%) two and %zu (%.0f%%) three or more",
	    c->rankers[0], pct(c->rankers[0], c->scenarios), c->rankers[1],
	    pct(c->rankers[1], c->scenarios), c->rankers[2], pct(c->rankers[2], c->scenarios));
	card_var_set(&v[n], "pair_kinds", "%s", "");
	card_pair_kinds(&v[n++].value, c);
	card_var_set(&v[n++], "resamples", "%d", BOOT_RESAMPLES);
	card_var_set(&v[n], "shortcuts", "%s", "");
	audit_markdown(r->audit, &v[n++].value);
	card_var_set(&v[n], "cue_words", "%s", "");
	card_cues(&v[n++].value, r->audit);
	card_var_set(&v[n++], "train_percent", "%ld", cfg->splits[0].percent);
	card_var_set(&v[n++], "validation_percent", "%ld", cfg->splits[1].percent);
	card_var_set(&v[n++], "test_percent", "%ld", cfg->splits[2].percent);
	expand(&sb, card->data, card->len, v, n);
	ret = rel_write(r, o->path, sb.buf, sb.len);
	for (i = 0; i < n; i++)
		strbuf_release(&v[i].value);
	strbuf_release(&sb);
	return ret;
}
