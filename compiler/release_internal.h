/*
 * release_internal: what the files of `corpusc build` share (release.h is
 * the command's interface). The build is split by what each file writes:
 *
 *   release.c           the driver: lint, each checked scenario's records in
 *                       id order, then the rest, then the checksums
 *   release_outputs.c   the table of the release's files (struct release_output)
 *   release_stream.c    files written in pieces and hashed as they go
 *   release_episodes.c  episodes.jsonl
 *   release_pages.c     the quest turns' pages and the site-wide pages
 *   release_changes.c   the change list against --previous, and the bump
 *   release_card.c      the dataset card, README.md
 *   release_manifest.c  manifest.json and SHA256SUMS
 */
#ifndef RELEASE_INTERNAL_H
#define RELEASE_INTERNAL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "audit.h"
#include "doc.h"
#include "emit_html.h"
#include "emit_jsonl.h"
#include "fsout.h"
#include "lint.h"
#include "spill.h"
#include "strbuf.h"

#define COMMIT_WINDOW 16      /* results waiting for an earlier file, at most */
#define RELEASE_MAX_STREAMS 8 /* rows of release_outputs[] with per_scenario */
#define RELEASE_NSPLITS 3     /* train, validation, test: a data file each */

/* "train", "validation", "test" */
extern const char *const release_split_names[RELEASE_NSPLITS];

struct ostream {
	int fd;
	int direct; /* O_DIRECT is on: write whole blocks only */
	char *path;
	EVP_MD_CTX *md;
	char *buf;    /* OSTREAM_BUF bytes, OSTREAM_ALIGN-aligned */
	size_t len;   /* bytes waiting in buf */
	size_t bytes; /* bytes written */
};

struct quest_rec {
	char *id, *split, *quest, *chosen;
	long turn;
	char *consequences; /* a JSON string, or "null" */
};

struct counts {
	size_t scenarios, behaviors, comparisons, episodes, split[3];
	size_t kind_split[3][RELEASE_NSPLITS]; /* scenarios, comparisons, episodes */
	size_t origin[3];                      /* human, model-assisted, model */
	size_t rankers[3];                     /* scenarios with 1, 2, 3 or more rankers */
	size_t pair_kind[3];                   /* comparisons by kind (emit_pair_kind) */
};

/* Add b's counts to a. */
void counts_add(struct counts *a, const struct counts *b);

