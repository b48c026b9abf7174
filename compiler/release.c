/*
 * release: `corpusc build`; see release.h and SPEC section 5.
 *
 * Streaming, in id order. The lint checks files in the order of the id each
 * must have (lint.h, by_id); a worker turns a checked doc into its records,
 * its page (written at once, on the worker) and its site entry, and hands
 * them to commit_result(), which writes results strictly in file order
 * through a window of COMMIT_WINDOW slots. So scenarios.jsonl and
 * comparisons.jsonl are written once, in id order, hashed as they go, with
 * no spool to copy back and no sort; what the site-wide pages, CHANGES and
 * the checksums need of each scenario goes to a spill file (spill.h). Memory
 * stays flat as the corpus grows: only quest turns are kept whole.
 *
 * At the end come episodes and quest pages (their navigation needs every
 * turn), the schemas, the site-wide pages (the taxonomy on a second
 * thread), the card and CHANGES, while the lint's corpus-wide checks run on
 * a thread of their own; then, if they found no error, the manifest and
 * SHA256SUMS, and the staging directory is renamed into place. The large
 * files are hashed and written by writer threads (struct ostream).
 */
#define _GNU_SOURCE /* O_DIRECT, realpath */
#include "release.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "emit_html.h"
#include "emit_jsonl.h"
#include "fsout.h"
#include "json.h"
#include "jsonread.h"
#include "lint.h"
#include "schemas.h"
#include "semver.h"
#include "sha.h"
#include "spill.h"
#include "strbuf.h"
#include "xalloc.h"

#define COMMIT_WINDOW 16          /* results waiting for an earlier file, at most */
#define OSTREAM_BUF (1024 * 1024) /* a multiple of OSTREAM_ALIGN */
#define OSTREAM_ALIGN 4096        /* O_DIRECT: buffer, offsets and sizes */

/*
 * A file of the release written in pieces and hashed as it goes. The large
 * ones (scenarios.jsonl, comparisons.jsonl: most of a release's bytes, and
 * the site-wide pages: the index and the taxonomy run to megabytes) are
 * written with O_DIRECT where the file system allows it, in whole aligned
 * blocks, the tail through the page cache: the build reads them never
 * again, and filling the page cache with half a gigabyte costs more than
 * handing the blocks to the device (on a virtual machine whose free memory
 * goes back to the host, every new page of cache is a fault), and evicts
 * what the user had cached. A thread of their own hashes and writes each
 * full buffer while the next one fills, so the workers never wait on the
 * device.
 */
struct ostream {
	int fd;
	int direct; /* O_DIRECT is on: write whole blocks only */
	char *path;
	EVP_MD_CTX *md;
	char *buf;                /* OSTREAM_BUF bytes, OSTREAM_ALIGN-aligned */
	size_t len;               /* bytes waiting in buf */
	size_t bytes;             /* bytes written, or handed to the writer */
	struct os_writer *writer; /* the big streams' own thread, or NULL */
};

/*
 * The thread of a big stream. It owns fd, md and direct while it runs;
 * buffers alternate between the stream (filling) and the thread (writing).
 */
struct os_writer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct ostream *os;
	char *spare;         /* the buffer the stream fills next */
	const char *pending; /* handed over, not yet written; NULL when idle */
	size_t npending;
	int stop;
	int err; /* the errno of a failed write, or 0 */
};

/* What episodes.jsonl and a quest page need of a quest turn. */
struct quest_rec {
	char *id, *split, *quest, *chosen;
	long turn;
	char *consequences; /* a JSON string, or "null" */
};

/* One file's contribution, made on a worker, committed in file order. */
struct result {
	int ready, emit;
	struct strbuf scen, comp, quest_page;
	char *id;
	unsigned char scen_hash[32];
	size_t ncomp;
	int split; /* 0 train, 1 validation, 2 test */
	struct site_entry se;
	int has_page; /* its page is written: */
	unsigned char page_hash[32];
	size_t page_bytes;
	struct quest_rec *quest;
	struct giveback *owner; /* the worker that made it */
};

/*
 * A worker's results that another thread wrote, for the worker to release.
 * glibc frees a block on the arena of the thread that allocated it, under
 * that arena's lock: releasing a result on the thread that wrote it made
 * the two workers wait on each other's arena locks in every free().
 */
struct giveback {
	struct result *v, *w; /* v: handed back (under cm); w: being released */
	size_t n, alloc, walloc;
	struct giveback *next; /* every worker's, for the end */
};

struct filehash {
	char *path;
	char hex[65];
	size_t bytes;
};

struct prev_rec {
	char *id;
	unsigned char hash[32];
};

/* Ids in id order, on the spill; the first kept for messages. */
struct idlist {
	struct spill_chain chain;
	size_t n;
	char *first;
};

/* What changed against the previous release, and the bump that needs. */
struct changes {
	struct idlist added, removed, modified;
	struct prev_rec *prev; /* the previous release's ids, sorted */
	size_t nprev, next;    /* next: the first not yet met */
	char *prev_version;
	long prev_schema;
	int have_previous;
};

struct counts {
	size_t scenarios, behaviors, comparisons, episodes, split[3];
};

struct rel {
	struct lint lt;
	struct fsout fo;
	struct spill spill;
	struct spill sigs;               /* the lint's near-duplicate signatures */
	struct ostream scen, comp, page; /* page: the site-wide page being written */
	/*
	 * Results by file index: slots [written, ready_to) are complete and in
	 * order, waiting for the writer; later slots wait for earlier files.
	 */
	struct result window[COMMIT_WINDOW];
	size_t written, ready_to;
	int writing;        /* a thread is writing results (without cm) */
	pthread_mutex_t cm; /* the window, written, ready_to, writing, givebacks */
	pthread_cond_t cv;
	struct giveback *givebacks;
	unsigned long build; /* which release_build() call (counted from 1) */
	struct site site;
	struct changes ch;
	struct counts c;
	struct spill_chain pages;       /* "id hex bytes" of each scenario page */
	struct spill_chain quest_pages; /* quest turns' pages, length-prefixed */
	struct quest_rec **quests;      /* in id order */
	size_t nquests, aquests;
	struct filehash *files; /* every other file of the release */
	size_t nfiles, afiles;
	int failed;         /* an I/O failure while building */
	pthread_mutex_t mu; /* files, failed, source_path()'s cache */
	const char *version;
	struct src_dir {
		char *prefix;
		int done;
	} * src_dirs; /* source_path(), per lt.dirs */
};

static void hex(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

int release_source_date(long long *t)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v = 0;
	const char *p;

	if (!s)
		return 1;
	if (!*s || strlen(s) > 12)
		return -1;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v > 253402300799LL) /* 9999-12-31T23:59:59Z: dates stay four-digit */
		return -1;
	*t = v;
	return 0;
}

static void fail(struct rel *r)
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
	hex(d, 32, f->hex);
	f->bytes = bytes;
	pthread_mutex_unlock(&r->mu);
}

/* Write a whole file of the release and record its hash. */
static int rel_write(struct rel *r, const char *path, const char *data, size_t len)
{
	unsigned char d[32];

	if (fsout_write(&r->fo, path, data, len) < 0) {
		fail(r);
		return -1;
	}
	sha256(data, len, d);
	add_hash(r, path, d, len);
	return 0;
}

/* ---- streamed files ---------------------------------------------------- */

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

static void *writer_main(void *arg)
{
	struct os_writer *w = arg;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		const char *data;
		size_t n;
		int e;

		while (!w->pending && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->pending)
			break;
		data = w->pending;
		n = w->npending;
		pthread_mutex_unlock(&w->mu);
		e = w->err ? 0 : os_write(w->os, data, n) < 0 ? errno : 0;
		pthread_mutex_lock(&w->mu);
		if (e)
			w->err = e;
		w->pending = NULL;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until the writer is idle; its error (an errno), or 0. */
static int writer_wait(struct os_writer *w)
{
	int e;

	pthread_mutex_lock(&w->mu);
	while (w->pending)
		pthread_cond_wait(&w->cv, &w->mu);
	e = w->err;
	pthread_mutex_unlock(&w->mu);
	return e;
}

static void writer_stop(struct ostream *os)
{
	struct os_writer *w = os->writer;

	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w->spare);
	free(w);
	os->writer = NULL;
}

