/*
 * rank: pairwise counts, Kendall's W, the consensus order and cyclic
 * majority preferences over one scenario's rankings.
 *
 * Input: m rankings of n items as position groups (see rank.h for the
 * model).  Output: numbers and item orders for check_ranking (docs/format.md
 * section 3, "ranking consistency") and for the `consensus` and `agreement`
 * fields of scenarios.jsonl (docs/format.md section 5.1).  Everything is integer
 * arithmetic except W, so results do not depend on the machine.
 */
#include "rank.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static int pget(const int *p, int n, int a, int b)
{
	return p[(size_t)a * (size_t)n + (size_t)b];
}

/* The strict-majority digraph's edge a -> b. */
static int beats(const int *p, int n, int a, int b)
{
	return pget(p, n, a, b) > pget(p, n, b, a);
}

/*
 * Twice the 1-based rank of item i in ranking g, ties averaged: the items in
 * better groups come first, and a group of t items spans ranks before + 1
 * .. before + t, whose mean doubled is 2 before + t + 1.  Doubling keeps it
 * an integer.  *tied receives t.  O(n), so nothing is allocated.
 */
static long long doubled_rank(const int *g, int n, int i, int *tied)
{
	int before = 0, t = 0, k;

	for (k = 0; k < n; k++) {
		if (g[k] < g[i])
			before++;
		else if (g[k] == g[i])
			t++;
	}
	*tied = t;
	return 2LL * before + t + 1;
}

/* malloc for count items of size sz: never 0 bytes, never an overflow. */
static void *alloc_array(size_t count, size_t sz)
{
	if (count && count > SIZE_MAX / sz)
		return NULL;
	return malloc(count ? count * sz : 1);
}

/*
 * A new P matrix (free() it), or NULL when out of memory.  calloc rather
 * than alloc_array only so that static analyzers see initialized cells.
 */
static int *pairwise_new(int n, int m, const int *grp)
{
	size_t cells;
	int *p;

	if (n && (size_t)n > SIZE_MAX / (size_t)n)
		return NULL;
	cells = (size_t)n * (size_t)n;
	p = calloc(cells ? cells : 1, sizeof(*p));
	if (p)
		rank_pairwise(n, m, grp, p);
	return p;
}

void rank_pairwise(int n, int m, const int *grp, int *p)
{
	size_t cells, c;
	int a, b, j;

	if (n < 0 || m < 0)
		return;
	cells = (size_t)n * (size_t)n;
	for (c = 0; c < cells; c++)
		p[c] = 0;
	for (j = 0; j < m; j++) {
		const int *g = grp + (size_t)j * (size_t)n;

		for (a = 0; a < n; a++)
			for (b = 0; b < n; b++)
				if (g[a] < g[b])
					p[(size_t)a * (size_t)n + (size_t)b]++;
	}
}

/*
 * With doubled ranks r the rank sums are 2 R_i and their mean is m (n + 1),
 * so 4 S = sum (2 R_i - m (n + 1))^2 and 12 S = 3 * (4 S).  The tie term
 * sums t^2 - 1 over the items of each group, which is t^3 - t per group.
 * Doubles hold every intermediate exactly while it stays below 2^53, far
 * beyond any scenario's size.
 */
double rank_kendall_w(int n, int m, const int *grp)
{
	double dn = n, dm = m, center = dm * (dn + 1.0);
	double s4 = 0.0, ties = 0.0, denom;
	int i, j, t;

	if (m < 2 || n < 2)
		return NAN;
	for (i = 0; i < n; i++) {
		double sum = 0.0;

		for (j = 0; j < m; j++) {
			const int *g = grp + (size_t)j * (size_t)n;
			long long r = doubled_rank(g, n, i, &t);

			sum += (double)r;
			ties += (double)t * t - 1.0;
		}
		s4 += (sum - center) * (sum - center);
	}
	denom = dm * dm * (dn * dn * dn - dn) - dm * ties;
	/* T <= n^3 - n per ranker, so denom >= 0; 0 means all tied. */
	if (!(denom > 0.0))
		return NAN;
	return 3.0 * s4 / denom;
}

