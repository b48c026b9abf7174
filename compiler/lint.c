/*
 * lint: the run of every check over the corpus; see lint.h.
 *
 * Per file: read (regular files only, never through a symlink) -> byte gate
 * -> front matter -> body -> the checks table -> regex rules -> the file's
 * own suppressions. The doc is then handed to on_doc (the release builder)
 * and freed; only a small lint_entry is kept for the corpus-wide checks
 * (corpus_checks.c), which lint_finish() runs.
 */
#define _DEFAULT_SOURCE 1 /* d_type and DT_REG in struct dirent */
#include "lint.h"

#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "body.h"
#include "check.h"
#include "corpus_checks.h"
#include "dirform.h"
#include "frontmatter.h"
#include "mdmem.h"
#include "gate.h"
#include "ruleinfo.h"
#include "rules.h"
#include "spill.h"
#include "strbuf.h"
#include "words.h"
#include "xalloc.h"

struct check {
	const char *name;
	void (*fn)(struct doc *, const struct config *, struct diag_sink *);
};

/* The per-file checks that need a parsed front matter and body, in order. */
static const struct check checks[] = {
    {"ranking", check_ranking},
    {"thoughts", check_thought},
    {"hygiene", check_hygiene},
};

const char *lint_path(const struct lint *lt, size_t i, struct strbuf *sb)
{
	strbuf_addstr(sb, lt->dirs[lt->files[i].dir]);
	strbuf_addstr(sb, lt->names.buf + lt->files[i].name);
	return sb->buf;
}

/* A directory prefix's index (added if new; the walk adds each once). */
static uint32_t add_dir(struct lint *lt, const char *prefix)
{
	if (lt->ndirs && !strcmp(lt->dirs[lt->ndirs - 1], prefix))
		return (uint32_t)(lt->ndirs - 1);
	XGROW(lt->dirs, lt->adirs, lt->ndirs + 1);
	lt->dirs[lt->ndirs] = xstrdup(prefix);
	return (uint32_t)lt->ndirs++;
}

int lint_init(struct lint *lt, const char *rules_dir)
{
	char *root;

	memset(lt, 0, sizeof(*lt));
	lt->sig_fd = -1;
	strbuf_init(&lt->names, 0);
	add_dir(lt, "");
	root = config_find_root();
	if (!root)
		return error("no repository root: no ancestor of the current directory "
		             "holds lint-rules/ and corpus/corpus.yaml");
	if (config_load(&lt->cfg, root, rules_dir, &lt->sink) < 0) {
		free(root);
		return -1;
	}
	free(root);
	lt->rules = rules_load(lt->cfg.rules_dir, &lt->sink);
	if (!lt->rules)
		return -1;
	lt->audit = audit_new();
	return 0;
}

char *lint_default_path(const struct lint *lt)
{
	char cwd[4096];
	struct strbuf sb = STRBUF_INIT;

	if (getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, lt->cfg.root))
		strbuf_addstr(&sb, "corpus");
	else
		strbuf_addf(&sb, "%s/corpus", lt->cfg.root);
	return strbuf_detach(&sb, NULL);
}

static int rule_in(const char *rule, char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(rule, list[i]))
			return (int)i;
	return -1;
}

/*
 * Suppression findings cannot suppress themselves, and an id must equal its
 * file name (docs/format.md 2): builds rely on it to write records in id order.
 */
static int never_suppressed(const char *rule)
{
	return !strncmp(rule, "suppression-", 12) || !strcmp(rule, "id-filename");
}

/* See lint.h. */
void lint_suppress(struct lint_extra *x, const char *path, struct diag_sink *sink, size_t from)
{
	size_t i = from;

	if (!x || !x->ndisable)
		return;
	while (i < sink->nr) {
		struct diag *d = &sink->items[i];
		int k;

		if (!strcmp(d->path, path) && !never_suppressed(d->rule) &&
		    (k = rule_in(d->rule, x->disable, x->ndisable)) >= 0) {
			x->disable_used[k] = 1;
			diag_remove(sink, i);
			continue;
		}
		i++;
	}
}

/*
 * A path to show in a message: a directory-form scenario ("<dir>/") is shown
 * by its scenario.md, where its id and quest keys are.
 */
const char *lint_shown_path(const char *p, struct strbuf *sb)
{
	size_t n = strlen(p);

	if (!n || p[n - 1] != '/')
		return p;
	strbuf_reset(sb);
	strbuf_addf(sb, "%sscenario.md", p);
	return sb->buf;
}

/* Findings at a directory-form scenario as a whole go to its scenario.md. */
static void relocate_dirs(struct diag_sink *sink)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sink->nr; i++) {
		struct diag *d = &sink->items[i];
		const char *p = lint_shown_path(d->path, &sb);

		if (p != d->path) {
			free(d->path);
			d->path = xstrdup(p);
		}
	}
	strbuf_release(&sb);
}

