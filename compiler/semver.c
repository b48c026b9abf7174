/*
 * semver: parse and compare X.Y.Z; see semver.h.
 */
#include "semver.h"

#include <stddef.h>

static const char *part(const char *s, long *v)
{
	long n = 0;
	const char *st = s;

	if (*s < '0' || *s > '9')
		return NULL;
	if (*s == '0' && s[1] >= '0' && s[1] <= '9')
		return NULL;
	while (*s >= '0' && *s <= '9') {
		if (s - st > 9)
			return NULL;
		n = n * 10 + (*s - '0');
		s++;
	}
	*v = n;
	return s;
}

int semver_parse(const char *s, struct semver *v)
{
	if (!s || !(s = part(s, &v->major)) || *s++ != '.' || !(s = part(s, &v->minor)) ||
	    *s++ != '.' || !(s = part(s, &v->patch)) || *s)
		return -1;
	return 0;
}

int semver_cmp(const struct semver *a, const struct semver *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}
