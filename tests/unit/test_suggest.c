/*
 * Unit tests for compiler/suggest.c: the optimal string alignment distance
 * (case-insensitive, adjacent transpositions cost 1) and the did-you-mean
 * choice (closest candidate within a third of the longer length, at least
 * one edit allowed; NULL when nothing is close).
 */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void test_distance(void)
{
	char *a, *b;

	INT_EQ(suggest_distance("", ""), 0);
	INT_EQ(suggest_distance("abc", "abc"), 0);
	INT_EQ(suggest_distance("", "abc"), 3);
	INT_EQ(suggest_distance("abc", ""), 3);
	INT_EQ(suggest_distance("kitten", "sitting"), 3);
	INT_EQ(suggest_distance("title", "titel"), 1);
	INT_EQ(suggest_distance("ab", "ba"), 1);
	INT_EQ(suggest_distance("ca", "abc"), 3); /* OSA, not Damerau: 3 */
	INT_EQ(suggest_distance("Title", "title"), 0);
	INT_EQ(suggest_distance("SCENARIO", "Scenario"), 0);
	INT_EQ(suggest_distance("tags", "tag"), 1);
	INT_EQ(suggest_distance("flaw", "lawn"), 2);
	INT_EQ(suggest_distance("superhumann", "superhuman"), 1);
	/* symmetric */
	INT_EQ(suggest_distance("lawn", "flaw"), suggest_distance("flaw", "lawn"));
	/* long strings fall back to a cheap bound, never crash */
	a = malloc(1001);
	b = malloc(1001);
	memset(a, 'a', 1000);
	a[1000] = '\0';
	memset(b, 'b', 1000);
	b[1000] = '\0';
	OK(suggest_distance(a, b) >= 256, "long strings are far apart");
	OK(suggest_distance(a, "a") >= 256, "long against short");
	free(a);
	free(b);
}

static void test_closest(void)
{
	static const char *const keys[] = { "id", "title", "authors", "origin",
					    "capabilities", "tags", "license",
					    "split", "behaviors", "rankings" };
	static const char *const labels[] = { "desirable", "undesirable" };
	static const char *const sections[] = { "Scenario", "Consequences", "Notes" };
	static const char *const ab[] = { "ab", "ac" };
	const size_t nk = sizeof(keys) / sizeof(keys[0]);

	STR_EQ(suggest_closest("titel", keys, nk), "title");
	STR_EQ(suggest_closest("tag", keys, nk), "tags");
	STR_EQ(suggest_closest("behaviours", keys, nk), "behaviors");
	STR_EQ(suggest_closest("Authors", keys, nk), "authors");
	STR_EQ(suggest_closest("ranking", keys, nk), "rankings");
	OK(suggest_closest("colour", keys, nk) == NULL, "colour: nothing close");
	OK(suggest_closest("zzzzzzzz", keys, nk) == NULL, "no suggestion for noise");
	OK(suggest_closest("good", labels, 2) == NULL, "good is not a label");
	STR_EQ(suggest_closest("undesireable", labels, 2), "undesirable");
	STR_EQ(suggest_closest("Note", sections, 3), "Notes");
	STR_EQ(suggest_closest("Scenarios", sections, 3), "Scenario");
	OK(suggest_closest("Conclusion", sections, 3) == NULL, "Conclusion: none");
	/* exact match wins; ties go to the first candidate */
	STR_EQ(suggest_closest("ac", ab, 2), "ac");
	STR_EQ(suggest_closest("ad", ab, 2), "ab");
	/* at least one edit is allowed even for short words */
	STR_EQ(suggest_closest("x", (const char *const[]){ "y" }, 1), "y");
	OK(suggest_closest("xy", (const char *const[]){ "ab" }, 1) == NULL,
	   "two edits on two letters is too far");
	OK(suggest_closest("title", keys, 0) == NULL, "no candidates");
}

int main(void)
{
	test_distance();
	test_closest();
	return harness_done();
}