/* Disagreement from placing x above every item in the bit set rest. */
static long long cost_above(const int *p, int n, int x, unsigned rest)
{
	long long c = 0;
	int b;

	for (b = 0; b < n; b++)
		if (rest >> b & 1u)
			c += pget(p, n, b, x);
	return c;
}

/*
 * Kemeny by dynamic programming over the set of items still to place:
 * best[set] is the least disagreement among the orders of set, which is
 * min over x in set of cost_above(x, set - x) + best[set - x], because x's
 * pairs with the rest of set do not depend on how the rest is ordered.
 * Rebuilding from the full set and taking the lowest x that attains the
 * minimum at each step yields the lexicographically smallest optimal order.
 */
static int order_exact(int n, const int *p, int *order)
{
	unsigned full = (1u << n) - 1u, set, rest = 0;
	long long *best;
	int x, k;

	best = alloc_array((size_t)full + 1u, sizeof(*best));
	if (!best)
		return -1;
	best[0] = 0;
	for (set = 1; set <= full; set++) {
		long long min = LLONG_MAX;

		for (x = 0; x < n; x++) {
			long long c;

			if (!(set >> x & 1u))
				continue;
			rest = set & ~(1u << x);
			c = cost_above(p, n, x, rest) + best[rest];
			if (c < min)
				min = c;
		}
		best[set] = min;
	}
	set = full;
	for (k = 0; k < n; k++) {
		for (x = 0; x < n; x++) {
			if (!(set >> x & 1u))
				continue;
			rest = set & ~(1u << x);
			if (cost_above(p, n, x, rest) + best[rest] == best[set])
				break;
		}
		assert(x < n);
		order[k] = x;
		set = rest;
	}
	free(best);
	return 0;
}

/*
 * Borda start, then adjacent swaps.  Swapping neighbours a (above) and b
 * changes the disagreement by P[a][b] - P[b][a] and touches no other pair.
 * Every swap made lowers the pair (disagreement, number of pairs out of
 * index order) lexicographically, so the passes terminate; there are at
 * most O(m n^4) swaps, fine for the handful of behaviors in a scenario.
 */
