/*
 * libFuzzer target: a whole scenario file, so the byte gate and the front
 * matter (libyaml events, schema) see arbitrary input; the body stages run
 * when the front matter parses.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	fuzz_check("corpus/fuzz/fuzz-input.md", (const char *)data, size);
	return 0;
}
