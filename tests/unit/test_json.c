/*
 * Unit tests for compiler/json.c: string escaping (quotes, backslashes,
 * every control, invalid UTF-8 as \ufffd, U+2028/2029 escaped, valid
 * multibyte text kept), json_cstr(NULL), json_num4 (4 decimal places, at
 * least one digit after the point, no negative zero, NaN as null) and
 * utf8_seq_len on valid and invalid sequences.
 */
#include "json.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static int str_is(const char *s, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	int ok;

	json_str(&sb, s, len);
	ok = !strcmp(sb.buf, want);
	if (!ok)
		printf("# json_str gave %s, wanted %s\n", sb.buf, want);
	strbuf_release(&sb);
	return ok;
}

#define JS(lit, want) OK(str_is((lit), sizeof(lit) - 1, (want)), "json_str " #lit)

static const char *num(double v)
{
	static char buf[64];
	struct strbuf sb = STRBUF_INIT;

	json_num4(&sb, v);
	snprintf(buf, sizeof(buf), "%s", sb.buf);
	strbuf_release(&sb);
	return buf;
}

static void test_escapes(void)
{
	struct strbuf sb = STRBUF_INIT;

	JS("plain", "\"plain\"");
	JS("", "\"\"");
	JS("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	JS("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
	JS("\x01\x1f\x1b", "\"\\u0001\\u001f\\u001b\"");
	JS("a\0b", "\"a\\u0000b\"");
	JS("\x7f", "\"\x7f\"");
	JS("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	JS("a\xffz", "\"a\\ufffdz\"");
	JS("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	JS("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	JS("end\xe2\x82", "\"end\\ufffd\\ufffd\"");
	JS("x\xe2\x80\xa8y\xe2\x80\xa9z", "\"x\\u2028y\\u2029z\"");
	json_cstr(&sb, NULL);
	STR_EQ(sb.buf, "null");
	strbuf_reset(&sb);
	json_cstr(&sb, "k");
	STR_EQ(sb.buf, "\"k\"");
	strbuf_reset(&sb);
	json_key(&sb, "id");
	STR_EQ(sb.buf, "\"id\":");
	strbuf_release(&sb);
}

static void test_num4(void)
{
	STR_EQ(num(0.8684), "0.8684");
	STR_EQ(num(1.0), "1.0");
	STR_EQ(num(1), "1.0");
	STR_EQ(num(0.5), "0.5");
	STR_EQ(num(0.0), "0.0");
	STR_EQ(num(-0.0), "0.0");
	STR_EQ(num(-0.00001), "0.0");
	STR_EQ(num(2.0 / 3.0), "0.6667");
	STR_EQ(num(1.0 / 3.0), "0.3333");
	STR_EQ(num(0.86841), "0.8684");
	STR_EQ(num(0.86846), "0.8685");
	STR_EQ(num(0.99996), "1.0");
	STR_EQ(num(0.1), "0.1");
	STR_EQ(num(0.25), "0.25");
	STR_EQ(num(12.5), "12.5");
	STR_EQ(num(-0.5), "-0.5");
	STR_EQ(num(1704.0 / 1872.0), "0.9103");
	STR_EQ(num(NAN), "null");
	STR_EQ(num(INFINITY), "null");
	STR_EQ(num(123456789.00005), "123456789.0001");
	STR_EQ(num(2e9 + 0.25), "2000000000.25");
	STR_EQ(num(-1e15), "-1000000000000000.0");
}

/*
 * json_num4 formats the rounded value itself: it must print what the
 * definition (round to 4 places, "%.4f", trailing zeros trimmed to one)
 * prints, over many values of every size and sign.
 */
static void test_num4_like_printf(void)
{
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	size_t i, fails = 0;

	for (i = 0; i < 200000; i++) {
		char want[64];
		size_t n;
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
		if (i % 4 == 1)
			v = -v;
		if (i % 4 == 2)
			v *= pow(10, (double)(x % 10)); /* up to 10^9 */
		if (i % 8 == 3)
			v = (double)(x % 100000) / 10000.0 + 0.00005; /* near a tie */
		snprintf(want, sizeof(want), "%.4f", round(v * 10000.0) / 10000.0);
		if (!strcmp(want, "-0.0000"))
			strcpy(want, "0.0000");
		n = strlen(want);
		while (n > 2 && want[n - 1] == '0' && want[n - 2] != '.')
			n--;
		want[n] = '\0';
		if (strcmp(num(v), want)) {
			if (fails++ < 5)
				printf("# json_num4(%.17g) gave %s, wanted %s\n", v, num(v), want);
		}
	}
	INT_EQ(fails, 0);
}

static void test_utf8_seq_len(void)
{
	unsigned cp = 0;

	INT_EQ(utf8_seq_len((const unsigned char *)"A", 1, &cp), 1);
	INT_EQ(cp, 'A');
	INT_EQ(utf8_seq_len((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	INT_EQ(cp, 0xE9);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xe2\x80\xa8", 3, &cp), 3);
	INT_EQ(cp, 0x2028);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
	INT_EQ(cp, 0x1F600);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &cp), 4);
	INT_EQ(cp, 0x10FFFF);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xc0\xaf", 2, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xc1\xbf", 2, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xe0\x80\xaf", 3, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xf0\x80\x80\xaf", 4, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xed\xa0\x80", 3, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xf4\x90\x80\x80", 4, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xf5\x80\x80\x80", 4, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\x80", 1, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0);
	INT_EQ(utf8_seq_len((const unsigned char *)"\xe2\x28\xac", 3, &cp), 0);
}

/*
 * json_str reads runs of plain ASCII eight bytes at a time: every byte that
 * needs a look, at every offset of a 24-byte run, must still be seen.
 */
static void test_every_offset(void)
{
	static const struct {
		const char *in, *out;
	} special[] = {
		{"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {"\x01", "\\u0001"},
		{"\x1f", "\\u001f"}, {"\xc3\xa9", "\xc3\xa9"}, {"\xff", "\\ufffd"},
		{"\xe2\x80\xa8", "\\u2028"}, {"\x7f", "\x7f"}, {" ", " "},
	};
	size_t k, at, fails = 0;

	for (k = 0; k < sizeof(special) / sizeof(special[0]); k++) {
		for (at = 0; at < 24; at++) {
			char in[64], want[96];
			size_t n = strlen(special[k].in);

			memset(in, 'a', 24);
			memcpy(in + at, special[k].in, n);
			memset(in + at + n, 'b', 24 - at);
			snprintf(want, sizeof(want), "\"%.*s%s%.*s\"", (int)at,
				 "aaaaaaaaaaaaaaaaaaaaaaaa", special[k].out, (int)(24 - at),
				 "bbbbbbbbbbbbbbbbbbbbbbbb");
			fails += !str_is(in, 24 + n, want);
		}
	}
	INT_EQ(fails, 0);
}

int main(void)
{
	test_escapes();
	test_every_offset();
	test_num4();
	test_num4_like_printf();
	test_utf8_seq_len();
	return harness_done();
}
