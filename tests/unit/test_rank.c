/*
 * Unit tests for compiler/rank.c: pairwise counts, Kendall's W, the
 * consensus order and majority cycles (docs/format.md sections 2, 3 and 5.1).
 *
 * Expected values in the hand-written cases are worked out in the comments
 * beside them.  The randomized cases compare the module against brute
 * force (every permutation, every cycle) on small inputs, with a fixed seed
 * so runs are reproducible.
 */
#include "rank.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MAXN 24

/* Compare n ints, reporting the first difference. */
static int ints_eq(const int *got, const int *want, int n, const char *what,
		   int line)
{
	char msg[256];
	int i;

	for (i = 0; i < n; i++) {
		if (got[i] != want[i]) {
			snprintf(msg, sizeof(msg),
				 "%s: index %d is %d, expected %d", what, i,
				 got[i], want[i]);
			return harness_ok(0, __FILE__, line, msg);
		}
	}
	return harness_ok(1, __FILE__, line, what);
}

#define INTS_EQ(got, want, n, what) \
	ints_eq((got), (want), (n), (what), __LINE__)

/* Total disagreement of a strict order with the rankers. */
static long long order_cost(int n, const int *p, const int *order)
{
	long long c = 0;
	int i, k;

	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			c += p[order[k] * n + order[i]];
	return c;
}

/*
 * Spec example, items by id: 0 clarify-scope, 1 fake-report,
 * 2 quiet-shortcut, 3 refuse-flatly.
 * Ranker 1: clarify, refuse, quiet, fake      -> groups {0, 3, 2, 1}
 * Ranker 2: [clarify, refuse], fake, quiet    -> groups {0, 1, 2, 0}
 */
static const int spec_grp[2 * 4] = { 0, 3, 2, 1, 0, 1, 2, 0 };

static void test_pairwise(void)
{
	/*
	 * P[a][b] = rankers with a strictly above b:
	 *   clarify over fake, quiet: both; over refuse: ranker 1 only (2
	 *   ties them).  refuse over fake, quiet: both.  quiet over fake:
	 *   ranker 1; fake over quiet: ranker 2.  Nothing is above clarify.
	 */
	static const int want[16] = {
		0, 2, 2, 1,
		0, 0, 1, 0,
		0, 1, 0, 0,
		0, 2, 2, 0,
	};
	static const int tie[3] = { 0, 0, 1 };
	int p[16], q[9];

	rank_pairwise(4, 2, spec_grp, p);
	INTS_EQ(p, want, 16, "pairwise counts of the spec example");

	/* A tie counts for neither side; zero rankers count nothing. */
	memset(q, 0x55, sizeof(q));
	rank_pairwise(3, 0, tie, q);
	INT_EQ(q[0] + q[1] + q[2] + q[3] + q[4] + q[5] + q[6] + q[7] + q[8],
	       0);
	rank_pairwise(3, 1, tie, q);
	INT_EQ(q[0 * 3 + 1], 0);
	INT_EQ(q[1 * 3 + 0], 0);
	INT_EQ(q[0 * 3 + 2], 1);
	INT_EQ(q[1 * 3 + 2], 1);
	INT_EQ(q[2 * 3 + 0], 0);
}

