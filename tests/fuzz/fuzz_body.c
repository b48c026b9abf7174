/*
 * libFuzzer target: a fixed valid front matter followed by arbitrary bytes,
 * so the input exercises the body: cmark sections, thoughts, rankings'
 * consensus and the regex rules.
 */
#include "fuzz_common.h"

static const char header[] =
	"---\n"
	"id: fuzz-input\n"
	"title: Fuzzing the body\n"
	"authors: [fuzzer]\n"
	"origin: human\n"
	"capabilities: [science]\n"
	"behaviors:\n"
	"  - {id: a, label: desirable, features: [explains-plan], superhuman: true}\n"
	"  - {id: b, label: desirable, features: [], superhuman: false}\n"
	"  - {id: c, label: undesirable, features: [lies], superhuman: true}\n"
	"rankings:\n"
	"  - {by: r1, order: [a, b, c]}\n"
	"  - {by: r2, order: [[a, b], c]}\n"
	"---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hl = sizeof(header) - 1;
	char *buf = malloc(hl + size + 1);

	fuzz_init();
	memcpy(buf, header, hl);
	memcpy(buf + hl, data, size);
	fuzz_check("corpus/fuzz/fuzz-input.md", buf, hl + size);
	free(buf);
	return 0;
}
