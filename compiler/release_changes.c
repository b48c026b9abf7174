/*
 * release_changes: what changed against the previous release (--previous),
 * and the version bump that needs: CHANGES.md and changes.json. The ids
 * arrive in id order and are merged with the previous release's sorted ids
 * as they come; the lists go to the spill, so memory does not grow with
 * the corpus. A scenario is modified when its record line differs.
 */
#include "release_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "json.h"
#include "jsonread.h"
#include "semver.h"
#include "sha.h"
#include "xalloc.h"

void changes_init(struct changes *ch)
{
	spill_chain_init(&ch->added.chain, 0);
	spill_chain_init(&ch->removed.chain, 0);
	spill_chain_init(&ch->modified.chain, 0);
}

static void idlist_add(struct rel *r, struct idlist *l, const char *id)
{
	spill_add(&r->spill, &l->chain, id, strlen(id) + 1); /* with its NUL */
	if (!l->n++)
		l->first = xstrdup(id);
}

/* Ids arrive in order: merge them with the previous release's. */
void changes_step(struct rel *r, const char *id, const unsigned char hash[32])
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

void changes_finish(struct rel *r)
{
	while (r->ch.next < r->ch.nprev)
		idlist_add(r, &r->ch.removed, r->ch.prev[r->ch.next++].id);
}

static int cmp_prev(const void *a, const void *b)
{
	return strcmp(((const struct prev_rec *)a)->id, ((const struct prev_rec *)b)->id);
}

/* Add the records of one file of the previous release to prev. */
static int prev_file(const char *file, struct prev_rec **pprev, size_t *pn, size_t *pa)
{
	char *buf = NULL, *p, *end;
	size_t len;
	struct prev_rec *prev = *pprev;
	size_t nprev = *pn, aprev = *pa;
	int ret = -1;

	if (read_file(file, &buf, &len, (size_t)1 << 34) < 0) {
		error("cannot read '%s': %s", file, strerror(errno));
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
			error("'%s' has a line that is not a scenario record", file);
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
	ret = 0;
out:
	*pprev = prev;
	*pn = nprev;
	*pa = aprev;
	free(buf);
	return ret;
}

int changes_load(struct changes *ch, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct prev_rec *prev = NULL;
	size_t nprev = 0, aprev = 0, i, nfiles = 0;
	char *buf = NULL;
	size_t len;
	const struct jv *m;
	int ret = -1, f;

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
	/*
	 * The records: data/scenarios/<split>.jsonl, or scenarios.jsonl in a
	 * release of schema 1.
	 */
	for (f = 0; f < 4; f++) {
		struct stat st;
		strbuf_reset(&path);
		if (f < 3)
			strbuf_addf(&path, "%s/data/scenarios/%s.jsonl", dir,
			            release_split_names[f]);
		else if (nfiles)
			break;
		else
			strbuf_addf(&path, "%s/scenarios.jsonl", dir);
		if (f < 3 && stat(path.buf, &st) < 0 && errno == ENOENT)
			continue;
		nfiles++;
		if (prev_file(path.buf, &prev, &nprev, &aprev) < 0)
			goto out;
	}
	if (nprev) /* qsort's base must not be NULL, even for no elements */
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

int changes_check_bump(const struct changes *ch, const char *version)
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
	if (ch->removed.n || ch->prev_schema != CONFIG_SCHEMA) {
		need = "major";
		if (ch->removed.n)
			snprintf(whybuf, sizeof(whybuf), "scenario '%s' was removed",
			         ch->removed.first);
		else
			snprintf(whybuf, sizeof(whybuf), "the schema changed from %ld to %d",
			         ch->prev_schema, CONFIG_SCHEMA);
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
	ostream_add(co->r, co->os, co->sb.buf, co->sb.len);
}

static void write_ids(struct changes_out *co, const struct idlist *l)
{
	struct id_walk w = {change_line, co};

	co->first = 1;
	if (spill_each(&co->r->spill, &l->chain, id_walk_piece, &w) != 0) {
		error("cannot read back the changed ids: %s", strerror(errno));
		rel_fail(co->r);
	}
}

static void list_md(struct changes_out *co, const char *title, const struct idlist *l)
{
	strbuf_reset(&co->sb);
	strbuf_addf(&co->sb, "## %s (%zu)\n\n", title, l->n);
	ostream_add(co->r, co->os, co->sb.buf, co->sb.len);
	write_ids(co, l);
	ostream_add(co->r, co->os, l->n ? "\n" : "None.\n\n", l->n ? 1 : 7);
}

static void list_json(struct changes_out *co, const char *key, const struct idlist *l)
{
	strbuf_reset(&co->sb);
	strbuf_addf(&co->sb, ",\"%s\":[", key);
	ostream_add(co->r, co->os, co->sb.buf, co->sb.len);
	write_ids(co, l);
	ostream_add(co->r, co->os, "]", 1);
}

int changes_write(struct rel *r, const struct release_output *o)
{
	struct changes *ch = &r->ch;
	const char *bump = ch->removed.n || (ch->have_previous && ch->prev_schema != CONFIG_SCHEMA)
	                       ? "major"
	                   : ch->added.n    ? "minor"
	                   : ch->modified.n ? "patch"
	                                    : "none";
	struct ostream os;
	struct changes_out co;
	int ret;

	memset(&co, 0, sizeof(co));
	co.r = r;
	co.os = &os;
	if (ostream_open(r, &os, o->path, 0) < 0) /* CHANGES.md */
		return -1;
	strbuf_addf(&co.sb, "# Changes in %s %s\n\n", r->lt.cfg.name, r->version);
	if (ch->have_previous)
		strbuf_addf(
		    &co.sb,
		    "Against the previous release %s. The changes need a %s version bump.\n\n",
		    ch->prev_version, bump);
	else
		strbuf_addstr(&co.sb, "No previous release was given (`--previous`): every "
		                      "scenario is listed as added.\n\n");
	ostream_add(r, &os, co.sb.buf, co.sb.len);
	list_md(&co, "Added", &ch->added);
	list_md(&co, "Removed", &ch->removed);
	list_md(&co, "Modified", &ch->modified);
	ret = ostream_close(r, &os);
	if (ret < 0 || ostream_open(r, &os, "changes.json", 0) < 0) {
		strbuf_release(&co.sb);
		return -1;
	}
	co.json = 1;
	strbuf_reset(&co.sb);
	strbuf_addstr(&co.sb, "{\"version\":");
	json_cstr(&co.sb, r->version);
	strbuf_addstr(&co.sb, ",\"previous\":");
	json_cstr(&co.sb, ch->have_previous ? ch->prev_version : NULL);
	strbuf_addstr(&co.sb, ",\"bump\":");
	json_cstr(&co.sb, ch->have_previous ? bump : NULL);
	ostream_add(r, &os, co.sb.buf, co.sb.len);
	list_json(&co, "added", &ch->added);
	list_json(&co, "removed", &ch->removed);
	list_json(&co, "modified", &ch->modified);
	ostream_add(r, &os, "}\n", 2);
	ret = ostream_close(r, &os);
	strbuf_release(&co.sb);
	return ret;
}

static void idlist_release(struct idlist *l)
{
	spill_chain_release(&l->chain);
	free(l->first);
}

void changes_release(struct changes *ch)
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