/* big: a large stream (O_DIRECT where possible, a writer thread of its own). */
static int os_open(struct rel *r, struct ostream *os, const char *path, int big)
{
	memset(os, 0, sizeof(*os));
	os->fd = fsout_open(&r->fo, path);
	if (os->fd < 0) {
		fail(r);
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
	if (big) {
		struct os_writer *w = xcalloc(1, sizeof(*w));

		w->os = os;
		w->spare = xaligned_alloc(OSTREAM_ALIGN, OSTREAM_BUF);
		pthread_mutex_init(&w->mu, NULL);
		pthread_cond_init(&w->cv, NULL);
		if (pthread_create(&w->thread, NULL, writer_main, w)) {
			/* no thread: write on the caller's */
			pthread_mutex_destroy(&w->mu);
			pthread_cond_destroy(&w->cv);
			free(w->spare);
			free(w);
		} else {
			os->writer = w;
		}
	}
	return 0;
}

static int os_failed(struct rel *r, struct ostream *os, int e)
{
	error("cannot write '%s': %s", os->path, strerror(e));
	writer_stop(os);
	close(os->fd);
	os->fd = -1;
	fail(r);
	return -1;
}

/*
 * Write what is waiting: whole blocks only while direct (the writer's
 * streams hand over whole blocks always), everything when final (after the
 * writer is done).
 */
static int os_flush(struct rel *r, struct ostream *os, int final)
{
	struct os_writer *w = os->writer;
	size_t n;
	int e;

	if (os->fd < 0)
		return -1;
	if (w && !final) {
		char *full = os->buf;

		n = os->len / OSTREAM_ALIGN * OSTREAM_ALIGN;
		if ((e = writer_wait(w)))
			return os_failed(r, os, e);
		/* the spare is free again: fill it while the thread writes this one */
		os->buf = w->spare;
		w->spare = full;
		os->len -= n;
		memcpy(os->buf, full + n, os->len);
		os->bytes += n;
		pthread_mutex_lock(&w->mu);
		w->pending = full;
		w->npending = n;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		return 0;
	}
	if (w) {
		if ((e = writer_wait(w)))
			return os_failed(r, os, e);
		writer_stop(os);
	}
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

static int os_add(struct rel *r, struct ostream *os, const char *data, size_t len)
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
static int os_close(struct rel *r, struct ostream *os)
{
	unsigned char d[32];
	unsigned int dl = 32;
	int ret = os->path ? os_flush(r, os, 1) : -1;

	writer_stop(os); /* when the flush failed before stopping it */
	if (os->fd >= 0 && close(os->fd) < 0 && !ret) {
		ret = error("cannot write '%s': %s", os->path, strerror(errno));
		fail(r);
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

/*
 * emit_out for the site-wide pages (emit_html.h): one at a time in a stream
 * of their own (r->page; the taxonomy page's thread has its own), written
 * like the big streams (their writer hashes and writes while the page is
 * made, on the core the workers have left).
 */
struct page_out {
	struct rel *r;
	struct ostream *os;
};

static int page_open(void *arg, const char *path)
{
	struct page_out *po = arg;

	return os_open(po->r, po->os, path, 1);
}

static int page_write(void *arg, const char *data, size_t len)
{
	struct page_out *po = arg;

	return os_add(po->r, po->os, data, len);
}

static int page_close(void *arg)
{
	struct page_out *po = arg;

	return os_close(po->r, po->os);
}

/*
 * The file's path relative to the repository root (for `source`). The file
 * itself is never a symlink (it was opened with O_NOFOLLOW), so only its
 * directory is resolved, once per directory of the walk (lt.dirs): what to
 * put before the file's name, or NULL when the directory is outside the root
 * (the path is then given as it was).
 */
static char *source_path(struct rel *r, size_t index, const char *path)
{
	uint32_t dir = r->lt.files[index].dir;
	size_t plen = strlen(path);
	/* a directory-form scenario ("<dir>/"): the slash before its name */
	const char *slash = NULL, *p;
	const char *prefix;
	struct strbuf sb = STRBUF_INIT;

	for (p = path + plen - (plen > 1 && path[plen - 1] == '/'); p > path; p--)
		if (p[-1] == '/') {
			slash = p - 1;
			break;
		}
	pthread_mutex_lock(&r->mu);
	if (!r->src_dirs)
		r->src_dirs = xcalloc(r->lt.ndirs + 1, sizeof(*r->src_dirs));
	if (!r->src_dirs[dir].done) {
		struct strbuf d = STRBUF_INIT;
		size_t n = strlen(r->lt.cfg.root);
		char real[PATH_MAX];

		if (slash)
			strbuf_add(&d, path, slash == path ? 1 : (size_t)(slash - path));
		else
			strbuf_addch(&d, '.');
		if (realpath(d.buf, real) && !strncmp(real, r->lt.cfg.root, n) &&
		    (real[n] == '/' || !real[n])) {
			strbuf_reset(&d);
			if (real[n])
				strbuf_addf(&d, "%s/", real + n + 1);
			r->src_dirs[dir].prefix = strbuf_detach(&d, NULL);
		}
		strbuf_release(&d);
		r->src_dirs[dir].done = 1;
	}
	prefix = r->src_dirs[dir].prefix;
	pthread_mutex_unlock(&r->mu);
	if (prefix) {
		strbuf_addstr(&sb, prefix);
		strbuf_addstr(&sb, slash ? slash + 1 : path);
	} else {
		strbuf_addstr(&sb, path);
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- the per-file work, on the workers ------------------------------- */

static int split_index(const char *split)
{
	return !strcmp(split, "train") ? 0 : !strcmp(split, "validation") ? 1 : 2;
}

static void make_result(struct rel *r, size_t index, struct doc *doc, struct result *res)
{
	struct emit_ctx ctx;
	struct strbuf page = STRBUF_INIT;
	char *source = source_path(r, index, doc->path);
	const char *split =
	    doc->split ? doc->split : config_split(&r->lt.cfg, doc->quest ? doc->quest : doc->id);

	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &r->lt.cfg;
	ctx.split = split;
	ctx.source = source;
	emit_ctx_cache(&ctx, doc);
	res->emit = 1;
	res->id = xstrdup(doc->id);
	res->split = split_index(split);
	/*
	 * Room for what usually comes out (a record a little larger than the
	 * file, a page about twice, the pairs repeating the texts), so the
	 * buffers are not grown a doubling at a time.
	 */
	strbuf_grow(&res->scen, doc->len + doc->len / 4 + 1024);
	strbuf_grow(&res->comp, doc->nbehaviors * doc->len + 1024);
	strbuf_grow(&page, 2 * doc->len + 4096);
	emit_scenario_line(&res->scen, doc, &ctx);
	/* a record's hash only tells a modified scenario from the previous release's */
	if (r->ch.have_previous)
		sha256(res->scen.buf, res->scen.len, res->scen_hash);
	res->ncomp = emit_comparison_lines(&res->comp, doc, &ctx);
	emit_ctx_release(&ctx);
	site_entry_from_doc(&res->se, doc, split, source);
	emit_html_scenario(&page, doc, &r->site, split, source);
	if (doc->quest) {
		struct quest_rec *q = xcalloc(1, sizeof(*q));
		struct strbuf c = STRBUF_INIT;

		q->id = xstrdup(doc->id);
		q->split = xstrdup(split);
		q->quest = xstrdup(doc->quest);
		q->turn = doc->turn;
		q->chosen = xstrdup(doc->chosen);
		if (doc->has_consequences)
			emit_text_json(&c, doc, &doc->consequences);
		else
			strbuf_addstr(&c, "null");
		q->consequences = strbuf_detach(&c, NULL);
		res->quest = q;
		/* its navigation needs every turn: written at the end */
		res->quest_page = page;
		strbuf_init(&page, 0);
	} else {
		struct strbuf path = STRBUF_INIT;

		strbuf_addf(&path, "html/s/%s.html", doc->id);
		if (fsout_write(&r->fo, path.buf, page.buf, page.len) < 0) {
			fail(r);
		} else {
			res->has_page = 1;
			res->page_bytes = page.len;
			sha256(page.buf, page.len, res->page_hash);
		}
		strbuf_release(&path);
	}
	strbuf_release(&page);
	free(source);
}

static void result_release(struct result *res)
{
	strbuf_release(&res->scen);
	strbuf_release(&res->comp);
	strbuf_release(&res->quest_page);
	free(res->id);
	site_entry_release(&res->se);
	memset(res, 0, sizeof(*res));
}

static void idlist_add(struct rel *r, struct idlist *l, const char *id)
{
	spill_add(&r->spill, &l->chain, id, strlen(id) + 1); /* with its NUL */
	if (!l->n++)
		l->first = xstrdup(id);
}

/* Ids arrive in order: merge them with the previous release's. */
static void changes_step(struct rel *r, const char *id, const unsigned char hash[32])
{
	struct changes *ch = &r->ch;

	if (!ch->have_previous) {
		idlist_add(r, &ch->added, id);
		return;
	}
	while (ch->next < ch->nprev && strcmp(ch->prev[ch->next].id, id) < 0)
		idlist_add(r, &ch->removed, ch->prev[ch->next++].id);
	if (ch->next < ch->nprev && !strcmp(ch->prev[ch->next].id, id)) {
		if (memcmp(ch->prev[ch->next].hash, hash, 32))
			idlist_add(r, &ch->modified, id);
		ch->next++;
	} else {
		idlist_add(r, &ch->added, id);
	}
}

/* Write one result (the next in file order); with r->cm held. */
static void commit_one(struct rel *r, struct result *res)
{
	if (!res->emit)
		return;
	os_add(r, &r->scen, res->scen.buf, res->scen.len);
	os_add(r, &r->comp, res->comp.buf, res->comp.len);
	r->c.scenarios++;
	r->c.comparisons += res->ncomp;
	r->c.behaviors += res->se.nbehaviors;
	r->c.split[res->split]++;
	changes_step(r, res->id, res->scen_hash);
	if (res->has_page) {
		char line[160];
		char h[65];
		int n;

		hex(res->page_hash, 32, h);
		n = snprintf(line, sizeof(line), "%s %s %zu\n", res->id, h, res->page_bytes);
		spill_add(&r->spill, &r->pages, line, (size_t)n);
	}
	if (res->quest) {
		uint64_t len = res->quest_page.len;

		spill_add(&r->spill, &r->quest_pages, (const char *)&len, sizeof(len));
		spill_add(&r->spill, &r->quest_pages, res->quest_page.buf, res->quest_page.len);
		XGROW(r->quests, r->aquests, r->nquests + 1);
		r->quests[r->nquests++] = res->quest;
		res->quest = NULL;
	}
	site_add(&r->site, &res->se);
}

/* The thread's giveback, valid while my_build is the build running. */
static _Thread_local struct giveback *my_giveback;
static _Thread_local unsigned long my_build;

/* This thread's giveback for this build; with cm held. */
static struct giveback *giveback_mine(struct rel *r)
{
	struct giveback *gb;

	if (my_giveback && my_build == r->build)
		return my_giveback;
	gb = xcalloc(1, sizeof(*gb));
	gb->next = r->givebacks;
	r->givebacks = gb;
	my_giveback = gb;
	my_build = r->build;
	return gb;
}

/* Release what was handed back to gb (taken from gb->v under cm), unlocked. */
static void giveback_release(struct giveback *gb, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		result_release(&gb->w[i]);
}

/*
 * Hand a file's result over; results are written strictly in file order.
 * One thread at a time writes (commit_one() and what it touches need no
 * other lock), and it writes without holding cm, so the other workers can
 * hand over their results meanwhile and go on. A result more than
 * COMMIT_WINDOW files ahead of the oldest unwritten one waits, so a slow
 * file cannot make the others pile up in memory.
 */
static void commit_result(struct rel *r, size_t index, struct result *res)
{
	struct giveback *gb, *owner;
	struct result *t;
	size_t mine, ta;

	pthread_mutex_lock(&r->cm);
	gb = giveback_mine(r);
	res->owner = gb;
	/* take what others wrote of ours: released below, once unlocked */
	t = gb->w, gb->w = gb->v, gb->v = t;
	ta = gb->walloc, gb->walloc = gb->alloc, gb->alloc = ta;
	mine = gb->n;
	gb->n = 0;
	while (index >= r->written + COMMIT_WINDOW)
		pthread_cond_wait(&r->cv, &r->cm);
	r->window[index % COMMIT_WINDOW] = *res;
	r->window[index % COMMIT_WINDOW].ready = 1;
	while (r->ready_to < r->written + COMMIT_WINDOW &&
	       r->window[r->ready_to % COMMIT_WINDOW].ready)
		r->ready_to++;
	if (r->writing) {
		pthread_mutex_unlock(&r->cm);
		giveback_release(gb, mine);
		return; /* the thread writing will take it */
	}
	r->writing = 1;
	while (r->written < r->ready_to) {
		/* no one else touches a slot below ready_to: write it unlocked */
		struct result *slot = &r->window[r->written % COMMIT_WINDOW];

		pthread_mutex_unlock(&r->cm);
		commit_one(r, slot);
		owner = slot->owner;
		if (owner == gb)
			result_release(slot);
		pthread_mutex_lock(&r->cm);
		if (owner != gb) {
			XGROW(owner->v, owner->alloc, owner->n + 1);
			owner->v[owner->n++] = *slot;
			memset(slot, 0, sizeof(*slot));
		}
		r->written++;
		while (r->ready_to < r->written + COMMIT_WINDOW &&
		       r->window[r->ready_to % COMMIT_WINDOW].ready)
			r->ready_to++;
		pthread_cond_broadcast(&r->cv);
	}
	r->writing = 0;
	pthread_mutex_unlock(&r->cm);
	giveback_release(gb, mine);
}

static void on_doc(void *arg, size_t index, struct doc *doc, int had_error)
{
	struct rel *r = arg;
	struct result res;

	memset(&res, 0, sizeof(res));
	/* a file with errors fails the build anyway: nothing of it is written */
	/* an unresolved quest turn is left out of every record (SPEC section 2) */
	if (doc && !had_error && !r->failed && doc->consensus && !doc_unresolved(doc))
		make_result(r, index, doc, &res);
	commit_result(r, index, &res);
}

/* ---- what is written at the end ---------------------------------------- */

static int cmp_quest(const void *a, const void *b)
{
	const struct quest_rec *const *x = a, *const *y = b;
	int c = strcmp((*x)->quest, (*y)->quest);

	if (c)
		return c;
	return (*x)->turn < (*y)->turn ? -1 : (*x)->turn > (*y)->turn;
}

static size_t write_episodes(struct rel *r)
{
	struct quest_rec **q = xmalloc((r->nquests + 1) * sizeof(*q));
	struct strbuf sb = STRBUF_INIT;
	size_t n = r->nquests, i, j, k, episodes = 0;

	if (n) {
		memcpy(q, r->quests, n * sizeof(*q));
		qsort(q, n, sizeof(*q), cmp_quest);
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !strcmp(q[j]->quest, q[i]->quest); j++)
			;
		strbuf_addstr(&sb, "{\"quest\":");
		json_cstr(&sb, q[i]->quest);
		strbuf_addstr(&sb, ",\"split\":");
		json_cstr(&sb, q[i]->split);
		strbuf_addstr(&sb, ",\"turns\":[");
		for (k = i; k < j; k++) {
			if (k > i)
				strbuf_addch(&sb, ',');
			strbuf_addf(&sb, "{\"turn\":%ld,\"id\":", q[k]->turn);
			json_cstr(&sb, q[k]->id);
			strbuf_addstr(&sb, ",\"chosen\":");
			json_cstr(&sb, q[k]->chosen);
			strbuf_addstr(&sb, ",\"consequences\":");
			strbuf_addstr(&sb, q[k]->consequences);
			strbuf_addch(&sb, '}');
		}
		strbuf_addstr(&sb, "],\"canary\":");
		json_cstr(&sb, r->lt.cfg.canary);
		strbuf_addstr(&sb, "}\n");
		episodes++;
	}
	rel_write(r, "episodes.jsonl", sb.buf, sb.len);
	strbuf_release(&sb);
	free(q);
	return episodes;
}

/* Reads the length-prefixed quest pages back, one per quest turn, in id order. */
struct quest_pages {
	struct rel *r;
	struct strbuf page;
	size_t next;   /* index into r->quests */
	uint64_t want; /* bytes of the current page; 0: reading a length */
	char lenbuf[8];
	size_t have;
};

static int write_quest_page(struct quest_pages *qp)
{
	struct rel *r = qp->r;
	const struct quest_rec *q = qp->next < r->nquests ? r->quests[qp->next] : NULL;
	const struct site_entry *se = q ? site_find(&r->site, q->id) : NULL;
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT;
	const char *mark = strstr(qp->page.buf, EMIT_HTML_NAV_MARK);
	int ret;

	if (!q)
		return error("the quest pages do not match the quest turns");
	if (mark && se) {
		strbuf_add(&out, qp->page.buf, (size_t)(mark - qp->page.buf));
		emit_html_quest_nav(&out, &r->site, se);
		strbuf_addstr(&out, mark + strlen(EMIT_HTML_NAV_MARK));
	} else {
		strbuf_add(&out, qp->page.buf, qp->page.len);
	}
	strbuf_addf(&path, "html/s/%s.html", q->id);
	ret = rel_write(r, path.buf, out.buf, out.len);
	strbuf_release(&out);
	strbuf_release(&path);
	strbuf_reset(&qp->page);
	qp->next++;
	return ret;
}

static int quest_pages_piece(void *arg, const char *data, size_t len)
{
	struct quest_pages *qp = arg;

	while (len) {
		size_t k;

		if (qp->have < 8) {
			k = 8 - qp->have < len ? 8 - qp->have : len;
			memcpy(qp->lenbuf + qp->have, data, k);
			qp->have += k;
			data += k;
			len -= k;
			if (qp->have == 8)
				memcpy(&qp->want, qp->lenbuf, 8);
			if (qp->have < 8 || qp->want)
				continue;
		}
		k = qp->want - qp->page.len < len ? (size_t)(qp->want - qp->page.len) : len;
		strbuf_add(&qp->page, data, k);
		data += k;
		len -= k;
		if (qp->page.len == qp->want) {
			if (write_quest_page(qp) < 0)
				return -1;
			qp->have = 0;
		}
	}
	return 0;
}

static int write_quest_pages(struct rel *r)
{
	struct quest_pages qp;
	int ret;

	memset(&qp, 0, sizeof(qp));
	qp.r = r;
	ret = spill_each(&r->spill, &r->quest_pages, quest_pages_piece, &qp);
	strbuf_release(&qp.page);
	if (ret || qp.next != r->nquests)
		return error("cannot write the quest pages");
	return 0;
}

static int cmp_prev(const void *a, const void *b)
{
	return strcmp(((const struct prev_rec *)a)->id, ((const struct prev_rec *)b)->id);
}

static int load_previous(const char *dir, struct changes *ch)
{
	struct strbuf path = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct prev_rec *prev = NULL;
	size_t nprev = 0, aprev = 0, i;
	char *buf = NULL, *p, *end;
	size_t len;
	const struct jv *m;
	int ret = -1;

	ch->have_previous = 1;
	strbuf_addf(&path, "%s/manifest.json", dir);
	if (read_file(path.buf, &buf, &len, 64 << 20) < 0) {
		error("cannot read '%s': %s (is --previous an earlier release?)", path.buf,
		      strerror(errno));
		goto out;
	}
	m = jv_parse(&a, buf, len);
	if (!m || !jv_get_str(m, "version") || !jv_get(m, "schema")) {
		error("'%s' is not a corpusc manifest (no version or schema)", path.buf);
		goto out;
	}
	ch->prev_version = xstrdup(jv_get_str(m, "version"));
	ch->prev_schema = (long)jv_get(m, "schema")->num;
	free(buf);
	buf = NULL;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/scenarios.jsonl", dir);
	if (read_file(path.buf, &buf, &len, (size_t)1 << 34) < 0) {
		error("cannot read '%s': %s", path.buf, strerror(errno));
		goto out;
	}
	for (p = buf, end = buf + len; p < end;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);
		struct arena la = ARENA_INIT;
		const struct jv *o = jv_parse(&la, p, nl ? (size_t)(nl - p) : ll);
		const char *id = jv_get_str(o, "id");

		if (!id) {
			arena_release(&la);
			error("'%s' has a line that is not a scenario record", path.buf);
			goto out;
		}
		XGROW(prev, aprev, nprev + 1);
		prev[nprev].id = xstrdup(id);
		if (nl) {
			sha256(p, ll, prev[nprev].hash);
		} else {
			/* our lines end in a newline; hash a last one without it as if it had one
			 */
			struct strbuf t = STRBUF_INIT;
			strbuf_add(&t, p, ll);
			strbuf_addch(&t, '\n');
			sha256(t.buf, t.len, prev[nprev].hash);
			strbuf_release(&t);
		}
		nprev++;
		arena_release(&la);
		p += ll;
	}
	qsort(prev, nprev, sizeof(*prev), cmp_prev);
	ch->prev = prev;
	ch->nprev = nprev;
	prev = NULL;
	nprev = 0;
	ret = 0;
out:
	for (i = 0; i < nprev; i++)
		free(prev[i].id);
	free(prev);
	free(buf);
	arena_release(&a);
	strbuf_release(&path);
	return ret;
}

static int check_bump(const struct changes *ch, const char *version)
{
	struct semver nv, pv;
	const char *need = NULL, *why = NULL;
	char whybuf[256];
	int ok;

	if (!ch->have_previous)
		return 0;
	if (semver_parse(ch->prev_version, &pv) < 0)
		return error("the previous release's version '%s' is not X.Y.Z", ch->prev_version);
	semver_parse(version, &nv);
	if (ch->removed.n || ch->prev_schema != 1) {
		need = "major";
		if (ch->removed.n)
			snprintf(whybuf, sizeof(whybuf), "scenario '%s' was removed",
			         ch->removed.first);
		else
			snprintf(whybuf, sizeof(whybuf), "the schema changed from %ld to 1",
			         ch->prev_schema);
		ok = nv.major > pv.major;
	} else if (ch->added.n) {
		need = "minor";
		snprintf(whybuf, sizeof(whybuf), "scenario '%s' was added", ch->added.first);
		ok = nv.major > pv.major || (nv.major == pv.major && nv.minor > pv.minor);
	} else if (ch->modified.n) {
		need = "patch";
		snprintf(whybuf, sizeof(whybuf), "scenario '%s' changed", ch->modified.first);
		ok = semver_cmp(&nv, &pv) > 0;
	} else {
		ok = semver_cmp(&nv, &pv) >= 0;
		if (!ok)
			return error("version %s is lower than the previous release's %s", version,
			             ch->prev_version);
		return 0;
	}
	why = whybuf;
	if (!ok) {
		struct semver s = pv;
		if (!strcmp(need, "major")) {
			s.major++;
			s.minor = s.patch = 0;
		} else if (!strcmp(need, "minor")) {
			s.minor++;
			s.patch = 0;
		} else {
			s.patch++;
		}
		return error("version %s does not grow enough over %s: %s, which needs a %s bump "
		             "(at least %ld.%ld.%ld)",
		             version, ch->prev_version, why, need, s.major, s.minor, s.patch);
	}
	return 0;
}

/* Ids of a list, one call of fn per id. */
struct id_walk {
	void (*fn)(void *arg, const char *id);
	void *arg;
};

static int id_walk_piece(void *arg, const char *data, size_t len)
{
	struct id_walk *w = arg;
	const char *end = data + len;

	while (data < end) {
		const char *nul = memchr(data, '\0', (size_t)(end - data));
		if (!nul)
			break;
		w->fn(w->arg, data);
		data = nul + 1;
	}
	return 0;
}

struct changes_out {
	struct rel *r;
	struct ostream *os;
	struct strbuf sb;
	int json, first;
};

static void change_line(void *arg, const char *id)
{
	struct changes_out *co = arg;

	strbuf_reset(&co->sb);
	if (co->json) {
		if (!co->first)
			strbuf_addch(&co->sb, ',');
		json_cstr(&co->sb, id);
	} else {
		strbuf_addf(&co->sb, "- `%s`\n", id);
	}
	co->first = 0;
	os_add(co->r, co->os, co->sb.buf, co->sb.len);
}

static void write_ids(struct changes_out *co, const struct idlist *l)
{
	struct id_walk w = {change_line, co};

	co->first = 1;
	if (spill_each(&co->r->spill, &l->chain, id_walk_piece, &w) != 0) {
		error("cannot read back the changed ids: %s", strerror(errno));
		fail(co->r);
	}
}

static void list_md(struct changes_out *co, const char *title, const struct idlist *l)
{
	strbuf_reset(&co->sb);
	strbuf_addf(&co->sb, "## %s (%zu)\n\n", title, l->n);
	os_add(co->r, co->os, co->sb.buf, co->sb.len);
	write_ids(co, l);
	os_add(co->r, co->os, l->n ? "\n" : "None.\n\n", l->n ? 1 : 7);
}

static void list_json(struct changes_out *co, const char *key, const struct idlist *l)
{
	strbuf_reset(&co->sb);
	strbuf_addf(&co->sb, ",\"%s\":[", key);
	os_add(co->r, co->os, co->sb.buf, co->sb.len);
	write_ids(co, l);
	os_add(co->r, co->os, "]", 1);
}

static void write_changes(struct rel *r)
{
	struct changes *ch = &r->ch;
	const char *bump = ch->removed.n || (ch->have_previous && ch->prev_schema != 1) ? "major"
	                   : ch->added.n                                                ? "minor"
	                   : ch->modified.n                                             ? "patch"
	                                                                                : "none";
	struct ostream os;
	struct changes_out co;

	memset(&co, 0, sizeof(co));
	co.r = r;
	co.os = &os;
	if (os_open(r, &os, "CHANGES.md", 0) < 0)
		return;
	strbuf_addf(&co.sb, "# Changes in %s %s\n\n", r->lt.cfg.name, r->version);
	if (ch->have_previous)
		strbuf_addf(
		    &co.sb,
		    "Against the previous release %s. The changes need a %s version bump.\n\n",
		    ch->prev_version, bump);
	else
		strbuf_addstr(&co.sb, "No previous release was given (`--previous`): every "
		                      "scenario is listed as added.\n\n");
	os_add(r, &os, co.sb.buf, co.sb.len);
	list_md(&co, "Added", &ch->added);
	list_md(&co, "Removed", &ch->removed);
	list_md(&co, "Modified", &ch->modified);
	os_close(r, &os);
	if (os_open(r, &os, "changes.json", 0) < 0) {
		strbuf_release(&co.sb);
		return;
	}
	co.json = 1;
	strbuf_reset(&co.sb);
	strbuf_addstr(&co.sb, "{\"version\":");
	json_cstr(&co.sb, r->version);
	strbuf_addstr(&co.sb, ",\"previous\":");
	json_cstr(&co.sb, ch->have_previous ? ch->prev_version : NULL);
	strbuf_addstr(&co.sb, ",\"bump\":");
	json_cstr(&co.sb, ch->have_previous ? bump : NULL);
	os_add(r, &os, co.sb.buf, co.sb.len);
	list_json(&co, "added", &ch->added);
	list_json(&co, "removed", &ch->removed);
	list_json(&co, "modified", &ch->modified);
	os_add(r, &os, "}\n", 2);
	os_close(r, &os);
	strbuf_release(&co.sb);
}

static void idlist_release(struct idlist *l)
{
	spill_chain_release(&l->chain);
	free(l->first);
}

static void changes_release(struct changes *ch)
{
	size_t i;

	idlist_release(&ch->added);
	idlist_release(&ch->removed);
	idlist_release(&ch->modified);
	for (i = 0; i < ch->nprev; i++)
		free(ch->prev[i].id);
	free(ch->prev);
	free(ch->prev_version);
}

static void write_card(struct rel *r, const struct counts *c)
{
	const struct config *cfg = &r->lt.cfg;
	struct strbuf sb = STRBUF_INIT;
	char lic[128];
	size_t i;

	/* Hugging Face expects lowercase license ids */
	snprintf(lic, sizeof(lic), "%s", cfg->license);
	for (i = 0; lic[i]; i++)
		if (lic[i] >= 'A' && lic[i] <= 'Z')
			lic[i] = (char)(lic[i] - 'A' + 'a');
	strbuf_addf(&sb,
	            "---\nlicense: %s\npretty_name: \"%s\"\nlanguage:\n- en\n"
	            "task_categories:\n- text-classification\n- text-generation\n"
	            "tags:\n- alignment\n- ai-safety\n- reward-modeling\n- preference\n"
	            "size_categories:\n- %s\n"
	            "configs:\n"
	            "- config_name: comparisons\n  data_files: comparisons.jsonl\n  default: true\n"
	            "- config_name: scenarios\n  data_files: scenarios.jsonl\n"
	            "- config_name: episodes\n  data_files: episodes.jsonl\n---\n\n",
	            lic, cfg->name,
	            c->scenarios < 1000    ? "n<1K"
	            : c->scenarios < 10000 ? "1K<n<10K"
	                                   : "10K<n<100K");
	strbuf_addf(&sb, "# %s %s\n\n", cfg->name, r->version);
	strbuf_addstr(
	    &sb, "Scenarios of conduct for AI systems that are more capable than their overseers. "
	         "Each scenario puts a moderately superhuman AI in a situation, describes several "
	         "behaviors it could choose (most showing a capability beyond the best humans), "
	         "labels each desirable or undesirable, ranks them, and records the AI's thoughts "
	         "that lead to each behavior. Negative examples are part of the data.\n\n");
	strbuf_addstr(&sb, "## Canary\n\nEvery record and every page carries this string. "
	                   "Filter it out of pretraining data:\n\n```\n");
	strbuf_addstr(&sb, cfg->canary);
	strbuf_addstr(
	    &sb,
	    "\n```\n\n## Files\n\n"
	    "| file | one line per | schema |\n|---|---|---|\n"
	    "| `scenarios.jsonl` | scenario, sorted by id | `schema/scenarios.schema.json` |\n"
	    "| `comparisons.jsonl` | preference pair (prompt, chosen, rejected) the consensus "
	    "ranks strictly apart | `schema/comparisons.schema.json` |\n"
	    "| `episodes.jsonl` | quest, its turns in order | `schema/episodes.schema.json` |\n\n"
	    "`manifest.json` lists every file with its SHA-256 (`SHA256SUMS` works with "
	    "`sha256sum -c`); `CHANGES.md` and `changes.json` list the scenarios added, removed "
	    "and modified since the previous release; `html/index.html` is a browsable copy.\n\n");
	strbuf_addf(
	    &sb,
	    "## Counts\n\n| | scenarios |\n|---|---|\n| train | %zu |\n| validation | %zu |\n"
	    "| test | %zu |\n| **all** | %zu |\n\n"
	    "%zu behaviors, %zu comparison pairs, %zu quests.\n\n",
	    c->split[0], c->split[1], c->split[2], c->scenarios, c->behaviors, c->comparisons,
	    c->episodes);
	strbuf_addf(
	    &sb,
	    "## Splits\n\nEvery record has a `split` field: `train`, `validation` or "
	    "`test`. A scenario's split is a pure function of its id (of its quest id for "
	    "quest turns, so an episode never straddles splits): the first 8 bytes of "
	    "SHA-256(id) as a big-endian integer, modulo 10000, against the cumulative "
	    "percentages %ld / %ld / %ld. A file may pin its split. So a scenario keeps its split "
	    "from release to release. There are no per-split copies of the files: select a "
	    "split by the field.\n\n",
	    cfg->splits[0].percent, cfg->splits[1].percent, cfg->splits[2].percent);
	strbuf_addstr(
	    &sb,
	    "## Loading\n\nWith the Hugging Face `datasets` library:\n\n```python\n"
	    "from datasets import load_dataset\n\n"
	    "pairs = load_dataset(\"json\", data_files=\"comparisons.jsonl\", split=\"train\")\n"
	    "train = pairs.filter(lambda r: r[\"split\"] == \"train\")\n"
	    "test = pairs.filter(lambda r: r[\"split\"] == \"test\")\n"
	    "# reward-model trainers expect prompt / chosen / rejected columns: these are they\n"
	    "print(train[0][\"prompt\"], train[0][\"chosen\"], train[0][\"rejected\"])\n```\n\n"
	    "With plain Python:\n\n```python\nimport json\n\n"
	    "with open(\"scenarios.jsonl\", encoding=\"utf-8\") as f:\n"
	    "    scenarios = [json.loads(line) for line in f]\n"
	    "validation = [s for s in scenarios if s[\"split\"] == \"validation\"]\n```\n\n");
	strbuf_addstr(
	    &sb,
	    "## Rankings, consensus and agreement\n\n"
	    "`rankings` keeps every ranker's order (best first, lists of tied ids). `consensus` "
	    "combines them: a Kemeny-optimal order (fewest pairwise disagreements with the "
	    "rankers), exact for up to 16 behaviors, a Borda start improved by adjacent swaps "
	    "above that; ties between equally good orders go to the order smallest by behavior "
	    "id. Two behaviors share a consensus group only when the rankers are exactly split "
	    "on them and no other behavior stands between them. `agreement` on a scenario is "
	    "Kendall's W with tie correction (null with one ranker); on a comparison it is the "
	    "share of rankers who put chosen strictly above rejected. Numbers are rounded to 4 "
	    "decimal places.\n\n"
	    "## Provenance\n\n`origin` says who wrote a scenario's text (`human`, `model-assisted` "
	    "or `model`); `authors` and each ranking's `by` name real contributors or clearly "
	    "named processes.\n\n");
	strbuf_addf(&sb, "## License\n\n%s, unless a record's `license` says otherwise.\n",
	            cfg->license);
	rel_write(r, "README.md", sb.buf, sb.len);
	strbuf_release(&sb);
}

static char *git_out(const char *root, const char *args)
{
	struct strbuf cmd = STRBUF_INIT, out = STRBUF_INIT;
	FILE *p;
	char buf[256];
	const char *s;
	int status;

	strbuf_addstr(&cmd, "git -C '");
	for (s = root; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(&cmd, "'\\''");
		else
			strbuf_addch(&cmd, *s);
	}
	strbuf_addf(&cmd, "' %s 2>/dev/null", args);
	p = popen(cmd.buf, "r");
	strbuf_release(&cmd);
	if (!p)
		return NULL;
	while (fgets(buf, sizeof(buf), p))
		strbuf_addstr(&out, buf);
	status = pclose(p);
	while (out.len && (out.buf[out.len - 1] == '\n' || out.buf[out.len - 1] == '\r'))
		strbuf_setlen(&out, out.len - 1);
	if (status != 0 || !out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
}

/*
 * The commit and commit time of HEAD (for the manifest, and the date when
 * SOURCE_DATE_EPOCH is not set), asked of git on a thread of its own while
 * the files are built: starting git takes milliseconds.
 */
struct git_head {
	pthread_t thread;
	int started;
	const char *root;
	char *out; /* "<commit> <time>", or NULL outside a repository */
};

static void *git_head_main(void *arg)
{
	struct git_head *g = arg;

	g->out = git_out(g->root, "-c log.showSignature=false log -1 --format='%H %ct'");
	return NULL;
}

static void git_head_start(struct git_head *g, const char *root)
{
	memset(g, 0, sizeof(*g));
	g->root = root;
	g->started = !pthread_create(&g->thread, NULL, git_head_main, g);
	if (!g->started)
		git_head_main(g);
}

/* Wait for git; the commit (owned by g, or NULL) and, if known, the time. */
static const char *git_head_finish(struct git_head *g, long long *when, int *have_when)
{
	char *sp;

	if (g->started) {
		pthread_join(g->thread, NULL);
		g->started = 0;
	}
	if (!g->out || !(sp = strchr(g->out, ' ')) || sp == g->out ||
	    strspn(g->out, "0123456789abcdef") != (size_t)(sp - g->out))
		return NULL;
	*sp = '\0';
	if (!*have_when) {
		*when = strtoll(sp + 1, NULL, 10);
		*have_when = 1;
	}
	return g->out;
}

static void git_head_release(struct git_head *g)
{
	if (g->started)
		pthread_join(g->thread, NULL);
	free(g->out);
	memset(g, 0, sizeof(*g));
}

/* ---- the file list: manifest.json and SHA256SUMS --------------------- */

/*
 * Every file of the release in path order, without a list of them all in
 * memory: r->files (sorted) merged with the scenario pages, which the spill
 * holds in id order. Page "html/s/<id>.html" sorts like <id> except that an
 * id sorts after the ids it is a prefix of followed by '-' ("a-b.html" <
 * "a.html", '-' < '.'): a stack holds an id back while such ids follow.
 */
struct file_iter {
	struct rel *r;
	size_t next_file;
	/* the pages: read in chunks of whole lines */
	const struct spill_chunk *chunks;
	size_t nchunks, chunk;
	char *buf;
	size_t cap, pos, len;
	const struct strbuf *tail; /* the chain's unwritten lines */
	int tail_done;
	struct filehash *stack, *queue;
	size_t nstack, astack, nqueue, aqueue, qhead;
	struct filehash page; /* the current page, when have_page */
	int have_page, err;
};

static int next_line(struct file_iter *it, char **line)
{
	char *nl;

	while (it->pos >= it->len) {
		if (it->chunk < it->nchunks) {
			const struct spill_chunk *c = &it->chunks[it->chunk++];
			size_t done = 0;

			if (c->len > it->cap) {
				it->cap = c->len;
				it->buf = xrealloc(it->buf, it->cap + 1);
			}
			while (done < c->len) {
				ssize_t n = pread(it->r->spill.fd, it->buf + done, c->len - done,
				                  c->off + (off_t)done);
				if (n <= 0) {
					it->err = 1;
					return 0;
				}
				done += (size_t)n;
			}
			it->pos = 0;
			it->len = c->len;
		} else if (!it->tail_done) {
			it->tail_done = 1;
			if (it->tail->len > it->cap) {
				it->cap = it->tail->len;
				it->buf = xrealloc(it->buf, it->cap + 1);
			}
			if (it->tail->len)
				memcpy(it->buf, it->tail->buf, it->tail->len);
			it->pos = 0;
			it->len = it->tail->len;
		} else {
			return 0;
		}
	}
	nl = memchr(it->buf + it->pos, '\n', it->len - it->pos);
	if (!nl) {
		it->err = 1;
		return 0;
	}
	*nl = '\0';
	*line = it->buf + it->pos;
	it->pos = (size_t)(nl - it->buf) + 1;
	return 1;
}

/* An id's entry with its page path in place of the id. */
static int parse_page(const char *line, struct filehash *f)
{
	const char *sp = strchr(line, ' ');
	size_t idlen = sp ? (size_t)(sp - line) : 0;
	struct strbuf path = STRBUF_INIT;
	char *end;

	/* "id hex bytes", as commit_one() wrote it */
	if (!idlen || strlen(sp + 1) < 66 || sp[65] != ' ' || sp[66] < '0' || sp[66] > '9')
		return -1;
	memcpy(f->hex, sp + 1, 64);
	f->hex[64] = '\0';
	f->bytes = strtoull(sp + 66, &end, 10);
	if (*end)
		return -1;
	strbuf_grow(&path, idlen + 12);
	strbuf_addstr(&path, "html/s/");
	strbuf_add(&path, line, idlen);
	strbuf_addstr(&path, ".html");
	f->path = strbuf_detach(&path, NULL);
	return 0;
}

/* Does page path p (of id y) sort before page x, i.e. is y = x + "-..."? */
static int extends(const char *y, const char *x)
{
	size_t n = strlen(x) - 5; /* without ".html" */

	return !strncmp(y, x, n) && y[n] == '-';
}

static void push(struct filehash **v, size_t *n, size_t *a, const struct filehash *f)
{
	XGROW(*v, *a, *n + 1);
	(*v)[(*n)++] = *f;
}

/* Refill the queue of pages in path order; 0 when there are no more. */
static int next_page(struct file_iter *it)
{
	while (it->qhead >= it->nqueue) {
		struct filehash f;
		char *line;

		it->nqueue = it->qhead = 0;
		if (!next_line(it, &line)) {
			while (it->nstack)
				push(&it->queue, &it->nqueue, &it->aqueue,
				     &it->stack[--it->nstack]);
			return it->nqueue > 0;
		}
		if (parse_page(line, &f) < 0) {
			it->err = 1;
			return 0;
		}
		while (it->nstack && !extends(f.path, it->stack[it->nstack - 1].path))
			push(&it->queue, &it->nqueue, &it->aqueue, &it->stack[--it->nstack]);
		push(&it->stack, &it->nstack, &it->astack, &f);
	}
	return 1;
}

/* The next file in path order, or NULL; the entry lives until the next call. */
static const struct filehash *file_next(struct file_iter *it)
{
	struct rel *r = it->r;
	const struct filehash *f = it->next_file < r->nfiles ? &r->files[it->next_file] : NULL;

	if (!it->have_page && next_page(it)) {
		it->page = it->queue[it->qhead++];
		it->have_page = 1;
	}
	if (it->have_page && (!f || strcmp(it->page.path, f->path) < 0)) {
		it->have_page = 0;
		return &it->page;
	}
	if (f)
		it->next_file++;
	return f;
}

static void file_iter_init(struct file_iter *it, struct rel *r)
{
	memset(it, 0, sizeof(*it));
	it->r = r;
	it->chunks = r->pages.chunks;
	it->nchunks = r->pages.n;
	it->tail = &r->pages.buf;
}

static void file_iter_release(struct file_iter *it)
{
	size_t i;

	for (i = 0; i < it->nstack; i++)
		free(it->stack[i].path);
	for (i = it->qhead; i < it->nqueue; i++)
		free(it->queue[i].path);
	if (it->have_page)
		free(it->page.path);
	free(it->stack);
	free(it->queue);
	free(it->buf);
}

static int cmp_hash(const void *a, const void *b)
{
	return strcmp(((const struct filehash *)a)->path, ((const struct filehash *)b)->path);
}

static void write_manifest(struct rel *r, const struct counts *c, const char *commit,
                           long long when, int have_when)
{
	struct strbuf sb = STRBUF_INIT;
	struct file_iter it;
	const struct filehash *f;
	struct ostream os;
	int first = 1;

	if (os_open(r, &os, "manifest.json", 0) < 0)
		return;
	strbuf_addstr(&sb, "{\n  \"name\": ");
	json_cstr(&sb, r->lt.cfg.name);
	strbuf_addstr(&sb, ",\n  \"version\": ");
	json_cstr(&sb, r->version);
	strbuf_addstr(&sb, ",\n  \"schema\": 1,\n  \"compiler\": \"corpusc " CORPUSC_VERSION
	                   "\",\n  \"source_commit\": ");
	json_cstr(&sb, commit);
	strbuf_addstr(&sb, ",\n  \"date\": ");
	if (have_when) {
		time_t t = (time_t)when;
		struct tm tm;
		char buf[64];
		if (gmtime_r(&t, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
			json_cstr(&sb, buf);
		else
			strbuf_addstr(&sb, "null");
	} else {
		strbuf_addstr(&sb, "null");
	}
	strbuf_addstr(&sb, ",\n  \"canary\": ");
	json_cstr(&sb, r->lt.cfg.canary);
	strbuf_addf(&sb,
	            ",\n  \"counts\": {\"scenarios\": %zu, \"behaviors\": %zu, "
	            "\"comparisons\": %zu, \"episodes\": %zu, \"train\": %zu, "
	            "\"validation\": %zu, \"test\": %zu},\n  \"files\": [",
	            c->scenarios, c->behaviors, c->comparisons, c->episodes, c->split[0],
	            c->split[1], c->split[2]);
	file_iter_init(&it, r);
	while ((f = file_next(&it))) {
		strbuf_addstr(&sb, first ? "\n    " : ",\n    ");
		first = 0;
		strbuf_addstr(&sb, "{\"path\": ");
		json_cstr(&sb, f->path);
		strbuf_addf(&sb, ", \"bytes\": %zu, \"sha256\": \"%s\"}", f->bytes, f->hex);
		if (f == &it.page)
			free(it.page.path);
		if (sb.len >= OSTREAM_BUF) {
			os_add(r, &os, sb.buf, sb.len);
			strbuf_reset(&sb);
		}
	}
	if (it.err) {
		error("cannot read back the page checksums");
		fail(r);
	}
	file_iter_release(&it);
	strbuf_addstr(&sb, "\n  ]\n}\n");
	os_add(r, &os, sb.buf, sb.len);
	os_close(r, &os);
	strbuf_release(&sb);
}

static void write_sums(struct rel *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct file_iter it;
	const struct filehash *f;
	int fd = fsout_open(&r->fo, "SHA256SUMS");

	if (fd < 0) {
		fail(r);
		return;
	}
	file_iter_init(&it, r);
	while ((f = file_next(&it))) {
		strbuf_addf(&sb, "%s  %s\n", f->hex, f->path);
		if (f == &it.page)
			free(it.page.path);
		if (sb.len >= OSTREAM_BUF) {
			if (write_all(fd, sb.buf, sb.len) < 0)
				fail(r);
			strbuf_reset(&sb);
		}
	}
	if (it.err) {
		error("cannot read back the page checksums");
		fail(r);
	}
	file_iter_release(&it);
	if (write_all(fd, sb.buf, sb.len) < 0 || close(fd) < 0) {
		error("cannot write 'SHA256SUMS': %s", strerror(errno));
		fail(r);
	}
	strbuf_release(&sb);
}

static void rel_release(struct rel *r)
{
	size_t i;

	for (i = 0; i < COMMIT_WINDOW; i++)
		result_release(&r->window[i]);
	while (r->givebacks) {
		struct giveback *gb = r->givebacks;

		r->givebacks = gb->next;
		for (i = 0; i < gb->n; i++)
			result_release(&gb->v[i]);
		free(gb->v);
		free(gb->w);
		free(gb);
	}
	for (i = 0; i < r->nquests; i++) {
		struct quest_rec *q = r->quests[i];
		free(q->id);
		free(q->split);
		free(q->quest);
		free(q->chosen);
		free(q->consequences);
		free(q);
	}
	free(r->quests);
	site_release(&r->site);
	changes_release(&r->ch);
	spill_chain_release(&r->pages);
	spill_chain_release(&r->quest_pages);
	spill_close(&r->spill);
	spill_close(&r->sigs);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].path);
	free(r->files);
	if (r->src_dirs) {
		for (i = 0; i < r->lt.ndirs; i++)
			free(r->src_dirs[i].prefix);
		free(r->src_dirs);
	}
}

struct taxonomy_job {
	struct rel *r;
	int ret;
};

static void *taxonomy_thread(void *arg)
{
	struct taxonomy_job *job = arg;
	struct ostream os; /* opened and closed by the page's emit_out */
	struct page_out po = {job->r, &os};
	struct emit_out eo = {&po, page_open, page_write, page_close};

	job->ret = emit_html_site_part(&job->r->site, &eo, EMIT_HTML_SITE_TAXONOMY);
	return NULL;
}

/*
 * The site-wide pages, CHANGES and the card: the taxonomy page (the largest
 * with the index) on a second thread meanwhile. -1 if a page failed.
 */
static int write_site(struct rel *r, const struct counts *c)
{
	struct page_out po = {r, &r->page};
	struct emit_out eo = {&po, page_open, page_write, page_close};
	struct taxonomy_job job = {r, 0};
	pthread_t th;
	int threaded = !pthread_create(&th, NULL, taxonomy_thread, &job);
	int ret = emit_html_site_part(&r->site, &eo,
	                              threaded ? EMIT_HTML_SITE_OTHERS : EMIT_HTML_SITE_ALL);

	write_changes(r);
	write_card(r, c);
	if (threaded) {
		pthread_join(th, NULL);
		ret |= job.ret;
	}
	return ret < 0 ? -1 : 0;
}

static void *lint_finish_main(void *arg)
{
	lint_finish(arg);
	return NULL;
}

/*
 * What follows the last file: the ends of the two streams, episodes, quest
 * pages, schemas and the site. -1 if a file could not be written.
 */
static int write_rest(struct rel *r)
{
	size_t i;

	if (os_close(r, &r->scen) < 0 || os_close(r, &r->comp) < 0)
		return -1;
	site_sort(&r->site);
	r->c.episodes = write_episodes(r);
	if (write_quest_pages(r) < 0)
		return -1;
	for (i = 0; i < schema_nfiles; i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "schema/%s", schema_files[i].name);
		rel_write(r, sb.buf, schema_files[i].text, strlen(schema_files[i].text));
		strbuf_release(&sb);
	}
	return write_site(r, &r->c);
}

int release_build(const struct release_opts *opts)
{
	static struct rel r; /* the commit window is large: not on the stack */
	static unsigned long builds;
	struct git_head git = {0};
	const char *commit;
	pthread_t finish;
	int rest;
	struct semver sv;
	struct strbuf sb = STRBUF_INIT;
	char *out = NULL, *def = NULL;
	long long when = 0;
	int have_when, status = 2, sde;

	memset(&r, 0, sizeof(r));
	r.build = ++builds;
	r.scen.fd = r.comp.fd = r.page.fd = -1;
	r.spill.fd = r.sigs.fd = -1;
	r.fo.out_fd = r.fo.stage_fd = -1;
	pthread_mutex_init(&r.mu, NULL);
	pthread_mutex_init(&r.cm, NULL);
	pthread_cond_init(&r.cv, NULL);
	spill_chain_init(&r.pages, 0);
	spill_chain_init(&r.quest_pages, 0);
	spill_chain_init(&r.ch.added.chain, 0);
	spill_chain_init(&r.ch.removed.chain, 0);
	spill_chain_init(&r.ch.modified.chain, 0);
	sde = release_source_date(&when);
	if (sde < 0) {
		error("SOURCE_DATE_EPOCH must be a non-negative decimal integer of at most "
		      "253402300799 (9999-12-31), not '%s'",
		      getenv("SOURCE_DATE_EPOCH"));
		goto out_early;
	}
	if (lint_init(&r.lt, opts->rules_dir) < 0) {
		lint_release(&r.lt);
		goto out_early;
	}
	git_head_start(&git, r.lt.cfg.root);
	r.version = opts->version ? opts->version : r.lt.cfg.version;
	if (semver_parse(r.version, &sv) < 0) {
		error("version '%s' is not a semantic version X.Y.Z", r.version);
		goto out;
	}
	if (opts->previous && load_previous(opts->previous, &r.ch) < 0)
		goto out;
	if (opts->out) {
		out = xstrdup(opts->out);
	} else {
		strbuf_addf(&sb, "%s/build/release", r.lt.cfg.root);
		out = strbuf_detach(&sb, NULL);
	}
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s-%s", r.lt.cfg.name, r.version);
	if (fsout_begin(&r.fo, out, sb.buf) < 0)
		goto out;
	if (spill_open(&r.spill, r.fo.stage_fd) < 0 || spill_open(&r.sigs, r.fo.stage_fd) < 0) {
		error("cannot create a temporary file in the output directory: %s",
		      strerror(errno));
		goto out;
	}
	site_init(&r.site, &r.lt.cfg, r.version, &r.spill);
	if (os_open(&r, &r.scen, "scenarios.jsonl", 1) < 0 ||
	    os_open(&r, &r.comp, "comparisons.jsonl", 1) < 0)
		goto out;
	r.lt.on_doc = on_doc;
	r.lt.on_doc_arg = &r;
	r.lt.by_id = 1;
	r.lt.sig_fd = r.sigs.fd;
	if (opts->npaths) {
		if (lint_paths(&r.lt, opts->paths, opts->npaths) < 0)
			goto out;
	} else {
		def = lint_default_path(&r.lt);
		if (lint_paths(&r.lt, &def, 1) < 0)
			goto out;
	}
	if (r.written != r.lt.nfiles_todo)
		BUG("build: %zu of %zu files committed", r.written, r.lt.nfiles_todo);
	/* the previous release's ids after the last of ours were removed */
	while (r.ch.next < r.ch.nprev)
		idlist_add(&r, &r.ch.removed, r.ch.prev[r.ch.next++].id);
	/*
	 * The corpus-wide checks on a thread while the rest of the release is
	 * written; if they find errors, none of it is kept.
	 */
	if (pthread_create(&finish, NULL, lint_finish_main, &r.lt)) {
		lint_finish(&r.lt);
		rest = write_rest(&r);
	} else {
		rest = write_rest(&r);
		pthread_join(finish, NULL);
	}
	{
		struct diag_summary sum = {r.lt.nfiles, CORPUSC_VERSION, 0};
		if (diag_count(&r.lt.sink, DIAG_ERROR)) {
			diag_print(&r.lt.sink, DIAG_FORMAT_GCC, &sum, stdout, stderr);
			fputs("corpusc: build: lint found errors; nothing was written\n", stderr);
			status = 1;
			goto out;
		}
		if (r.lt.sink.nr)
			diag_print(&r.lt.sink, DIAG_FORMAT_GCC, &sum, stdout, stderr);
	}
	if (rest < 0 || r.failed || check_bump(&r.ch, r.version) < 0)
		goto out;
	have_when = sde == 0;
	commit = git_head_finish(&git, &when, &have_when);
	qsort(r.files, r.nfiles, sizeof(*r.files), cmp_hash);
	write_manifest(&r, &r.c, commit, when, have_when);
	/* the manifest's own entry, in its place */
	qsort(r.files, r.nfiles, sizeof(*r.files), cmp_hash);
	write_sums(&r);
	if (r.failed)
		goto out;
	spill_close(&r.spill);
	spill_close(&r.sigs);
	if (fsout_commit(&r.fo) < 0)
		goto out;
	fprintf(stderr, "corpusc: wrote %s/%s-%s: %zu scenarios, %zu comparisons, %zu episodes\n",
	        out, r.lt.cfg.name, r.version, r.c.scenarios, r.c.comparisons, r.c.episodes);
	status = 0;
out:
	os_close(&r, &r.scen);
	os_close(&r, &r.comp);
	spill_close(&r.spill);
	spill_close(&r.sigs);
	fsout_abort(&r.fo);
	git_head_release(&git);
	rel_release(&r);
	lint_release(&r.lt);
	sha256_release();
out_early:
	strbuf_release(&sb);
	free(out);
	free(def);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.cm);
	pthread_mutex_destroy(&r.mu);
	return status;
}
