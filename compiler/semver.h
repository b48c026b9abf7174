/*
 * semver: X.Y.Z release versions (docs/format.md 5.2).
 */
#ifndef SEMVER_H
#define SEMVER_H

struct semver {
	long major, minor, patch;
};

/* Parse strict X.Y.Z (no leading zeros, no sign). 0, or -1 when invalid. */
int semver_parse(const char *s, struct semver *v);
/* <0, 0, >0 like strcmp. */
int semver_cmp(const struct semver *a, const struct semver *b);

#endif
