/*
 * rank: arithmetic over the rankings of one scenario's behaviors.
 *
 * Serves the "ranking consistency" checks (docs/format.md section 3: Kendall's W with
 * tie correction, cyclic majority preferences) and the release fields
 * `consensus` and `agreement` of scenarios.jsonl (docs/format.md section 5.1); the
 * ranking map itself is docs/format.md section 2.  Depends on libc and libm only.
 *
 * The model: items are numbered 0..n-1 in the caller's order, which is the
 * behaviors sorted by id, so every deterministic tie-break here prefers the
 * lower index.  A ranking is an array grp[n] holding each item's 0-based
 * position group (0 = best; tied items share a group; groups are dense).
 * A set of m rankings is grp[m * n], ranking j being grp + j * n.  Rankings
 * are complete and valid; the caller has checked the ids.
 *
 * P denotes the pairwise matrix of rank_pairwise(): P[a][b] is the number of
 * rankers who put a strictly above b.
 */
#ifndef RANK_H
#define RANK_H

/*
 * Largest n for which the consensus order is computed exactly (dynamic
 * programming over subsets: O(2^n n^2) time, 2^n cells of memory).
 */
#define RANK_EXACT_MAX 16

/* How rank_order() finds its order. */
enum rank_method {
	/* RANK_EXACT when n <= RANK_EXACT_MAX, else RANK_LOCAL_SEARCH. */
	RANK_AUTO,
	/*
	 * A Kemeny-optimal order: it minimizes the disagreements with the
	 * rankers, the sum over "a placed above b" of P[b][a].  Among the
	 * optimal orders, the lexicographically smallest sequence of item
	 * indices.  Refused (-1) for n > RANK_EXACT_MAX.
	 */
	RANK_EXACT,
	/*
	 * A heuristic for many items: the Borda order (by mean rank over the
	 * rankers, tied ranks averaged; equal means by index), then adjacent
	 * swaps until none helps.  A swap is made when it lowers the
	 * disagreement, or keeps it equal and puts the lower index first.
	 * The result has no adjacent pair that a swap would improve.  It is
	 * Kemeny-optimal when all rankers agree, and when the majority
	 * relation is a strict total order (no pair exactly split, no
	 * cycle), since every pair then sits on its majority side; not in
	 * general.
	 */
	RANK_LOCAL_SEARCH
};

/*
 * Fill p[n * n] with the pairwise counts: p[a * n + b] is the number of the
 * m rankings in grp[m * n] that put a strictly above b (so p[a * n + a] is
 * 0, and p[a * n + b] + p[b * n + a] is m minus the rankers tying them).
 * The caller owns p.  Cannot fail; does nothing when n or m is negative.
 */
void rank_pairwise(int n, int m, const int *grp, int *p);

/*
 * Kendall's coefficient of concordance W with tie correction: tied items get
 * the average of the ranks they span, R_i is item i's rank sum over the
 * rankers, S = sum of (R_i - m (n + 1) / 2)^2, and
 *
 *   W = 12 S / (m^2 (n^3 - n) - m T),
 *
 * T being the sum over rankers and their tie groups of t^3 - t.  W is 1 for
 * identical rankings (ties included) and 0 when the rank sums are all equal.
 * Returns NAN when m < 2 or n < 2, or when the denominator is 0 (every
 * ranker ties everything).  Allocates nothing; O(m n^2) time.
 */
double rank_kendall_w(int n, int m, const int *grp);

/*
 * Write into order[n] a strict order of the items (order[k] is the item at
 * position k, best first) found by method; see enum rank_method.  With one
 * ranker, or several who agree, the order is that ranking with its ties
 * broken by index, whatever the method.  The caller owns order.  Returns 0,
 * or -1 on allocation failure, on n or m negative, or for RANK_EXACT with
 * n > RANK_EXACT_MAX (order is then unspecified).
 */
int rank_order(int n, int m, const int *grp, enum rank_method method, int *order);

/*
 * The consensus ranking (docs/format.md 5.1 `consensus`): the rank_order() order with
 * RANK_AUTO, split into groups from the best down.  An item joins the group
 * above it when the rankers are exactly split (P[a][b] == P[b][a]) between
 * it and every item already in that group; otherwise it starts a new group.
 * So two items share a group only when the rankers are exactly split on
 * them and no other item stands between them, and one ranker's ranking
 * comes back unchanged, ties included.  With m = 0 everything is split and
 * all items share one group.
 *
 * Writes out_grp[n] (dense groups, 0 = best; the caller owns it) and returns
 * the number of groups (0 when n is 0), or -1 on allocation failure or on n
 * or m negative.
 */
int rank_consensus(int n, int m, const int *grp, int *out_grp);

/*
 * Look for cyclic majority preferences: the digraph with an edge a -> b
 * when P[a][b] > P[b][a] (a strict majority of the non-tying rankers prefer
 * a).  If it has a directed cycle, write a shortest one into cycle[] (item
 * indices, each edge going from one entry to the next and from the last
 * back to the first, the first not repeated at the end) and return its
 * length, which is at least 3.  The choice is deterministic: among the
 * shortest cycles, each written from its lowest index, the lexicographically
 * smallest.  cycle must have room for n items; the caller owns it.
 *
 * Returns 0 when the digraph is acyclic (a Condorcet order exists), or -1
 * on allocation failure or on n or m negative.
 */
int rank_majority_cycle(int n, int m, const int *grp, int *cycle);

#endif
