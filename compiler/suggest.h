/*
 * suggest: "did you mean" -- the closest candidate by edit distance.
 */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* Optimal string alignment distance between a and b (case-insensitive). */
size_t suggest_distance(const char *a, const char *b);
/*
 * The candidate closest to s, or NULL when none is close enough (distance at
 * most a third of the longer length, and at least 1 edit allowed).
 */
const char *suggest_closest(const char *s, const char *const *cands, size_t n);

#endif
