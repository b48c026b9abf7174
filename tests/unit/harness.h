/*
 * harness: a tiny TAP-style harness for tests/unit/test_<module>.c (after
 * cmark's api_test/harness.h and redis's testhelp.h).
 *
 * Each check prints "ok N - file:line: message" or "not ok N - file:line:
 * message", with the values compared on failure.  main() ends with
 * "return harness_done();", which prints the plan and "# N passed, N
 * failed" and returns the exit status: 0 when nothing failed, else 1.
 * Header-only: include it from exactly one file per test program.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_passed;
static int harness_failed;

/* Record one result; returns cond so a test can stop early on failure. */
static inline int harness_ok(int cond, const char *file, int line,
			     const char *msg)
{
	int n = harness_passed + harness_failed + 1;

	if (cond)
		harness_passed++;
	else
		harness_failed++;
	printf("%sok %d - %s:%d: %s\n", cond ? "" : "not ", n, file, line,
	       msg);
	return cond;
}

static inline int harness_int_eq(long long a, long long b, const char *sa,
				 const char *sb, const char *file, int line)
{
	char msg[512];
	int cond = a == b;

	if (cond)
		snprintf(msg, sizeof(msg), "%s == %s", sa, sb);
	else
		snprintf(msg, sizeof(msg), "%s == %s (got %lld, expected %lld)",
			 sa, sb, a, b);
	return harness_ok(cond, file, line, msg);
}

static inline int harness_dbl_near(double a, double b, double eps,
				   const char *sa, const char *sb,
				   const char *file, int line)
{
	char msg[512];
	int cond = fabs(a - b) <= eps; /* false when either is NaN */

	if (cond)
		snprintf(msg, sizeof(msg), "%s ~= %s", sa, sb);
	else
		snprintf(msg, sizeof(msg),
			 "%s ~= %s (got %.10g, expected %.10g, eps %g)", sa, sb,
			 a, b, eps);
	return harness_ok(cond, file, line, msg);
}

static inline int harness_str_eq(const char *a, const char *b,
				 const char *sa, const char *sb,
				 const char *file, int line)
{
	char msg[512];
	int cond = (a && b) ? strcmp(a, b) == 0 : a == b;

	if (cond)
		snprintf(msg, sizeof(msg), "%s == %s", sa, sb);
	else
		snprintf(msg, sizeof(msg),
			 "%s == %s (got \"%s\", expected \"%s\")", sa, sb,
			 a ? a : "(null)", b ? b : "(null)");
	return harness_ok(cond, file, line, msg);
}

/* Print the TAP plan and the tally; return the exit status. */
static inline int harness_done(void)
{
	printf("1..%d\n", harness_passed + harness_failed);
	printf("# %d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed ? 1 : 0;
}

#define OK(cond, msg) harness_ok(!!(cond), __FILE__, __LINE__, (msg))
#define INT_EQ(a, b) \
	harness_int_eq((long long)(a), (long long)(b), #a, #b, __FILE__, \
		       __LINE__)
#define DBL_NEAR(a, b, eps) \
	harness_dbl_near((double)(a), (double)(b), (double)(eps), #a, #b, \
			 __FILE__, __LINE__)
#define STR_EQ(a, b) harness_str_eq((a), (b), #a, #b, __FILE__, __LINE__)

#endif
