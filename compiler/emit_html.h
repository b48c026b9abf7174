/*
 * emit_html: the static site of the release (docs/format.md 5 `html/`, 5.4): one page
 * per scenario, the index, taxonomy, statistics and quests pages, one
 * stylesheet and one small script. Every corpus string is escaped for its
 * context (text, attribute, URL); Markdown goes through cmark's safe mode and
 * a pass that keeps only http(s)/mailto links and self-contained images, so
 * raw HTML and unsafe URLs never reach a page; a Content-Security-Policy
 * <meta> on every page forbids inline script and outside loads.
 *
 * Thread safety: every function here may run on several threads at once on
 * different outputs (release.c writes scenario pages from the lint's worker
 * threads); nothing keeps static mutable state. Output depends only on the
 * inputs, so pages are byte-identical across runs and thread counts.
 */
#ifndef EMIT_HTML_H
#define EMIT_HTML_H

#include <stddef.h>

#include "config.h"
#include "doc.h"
#include "spill.h"
#include "strbuf.h"

/* What the site pages need of each scenario, kept after its doc is freed. */
struct site_behavior {
	char *id;
	int label; /* enum label */
	int superhuman;
	char **features;
	size_t nfeatures;
	size_t thought_words;
};

/*
 * An open quest turn (a directory-form turn still proposing or ranking): the
 * quests page shows it with the files a player or ranker adds next.
 */
struct site_open_turn {
	char *quest, *id, *title, *source;
	long turn;
	int ranking;      /* 0 proposing, 1 ranking */
	char **behaviors; /* ids, in id order */
	size_t nbehaviors;
	char **rankers; /* handles */
	size_t nrankers;
};

struct site_entry {
	char *id, *title, *split, *origin, *source;
	char *search; /* the words of its texts, for search.js */
	char *quest;
	long turn;
	char *chosen;
	int chosen_label;        /* quest turns: the chosen behavior's label */
	char *chosen_html;       /* quest turns: its text, rendered */
	char *consequences_html; /* quest turns: rendered consequences */
	char **capabilities;
	size_t ncapabilities;
	char **tags;
	size_t ntags;
	struct site_behavior *behaviors;
	size_t nbehaviors;
	double agreement; /* NAN with one ranker */
	size_t nrankings;
};

/* A feature's or capability's counts, and its list on the taxonomy page. */
struct site_term {
	size_t nbehaviors, nscenarios, nd, nu;
	size_t last;             /* site->n of the entry that added to it last */
	struct spill_chain list; /* its <li> items, in id order */
};

struct taxo_index;

/* A file of the release already written when the site is (for its size). */
struct site_file {
	char *path; /* relative to the release directory */
	size_t bytes;
};

#define SITE_WORDS_EXACT 4096 /* thought lengths counted exactly below this */

/*
 * The site as it accumulates: site_add() takes the entries in id order and
 * keeps only counts and what the site-wide pages list, written to a spill
 * (index rows, taxonomy lists); quest turns are kept whole for their pages.
 */
struct site {
	const struct config *cfg;
	const char *version;
	const char *repo_url; /* cfg->repository: the repository link; may be NULL */
	struct spill *spill;  /* where the rows and lists go */
	size_t n, nbehaviors, nrankings, nsup, nd;
	size_t agree[11], lenbins[8], splits[3], origins[3];
	size_t words[SITE_WORDS_EXACT]; /* behaviors by thought length */
	size_t *long_words, nlong, along;
	struct spill_chain rows;   /* the index's table rows */
	struct spill_chain search; /* search.js's entries */
	struct site_term *features, *capabilities;
	struct taxo_index *fix, *cix;
	struct site_entry *quests; /* quest turns, in id order */
	size_t nquests, aquests;
	/* built by site_sort(): the quest turns by (quest, turn, id) */
	struct site_entry **quest_turns;
	size_t nquest_turns;
	/* the release's files written so far, for the index's sizes (or none) */
	const struct site_file *files;
	size_t nfiles;
	/* the shortcut table (audit_html()) for the statistics page, or NULL */
	const char *audit_table;
	/* open quest turns (proposing or ranking), left out of the records */
	struct site_open_turn *open_turns;
	size_t nopen, aopen;
};

