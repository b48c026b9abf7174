/*
 * libFuzzer target: the prefilter against pcre2 itself. The input is a flag
 * byte, then a pattern and a text separated by the first NUL. Whenever pcre2
 * matches the text, the prefilter's literals must occur in it (else a rule
 * would miss a real finding), and the one-pass scan must agree with the
 * plain search.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "prefilter.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	const char *pat, *text;
	size_t plen, tlen;
	int caseless, extended, err, has;
	PCRE2_SIZE off;
	pcre2_code *re;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	struct prefilter_set set;

	if (size < 2)
		return 0;
	caseless = data[0] & 1;
	extended = (data[0] >> 1) & 1;
	nul = memchr(data + 1, 0, size - 1);
	if (!nul)
		return 0;
	pat = (const char *)data + 1;
	plen = (size_t)(nul - data) - 1;
	text = (const char *)nul + 1;
	tlen = size - (size_t)(nul - data) - 1;
	re = pcre2_compile((PCRE2_SPTR)pat, plen,
			   PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
			   (caseless ? PCRE2_CASELESS : 0) | (extended ? PCRE2_EXTENDED : 0),
			   &err, &off, NULL);
	if (!re)
		return 0;
	has = prefilter_literals(pat, plen, caseless, extended, &set);
	if (has) {
		struct prefilter *pf = prefilter_new(1);
		uint64_t bit;

		prefilter_add(pf, 0, &set);
		prefilter_scan(pf, text, tlen, &bit);
		if ((int)(bit & 1) != prefilter_found(&set, text, tlen))
			abort(); /* the scan and the plain search disagree */
		prefilter_free(pf);
	}
	md = pcre2_match_data_create(1, NULL);
	mc = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mc, 100000);
	pcre2_set_depth_limit(mc, 10000);
	/* invalid UTF-8 text: pcre2 refuses it, nothing to compare */
	if (has && pcre2_match(re, (PCRE2_SPTR)text, tlen, 0, 0, md, mc) >= 0 &&
	    !prefilter_found(&set, text, tlen))
		abort(); /* pcre2 matched a text that has none of the literals */
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return 0;
}
