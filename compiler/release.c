/*
 * release: `corpusc build`; see release.h and SPEC section 5.
 *
 * Streaming: while the lint runs, each checked doc's records are appended to
 * a spool file in the staging directory and its page is written (quest turns'
 * pages are spooled too, to add their previous/next links at the end); only a
 * small index per scenario stays in memory. At the end the spool is copied
 * out in id order, the site-wide pages, schemas, card, changes, manifest and
 * checksums are written, and the staging directory is renamed into place.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "release.h"

#include <errno.h>
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
#include "strbuf.h"
#include "xalloc.h"

struct rec {
	char *id;
	char *split;
	char *quest;
	long turn;
	char *chosen;
	char *consequences;     /* quest turns: JSON string or "null" */
	off_t scen_off, comp_off, page_off;
	size_t scen_len, comp_len, page_len;
	size_t ncomp;
	unsigned char scen_hash[32];
};

struct filehash {
	char *path;
	char hex[65];
	size_t bytes;
};

struct rel {
	struct lint lt;
	struct fsout fo;
	int spool;
	off_t spool_len;
	struct rec *recs;
	size_t nrecs, arecs;
	struct site site;
	size_t asite;
	struct filehash *files;
	size_t nfiles, afiles;
	int failed;             /* an I/O failure while building */
	pthread_mutex_t mu;     /* on_doc runs on the lint's worker threads */
	/* the file being streamed by emit_html_site() */
	int stream_fd;
	char *stream_path;
	size_t stream_bytes;
	EVP_MD_CTX *stream_md;
	const char *version;
	char *src_dir, *src_real; /* source_path()'s cache: a directory, resolved */
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

static void sha256(const void *data, size_t len, unsigned char out[32])
{
	unsigned int n = 32;

	EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
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
		r->failed = 1;
		return -1;
	}
	sha256(data, len, d);
	add_hash(r, path, d, len);
	return 0;
}

/* Streamed files (the site-wide pages): hashed as they are written. */
static int stream_open(void *arg, const char *path)
{
	struct rel *r = arg;

	r->stream_fd = fsout_open(&r->fo, path);
	if (r->stream_fd < 0) {
		r->failed = 1;
		return -1;
	}
	r->stream_path = xstrdup(path);
	r->stream_bytes = 0;
	r->stream_md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(r->stream_md, EVP_sha256(), NULL);
	return 0;
}

static int stream_write(void *arg, const char *data, size_t len)
{
	struct rel *r = arg;

	if (r->stream_fd < 0)
		return -1;
	if (write_all(r->stream_fd, data, len) < 0) {
		r->failed = 1;
		return error("cannot write '%s': %s", r->stream_path, strerror(errno));
	}
	EVP_DigestUpdate(r->stream_md, data, len);
	r->stream_bytes += len;
	return 0;
}

static int stream_close(void *arg)
{
	struct rel *r = arg;
	unsigned char d[32];
	unsigned int dl = 32;
	int ret = 0;

	if (r->stream_fd < 0)
		return -1;
	if (close(r->stream_fd) < 0) {
		r->failed = 1;
		ret = error("cannot write '%s': %s", r->stream_path, strerror(errno));
	}
	EVP_DigestFinal_ex(r->stream_md, d, &dl);
	EVP_MD_CTX_free(r->stream_md);
	r->stream_md = NULL;
	if (!ret)
		add_hash(r, r->stream_path, d, r->stream_bytes);
	free(r->stream_path);
	r->stream_path = NULL;
	r->stream_fd = -1;
	return ret;
}

static int spool_add(struct rel *r, const char *data, size_t len, off_t *off)
{
	*off = r->spool_len;
	if (write_all(r->spool, data, len) < 0) {
		error("cannot write the spool: %s", strerror(errno));
		r->failed = 1;
		return -1;
	}
	r->spool_len += (off_t)len;
	return 0;
}

/*
 * The file's path relative to the repository root (for `source`). The file
 * itself is never a symlink (it was opened with O_NOFOLLOW), so only its
 * directory is resolved, once per directory: a corpus has few.
 */