static void test_kendall_w(void)
{
	/*
	 * Three strict rankings of a, b, c, d:
	 *   a b c d / a b d c / b a c d
	 * rank sums a = 1+1+2 = 4, b = 2+2+1 = 5, c = 3+4+3 = 10,
	 * d = 4+3+4 = 11.  Mean m (n + 1) / 2 = 7.5;
	 * S = 3.5^2 + 2.5^2 + 2.5^2 + 3.5^2 = 37.
	 * W = 12 * 37 / (9 * 60) = 444 / 540 = 0.8222.
	 */
	static const int three[3 * 4] = { 0, 1, 2, 3, 0, 1, 3, 2, 1, 0, 2, 3 };
	/*
	 * Spec example: rank sums clarify 1 + 1.5 = 2.5, fake 4 + 3 = 7,
	 * quiet 3 + 4 = 7, refuse 2 + 1.5 = 3.5; mean 5; S = 6.25 + 4 + 4 +
	 * 2.25 = 16.5; one tie of 2: T = 6.
	 * W = 12 * 16.5 / (4 * 60 - 2 * 6) = 198 / 228 = 0.8684.
	 */
	static const int same[3 * 4] = { 2, 0, 3, 1, 2, 0, 3, 1, 2, 0, 3, 1 };
	/*
	 * Identical with a tie, m = 2, ranks 1.5 1.5 3 4: rank sums 3 3 6 8,
	 * mean 5, S = 4 + 4 + 1 + 9 = 18; T = 6 + 6 = 12.
	 * W = 12 * 18 / (4 * 60 - 2 * 12) = 216 / 216 = 1.
	 */
	static const int same_tied[2 * 4] = { 0, 0, 1, 2, 0, 0, 1, 2 };
	/* Reversed: every rank sum is n + 1 = 5, so S = 0 and W = 0. */
	static const int reversed[2 * 4] = { 0, 1, 2, 3, 3, 2, 1, 0 };
	/* Everyone ties everything: 9 * 24 - 3 * (3 * 24) = 0 -> NAN. */
	static const int all_tied[3 * 3] = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	/*
	 * One ranker ties all three, one orders them: ranks 2 2 2 and 1 2 3,
	 * rank sums 3 4 5, mean 4, S = 2; T = 24.
	 * W = 12 * 2 / (4 * 24 - 2 * 24) = 24 / 48 = 0.5.
	 */
	static const int half_tied[2 * 3] = { 0, 0, 0, 0, 1, 2 };

	DBL_NEAR(rank_kendall_w(4, 3, three), 444.0 / 540.0, 1e-12);
	DBL_NEAR(rank_kendall_w(4, 3, three), 0.8222, 5e-5);
	DBL_NEAR(rank_kendall_w(4, 2, spec_grp), 198.0 / 228.0, 1e-12);
	DBL_NEAR(rank_kendall_w(4, 2, spec_grp), 0.8684, 5e-5);
	DBL_NEAR(rank_kendall_w(4, 3, same), 1.0, 1e-12);
	DBL_NEAR(rank_kendall_w(4, 2, same_tied), 1.0, 1e-12);
	DBL_NEAR(rank_kendall_w(4, 2, reversed), 0.0, 1e-12);
	DBL_NEAR(rank_kendall_w(3, 2, half_tied), 0.5, 1e-12);
	OK(isnan(rank_kendall_w(4, 1, three)), "W of one ranker is NAN");
	OK(isnan(rank_kendall_w(4, 0, three)), "W of no ranker is NAN");
	OK(isnan(rank_kendall_w(1, 3, three)), "W of one item is NAN");
	OK(isnan(rank_kendall_w(3, 3, all_tied)), "W when all tie all is NAN");
}

static void test_consensus_spec(void)
{
	/*
	 * Kemeny: clarify and refuse head both rankings (refuse above clarify
	 * for nobody), so orders start 0 3 and cost P[2][1] = 1 (0 3 1 2) or
	 * P[1][2] = 1 (0 3 2 1).  The lexicographically smaller is 0 3 1 2.
	 * fake and quiet are split 1 to 1 and adjacent, so they merge:
	 * [clarify-scope] [refuse-flatly] [fake-report, quiet-shortcut].
	 */
	static const int want_order[4] = { 0, 3, 1, 2 };
	static const int want_grp[4] = { 0, 2, 2, 1 };
	int order[4], out[4];

	INT_EQ(rank_order(4, 2, spec_grp, RANK_EXACT, order), 0);
	INTS_EQ(order, want_order, 4, "Kemeny order of the spec example");
	INT_EQ(rank_order(4, 2, spec_grp, RANK_LOCAL_SEARCH, order), 0);
	INTS_EQ(order, want_order, 4, "local-search order of the spec example");
	INT_EQ(rank_consensus(4, 2, spec_grp, out), 3);
	INTS_EQ(out, want_grp, 4, "consensus of the spec example");

	/* With only one of the two rankers, that ranking comes back. */
	INT_EQ(rank_consensus(4, 1, spec_grp, out), 4);
	INTS_EQ(out, spec_grp, 4, "consensus of spec ranker 1 alone");
	INT_EQ(rank_consensus(4, 1, spec_grp + 4, out), 3);
	INTS_EQ(out, spec_grp + 4, 4, "consensus of spec ranker 2 alone");
}