/* Add an open turn of doc (any thread may call it; the caller locks). */
void site_add_open_turn(struct site *site, const struct doc *doc, const char *source);

/* The marker a quest turn's page holds where its quest navigation goes. */
#define EMIT_HTML_NAV_MARK "<!--corpusc:quest-nav-->"

/* Escape s[0..len) for HTML text and attribute values (NUL becomes U+FFFD). */
void html_escape(struct strbuf *sb, const char *s, size_t len);
void html_escape_str(struct strbuf *sb, const char *s);
/*
 * Append s percent-encoded for a URL path or fragment: every byte but
 * A-Z a-z 0-9 - . _ ~ / is encoded, so the result is also safe in an
 * attribute without further escaping.
 */
void html_url_escape(struct strbuf *sb, const char *s);
/*
 * Render Markdown and append it: cmark's safe mode (raw HTML and
 * javascript:/vbscript:/file:/data: URLs dropped) plus our own pass: links
 * keep only http, https, mailto and scheme-less URLs (others become their
 * text); images load nothing from outside (only data:image/png, gif, jpeg
 * and webp stay images; others become a link to their URL or their alt text).
 */
void html_markdown(struct strbuf *sb, const char *md, size_t len);
/*
 * Render one section of doc's body (a span body.c found) the same way and
 * append it: from the tree the lint kept (doc->md) when there is one, else
 * by parsing the span's text. The two agree but for link reference
 * definitions, which the tree resolves across the whole file.
 */
void html_section(struct strbuf *sb, const struct doc *doc, const struct span *sp);

/* The page of one scenario (quest turns carry EMIT_HTML_NAV_MARK). */
void emit_html_scenario(struct strbuf *sb, const struct doc *doc, const struct site *site,
                        const char *split, const char *source);
/* Fill a site entry from a checked doc (copies what it keeps; malloc'd). */
void site_entry_from_doc(struct site_entry *e, const struct doc *doc, const char *split,
                         const char *source);
/* Free what site_entry_from_doc() allocated; the entry is zeroed. */
void site_entry_release(struct site_entry *e);

/* Start an empty site; its lists go to spill. */
void site_init(struct site *site, const struct config *cfg, const char *version,
               struct spill *spill);
/*
 * Add an entry; entries come in id order. A quest turn's entry is taken
 * over (*e is cleared); any other is left for the caller to release (with
 * site_entry_release(), on the thread that made it, as glibc prefers).
 */
void site_add(struct site *site, struct site_entry *e);
/*
 * Index the quest turns, in n log n. Call it once every entry is in, before
 * site_find(), emit_html_quest_nav() and emit_html_site().
 */
void site_sort(struct site *site);
/* The quest turn with this id (binary search), or NULL. */
const struct site_entry *site_find(const struct site *site, const char *id);
/* Release what the site holds (not the spill). */
void site_release(struct site *site);

/*
 * The quest navigation of a quest turn's page (goes where EMIT_HTML_NAV_MARK
 * is): its place in the quest, links to the previous and next turns and what
 * the previous turn's chosen action led to. Needs site_sort().
 */
void emit_html_quest_nav(struct strbuf *sb, const struct site *site, const struct site_entry *e);

/*
 * Where the site-wide files go, streamed: open(arg, relpath) starts a file,
 * write(arg, data, len) appends to it, close(arg) finishes it; each returns
 * 0 or -1. Pages are handed over in pieces of about 64 KB, so a page as
 * large as the corpus is never held whole.
 */
struct emit_out {
	void *arg;
	int (*open)(void *arg, const char *rel);
	int (*write)(void *arg, const char *data, size_t len);
	int (*close)(void *arg);
};

/*
 * The site-wide files (site.css, site.js, index, taxonomy, statistics and
 * quests pages). Returns -1 if any write failed. Needs site_sort().
 */
int emit_html_site(const struct site *site, const struct emit_out *out);

#endif
