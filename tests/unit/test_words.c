/*
 * test_words: count_words() of compiler/check_thought.c, the word count the
 * thoughts-too-short check and the pages use: ASCII and non-ASCII letters,
 * apostrophes inside words only, punctuation and symbols between words.
 */
#include <string.h>

#include "harness.h"

#include "words.h"

static size_t n(const char *s)
{
	return count_words(s, strlen(s));
}

int main(void)
{
	INT_EQ(n(""), 0);
	INT_EQ(n("   \n\t "), 0);
	INT_EQ(n("one"), 1);
	INT_EQ(n("don't stop"), 2);
	INT_EQ(n("it's  the AI\xE2\x80\x99s plan."), 4);       /* U+2019 inside a word */
	INT_EQ(n("rock 'n' roll"), 3);                            /* quotes are not inside */
	INT_EQ(n("end' and 'start"), 3);
	INT_EQ(n("na\xC3\xAFve caf\xC3\xA9 \xE2\x80\x94 done"), 3); /* an em dash separates */
	INT_EQ(n("3.14 x2"), 3);
	INT_EQ(n("a\xC2\xA0" "b"), 2);                          /* no-break space separates */
	INT_EQ(n("\xE6\x97\xA5\xE6\x9C\xAC\xE3\x80\x82\xE8\xAA\x9E"), 2); /* U+3002 separates */
	INT_EQ(n("bad\xFF" "byte"), 1);                           /* U+FFFD is a letter here */
	return harness_done();
}