static void test_local_ties(void)
{
	/*
	 * r1: 1 > 2 > 0, r2: 0 > 1 > 2.  Doubled rank sums 0: 6 + 2 = 8,
	 * 1: 2 + 4 = 6, 2: 4 + 6 = 10, so Borda starts 1 0 2.  0-1 and 0-2
	 * are split, 1 beats 2 twice.  Orders 0 1 2 and 1 0 2 both cost 2;
	 * the swap that keeps the cost and puts the lower index first gives
	 * the exact answer 0 1 2.  Consensus: 0 and 1 merge; 2 is split with
	 * 0 but not with 1, so it opens a group.
	 */
	static const int g[2 * 3] = { 2, 0, 1, 0, 1, 2 };
	static const int want[3] = { 0, 1, 2 };
	static const int want_grp[3] = { 0, 0, 1 };
	int order[3], out[3];

	INT_EQ(rank_order(3, 2, g, RANK_EXACT, order), 0);
	INTS_EQ(order, want, 3, "exact order with split pairs");
	INT_EQ(rank_order(3, 2, g, RANK_LOCAL_SEARCH, order), 0);
	INTS_EQ(order, want, 3, "local search prefers index order on a tie");
	INT_EQ(rank_consensus(3, 2, g, out), 2);
	INTS_EQ(out, want_grp, 3, "split chain groups greedily from the top");
}

static void test_consensus_one_ranker(void)
{
	/* Groups: {1, 3} first, then 2, then {0, 4}, then 5. */
	static const int one[6] = { 2, 0, 1, 0, 2, 3 };
	/* A tie group whose members are not adjacent in index order. */
	static const int spread[5] = { 1, 0, 1, 0, 1 };
	int out[6];

	INT_EQ(rank_consensus(6, 1, one, out), 4);
	INTS_EQ(out, one, 6, "one ranker with ties is reproduced");
	INT_EQ(rank_consensus(5, 1, spread, out), 2);
	INTS_EQ(out, spread, 5, "one ranker with interleaved ties");

	/* No ranker: everything is split, one group; no items, no groups. */
	INT_EQ(rank_consensus(3, 0, one, out), 1);
	INT_EQ(out[0] + out[1] + out[2], 0);
	INT_EQ(rank_consensus(0, 1, one, out), 0);
	INT_EQ(rank_consensus(-1, 1, one, out), -1);
	INT_EQ(rank_consensus(3, -1, one, out), -1);
}

