/*
 * release: `corpusc build`, the driver; see release.h, and release_internal.h
 * for the files that write the parts of a release.
 *
 * Streaming, in id order. The lint checks files in the order of the id each
 * must have (lint.h, by_id); a worker turns a checked doc into the records
 * of every stream of release_outputs[], its page (written at once, on the
 * worker) and its site entry, and hands them to commit_result(), which
 * writes results strictly in file order through a window of COMMIT_WINDOW
 * slots. So the JSONL streams are written once, in id order, hashed as they
 * go, with no spool to copy back and no sort; what the site-wide pages,
 * CHANGES and the checksums need of each scenario goes to a spill file
 * (spill.h). Memory stays flat as the corpus grows: only quest turns are
 * kept whole.
 *
 * At the end come the lint's corpus-wide checks; if they found no error,
 * the at_end rows of release_outputs[] in table order (episodes, quest
 * pages, schemas, the site, CHANGES, the card), the manifest and
 * SHA256SUMS, and the staging directory is renamed into place.
 */
#define _GNU_SOURCE /* realpath */
#include "release.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "emit_bigbench.h"
#include "release_internal.h"
#include "semver.h"
#include "sha.h"
#include "xalloc.h"

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

/*
 * The file's path relative to the repository root, or path itself when its
 * directory is not inside the root.
 */
static char *source_path(struct rel *r, const char *path)
{
	size_t plen = strlen(path), n = strlen(r->lt.cfg.root);
	/* a directory-form scenario ("<dir>/"): the slash before its name */
	const char *slash = NULL, *p;
	struct strbuf d = STRBUF_INIT, sb = STRBUF_INIT;
	char real[PATH_MAX];

	for (p = path + plen - (plen > 1 && path[plen - 1] == '/'); p > path; p--)
		if (p[-1] == '/') {
			slash = p - 1;
			break;
		}
	if (slash)
		strbuf_add(&d, path, slash == path ? 1 : (size_t)(slash - path));
	else
		strbuf_addch(&d, '.');
	if (realpath(d.buf, real) && !strncmp(real, r->lt.cfg.root, n) &&
	    (real[n] == '/' || !real[n])) {
		if (real[n])
			strbuf_addf(&sb, "%s/", real + n + 1);
		strbuf_addstr(&sb, slash ? slash + 1 : path);
	} else {
		strbuf_addstr(&sb, path);
	}
	strbuf_release(&d);
	return strbuf_detach(&sb, NULL);
}

/* ---- the per-file work, on the workers ------------------------------- */

static int split_index(const char *split)
{
	return !strcmp(split, "train") ? 0 : !strcmp(split, "validation") ? 1 : 2;
}

/* The card's figures of one scenario: its origin, rankers and pair kinds. */
static void count_doc(struct counts *c, const struct doc *doc)
{
	size_t i, j;

	c->origin[!strcmp(doc->origin, "human") ? 0 : !strcmp(doc->origin, "model") ? 2 : 1]++;
	c->rankers[doc->nrankings >= 3 ? 2 : doc->nrankings == 2 ? 1 : 0]++;
	for (i = 0; i < doc->nbehaviors; i++) {
		for (j = 0; j < doc->nbehaviors; j++) {
			const char *k;
			if (doc->consensus[i] >= doc->consensus[j])
				continue;
			k = emit_pair_kind(doc, (int)i, (int)j);
			c->pair_kind[!strcmp(k, "desirable>undesirable") ? 0
			             : !strcmp(k, "desirable>desirable") ? 1
			                                                 : 2]++;
		}
	}
}

