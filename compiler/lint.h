/*
 * lint: the whole lint run shared by `corpusc lint` and `corpusc build` --
 * find the files, run every per-file stage on each (the checks table), then
 * the corpus-wide checks (duplicate ids, near-duplicates, quest turns) and
 * the lint suppressions, collecting all findings in one sink.
 */
#ifndef LINT_H
#define LINT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "config.h"
#include "diag.h"
#include "doc.h"
#include "neardup.h"
#include "strbuf.h"

struct rules;
struct audit;

/* What the corpus-wide checks keep of each file once its doc is freed. */
/* What few files have: an id unlike the file name, a quest turn, a pinned split, suppressions. */
struct lint_extra {
	size_t index; /* the file's, in lt->files */
	char *path;   /* its path (the locs below point into it) */
	char *id;     /* an id other than the file name, or NULL */
	char *quest;
	int unresolved; /* a directory-form turn still proposing or ranking */
	long turn;
	struct loc turn_loc;
	char *split;    /* pinned split, or NULL */
	char **disable; /* suppressed rule ids */
	struct loc *disable_locs;
	char *disable_used; /* per rule id: did it suppress anything? */
	size_t ndisable;
	int has_reason;
	struct loc lint_loc;
};

/*
 * What each file keeps for the corpus-wide checks: 12 bytes, since a corpus
 * may hold a hundred thousand files. Its path is lint_path(lt, i); its id, when
 * it has one, is its file's name unless lint_extra says otherwise.
 */
struct lint_entry {
	int id_line, id_col;  /* 0 when the file has no valid id */
	unsigned char usable; /* front matter and body parsed */
	unsigned char has_consequences;
	unsigned char id_is_name;
	unsigned char has_extra;
};

/*
 * Called once for every file queued, with its index in lt->files and its doc
 * (NULL when the file could not be read) before the doc is freed. It runs
 * on the worker threads, concurrently: the callee locks what it shares.
 */
typedef void (*lint_doc_fn)(void *arg, size_t index, struct doc *doc, int had_error);

struct lint {
	struct config cfg;
	void *mutex; /* pthread_mutex_t, guarding sink */
	/*
	 * The files to check, in walk order: each a directory prefix (shared by
	 * the files of a directory) and a name; lint_path() puts them together.
	 * A hundred thousand paths then take about 2 MB.
	 */
	struct lint_file {
		uint32_t dir, name;
	} * files;
	char **dirs; /* prefixes, with their '/'; dirs[0] is "" */
	size_t ndirs, adirs;
	struct strbuf names; /* the names, each ending in NUL */
	struct lint_file_id {
		unsigned long long dev, ino;
	} * file_ids;
	size_t nfiles_todo, afiles;
	uint32_t *seen; /* hash set of file_ids: index + 1, 0 empty */
	size_t seen_cap;
	size_t next;           /* next file for a worker (under mutex) */
	int jobs;              /* worker threads */
	size_t done;           /* files checked (under mutex) */
	double started, shown; /* progress display: start, last update (ms) */
	int progress;          /* show progress on stderr (a terminal) */
	struct rules *rules;
	/*
	 * The shortcut audit (audit.h) of the files without errors: the
	 * corpus-wide check `shortcuts` warns from it; a build writes it.
	 */
	struct audit *audit;
	struct diag_sink sink; /* every finding of the run */
	struct lint_entry *entries;
	size_t nentries, alloc;
	struct lint_extra **extras; /* sorted by index once the run is over */
	size_t nextras, aextras;
	size_t nfiles;
	lint_doc_fn on_doc;
	void *on_doc_arg;
	int by_id; /* check files in the order of the id each must have */
	/*
	 * Corpus context (lint_paths_in_context()): the named paths, whose
	 * files alone get findings reported, and the directories they walked,
	 * which the context walk skips.
	 */
	char **named;
	size_t nnamed;
	size_t nfiles_named; /* files found under the named paths */
	size_t nsetup;       /* findings before the walk (config, rules): all kept */
	struct lint_file_id *skip_dirs;
	size_t nskip_dirs;
	int in_context; /* the context walk is on */
	/*
	 * The near-duplicate signatures, one per file: when sig_fd is a file,
	 * at index * sizeof(struct neardup_sig) there, so memory does not
	 * grow with them (a build passes one in its staging directory; else
	 * the walk makes one in $TMPDIR, sig_own), else in sigs.
	 */
	struct neardup_sig *sigs;
	int sig_fd, sig_own;
	struct neardup_sig *sig_page; /* lint_finish() reads them back a page at a time */
	size_t sig_page_first, sig_page_n;
};

/*
 * Find the repository root, load the config and rules (rules_dir NULL: the
 * root's lint-rules/). Returns 0, or -1 after printing why.
 */
int lint_init(struct lint *lt, const char *rules_dir);
/*
 * Lint these paths (files or directories, walked for *.md), on as many worker
 * threads as there are cores (CORPUSC_JOBS=N overrides). Findings and
 * entries are the same whatever the thread count. Call it once per lint.
 */
int lint_paths(struct lint *lt, char *const *paths, size_t npaths);
/*
 * Lint paths in the context of the corpus (docs/format.md 4.2): the files of
 * context (e.g. the corpus/ directory) are read and checked too, for the
 * corpus-wide checks, but lint_finish() then keeps only the findings located
 * in paths. A file reached both ways keeps the spelling of paths.
 */
int lint_paths_in_context(struct lint *lt, char *const *paths, size_t npaths, char *const *context,
                          size_t ncontext);
/* Corpus-wide checks (corpus_checks.h) and suppression; then sort the findings. */
void lint_finish(struct lint *lt);
void lint_release(struct lint *lt);

/* Append the path of file i (as walked or given) to sb; returns sb->buf. */
const char *lint_path(const struct lint *lt, size_t i, struct strbuf *sb);

/*
 * Drop the findings of path, from index from of sink on, whose rule x
 * disables (x may be NULL), and mark in x which suppressions were used.
 */
void lint_suppress(struct lint_extra *x, const char *path, struct diag_sink *sink, size_t from);

/*
 * A path to show in a message: a directory-form scenario ("<dir>/") is shown
 * by its scenario.md (into sb), where its id and quest keys are; others as
 * they are.
 */
const char *lint_shown_path(const char *p, struct strbuf *sb);

/* The default path when none is given: the root's corpus/ as seen from cwd. */
char *lint_default_path(const struct lint *lt);

#endif