static void test_condorcet(void)
{
	/*
	 * a > b > c, b > c > a, c > a > b.  P[a][b] = 2 (rankers 1, 3),
	 * P[b][c] = 2 (1, 2), P[c][a] = 2 (2, 3): a -> b -> c -> a.
	 * Rank sums are all 6, so W = 0.
	 * Order costs: a b c = P[b][a] + P[c][a] + P[c][b] = 1 + 2 + 1 = 4,
	 * and b c a, c a b cost 4 too; the other three cost 5.  The smallest
	 * optimal order is 0 1 2, and no pair is split, so three groups.
	 */
	static const int cyc[3 * 3] = { 0, 1, 2, 2, 0, 1, 1, 2, 0 };
	/*
	 * The same cycle the other way: a > c > b, c > b > a, b > a > c
	 * gives a -> c -> b -> a, written from 0 as 0 2 1.
	 */
	static const int rev[3 * 3] = { 0, 2, 1, 2, 1, 0, 1, 0, 2 };
	static const int want[3] = { 0, 1, 2 };
	static const int want_rev[3] = { 0, 2, 1 };
	int cycle[3], out[3], order[3];

	memset(cycle, -1, sizeof(cycle));
	INT_EQ(rank_majority_cycle(3, 3, cyc, cycle), 3);
	INTS_EQ(cycle, want, 3, "Condorcet cycle 0 -> 1 -> 2");
	DBL_NEAR(rank_kendall_w(3, 3, cyc), 0.0, 1e-12);
	INT_EQ(rank_consensus(3, 3, cyc, out), 3);
	INTS_EQ(out, want, 3, "consensus of a Condorcet cycle");
	/* Deterministic: the local search agrees and so does a rerun. */
	INT_EQ(rank_order(3, 3, cyc, RANK_LOCAL_SEARCH, order), 0);
	INTS_EQ(order, want, 3, "local search on a Condorcet cycle");
	INT_EQ(rank_consensus(3, 3, cyc, out), 3);
	INTS_EQ(out, want, 3, "consensus of a Condorcet cycle, again");

	INT_EQ(rank_majority_cycle(3, 3, rev, cycle), 3);
	INTS_EQ(cycle, want_rev, 3, "reverse Condorcet cycle 0 -> 2 -> 1");
	/* Orders 0 2 1, 2 1 0, 1 0 2 cost 4; the smallest is 0 2 1. */
	INT_EQ(rank_order(3, 3, rev, RANK_EXACT, order), 0);
	INTS_EQ(order, want_rev, 3, "Kemeny order of the reverse cycle");
}

static void test_cycle_shapes(void)
{
	/*
	 * Cyclic Latin square 0123, 1230, 2301, 3012: P[0][1] = P[1][2] =
	 * P[2][3] = P[3][0] = 3 and the opposite pairs split 2 to 2, so the
	 * majority graph is the 4-cycle 0 -> 1 -> 2 -> 3 -> 0 and nothing
	 * shorter.  An order pays 2 for each opposite pair and 1 or 3 for each
	 * cycle pair; at best three cycle pairs go the majority's way, so 10,
	 * and 0 1 2 3 does that: four groups (0 and 2 are split but not
	 * adjacent).
	 */
	static const int latin[4 * 4] = {
		0, 1, 2, 3, 3, 0, 1, 2, 2, 3, 0, 1, 1, 2, 3, 0,
	};
	/*
	 * Item 0 is last for everyone; 1 > 2 > 3, 2 > 3 > 1, 3 > 1 > 2 on the
	 * rest: the cycle 1 -> 2 -> 3 avoids 0.  Kemeny puts the cycle in its
	 * smallest optimal order 1 2 3 and then 0.
	 */
	static const int no_zero[3 * 4] = {
		3, 0, 1, 2, 3, 2, 0, 1, 3, 1, 2, 0,
	};
	static const int want_latin[4] = { 0, 1, 2, 3 };
	static const int want_nz[3] = { 1, 2, 3 };
	static const int want_nz_grp[4] = { 3, 0, 1, 2 };
	int cycle[4], out[4], order[4], p[16];

	INT_EQ(rank_majority_cycle(4, 4, latin, cycle), 4);
	INTS_EQ(cycle, want_latin, 4, "4-cycle from a Latin square");
	INT_EQ(rank_consensus(4, 4, latin, out), 4);
	INTS_EQ(out, want_latin, 4, "consensus of the Latin square");
	rank_pairwise(4, 4, latin, p);
	INT_EQ(rank_order(4, 4, latin, RANK_EXACT, order), 0);
	INT_EQ(order_cost(4, p, order), 10);

	INT_EQ(rank_majority_cycle(4, 3, no_zero, cycle), 3);
	INTS_EQ(cycle, want_nz, 3, "cycle 1 -> 2 -> 3 that avoids item 0");
	INT_EQ(rank_consensus(4, 3, no_zero, out), 4);
	INTS_EQ(out, want_nz_grp, 4, "consensus around a cycle avoiding 0");
}