static struct loc moved(struct loc l, const char *path)
{
	l.path = path;
	return l;
}

static void lock(struct lint *lt)
{
	pthread_mutex_lock((pthread_mutex_t *)lt->mutex);
}

static void unlock(struct lint *lt)
{
	pthread_mutex_unlock((pthread_mutex_t *)lt->mutex);
}

/* Keep file index's signature: in memory, or in lt->sig_fd. */
static void keep_sig(struct lint *lt, size_t index, const struct neardup_sig *sig)
{
	if (lt->sig_fd < 0) {
		lt->sigs[index] = *sig;
		return;
	}
	if (pwrite(lt->sig_fd, sig, sizeof(*sig), (off_t)(index * sizeof(*sig))) !=
	    (ssize_t)sizeof(*sig)) {
		struct strbuf sb = STRBUF_INIT;
		struct loc l = {lint_path(lt, index, &sb), 1, 1};
		lock(lt);
		diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable",
		         "cannot keep the file's near-duplicate signature: %s", strerror(errno));
		unlock(lt);
		strbuf_release(&sb);
	}
}

/* A new extra for file index, kept in lt->extras; its path outlives the doc. */
static struct lint_extra *add_extra(struct lint *lt, size_t index, const char *path)
{
	struct lint_extra *x = xcalloc(1, sizeof(*x));

	x->index = index;
	x->path = xstrdup(path);
	lt->entries[index].has_extra = 1;
	lock(lt);
	XGROW(lt->extras, lt->aextras, lt->nextras + 1);
	lt->extras[lt->nextras++] = x;
	unlock(lt);
	return x;
}

/* Copy what the corpus-wide checks need of the doc's quest, split and suppressions. */
static void fill_extra(struct lint_extra *x, const struct doc *doc)
{
	size_t i;

	if (doc->split)
		x->split = xstrdup(doc->split);
	if (doc->quest) {
		x->quest = xstrdup(doc->quest);
		x->unresolved = doc_unresolved(doc);
		x->turn = doc->turn;
		x->turn_loc = moved(doc->turn_loc, x->path);
	}
	if (!doc->has_lint)
		return;
	x->ndisable = doc->ndisable;
	x->disable = xcalloc(doc->ndisable + 1, sizeof(char *));
	x->disable_locs = xcalloc(doc->ndisable + 1, sizeof(struct loc));
	x->disable_used = xcalloc(doc->ndisable + 1, 1);
	for (i = 0; i < doc->ndisable; i++) {
		x->disable[i] = xstrdup(doc->disable[i]);
		x->disable_locs[i] = moved(doc->disable_locs[i], x->path);
	}
	x->has_reason = doc->disable_reason != NULL;
	x->lint_loc = moved(doc->lint_loc, x->path);
}

/*
 * The near-duplicate signature: the scenario's words, then each behavior
 * text's (as check_thought() read them, when it did).
 */
static void make_sig(const struct doc *doc, int usable, struct neardup_sig *sig)
{
	struct neardup_state st;
	size_t i, k;

	memset(sig, 0, sizeof(*sig));
	sig->empty = 1;
	if (!usable || !doc->has_scenario)
		return;
	neardup_begin(&st);
	word_hashes(doc->src + doc->scenario.off, doc->scenario.len, neardup_word, &st);
	for (i = 0; i < doc->nbehaviors; i++) {
		const struct behavior *b = &doc->behaviors[i];

		if (b->text_words) {
			for (k = 0; k < b->ntext_words; k++)
				neardup_word(&st, b->text_words[k]);
		} else {
			word_hashes(doc->src + b->text.off, b->text.len, neardup_word, &st);
		}
	}
	neardup_end(&st, sig);
}

/* Fill entry index from its doc; returns its extra (kept in lt->extras), or NULL. */
static struct lint_extra *keep_entry(struct lint *lt, size_t index, struct doc *doc, int usable)
{
	struct lint_entry *e = &lt->entries[index];
	struct lint_extra *x = NULL;
	struct neardup_sig sig;
	const char *other_id = NULL;

	memset(e, 0, sizeof(*e));
	e->usable = (unsigned char)usable;
	e->has_consequences = (unsigned char)doc->has_consequences;
	if (doc->id) {
		char name[256], quest_dir[256];
		long turn;
		int in_quest;

		frontmatter_file_id(doc->path, name, sizeof(name), &turn, &in_quest, quest_dir,
		                    sizeof(quest_dir));
		/* most ids are their file's name: keep a copy of the others only */
		if (!strcmp(doc->id, name))
			e->id_is_name = 1;
		else
			other_id = doc->id;
		e->id_line = doc->id_loc.line;
		e->id_col = doc->id_loc.col;
	}
	if (other_id || doc->split || doc->quest || doc->has_lint) {
		x = add_extra(lt, index, doc->path);
		if (other_id)
			x->id = xstrdup(other_id);
		fill_extra(x, doc);
	}
	make_sig(doc, usable, &sig);
	keep_sig(lt, index, &sig);
	return x;
}

