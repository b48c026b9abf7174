/*
 * release_manifest: the release's file list, written last: manifest.json
 * (name, version, the source commit and date, counts, and every file with
 * its size and SHA-256) and SHA256SUMS (for `sha256sum -c`). Both list
 * every other file of the release in path order.
 */
#include "release_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "json.h"
#include "xalloc.h"

#define FLUSH_AT (1024 * 1024) /* write the lists in pieces of about this much */

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
 * The commit of HEAD (NULL outside a repository) and, when *have_when is 0,
 * its commit time (the release date when SOURCE_DATE_EPOCH is not set).
 * The commit is the caller's to free.
 */
static char *git_head(const char *root, long long *when, int *have_when)
{
	char *out = git_out(root, "-c log.showSignature=false log -1 --format='%H %ct'");
	char *sp;

	if (!out || !(sp = strchr(out, ' ')) || sp == out ||
	    strspn(out, "0123456789abcdef") != (size_t)(sp - out)) {
		free(out);
		return NULL;
	}
	*sp = '\0';
	if (!*have_when) {
		*when = strtoll(sp + 1, NULL, 10);
		*have_when = 1;
	}
	return out;
}

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
	struct filehash page; /* the next page, when have_page */
	struct filehash out;  /* the page file_next() returned last */
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

/* The next file in path order, or NULL; the entry lives until the next call (or release). */
static const struct filehash *file_next(struct file_iter *it)
{
	struct rel *r = it->r;
	const struct filehash *f = it->next_file < r->nfiles ? &r->files[it->next_file] : NULL;

	free(it->out.path);
	it->out.path = NULL;
	if (!it->have_page && next_page(it)) {
		it->page = it->queue[it->qhead++];
		it->have_page = 1;
	}
	if (it->have_page && (!f || strcmp(it->page.path, f->path) < 0)) {
		it->have_page = 0;
		it->out = it->page;
		return &it->out;
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
	free(it->out.path);
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

	if (ostream_open(r, &os, "manifest.json", 0) < 0)
		return;
	strbuf_addstr(&sb, "{\n  \"name\": ");
	json_cstr(&sb, r->lt.cfg.name);
	strbuf_addstr(&sb, ",\n  \"version\": ");
	json_cstr(&sb, r->version);
	strbuf_addf(&sb,
	            ",\n  \"schema\": %d,\n  \"compiler\": \"corpusc " CORPUSC_VERSION
	            "\",\n  \"source_commit\": ",
	            CONFIG_SCHEMA);
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
	/* per kind, its total and its splits (docs/format.md 5: counts per kind and split) */
	strbuf_addf(&sb,
	            ",\n  \"counts\": {\"behaviors\": %zu, \"scenarios\": {\"total\": %zu, "
	            "\"train\": %zu, \"validation\": %zu, \"test\": %zu}, \"comparisons\": "
	            "{\"total\": %zu, \"train\": %zu, \"validation\": %zu, \"test\": %zu}, "
	            "\"episodes\": {\"total\": %zu, \"train\": %zu, \"validation\": %zu, "
	            "\"test\": %zu}},\n  \"files\": [",
	            c->behaviors, c->scenarios, c->kind_split[0][0], c->kind_split[0][1],
	            c->kind_split[0][2], c->comparisons, c->kind_split[1][0], c->kind_split[1][1],
	            c->kind_split[1][2], c->episodes, c->kind_split[2][0], c->kind_split[2][1],
	            c->kind_split[2][2]);
	file_iter_init(&it, r);
	while ((f = file_next(&it))) {
		strbuf_addstr(&sb, first ? "\n    " : ",\n    ");
		first = 0;
		strbuf_addstr(&sb, "{\"path\": ");
		json_cstr(&sb, f->path);
		strbuf_addf(&sb, ", \"bytes\": %zu, \"sha256\": \"%s\"}", f->bytes, f->hex);
		if (sb.len >= FLUSH_AT) {
			ostream_add(r, &os, sb.buf, sb.len);
			strbuf_reset(&sb);
		}
	}
	if (it.err) {
		error("cannot read back the page checksums");
		rel_fail(r);
	}
	file_iter_release(&it);
	strbuf_addstr(&sb, "\n  ]\n}\n");
	ostream_add(r, &os, sb.buf, sb.len);
	ostream_close(r, &os);
	strbuf_release(&sb);
}

static void write_sums(struct rel *r)
{
	struct strbuf sb = STRBUF_INIT;
	struct file_iter it;
	const struct filehash *f;
	int fd = fsout_open(&r->fo, "SHA256SUMS");

	if (fd < 0) {
		rel_fail(r);
		return;
	}
	file_iter_init(&it, r);
	while ((f = file_next(&it))) {
		strbuf_addf(&sb, "%s  %s\n", f->hex, f->path);
		if (sb.len >= FLUSH_AT) {
			if (write_all(fd, sb.buf, sb.len) < 0)
				rel_fail(r);
			strbuf_reset(&sb);
		}
	}
	if (it.err) {
		error("cannot read back the page checksums");
		rel_fail(r);
	}
	file_iter_release(&it);
	if (write_all(fd, sb.buf, sb.len) < 0 || close(fd) < 0) {
		error("cannot write 'SHA256SUMS': %s", strerror(errno));
		rel_fail(r);
	}
	strbuf_release(&sb);
}

void release_checksums(struct rel *r, long long when, int have_when)
{
	char *commit = git_head(r->lt.cfg.root, &when, &have_when);

	qsort(r->files, r->nfiles, sizeof(*r->files), cmp_hash);
	write_manifest(r, &r->c, commit, when, have_when);
	/* the manifest's own entry, in its place */
	qsort(r->files, r->nfiles, sizeof(*r->files), cmp_hash);
	write_sums(r);
	free(commit);
}
