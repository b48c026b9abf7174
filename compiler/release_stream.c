/*
 * release_stream: the files of a release written whole (rel_write) or in
 * pieces (struct ostream), each hashed as it is written for the manifest.
 *
 * The large streams (the JSONL streams, most of a release's bytes, and the
 * site-wide pages: the index and the taxonomy run to megabytes) are
 * written with O_DIRECT where the file system allows it, in whole aligned
 * blocks, the tail through the page cache: the build reads them never
 * again, and filling the page cache with half a gigabyte costs more than
 * handing the blocks to the device (on a virtual machine whose free memory
 * goes back to the host, every new page of cache is a fault), and evicts
 * what the user had cached.
 */
#define _GNU_SOURCE /* O_DIRECT */
#include "release_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha.h"
#include "xalloc.h"

#define OSTREAM_BUF (1024 * 1024) /* a multiple of OSTREAM_ALIGN */
#define OSTREAM_ALIGN 4096        /* O_DIRECT: buffer, offsets and sizes */

void release_hex(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void rel_fail(struct rel *r)
{
	pthread_mutex_lock(&r->mu);
	r->failed = 1;
	pthread_mutex_unlock(&r->mu);
}

static void add_hash(struct rel *r, const char *path, const unsigned char d[32], size_t bytes)
{
	struct filehash *f;

	pthread_mutex_lock(&r->mu);
	XGROW(r->files, r->afiles, r->nfiles + 1);
	f = &r->files[r->nfiles++];
	f->path = xstrdup(path);
	release_hex(d, 32, f->hex);
	f->bytes = bytes;
	pthread_mutex_unlock(&r->mu);
}

/* Write a whole file of the release and record its hash. */
int rel_write(struct rel *r, const char *path, const char *data, size_t len)
{
	unsigned char d[32];

	if (fsout_write(&r->fo, path, data, len) < 0) {
		rel_fail(r);
		return -1;
	}
	sha256(data, len, d);
	add_hash(r, path, d, len);
	return 0;
}
/* Go on through the page cache (at the tail, or when O_DIRECT fails). */
static void os_buffered(struct ostream *os)
{
	int fl = fcntl(os->fd, F_GETFL);

	if (fl >= 0)
		fcntl(os->fd, F_SETFL, fl & ~O_DIRECT);
	os->direct = 0;
}

/* Hash and write data[0..n): n is a multiple of OSTREAM_ALIGN while direct. */
static int os_write(struct ostream *os, const char *data, size_t n)
{
	size_t done = 0;

	EVP_DigestUpdate(os->md, data, n);
	while (done < n) {
		ssize_t w = write(os->fd, data + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EINVAL && os->direct) {
			os_buffered(os); /* O_DIRECT accepted, then refused */
			continue;
		}
		if (w <= 0) {
			if (!w)
				errno = EIO;
			return -1;
		}
		done += (size_t)w;
		if (os->direct && done % OSTREAM_ALIGN)
			os_buffered(os); /* a short write: the rest is unaligned */
	}
	return 0;
}

/* big: a large stream (O_DIRECT where possible). */
int ostream_open(struct rel *r, struct ostream *os, const char *path, int big)
{
	memset(os, 0, sizeof(*os));
	os->fd = fsout_open(&r->fo, path);
	if (os->fd < 0) {
		rel_fail(r);
		return -1;
	}
	if (big) {
		int fl = fcntl(os->fd, F_GETFL);
		/* file systems without O_DIRECT refuse it here (or at the first write) */
		os->direct = fl >= 0 && fcntl(os->fd, F_SETFL, fl | O_DIRECT) == 0;
	}
	os->path = xstrdup(path);
	os->md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(os->md, sha256_md(), NULL);
	os->buf = xaligned_alloc(OSTREAM_ALIGN, OSTREAM_BUF);
	return 0;
}

static int os_failed(struct rel *r, struct ostream *os, int e)
{
	error("cannot write '%s': %s", os->path, strerror(e));
	close(os->fd);
	os->fd = -1;
	rel_fail(r);
	return -1;
}

/* Write what is waiting: whole blocks only while direct, everything when final. */
static int os_flush(struct rel *r, struct ostream *os, int final)
{
	size_t n;

	if (os->fd < 0)
		return -1;
	if (final && os->direct)
		os_buffered(os);
	n = os->direct ? os->len / OSTREAM_ALIGN * OSTREAM_ALIGN : os->len;
	if (!n)
		return 0;
	if (os_write(os, os->buf, n) < 0)
		return os_failed(r, os, errno);
	os->bytes += n;
	os->len -= n;
	memmove(os->buf, os->buf + n, os->len);
	return 0;
}

int ostream_add(struct rel *r, struct ostream *os, const char *data, size_t len)
{
	while (len) {
		size_t k = OSTREAM_BUF - os->len < len ? OSTREAM_BUF - os->len : len;

		if (os->fd < 0)
			return -1;
		memcpy(os->buf + os->len, data, k);
		os->len += k;
		data += k;
		len -= k;
		if (os->len == OSTREAM_BUF && os_flush(r, os, 0) < 0)
			return -1;
	}
	return 0;
}

/* Finish the file and record its hash; safe on a stream never opened. */
int ostream_close(struct rel *r, struct ostream *os)
{
	unsigned char d[32] = {0};
	unsigned int dl = 32;
	int ret = os->path ? os_flush(r, os, 1) : -1;

	if (os->fd >= 0 && close(os->fd) < 0 && !ret) {
		ret = error("cannot write '%s': %s", os->path, strerror(errno));
		rel_fail(r);
	}
	if (os->md) {
		EVP_DigestFinal_ex(os->md, d, &dl);
		EVP_MD_CTX_free(os->md);
	}
	if (!ret)
		add_hash(r, os->path, d, os->bytes);
	free(os->path);
	free(os->buf);
	memset(os, 0, sizeof(*os));
	os->fd = -1;
	return ret;
}