static char *source_path(struct rel *r, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct strbuf dir = STRBUF_INIT, sb = STRBUF_INIT;
	size_t n = strlen(r->lt.cfg.root);
	char real[PATH_MAX];

	if (slash)
		strbuf_add(&dir, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_addch(&dir, '.');
	pthread_mutex_lock(&r->mu);
	if (!r->src_dir || strcmp(r->src_dir, dir.buf)) {
		free(r->src_dir);
		free(r->src_real);
		r->src_dir = xstrdup(dir.buf);
		r->src_real = realpath(dir.buf, real) ? xstrdup(real) : NULL;
	}
	if (r->src_real && !strncmp(r->src_real, r->lt.cfg.root, n) &&
	    (r->src_real[n] == '/' || !r->src_real[n]))
		strbuf_addf(&sb, "%s%s%s", r->src_real[n] ? r->src_real + n + 1 : "",
			    r->src_real[n] ? "/" : "", slash ? slash + 1 : path);
	else
		strbuf_addstr(&sb, path);
	pthread_mutex_unlock(&r->mu);
	strbuf_release(&dir);
	return strbuf_detach(&sb, NULL);
}

static void on_doc(void *arg, struct doc *doc, int had_error)
{
	struct rel *r = arg;
	struct strbuf scen = STRBUF_INIT, comp = STRBUF_INIT, page = STRBUF_INIT;
	struct emit_ctx ctx;
	struct rec rec;
	struct site_entry se;
	char *source;
	const char *split;

	if (had_error || r->failed || !doc->consensus)
		return;
	source = source_path(r, doc->path);
	split = doc->split ? doc->split :
		config_split(&r->lt.cfg, doc->quest ? doc->quest : doc->id);
	ctx.cfg = &r->lt.cfg;
	ctx.split = split;
	ctx.source = source;

	memset(&rec, 0, sizeof(rec));
	rec.id = xstrdup(doc->id);
	rec.split = xstrdup(split);
	emit_scenario_line(&scen, doc, &ctx);
	rec.scen_len = scen.len;
	sha256(scen.buf, scen.len, rec.scen_hash);
	rec.ncomp = emit_comparison_lines(&comp, doc, &ctx);
	rec.comp_len = comp.len;
	if (doc->quest) {
		struct strbuf c = STRBUF_INIT;
		rec.quest = xstrdup(doc->quest);
		rec.turn = doc->turn;
		rec.chosen = xstrdup(doc->chosen);
		if (doc->has_consequences)
			emit_text_json(&c, doc, &doc->consequences);
		else
			strbuf_addstr(&c, "null");
		rec.consequences = strbuf_detach(&c, NULL);
	}
	site_entry_from_doc(&se, doc, split, source);
	emit_html_scenario(&page, doc, &r->site, split, source);
	if (!doc->quest) {
		struct strbuf path = STRBUF_INIT;
		strbuf_addf(&path, "html/s/%s.html", doc->id);
		rel_write(r, path.buf, page.buf, page.len);
		strbuf_release(&path);
	}

	pthread_mutex_lock(&r->mu);
	spool_add(r, scen.buf, scen.len, &rec.scen_off);
	spool_add(r, comp.buf, comp.len, &rec.comp_off);
	if (doc->quest) {
		rec.page_len = page.len;
		spool_add(r, page.buf, page.len, &rec.page_off);
	}
	XGROW(r->recs, r->arecs, r->nrecs + 1);
	r->recs[r->nrecs++] = rec;
	XGROW(r->site.entries, r->asite, r->site.n + 1);
	r->site.entries[r->site.n++] = se;
	pthread_mutex_unlock(&r->mu);

	strbuf_release(&scen);
	strbuf_release(&comp);
	strbuf_release(&page);
	free(source);
}

static int cmp_rec(const void *a, const void *b)
{
	return strcmp(((const struct rec *)a)->id, ((const struct rec *)b)->id);
}

static int spool_read(struct rel *r, off_t off, size_t len, struct strbuf *sb)
{
	size_t done = 0;

	strbuf_grow(sb, len);
	while (done < len) {
		ssize_t n = pread(r->spool, sb->buf + sb->len + done, len - done, off + (off_t)done);
		if (n <= 0) {
			error("cannot read the spool: %s", n < 0 ? strerror(errno) : "short read");
			return -1;
		}
		done += (size_t)n;
	}
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

/* Copy one kind of record out of the spool into rel, in id order, hashing. */
static int write_jsonl(struct rel *r, const char *rel, int comparisons)
{
	int fd = fsout_open(&r->fo, rel);
	EVP_MD_CTX *md;
	struct strbuf sb = STRBUF_INIT;
	unsigned char d[32];
	unsigned int dl = 32;
	size_t i, total = 0;
	int ret = 0;

	if (fd < 0)
		return -1;
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (i = 0; i < r->nrecs && !ret; i++) {
		struct rec *rec = &r->recs[i];
		off_t off = comparisons ? rec->comp_off : rec->scen_off;
		size_t len = comparisons ? rec->comp_len : rec->scen_len;

		if (!len)
			continue;
		strbuf_reset(&sb);
		if (spool_read(r, off, len, &sb) < 0 || write_all(fd, sb.buf, sb.len) < 0) {
			ret = error("cannot write '%s': %s", rel, strerror(errno));
			break;
		}
		EVP_DigestUpdate(md, sb.buf, sb.len);
		total += sb.len;
	}
	EVP_DigestFinal_ex(md, d, &dl);
	EVP_MD_CTX_free(md);
	if (close(fd) < 0 && !ret)
		ret = error("cannot write '%s': %s", rel, strerror(errno));
	if (!ret)
		add_hash(r, rel, d, total);
	strbuf_release(&sb);
	return ret;
}

static int cmp_rec_quest(const void *a, const void *b)
{
	const struct rec *const *x = a, *const *y = b;
	int c = strcmp((*x)->quest, (*y)->quest);

	if (c)
		return c;
	return (*x)->turn < (*y)->turn ? -1 : (*x)->turn > (*y)->turn;
}

static size_t write_episodes(struct rel *r)
{
	struct rec **q = xmalloc((r->nrecs + 1) * sizeof(*q));
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0, i, j, k, episodes = 0;

	for (i = 0; i < r->nrecs; i++)
		if (r->recs[i].quest)
			q[n++] = &r->recs[i];
	qsort(q, n, sizeof(*q), cmp_rec_quest);
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

static int write_quest_pages(struct rel *r)
{
	struct strbuf page = STRBUF_INIT, out = STRBUF_INIT, path = STRBUF_INIT;
	size_t i;
	int ret = 0;

	for (i = 0; i < r->nrecs && !ret; i++) {
		struct rec *rec = &r->recs[i];
		const struct site_entry *se;
		const char *mark;

		if (!rec->quest)
			continue;
		se = site_find(&r->site, rec->id);
		strbuf_reset(&page);
		strbuf_reset(&out);
		strbuf_reset(&path);
		if (spool_read(r, rec->page_off, rec->page_len, &page) < 0)
			return -1;
		mark = strstr(page.buf, EMIT_HTML_NAV_MARK);
		if (mark && se) {
			strbuf_add(&out, page.buf, (size_t)(mark - page.buf));
			emit_html_quest_nav(&out, &r->site, se);
			strbuf_addstr(&out, mark + strlen(EMIT_HTML_NAV_MARK));
		} else {
			strbuf_add(&out, page.buf, page.len);
		}
		strbuf_addf(&path, "html/s/%s.html", rec->id);
		ret = rel_write(r, path.buf, out.buf, out.len);
	}
	strbuf_release(&page);
	strbuf_release(&out);
	strbuf_release(&path);
	return ret;
}

/* What changed against the previous release, and the bump that needs. */
struct changes {
	char **added, **removed, **modified;
	size_t nadded, nremoved, nmodified;
	char *prev_version;
	long prev_schema;
	int have_previous;
};

static void push(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

struct prev_rec {
	char *id;
	unsigned char hash[32];
};

static int cmp_prev(const void *a, const void *b)
{
	return strcmp(((const struct prev_rec *)a)->id, ((const struct prev_rec *)b)->id);
}

static int load_previous(struct rel *r, const char *dir, struct changes *ch)
{
	struct strbuf path = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct prev_rec *prev = NULL;
	size_t nprev = 0, aprev = 0, i, j;
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
			/* our lines end in a newline; hash a last one without it as if it had one */
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
	for (i = j = 0; i < r->nrecs || j < nprev;) {
		int c = i >= r->nrecs ? 1 : j >= nprev ? -1 : strcmp(r->recs[i].id, prev[j].id);
		if (c < 0) {
			push(&ch->added, &ch->nadded, r->recs[i].id);
			i++;
		} else if (c > 0) {
			push(&ch->removed, &ch->nremoved, prev[j].id);
			j++;
		} else {
			if (memcmp(r->recs[i].scen_hash, prev[j].hash, 32))
				push(&ch->modified, &ch->nmodified, r->recs[i].id);
			i++;
			j++;
		}
	}
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

/* 0 when version grows enough over the previous one, else -1 with a message. */
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
	if (ch->nremoved || ch->prev_schema != 1) {
		need = "major";
		if (ch->nremoved)
			snprintf(whybuf, sizeof(whybuf), "scenario '%s' was removed", ch->removed[0]);
		else
			snprintf(whybuf, sizeof(whybuf), "the schema changed from %ld to 1", ch->prev_schema);
		ok = nv.major > pv.major;
	} else if (ch->nadded) {
		need = "minor";
		snprintf(whybuf, sizeof(whybuf), "scenario '%s' was added", ch->added[0]);
		ok = nv.major > pv.major || (nv.major == pv.major && nv.minor > pv.minor);
	} else if (ch->nmodified) {
		need = "patch";
		snprintf(whybuf, sizeof(whybuf), "scenario '%s' changed", ch->modified[0]);
		ok = semver_cmp(&nv, &pv) > 0;
	} else {
		ok = semver_cmp(&nv, &pv) >= 0;
		if (!ok)
			return error("version %s is lower than the previous release's %s",
				     version, ch->prev_version);
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
		return error("version %s does not grow enough over %s: %s, which needs a %s bump (at least %ld.%ld.%ld)",
			     version, ch->prev_version, why, need, s.major, s.minor, s.patch);
	}
	return 0;
}

static void list_md(struct strbuf *sb, const char *title, char **v, size_t n)
{
	size_t i;

	strbuf_addf(sb, "## %s (%zu)\n\n", title, n);
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "- `%s`\n", v[i]);
	if (!n)
		strbuf_addstr(sb, "None.\n");
	strbuf_addch(sb, '\n');
}

static void write_changes(struct rel *r, struct changes *ch)
{
	struct strbuf sb = STRBUF_INIT;
	const char *bump = ch->nremoved || (ch->have_previous && ch->prev_schema != 1) ? "major" :
			   ch->nadded ? "minor" : ch->nmodified ? "patch" : "none";
	size_t i;

	if (!ch->have_previous)
		for (i = 0; i < r->nrecs; i++)
			push(&ch->added, &ch->nadded, r->recs[i].id);
	strbuf_addf(&sb, "# Changes in %s %s\n\n", r->lt.cfg.name, r->version);
	if (ch->have_previous)
		strbuf_addf(&sb, "Against the previous release %s. The changes need a %s version bump.\n\n",
			    ch->prev_version, bump);
	else
		strbuf_addstr(&sb, "No previous release was given (`--previous`): every scenario is listed as added.\n\n");
	list_md(&sb, "Added", ch->added, ch->nadded);
	list_md(&sb, "Removed", ch->removed, ch->nremoved);
	list_md(&sb, "Modified", ch->modified, ch->nmodified);
	rel_write(r, "CHANGES.md", sb.buf, sb.len);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "{\"version\":");
	json_cstr(&sb, r->version);
	strbuf_addstr(&sb, ",\"previous\":");
	json_cstr(&sb, ch->have_previous ? ch->prev_version : NULL);
	strbuf_addstr(&sb, ",\"bump\":");
	json_cstr(&sb, ch->have_previous ? bump : NULL);
	strbuf_addstr(&sb, ",\"added\":");
	json_str_array(&sb, (const char *const *)ch->added, ch->nadded);
	strbuf_addstr(&sb, ",\"removed\":");
	json_str_array(&sb, (const char *const *)ch->removed, ch->nremoved);
	strbuf_addstr(&sb, ",\"modified\":");
	json_str_array(&sb, (const char *const *)ch->modified, ch->nmodified);
	strbuf_addstr(&sb, "}\n");
	rel_write(r, "changes.json", sb.buf, sb.len);
	strbuf_release(&sb);
}

static void changes_release(struct changes *ch)
{
	size_t i;

	for (i = 0; i < ch->nadded; i++)
		free(ch->added[i]);
	for (i = 0; i < ch->nremoved; i++)
		free(ch->removed[i]);
	for (i = 0; i < ch->nmodified; i++)
		free(ch->modified[i]);
	free(ch->added);
	free(ch->removed);
	free(ch->modified);
	free(ch->prev_version);
}

struct counts {
	size_t scenarios, behaviors, comparisons, episodes, split[3];
};

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
	strbuf_addf(&sb, "---\nlicense: %s\npretty_name: \"%s\"\nlanguage:\n- en\n"
		    "task_categories:\n- text-classification\n- text-generation\n"
		    "tags:\n- alignment\n- ai-safety\n- reward-modeling\n- preference\n"
		    "size_categories:\n- %s\n"
		    "configs:\n"
		    "- config_name: comparisons\n  data_files: comparisons.jsonl\n  default: true\n"
		    "- config_name: scenarios\n  data_files: scenarios.jsonl\n"
		    "- config_name: episodes\n  data_files: episodes.jsonl\n---\n\n",
		    lic, cfg->name, c->scenarios < 1000 ? "n<1K" : c->scenarios < 10000 ? "1K<n<10K" : "10K<n<100K");
	strbuf_addf(&sb, "# %s %s\n\n", cfg->name, r->version);
	strbuf_addstr(&sb,
		"Scenarios of conduct for AI systems that are more capable than their overseers. "
		"Each scenario puts a moderately superhuman AI in a situation, describes several "
		"behaviors it could choose (most showing a capability beyond the best humans), "
		"labels each desirable or undesirable, ranks them, and records the AI's thoughts "
		"that lead to each behavior. Negative examples are part of the data.\n\n");
	strbuf_addstr(&sb, "## Canary\n\nEvery record and every page carries this string. "
		      "Filter it out of pretraining data:\n\n```\n");
	strbuf_addstr(&sb, cfg->canary);
	strbuf_addstr(&sb, "\n```\n\n## Files\n\n"
		"| file | one line per | schema |\n|---|---|---|\n"
		"| `scenarios.jsonl` | scenario, sorted by id | `schema/scenarios.schema.json` |\n"
		"| `comparisons.jsonl` | preference pair (prompt, chosen, rejected) the consensus ranks strictly apart | `schema/comparisons.schema.json` |\n"
		"| `episodes.jsonl` | quest, its turns in order | `schema/episodes.schema.json` |\n\n"
		"`manifest.json` lists every file with its SHA-256 (`SHA256SUMS` works with "
		"`sha256sum -c`); `CHANGES.md` and `changes.json` list the scenarios added, removed "
		"and modified since the previous release; `html/index.html` is a browsable copy.\n\n");
	strbuf_addf(&sb, "## Counts\n\n| | scenarios |\n|---|---|\n| train | %zu |\n| validation | %zu |\n"
		    "| test | %zu |\n| **all** | %zu |\n\n"
		    "%zu behaviors, %zu comparison pairs, %zu quests.\n\n",
		    c->split[0], c->split[1], c->split[2], c->scenarios, c->behaviors,
		    c->comparisons, c->episodes);
	strbuf_addf(&sb, "## Splits\n\nEvery record has a `split` field: `train`, `validation` or "
		    "`test`. A scenario's split is a pure function of its id (of its quest id for "
		    "quest turns, so an episode never straddles splits): the first 8 bytes of "
		    "SHA-256(id) as a big-endian integer, modulo 10000, against the cumulative "
		    "percentages %ld / %ld / %ld. A file may pin its split. So a scenario keeps its split "
		    "from release to release. There are no per-split copies of the files: select a "
		    "split by the field.\n\n",
		    cfg->splits[0].percent, cfg->splits[1].percent, cfg->splits[2].percent);
	strbuf_addstr(&sb,
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
	strbuf_addstr(&sb,
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
	strbuf_addf(&sb, "## License\n\n%s, unless a record's `license` says otherwise.\n", cfg->license);
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

static void write_manifest(struct rel *r, const struct counts *c, long long when, int have_when)
{
	struct strbuf sb = STRBUF_INIT;
	char *commit = git_out(r->lt.cfg.root, "rev-parse --verify -q HEAD");
	size_t i;

	strbuf_addstr(&sb, "{\n  \"name\": ");
	json_cstr(&sb, r->lt.cfg.name);
	strbuf_addstr(&sb, ",\n  \"version\": ");
	json_cstr(&sb, r->version);
	strbuf_addstr(&sb, ",\n  \"schema\": 1,\n  \"compiler\": \"corpusc " CORPUSC_VERSION "\",\n  \"source_commit\": ");
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
	strbuf_addf(&sb, ",\n  \"counts\": {\"scenarios\": %zu, \"behaviors\": %zu, "
		    "\"comparisons\": %zu, \"episodes\": %zu, \"train\": %zu, "
		    "\"validation\": %zu, \"test\": %zu},\n  \"files\": [",
		    c->scenarios, c->behaviors, c->comparisons, c->episodes,
		    c->split[0], c->split[1], c->split[2]);
	for (i = 0; i < r->nfiles; i++) {
		strbuf_addstr(&sb, i ? ",\n    " : "\n    ");
		strbuf_addstr(&sb, "{\"path\": ");
		json_cstr(&sb, r->files[i].path);
		strbuf_addf(&sb, ", \"bytes\": %zu, \"sha256\": \"%s\"}", r->files[i].bytes,
			    r->files[i].hex);
	}
	strbuf_addstr(&sb, "\n  ]\n}\n");
	rel_write(r, "manifest.json", sb.buf, sb.len);
	strbuf_release(&sb);
	free(commit);
}

static int cmp_hash(const void *a, const void *b)
{
	return strcmp(((const struct filehash *)a)->path, ((const struct filehash *)b)->path);
}

static void write_sums(struct rel *r)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	qsort(r->files, r->nfiles, sizeof(*r->files), cmp_hash);
	for (i = 0; i < r->nfiles; i++)
		strbuf_addf(&sb, "%s  %s\n", r->files[i].hex, r->files[i].path);
	if (fsout_write(&r->fo, "SHA256SUMS", sb.buf, sb.len) < 0)
		r->failed = 1;
	strbuf_release(&sb);
}

static void rel_release(struct rel *r)
{
	size_t i;

	for (i = 0; i < r->nrecs; i++) {
		free(r->recs[i].id);
		free(r->recs[i].split);
		free(r->recs[i].quest);
		free(r->recs[i].chosen);
		free(r->recs[i].consequences);
	}
	free(r->recs);
	site_release(&r->site);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].path);
	free(r->files);
	free(r->src_dir);
	free(r->src_real);
}

int release_build(const struct release_opts *opts)
{
	struct rel r;
	struct changes ch;
	struct counts c;
	struct semver sv;
	struct strbuf sb = STRBUF_INIT;
	char *out = NULL, *def = NULL;
	long long when = 0;
	int have_when, status = 2, sde;
	size_t i;

	memset(&r, 0, sizeof(r));
	memset(&ch, 0, sizeof(ch));
	memset(&c, 0, sizeof(c));
	r.spool = -1;
	r.stream_fd = -1;
	r.fo.out_fd = r.fo.stage_fd = -1;
	pthread_mutex_init(&r.mu, NULL);
	sde = release_source_date(&when);
	if (sde < 0) {
		error("SOURCE_DATE_EPOCH must be a non-negative decimal integer of at most "
		      "253402300799 (9999-12-31), not '%s'", getenv("SOURCE_DATE_EPOCH"));
		return 2;
	}
	if (lint_init(&r.lt, opts->rules_dir) < 0) {
		lint_release(&r.lt);
		return 2;
	}
	r.version = opts->version ? opts->version : r.lt.cfg.version;
	if (semver_parse(r.version, &sv) < 0) {
		error("version '%s' is not a semantic version X.Y.Z", r.version);
		goto out;
	}
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
	r.spool = fsout_open(&r.fo, ".spool");
	if (r.spool < 0)
		goto out;
	r.site.cfg = &r.lt.cfg;
	r.site.version = r.version;
	r.lt.on_doc = on_doc;
	r.lt.on_doc_arg = &r;
	if (opts->npaths) {
		if (lint_paths(&r.lt, opts->paths, opts->npaths) < 0)
			goto out;
	} else {
		def = lint_default_path(&r.lt);
		if (lint_paths(&r.lt, &def, 1) < 0)
			goto out;
	}
	lint_finish(&r.lt);
	{
		struct diag_summary sum = { r.lt.nfiles, CORPUSC_VERSION, 0 };
		if (diag_count(&r.lt.sink, DIAG_ERROR)) {
			diag_print(&r.lt.sink, DIAG_FORMAT_GCC, &sum, stdout, stderr);
			fputs("corpusc: build: lint found errors; nothing was written\n", stderr);
			status = 1;
			goto out;
		}
		if (r.lt.sink.nr)
			diag_print(&r.lt.sink, DIAG_FORMAT_GCC, &sum, stdout, stderr);
	}
	if (r.failed)
		goto out;
	/* workers finish in any order: sort before comparing with --previous */
	qsort(r.recs, r.nrecs, sizeof(*r.recs), cmp_rec);
	if (opts->previous && load_previous(&r, opts->previous, &ch) < 0)
		goto out;
	if (check_bump(&ch, r.version) < 0)
		goto out;

	site_sort(&r.site);
	c.scenarios = r.nrecs;
	for (i = 0; i < r.nrecs; i++) {
		c.comparisons += r.recs[i].ncomp;
		c.split[!strcmp(r.recs[i].split, "train") ? 0 :
			!strcmp(r.recs[i].split, "validation") ? 1 : 2]++;
	}
	for (i = 0; i < r.site.n; i++)
		c.behaviors += r.site.entries[i].nbehaviors;
	if (write_jsonl(&r, "scenarios.jsonl", 0) < 0 ||
	    write_jsonl(&r, "comparisons.jsonl", 1) < 0)
		goto out;
	c.episodes = write_episodes(&r);
	if (write_quest_pages(&r) < 0)
		goto out;
	close(r.spool);
	r.spool = -1;
	unlinkat(r.fo.stage_fd, ".spool", 0);
	for (i = 0; i < schema_nfiles; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "schema/%s", schema_files[i].name);
		rel_write(&r, sb.buf, schema_files[i].text, strlen(schema_files[i].text));
	}
	{
		struct emit_out eo = { &r, stream_open, stream_write, stream_close };
		if (emit_html_site(&r.site, &eo) < 0)
			goto out;
	}
	write_changes(&r, &ch);
	write_card(&r, &c);
	qsort(r.files, r.nfiles, sizeof(*r.files), cmp_hash);
	have_when = sde == 0;
	if (!have_when) {
		char *ct = git_out(r.lt.cfg.root, "log -1 --format=%ct");
		if (ct) {
			when = strtoll(ct, NULL, 10);
			have_when = 1;
			free(ct);
		}
	}
	write_manifest(&r, &c, when, have_when);
	write_sums(&r);
	if (r.failed)
		goto out;
	if (fsout_commit(&r.fo) < 0)
		goto out;
	fprintf(stderr, "corpusc: wrote %s/%s-%s: %zu scenarios, %zu comparisons, %zu episodes\n",
		out, r.lt.cfg.name, r.version, c.scenarios, c.comparisons, c.episodes);
	status = 0;
out:
	if (r.spool >= 0)
		close(r.spool);
	fsout_abort(&r.fo);
	changes_release(&ch);
	rel_release(&r);
	lint_release(&r.lt);
	strbuf_release(&sb);
	free(out);
	free(def);
	pthread_mutex_destroy(&r.mu);
	return status;
}
