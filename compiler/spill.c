/*
 * spill: chains of records in an unlinked temporary file; see spill.h.
 */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

#define SPILL_CHUNK (64 * 1024)

int spill_open(struct spill *s, int dirfd)
{
	char name[64];
	int i;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	for (i = 0; i < 100 && s->fd < 0; i++) {
		snprintf(name, sizeof(name), ".spill-%ld-%d", (long)getpid(), i);
		s->fd =
		    openat(dirfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (s->fd < 0 && errno != EEXIST)
			return -1;
	}
	if (s->fd < 0)
		return -1;
	/* nobody else needs the name: the file lives as long as the descriptor */
	unlinkat(dirfd, name, 0);
	return 0;
}

int spill_open_tmp(struct spill *s)
{
	const char *dir = getenv("TMPDIR");
	int dfd = open(dir && *dir ? dir : "/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC), ret, e;

	if (dfd < 0) {
		memset(s, 0, sizeof(*s));
		s->fd = -1;
		return -1;
	}
	ret = spill_open(s, dfd);
	e = errno;
	close(dfd);
	errno = e;
	return ret;
}

void spill_close(struct spill *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}

void spill_chain_init(struct spill_chain *c, size_t limit)
{
	memset(c, 0, sizeof(*c));
	strbuf_init(&c->buf, 0);
	c->limit = limit ? limit : SPILL_CHUNK;
}

void spill_chain_release(struct spill_chain *c)
{
	strbuf_release(&c->buf);
	free(c->chunks);
	memset(c, 0, sizeof(*c));
}

static void flush(struct spill *s, struct spill_chain *c)
{
	if (!c->buf.len)
		return;
	if (!s->err && s->fd >= 0) {
		ssize_t n = pwrite(s->fd, c->buf.buf, c->buf.len, s->len);
		/* pwrite to a regular file writes all of it or fails */
		if (n != (ssize_t)c->buf.len)
			s->err = n < 0 ? errno : ENOSPC;
	} else if (!s->err) {
		s->err = EBADF;
	}
	XGROW(c->chunks, c->alloc, c->n + 1);
	c->chunks[c->n].off = s->len;
	c->chunks[c->n].len = c->buf.len;
	c->n++;
	s->len += (off_t)c->buf.len;
	strbuf_reset(&c->buf);
}

void spill_add(struct spill *s, struct spill_chain *c, const char *data, size_t len)
{
	strbuf_add(&c->buf, data, len);
	c->records++;
	if (c->buf.len >= c->limit)
		flush(s, c);
}

int spill_each(struct spill *s, const struct spill_chain *c,
               int (*fn)(void *arg, const char *data, size_t len), void *arg)
{
	char *buf = NULL;
	size_t cap = 0, i;
	int ret = 0;

	if (s->err) {
		errno = s->err;
		return -1;
	}
	for (i = 0; i < c->n && !ret; i++) {
		size_t done = 0;

		if (c->chunks[i].len > cap) {
			cap = c->chunks[i].len;
			buf = xrealloc(buf, cap);
		}
		while (done < c->chunks[i].len) {
			ssize_t n = pread(s->fd, buf + done, c->chunks[i].len - done,
			                  c->chunks[i].off + (off_t)done);
			if (n <= 0) {
				if (n < 0 && errno == EINTR)
					continue;
				if (!n)
					errno = EIO;
				free(buf);
				return -1;
			}
			done += (size_t)n;
		}
		ret = fn(arg, buf, c->chunks[i].len);
	}
	free(buf);
	if (!ret && c->buf.len)
		ret = fn(arg, c->buf.buf, c->buf.len);
	return ret;
}