/* One file's contribution, made on a worker, committed in file order. */
struct result {
	int ready, emit;
	struct strbuf lines[RELEASE_MAX_STREAMS]; /* per stream row of release_outputs[] */
	char *id;
	unsigned char scen_hash[32]; /* its scenario record's, for the change list */
	struct counts c;             /* what it adds to the release's counts */
	int split;                   /* 0 train, 1 validation, 2 test */
	struct strbuf quest_page;
	struct strbuf bigbench; /* its BIG-bench example (test split only) */
	struct site_entry se;
	int has_page; /* its page is written: */
	unsigned char page_hash[32];
	size_t page_bytes;
	struct quest_rec *quest;
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

struct rel {
	struct lint lt;
	struct fsout fo;
	struct spill spill;
	struct spill sigs; /* the lint's near-duplicate signatures */
	/*
	 * The per_scenario rows' files, in release_outputs[] order, a file per
	 * split each: row k's split s is streams[k * RELEASE_NSPLITS + s].
	 */
	struct ostream streams[RELEASE_MAX_STREAMS * RELEASE_NSPLITS];
	size_t nstreams;
	struct ostream page; /* the site-wide page being written */
	/*
	 * Results by file index: slots [written, ready_to) are complete and in
	 * order, waiting for the writer; later slots wait for earlier files.
	 */
	struct result window[COMMIT_WINDOW];
	size_t written, ready_to;
	int writing;        /* a thread is writing results (without cm) */
	pthread_mutex_t cm; /* the window, written, ready_to, writing */
	pthread_cond_t cv;
	struct site site;
	struct changes ch;
	struct counts c;
	struct audit *audit;            /* the shortcut audit of the card and statistics page */
	struct spill_chain pages;       /* "id hex bytes" of each scenario page */
	struct spill_chain quest_pages; /* quest turns' pages, length-prefixed */
	struct spill_chain bigbench;    /* the test split's BIG-bench examples, comma-led */
	size_t nbigbench;
	struct quest_rec **quests; /* in id order */
	size_t nquests, aquests;
	struct filehash *files; /* every other file of the release */
	size_t nfiles, afiles;
	int failed;         /* an I/O failure while building */
	pthread_mutex_t mu; /* files, failed */
	const char *version;
};

/*
 * A file of the release (or a family of files), one row of release_outputs[].
 * A row with a schema is a kind of records: its path is a directory,
 * data/<kind>, holding a file per split, <split>.jsonl (release_data_path()).
 * A row with per_scenario is a stream: the function appends the records of
 * one checked scenario to out (on a worker thread, so it touches nothing
 * shared), adding what it wrote to c; the driver writes the records of
 * every scenario to path in id order. A row with at_end is written once
 * every scenario is in, in table order; it returns 0, or -1 after printing
 * why (or rel_fail()). schema names the JSON Schema of a JSONL file's
 * records (a file of schemas/), written to schema/; card, the card's description of
 * one line of it ("one line per ..."), puts it in the card's file table and
 * configs, card_default making it the default config.
 */
struct release_output {
	const char *path;
	const char *schema;
	const char *card;
	int card_default;
	void (*per_scenario)(struct strbuf *out, const struct doc *doc, const struct emit_ctx *ctx,
	                     struct counts *c);
	int (*at_end)(struct rel *r, const struct release_output *o);
};

/* The table, in release_outputs.c; row 0 is the scenarios (the change list reads them). */
extern const struct release_output release_outputs[];
extern const size_t release_noutputs;

/* Append the data file of kind row o for split s, "data/<kind>/<split>.jsonl", to sb. */
void release_data_path(const struct release_output *o, int s, struct strbuf *sb);
/* The kind of a data row: its path's last component ("scenarios"). */
const char *release_kind(const struct release_output *o);

/* release_stream.c */

/* Lowercase hex of d[0..n) into out (2n + 1 bytes). */
void release_hex(const unsigned char *d, size_t n, char *out);
/* Mark the build failed (an I/O error was printed); any thread. */
void rel_fail(struct rel *r);
/* Write a whole file of the release and record its hash: 0, or -1 and failed. */
int rel_write(struct rel *r, const char *path, const char *data, size_t len);
/*
 * Open a streamed file of the release; big: a large one (O_DIRECT where
 * possible). 0, or -1 and failed.
 */
int ostream_open(struct rel *r, struct ostream *os, const char *path, int big);
/* Append data; -1 once the stream has failed. */
int ostream_add(struct rel *r, struct ostream *os, const char *data, size_t len);
/* Finish the file and record its hash; safe on a stream never opened. */
int ostream_close(struct rel *r, struct ostream *os);

/* release_episodes.c: data/episodes/ from r->quests; sets the episode counts. */
int release_episodes(struct rel *r, const struct release_output *o);

/* release_outputs.c: bigbench/task.json from r->bigbench. */
int release_bigbench(struct rel *r, const struct release_output *o);

/* release_pages.c: the quest turns' pages (their navigation needs every turn). */
int release_quest_pages(struct rel *r, const struct release_output *o);
/* The site-wide pages (html/). */
int release_site(struct rel *r, const struct release_output *o);

/* release_changes.c */

void changes_init(struct changes *ch);
void changes_release(struct changes *ch);
/* Read the previous release in dir (its manifest and scenario records). */
int changes_load(struct changes *ch, const char *dir);
/* The next scenario in id order, with its record's hash. */
void changes_step(struct rel *r, const char *id, const unsigned char hash[32]);
/* After the last scenario: the previous release's ids not met were removed. */
void changes_finish(struct rel *r);
/* 0 if version grows enough over the previous release for the changes, else -1. */
int changes_check_bump(const struct changes *ch, const char *version);
/* CHANGES.md and changes.json. */
int changes_write(struct rel *r, const struct release_output *o);

/* release_card.c: the dataset card, README.md. */
int release_card(struct rel *r, const struct release_output *o);

/* release_manifest.c */

/*
 * manifest.json, then SHA256SUMS, listing every other file of the release.
 * The date is when (have_when), else HEAD's commit time, else null.
 */
void release_checksums(struct rel *r, long long when, int have_when);

#endif