/*
 * McGarvey's construction: for each edge a -> b, the rankings
 * "a b x1 .. xk" and "xk .. x1 a b" (x the other items in index order).
 * Every pair except (a, b) is balanced between the two, and a beats b
 * twice, so the majority graph has exactly the listed edges.
 */
static int mcgarvey(int n, const int (*edges)[2], int ne, int *grp)
{
	int e, i, pos;

	for (e = 0; e < ne; e++) {
		int *fw = grp + (2 * e) * n, *bw = grp + (2 * e + 1) * n;
		int a = edges[e][0], b = edges[e][1];

		fw[a] = 0;
		fw[b] = 1;
		bw[a] = n - 2;
		bw[b] = n - 1;
		pos = 0;
		for (i = 0; i < n; i++) {
			if (i == a || i == b)
				continue;
			fw[i] = 2 + pos;
			bw[i] = n - 3 - pos;
			pos++;
		}
	}
	return 2 * ne;
}

static void test_shortest_cycle(void)
{
	/*
	 * A 4-cycle from 0 (0 1 2 3) and two 3-cycles from 2: 2 4 5 and
	 * 2 3 5 (via 3 -> 5).  Nothing else closes a cycle: only 0 enters 1,
	 * so no cycle has lowest vertex 1.  The answer is the shortest, and
	 * of the two shortest the lexicographically smaller: 2 3 5.
	 */
	static const int edges[8][2] = {
		{ 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 0 },
		{ 2, 4 }, { 4, 5 }, { 5, 2 }, { 3, 5 },
	};
	static const int want[3] = { 2, 3, 5 };
	int grp[16 * 6], cycle[6], p[36];
	int m = mcgarvey(6, edges, 8, grp), a, b, e, bad = 0;

	rank_pairwise(6, m, grp, p);
	for (a = 0; a < 6; a++) {
		for (b = 0; b < 6; b++) {
			int edge = 0;

			for (e = 0; e < 8; e++)
				if (edges[e][0] == a && edges[e][1] == b)
					edge = 1;
			if ((p[a * 6 + b] > p[b * 6 + a]) != edge)
				bad++;
		}
	}
	INT_EQ(bad, 0);
	INT_EQ(rank_majority_cycle(6, m, grp, cycle), 3);
	INTS_EQ(cycle, want, 3, "shortest, then smallest, cycle");
}

static void test_no_cycle(void)
{
	static const int agree[3 * 4] = { 1, 0, 3, 2, 1, 0, 3, 2, 1, 0, 3, 2 };
	int cycle[4];

	INT_EQ(rank_majority_cycle(4, 3, agree, cycle), 0);
	/* Spec example: 0 and 3 beat 1 and 2, 0 beats 3, 1-2 split. */
	INT_EQ(rank_majority_cycle(4, 2, spec_grp, cycle), 0);
	INT_EQ(rank_majority_cycle(4, 1, spec_grp, cycle), 0);
	INT_EQ(rank_majority_cycle(4, 0, spec_grp, cycle), 0);
	INT_EQ(rank_majority_cycle(1, 1, spec_grp, cycle), 0);
	INT_EQ(rank_majority_cycle(0, 1, spec_grp, cycle), 0);
	INT_EQ(rank_majority_cycle(-1, 1, spec_grp, cycle), -1);
}

/*
 * Item i's group: (7 i mod 20) / 3, a permutation cut into groups of 3
 * (the last of 2): groups 0..6, dense, ties between unrelated indices.
 */
static int tied20(int i)
{
	return (7 * i) % 20 / 3;
}

