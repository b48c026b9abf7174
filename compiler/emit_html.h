/*
 * emit_html: the static site of the release (SPEC 5 `html/`, 5.4): one page
 * per scenario, the index, taxonomy, statistics and quests pages, one
 * stylesheet and one small script. Every corpus string is escaped for its
 * context; Markdown goes through cmark's safe mode, so raw HTML and unsafe
 * URLs never reach a page; a Content-Security-Policy forbids inline script
 * and outside loads.
 */
#ifndef EMIT_HTML_H
#define EMIT_HTML_H

#include <stddef.h>

#include "config.h"
#include "doc.h"
#include "strbuf.h"

/* What the site pages need of each scenario, kept after its doc is freed. */
struct site_behavior {
	char *id;
	int label;                 /* enum label */
	int superhuman;
	char **features;
	size_t nfeatures;
	size_t thought_words;
};

struct site_entry {
	char *id, *title, *split, *origin, *source;
	char *quest;
	long turn;
	char *chosen;
	char *consequences_html;   /* quest turns: rendered consequences */
	char **capabilities;
	size_t ncapabilities;
	struct site_behavior *behaviors;
	size_t nbehaviors;
	double agreement;          /* NAN with one ranker */
	size_t nrankings;
};

struct site {
	const struct config *cfg;
	const char *version;
	const char *repo_url;      /* for "view source" links; may be NULL */
	struct site_entry *entries; /* sorted by id when the pages are written */
	size_t n;
};

/* The marker a quest turn's page holds where its previous/next links go. */
#define EMIT_HTML_NAV_MARK "<!--corpusc:quest-nav-->"

/* Escape s[0..len) for HTML text and attribute values. */
void html_escape(struct strbuf *sb, const char *s, size_t len);
void html_escape_str(struct strbuf *sb, const char *s);
/* Render Markdown (safe mode) and append. */
void html_markdown(struct strbuf *sb, const char *md, size_t len);

/* The page of one scenario (quest turns carry EMIT_HTML_NAV_MARK). */
void emit_html_scenario(struct strbuf *sb, const struct doc *doc,
			const struct site *site, const char *split,
			const char *source);
/* Fill a site entry from a doc (copies what it keeps). */
void site_entry_from_doc(struct site_entry *e, const struct doc *doc,
			 const char *split, const char *source);
void site_entry_release(struct site_entry *e);
/* The previous/next links of a quest turn's page. */
void emit_html_quest_nav(struct strbuf *sb, const struct site *site,
			 const struct site_entry *e);

/* The site-wide files, each written through write(arg, relpath, data, len). */
typedef int (*emit_write_fn)(void *arg, const char *rel, const char *data, size_t len);
int emit_html_site(const struct site *site, emit_write_fn write, void *arg);

#endif
