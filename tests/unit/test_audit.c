/*
 * test_audit: the shortcut audit of compiler/audit.c and the bootstrap of
 * compiler/boot.c on small hand-made corpora whose answers follow from the
 * definitions in docs/format.md 4.3: a shortcut that always points at the
 * chosen behavior scores 1, one that ties scores 0.5, a word the other
 * folds never saw says nothing, and the intervals are the same on every
 * call.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "audit.h"
#include "boot.h"

/* tmpl with each '#' replaced by the number s. */
static void fill(char *out, size_t size, const char *tmpl, int s)
{
	size_t k = 0;

	for (; *tmpl && k + 12 < size; tmpl++) {
		if (*tmpl == '#')
			k += (size_t)snprintf(out + k, size - k, "%d", s);
		else
			out[k++] = *tmpl;
	}
	out[k] = '\0';
}

/*
 * n scenarios of two behaviors, the first desirable and ranked first. text
 * and thoughts give each behavior's words ('#' takes the scenario number).
 */
static struct audit *corpus(int n, const char *good, const char *bad, const char *good_th,
                            const char *bad_th)
{
	struct audit *a = audit_new();
	int s;

	for (s = 0; s < n; s++) {
		char id[32], t0[256], t1[256], h0[256], h1[256];
		struct audit_behavior b[2];

		snprintf(id, sizeof(id), "case-%03d", s);
		fill(t0, sizeof(t0), good, s);
		fill(t1, sizeof(t1), bad, s);
		fill(h0, sizeof(h0), good_th, s);
		fill(h1, sizeof(h1), bad_th, s);
		memset(b, 0, sizeof(b));
		b[0].label = LABEL_DESIRABLE;
		b[0].group = 0;
		b[1].label = LABEL_UNDESIRABLE;
		b[1].group = 1;
		/* the release order alternates; the source order is always best first */
		b[0].release_pos = s % 2;
		b[1].release_pos = 1 - s % 2;
		b[0].source_pos = 0;
		b[1].source_pos = 1;
		b[0].text = t0;
		b[0].text_len = strlen(t0);
		b[1].text = t1;
		b[1].text_len = strlen(t1);
		b[0].thoughts = h0;
		b[0].thoughts_len = strlen(h0);
		b[1].thoughts = h1;
		b[1].thoughts_len = strlen(h1);
		audit_add(a, id, s % 3, b, 2);
	}
	audit_run(a);
	return a;
}

static double acc(const struct audit *a, enum audit_shortcut s)
{
	return audit_get(a, AUDIT_ALL, s).accuracy;
}