static void test_fallback20(void)
{
	int grp[3 * 20], want[20], out[20], order[20], order2[20], p[400];
	int i, j, ok;

	/*
	 * Three identical rankings: cost 0 is reachable, so the exact
	 * optimum is the ranking itself (ties in index order) and the
	 * consensus is the ranking, 7 groups.
	 */
	for (i = 0; i < 20; i++)
		want[i] = tied20(i);
	for (j = 0; j < 3; j++)
		memcpy(grp + j * 20, want, sizeof(want));
	INT_EQ(rank_consensus(20, 3, grp, out), 7);
	INTS_EQ(out, want, 20, "20 items, three agreeing rankers");
	INT_EQ(rank_consensus(20, 1, grp, out), 7);
	INTS_EQ(out, want, 20, "20 items, one ranker with ties");

	/*
	 * Two rankers say 0 1 .. 19; the third puts 19 first, then 0 .. 18.
	 * Pairs among 0..18 are unanimous (3 to 0) and each i beats 19 by
	 * 2 to 1, so no order costs less than the 19 pairs with 19, one each,
	 * and only the identity reaches 19: it is the exact result, and a
	 * single group per item since nothing is split (m is odd).
	 * Borda starts elsewhere: 19 has rank sum 20 + 20 + 1 = 41, item i
	 * has 2 (i + 1) + (i + 2) = 3 i + 4, so 19 starts between 12 (40)
	 * and 13 (43); the swaps must move it down.
	 */
	for (i = 0; i < 20; i++) {
		grp[i] = i;
		grp[20 + i] = i;
		grp[40 + i] = i == 19 ? 0 : i + 1;
		want[i] = i;
	}
	INT_EQ(rank_order(20, 3, grp, RANK_LOCAL_SEARCH, order), 0);
	INTS_EQ(order, want, 20, "local search undoes the Borda misplacement");
	INT_EQ(rank_consensus(20, 3, grp, out), 20);
	INTS_EQ(out, want, 20, "20-item consensus with a dissenting ranker");
	rank_pairwise(20, 3, grp, p);
	INT_EQ(order_cost(20, p, order), 19);

	/*
	 * Two rankers, the second swapping 4-5 and 10-11: those pairs are
	 * split, every other pair is 2 to 0.  Minimum cost 2 (one per split
	 * pair), reached by the identity, the smallest optimal order; 4-5
	 * and 10-11 merge: 18 groups.
	 */
	for (i = 0; i < 20; i++) {
		grp[i] = i;
		grp[20 + i] = i;
	}
	grp[20 + 4] = 5;
	grp[20 + 5] = 4;
	grp[20 + 10] = 11;
	grp[20 + 11] = 10;
	for (i = 0; i < 20; i++)
		want[i] = i - (i >= 5) - (i >= 11);
	INT_EQ(rank_consensus(20, 2, grp, out), 18);
	INTS_EQ(out, want, 20, "20-item consensus merges split neighbours");

	/*
	 * n = 16, two agreeing rankers with ties (item i in group
	 * (5 i mod 16) / 4): exact and fallback both give the ranking, ties
	 * in index order.
	 */
	for (i = 0; i < 16; i++)
		grp[i] = grp[16 + i] = (5 * i) % 16 / 4;
	INT_EQ(rank_order(16, 2, grp, RANK_EXACT, order), 0);
	INT_EQ(rank_order(16, 2, grp, RANK_LOCAL_SEARCH, order2), 0);
	INTS_EQ(order2, order, 16, "n = 16: exact and local search agree");
	INT_EQ(rank_order(17, 1, grp, RANK_EXACT, order), -1);

	/* Disagreeing rankers: deterministic and a local optimum. */
	for (j = 0; j < 3; j++)
		for (i = 0; i < 20; i++)
			grp[j * 20 + i] = (i * (3 + 4 * j) + j) % 20 / (j + 1);
	INT_EQ(rank_order(20, 3, grp, RANK_AUTO, order), 0);
	INT_EQ(rank_order(20, 3, grp, RANK_AUTO, order2), 0);
	INTS_EQ(order2, order, 20, "fallback is deterministic");
	rank_pairwise(20, 3, grp, p);
	ok = 1;
	for (i = 0; i + 1 < 20; i++) {
		int a = order[i], b = order[i + 1];

		if (p[b * 20 + a] > p[a * 20 + b])
			ok = 0;
	}
	OK(ok, "fallback result has no improving adjacent swap");
}

