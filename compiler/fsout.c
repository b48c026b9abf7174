/*
 * fsout: atomic, symlink-safe release output; see fsout.h.
 */
#include "fsout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int remove_tree_at(int dirfd, const char *name)
{
	struct stat st;
	int fd, ret = 0;
	DIR *d;
	struct dirent *de;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(dirfd, name, 0);
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (remove_tree_at(fd, de->d_name) < 0)
			ret = -1;
	}
	closedir(d);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
		ret = -1;
	return ret;
}

/*
 * mkdir -p for out, refusing a symlink at any component we create or use;
 * the directories it creates are remembered so a failed build can remove
 * them again (nothing is left behind).
 */
static int open_out(struct fsout *fo, const char *out)
{
	char *copy = xstrdup(out), *p = copy;
	int fd, next;

	fd = open(*p == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		free(copy);
		return -1;
	}
	while (*p) {
		char *slash;
		while (*p == '/')
			p++;
		if (!*p)
			break;
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (!mkdirat(fd, p, 0755)) {
			fo->created = xrealloc(fo->created, (fo->ncreated + 1) * sizeof(char *));
			fo->created[fo->ncreated++] = xstrndup(out, (size_t)(p - copy) + strlen(p));
		} else if (errno != EEXIST) {
			error("cannot create '%s': %s", out, strerror(errno));
			goto fail;
		}
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			error("cannot use output directory '%s': %s%s", out, strerror(errno),
			      errno == ELOOP || errno == ENOTDIR
			          ? " (symbolic links are not followed)"
			          : "");
			goto fail;
		}
		close(fd);
		fd = next;
		if (!slash)
			break;
		p = slash + 1;
	}
	free(copy);
	return fd;
fail:
	close(fd);
	free(copy);
	return -1;
}