static int order_local(int n, int m, const int *grp, const int *p, int *order)
{
	long long *key;
	int i, j, k, t, swapped;

	key = alloc_array((size_t)n, sizeof(*key));
	if (!key)
		return -1;
	for (i = 0; i < n; i++) {
		key[i] = 0;
		for (j = 0; j < m; j++)
			key[i] += doubled_rank(grp + (size_t)j * (size_t)n, n, i, &t);
	}
	/*
	 * Insertion sort taking the items in index order: it is stable, so
	 * equal mean ranks stay in index order.
	 */
	for (i = 0; i < n; i++) {
		for (k = i; k > 0 && key[order[k - 1]] > key[i]; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	free(key);

	do {
		swapped = 0;
		for (k = 0; k + 1 < n; k++) {
			int a = order[k], b = order[k + 1];
			int now = pget(p, n, b, a), after = pget(p, n, a, b);

			if (now > after || (now == after && b < a)) {
				order[k] = b;
				order[k + 1] = a;
				swapped = 1;
			}
		}
	} while (swapped);
	return 0;
}

static int find_order(int n, int m, const int *grp, const int *p, enum rank_method method,
                      int *order)
{
	if (method == RANK_AUTO)
		method = n <= RANK_EXACT_MAX ? RANK_EXACT : RANK_LOCAL_SEARCH;
	switch (method) {
	case RANK_EXACT:
		if (n > RANK_EXACT_MAX)
			return -1;
		return order_exact(n, p, order);
	case RANK_LOCAL_SEARCH:
		return order_local(n, m, grp, p, order);
	case RANK_AUTO:
		break;
	}
	return -1;
}

int rank_order(int n, int m, const int *grp, enum rank_method method, int *order)
{
	int *p, ret;

	if (n < 0 || m < 0)
		return -1;
	p = pairwise_new(n, m, grp);
	if (!p)
		return -1;
	ret = find_order(n, m, grp, p, method, order);
	free(p);
	return ret;
}

/* Are the rankers exactly split between x and each of group[0..len-1]? */
static int split_with_all(const int *p, int n, const int *group, int len, int x)
{
	int k;

	for (k = 0; k < len; k++)
		if (pget(p, n, group[k], x) != pget(p, n, x, group[k]))
			return 0;
	return 1;
}

/*
 * Grouping is greedy from the top: in a chain a, b, c where a-b and b-c
 * are split but a-c is not, b joins a.  Either grouping would satisfy the
 * docs/format.md's wording; taking the first is the deterministic choice.
 */
int rank_consensus(int n, int m, const int *grp, int *out_grp)
{
	int *p = NULL, *order = NULL;
	int ret = -1, g = 0, start = 0, k;

	if (n < 0 || m < 0)
		return -1;
	if (n == 0)
		return 0;
	p = pairwise_new(n, m, grp);
	order = alloc_array((size_t)n, sizeof(*order));
	if (!p || !order)
		goto out;
	if (find_order(n, m, grp, p, RANK_AUTO, order))
		goto out;
	for (k = 0; k < n; k++) {
		if (k > start && !split_with_all(p, n, order + start, k - start, order[k])) {
			g++;
			start = k;
		}
		out_grp[order[k]] = g;
	}
	ret = g + 1;
out:
	free(order);
	free(p);
	return ret;
}

/*
 * dist[v] = length of the shortest path v -> s whose vertices other than s
 * are all > s, or -1; dist[s] = 0.  Breadth-first over reversed edges.
 */
static void distances_to(const int *p, int n, int s, int *dist, int *queue)
{
	int head = 0, tail = 0, u, v;

	for (v = 0; v < n; v++)
		dist[v] = -1;
	dist[s] = 0;
	queue[tail++] = s;
	while (head < tail) {
		u = queue[head++];
		for (v = s + 1; v < n; v++) {
			if (dist[v] < 0 && beats(p, n, v, u)) {
				dist[v] = dist[u] + 1;
				queue[tail++] = v;
			}
		}
	}
}

/*
 * Every cycle is found from its lowest vertex s, through vertices > s only,
 * so the shortest cycle overall is the least of these per-s minima, and
 * taking the first s that attains it gives the smallest first entry.  On a
 * shortest cycle through s the k-th vertex has dist exactly L - k (a
 * smaller one would close a shorter cycle), so walking from s to the lowest
 * successor whose dist is one less than what remains yields the
 * lexicographically smallest shortest cycle; the dists strictly decrease,
 * so no vertex repeats.  No 2-cycle exists, since a -> b and b -> a would
 * need P[a][b] > P[b][a] > P[a][b].
 */
int rank_majority_cycle(int n, int m, const int *grp, int *cycle)
{
	int *p = NULL, *dist = NULL, *queue = NULL;
	int ret = -1, best_len = 0, best_s = -1, s, w, k, cur;

	if (n < 0 || m < 0)
		return -1;
	p = pairwise_new(n, m, grp);
	dist = alloc_array((size_t)n, sizeof(*dist));
	queue = alloc_array((size_t)n, sizeof(*queue));
	if (!p || !dist || !queue)
		goto out;
	for (s = 0; s < n; s++) {
		distances_to(p, n, s, dist, queue);
		for (w = s + 1; w < n; w++) {
			if (dist[w] < 0 || !beats(p, n, s, w))
				continue;
			if (!best_len || dist[w] + 1 < best_len) {
				best_len = dist[w] + 1;
				best_s = s;
			}
		}
	}
	if (best_len) {
		s = best_s;
		distances_to(p, n, s, dist, queue);
		cycle[0] = cur = s;
		for (k = 1; k < best_len; k++) {
			for (w = s + 1; w < n; w++)
				if (beats(p, n, cur, w) && dist[w] == best_len - k)
					break;
			assert(w < n);
			cycle[k] = cur = w;
		}
	}
	ret = best_len;
out:
	free(queue);
	free(dist);
	free(p);
	return ret;
}