/*
 * A hostile file can produce a finding per line; keep the first
 * LINT_MAX_PER_RULE of each rule in a file and say how many more there were.
 */
#define LINT_MAX_PER_RULE 50

static int cmp_rule_pos(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->rule, y->rule);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

static void cap_findings(struct diag_sink *fs)
{
	size_t i, j, k, out = 0;

	if (fs->nr <= LINT_MAX_PER_RULE)
		return;
	qsort(fs->items, fs->nr, sizeof(*fs->items), cmp_rule_pos);
	for (i = 0; i < fs->nr; i = j) {
		for (j = i; j < fs->nr && !strcmp(fs->items[j].rule, fs->items[i].rule); j++)
			;
		for (k = i; k < j; k++) {
			if (k - i < LINT_MAX_PER_RULE) {
				fs->items[out++] = fs->items[k];
				continue;
			}
			free(fs->items[k].path);
			free(fs->items[k].rule);
			free(fs->items[k].msg);
			free(fs->items[k].note);
			free(fs->items[k].excerpt);
		}
		if (j - i > LINT_MAX_PER_RULE) {
			struct diag *d = &fs->items[out - 1];
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%zu more [%s] findings in this file are not shown",
			            j - i - LINT_MAX_PER_RULE, d->rule);
			free(d->note);
			d->note = strbuf_detach(&sb, NULL);
		}
	}
	fs->nr = out;
}

/*
 * The per-file time budget: the backstop behind the size, depth and
 * Markdown caps. A stage cannot be interrupted, but once the budget is spent
 * the remaining stages are skipped and the file gets a finding. It counts the
 * CPU time of the thread that checks the file, so other processes on a busy
 * machine do not make a file fail.
 */
#define LINT_FILE_BUDGET_MS 1000.0

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int over_budget(const struct doc *doc, double start, const char *stage,
                       struct diag_sink *sink)
{
	double spent = cpu_ms() - start;
	struct loc l = {doc->path, 1, 1};

	if (spent <= LINT_FILE_BUDGET_MS)
		return 0;
	diag_add(sink, DIAG_ERROR, &l, "time-budget",
	         "checking the file took %.0f ms of CPU time (budget %.0f ms) by the %s stage; "
	         "the remaining checks were skipped: simplify the file",
	         spent, LINT_FILE_BUDGET_MS, stage);
	return 1;
}

/* Hand a doc's findings over to the run, and the doc to on_doc. */
static void lint_done(struct lint *lt, size_t index, struct doc *doc, struct diag_sink *fs,
                      int usable)
{
	int had_error;

	lint_suppress(keep_entry(lt, index, doc, usable), doc->path, fs, 0);
	doc_relocate(doc, fs, 0);
	cap_findings(fs);
	had_error = diag_count(fs, DIAG_ERROR) > 0;
	/* the audit sees what the records hold: no unresolved quest turn */
	if (!had_error && usable && doc->consensus && !doc_unresolved(doc)) {
		const char *split = doc->split
		                        ? doc->split
		                        : config_split(&lt->cfg, doc->quest ? doc->quest : doc->id);
		audit_add_doc(lt->audit, doc,
		              !strcmp(split, "train")        ? 0
		              : !strcmp(split, "validation") ? 1
		                                             : 2);
	}
	if (lt->on_doc)
		lt->on_doc(lt->on_doc_arg, index, doc, had_error || !usable);
	lock(lt);
	diag_move(&lt->sink, fs);
	unlock(lt);
	diag_release(fs);
	doc_free(doc);
}

/* The checks of a doc whose text passed the gate; returns whether it is usable. */
static int lint_parsed(struct lint *lt, struct doc *doc, size_t bom, struct rules_scratch *scratch,
                       double start, struct diag_sink *fs)
{
	size_t i;

	frontmatter_check(doc, bom, &lt->cfg, fs);
	if (doc->fm_ok && !over_budget(doc, start, "front matter", fs))
		body_check(doc, &lt->cfg, fs);
	if (doc->dir_form && doc->fm_ok == 1)
		dirform_check(doc, &lt->cfg, fs);
	if (doc->fm_ok != 1 || !doc->body_ok || over_budget(doc, start, "body", fs))
		return 0;
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		checks[i].fn(doc, &lt->cfg, fs);
	if (!over_budget(doc, start, "checks", fs))
		rules_run(lt->rules, scratch, doc, fs);
	over_budget(doc, start, "regex rules", fs);
	return 1;
}

