/*
 * release_card: the dataset card, README.md. Its text is the template
 * compiler/assets/card.md, whose {{name}} placeholders are filled here: the
 * Hugging Face front matter's values (one config per data file of
 * release_outputs[]), the canary, the file table, the counts and the split
 * percentages.
 */
#include "release_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "assets.h"
#include "xalloc.h"

/* The configs: a data file's name without ".jsonl", the default first. */
static void card_configs(struct strbuf *sb)
{
	int pass;
	size_t i;

	strbuf_addstr(sb, "configs:\n");
	for (pass = 1; pass >= 0; pass--) {
		for (i = 0; i < release_noutputs; i++) {
			const struct release_output *o = &release_outputs[i];
			const char *dot = strrchr(o->path, '.');
			int len = dot ? (int)(dot - o->path) : (int)strlen(o->path);

			if (!o->card || !o->card_default != !pass)
				continue;
			strbuf_addf(sb, "- config_name: %.*s\n  data_files: %s\n%s", len, o->path,
			            o->path, pass ? "  default: true\n" : "");
		}
	}
}

/* The table of data files: each one's "one line per" and schema. */
static void card_files(struct strbuf *sb)
{
	size_t i;

	strbuf_addstr(sb, "| file | one line per | schema |\n|---|---|---|\n");
	for (i = 0; i < release_noutputs; i++) {
		const struct release_output *o = &release_outputs[i];

		if (o->card)
			strbuf_addf(sb, "| `%s` | %s | `schema/%s` |\n", o->path, o->card,
			            o->schema);
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
	struct card_var v[24]; /* the 18 placeholders below, and room */
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
	card_var_set(&v[n], "configs", "%s", "");
	card_configs(&v[n++].value);
	card_var_set(&v[n], "files", "%s", "");
	card_files(&v[n++].value);
	card_var_set(&v[n++], "train", "%zu", c->split[0]);
	card_var_set(&v[n++], "validation", "%zu", c->split[1]);
	card_var_set(&v[n++], "test", "%zu", c->split[2]);
	card_var_set(&v[n++], "scenarios", "%zu", c->scenarios);
	card_var_set(&v[n++], "behaviors", "%zu", c->behaviors);
	card_var_set(&v[n++], "comparisons", "%zu", c->comparisons);
	card_var_set(&v[n++], "quests", "%zu", c->episodes);
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
