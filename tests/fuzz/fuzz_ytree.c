/*
 * libFuzzer target: ytree_parse()'s fast path against libyaml. Whenever the
 * fast path takes the input, libyaml must read it without a finding into the
 * same tree (kinds, values, styles, positions); a difference aborts. Input
 * that starts with a front matter fence is cut to the front matter, so the
 * corpus's scenario files are good seeds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct arena a1 = ARENA_INIT, a2 = ARENA_INIT;
	struct diag_sink s1 = DIAG_SINK_INIT, s2 = DIAG_SINK_INIT;
	struct ytree_opts o;
	struct ynode *fast = NULL, *slow;
	char *copy;
	int failed = 0;

	if (size >= 4 && !memcmp(s, "---\n", 4)) {
		size_t i = 4;

		while (i + 4 <= size && memcmp(s + i, "\n---", 4))
			i++;
		s += 4;
		size = i + 4 <= size ? i + 1 - 4 : size - 4;
	}
	/* an exact-size copy: ASan sees any read past the end */
	copy = malloc(size ? size : 1);
	memcpy(copy, s, size);
	memset(&o, 0, sizeof(o));
	o.path = "fuzz.yaml";
	o.arena = &a1;
	o.sink = &s1;
	if (ytree_parse_fast(copy, size, &o, &fast)) {
		o.arena = &a2;
		o.sink = &s2;
		slow = ytree_parse_libyaml(copy, size, &o, &failed);
		if (s1.nr || failed || s2.nr || !ytree_same(fast, slow))
			abort();
	}
	diag_release(&s1);
	diag_release(&s2);
	arena_release(&a1);
	arena_release(&a2);
	free(copy);
	return 0;
}