static int in_named(const struct lint *lt, const char *path);

/*
 * The end of a file that gave no doc (unreadable, or a directory form that
 * could not be joined): no entry, no text to compare, its findings kept.
 */
static void lint_no_doc(struct lint *lt, size_t index, struct diag_sink *fs)
{
	struct neardup_sig none;

	memset(&lt->entries[index], 0, sizeof(lt->entries[index]));
	memset(&none, 0, sizeof(none));
	none.empty = 1; /* no text: never a near-duplicate */
	keep_sig(lt, index, &none);
	lock(lt);
	diag_move(&lt->sink, fs);
	unlock(lt);
	diag_release(fs);
	if (lt->on_doc)
		lt->on_doc(lt->on_doc_arg, index, NULL, 1);
}

/* A directory-form scenario (docs/format.md 2.3): path ends in '/'. */
static void lint_dir_scenario(struct lint *lt, size_t index, const char *path,
                              struct rules_scratch *scratch, double start)
{
	struct diag_sink fs = DIAG_SINK_INIT;
	struct doc *doc;
	int ok, usable = 0;

	doc = dirform_read(path, &fs, &ok);
	if (!doc) {
		lint_no_doc(lt, index, &fs);
		return;
	}
	/* the summary counts the scenario's files, not its directory */
	lock(lt);
	lt->nfiles += doc->npieces - 1;
	if (lt->named && in_named(lt, path))
		lt->nfiles_named += doc->npieces - 1;
	unlock(lt);
	fs.src = doc->src;
	fs.src_len = doc->len;
	fs.src_path = doc->path;
	fs.line_starts = doc->line_starts;
	fs.nlines = doc->nlines;
	if (ok)
		usable = lint_parsed(lt, doc, 0, scratch, start, &fs);
	lint_done(lt, index, doc, &fs, usable);
}

static void lint_file(struct lint *lt, size_t index, struct rules_scratch *scratch)
{
	double start = cpu_ms();
	struct diag_sink fs = DIAG_SINK_INIT;
	struct strbuf pathbuf = STRBUF_INIT;
	const char *path = lint_path(lt, index, &pathbuf);
	struct doc *doc;
	char *buf;
	size_t len, bom;
	int ok, usable = 0;

	if (path[0] && path[strlen(path) - 1] == '/') {
		lint_dir_scenario(lt, index, path, scratch, start);
		strbuf_release(&pathbuf);
		return;
	}
	if (read_file(path, &buf, &len, GATE_MAX_FILE) < 0) {
		struct loc l = {path, 1, 1};
		int e = errno;
		char msg[256];

		strerror_r(e, msg, sizeof(msg));
		if (e == EFBIG)
			diag_add(&fs, DIAG_ERROR, &l, "file-too-large",
			         "the file is larger than %d bytes; split or shorten it",
			         GATE_MAX_FILE);
		else if (e == ELOOP || e == EINVAL)
			diag_add(&fs, DIAG_ERROR, &l, "file-unreadable",
			         "not a regular file (symbolic links are not followed); replace it "
			         "with the file itself");
		else
			diag_add(&fs, DIAG_ERROR, &l, "file-unreadable", "cannot read the file: %s",
			         msg);
		lint_no_doc(lt, index, &fs);
		strbuf_release(&pathbuf);
		return;
	}
	doc = doc_new(path, buf, len);
	fs.src = doc->src;
	fs.src_len = doc->len;
	fs.src_path = doc->path;
	fs.line_starts = doc->line_starts;
	fs.nlines = doc->nlines;
	/* conflict markers first: a file holding them gets no other finding */
	ok = !gate_conflicts(doc, &fs) && gate_check(doc, &fs, &bom);
	if (ok)
		usable = lint_parsed(lt, doc, bom, scratch, start, &fs);
	lint_done(lt, index, doc, &fs, usable);
	strbuf_release(&pathbuf);
}

static int has_md_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && !strcmp(name + n - 3, ".md");
}

static size_t file_id_slot(const struct lint *lt, unsigned long long dev, unsigned long long ino)
{
	uint64_t h = (dev * 0x9E3779B97F4A7C15ULL) ^ (ino * 0xC2B2AE3D27D4EB4FULL);

	return (size_t)(h ^ (h >> 29)) & (lt->seen_cap - 1);
}