/* Randomized comparison with brute force. */

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static int rnd(int bound)
{
	rng_state = rng_state * 6364136223846793005ULL +
		    1442695040888963407ULL;
	return (int)((rng_state >> 33) % (unsigned long long)bound);
}

/* A random ranking with random ties: shuffle, then cut into groups. */
static void random_ranking(int n, int *g)
{
	int perm[MAXN], i, k, t, group = 0;

	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = n - 1; i > 0; i--) {
		k = rnd(i + 1);
		t = perm[i];
		perm[i] = perm[k];
		perm[k] = t;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && rnd(3))
			group++;
		g[perm[i]] = group;
	}
}

static int next_permutation(int *a, int n)
{
	int i = n - 2, j, t;

	while (i >= 0 && a[i] >= a[i + 1])
		i--;
	if (i < 0)
		return 0;
	for (j = n - 1; a[j] <= a[i]; j--)
		;
	t = a[i];
	a[i] = a[j];
	a[j] = t;
	for (i++, j = n - 1; i < j; i++, j--) {
		t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
	return 1;
}

/* The first (lexicographically) of the cheapest permutations. */
static long long brute_order(int n, const int *p, int *best)
{
	int perm[MAXN], i;
	long long best_cost = -1;

	for (i = 0; i < n; i++)
		perm[i] = i;
	do {
		long long c = order_cost(n, p, perm);

		if (best_cost < 0 || c < best_cost) {
			best_cost = c;
			memcpy(best, perm, (size_t)n * sizeof(*perm));
		}
	} while (next_permutation(perm, n));
	return best_cost;
}

/*
 * Depth-first: extend path[0..len-1] to a cycle of exactly want items
 * whose other items exceed path[0], trying successors in index order.
 */
static int brute_extend(int n, const int *p, int *path, int len, int want)
{
	int u = path[len - 1], v, k, used;

	if (len == want)
		return p[u * n + path[0]] > p[path[0] * n + u];
	for (v = path[0] + 1; v < n; v++) {
		for (used = 0, k = 0; k < len; k++)
			used |= path[k] == v;
		if (used || p[u * n + v] <= p[v * n + u])
			continue;
		path[len] = v;
		if (brute_extend(n, p, path, len + 1, want))
			return 1;
	}
	return 0;
}

static int brute_cycle(int n, const int *p, int *cycle)
{
	int len, s;

	for (len = 3; len <= n; len++) {
		for (s = 0; s < n; s++) {
			cycle[0] = s;
			if (brute_extend(n, p, cycle, 1, len))
				return len;
		}
	}
	return 0;
}

/*
 * Independent W: ranks as doubles, before + (t + 1) / 2, and the tie term
 * counted group by group.
 */
static double plain_w(int n, int m, const int *grp)
{
	double sums[MAXN] = { 0 }, mean, s = 0, t = 0, d;
	int i, j, k;

	for (j = 0; j < m; j++) {
		const int *g = grp + j * n;

		for (i = 0; i < n; i++) {
			int lower = 0, same = 0;

			for (k = 0; k < n; k++) {
				lower += g[k] < g[i];
				same += g[k] == g[i];
			}
			sums[i] += lower + (same + 1) / 2.0;
		}
		for (k = 0; k < n; k++) {
			int size = 0;

			for (i = 0; i < n; i++)
				size += g[i] == k;
			t += (double)size * size * size - size;
		}
	}
	mean = m * (n + 1) / 2.0;
	for (i = 0; i < n; i++)
		s += (sums[i] - mean) * (sums[i] - mean);
	d = (double)m * m * ((double)n * n * n - n) - m * t;
	return d > 0 ? 12 * s / d : NAN;
}

/*
 * Consensus against docs/format.md's rule, not the implementation: groups follow
 * the exact order, members of a group are pairwise split, and an item that
 * opens a group is not split with some member of the group above (greedy
 * maximality).  Returns the number of violations.
 */
static int check_groups(int n, const int *p, const int *order,
			const int *out, int ngroups)
{
	int bad = 0, i, k;

	if (ngroups < 1 || out[order[0]] != 0)
		return 1;
	for (i = 1; i < n; i++) {
		int prev = out[order[i - 1]], cur = out[order[i]];
		int b = order[i], any_unsplit = 0;

		if (cur != prev && cur != prev + 1)
			bad++;
		for (k = 0; k < i; k++) {
			int a = order[k];
			int split = p[a * n + b] == p[b * n + a];

			if (out[a] == cur && !split)
				bad++;
			if (out[a] == prev && !split)
				any_unsplit = 1;
		}
		if (cur == prev + 1 && !any_unsplit)
			bad++;
	}
	if (out[order[n - 1]] != ngroups - 1)
		bad++;
	return bad;
}

static void test_random(void)
{
	int grp[6 * MAXN], p[MAXN * MAXN], order[MAXN], want[MAXN];
	int cycle[MAXN], bcycle[MAXN], out[MAXN];
	int bad_exact = 0, bad_local = 0, bad_cycle = 0, bad_cons = 0;
	int bad_w = 0, cases = 0, with_cycle = 0, trial, i, j, k;

	for (trial = 0; trial < 2100; trial++) {
		int n = 1 + trial % 7, m = rnd(6), ncyc, transitive;
		long long best, local;
		double w, pw;

		for (j = 0; j < m; j++)
			random_ranking(n, grp + j * n);
		rank_pairwise(n, m, grp, p);
		cases++;

		best = brute_order(n, p, want);
		if (rank_order(n, m, grp, RANK_EXACT, order) ||
		    memcmp(order, want, (size_t)n * sizeof(*order))) {
			if (!bad_exact++)
				printf("# exact order differs, trial %d\n",
				       trial);
		}

		/*
		 * The local search is a heuristic: never better than the
		 * optimum, a local optimum, and optimal when the majority is
		 * a strict total order (no split pair, no cycle).
		 */
		ncyc = brute_cycle(n, p, bcycle);
		with_cycle += ncyc > 0;
		transitive = ncyc == 0;
		for (i = 0; i < n; i++)
			for (k = i + 1; k < n; k++)
				if (p[i * n + k] == p[k * n + i])
					transitive = 0;
		if (rank_order(n, m, grp, RANK_LOCAL_SEARCH, order)) {
			bad_local++;
			continue;
		}
		local = order_cost(n, p, order);
		if (local < best || (transitive && local != best))
			bad_local++;
		for (i = 0; i + 1 < n; i++)
			if (p[order[i + 1] * n + order[i]] >
			    p[order[i] * n + order[i + 1]])
				bad_local++;

		if (rank_majority_cycle(n, m, grp, cycle) != ncyc ||
		    memcmp(cycle, bcycle, (size_t)ncyc * sizeof(*cycle))) {
			if (!bad_cycle++)
				printf("# cycle differs, trial %d\n", trial);
		}

		bad_cons += check_groups(n, p, want, out,
					 rank_consensus(n, m, grp, out));

		w = rank_kendall_w(n, m, grp);
		pw = m < 2 || n < 2 ? NAN : plain_w(n, m, grp);
		if (!isnan(w) != !isnan(pw) ||
		    (!isnan(w) && (fabs(w - pw) > 1e-12 || w < -1e-12 ||
				   w > 1 + 1e-12)))
			bad_w++;
	}
	INT_EQ(cases, 2100);
	OK(with_cycle > 20, "the random cases include majority cycles");
	INT_EQ(bad_exact, 0);
	INT_EQ(bad_local, 0);
	INT_EQ(bad_cycle, 0);
	INT_EQ(bad_cons, 0);
	INT_EQ(bad_w, 0);
}

int main(void)
{
	test_pairwise();
	test_kendall_w();
	test_consensus_spec();
	test_local_ties();
	test_consensus_one_ranker();
	test_condorcet();
	test_cycle_shapes();
	test_shortest_cycle();
	test_no_cycle();
	test_fallback20();
	test_random();
	return harness_done();
}