static void make_result(struct rel *r, struct doc *doc, struct result *res)
{
	struct emit_ctx ctx;
	struct strbuf page = STRBUF_INIT;
	char *source = source_path(r, doc->path);
	const char *split =
	    doc->split ? doc->split : config_split(&r->lt.cfg, doc->quest ? doc->quest : doc->id);
	size_t i, k = 0;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &r->lt.cfg;
	ctx.split = split;
	ctx.source = source;
	res->emit = 1;
	res->id = xstrdup(doc->id);
	res->split = split_index(split);
	for (i = 0; i < release_noutputs; i++) {
		if (!release_outputs[i].per_scenario)
			continue;
		release_outputs[i].per_scenario(&res->lines[k], doc, &ctx, &res->c);
		k++;
	}
	if (res->split == 2)
		emit_bigbench_example(&res->bigbench, doc);
	res->c.kind_split[0][res->split] = 1;
	res->c.kind_split[1][res->split] = res->c.comparisons;
	count_doc(&res->c, doc);
	/* a record's hash only tells a modified scenario from the previous release's */
	if (r->ch.have_previous)
		sha256(res->lines[0].buf, res->lines[0].len, res->scen_hash);
	site_entry_from_doc(&res->se, doc, split, source);
	res->c.scenarios = 1;
	res->c.behaviors = res->se.nbehaviors;
	res->c.split[res->split] = 1;
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
			rel_fail(r);
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
	size_t k;

	for (k = 0; k < RELEASE_MAX_STREAMS; k++)
		strbuf_release(&res->lines[k]);
	strbuf_release(&res->quest_page);
	strbuf_release(&res->bigbench);
	free(res->id);
	site_entry_release(&res->se);
	memset(res, 0, sizeof(*res));
}

/* Write one result (the next in file order); with r->cm held. */
static void commit_one(struct rel *r, struct result *res)
{
	size_t k;

	if (!res->emit)
		return;
	for (k = 0; k * RELEASE_NSPLITS < r->nstreams; k++)
		ostream_add(r, &r->streams[k * RELEASE_NSPLITS + (size_t)res->split],
		            res->lines[k].buf, res->lines[k].len);
	counts_add(&r->c, &res->c);
	if (res->bigbench.len) {
		/* examples are separated by commas: every one but the first starts with one */
		if (r->nbigbench++)
			spill_add(&r->spill, &r->bigbench, ",", 1);
		spill_add(&r->spill, &r->bigbench, res->bigbench.buf, res->bigbench.len);
	}
	changes_step(r, res->id, res->scen_hash);
	if (res->has_page) {
		char line[160];
		char h[65];
		int n;

		release_hex(res->page_hash, 32, h);
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
	pthread_mutex_lock(&r->cm);
	while (index >= r->written + COMMIT_WINDOW)
		pthread_cond_wait(&r->cv, &r->cm);
	r->window[index % COMMIT_WINDOW] = *res;
	r->window[index % COMMIT_WINDOW].ready = 1;
	while (r->ready_to < r->written + COMMIT_WINDOW &&
	       r->window[r->ready_to % COMMIT_WINDOW].ready)
		r->ready_to++;
	if (r->writing) {
		pthread_mutex_unlock(&r->cm);
		return; /* the thread writing will take it */
	}
	r->writing = 1;
	while (r->written < r->ready_to) {
		/* no one else touches a slot below ready_to: write it unlocked */
		struct result *slot = &r->window[r->written % COMMIT_WINDOW];

		pthread_mutex_unlock(&r->cm);
		commit_one(r, slot);
		result_release(slot);
		pthread_mutex_lock(&r->cm);
		r->written++;
		while (r->ready_to < r->written + COMMIT_WINDOW &&
		       r->window[r->ready_to % COMMIT_WINDOW].ready)
			r->ready_to++;
		pthread_cond_broadcast(&r->cv);
	}
	r->writing = 0;
	pthread_mutex_unlock(&r->cm);
}

static void on_doc(void *arg, size_t index, struct doc *doc, int had_error)
{
	struct rel *r = arg;
	struct result res;

	memset(&res, 0, sizeof(res));
	/* a file with errors fails the build anyway: nothing of it is written */
	/* an unresolved quest turn is left out of every record (docs/format.md 2.3) */
	if (doc && !had_error && !r->failed && doc->consensus && !doc_unresolved(doc))
		make_result(r, doc, &res);
	/* the quests page shows it as open, with the files to add next */
	if (doc && !had_error && !r->failed && doc_unresolved(doc) && doc->id && doc->quest) {
		char *source = source_path(r, doc->path);

		pthread_mutex_lock(&r->mu);
		site_add_open_turn(&r->site, doc, source);
		pthread_mutex_unlock(&r->mu);
		free(source);
	}
	commit_result(r, index, &res);
}

static void rel_release(struct rel *r)
{
	size_t i;

	for (i = 0; i < COMMIT_WINDOW; i++)
		result_release(&r->window[i]);
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
	spill_chain_release(&r->bigbench);
	spill_close(&r->spill);
	spill_close(&r->sigs);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i].path);
	free(r->files);
}

