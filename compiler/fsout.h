/*
 * fsout: writing a release atomically and only beneath --out (docs/format.md 5, 5.4).
 *
 * The release is built in a staging directory created beside the target
 * inside --out, every file created with O_EXCL | O_NOFOLLOW relative to the
 * staging directory's descriptor (so no symlink is ever followed), then
 * renamed into place. On failure the staging directory is removed and an
 * earlier release of the same version is left as it was.
 */
#ifndef FSOUT_H
#define FSOUT_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

#define FSOUT_DIRS 8

struct fsout {
	int out_fd;        /* --out */
	int stage_fd;      /* the staging directory */
	char *stage_name;  /* its name inside --out */
	char *target_name; /* <name>-<version> */
	char **created;    /* directories of --out this run created, outermost first */
	size_t ncreated;
	int committed;
	int begun; /* fsout_begin() ran: umask and mutex to restore */
	mode_t old_umask;
	/* directories of the release already opened: relative path and fd */
	pthread_mutex_t mu;
	char *dir_rel[FSOUT_DIRS];
	int dir_fd[FSOUT_DIRS];
	size_t ndirs;
};

/*
 * Create --out (and parents) if needed, refuse it if it is a symlink, and make
 * a fresh staging directory for target_name. Returns 0, or -1 after error().
 */
int fsout_begin(struct fsout *fo, const char *out, const char *target_name);
/* Write a file at a relative path (parents created, no "..", no symlinks). */
int fsout_write(struct fsout *fo, const char *rel, const void *data, size_t len);
/*
 * Open a file for streaming writes; returns an fd or -1. Thread-safe: the
 * directories of the release stay open, so a page costs one openat().
 */
int fsout_open(struct fsout *fo, const char *rel);
/* Create a subdirectory (and parents). */
int fsout_mkdir(struct fsout *fo, const char *rel);
/* Rename the staging directory into place, replacing an earlier one. */
int fsout_commit(struct fsout *fo);
/* Remove the staging directory (after a failure); safe to call twice. */
void fsout_abort(struct fsout *fo);

/* Write all of buf to fd (retrying short writes). 0 or -1. */
int write_all(int fd, const void *buf, size_t len);
/* Remove a directory tree below dirfd without following symlinks. */
int remove_tree_at(int dirfd, const char *name);

#endif
