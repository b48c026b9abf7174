/*
 * release_card: the dataset card, README.md: Hugging Face front matter
 * (license, tags, creators, one config per kind of records with a data file
 * per split), then what the data is, the canary, the files, the counts,
 * who wrote and ranked it, the pair kinds, the shortcut audit, the splits,
 * how to load it, train on it and score a model, what the ranking fields
 * mean, and the license (SPEC 5, the dataset card).
 */
#include "release_internal.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "boot.h"

/*
 * The configs: one per kind of records (release_outputs[] rows with a
 * schema), scenarios the default, each with a data file per split, so a
 * Hub loader gives exactly that split (SPEC 5, the dataset card).
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

static double pct(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* annotations_creators and language_creators, from the origins present. */
static void card_creators(struct strbuf *sb, const struct counts *c, const char *key)
{
	strbuf_addf(sb, "%s:\n", key);
	if (c->origin[0] || c->origin[1])
		strbuf_addstr(sb, "- expert-generated\n");
	if (c->origin[1] || c->origin[2])
		strbuf_addstr(sb, "- machine-generated\n");
	if (!c->scenarios)
		strbuf_addstr(sb, "- expert-generated\n");
}

int release_card(struct rel *r, const struct release_output *o)
{
	const struct counts *c = &r->c;
	const struct config *cfg = &r->lt.cfg;
	const struct audit_cue *cues;
	struct strbuf sb = STRBUF_INIT;
	char lic[128];
	size_t i, k, n;
	int s, ret;

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
	card_creators(&sb, c, "annotations_creators");
	card_creators(&sb, c, "language_creators");
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
	    "\nEvery record has its `split` field too; a split with no records still has its "
	    "(empty) file. `bigbench/task.json` is the test split as a BIG-bench JSON task "
	    "(`multiple_choice_grade`: the behaviors of the consensus's first group score 1). "
	    "`manifest.json` lists every file with its SHA-256 (`SHA256SUMS` works with "
	    "`sha256sum -c`); `CHANGES.md` and `changes.json` list the scenarios added, removed "
	    "and modified since the previous release; `html/index.html` is a browsable copy.\n\n");

	strbuf_addstr(
	    &sb, "## Counts\n\n| | train | validation | test | all |\n|---|---|---|---|---|\n");
	for (i = 0; i < release_noutputs; i++) {
		if (!release_outputs[i].card)
			continue;
		k = i == 0 ? 0 : !strcmp(release_kind(&release_outputs[i]), "comparisons") ? 1 : 2;
		strbuf_addf(&sb, "| %s |", release_kind(&release_outputs[i]));
		for (s = 0; s < RELEASE_NSPLITS; s++)
			strbuf_addf(&sb, " %zu |", c->kind_split[k][s]);
		strbuf_addf(&sb, " %zu |\n",
		            k == 0   ? c->scenarios
		            : k == 1 ? c->comparisons
		                     : c->episodes);
	}
	strbuf_addf(&sb, "\n%zu behaviors in all.\n\n", c->behaviors);

	strbuf_addf(
	    &sb,
	    "## Who wrote and ranked it\n\n`origin` says who wrote a scenario's text. "
	    "Of the %zu scenarios, %zu (%.0f%%) are `human`, %zu (%.0f%%) "
	    "`model-assisted` and %zu (%.0f%%) `model` (written by a language model). "
	    "%zu (%.0f%%) have one ranker, %zu (%.0f%%) two and %zu (%.0f%%) three or more; "
	    "with one ranker the ranking is that person's (or process's) judgment alone "
	    "and `agreement` is null. `authors` and each ranking's `by` name real "
	    "contributors or clearly named processes.\n\n",
	    c->scenarios, c->origin[0], pct(c->origin[0], c->scenarios), c->origin[1],
	    pct(c->origin[1], c->scenarios), c->origin[2], pct(c->origin[2], c->scenarios),
	    c->rankers[0], pct(c->rankers[0], c->scenarios), c->rankers[1],
	    pct(c->rankers[1], c->scenarios), c->rankers[2], pct(c->rankers[2], c->scenarios));

	n = c->pair_kind[0] + c->pair_kind[1] + c->pair_kind[2];
	strbuf_addf(&sb,
	            "## Pairs\n\nA comparison is a pair of behaviors of one scenario that the "
	            "consensus ranks strictly apart; its `id` is `<scenario>:<chosen>><rejected>` "
	            "and its `kind` says what the two labels are:\n\n"
	            "| kind | pairs | share |\n|---|---|---|\n"
	            "| `desirable>undesirable` | %zu | %.0f%% |\n"
	            "| `desirable>desirable` | %zu | %.0f%% |\n"
	            "| `undesirable>undesirable` | %zu | %.0f%% |\n\n"
	            "In `undesirable>undesirable` pairs the chosen behavior is the lesser evil, "
	            "not good conduct: filter on `kind` (or `chosen_label`) if a model should "
	            "only learn from desirable choices.\n\n",
	            c->pair_kind[0], pct(c->pair_kind[0], n), c->pair_kind[1],
	            pct(c->pair_kind[1], n), c->pair_kind[2], pct(c->pair_kind[2], n));

	strbuf_addf(
	    &sb,
	    "## Shortcuts\n\nHow well trivial predictors that never read the scenario "
	    "pick the chosen behavior of each pair (`corpusc audit`): the behavior listed "
	    "first in the release (`position`; behaviors are in the order of the SHA-256 of "
	    "`<scenario id>/<behavior id>`) or in the source file (`source-position`), the "
	    "one with more words in its text (`length`) or thoughts (`thought-length`), "
	    "and a naive Bayes model of the behavior text's words, held out by scenario "
	    "(`lexical`). Accuracy over the pairs, a tie counting one half, with a 95%% "
	    "interval from %d scenario-bootstrap resamples; 0.5 is chance. A reward model "
	    "should be read against these figures.\n\n",
	    BOOT_RESAMPLES);
	audit_markdown(r->audit, &sb);
	for (s = 1; s >= 0; s--) {
		n = audit_cues(r->audit, s, &cues);
		if (!n)
			continue;
		strbuf_addf(&sb, "\nWords most typical of %s behavior texts:",
		            s ? "desirable" : "undesirable");
		for (k = 0; k < n; k++)
			strbuf_addf(&sb, "%s `%s` (%zu/%zu)", k ? "," : "", cues[k].word,
			            cues[k].desirable, cues[k].undesirable);
		strbuf_addstr(&sb, " (behaviors desirable/undesirable using it).\n");
	}
	strbuf_addstr(&sb, "\n");

	strbuf_addf(
	    &sb,
	    "## Splits\n\nA scenario's split is a pure function of its id (of its quest id for "
	    "quest turns, so an episode never straddles splits): the first 8 bytes of "
	    "SHA-256(id) as a big-endian integer, modulo 10000, against the cumulative "
	    "percentages %ld / %ld / %ld. A file may pin its split. So a scenario keeps its split "
	    "from release to release. Do not train on `test`.\n\n",
	    cfg->splits[0].percent, cfg->splits[1].percent, cfg->splits[2].percent);
	strbuf_addstr(
	    &sb,
	    "## Loading\n\nWith the Hugging Face `datasets` library, from the Hub (the configs "
	    "are `scenarios`, `comparisons` and `episodes`):\n\n```python\n"
	    "from datasets import load_dataset\n\n"
	    "test_pairs = load_dataset(\"<hub id of this dataset>\", \"comparisons\", "
	    "split=\"test\")\n```\n\n"
	    "or from this directory:\n\n```python\n"
	    "pairs = load_dataset(\"json\", data_files={s: f\"data/comparisons/{s}.jsonl\"\n"
	    "                     for s in (\"train\", \"validation\", \"test\")})\n"
	    "train = pairs[\"train\"]\n```\n\n"
	    "With plain Python:\n\n```python\nimport json\n\n"
	    "with open(\"data/scenarios/validation.jsonl\", encoding=\"utf-8\") as f:\n"
	    "    validation = [json.loads(line) for line in f]\n```\n\n"
	    "## Training a reward model\n\nIn `comparisons`, `prompt` is the scenario text, "
	    "`chosen` and `rejected` the two behaviors' texts: the columns a preference "
	    "trainer (e.g. TRL's `RewardTrainer`) expects. The AI's reasoning is in "
	    "`chosen_thoughts` and `rejected_thoughts`, separate columns that are not part of "
	    "the response; add them only if the model is meant to judge reasoning. Texts are "
	    "Markdown; each paragraph is one line. `agreement` is the share of rankers who put "
	    "chosen above rejected, usable as a weight.\n\n"
	    "## Scoring a reward model\n\nScore every behavior of the test split, write one "
	    "JSON object per line, `{\"scenario_id\": ..., \"behavior_id\": ..., \"score\": "
	    "...}` (higher is better), and run\n\n```sh\n"
	    "corpusc score --scores scores.jsonl --split test <this directory>\n```\n\n"
	    "It prints pairwise accuracy (also per pair kind and capability), best-of-n "
	    "accuracy and the mean Kendall tau-b against the consensus, each with a 95% "
	    "scenario-bootstrap interval, beside the `length` and `lexical` shortcuts and "
	    "chance (`--format json` for a JSON document).\n\n");
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
	    "decimal places.\n\n");
	strbuf_addf(&sb, "## License\n\n%s, unless a record's `license` says otherwise.\n",
	            cfg->license);
	ret = rel_write(r, o->path, sb.buf, sb.len);
	strbuf_release(&sb);
	return ret;
}
