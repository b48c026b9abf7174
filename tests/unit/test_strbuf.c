/*
 * Unit tests for compiler/strbuf.c: growth from the shared empty buffer,
 * and strbuf_addf() against snprintf() for every kind of conversion
 * (strings, integers of each size, floats, widths, precision, hex), and
 * a null string, which glibc prints as "(null)" with or without a width.
 */
#include "strbuf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define SAME(...)                                                                      \
	do {                                                                           \
		struct strbuf sb = STRBUF_INIT;                                        \
		char want[512];                                                        \
		strbuf_addstr(&sb, "<");                                               \
		strbuf_addf(&sb, __VA_ARGS__);                                         \
		want[0] = '<';                                                         \
		snprintf(want + 1, sizeof(want) - 1, __VA_ARGS__);                     \
		STR_EQ(sb.buf, want);                                                  \
		INT_EQ(sb.len, strlen(want));                                          \
		strbuf_release(&sb);                                                   \
	} while (0)

static void test_addf(void)
{
	SAME("plain text, no conversion");
	SAME("%s", "");
	SAME("%s and %s", "one", "two");
	SAME("%d %d %d", 0, -1, INT_MIN);
	SAME("%d|%u", INT_MAX, UINT_MAX);
	SAME("%zu items", (size_t)0);
	SAME("%zu", (size_t)-1);
	SAME("%ld %lu", LONG_MIN, ULONG_MAX);
	SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("100%% of %s%%", "it");
	SAME("trailing %%");
	SAME("<li><a href=\"%s%s\"%s>%s</a></li>\n", "../", "index.html", "", "Scenarios");
	/* handed to vsnprintf */
	SAME("%.2f and %s", 0.125, "x");
	SAME("%5d|%-4s|", 42, "ab");
	SAME("%02x %X %o", 10, 255, 8);
	SAME("%.4f %g %e", 1.0 / 3, 2.5, 1e-9);
	SAME("%.*s", 3, "abcdef");
	SAME("%zd", (size_t)12345);
	SAME("%p", (void *)0);
}

/*
 * A null %s argument: an earlier hand-rolled formatter crashed on "[%s]"
 * while "[%5s]" went to vsnprintf. The pointer is opaque to the compiler,
 * which would otherwise warn about the null argument.
 */
static void test_null_string(void)
{
	const char *volatile none = NULL;

	SAME("[%s]", none);
	SAME("[%5s]", none);
	SAME("%s and %d", none, 7);
}

static void test_growth(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	char *d;

	strbuf_addch(&sb, 'x');
	STR_EQ(sb.buf, "x");
	strbuf_reset(&sb);
	for (i = 0; i < 1000; i++)
		strbuf_add(&sb, "0123456789", 10);
	INT_EQ(sb.len, 10000);
	OK(sb.alloc > sb.len && sb.buf[sb.len] == '\0', "NUL-terminated");
	OK(!memcmp(sb.buf + 9990, "0123456789", 10), "contents kept while growing");
	strbuf_release(&sb);
	/* an empty add on the shared empty buffer still yields a buffer */
	strbuf_add(&sb, "", 0);
	OK(sb.alloc > 0 && sb.buf[0] == '\0', "empty add allocates");
	d = strbuf_detach(&sb, NULL);
	STR_EQ(d, "");
	free(d);
}

int main(void)
{
	test_addf();
	test_null_string();
	test_growth();
	return harness_done();
}
