/*
 * release_card: the dataset card, README.md: Hugging Face front matter
 * (license, tags, one config per data file of release_outputs[]), then what
 * the data is, the canary, the files, the counts, the splits, how to load
 * it, what the ranking fields mean, provenance and the license.
 */
#include "release_internal.h"

#include <stdio.h>
#include <string.h>

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

int release_card(struct rel *r, const struct release_output *o)
{
	const struct counts *c = &r->c;
	const struct config *cfg = &r->lt.cfg;
	struct strbuf sb = STRBUF_INIT;
	char lic[128];
	size_t i;
	int ret;

	/* Hugging Face expects lowercase license ids */
	snprintf(lic, sizeof(lic), "%s", cfg->license);
	for (i = 0; lic[i]; i++)
		if (lic[i] >= 'A' && lic[i] <= 'Z')
			lic[i] = (char)(lic[i] - 'A' + 'a');
	strbuf_addf(&sb,
	            "---\nlicense: %s\npretty_name: \"%s\"\nlanguage:\n- en\n"
	            "task_categories:\n- text-classification\n- text-generation\n"
	            "tags:\n- alignment\n- ai-safety\n- reward-modeling\n- preference\n"
	            "size_categories:\n- %s\n",
	            lic, cfg->name,
	            c->scenarios < 1000    ? "n<1K"
	            : c->scenarios < 10000 ? "1K<n<10K"
	                                   : "10K<n<100K");
	card_configs(&sb);
	strbuf_addstr(&sb, "---\n\n");
	strbuf_addf(&sb, "# %s %s\n\n", cfg->name, r->version);
	strbuf_addstr(
	    &sb, "Scenarios of conduct for AI systems that are more capable than their overseers. "
	         "Each scenario puts a moderately superhuman AI in a situation, describes several "
	         "behaviors it could choose (most showing a capability beyond the best humans), "
	         "labels each desirable or undesirable, ranks them, and records the AI's thoughts "
	         "that lead to each behavior. Negative examples are part of the data.\n\n");
	strbuf_addstr(&sb, "## Canary\n\nEvery record and every page carries this string. "
	                   "Filter it out of pretraining data:\n\n```\n");
	strbuf_addstr(&sb, cfg->canary);
	strbuf_addstr(&sb, "\n```\n\n## Files\n\n");
	card_files(&sb);
	strbuf_addstr(
	    &sb,
	    "\n`manifest.json` lists every file with its SHA-256 (`SHA256SUMS` works with "
	    "`sha256sum -c`); `CHANGES.md` and `changes.json` list the scenarios added, removed "
	    "and modified since the previous release; `html/index.html` is a browsable copy.\n\n");
	strbuf_addf(
	    &sb,
	    "## Counts\n\n| | scenarios |\n|---|---|\n| train | %zu |\n| validation | %zu |\n"
	    "| test | %zu |\n| **all** | %zu |\n\n"
	    "%zu behaviors, %zu comparison pairs, %zu quests.\n\n",
	    c->split[0], c->split[1], c->split[2], c->scenarios, c->behaviors, c->comparisons,
	    c->episodes);
	strbuf_addf(
	    &sb,
	    "## Splits\n\nEvery record has a `split` field: `train`, `validation` or "
	    "`test`. A scenario's split is a pure function of its id (of its quest id for "
	    "quest turns, so an episode never straddles splits): the first 8 bytes of "
	    "SHA-256(id) as a big-endian integer, modulo 10000, against the cumulative "
	    "percentages %ld / %ld / %ld. A file may pin its split. So a scenario keeps its split "
	    "from release to release. There are no per-split copies of the files: select a "
	    "split by the field.\n\n",
	    cfg->splits[0].percent, cfg->splits[1].percent, cfg->splits[2].percent);
	strbuf_addstr(
	    &sb,
	    "## Loading\n\nWith the Hugging Face `datasets` library:\n\n```python\n"
	    "from datasets import load_dataset\n\n"
	    "pairs = load_dataset(\"json\", data_files=\"comparisons.jsonl\", split=\"train\")\n"
	    "train = pairs.filter(lambda r: r[\"split\"] == \"train\")\n"
	    "test = pairs.filter(lambda r: r[\"split\"] == \"test\")\n"
	    "# reward-model trainers expect prompt / chosen / rejected columns: these are they\n"
	    "print(train[0][\"prompt\"], train[0][\"chosen\"], train[0][\"rejected\"])\n```\n\n"
	    "With plain Python:\n\n```python\nimport json\n\n"
	    "with open(\"scenarios.jsonl\", encoding=\"utf-8\") as f:\n"
	    "    scenarios = [json.loads(line) for line in f]\n"
	    "validation = [s for s in scenarios if s[\"split\"] == \"validation\"]\n```\n\n");
	strbuf_addstr(
	    &sb,
	    "## Rankings, consensus and agreement\n\n"
	    "`rankings` keeps every ranker's order (best first, lists of tied ids). `consensus` "
	    "combines them: a Kemeny-optimal order (fewest pairwise disagreements with the "
	    "rankers), exact for up to 16 behaviors, a Borda start improved by adjacent swaps "
	    "above that; ties between equally good orders go to the order smallest by behavior "
	    "id. Two behaviors share a consensus group only when the rankers are exactly split "
	    "on them and no other behavior stands between them. `agreement` on a scenario is "
	    "Kendall's W with tie correction (null with one ranker); on a comparison it is the "
	    "share of rankers who put chosen strictly above rejected. Numbers are rounded to 4 "
	    "decimal places.\n\n"
	    "## Provenance\n\n`origin` says who wrote a scenario's text (`human`, `model-assisted` "
	    "or `model`); `authors` and each ranking's `by` name real contributors or clearly "
	    "named processes.\n\n");
	strbuf_addf(&sb, "## License\n\n%s, unless a record's `license` says otherwise.\n",
	            cfg->license);
	ret = rel_write(r, o->path, sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}
