/*
 * gitrun: run git with a fixed argument vector (never through a shell) and
 * capture what it prints, for `lint --changed-since`.
 */
#ifndef GITRUN_H
#define GITRUN_H

#include "strbuf.h"

/*
 * Run `git -C dir args...` (args NULL-terminated), its stdout into out and
 * its stderr discarded. Returns git's exit status, or -1 when it could not
 * be run.
 */
int git_capture(const char *dir, const char *const *args, struct strbuf *out);

#endif
