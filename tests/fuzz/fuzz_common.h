/*
 * Shared setup of the libFuzzer targets: the repository's taxonomy, policy
 * and rules, loaded once. FUZZ_ROOT is the repository root (set by make).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "check.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "emit_html.h"
#include "frontmatter.h"
#include "gate.h"
#include "rules.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config fuzz_cfg;
static struct rules *fuzz_rules;
static struct rules_scratch *fuzz_scratch;

static void fuzz_init(void)
{
	struct diag_sink s = DIAG_SINK_INIT;

	if (fuzz_rules)
		return;
	if (config_load(&fuzz_cfg, FUZZ_ROOT, NULL, &s) < 0)
		abort();
	fuzz_rules = rules_load(fuzz_cfg.rules_dir, &s);
	if (!fuzz_rules)
		abort();
	fuzz_scratch = rules_scratch_new(fuzz_rules);
	diag_release(&s);
}

/* Run every per-file stage on src, as lint_file() does. */
static void fuzz_check(const char *path, const char *src, size_t len)
{
	struct diag_sink sink = DIAG_SINK_INIT;
	char *buf = malloc(len + 1);
	struct doc *doc;
	size_t bom;

	memcpy(buf, src, len);
	buf[len] = '\0';
	doc = doc_new(path, buf, len);
	sink.src = doc->src;
	sink.src_len = doc->len;
	sink.src_path = doc->path;
	if (gate_check(doc, &sink, &bom)) {
		frontmatter_check(doc, bom, &fuzz_cfg, &sink);
		if (doc->fm_ok)
			body_check(doc, &fuzz_cfg, &sink);
		if (doc->fm_ok == 1 && doc->body_ok) {
			check_ranking(doc, &fuzz_cfg, &sink);
			check_thought(doc, &fuzz_cfg, &sink);
			check_hygiene(doc, &fuzz_cfg, &sink);
			rules_run(fuzz_rules, fuzz_scratch, doc, &sink);
		}
		if (doc->body_ok) {
			/* the page's sections, from the lint's cmark tree */
			struct strbuf html = STRBUF_INIT;
			size_t i;

			if (doc->has_scenario)
				html_section(&html, doc, &doc->scenario);
			for (i = 0; i < doc->nbehaviors; i++) {
				html_section(&html, doc, &doc->behaviors[i].text);
				html_section(&html, doc, &doc->behaviors[i].thoughts);
			}
			if (doc->has_consequences)
				html_section(&html, doc, &doc->consequences);
			strbuf_release(&html);
		}
	}
	diag_sort(&sink);
	diag_release(&sink);
	doc_free(doc);
}

#endif
