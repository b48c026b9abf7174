/*
 * check_hygiene: per-file coverage and hygiene (docs/format.md section 3): a feature
 * whose polarity contradicts the behavior's label, and a share of superhuman
 * behaviors under the policy. Near-duplicates are corpus-wide (neardup.c).
 */
#include "check.h"

void check_hygiene(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	size_t i, j, known = 0, super = 0;

	for (i = 0; i < doc->nbehaviors; i++) {
		const struct behavior *b = &doc->behaviors[i];

		if (b->superhuman >= 0) {
			known++;
			super += b->superhuman == 1;
		}
		if (b->label == LABEL_NONE)
			continue;
		for (j = 0; j < b->nfeatures; j++) {
			const struct taxo_entry *e = config_feature(cfg, b->features[j]);
			if (e && e->polarity != LABEL_NONE && e->polarity != b->label)
				diag_add(
				    sink, DIAG_WARNING, &b->feature_locs[j], "feature-polarity",
				    "feature '%s' is %s but behavior '%s' is labeled %s; check the "
				    "label and features",
				    e->id,
				    e->polarity == LABEL_DESIRABLE ? "desirable" : "undesirable",
				    b->id ? b->id : "?",
				    b->label == LABEL_DESIRABLE ? "desirable" : "undesirable");
		}
	}
	if (known && known == doc->nbehaviors &&
	    (double)super < cfg->superhuman_share * (double)known - 1e-9)
		diag_add(sink, DIAG_WARNING, &doc->behaviors_loc, "superhuman-share",
		         "%zu of %zu behaviors are superhuman; the policy asks for at least %.0f%%",
		         super, known, cfg->superhuman_share * 100);
}