/* Remember file_ids[k] in the hash set (growing it to stay half empty). */
static void seen_add(struct lint *lt, size_t k)
{
	size_t i;

	if ((k + 1) * 2 > lt->seen_cap) {
		size_t old = lt->seen_cap, j;
		uint32_t *prev = lt->seen;

		lt->seen_cap = old ? old * 2 : 1024;
		lt->seen = xcalloc(lt->seen_cap, sizeof(*lt->seen));
		for (j = 0; j < old; j++) {
			if (!prev[j])
				continue;
			i = file_id_slot(lt, lt->file_ids[prev[j] - 1].dev,
			                 lt->file_ids[prev[j] - 1].ino);
			while (lt->seen[i])
				i = (i + 1) & (lt->seen_cap - 1);
			lt->seen[i] = prev[j];
		}
		free(prev);
	}
	i = file_id_slot(lt, lt->file_ids[k].dev, lt->file_ids[k].ino);
	while (lt->seen[i])
		i = (i + 1) & (lt->seen_cap - 1);
	lt->seen[i] = (uint32_t)(k + 1);
}

/*
 * Queue a file, once: the same file named twice (or by two paths) is one
 * file. Its path is dirs[dir] followed by name.
 */
static void add_file(struct lint *lt, uint32_t dir, const char *name, const struct stat *st)
{
	if (st && lt->seen_cap) {
		size_t i = file_id_slot(lt, st->st_dev, st->st_ino);

		for (; lt->seen[i]; i = (i + 1) & (lt->seen_cap - 1)) {
			const struct lint_file_id *f = &lt->file_ids[lt->seen[i] - 1];
			if (f->dev == st->st_dev && f->ino == st->st_ino)
				return;
		}
	}
	XGROW(lt->files, lt->afiles, lt->nfiles_todo + 1);
	lt->file_ids = xrealloc(lt->file_ids, lt->afiles * sizeof(*lt->file_ids));
	lt->file_ids[lt->nfiles_todo].dev = st ? st->st_dev : 0;
	lt->file_ids[lt->nfiles_todo].ino = st ? st->st_ino : 0;
	lt->files[lt->nfiles_todo].dir = dir;
	lt->files[lt->nfiles_todo].name = (uint32_t)lt->names.len;
	strbuf_add(&lt->names, name, strlen(name) + 1);
	if (st)
		seen_add(lt, lt->nfiles_todo);
	lt->nfiles_todo++;
}

/* A directory entry: its name, and what readdir() says it is. */
struct dir_entry {
	char *name;
	unsigned char type; /* DT_REG, DT_DIR, ... or DT_UNKNOWN */
	ino_t ino;
};

static int cmp_dir_entry(const void *a, const void *b)
{
	return strcmp(((const struct dir_entry *)a)->name, ((const struct dir_entry *)b)->name);
}

/*
 * A directory the named paths walked already, met again by the context walk;
 * during the named walk, remember it.
 */
static int skipped_dir(struct lint *lt, const struct stat *st)
{
	size_t i;

	if (!st->st_dev)
		return 0;
	for (i = 0; i < lt->nskip_dirs; i++)
		if (lt->skip_dirs[i].dev == st->st_dev && lt->skip_dirs[i].ino == st->st_ino)
			return lt->in_context;
	if (!lt->in_context && lt->named) {
		lt->skip_dirs =
		    xrealloc(lt->skip_dirs, (lt->nskip_dirs + 1) * sizeof(*lt->skip_dirs));
		lt->skip_dirs[lt->nskip_dirs].dev = st->st_dev;
		lt->skip_dirs[lt->nskip_dirs].ino = st->st_ino;
		lt->nskip_dirs++;
	}
	return 0;
}

