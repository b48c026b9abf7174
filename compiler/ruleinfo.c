/*
 * ruleinfo: the table of built-in rule ids and the regex rules registered at
 * load time; see ruleinfo.h. A rule id, once released, keeps its meaning.
 */
#include "ruleinfo.h"

#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "xalloc.h"

#define E DIAG_ERROR
#define W DIAG_WARNING
#define N DIAG_NOTE

static const struct rule_meta builtin[] = {
#include "ruleinfo.def"
};

#undef E
#undef W
#undef N

static struct rule_meta *extra;
static size_t nextra, aextra;

const struct rule_meta *ruleinfo_at(size_t i)
{
	size_t nb = sizeof(builtin) / sizeof(builtin[0]);

	if (i < nb)
		return &builtin[i];
	i -= nb;
	return i < nextra ? &extra[i] : NULL;
}

const struct rule_meta *ruleinfo_find(const char *id)
{
	const struct rule_meta *m;
	size_t i;

	for (i = 0; (m = ruleinfo_at(i)); i++)
		if (!strcmp(m->id, id))
			return m;
	return NULL;
}

void ruleinfo_register(const struct rule_meta *meta)
{
	XGROW(extra, aextra, nextra + 1);
	extra[nextra++] = *meta;
}

const char *ruleinfo_suggest(const char *s)
{
	const char **ids = NULL;
	const char *best;
	const struct rule_meta *m;
	size_t i, alloc = 0;

	for (i = 0; (m = ruleinfo_at(i)); i++) {
		XGROW(ids, alloc, i + 1);
		ids[i] = m->id;
	}
	best = suggest_closest(s, ids, i);
	free(ids);
	return best;
}

void ruleinfo_reset(void)
{
	free(extra);
	extra = NULL;
	nextra = aextra = 0;
}
