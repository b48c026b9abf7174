/*
 * libFuzzer target: an arbitrary rule file under lint-rules/ (beside the
 * real taxonomy and policy), loaded, its examples tested, and the rule run
 * over a fixed scenario.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "ruleinfo.h"

static const char scenario[] =
	"---\nid: fuzz-rules\ntitle: A title with TODO and <b>markup</b>\n---\n\n"
	"## Scenario\n\nSome text with [a link](javascript:x) and `code` and aaaa.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64];
	struct diag_sink sink = DIAG_SINK_INIT;
	char path[128];
	struct rules *r;
	FILE *f;

	fuzz_init();
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/corpusc-fuzz-rules.%ld", (long)getpid());
		mkdir(dir, 0700);
	}
	snprintf(path, sizeof(path), "%s/rule.yaml", dir);
	f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	r = rules_load(dir, &sink);
	if (r) {
		FILE *null = fopen("/dev/null", "w");
		struct rules_scratch *s = rules_scratch_new(r);
		char *buf = malloc(sizeof(scenario));
		struct doc *doc;

		rules_test(r, null);
		fclose(null);
		memcpy(buf, scenario, sizeof(scenario));
		doc = doc_new("corpus/fuzz/fuzz-rules.md", buf, sizeof(scenario) - 1);
		frontmatter_check(doc, 0, &fuzz_cfg, &sink);
		if (doc->fm_ok)
			body_check(doc, &fuzz_cfg, &sink);
		rules_run(r, s, doc, &sink);
		doc_free(doc);
		rules_scratch_free(s);
		rules_free(r);
	}
	diag_release(&sink);
	return 0;
}