static void walk(struct lint *lt, const char *dir, int depth)
{
	DIR *d;
	struct dirent *de;
	struct dir_entry *ents = NULL;
	size_t n = 0, alloc = 0, i;
	uint32_t dir_index;
	struct stat dst;

	if (depth > 64) {
		struct loc l = {dir, 1, 1};
		diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable",
		         "directories nested more than 64 deep; not walked further");
		return;
	}
	d = opendir(dir);
	if (!d) {
		struct loc l = {dir, 1, 1};
		diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable", "cannot open directory: %s",
		         strerror(errno));
		return;
	}
	if (fstat(dirfd(d), &dst) < 0)
		memset(&dst, 0, sizeof(dst));
	if (skipped_dir(lt, &dst)) {
		closedir(d);
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		XGROW(ents, alloc, n + 1);
		ents[n].name = xstrdup(de->d_name);
		ents[n].type = de->d_type;
		ents[n].ino = de->d_ino;
		n++;
	}
	closedir(d);
	if (n)
		qsort(ents, n, sizeof(*ents), cmp_dir_entry);
	{
		struct strbuf pre = STRBUF_INIT;

		if (strcmp(dir, "."))
			strbuf_addf(&pre, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
		dir_index = add_dir(lt, pre.buf);
		strbuf_release(&pre);
	}
	for (i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name = ents[i].name;
		struct stat st;

		strbuf_addstr(&sb, lt->dirs[dir_index]);
		strbuf_addstr(&sb, name);
		if (ents[i].type == DT_REG && dst.st_dev) {
			/*
			 * The directory says it is a regular file, and gives its
			 * inode: no lstat() needed (most of a corpus). Reading
			 * opens it with O_NOFOLLOW and checks it again.
			 */
			if (has_md_suffix(name)) {
				memset(&st, 0, sizeof(st));
				st.st_dev = dst.st_dev;
				st.st_ino = ents[i].ino;
				add_file(lt, dir_index, name, &st);
			}
		} else if (lstat(sb.buf, &st) < 0) {
			/* vanished meanwhile: nothing to check; else say so */
			if (errno != ENOENT) {
				struct loc l = {sb.buf, 1, 1};
				diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable",
				         "cannot examine this path: %s", strerror(errno));
				lt->nfiles++;
			}
		} else if (S_ISLNK(st.st_mode)) {
			if (has_md_suffix(name)) {
				struct loc l = {sb.buf, 1, 1};
				diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable",
				         "a symbolic link; corpusc does not follow links, put the "
				         "file itself here");
				lt->nfiles++;
			}
		} else if (S_ISDIR(st.st_mode) && dirform_is_scenario(sb.buf)) {
			/* a directory-form scenario: one entry, "<name>/" */
			strbuf_addch(&sb, '/');
			add_file(lt, dir_index, sb.buf + strlen(lt->dirs[dir_index]), &st);
		} else if (S_ISDIR(st.st_mode)) {
			walk(lt, sb.buf, depth + 1);
			/* the subdirectory's files came under prefixes of their own */
			dir_index = add_dir(lt, lt->dirs[dir_index]);
		} else if (S_ISREG(st.st_mode) && has_md_suffix(name)) {
			add_file(lt, dir_index, name, &st);
		} else if (has_md_suffix(name)) {
			struct loc l = {sb.buf, 1, 1};
			diag_add(&lt->sink, DIAG_ERROR, &l, "file-unreadable",
			         "not a regular file (a FIFO, socket or device); put a scenario "
			         "file here");
			lt->nfiles++;
		}
		strbuf_release(&sb);
		free(ents[i].name);
	}
	free(ents);
}

/*
 * Progress on stderr for long runs on a terminal: files done, rate, time
 * left; updated at most every 200 ms, erased at the end. Silent otherwise.
 */
static void show_progress(struct lint *lt, int final)
{
	double now, secs, rate;
	size_t total = lt->nfiles_todo;

	if (!lt->progress)
		return;
	now = now_ms();
	if (!final && now - lt->shown < 200)
		return;
	secs = (now - lt->started) / 1000.0;
	rate = secs > 0 ? (double)lt->done / secs : 0;
	lt->shown = now;
	if (final) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r\033[Kcorpusc: %zu/%zu files, %.0f files/s, %.0f s left", lt->done,
	        total, rate, rate > 0 ? (double)(total - lt->done) / rate : 0.0);
	fflush(stderr);
}

static void *worker(void *arg)
{
	struct lint *lt = arg;
	struct rules_scratch *scratch = rules_scratch_new(lt->rules);

	for (;;) {
		size_t i;

		lock(lt);
		i = lt->next++;
		unlock(lt);
		if (i >= lt->nfiles_todo)
			break;
		lint_file(lt, i, scratch);
		lock(lt);
		lt->done++;
		show_progress(lt, 0);
		unlock(lt);
	}
	rules_scratch_free(scratch);
	mdmem_release();
	return NULL;
}

struct by_id {
	struct lint_file f;
	uint32_t key, len; /* the id the file must have: lt->names.buf + key */
};

static const struct lint *sort_lt; /* for cmp_by_id(): qsort has no argument */

static int cmp_by_id(const void *a, const void *b)
{
	const struct by_id *x = a, *y = b;
	const char *names = sort_lt->names.buf;
	int c = memcmp(names + x->key, names + y->key, x->len < y->len ? x->len : y->len);

	if (!c && x->len != y->len)
		c = x->len < y->len ? -1 : 1;
	if (!c) {
		/* the same id twice: by path (an error the lint reports anyway) */
		struct strbuf p = STRBUF_INIT, q = STRBUF_INIT;
		strbuf_addstr(&p, sort_lt->dirs[x->f.dir]);
		strbuf_addstr(&p, names + x->f.name);
		strbuf_addstr(&q, sort_lt->dirs[y->f.dir]);
		strbuf_addstr(&q, names + y->f.name);
		c = strcmp(p.buf, q.buf);
		strbuf_release(&p);
		strbuf_release(&q);
	}
	return c;
}

/*
 * Order files[first..] by the id each must have (its name without ".md" and
 * a quest turn's "NN-"), then by path: valid files then come in id order,
 * which lets a build write its records as files finish instead of sorting
 * them after. Runs on one thread.
 */