/* Open a stream per split for each per_scenario row of release_outputs[]. */
static int open_streams(struct rel *r)
{
	struct strbuf path = STRBUF_INIT;
	size_t i;
	int s, ret = 0;

	for (i = 0; i < release_noutputs && !ret; i++) {
		if (!release_outputs[i].per_scenario)
			continue;
		if (r->nstreams == RELEASE_MAX_STREAMS * RELEASE_NSPLITS)
			BUG("release_outputs[] has more than RELEASE_MAX_STREAMS streams");
		for (s = 0; s < RELEASE_NSPLITS && !ret; s++) {
			strbuf_reset(&path);
			release_data_path(&release_outputs[i], s, &path);
			/* the train split holds most of the bytes: O_DIRECT where it can */
			ret = ostream_open(r, &r->streams[r->nstreams], path.buf, s == 0);
			r->nstreams += !ret;
		}
	}
	strbuf_release(&path);
	return ret;
}

/*
 * What follows the last file: the ends of the streams, then the at_end rows
 * of release_outputs[]. -1 if a file could not be written.
 */
static int write_rest(struct rel *r)
{
	size_t i;

	for (i = 0; i < r->nstreams; i++)
		if (ostream_close(r, &r->streams[i]) < 0)
			return -1;
	r->audit = r->lt.audit; /* the lint's: files without errors */
	audit_run(r->audit);
	site_sort(&r->site);
	for (i = 0; i < release_noutputs; i++)
		if (release_outputs[i].at_end &&
		    release_outputs[i].at_end(r, &release_outputs[i]) < 0)
			return -1;
	return 0;
}

int release_build(const struct release_opts *opts)
{
	static struct rel r; /* the commit window is large: not on the stack */
	int rest = 0;
	struct semver sv;
	struct strbuf sb = STRBUF_INIT;
	char *out = NULL, *def = NULL;
	long long when = 0;
	int status = 2, sde;
	size_t i;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < RELEASE_MAX_STREAMS * RELEASE_NSPLITS; i++)
		r.streams[i].fd = -1;
	r.page.fd = -1;
	r.spill.fd = r.sigs.fd = -1;
	r.fo.out_fd = r.fo.stage_fd = -1;
	pthread_mutex_init(&r.mu, NULL);
	pthread_mutex_init(&r.cm, NULL);
	pthread_cond_init(&r.cv, NULL);
	spill_chain_init(&r.pages, 0);
	spill_chain_init(&r.quest_pages, 0);
	spill_chain_init(&r.bigbench, 0);
	changes_init(&r.ch);
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
	r.version = opts->version ? opts->version : r.lt.cfg.version;
	if (semver_parse(r.version, &sv) < 0) {
		error("version '%s' is not a semantic version X.Y.Z", r.version);
		goto out;
	}
	if (opts->previous && changes_load(&r.ch, opts->previous) < 0)
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
	if (open_streams(&r) < 0)
		goto out;
	r.lt.on_doc = on_doc;
	r.lt.on_doc_arg = &r;
	r.lt.by_id = 1;
	r.lt.sig_fd = r.sigs.fd;
	/* the audit's word ids grow with the corpus: to the staging directory too */
	if (audit_spill(r.lt.audit, r.fo.stage_fd) < 0)
		goto out;
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
	changes_finish(&r);
	/* the corpus-wide checks; if they find errors, nothing is kept */
	lint_finish(&r.lt);
	if (!diag_count(&r.lt.sink, DIAG_ERROR))
		rest = write_rest(&r);
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
	if (rest < 0 || r.failed || changes_check_bump(&r.ch, r.version) < 0)
		goto out;
	release_checksums(&r, when, sde == 0);
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
	for (i = 0; i < RELEASE_MAX_STREAMS * RELEASE_NSPLITS; i++)
		ostream_close(&r, &r.streams[i]);
	spill_close(&r.spill);
	spill_close(&r.sigs);
	fsout_abort(&r.fo);
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