int fsout_begin(struct fsout *fo, const char *out, const char *target_name)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	memset(fo, 0, sizeof(*fo));
	fo->stage_fd = -1;
	fo->out_fd = -1;
	pthread_mutex_init(&fo->mu, NULL);
	/* the modes of the release must not depend on the caller's umask */
	fo->old_umask = umask(0);
	fo->begun = 1;
	fo->out_fd = open_out(fo, out);
	if (fo->out_fd < 0)
		return -1;
	fo->target_name = xstrdup(target_name);
	for (i = 0; i < 100; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, ".%s.tmp-%ld-%d", target_name, (long)getpid(), i);
		if (!mkdirat(fo->out_fd, sb.buf, 0755))
			break;
		if (errno != EEXIST) {
			error("cannot create a staging directory in the output directory: %s",
			      strerror(errno));
			strbuf_release(&sb);
			return -1;
		}
	}
	fo->stage_name = strbuf_detach(&sb, NULL);
	fo->stage_fd =
	    openat(fo->out_fd, fo->stage_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fo->stage_fd < 0) {
		error("cannot open the staging directory: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int safe_rel(const char *rel)
{
	const char *p = rel;

	if (!*rel || *rel == '/')
		return 0;
	while (*p) {
		const char *s = strchr(p, '/');
		size_t n = s ? (size_t)(s - p) : strlen(p);
		if (!n || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n + (s ? 1 : 0);
	}
	return 1;
}

/*
 * The directory rel[0..n) of the release (created if missing, no symlinks
 * followed), as a descriptor the cache keeps: the caller must not close it.
 * Call with fo->mu held. -1 on failure.
 */
static int dir_at(struct fsout *fo, const char *rel, size_t n)
{
	char *copy, *p, *slash;
	size_t i;
	int fd, next;

	if (!n)
		return fo->stage_fd;
	for (i = 0; i < fo->ndirs; i++)
		if (strlen(fo->dir_rel[i]) == n && !memcmp(fo->dir_rel[i], rel, n))
			return fo->dir_fd[i];
	copy = xstrndup(rel, n);
	p = copy;
	fd = dup(fo->stage_fd);
	while (fd >= 0 && p) {
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (mkdirat(fd, p, 0755) < 0 && errno != EEXIST) {
			close(fd);
			fd = -1;
			break;
		}
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(fd);
		fd = next;
		p = slash ? slash + 1 : NULL;
	}
	free(copy);
	if (fd < 0)
		return -1;
	if (fo->ndirs == FSOUT_DIRS) {
		/* full: the oldest goes */
		free(fo->dir_rel[0]);
		close(fo->dir_fd[0]);
		memmove(fo->dir_rel, fo->dir_rel + 1, (FSOUT_DIRS - 1) * sizeof(*fo->dir_rel));
		memmove(fo->dir_fd, fo->dir_fd + 1, (FSOUT_DIRS - 1) * sizeof(*fo->dir_fd));
		fo->ndirs--;
	}
	fo->dir_rel[fo->ndirs] = xstrndup(rel, n);
	fo->dir_fd[fo->ndirs++] = fd;
	return fd;
}

static void drop_dirs(struct fsout *fo)
{
	while (fo->ndirs) {
		fo->ndirs--;
		free(fo->dir_rel[fo->ndirs]);
		close(fo->dir_fd[fo->ndirs]);
	}
}

int fsout_mkdir(struct fsout *fo, const char *rel)
{
	int fd;

	if (!safe_rel(rel))
		return error("refusing output path '%s'", rel);
	pthread_mutex_lock(&fo->mu);
	fd = dir_at(fo, rel, strlen(rel));
	pthread_mutex_unlock(&fo->mu);
	if (fd < 0)
		return error("cannot create '%s' in the release: %s", rel, strerror(errno));
	return 0;
}

int fsout_open(struct fsout *fo, const char *rel)
{
	const char *slash;
	int dfd, fd, e;

	if (!safe_rel(rel))
		return error("refusing output path '%s'", rel);
	slash = strrchr(rel, '/');
	pthread_mutex_lock(&fo->mu);
	dfd = dir_at(fo, rel, slash ? (size_t)(slash - rel) : 0);
	e = errno;
	pthread_mutex_unlock(&fo->mu);
	if (dfd < 0)
		return error("cannot create the directory of '%s': %s", rel, strerror(e));
	/* the cached descriptor stays open until fsout_commit() or fsout_abort() */
	fd = openat(dfd, slash ? slash + 1 : rel,
	            O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return error("cannot create '%s' in the release: %s", rel, strerror(errno));
	return fd;
}

int fsout_write(struct fsout *fo, const char *rel, const void *data, size_t len)
{
	int fd = fsout_open(fo, rel);

	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0) {
		int e = errno;
		close(fd);
		return error("cannot write '%s': %s", rel, strerror(e));
	}
	if (close(fd) < 0)
		return error("cannot write '%s': %s", rel, strerror(errno));
	return 0;
}

int fsout_commit(struct fsout *fo)
{
	struct strbuf old = STRBUF_INIT;
	struct stat st;
	int had_old = 0, ret = 0;

	if (fsync(fo->stage_fd) < 0 && errno != EINVAL)
		return error("cannot sync the release: %s", strerror(errno));
	drop_dirs(fo);
	close(fo->stage_fd);
	fo->stage_fd = -1;
	if (!fstatat(fo->out_fd, fo->target_name, &st, AT_SYMLINK_NOFOLLOW)) {
		strbuf_addf(&old, ".%s.old-%ld", fo->target_name, (long)getpid());
		remove_tree_at(fo->out_fd, old.buf);
		if (renameat(fo->out_fd, fo->target_name, fo->out_fd, old.buf) < 0) {
			ret = error("cannot move the earlier release aside: %s", strerror(errno));
			goto out;
		}
		had_old = 1;
	}
	if (renameat(fo->out_fd, fo->stage_name, fo->out_fd, fo->target_name) < 0) {
		ret = error("cannot move the release into place: %s", strerror(errno));
		if (had_old)
			renameat(fo->out_fd, old.buf, fo->out_fd, fo->target_name);
		goto out;
	}
	free(fo->stage_name);
	fo->stage_name = NULL;
	fo->committed = 1;
	if (had_old)
		remove_tree_at(fo->out_fd, old.buf);
out:
	strbuf_release(&old);
	return ret;
}

void fsout_abort(struct fsout *fo)
{
	drop_dirs(fo);
	if (fo->stage_fd >= 0) {
		close(fo->stage_fd);
		fo->stage_fd = -1;
	}
	if (fo->stage_name && fo->out_fd >= 0)
		remove_tree_at(fo->out_fd, fo->stage_name);
	free(fo->stage_name);
	fo->stage_name = NULL;
	if (fo->out_fd >= 0)
		close(fo->out_fd);
	fo->out_fd = -1;
	free(fo->target_name);
	fo->target_name = NULL;
	/* on failure, the directories this run created go too (if still empty) */
	while (fo->ncreated) {
		char *d = fo->created[--fo->ncreated];
		if (!fo->committed)
			rmdir(d);
		free(d);
	}
	free(fo->created);
	fo->created = NULL;
	if (fo->begun) {
		umask(fo->old_umask);
		pthread_mutex_destroy(&fo->mu);
		fo->begun = 0;
	}
}