static void sort_by_id(struct lint *lt, size_t first)
{
	size_t n = lt->nfiles_todo - first, i;
	struct by_id *v = xmalloc((n + 1) * sizeof(*v));
	struct strbuf path = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		char id[256], quest_dir[256];
		const char *name = lt->names.buf + lt->files[first + i].name;
		size_t nlen = strlen(name);
		/* a directory-form scenario's name ends in '/' */
		const char *end = name + nlen - (nlen > 1 && name[nlen - 1] == '/');
		const char *base = end;
		long turn;
		int in_quest;

		strbuf_reset(&path);
		frontmatter_file_id(lint_path(lt, first + i, &path), id, sizeof(id), &turn,
		                    &in_quest, quest_dir, sizeof(quest_dir));
		while (base > name && base[-1] != '/')
			base--;
		if (strncmp(base, id, strlen(id)))
			base += 3; /* a quest turn's "NN-" */
		v[i].f = lt->files[first + i];
		v[i].key = (uint32_t)(base - lt->names.buf);
		v[i].len = (uint32_t)strlen(id);
	}
	sort_lt = lt;
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_by_id);
	for (i = 0; i < n; i++)
		lt->files[first + i] = v[i].f;
	strbuf_release(&path);
	free(v);
}

static int job_count(size_t nfiles)
{
	const char *env = getenv("CORPUSC_JOBS");
	long n = env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	if ((size_t)n > nfiles)
		n = nfiles ? (long)nfiles : 1;
	return (int)n;
}

/* A named path without its trailing slashes ("." for the current directory). */
static char *named_path(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	return xstrndup(p, n);
}

/*
 * The directory-form scenario that path is, or is inside (its scenario.md,
 * behaviors/, a file in them), as "<dir>/"; NULL when there is none.
 */
static char *scenario_dir_of(const char *path)
{
	char *p = named_path(path), *slash;
	int up;

	for (up = 0; up < 3; up++) {
		if (dirform_is_scenario(p)) {
			size_t n = strlen(p);
			char *r = xmalloc(n + 2);
			memcpy(r, p, n);
			memcpy(r + n, "/", 2);
			free(p);
			return r;
		}
		slash = strrchr(p, '/');
		if (!slash || slash == p)
			break;
		*slash = '\0';
	}
	free(p);
	return NULL;
}

/* Queue the files of these paths (files, or directories to walk). */
static int add_paths(struct lint *lt, char *const *paths, size_t npaths)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < npaths; i++) {
		struct stat st;

		char *scen;

		if (lstat(paths[i], &st) < 0) {
			ret = error("cannot open '%s': %s", paths[i], strerror(errno));
			continue;
		}
		scen = scenario_dir_of(paths[i]);
		if (scen) {
			if (lstat(scen, &st) == 0)
				add_file(lt, 0, scen, &st);
			free(scen);
		} else if (S_ISDIR(st.st_mode)) {
			walk(lt, paths[i], 0);
		} else {
			add_file(lt, 0, paths[i], &st);
		}
	}
	return ret;
}

static int run_files(struct lint *lt, size_t first);

int lint_paths(struct lint *lt, char *const *paths, size_t npaths)
{
	size_t first = lt->nfiles_todo;
	int ret = add_paths(lt, paths, npaths);

	lt->nfiles += lt->nfiles_todo - first;
	if (run_files(lt, first) < 0)
		ret = -1;
	return ret;
}

int lint_paths_in_context(struct lint *lt, char *const *paths, size_t npaths, char *const *context,
                          size_t ncontext)
{
	size_t first = lt->nfiles_todo, i;
	int ret;

	lt->nsetup = lt->sink.nr;
	lt->named = xcalloc(npaths + 1, sizeof(char *));
	for (i = 0; i < npaths; i++) {
		/* a file of a directory-form scenario names the scenario */
		char *scen = scenario_dir_of(paths[i]);
		lt->named[i] = named_path(scen ? scen : paths[i]);
		free(scen);
	}
	lt->nnamed = npaths;
	ret = add_paths(lt, paths, npaths);
	lt->nfiles_named = lt->nfiles + (lt->nfiles_todo - first);
	lt->in_context = 1;
	/* the context walk's own problems are not the named paths' */
	{
		size_t before = lt->sink.nr;
		add_paths(lt, context, ncontext);
		while (lt->sink.nr > before)
			diag_remove(&lt->sink, lt->sink.nr - 1);
	}
	lt->in_context = 0;
	lt->nfiles += lt->nfiles_todo - first;
	if (run_files(lt, first) < 0)
		ret = -1;
	return ret;
}

/* Is path one of the named paths, or inside one of them? */
static int in_named(const struct lint *lt, const char *path)
{
	size_t i;

	for (i = 0; i < lt->nnamed; i++) {
		const char *p = lt->named[i];
		size_t n = strlen(p);

		if (!strcmp(p, ".") && path[0] != '/')
			return 1;
		if (!strncmp(path, p, n) && (path[n] == '\0' || path[n] == '/' || p[n - 1] == '/'))
			return 1;
	}
	return 0;
}