int main(void)
{
	struct audit *a;
	struct config cfg;
	struct diag_sink sink = DIAG_SINK_INIT;
	const struct audit_cue *cues;
	float num[40], den[40], den1[20], num_r[40];
	double lo[2], hi[2], lo2[2], hi2[2];
	size_t pick[20];
	uint64_t st = 0;
	size_t i, n;

	/* splitmix64's published first outputs from a zero state */
	OK(boot_next(&st) == 0xE220A8397B1DCDAFULL, "splitmix64 from 0: first value");
	OK(boot_next(&st) == 0x6E789E6AA1B965F4ULL, "splitmix64 from 0: second value");

	for (i = 0; i < 20; i++) {
		num[2 * i] = den[2 * i] = 1;      /* statistic 0: always 1 */
		num[2 * i + 1] = (float)(i % 2); /* statistic 1: half the units */
		den[2 * i + 1] = 1;
	}
	boot_ratio(20, 2, NULL, num, den, 2, lo, hi);
	OK(lo[0] == 1 && hi[0] == 1, "a statistic that is 1 in every unit has the interval [1, 1]");
	OK(lo[1] < 0.5 && hi[1] > 0.5 && lo[1] >= 0 && hi[1] <= 1,
	   "a half-and-half statistic's interval holds 0.5");
	boot_ratio(20, 2, NULL, num, den, 2, lo2, hi2);
	OK(lo[1] == lo2[1] && hi[1] == hi2[1], "the same units give the same interval");
	/* one den per unit for every statistic: the same here, where they are all 1 */
	for (i = 0; i < 20; i++)
		den1[i] = 1;
	boot_ratio(20, 2, NULL, num, den1, 1, lo2, hi2);
	OK(lo[0] == lo2[0] && lo[1] == lo2[1] && hi[1] == hi2[1],
	   "den_k 1: one denominator per unit gives the same intervals");
	/* a statistic that grows with the unit (i^2 / 400), its rows stored in
	 * reverse and picked back in order: the same draws */
	for (i = 0; i < 20; i++) {
		num[2 * i + 1] = (float)(i * i) / 400;
		num_r[2 * (19 - i)] = num[2 * i];
		num_r[2 * (19 - i) + 1] = num[2 * i + 1];
		pick[i] = 19 - i;
	}
	boot_ratio(20, 2, NULL, num, den1, 1, lo, hi);
	boot_ratio(20, 2, pick, num_r, den1, 1, lo2, hi2);
	OK(lo[1] == lo2[1] && hi[1] == hi2[1], "pick: unit u is row pick[u]");
	boot_ratio(20, 2, NULL, num_r, den1, 1, lo2, hi2);
	OK(lo[1] != lo2[1] || hi[1] != hi2[1], "without pick the reversed rows draw otherwise");
	boot_ratio(0, 2, NULL, num, den, 2, lo2, hi2);
	OK(isnan(lo2[0]) && isnan(hi2[1]), "no units: no interval");

	/* longer texts and thoughts, a telling word, best first in the file */
	a = corpus(
	    30, "The AI explains # things slowly and carefully to everyone", "The AI hides it",
	    "I should explain it all because they need to know every part of it", "Nobody checks");
	OK(acc(a, AUDIT_LENGTH) == 1, "length: the longer text always wins");
	OK(acc(a, AUDIT_THOUGHT_LENGTH) == 1, "thought-length: the longer thoughts always win");
	OK(acc(a, AUDIT_SOURCE_POSITION) == 1, "source-position: best first in every file");
	OK(acc(a, AUDIT_POSITION) == 0.5, "position: first in half the scenarios");
	OK(acc(a, AUDIT_LEXICAL) == 1, "lexical: the words seen in other folds give it away");
	INT_EQ(audit_pairs(a, AUDIT_ALL), 30);
	INT_EQ(audit_scenarios(a, AUDIT_ALL), 30);
	INT_EQ(audit_scenarios(a, 1) + audit_scenarios(a, 2) + audit_scenarios(a, 3), 30);
	n = audit_cues(a, 1, &cues);
	OK(n > 0 && n <= AUDIT_NCUES, "there are desirable cue words");
	OK(n > 0 && cues[0].undesirable == 0 && cues[0].desirable == 30,
	   "the top desirable cue is in every desirable behavior and no other");
	for (i = 1; i < n; i++)
		OK(cues[i].log_odds <= cues[i - 1].log_odds, "cue words strongest first");
	n = audit_cues(a, 0, &cues);
	OK(n > 0 && (!strcmp(cues[0].word, "hides") || !strcmp(cues[0].word, "it")),
	   "the undesirable cues are the undesirable text's own words");
	memset(&cfg, 0, sizeof(cfg));
	cfg.max_shortcut = 0.65;
	cfg.max_shortcut_loc.path = "lint-rules/policy.yaml";
	cfg.max_shortcut_loc.line = 7;
	cfg.max_shortcut_loc.col = 1;
	INT_EQ(audit_warn(a, &cfg, &sink), 4);
	for (i = 0; i < sink.nr; i++)
		OK(!strncmp(sink.items[i].rule, "shortcut-", 9) && sink.items[i].line == 7,
		   "a warning shortcut-<name> at the policy key");
	diag_release(&sink);
	cfg.max_shortcut = 1;
	INT_EQ(audit_warn(a, &cfg, &sink), 0);
	audit_free(a);

	/* every word unique to its scenario: the held-out model knows none of them */
	a = corpus(30, "alpha# beta#", "gamma# delta#", "same thoughts here", "same thoughts here");
	OK(acc(a, AUDIT_LEXICAL) == 0.5, "lexical: words no other fold has say nothing (a tie)");
	OK(acc(a, AUDIT_LENGTH) == 0.5, "length: equal word counts tie");
	OK(acc(a, AUDIT_THOUGHT_LENGTH) == 0.5, "thought-length: equal thoughts tie");
	audit_free(a);

	/* a few scenarios give no warning, whatever the figures */
	a = corpus(5, "The AI explains # things slowly and carefully", "The AI hides it", "a b c",
	           "a");
	cfg.max_shortcut = 0.65;
	OK(acc(a, AUDIT_LENGTH) == 1, "length 1 on five scenarios");
	INT_EQ(audit_warn(a, &cfg, &sink), 0);
	audit_free(a);
	diag_release(&sink);
	return harness_done();
}