/* Keep only the findings located in the named paths. */
static void keep_named(struct lint *lt)
{
	size_t i, out = 0;

	for (i = 0; i < lt->sink.nr; i++) {
		struct diag *d = &lt->sink.items[i];

		if (i < lt->nsetup || in_named(lt, d->path)) {
			lt->sink.items[out++] = *d;
			continue;
		}
		free(d->path);
		free(d->rule);
		free(d->msg);
		free(d->note);
		free(d->excerpt);
	}
	lt->sink.nr = out;
}

static int run_files(struct lint *lt, size_t first)
{
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	pthread_t *threads;
	int k, started = 0;

	/* only the walk needed them (lint_paths runs once) */
	free(lt->file_ids);
	free(lt->seen);
	lt->file_ids = NULL;
	lt->seen = NULL;
	lt->seen_cap = 0;
	if (lt->by_id)
		sort_by_id(lt, first);
	/* the walk is done: no slack in the per-file arrays */
	lt->files = xrealloc(lt->files, (lt->nfiles_todo + 1) * sizeof(*lt->files));
	lt->afiles = lt->nfiles_todo + 1;
	lt->entries = xrealloc(lt->entries, (lt->nfiles_todo + 1) * sizeof(*lt->entries));
	lt->alloc = lt->nfiles_todo + 1;
	if (lt->nfiles_todo > first)
		memset(lt->entries + first, 0, (lt->nfiles_todo - first) * sizeof(*lt->entries));
	if (lt->names.alloc > lt->names.len + 1) {
		lt->names.buf = xrealloc(lt->names.buf, lt->names.len + 1);
		lt->names.alloc = lt->names.len + 1;
	}
	/* at most a scenario a file: the audit's arrays are sized once */
	audit_reserve(lt->audit, lt->nfiles_todo);
	if (lt->sig_fd < 0 && !lt->sig_own) {
		struct spill tmp;
		lt->sig_own = 1;
		if (spill_open_tmp(&tmp) == 0)
			lt->sig_fd = tmp.fd;
	}
	if (lt->sig_fd < 0)
		lt->sigs = xrealloc(lt->sigs, (lt->alloc + 1) * sizeof(*lt->sigs));
	lt->nentries = lt->nfiles_todo;
	lt->next = first;
	lt->mutex = &mutex;
	lt->jobs = job_count(lt->nfiles_todo - first);
	lt->started = lt->shown = now_ms();
	lt->progress = lt->nfiles_todo - first >= 500 && isatty(STDERR_FILENO) &&
	               !getenv("CORPUSC_NO_PROGRESS");
	threads = xcalloc((size_t)lt->jobs, sizeof(*threads));
	/* this thread is worker 0; a thread that cannot start is not needed */
	for (k = 1; k < lt->jobs; k++)
		if (pthread_create(&threads[k], NULL, worker, lt))
			break;
	started = k;
	worker(lt);
	for (k = 1; k < started; k++)
		pthread_join(threads[k], NULL);
	show_progress(lt, 1);
	free(threads);
	lt->mutex = NULL;
	pthread_mutex_destroy(&mutex);
	return 0;
}

void lint_finish(struct lint *lt)
{
	corpus_checks_run(lt);
	relocate_dirs(&lt->sink);
	if (lt->named)
		keep_named(lt);
	diag_sort(&lt->sink);
}

void lint_release(struct lint *lt)
{
	size_t i, k;

	audit_free(lt->audit);
	lt->audit = NULL;
	for (i = 0; i < lt->nextras; i++) {
		struct lint_extra *x = lt->extras[i];

		free(x->path);
		free(x->id);
		free(x->quest);
		free(x->split);
		for (k = 0; k < x->ndisable; k++)
			free(x->disable[k]);
		free(x->disable);
		free(x->disable_locs);
		free(x->disable_used);
		free(x);
	}
	free(lt->extras);
	for (i = 0; i < lt->nnamed; i++)
		free(lt->named[i]);
	free(lt->named);
	free(lt->skip_dirs);
	free(lt->entries);
	free(lt->sigs);
	if (lt->sig_own && lt->sig_fd >= 0)
		close(lt->sig_fd);
	free(lt->sig_page);
	free(lt->files);
	for (i = 0; i < lt->ndirs; i++)
		free(lt->dirs[i]);
	free(lt->dirs);
	strbuf_release(&lt->names);
	free(lt->file_ids);
	free(lt->seen);
	rules_free(lt->rules);
	diag_release(&lt->sink);
	config_release(&lt->cfg);
	ruleinfo_reset();
}
