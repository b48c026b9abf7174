/*
 * emit_html: the release's static site; see emit_html.h and docs/format.md 5 `html/`.
 *
 * Inputs: a checked doc per scenario page (from the lint's worker threads),
 * then struct site -- a small summary per scenario, sorted by id -- for the
 * site-wide pages. Outputs: html/s/<id>.html, index.html, taxonomy.html,
 * stats.html, quests.html, site.css and site.js.
 *
 * Pages are plain HTML5 with one stylesheet and one script (site.js: the
 * index's filters and sorting; every page is complete without it). The CSP
 * meta on every page allows only the release's own stylesheet, script and
 * images (plus data: images), so nothing is loaded from outside and no inline
 * script, style or handler can run. Charts are inline SVG drawn here; there
 * is no chart library at view time.
 *
 * Escaping: every corpus string goes through html_escape() (text and quoted
 * attribute values alike) or, inside a URL, html_url_escape(); Markdown goes
 * through html_section() (the lint's own tree) or html_markdown(). Page cost
 * is linear in the scenario's size; the site-wide pages are n log n in the
 * number of scenarios (sorting, and binary search into the taxonomy).
 */
#include "emit_html.h"

#include <cmark.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assets.h"
#include "check.h"
#include "emit_jsonl.h"
#include "json.h"
#include "mdmem.h"
#include "xalloc.h"

#define CSP                                                                                        \
	"default-src 'none'; script-src 'self'; style-src 'self'; "                                \
	"img-src 'self' data:; base-uri 'none'; form-action 'none'"

enum page { PAGE_SCENARIO, PAGE_INDEX, PAGE_TAXONOMY, PAGE_STATS, PAGE_QUESTS, PAGE_GUIDE };

static const char *label_name(int label)
{
	return label == LABEL_DESIRABLE ? "desirable" : "undesirable";
}

/* ---- escaping ---- */

/* Hand sb's bytes to out once there are at least min of them. */
#define PAGE_CHUNK (64 * 1024)

static int page_flush(struct strbuf *sb, const struct emit_out *out, size_t min)
{
	int ret = 0;

	if (sb->len && sb->len >= min) {
		ret = out->write(out->arg, sb->buf, sb->len);
		strbuf_reset(sb);
	}
	return ret;
}

void html_escape(struct strbuf *sb, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\0':
			rep = "\xEF\xBF\xBD";
			break;
		default:
			break;
		}
		if (!rep) {
			run++;
			continue;
		}
		strbuf_add(sb, s + i - run, run);
		run = 0;
		strbuf_addstr(sb, rep);
	}
	strbuf_add(sb, s + len - run, run);
}

void html_escape_str(struct strbuf *sb, const char *s)
{
	if (s)
		html_escape(sb, s, strlen(s));
}

void html_url_escape(struct strbuf *sb, const char *s)
{
	static const char digits[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/') {
			strbuf_addch(sb, *p);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, digits[*p >> 4]);
			strbuf_addch(sb, digits[*p & 15]);
		}
	}
}

/* href="s/<id>.html" and the like: a relative link to a page of ours. */
static void href_page(struct strbuf *sb, const char *prefix, const char *id,
                      const char *frag_prefix, const char *frag)
{
	strbuf_addstr(sb, prefix);
	html_url_escape(sb, id);
	strbuf_addstr(sb, ".html");
	if (frag) {
		strbuf_addch(sb, '#');
		strbuf_addstr(sb, frag_prefix);
		html_url_escape(sb, frag);
	}
}

/* An id="..." value: slugs in practice, escaped all the same. */
static void attr_id(struct strbuf *sb, const char *prefix, const char *id)
{
	strbuf_addstr(sb, prefix);
	html_escape_str(sb, id);
}

/* ---- Markdown ---- */

/*
 * The URL's scheme, lowercased into buf (empty when there is none). Browsers
 * skip leading controls and spaces and drop tabs and newlines anywhere in a
 * URL, so "java\tscript:" is read the way they would read it.
 */
static void url_scheme(const char *url, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)url;
	size_t k = 0;

	buf[0] = '\0';
	while (*p && *p <= ' ')
		p++;
	for (; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		if (*p == ':')
			break;
		if (!isalpha(*p) && !(k && (isdigit(*p) || *p == '+' || *p == '-' || *p == '.'))) {
			buf[0] = '\0'; /* no scheme: what was copied is not one */
			return;
		}
		if (k + 1 < n)
			buf[k] = (char)tolower(*p);
		k++;
	}
	if (!*p || !k) {
		buf[0] = '\0'; /* "format.md": no colon, so no scheme */
		return;
	}
	if (k + 1 >= n) {
		/* longer than any scheme we allow: unknown, so unsafe */
		snprintf(buf, n, "?");
		return;
	}
	buf[k] = '\0';
}

/*
 * A link we let through: http, https, mailto, or a relative URL. Not one that
 * starts with two slashes or backslashes, which browsers read as another host
 * (and from file:// as a broken file link).
 */
static int link_ok(const char *url)
{
	char scheme[16];

	if (!url || !*url)
		return 0;
	if ((url[0] == '/' || url[0] == '\\') && (url[1] == '/' || url[1] == '\\'))
		return 0;
	url_scheme(url, scheme, sizeof(scheme));
	return !*scheme || !strcmp(scheme, "http") || !strcmp(scheme, "https") ||
	       !strcmp(scheme, "mailto");
}

/* An image that loads nothing: an inline raster data: URL (as cmark allows). */
static int image_inline(const char *url)
{
	static const char *const types[] = {"png", "gif", "jpeg", "webp"};
	size_t i, n;

	if (!url || strncasecmp(url, "data:image/", 11))
		return 0;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		n = strlen(types[i]);
		if (!strncasecmp(url + 11, types[i], n) &&
		    (url[11 + n] == ';' || url[11 + n] == ','))
			return 1;
	}
	return 0;
}

static void plain_text(cmark_node *node, struct strbuf *sb)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			strbuf_addstr(sb, cmark_node_get_literal(cur));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strbuf_addch(sb, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

static int inside_link(cmark_node *node)
{
	for (node = cmark_node_parent(node); node; node = cmark_node_parent(node))
		if (cmark_node_get_type(node) == CMARK_NODE_LINK)
			return 1;
	return 0;
}

static void sanitize_link(cmark_node *link)
{
	cmark_node *child;

	if (link_ok(cmark_node_get_url(link)))
		return;
	/* keep the text, drop the link */
	while ((child = cmark_node_first_child(link)))
		cmark_node_insert_before(link, child);
	cmark_node_free(link);
}

static void sanitize_image(cmark_node *img, cmark_mem *mem)
{
	const char *url = cmark_node_get_url(img);
	struct strbuf alt = STRBUF_INIT;
	cmark_node *repl, *text;

	if (image_inline(url))
		return;
	plain_text(img, &alt);
	if (!alt.len)
		strbuf_addstr(&alt, "image");
	text = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
	cmark_node_set_literal(text, alt.buf);
	if (link_ok(url) && !inside_link(img)) {
		repl = cmark_node_new_with_mem(CMARK_NODE_LINK, mem);
		cmark_node_set_url(repl, url);
		cmark_node_set_title(repl, cmark_node_get_title(img));
		cmark_node_append_child(repl, text);
	} else {
		repl = text;
	}
	cmark_node_replace(img, repl);
	cmark_node_free(img);
	strbuf_release(&alt);
}

/*
 * Links and images, innermost first: a node is freed only after everything
 * inside it has been handled, so no collected pointer dangles. mem: the
 * allocator the tree was built with (cmark 0.30 cannot tell). Sanitizing a
 * tree twice changes nothing the second time.
 */
static void sanitize(cmark_node *root, cmark_mem *mem)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node **v = NULL;
	size_t n = 0, alloc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(cur);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)) {
			XGROW(v, alloc, n + 1);
			v[n++] = cur;
		}
	}
	cmark_iter_free(it);
	while (n--) {
		if (cmark_node_get_type(v[n]) == CMARK_NODE_LINK)
			sanitize_link(v[n]);
		else
			sanitize_image(v[n], mem);
	}
	free(v);
}

void html_markdown(struct strbuf *sb, const char *md, size_t len)
{
	/*
	 * CMARK_OPT_DEFAULT is safe mode in cmark >= 0.29: raw HTML becomes a
	 * comment and javascript:/vbscript:/file:/non-image data: URLs are
	 * emptied. sanitize() narrows links and images further.
	 */
	cmark_node *root =
	    cmark_parse_document(md, len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	char *html;

	sanitize(root, cmark_get_default_mem_allocator());
	html = cmark_render_html(root, CMARK_OPT_DEFAULT);
	strbuf_addstr(sb, html);
	free(html);
	cmark_node_free(root);
}

/*
 * A section from the tree the lint parsed (doc->md): the top-level blocks
 * that start on the span's lines. A section runs from its heading to a
 * top-level heading, so it is exactly such a run of blocks, and rendering
 * each block in turn gives what rendering them as one document would. The
 * one difference from parsing the section's text alone: a link may use a
 * reference definition from anywhere in the file (as the file reads on a
 * forge).
 */
static void md_blocks(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	cmark_mem *mem = mdmem_get();
	int first = sp->line, last, base = doc->body_line - 1;
	cmark_node *n;

	if (!sp->len)
		return;
	last = doc_loc_at(doc, sp->off + sp->len - 1).line;
	for (n = cmark_node_first_child(doc->md); n; n = cmark_node_next(n)) {
		int line = cmark_node_get_start_line(n) + base;
		char *html;

		if (line < first)
			continue;
		if (line > last)
			break;
		sanitize(n, mem);
		html = cmark_render_html(n, CMARK_OPT_DEFAULT);
		strbuf_addstr(sb, html);
		mem->free(html);
	}
}

void html_section(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	struct strbuf t = STRBUF_INIT;

	/* the directory form's tree is scenario.md's; its behavior files are parsed here */
	if (doc->md && (!doc->dir_form || sp->off < doc->body_end)) {
		md_blocks(sb, doc, sp);
		return;
	}
	emit_text_source(&t, doc, sp);
	html_markdown(sb, t.buf, t.len);
	strbuf_release(&t);
}

/* ---- page frame ---- */

static void page_head(struct strbuf *sb, const struct site *site, enum page which,
                      const char *title, const char *prefix)
{
	static const struct {
		enum page page;
		const char *href, *text;
	} nav[] = {
	    {PAGE_INDEX, "index.html", "Scenarios"},
	    {PAGE_TAXONOMY, "taxonomy.html", "Taxonomy"},
	    {PAGE_STATS, "stats.html", "Statistics"},
	    {PAGE_QUESTS, "quests.html", "Quests"},
	    {PAGE_GUIDE, "rater-guide.html", "Rater guide"},
	};
	size_t i;

	strbuf_addstr(sb,
	              "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	              "<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
	              "<meta name=\"referrer\" content=\"no-referrer\">\n"
	              "<meta name=\"robots\" content=\"noai, noimageai\">\n"
	              "<meta name=\"color-scheme\" content=\"light dark\">\n"
	              "<title>");
	html_escape_str(sb, title);
	strbuf_addstr(sb, " \xE2\x80\x94 ");
	html_escape_str(sb, site->cfg->name);
	strbuf_addf(sb,
	            "</title>\n<link rel=\"stylesheet\" href=\"%ssite.css\">\n</head>\n<body>\n"
	            "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
	            "<header class=\"top\">\n<nav aria-label=\"Site\">\n"
	            "<a class=\"brand\" href=\"%sindex.html\">",
	            prefix, prefix);
	html_escape_str(sb, site->cfg->name);
	strbuf_addstr(sb, "</a> <span class=\"ver\">");
	html_escape_str(sb, site->version);
	strbuf_addstr(sb, "</span>\n<ul>\n");
	for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		strbuf_addf(sb, "<li><a href=\"%s%s\"%s>%s</a></li>\n", prefix, nav[i].href,
		            nav[i].page == which ? " aria-current=\"page\"" : "", nav[i].text);
	strbuf_addstr(sb, "</ul>\n</nav>\n</header>\n<main id=\"main\">\n");
}

/* ---- the release's files (docs/format.md 5): html/ sits in the release directory ---- */

static const char *const data_kinds[] = {"scenarios", "comparisons", "episodes"};
static const char *const data_splits[] = {"train", "validation", "test"};

/* The tarball's name, <name>-<version>.tar.gz, URL-escaped. */
static void tarball_name(struct strbuf *sb, const struct site *site)
{
	html_url_escape(sb, site->cfg->name);
	strbuf_addch(sb, '-');
	html_url_escape(sb, site->version);
	strbuf_addstr(sb, ".tar.gz");
}

/*
 * A link to a file of the release, relative to the page: prefix leads to
 * html/, and the release directory is its parent.
 */
static void file_link(struct strbuf *sb, const char *prefix, const char *rel, const char *text)
{
	strbuf_addf(sb, "<a href=\"%s../", prefix);
	html_url_escape(sb, rel);
	strbuf_addstr(sb, "\">");
	html_escape_str(sb, text);
	strbuf_addstr(sb, "</a>");
}

/* The tarball and its checksum beside the release directory. */
static void tarball_links(struct strbuf *sb, const struct site *site, const char *prefix)
{
	strbuf_addf(sb, "<a href=\"%s../../", prefix);
	tarball_name(sb, site);
	strbuf_addstr(sb, "\">");
	tarball_name(sb, site);
	strbuf_addf(sb, "</a> (<a href=\"%s../../", prefix);
	tarball_name(sb, site);
	strbuf_addstr(sb, ".sha256\">sha256</a>)");
}

/* The repository's address, when corpus.yaml has a valid one (config.c checked it). */
static void repository_link(struct strbuf *sb, const struct site *site, const char *text)
{
	strbuf_addstr(sb, "<a href=\"");
	html_escape_str(sb, site->repo_url);
	strbuf_addstr(sb, "\">");
	html_escape_str(sb, text);
	strbuf_addstr(sb, "</a>");
}

/* Every page's links to the release's files, the rater guide and the repository. */
static void footer_files(struct strbuf *sb, const struct site *site, const char *prefix)
{
	struct strbuf rel = STRBUF_INIT;
	size_t k, s;

	strbuf_addstr(sb, "<nav class=\"files\" aria-label=\"Release files\">\n<p>Data (JSONL):");
	for (k = 0; k < 3; k++) {
		strbuf_addf(sb, "%s %s", k ? ";" : "", data_kinds[k]);
		for (s = 0; s < 3; s++) {
			strbuf_reset(&rel);
			strbuf_addf(&rel, "data/%s/%s.jsonl", data_kinds[k], data_splits[s]);
			strbuf_addch(sb, ' ');
			file_link(sb, prefix, rel.buf, data_splits[s]);
		}
	}
	strbuf_addstr(sb, "</p>\n<p>");
	file_link(sb, prefix, "README.md", "Dataset card");
	strbuf_addstr(sb, " &middot; ");
	file_link(sb, prefix, "manifest.json", "manifest.json");
	strbuf_addstr(sb, " &middot; ");
	file_link(sb, prefix, "SHA256SUMS", "SHA256SUMS");
	strbuf_addstr(sb, " &middot; ");
	tarball_links(sb, site, prefix);
	strbuf_addf(sb, " &middot; <a href=\"%sindex.html#download\">All files</a>", prefix);
	strbuf_addf(sb, " &middot; <a href=\"%srater-guide.html\">Rater guide</a>", prefix);
	if (site->repo_url) {
		strbuf_addstr(sb, " &middot; ");
		repository_link(sb, site, "Repository");
	}
	strbuf_addstr(sb, "</p>\n</nav>\n");
	strbuf_release(&rel);
}

static void page_foot(struct strbuf *sb, const struct site *site, const char *prefix,
                      const char *script)
{
	strbuf_addstr(sb, "</main>\n<footer>\n");
	footer_files(sb, site, prefix);
	strbuf_addstr(sb, "<p class=\"canary\">Canary: <code>");
	html_escape_str(sb, site->cfg->canary);
	strbuf_addstr(sb, "</code></p>\n<p>");
	html_escape_str(sb, site->cfg->name);
	strbuf_addch(sb, ' ');
	html_escape_str(sb, site->version);
	strbuf_addstr(sb, ", licensed ");
	html_escape_str(sb, site->cfg->license);
	strbuf_addstr(sb,
	              ". Evaluation data: keep it out of pretraining corpora.</p>\n</footer>\n");
	if (script)
		strbuf_addf(sb, "%s\n", script);
	strbuf_addstr(sb, "</body>\n</html>\n");
}

static void fmt_agreement(struct strbuf *sb, double w, size_t nrankings)
{
	if (nrankings < 2 || isnan(w))
		strbuf_addstr(sb, "n/a");
	else
		strbuf_addf(sb, "%.2f", w);
}

static void tag_link(struct strbuf *sb, const char *prefix, const char *cls,
                     const char *frag_prefix, const char *id)
{
	strbuf_addf(sb, "<a class=\"tag %s\" href=\"%staxonomy.html#%s", cls, prefix, frag_prefix);
	html_url_escape(sb, id);
	strbuf_addstr(sb, "\">");
	html_escape_str(sb, id);
	strbuf_addstr(sb, "</a>");
}

/* ---- scenario page ---- */

static void scenario_meta(struct strbuf *sb, const struct doc *doc, const struct site *site,
                          const char *split, const char *source)
{
	size_t i;

	strbuf_addstr(sb, "<dl class=\"meta\">\n<dt>Capabilities</dt><dd>");
	for (i = 0; i < doc->ncapabilities; i++) {
		tag_link(sb, "../", "cap", "c-", doc->capabilities[i]);
		strbuf_addch(sb, ' ');
	}
	strbuf_addstr(sb, "</dd>\n");
	if (doc->ntags) {
		strbuf_addstr(sb, "<dt>Tags</dt><dd>");
		for (i = 0; i < doc->ntags; i++) {
			if (i)
				strbuf_addstr(sb, ", ");
			html_escape_str(sb, doc->tags[i]);
		}
		strbuf_addstr(sb, "</dd>\n");
	}
	strbuf_addstr(sb, "<dt>Split</dt><dd>");
	html_escape_str(sb, split);
	strbuf_addstr(sb, "</dd>\n<dt>Origin</dt><dd>");
	html_escape_str(sb, doc->origin);
	strbuf_addstr(sb, "</dd>\n<dt>Authors</dt><dd>");
	for (i = 0; i < doc->nauthors; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		html_escape_str(sb, doc->authors[i]);
	}
	strbuf_addstr(sb, "</dd>\n<dt>License</dt><dd>");
	html_escape_str(sb, doc->license ? doc->license : site->cfg->license);
	strbuf_addstr(sb, "</dd>\n<dt>Agreement</dt><dd>");
	fmt_agreement(sb, doc->agreement, doc->nrankings);
	strbuf_addf(sb, " <span class=\"muted\">(%zu ranker%s)</span></dd>\n<dt>Source</dt><dd>",
	            doc->nrankings, doc->nrankings == 1 ? "" : "s");
	/* only a plain web URL becomes a link; anything else stays text */
	if (site->repo_url &&
	    (!strncmp(site->repo_url, "https://", 8) || !strncmp(site->repo_url, "http://", 7))) {
		size_t n = strlen(site->repo_url);
		while (n && site->repo_url[n - 1] == '/')
			n--;
		strbuf_addstr(sb, "<a href=\"");
		html_escape(sb, site->repo_url, n);
		strbuf_addstr(sb, "/blob/main/");
		html_url_escape(sb, source);
		strbuf_addstr(sb, "\"><code>");
		html_escape_str(sb, source);
		strbuf_addstr(sb, "</code></a>");
	} else {
		strbuf_addstr(sb, "<code>");
		html_escape_str(sb, source);
		strbuf_addstr(sb, "</code>");
	}
	strbuf_addstr(sb, "</dd>\n</dl>\n");
}

static void behavior_article(struct strbuf *sb, const struct doc *doc, int bi,
                             const int *group_size)
{
	const struct behavior *b = &doc->behaviors[bi];
	const char *lab = label_name(b->label);
	int g = doc->consensus[bi];
	size_t j;

	strbuf_addf(sb, "<li class=\"behavior %s\" id=\"", lab);
	attr_id(sb, "b-", b->id);
	strbuf_addf(sb,
	            "\">\n<h3><span class=\"rank\" title=\"consensus position\">%d%s</span> <code>",
	            g + 1, group_size[g] > 1 ? "=" : "");
	html_escape_str(sb, b->id);
	strbuf_addf(sb, "</code></h3>\n<p class=\"badges\"><span class=\"badge %s\">%s</span>", lab,
	            lab);
	if (b->superhuman == 1)
		strbuf_addstr(sb, " <span class=\"badge superhuman\">superhuman</span>");
	else
		strbuf_addstr(sb, " <span class=\"badge human\">within human reach</span>");
	if (doc->quest && doc->chosen && !strcmp(doc->chosen, b->id))
		strbuf_addstr(sb, " <span class=\"badge chosen\">chosen in the quest</span>");
	for (j = 0; j < b->nfeatures; j++) {
		strbuf_addch(sb, ' ');
		tag_link(sb, "../", "feat", "f-", b->features[j]);
	}
	strbuf_addstr(sb, "</p>\n<div class=\"text\">\n");
	html_section(sb, doc, &b->text);
	strbuf_addf(sb,
	            "</div>\n<details class=\"thoughts\">\n<summary>Thoughts "
	            "<span class=\"muted\">(%zu words)</span></summary>\n<div class=\"text\">\n",
	            thought_words(doc, b));
	html_section(sb, doc, &b->thoughts);
	strbuf_addstr(sb, "</div>\n</details>\n</li>\n");
}

/* One row per behavior (consensus order), one column per ranker. */
static void rankings_table(struct strbuf *sb, const struct doc *doc, const int *order,
                           const int *group_size)
{
	size_t nb = doc->nbehaviors, nr = doc->nrankings, i, k;
	int *pos = xmalloc((nb * nr + 1) * sizeof(int));
	int *tied = xmalloc((nb * nr + 1) * sizeof(int));
	int *ro = xmalloc((nr + 1) * sizeof(int));

	/* the columns in the records' order: by ranker */
	emit_ranking_order(doc, ro);
	for (k = 0; k < nr; k++) {
		const struct ranking *r = &doc->rankings[ro[k]];
		int *gsize = xcalloc(r->nitems + 1, sizeof(int));
		for (i = 0; i < nb; i++)
			pos[k * nb + i] = tied[k * nb + i] = 0;
		for (i = 0; i < r->nitems; i++)
			if (r->items[i].group >= 0 && (size_t)r->items[i].group < r->nitems)
				gsize[r->items[i].group]++;
		for (i = 0; i < r->nitems; i++) {
			int b = doc_behavior_index(doc, r->items[i].id);
			if (b >= 0) {
				pos[k * nb + (size_t)b] = r->items[i].group + 1;
				tied[k * nb + (size_t)b] = r->items[i].group >= 0 &&
				                           (size_t)r->items[i].group < r->nitems &&
				                           gsize[r->items[i].group] > 1;
			}
		}
		free(gsize);
	}
	strbuf_addstr(
	    sb, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
	        "aria-labelledby=\"rankings-caption\">\n"
	        "<table class=\"rankings\">\n<caption id=\"rankings-caption\">Position given by "
	        "each ranker (1 is best; <q>=</q> marks a tie)</caption>\n"
	        "<thead><tr><th scope=\"col\">Behavior</th><th scope=\"col\">Label</th>"
	        "<th scope=\"col\">Consensus</th>");
	for (k = 0; k < nr; k++) {
		strbuf_addstr(sb, "<th scope=\"col\">");
		html_escape_str(sb, doc->rankings[ro[k]].by);
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < nb; i++) {
		const struct behavior *b = &doc->behaviors[order[i]];
		int g = doc->consensus[order[i]];
		strbuf_addstr(sb, "<tr><th scope=\"row\"><a href=\"#");
		attr_id(sb, "b-", b->id);
		strbuf_addstr(sb, "\"><code>");
		html_escape_str(sb, b->id);
		strbuf_addf(sb,
		            "</code></a></th><td><span class=\"dot %s\"></span>%s</td>"
		            "<td class=\"num\">%d%s</td>",
		            label_name(b->label), label_name(b->label), g + 1,
		            group_size[g] > 1 ? "=" : "");
		for (k = 0; k < nr; k++) {
			int p = pos[k * nb + (size_t)order[i]];
			if (p)
				strbuf_addf(sb, "<td class=\"num\">%d%s</td>", p,
				            tied[k * nb + (size_t)order[i]] ? "=" : "");
			else
				strbuf_addstr(sb, "<td class=\"num\">&ndash;</td>");
		}
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "</tbody>\n</table>\n</div>\n");
	free(ro);
	free(pos);
	free(tied);
}

void emit_html_scenario(struct strbuf *sb, const struct doc *doc, const struct site *site,
                        const char *split, const char *source)
{
	int *order = xmalloc((doc->nbehaviors + 1) * sizeof(int));
	int *group_size = xcalloc(doc->nbehaviors + 1, sizeof(int));
	size_t i;

	emit_consensus_order(doc, order);
	for (i = 0; i < doc->nbehaviors; i++)
		if (doc->consensus[i] >= 0 && (size_t)doc->consensus[i] < doc->nbehaviors)
			group_size[doc->consensus[i]]++;
	page_head(sb, site, PAGE_SCENARIO, doc->title, "../");
	strbuf_addstr(sb, "<article class=\"scenario\">\n<header class=\"page-head\">\n"
	                  "<p class=\"crumbs\"><a href=\"../index.html\">Scenarios</a> / <code>");
	html_escape_str(sb, doc->id);
	strbuf_addstr(sb, "</code></p>\n<h1>");
	html_escape_str(sb, doc->title);
	strbuf_addstr(sb, "</h1>\n");
	scenario_meta(sb, doc, site, split, source);
	strbuf_addstr(sb, "</header>\n");
	if (doc->quest)
		strbuf_addstr(sb, EMIT_HTML_NAV_MARK "\n");
	strbuf_addstr(sb, "<section class=\"situation\" aria-labelledby=\"h-scenario\">\n"
	                  "<h2 id=\"h-scenario\">Scenario</h2>\n<div class=\"text\">\n");
	html_section(sb, doc, &doc->scenario);
	strbuf_addf(
	    sb,
	    "</div>\n</section>\n<section aria-labelledby=\"h-behaviors\">\n"
	    "<h2 id=\"h-behaviors\">Behaviors <span class=\"muted\">(%zu, best first)</span></h2>\n"
	    "<ol class=\"behaviors\">\n",
	    doc->nbehaviors);
	for (i = 0; i < doc->nbehaviors; i++)
		behavior_article(sb, doc, order[i], group_size);
	strbuf_addstr(sb, "</ol>\n</section>\n<section aria-labelledby=\"h-rankings\">\n"
	                  "<h2 id=\"h-rankings\">Rankings</h2>\n");
	rankings_table(sb, doc, order, group_size);
	strbuf_addstr(
	    sb, "<p class=\"agreement\">Agreement between rankers (Kendall&#39;s W): <strong>");
	fmt_agreement(sb, doc->agreement, doc->nrankings);
	strbuf_addstr(sb, "</strong>");
	if (doc->nrankings < 2)
		strbuf_addstr(sb, " <span class=\"muted\">(one ranker)</span>");
	strbuf_addstr(sb, "</p>\n<p class=\"guide\">How behaviors are labelled, ranked and "
	                  "tied: the <a href=\"../rater-guide.html\">rater guide</a>.</p>\n"
	                  "</section>\n");
	if (doc->has_consequences) {
		strbuf_addstr(
		    sb, "<section class=\"consequences\" aria-labelledby=\"h-consequences\">\n"
		        "<h2 id=\"h-consequences\">Consequences</h2>\n<div class=\"text\">\n");
		html_section(sb, doc, &doc->consequences);
		strbuf_addstr(sb, "</div>\n</section>\n");
	}
	if (doc->has_notes && doc->notes.len) {
		strbuf_addstr(sb, "<section class=\"notes\" aria-labelledby=\"h-notes\">\n"
		                  "<h2 id=\"h-notes\">Notes</h2>\n<div class=\"text\">\n");
		html_section(sb, doc, &doc->notes);
		strbuf_addstr(sb, "</div>\n</section>\n");
	}
	strbuf_addstr(sb, "</article>\n");
	page_foot(sb, site, "../", NULL);
	free(order);
	free(group_size);
}

/* ---- taxonomy lookups (sorted index + binary search) ---- */

struct taxo_key {
	const char *id;
	size_t pos; /* position in the taxonomy list */
};

struct taxo_index {
	struct taxo_key *keys; /* sorted by id */
	size_t n;
};

static int cmp_taxo_key(const void *a, const void *b)
{
	return strcmp(((const struct taxo_key *)a)->id, ((const struct taxo_key *)b)->id);
}

static void taxo_index_init(struct taxo_index *ix, const struct taxo_entry *v, size_t n)
{
	size_t i;

	ix->keys = xcalloc(n + 1, sizeof(*ix->keys));
	ix->n = n;
	for (i = 0; i < n; i++) {
		ix->keys[i].id = v[i].id;
		ix->keys[i].pos = i;
	}
	if (n)
		qsort(ix->keys, n, sizeof(*ix->keys), cmp_taxo_key);
}

/* The taxonomy position of id, or -1 when the taxonomy lacks it. */
static long taxo_index_find(const struct taxo_index *ix, const char *id)
{
	struct taxo_key key, *k;

	key.id = id;
	key.pos = 0;
	k = ix->n ? bsearch(&key, ix->keys, ix->n, sizeof(*ix->keys), cmp_taxo_key) : NULL;
	return k ? (long)k->pos : -1;
}

static void taxo_index_release(struct taxo_index *ix)
{
	free(ix->keys);
}

/* ---- site entries ---- */

static char **dup_list(const char *const *v, size_t n)
{
	char **out = xcalloc(n + 1, sizeof(char *));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- the search index (html/search.js) ---- */

/*
 * Does the UTF-8 sequence at p (n bytes left) start a word character? Sets
 * *len to its length. Word characters: ASCII letters and digits, and code
 * points from U+00C0 on but for the multiplication and division signs,
 * general punctuation, symbols and arrows (U+2000-U+2BFF) and CJK
 * punctuation (U+3000-U+303F). site.js splits queries by the same ranges.
 */
static int word_char(const unsigned char *p, size_t n, size_t *len)
{
	unsigned cp;

	if (*p < 0x80) {
		*len = 1;
		return isalnum(*p) != 0;
	}
	*len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
	if (*len > n)
		*len = n;
	if (*len == 1)
		return 0;
	cp = *p & (0x7F >> *len);
	for (size_t i = 1; i < *len; i++)
		cp = cp << 6 | (p[i] & 0x3F);
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && !(cp >= 0x2000 && cp < 0x2C00) &&
	       !(cp >= 0x3000 && cp < 0x3040);
}

struct word_ref {
	const char *s;
	size_t len;
};

#define SEARCH_WORD_MAX 40 /* longer runs (URLs, encoded data) are not words anyone types */

/* FNV-1a of a word, for the set of words seen. */
static size_t word_ref_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

/*
 * Add the word to set (cap slots, a power of two, at least twice the words
 * there can be) unless it is there: whether it was new.
 */
static int word_set_add(struct word_ref *set, size_t cap, const char *s, size_t len)
{
	size_t j;

	for (j = word_ref_hash(s, len) & (cap - 1); set[j].s; j = (j + 1) & (cap - 1))
		if (set[j].len == len && !memcmp(set[j].s, s, len))
			return 0;
	set[j].s = s;
	set[j].len = len;
	return 1;
}

/*
 * The words of text (ASCII case-folded; other letters as written), each
 * once, in the order of their first use, separated by spaces: what the index
 * search matches a query's words in. One scenario's list is a fraction of
 * its text.
 */
static char *search_words(const char *text, size_t len)
{
	char *low = xmalloc(len + 1);
	size_t cap = 16, i = 0, k;
	struct word_ref *set;
	struct strbuf sb = STRBUF_INIT;

	/* a word takes at least 3 bytes with its separator */
	while (cap < 2 * (len / 3 + 1))
		cap *= 2;
	set = xcalloc(cap, sizeof(*set));
	for (k = 0; k < len; k++)
		low[k] = (char)tolower((unsigned char)text[k]);
	while (i < len) {
		size_t start = i, cl;

		while (i < len && word_char((const unsigned char *)low + i, len - i, &cl))
			i += cl;
		if (i - start >= 2 && i - start <= SEARCH_WORD_MAX &&
		    word_set_add(set, cap, low + start, i - start)) {
			if (sb.len)
				strbuf_addch(&sb, ' ');
			strbuf_add(&sb, low + start, i - start);
		}
		if (i == start)
			i += (word_char((const unsigned char *)low + i, len - i, &cl), cl);
	}
	free(set);
	free(low);
	return strbuf_detach(&sb, NULL);
}

/* The title, scenario, behavior and thought texts of doc, for search_words(). */
static char *doc_search_words(const struct doc *doc)
{
	struct strbuf t = STRBUF_INIT;
	char *words;
	size_t i;

	strbuf_addstr(&t, doc->title);
	strbuf_addch(&t, '\n');
	emit_text_raw(&t, doc, &doc->scenario);
	for (i = 0; i < doc->nbehaviors; i++) {
		strbuf_addch(&t, '\n');
		emit_text_raw(&t, doc, &doc->behaviors[i].text);
		strbuf_addch(&t, '\n');
		emit_text_raw(&t, doc, &doc->behaviors[i].thoughts);
	}
	words = search_words(t.buf, t.len);
	strbuf_release(&t);
	return words;
}

void site_entry_from_doc(struct site_entry *e, const struct doc *doc, const char *split,
                         const char *source)
{
	size_t i;

	memset(e, 0, sizeof(*e));
	e->id = xstrdup(doc->id);
	e->title = xstrdup(doc->title);
	e->split = xstrdup(split);
	e->origin = xstrdup(doc->origin);
	e->source = xstrdup(source);
	e->agreement = doc->agreement;
	e->nrankings = doc->nrankings;
	e->capabilities = dup_list(doc->capabilities, doc->ncapabilities);
	e->ncapabilities = doc->ncapabilities;
	e->tags = dup_list(doc->tags, doc->ntags);
	e->ntags = doc->ntags;
	e->search = doc_search_words(doc);
	e->chosen_label = LABEL_NONE;
	if (doc->quest) {
		struct strbuf sb = STRBUF_INIT;
		int c = doc->chosen ? doc_behavior_index(doc, doc->chosen) : -1;

		e->quest = xstrdup(doc->quest);
		e->turn = doc->turn;
		e->chosen = doc->chosen ? xstrdup(doc->chosen) : NULL;
		if (doc->has_consequences)
			html_section(&sb, doc, &doc->consequences);
		e->consequences_html = strbuf_detach(&sb, NULL);
		if (c >= 0) {
			e->chosen_label = doc->behaviors[c].label;
			html_section(&sb, doc, &doc->behaviors[c].text);
			e->chosen_html = strbuf_detach(&sb, NULL);
		}
		strbuf_release(&sb);
	}
	e->behaviors = xcalloc(doc->nbehaviors + 1, sizeof(*e->behaviors));
	e->nbehaviors = doc->nbehaviors;
	for (i = 0; i < doc->nbehaviors; i++) {
		const struct behavior *b = &doc->behaviors[i];
		e->behaviors[i].id = xstrdup(b->id);
		e->behaviors[i].label = b->label;
		e->behaviors[i].superhuman = b->superhuman;
		e->behaviors[i].features = dup_list(b->features, b->nfeatures);
		e->behaviors[i].nfeatures = b->nfeatures;
		e->behaviors[i].thought_words = thought_words(doc, b);
	}
}

void site_entry_release(struct site_entry *e)
{
	size_t i;

	free(e->id);
	free(e->title);
	free(e->split);
	free(e->origin);
	free(e->source);
	free(e->search);
	free(e->quest);
	free(e->chosen);
	free(e->chosen_html);
	free(e->consequences_html);
	free_list(e->capabilities, e->ncapabilities);
	free_list(e->tags, e->ntags);
	for (i = 0; i < e->nbehaviors; i++) {
		free(e->behaviors[i].id);
		free_list(e->behaviors[i].features, e->behaviors[i].nfeatures);
	}
	free(e->behaviors);
	memset(e, 0, sizeof(*e));
}

void site_init(struct site *site, const struct config *cfg, const char *version,
               struct spill *spill)
{
	size_t i;

	memset(site, 0, sizeof(*site));
	site->cfg = cfg;
	site->version = version;
	site->spill = spill;
	site->repo_url = cfg->repository;
	spill_chain_init(&site->rows, 0);
	spill_chain_init(&site->search, 0);
	site->features = xcalloc(cfg->nfeatures + 1, sizeof(*site->features));
	site->capabilities = xcalloc(cfg->ncapabilities + 1, sizeof(*site->capabilities));
	/* small chunks: a taxonomy may have many entries, each with a buffer */
	for (i = 0; i < cfg->nfeatures; i++)
		spill_chain_init(&site->features[i].list, 4096);
	for (i = 0; i < cfg->ncapabilities; i++)
		spill_chain_init(&site->capabilities[i].list, 4096);
	site->fix = xcalloc(1, sizeof(*site->fix));
	site->cix = xcalloc(1, sizeof(*site->cix));
	taxo_index_init(site->fix, cfg->features, cfg->nfeatures);
	taxo_index_init(site->cix, cfg->capabilities, cfg->ncapabilities);
}

void site_add_open_turn(struct site *site, const struct doc *doc, const char *source)
{
	struct site_open_turn *t;
	size_t i;

	XGROW(site->open_turns, site->aopen, site->nopen + 1);
	t = &site->open_turns[site->nopen++];
	memset(t, 0, sizeof(*t));
	t->quest = xstrdup(doc->quest);
	t->id = xstrdup(doc->id);
	t->title = xstrdup(doc->title ? doc->title : doc->id);
	t->source = xstrdup(source);
	t->turn = doc->turn;
	t->ranking = doc->status == STATUS_RANKING;
	t->behaviors = xcalloc(doc->nbehaviors + 1, sizeof(char *));
	for (i = 0; i < doc->nbehaviors; i++)
		if (doc->behaviors[i].id)
			t->behaviors[t->nbehaviors++] = xstrdup(doc->behaviors[i].id);
	t->rankers = xcalloc(doc->nrankings + 1, sizeof(char *));
	for (i = 0; i < doc->nrankings; i++)
		if (doc->rankings[i].by)
			t->rankers[t->nrankers++] = xstrdup(doc->rankings[i].by);
}

static void open_turn_release(struct site_open_turn *t)
{
	size_t i;

	for (i = 0; i < t->nbehaviors; i++)
		free(t->behaviors[i]);
	for (i = 0; i < t->nrankers; i++)
		free(t->rankers[i]);
	free(t->behaviors);
	free(t->rankers);
	free(t->quest);
	free(t->id);
	free(t->title);
	free(t->source);
}

void site_release(struct site *site)
{
	size_t i;

	for (i = 0; i < site->nopen; i++)
		open_turn_release(&site->open_turns[i]);
	free(site->open_turns);

	for (i = 0; i < site->nquests; i++)
		site_entry_release(&site->quests[i]);
	free(site->quests);
	free(site->quest_turns);
	free(site->long_words);
	spill_chain_release(&site->rows);
	spill_chain_release(&site->search);
	for (i = 0; site->features && i < site->cfg->nfeatures; i++)
		spill_chain_release(&site->features[i].list);
	for (i = 0; site->capabilities && i < site->cfg->ncapabilities; i++)
		spill_chain_release(&site->capabilities[i].list);
	free(site->features);
	free(site->capabilities);
	if (site->fix)
		taxo_index_release(site->fix);
	if (site->cix)
		taxo_index_release(site->cix);
	free(site->fix);
	free(site->cix);
	memset(site, 0, sizeof(*site));
}

static void index_row(struct strbuf *sb, const struct site_entry *e);

/* Append s to a term's list (a spill chain). */
static void term_add(struct site *site, struct site_term *t, const char *s, size_t len)
{
	spill_add(site->spill, &t->list, s, len);
}

/* The taxonomy page's item for entry e in term t: "<li><a ...>title</a>". */
static void term_open(struct site *site, struct site_term *t, const struct site_entry *e,
                      struct strbuf *tmp)
{
	t->last = site->n;
	t->nscenarios++;
	strbuf_reset(tmp);
	strbuf_addstr(tmp, "<li><a href=\"");
	href_page(tmp, "s/", e->id, NULL, NULL);
	strbuf_addstr(tmp, "\">");
	html_escape_str(tmp, e->title);
	strbuf_addstr(tmp, "</a>");
}

static void add_stats(struct site *site, const struct site_entry *e)
{
	static const size_t len_edges[] = {25, 50, 75, 100, 150, 200, 300};
	static const char *const split_labels[] = {"train", "validation", "test"};
	static const char *const origin_labels[] = {"human", "model-assisted", "model"};
	double w = e->agreement;
	size_t j, t;

	site->nrankings += e->nrankings;
	site->nbehaviors += e->nbehaviors;
	for (j = 0; j < e->nbehaviors; j++) {
		const struct site_behavior *b = &e->behaviors[j];
		size_t wl = b->thought_words;

		if (wl < SITE_WORDS_EXACT) {
			site->words[wl]++;
		} else {
			XGROW(site->long_words, site->along, site->nlong + 1);
			site->long_words[site->nlong++] = wl;
		}
		site->nsup += b->superhuman == 1;
		site->nd += b->label == LABEL_DESIRABLE;
		for (t = 0; t < 7 && wl >= len_edges[t]; t++)
			;
		site->lenbins[t]++;
	}
	if (e->nrankings < 2 || isnan(w)) {
		site->agree[0]++;
	} else {
		int bin = (int)floor(w * 10.0);
		site->agree[1 + (bin < 0 ? 0 : bin > 9 ? 9 : bin)]++;
	}
	for (t = 0; t < 3; t++) {
		site->splits[t] += !strcmp(e->split, split_labels[t]);
		site->origins[t] += !strcmp(e->origin, origin_labels[t]);
	}
}

void site_add(struct site *site, struct site_entry *e)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t j, k, *opened = xcalloc(site->cfg->nfeatures + 1, sizeof(*opened)), nopened = 0;

	site->n++;
	add_stats(site, e);
	index_row(&tmp, e);
	spill_add(site->spill, &site->rows, tmp.buf, tmp.len);
	strbuf_reset(&tmp);
	json_str(&tmp, e->id, strlen(e->id));
	strbuf_addch(&tmp, ':');
	json_str(&tmp, e->search ? e->search : "", e->search ? strlen(e->search) : 0);
	strbuf_addstr(&tmp, ",\n");
	spill_add(site->spill, &site->search, tmp.buf, tmp.len);
	strbuf_reset(&tmp);
	for (j = 0; j < e->ncapabilities; j++) {
		long c = taxo_index_find(site->cix, e->capabilities[j]);
		struct site_term *t;

		if (c < 0 || site->capabilities[c].last == site->n)
			continue;
		t = &site->capabilities[c];
		term_open(site, t, e, &tmp);
		strbuf_addstr(&tmp, "</li>\n");
		term_add(site, t, tmp.buf, tmp.len);
		t->nbehaviors += e->nbehaviors;
	}
	for (j = 0; j < e->nbehaviors; j++) {
		const struct site_behavior *b = &e->behaviors[j];

		for (k = 0; k < b->nfeatures; k++) {
			long f = taxo_index_find(site->fix, b->features[k]);
			struct site_term *t;

			if (f < 0)
				continue;
			t = &site->features[f];
			if (t->last != site->n) {
				term_open(site, t, e, &tmp);
				strbuf_addstr(&tmp, ": ");
				opened[nopened++] = (size_t)f;
			} else {
				strbuf_reset(&tmp);
				strbuf_addstr(&tmp, ", ");
			}
			t->nbehaviors++;
			*(b->label == LABEL_DESIRABLE ? &t->nd : &t->nu) += 1;
			strbuf_addstr(&tmp, "<a href=\"");
			href_page(&tmp, "s/", e->id, "b-", b->id);
			strbuf_addstr(&tmp, "\"><code>");
			html_escape_str(&tmp, b->id);
			strbuf_addf(&tmp, "</code></a> <span class=\"badge %s\">%s</span>",
			            label_name(b->label), label_name(b->label));
			term_add(site, t, tmp.buf, tmp.len);
		}
	}
	for (j = 0; j < nopened; j++)
		term_add(site, &site->features[opened[j]], "</li>\n", 6);
	free(opened);
	strbuf_release(&tmp);
	if (e->quest) {
		XGROW(site->quests, site->aquests, site->nquests + 1);
		site->quests[site->nquests++] = *e;
		memset(e, 0, sizeof(*e));
	}
}

static int cmp_turn(const void *a, const void *b)
{
	const struct site_entry *x = *(const struct site_entry *const *)a;
	const struct site_entry *y = *(const struct site_entry *const *)b;
	int c = strcmp(x->quest, y->quest);

	if (c)
		return c;
	if (x->turn != y->turn)
		return x->turn < y->turn ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int cmp_open_turn(const void *a, const void *b)
{
	const struct site_open_turn *x = a, *y = b;
	int c = strcmp(x->quest, y->quest);

	return c ? c : x->turn < y->turn ? -1 : x->turn > y->turn;
}

void site_sort(struct site *site)
{
	size_t i;

	if (site->nopen > 1)
		qsort(site->open_turns, site->nopen, sizeof(*site->open_turns), cmp_open_turn);
	free(site->quest_turns);
	site->quest_turns = xmalloc((site->nquests + 1) * sizeof(*site->quest_turns));
	site->nquest_turns = site->nquests;
	for (i = 0; i < site->nquests; i++)
		site->quest_turns[i] = &site->quests[i];
	if (site->nquest_turns)
		qsort(site->quest_turns, site->nquest_turns, sizeof(*site->quest_turns), cmp_turn);
}

const struct site_entry *site_find(const struct site *site, const char *id)
{
	size_t lo = 0, hi = site->nquests;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, site->quests[mid].id);
		if (!c)
			return &site->quests[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The index in site->quest_turns of the first turn of quest q at or after turn. */
static size_t quest_lower_bound(const struct site *site, const char *q, long turn)
{
	size_t lo = 0, hi = site->nquest_turns;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct site_entry *m = site->quest_turns[mid];
		int c = strcmp(m->quest, q);
		if (c < 0 || (!c && m->turn < turn))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct site_entry *find_turn(const struct site *site, const char *quest, long turn)
{
	size_t i = quest_lower_bound(site, quest, turn);

	if (i < site->nquest_turns && !strcmp(site->quest_turns[i]->quest, quest) &&
	    site->quest_turns[i]->turn == turn)
		return site->quest_turns[i];
	return NULL;
}

static void turn_link(struct strbuf *sb, const struct site_entry *t, const char *rel,
                      const char *before, const char *after)
{
	strbuf_addf(sb, "<a rel=\"%s\" href=\"", rel);
	href_page(sb, "", t->id, NULL, NULL);
	strbuf_addf(sb, "\">%s<span class=\"muted\">Turn %ld:</span> ", before, t->turn);
	html_escape_str(sb, t->title);
	strbuf_addf(sb, "%s</a>", after);
}

void emit_html_quest_nav(struct strbuf *sb, const struct site *site, const struct site_entry *e)
{
	const struct site_entry *prev = find_turn(site, e->quest, e->turn - 1);
	const struct site_entry *next = find_turn(site, e->quest, e->turn + 1);
	size_t first = quest_lower_bound(site, e->quest, 0), last = first;

	while (last < site->nquest_turns && !strcmp(site->quest_turns[last]->quest, e->quest))
		last++;
	strbuf_addstr(
	    sb,
	    "<nav class=\"quest-nav\" aria-label=\"Quest\">\n<p>Quest <a href=\"../quests.html#");
	strbuf_addstr(sb, "q-");
	html_url_escape(sb, e->quest);
	strbuf_addstr(sb, "\"><strong>");
	html_escape_str(sb, e->quest);
	strbuf_addf(sb, "</strong></a>, turn %ld of %zu</p>\n<ul>\n", e->turn, last - first);
	strbuf_addstr(sb, "<li class=\"prev\">");
	if (prev)
		turn_link(sb, prev, "prev", "&larr; ", "");
	else
		strbuf_addstr(sb, "<span class=\"muted\">First turn</span>");
	strbuf_addstr(sb, "</li>\n<li class=\"next\">");
	if (next)
		turn_link(sb, next, "next", "", " &rarr;");
	else
		strbuf_addstr(sb, "<span class=\"muted\">Last turn</span>");
	strbuf_addstr(sb, "</li>\n</ul>\n</nav>\n");
	if (prev) {
		strbuf_addstr(sb,
		              "<section class=\"previously\" aria-labelledby=\"h-previously\">\n"
		              "<h2 id=\"h-previously\">Previously</h2>\n<p>");
		strbuf_addf(sb, "In turn %ld the quest master played out <code>", prev->turn);
		html_escape_str(sb, prev->chosen);
		strbuf_addstr(sb, "</code>.");
		if (prev->consequences_html && *prev->consequences_html)
			strbuf_addstr(sb, " What followed:");
		strbuf_addstr(sb, "</p>\n");
		if (prev->consequences_html && *prev->consequences_html) {
			strbuf_addstr(sb, "<div class=\"text\">\n");
			strbuf_addstr(sb, prev->consequences_html);
			strbuf_addstr(sb, "</div>\n");
		}
		strbuf_addstr(sb, "</section>\n");
	}
}

/* ---- index page ---- */

static void select_box(struct strbuf *sb, const char *name, const char *label,
                       const char *const *vals, size_t n)
{
	size_t i;

	strbuf_addf(sb, "<label>%s <select name=\"%s\"><option value=\"\">any</option>", label,
	            name);
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "<option>");
		html_escape_str(sb, vals[i]);
		strbuf_addstr(sb, "</option>");
	}
	strbuf_addstr(sb, "</select></label>\n");
}

static void index_row(struct strbuf *sb, const struct site_entry *e)
{
	size_t j, k, nd = 0;

	strbuf_addstr(sb, "<tr data-capabilities=\"");
	for (j = 0; j < e->ncapabilities; j++) {
		if (j)
			strbuf_addch(sb, ' ');
		html_escape_str(sb, e->capabilities[j]);
	}
	strbuf_addstr(sb, "\" data-behaviors=\"");
	for (j = 0; j < e->nbehaviors; j++) {
		const struct site_behavior *b = &e->behaviors[j];
		nd += b->label == LABEL_DESIRABLE;
		if (!b->nfeatures)
			strbuf_addf(sb, "%s: ", label_name(b->label));
		for (k = 0; k < b->nfeatures; k++) {
			strbuf_addf(sb, "%s:", label_name(b->label));
			html_escape_str(sb, b->features[k]);
			strbuf_addch(sb, ' ');
		}
	}
	strbuf_addstr(sb, "\" data-split=\"");
	html_escape_str(sb, e->split);
	strbuf_addstr(sb, "\" data-origin=\"");
	html_escape_str(sb, e->origin);
	strbuf_addstr(sb, "\" data-search=\"");
	for (j = 0; j < e->ntags; j++) {
		html_escape_str(sb, e->tags[j]);
		strbuf_addch(sb, ' ');
	}
	if (e->quest)
		html_escape_str(sb, e->quest);
	strbuf_addstr(sb, "\">\n<td><a href=\"");
	href_page(sb, "s/", e->id, NULL, NULL);
	strbuf_addstr(sb, "\">");
	html_escape_str(sb, e->title);
	strbuf_addstr(sb, "</a><code class=\"id\">");
	html_escape_str(sb, e->id);
	strbuf_addstr(sb, "</code></td>\n<td data-label=\"Capabilities\">");
	for (j = 0; j < e->ncapabilities; j++) {
		strbuf_addstr(sb, "<span class=\"tag cap\">");
		html_escape_str(sb, e->capabilities[j]);
		strbuf_addstr(sb, "</span> ");
	}
	strbuf_addf(
	    sb,
	    "</td>\n<td class=\"num\" data-label=\"Behaviors\" data-v=\"%zu\">%zu "
	    "<span class=\"muted\">(<span class=\"n-d\" title=\"desirable\">%zu&#10003;</span> "
	    "<span class=\"n-u\" title=\"undesirable\">%zu&#10007;</span>)</span></td>\n",
	    e->nbehaviors, e->nbehaviors, nd, e->nbehaviors - nd);
	if (e->nrankings < 2 || isnan(e->agreement))
		strbuf_addstr(sb, "<td class=\"num\" data-label=\"Agreement\" data-v=\"-1\">");
	else
		strbuf_addf(sb, "<td class=\"num\" data-label=\"Agreement\" data-v=\"%.4f\">",
		            e->agreement);
	fmt_agreement(sb, e->agreement, e->nrankings);
	strbuf_addstr(sb, "</td>\n<td data-label=\"Split\">");
	html_escape_str(sb, e->split);
	strbuf_addstr(sb, "</td>\n<td data-label=\"Origin\">");
	html_escape_str(sb, e->origin);
	strbuf_addstr(sb, "</td>\n</tr>\n");
}

static size_t count_quests(const struct site *site)
{
	size_t i, n = 0;

	for (i = 0; i < site->nquest_turns; i++)
		n += !i || strcmp(site->quest_turns[i]->quest, site->quest_turns[i - 1]->quest);
	return n;
}

static int out_write(void *arg, const char *data, size_t len)
{
	const struct emit_out *out = arg;

	return out->write(out->arg, data, len);
}

/* Write what sb holds, then a spilled list, to out. */
static int copy_chain(struct strbuf *sb, const struct emit_out *out, const struct site *site,
                      const struct spill_chain *c)
{
	int ret = page_flush(sb, out, 0);

	if (spill_each(site->spill, c, out_write, (void *)out) != 0)
		ret = error("cannot read back the site's lists: %s", strerror(errno));
	return ret;
}

/* The size of a file of the release, as "12.3 KB"; nothing when not yet known. */
static void file_size(struct strbuf *sb, const struct site *site, const char *rel)
{
	size_t i, b;

	for (i = 0; i < site->nfiles; i++)
		if (!strcmp(site->files[i].path, rel))
			break;
	if (i == site->nfiles)
		return;
	b = site->files[i].bytes;
	if (b < 1024)
		strbuf_addf(sb, "%zu bytes", b);
	else if (b < 1024 * 1024)
		strbuf_addf(sb, "%.1f KB", (double)b / 1024);
	else
		strbuf_addf(sb, "%.1f MB", (double)b / (1024 * 1024));
}

static void download_row(struct strbuf *sb, const struct site *site, const char *rel,
                         const char *what)
{
	strbuf_addstr(sb, "<tr><td>");
	file_link(sb, "", rel, rel);
	strbuf_addf(sb, "</td><td>%s</td><td class=\"num\">", what);
	file_size(sb, site, rel);
	strbuf_addstr(sb, "</td></tr>\n");
}

/* The index's list of the release's files, with sizes where known. */
static void download_section(struct strbuf *sb, const struct site *site)
{
	static const char *const what[] = {"scenarios with behaviors, rankings and thoughts",
	                                   "preference pairs (prompt, chosen, rejected)",
	                                   "quests, their turns in order"};
	struct strbuf rel = STRBUF_INIT;
	size_t k, s;

	strbuf_addstr(
	    sb, "<section id=\"download\" aria-labelledby=\"h-download\">\n"
	        "<h2 id=\"h-download\">Download</h2>\n<p>The release&#39;s files sit beside "
	        "this site; the <a href=\"../README.md\">dataset card</a> explains the columns "
	        "and how to load a split. Every line carries the canary below.</p>\n"
	        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
	        "aria-labelledby=\"h-download\">\n<table class=\"files\">\n<thead><tr>"
	        "<th scope=\"col\">File</th><th scope=\"col\">Contents</th>"
	        "<th scope=\"col\" class=\"num\">Size</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < 3; k++)
		for (s = 0; s < 3; s++) {
			char buf[128];
			snprintf(buf, sizeof(buf), "%s split: %s", data_splits[s], what[k]);
			strbuf_reset(&rel);
			strbuf_addf(&rel, "data/%s/%s.jsonl", data_kinds[k], data_splits[s]);
			download_row(sb, site, rel.buf, buf);
		}
	for (k = 0; k < 3; k++) {
		strbuf_reset(&rel);
		strbuf_addf(&rel, "schema/%s.schema.json", data_kinds[k]);
		download_row(sb, site, rel.buf, "JSON Schema of the records");
	}
	download_row(sb, site, "bigbench/task.json", "the test split as a BIG-bench JSON task");
	download_row(sb, site, "README.md", "the dataset card");
	download_row(sb, site, "CHANGES.md", "what changed since the previous release");
	download_row(sb, site, "changes.json", "the same, as JSON");
	download_row(sb, site, "manifest.json", "counts, sizes and SHA-256 of every file");
	download_row(sb, site, "SHA256SUMS", "checksums for <code>sha256sum -c</code>");
	strbuf_addstr(sb, "<tr><td>");
	tarball_links(sb, site, "");
	strbuf_addstr(sb, "</td><td>the whole release, packed</td><td class=\"num\"></td></tr>\n");
	strbuf_addstr(sb, "</tbody>\n</table>\n</div>\n");
	if (site->repo_url) {
		strbuf_addstr(sb, "<p>The sources: ");
		repository_link(sb, site, site->repo_url);
		strbuf_addstr(sb, ".</p>\n");
	}
	strbuf_addstr(sb, "</section>\n");
	strbuf_release(&rel);
}

static void index_page(struct strbuf *sb, const struct site *site, const struct emit_out *out,
                       int *ret)
{
	static const char *const labels[] = {"desirable", "undesirable"};
	static const char *const splits[] = {"train", "validation", "test"};
	static const char *const origins[] = {"human", "model-assisted", "model"};
	const struct config *cfg = site->cfg;
	const char **caps = xcalloc(cfg->ncapabilities + 1, sizeof(char *));
	const char **feats = xcalloc(cfg->nfeatures + 1, sizeof(char *));
	size_t i;

	for (i = 0; i < cfg->ncapabilities; i++)
		caps[i] = cfg->capabilities[i].id;
	for (i = 0; i < cfg->nfeatures; i++)
		feats[i] = cfg->features[i].id;
	page_head(sb, site, PAGE_INDEX, "Scenarios", "");
	strbuf_addstr(
	    sb, "<h1>Scenarios</h1>\n<p class=\"lead\">Situations that put an AI more "
	        "capable than its overseers to the test. Each scenario describes several "
	        "behaviors the AI could choose, labels them desirable or undesirable, ranks "
	        "them, and records the thoughts that lead to each.</p>\n<ul class=\"summary\">\n");
	strbuf_addf(sb,
	            "<li><strong>%zu</strong><span>scenarios</span></li>\n"
	            "<li><strong>%zu</strong><span>behaviors</span></li>\n"
	            "<li><strong>%zu</strong><span>quests</span></li>\n"
	            "<li><strong>%zu</strong><span>features</span></li>\n</ul>\n",
	            site->n, site->nbehaviors, count_quests(site), cfg->nfeatures);
	strbuf_addstr(sb, "<form id=\"filters\" class=\"filters\" role=\"search\" "
	                  "aria-label=\"Filter scenarios\" hidden>\n"
	                  "<label class=\"q\">Search <input type=\"search\" name=\"q\" "
	                  "placeholder=\"words in titles, texts, thoughts, ids, tags\" "
	                  "autocomplete=\"off\"></label>\n");
	select_box(sb, "capability", "Capability", caps, cfg->ncapabilities);
	select_box(sb, "feature", "Feature", feats, cfg->nfeatures);
	select_box(sb, "label", "Label", labels, 2);
	select_box(sb, "split", "Split", splits, 3);
	select_box(sb, "origin", "Origin", origins, 3);
	/* site.js fills it with the columns: the phone layout has no table header */
	strbuf_addstr(sb, "<label class=\"sort-by\">Sort <select name=\"sort\">"
	                  "<option value=\"\">as listed</option></select></label>\n"
	                  "<button type=\"reset\">Clear</button>\n</form>\n");
	strbuf_addf(sb, "<p id=\"count\" role=\"status\">%zu scenarios</p>\n", site->n);
	strbuf_addstr(
	    sb,
	    "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Scenarios table\">\n"
	    "<table id=\"scenarios\">\n"
	    "<caption class=\"muted\">Every scenario; the label and feature filters "
	    "match a behavior that has both.</caption>\n<thead><tr>"
	    "<th scope=\"col\">Title</th><th scope=\"col\">Capabilities</th>"
	    "<th scope=\"col\" class=\"num\">Behaviors</th><th scope=\"col\" "
	    "class=\"num\">Agreement</th>"
	    "<th scope=\"col\">Split</th><th scope=\"col\">Origin</th></tr></thead>\n<tbody>\n");
	*ret |= copy_chain(sb, out, site, &site->rows);
	strbuf_addstr(sb, "</tbody>\n</table>\n</div>\n"
	                  "<p id=\"empty\" hidden>No scenario matches these filters.</p>\n");
	download_section(sb, site);
	page_foot(sb, site, "",
	          "<script src=\"search.js\"></script>\n<script src=\"site.js\"></script>");
	free(caps);
	free(feats);
}

/* ---- taxonomy page ---- */

static void taxo_feature_section(struct strbuf *sb, const struct taxo_entry *f,
                                 const struct site_term *a, const struct site *site,
                                 const struct emit_out *out, int *ret)
{
	const char *pol = label_name(f->polarity);

	strbuf_addstr(sb, "<section class=\"taxo\" id=\"");
	attr_id(sb, "f-", f->id);
	strbuf_addstr(sb, "\">\n<h3><code>");
	html_escape_str(sb, f->id);
	strbuf_addf(sb, "</code> <span class=\"badge %s\">%s</span></h3>\n<p>", pol, pol);
	html_escape_str(sb, f->description);
	strbuf_addf(sb,
	            "</p>\n<p class=\"muted\">%zu behavior%s in %zu scenario%s: "
	            "<span class=\"n-d\">%zu labelled desirable</span>, "
	            "<span class=\"n-u\">%zu labelled undesirable</span>.",
	            a->nbehaviors, a->nbehaviors == 1 ? "" : "s", a->nscenarios,
	            a->nscenarios == 1 ? "" : "s", a->nd, a->nu);
	if (a->nscenarios) {
		strbuf_addstr(sb, " <a href=\"index.html#feature=");
		html_url_escape(sb, f->id);
		strbuf_addstr(sb, "\">Filter the index</a>");
	}
	strbuf_addstr(sb, "</p>\n");
	if (a->nbehaviors) {
		strbuf_addf(sb, "<details>\n<summary>Behaviors (%zu)</summary>\n<ul>\n",
		            a->nbehaviors);
		*ret |= copy_chain(sb, out, site, &a->list);
		strbuf_addstr(sb, "</ul>\n</details>\n");
	}
	strbuf_addstr(sb, "</section>\n");
}

static void taxonomy_page(struct strbuf *sb, const struct site *site, const struct emit_out *out,
                          int *ret)
{
	const struct config *cfg = site->cfg;
	size_t nf = cfg->nfeatures, nc = cfg->ncapabilities, t;
	const struct site_term *cnt_f = site->features, *cnt_c = site->capabilities;
	int pol;

	page_head(sb, site, PAGE_TAXONOMY, "Taxonomy", "");
	strbuf_addstr(
	    sb,
	    "<h1>Taxonomy</h1>\n<p class=\"lead\">Features describe what a behavior does "
	    "(each has a polarity: a desirable or an undesirable trait); capabilities say "
	    "which superhuman abilities a scenario involves. A behavior&#39;s label can "
	    "disagree with a feature&#39;s polarity, and the counts show where it does.</p>\n"
	    "<nav class=\"toc\" aria-label=\"Taxonomy contents\">\n"
	    "<div><p class=\"toc-h\">Features <span class=\"muted\">(behaviors)</span></p><ul>\n");
	for (pol = LABEL_DESIRABLE; pol <= LABEL_UNDESIRABLE; pol++)
		for (t = 0; t < nf; t++) {
			if ((int)cfg->features[t].polarity != pol)
				continue;
			strbuf_addstr(sb, "<li><a href=\"#f-");
			html_url_escape(sb, cfg->features[t].id);
			strbuf_addstr(sb, "\"><code>");
			html_escape_str(sb, cfg->features[t].id);
			strbuf_addf(sb, "</code></a> <span class=\"muted\">(%zu)</span></li>\n",
			            cnt_f[t].nbehaviors);
		}
	strbuf_addstr(sb, "</ul></div>\n<div><p class=\"toc-h\">Capabilities "
	                  "<span class=\"muted\">(scenarios)</span></p><ul>\n");
	for (t = 0; t < nc; t++) {
		strbuf_addstr(sb, "<li><a href=\"#c-");
		html_url_escape(sb, cfg->capabilities[t].id);
		strbuf_addstr(sb, "\"><code>");
		html_escape_str(sb, cfg->capabilities[t].id);
		strbuf_addf(sb, "</code></a> <span class=\"muted\">(%zu)</span></li>\n",
		            cnt_c[t].nscenarios);
	}
	strbuf_addstr(sb, "</ul></div>\n</nav>\n");
	for (pol = LABEL_DESIRABLE; pol <= LABEL_UNDESIRABLE; pol++) {
		strbuf_addf(sb, "<h2>%s features</h2>\n<div class=\"taxo-grid\">\n",
		            pol == LABEL_DESIRABLE ? "Desirable" : "Undesirable");
		for (t = 0; t < nf; t++)
			if ((int)cfg->features[t].polarity == pol)
				taxo_feature_section(sb, &cfg->features[t], &cnt_f[t], site, out,
				                     ret);
		strbuf_addstr(sb, "</div>\n");
	}
	strbuf_addstr(sb, "<h2>Capabilities</h2>\n<div class=\"taxo-grid\">\n");
	for (t = 0; t < nc; t++) {
		const struct taxo_entry *c = &cfg->capabilities[t];
		strbuf_addstr(sb, "<section class=\"taxo\" id=\"");
		attr_id(sb, "c-", c->id);
		strbuf_addstr(sb, "\">\n<h3><code>");
		html_escape_str(sb, c->id);
		strbuf_addstr(sb, "</code></h3>\n<p>");
		html_escape_str(sb, c->description);
		strbuf_addf(sb, "</p>\n<p class=\"muted\">%zu scenario%s, %zu behaviors.",
		            cnt_c[t].nscenarios, cnt_c[t].nscenarios == 1 ? "" : "s",
		            cnt_c[t].nbehaviors);
		if (cnt_c[t].nscenarios) {
			strbuf_addstr(sb, " <a href=\"index.html#capability=");
			html_url_escape(sb, c->id);
			strbuf_addstr(sb, "\">Filter the index</a>");
		}
		strbuf_addstr(sb, "</p>\n");
		if (cnt_c[t].nscenarios) {
			strbuf_addf(sb, "<details>\n<summary>Scenarios (%zu)</summary>\n<ul>\n",
			            cnt_c[t].nscenarios);
			*ret |= copy_chain(sb, out, site, &cnt_c[t].list);
			strbuf_addstr(sb, "</ul>\n</details>\n");
		}
		strbuf_addstr(sb, "</section>\n");
	}
	strbuf_addstr(sb, "</div>\n");
	page_foot(sb, site, "", NULL);
}

/* ---- statistics page: charts as inline SVG ---- */

struct bar {
	const char *label;
	size_t a, b; /* b: a second, stacked segment (0 when unused) */
	const char *cls_a, *cls_b;
	int group; /* a heading row, no bar */
};

#define CHART_W 420
#define ROW_H 38

/*
 * A horizontal bar chart: each row has its label above its bar, so the text
 * stays readable when a phone scales the chart down. The numbers are also in
 * a table under a disclosure, for screen readers and exact values.
 */
static void bar_chart(struct strbuf *sb, const char *title, const char *legend,
                      const struct bar *bars, size_t n, const char *col_a, const char *col_b)
{
	size_t i, max = 1;
	int y = 0, h = 4;

	for (i = 0; i < n; i++) {
		if (!bars[i].group && bars[i].a + bars[i].b > max)
			max = bars[i].a + bars[i].b;
		h += bars[i].group ? 26 : ROW_H;
	}
	strbuf_addstr(sb, "<figure class=\"chart\">\n<figcaption>");
	html_escape_str(sb, title);
	strbuf_addstr(sb, "</figcaption>\n");
	if (legend)
		strbuf_addstr(sb, legend);
	strbuf_addf(sb,
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	            "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
	            CHART_W, h, CHART_W, h);
	html_escape_str(sb, title);
	strbuf_addstr(sb, "\">\n");
	for (i = 0; i < n; i++) {
		const struct bar *r = &bars[i];
		int wa, wb, full = CHART_W - 70;

		if (r->group) {
			strbuf_addf(sb, "<text class=\"group\" x=\"0\" y=\"%d\">", y + 18);
			html_escape_str(sb, r->label);
			strbuf_addstr(sb, "</text>\n");
			y += 26;
			continue;
		}
		wa = (int)lround((double)full * (double)r->a / (double)max);
		wb = (int)lround((double)full * (double)r->b / (double)max);
		strbuf_addf(sb, "<text x=\"0\" y=\"%d\">", y + 14);
		html_escape_str(sb, r->label);
		strbuf_addf(
		    sb,
		    "</text>\n<rect class=\"track\" x=\"0\" y=\"%d\" width=\"%d\" height=\"14\"/>",
		    y + 19, full);
		if (wa)
			strbuf_addf(
			    sb,
			    "<rect class=\"bar %s\" x=\"0\" y=\"%d\" width=\"%d\" height=\"14\"/>",
			    r->cls_a ? r->cls_a : "", y + 19, wa);
		if (wb)
			strbuf_addf(
			    sb,
			    "<rect class=\"bar %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\"/>",
			    r->cls_b ? r->cls_b : "", wa, y + 19, wb);
		if (col_b && r->a && r->b)
			strbuf_addf(sb, "<text class=\"val\" x=\"%d\" y=\"%d\">%zu+%zu</text>\n",
			            full + 6, y + 31, r->a, r->b);
		else
			strbuf_addf(sb, "<text class=\"val\" x=\"%d\" y=\"%d\">%zu</text>\n",
			            full + 6, y + 31, r->a + r->b);
		y += ROW_H;
	}
	strbuf_addstr(sb, "</svg>\n<details>\n<summary>Numbers</summary>\n<table>\n<thead><tr>"
	                  "<th scope=\"col\"></th><th scope=\"col\" class=\"num\">");
	strbuf_addstr(sb, col_a);
	strbuf_addstr(sb, "</th>");
	if (col_b) {
		strbuf_addf(sb, "<th scope=\"col\" class=\"num\">%s</th>", col_b);
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		if (bars[i].group)
			continue;
		strbuf_addstr(sb, "<tr><th scope=\"row\">");
		html_escape_str(sb, bars[i].label);
		strbuf_addf(sb, "</th><td class=\"num\">%zu</td>", bars[i].a);
		if (col_b)
			strbuf_addf(sb, "<td class=\"num\">%zu</td>", bars[i].b);
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "</tbody>\n</table>\n</details>\n</figure>\n");
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The median thought length: the middle of the sorted lengths (upper one). */
static size_t median_words(const struct site *site)
{
	size_t want = site->nbehaviors / 2, seen = 0, i;
	size_t *big;

	for (i = 0; i < SITE_WORDS_EXACT; i++) {
		seen += site->words[i];
		if (seen > want)
			return i;
	}
	big = xmalloc((site->nlong + 1) * sizeof(*big));
	if (site->nlong)
		memcpy(big, site->long_words, site->nlong * sizeof(*big));
	qsort(big, site->nlong, sizeof(*big), cmp_size);
	i = want - seen < site->nlong ? big[want - seen] : 0;
	free(big);
	return i;
}

static void stats_page(struct strbuf *sb, const struct site *site)
{
	static const char *const agree_labels[] = {"one ranker (no W)", "0.0 to 0.1", "0.1 to 0.2",
	                                           "0.2 to 0.3",        "0.3 to 0.4", "0.4 to 0.5",
	                                           "0.5 to 0.6",        "0.6 to 0.7", "0.7 to 0.8",
	                                           "0.8 to 0.9",        "0.9 to 1.0"};
	static const char *const len_labels[] = {"under 25 words", "25 to 49",    "50 to 74",
	                                         "75 to 99",       "100 to 149",  "150 to 199",
	                                         "200 to 299",     "300 and over"};
	static const char *const split_labels[] = {"train", "validation", "test"};
	static const char *const origin_labels[] = {"human", "model-assisted", "model"};
	const struct config *cfg = site->cfg;
	size_t nf = cfg->nfeatures, nc = cfg->ncapabilities, t, nbars = 0;
	size_t nb = site->nbehaviors, nsup = site->nsup, nd = site->nd;
	struct bar *bars = xcalloc(nf + nc + 32, sizeof(*bars));
	int pol;

	page_head(sb, site, PAGE_STATS, "Statistics", "");
	strbuf_addstr(sb, "<h1>Statistics</h1>\n<ul class=\"summary\">\n");
	strbuf_addf(sb,
	            "<li><strong>%zu</strong><span>scenarios</span></li>\n"
	            "<li><strong>%zu</strong><span>behaviors</span></li>\n"
	            "<li><strong>%zu%%</strong><span>superhuman behaviors</span></li>\n"
	            "<li><strong>%zu / %zu</strong><span>desirable / undesirable</span></li>\n"
	            "<li><strong>%zu</strong><span>rankings</span></li>\n"
	            "<li><strong>%zu</strong><span>median thought words</span></li>\n"
	            "<li><strong>%zu</strong><span>quests</span></li>\n</ul>\n",
	            site->n, nb, nb ? (nsup * 100 + nb / 2) / nb : 0, nd, nb - nd, site->nrankings,
	            nb ? median_words(site) : 0, count_quests(site));
	strbuf_addstr(sb, "<div class=\"charts\">\n");

	for (pol = LABEL_DESIRABLE; pol <= LABEL_UNDESIRABLE; pol++) {
		bars[nbars].label =
		    pol == LABEL_DESIRABLE ? "Desirable features" : "Undesirable features";
		bars[nbars++].group = 1;
		for (t = 0; t < nf; t++) {
			if ((int)cfg->features[t].polarity != pol)
				continue;
			bars[nbars].label = cfg->features[t].id;
			bars[nbars].a = site->features[t].nd;
			bars[nbars].b = site->features[t].nu;
			bars[nbars].cls_a = "desirable";
			bars[nbars++].cls_b = "undesirable";
		}
	}
	bar_chart(
	    sb, "Behaviors per feature, by the behavior's label",
	    "<ul class=\"legend\"><li><span class=\"dot desirable\"></span>labelled desirable</li>"
	    "<li><span class=\"dot undesirable\"></span>labelled undesirable</li></ul>\n",
	    bars, nbars, "desirable", "undesirable");

	memset(bars, 0, (nf + nc + 32) * sizeof(*bars));
	for (t = 0; t < nc; t++) {
		bars[t].label = cfg->capabilities[t].id;
		bars[t].a = site->capabilities[t].nscenarios;
	}
	bar_chart(sb, "Scenarios per capability", NULL, bars, nc, "scenarios", NULL);

	memset(bars, 0, (nf + nc + 32) * sizeof(*bars));
	for (t = 0; t < 11; t++) {
		bars[t].label = agree_labels[t];
		bars[t].a = site->agree[t];
	}
	bar_chart(sb, "Agreement between rankers (Kendall's W)", NULL, bars, 11, "scenarios", NULL);

	memset(bars, 0, (nf + nc + 32) * sizeof(*bars));
	for (t = 0; t < 8; t++) {
		bars[t].label = len_labels[t];
		bars[t].a = site->lenbins[t];
	}
	bar_chart(sb, "Thought length (words per behavior)", NULL, bars, 8, "behaviors", NULL);

	memset(bars, 0, (nf + nc + 32) * sizeof(*bars));
	for (t = 0; t < 3; t++) {
		bars[t].label = split_labels[t];
		bars[t].a = site->splits[t];
	}
	bar_chart(sb, "Scenarios per split", NULL, bars, 3, "scenarios", NULL);

	memset(bars, 0, (nf + nc + 32) * sizeof(*bars));
	for (t = 0; t < 3; t++) {
		bars[t].label = origin_labels[t];
		bars[t].a = site->origins[t];
	}
	bar_chart(sb, "Scenarios per origin (who wrote the text)", NULL, bars, 3, "scenarios",
	          NULL);
	strbuf_addstr(sb, "</div>\n");
	if (site->audit_table) {
		strbuf_addstr(sb, "<h2>Shortcuts</h2>\n<p>How often a predictor that never reads "
		                  "the scenario picks the chosen behavior of a pair "
		                  "(<code>corpusc audit</code>): accuracy over the pairs, a tie "
		                  "counting one half, with a 95% scenario-bootstrap interval; 0.5 "
		                  "is chance.</p>\n");
		strbuf_addstr(sb, site->audit_table);
	}
	page_foot(sb, site, "", NULL);
	free(bars);
}

/* ---- quests page ---- */

static void code_path(struct strbuf *sb, const char *a, const char *b)
{
	strbuf_addstr(sb, "<code>");
	html_escape_str(sb, a);
	html_escape_str(sb, b);
	strbuf_addstr(sb, "</code>");
}

/* An open turn: what it has, and the files a player or ranker adds next. */
static void open_turn(struct strbuf *sb, const struct site_open_turn *t)
{
	size_t i;

	strbuf_addf(sb, "<div class=\"open-turn\">\n<h3><span class=\"muted\">Turn %ld:</span> ",
	            t->turn);
	html_escape_str(sb, t->title);
	strbuf_addf(sb, " <span class=\"badge\">open: %s</span></h3>\n",
	            t->ranking ? "ranking" : "proposing");
	strbuf_addstr(sb, "<p>Source: ");
	code_path(sb, t->source, "");
	strbuf_addf(sb, "</p>\n<p>Proposed behaviors (%zu):", t->nbehaviors);
	for (i = 0; i < t->nbehaviors; i++) {
		strbuf_addstr(sb, i ? ", " : " ");
		strbuf_addstr(sb, "<code>");
		html_escape_str(sb, t->behaviors[i]);
		strbuf_addstr(sb, "</code>");
	}
	strbuf_addf(sb, "</p>\n<p>Rankings received (%zu):", t->nrankers);
	for (i = 0; i < t->nrankers; i++) {
		strbuf_addstr(sb, i ? ", " : " ");
		strbuf_addstr(sb, "<code>");
		html_escape_str(sb, t->rankers[i]);
		strbuf_addstr(sb, "</code>");
	}
	strbuf_addstr(sb, "</p>\n<p class=\"next\">Next: ");
	if (t->ranking) {
		strbuf_addstr(sb, "a ranker adds ");
		code_path(sb, t->source, "rankings/<handle>.yaml");
		strbuf_addstr(sb, " (<code>corpusc new --ranking ");
		html_escape_str(sb, t->source);
		strbuf_addstr(sb, " --by &lt;handle&gt;</code>)");
	} else {
		strbuf_addstr(sb, "a player adds ");
		code_path(sb, t->source, "behaviors/<behavior-id>.md");
		strbuf_addstr(sb, " (<code>corpusc new --behavior ");
		html_escape_str(sb, t->source);
		strbuf_addstr(sb, "&lt;behavior-id&gt;</code>)");
	}
	strbuf_addstr(sb, ".</p>\n</div>\n");
}

/* The open turns of quest (open sorted), or of quests with no turn released. */
static void open_turns(struct strbuf *sb, const struct site *site, const char *quest)
{
	size_t i;

	for (i = 0; i < site->nopen; i++)
		if (!strcmp(site->open_turns[i].quest, quest))
			open_turn(sb, &site->open_turns[i]);
}

static void quests_page(struct strbuf *sb, const struct site *site, const struct emit_out *out,
                        int *ret)
{
	size_t i, j;

	page_head(sb, site, PAGE_QUESTS, "Quests", "");
	strbuf_addstr(sb,
	              "<h1>Quests</h1>\n<p class=\"lead\">Quests chain scenarios in the manner "
	              "of a forum game: players propose and rank actions, the quest master plays "
	              "out the top-ranked one, and its consequences set up the next turn.</p>\n");
	if (!site->nquest_turns && !site->nopen)
		strbuf_addstr(sb, "<p>This release has no quests.</p>\n");

	for (i = 0; i < site->nquest_turns; i = j) {
		const struct site_entry *first = site->quest_turns[i];

		*ret |= page_flush(sb, out, PAGE_CHUNK);
		for (j = i;
		     j < site->nquest_turns && !strcmp(site->quest_turns[j]->quest, first->quest);
		     j++)
			;
		strbuf_addstr(sb, "<section class=\"quest\" id=\"");
		attr_id(sb, "q-", first->quest);
		strbuf_addstr(sb, "\" aria-labelledby=\"");
		attr_id(sb, "qh-", first->quest);
		strbuf_addstr(sb, "\">\n<h2 id=\"");
		attr_id(sb, "qh-", first->quest);
		strbuf_addstr(sb, "\">");
		html_escape_str(sb, first->quest);
		strbuf_addf(sb, "</h2>\n<p class=\"quest-meta\">%zu turn%s, split ", j - i,
		            j - i == 1 ? "" : "s");
		html_escape_str(sb, first->split);
		strbuf_addstr(sb, "</p>\n<ol class=\"turns\">\n");
		for (; i < j; i++) {
			const struct site_entry *te = site->quest_turns[i];
			strbuf_addf(sb,
			            "<li>\n<h3><span class=\"muted\">Turn %ld:</span> <a href=\"",
			            te->turn);
			href_page(sb, "s/", te->id, NULL, NULL);
			strbuf_addstr(sb, "\">");
			html_escape_str(sb, te->title);
			strbuf_addstr(sb, "</a></h3>\n<div class=\"played\">\n<p "
			                  "class=\"label\">Chosen action: <a href=\"");
			href_page(sb, "s/", te->id, "b-", te->chosen);
			strbuf_addstr(sb, "\"><code>");
			html_escape_str(sb, te->chosen);
			strbuf_addstr(sb, "</code></a>");
			if (te->chosen_label != LABEL_NONE)
				strbuf_addf(sb, " <span class=\"badge %s\">%s</span>",
				            label_name(te->chosen_label),
				            label_name(te->chosen_label));
			strbuf_addstr(sb, "</p>\n");
			if (te->chosen_html && *te->chosen_html) {
				strbuf_addstr(sb, "<div class=\"text\">\n");
				strbuf_addstr(sb, te->chosen_html);
				strbuf_addstr(sb, "</div>\n");
			}
			strbuf_addstr(sb, "</div>\n");
			if (te->consequences_html && *te->consequences_html) {
				strbuf_addstr(sb, "<h4>Consequences</h4>\n<div class=\"text\">\n");
				strbuf_addstr(sb, te->consequences_html);
				strbuf_addstr(sb, "</div>\n");
			} else {
				strbuf_addstr(sb, "<p class=\"muted\">The quest ends here.</p>\n");
			}
			strbuf_addstr(sb, "</li>\n");
		}
		strbuf_addstr(sb, "</ol>\n");
		open_turns(sb, site, first->quest);
		strbuf_addstr(sb, "</section>\n");
	}
	/* quests whose turns are all open (a new quest's first turn) */
	for (i = 0; i < site->nopen; i++) {
		const struct site_open_turn *t = &site->open_turns[i];
		size_t k;

		for (k = 0; k < site->nquest_turns && strcmp(site->quest_turns[k]->quest, t->quest);
		     k++)
			;
		if (k < site->nquest_turns ||
		    (i && !strcmp(site->open_turns[i - 1].quest, t->quest)))
			continue;
		strbuf_addstr(sb, "<section class=\"quest\" id=\"");
		attr_id(sb, "q-", t->quest);
		strbuf_addstr(sb, "\">\n<h2>");
		html_escape_str(sb, t->quest);
		strbuf_addstr(sb, "</h2>\n");
		open_turns(sb, site, t->quest);
		strbuf_addstr(sb, "</section>\n");
	}
	page_foot(sb, site, "", NULL);
}

/*
 * Give each heading the id a forge gives it (its text lower-cased, spaces
 * as hyphens, other punctuation dropped; "-1", "-2" on repeats), so the
 * guide's own "#section" links work: an empty span at the heading's start,
 * our own markup with only [a-z0-9_-] in it, never text from the file.
 */
static void heading_anchors(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	struct strbuf seen = STRBUF_INIT; /* " slug slug ... " */

	strbuf_addstr(&seen, " main "); /* the page's own id */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *h = cmark_iter_get_node(it), *span;
		struct strbuf text = STRBUF_INIT, slug = STRBUF_INIT, tag = STRBUF_INIT;
		size_t i, base;
		int n = 0;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(h) != CMARK_NODE_HEADING)
			continue;
		plain_text(h, &text);
		for (i = 0; i < text.len; i++) {
			unsigned char c = (unsigned char)text.buf[i];
			if (isalnum(c) || c == '-' || c == '_')
				strbuf_addch(&slug, (char)tolower(c));
			else if (c == ' ')
				strbuf_addch(&slug, '-');
		}
		if (!slug.len)
			strbuf_addstr(&slug, "section");
		base = slug.len;
		for (;;) {
			strbuf_addch(&slug, ' ');
			strbuf_reset(&tag);
			strbuf_addf(&tag, " %s", slug.buf);
			if (!strstr(seen.buf, tag.buf))
				break;
			strbuf_setlen(&slug, base);
			strbuf_addf(&slug, "-%d", ++n);
		}
		strbuf_setlen(&slug, slug.len - 1);
		strbuf_addf(&seen, "%s ", slug.buf);
		strbuf_reset(&tag);
		strbuf_addf(&tag, "<span id=\"%s\"></span>", slug.buf);
		span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(span, tag.buf);
		cmark_node_prepend_child(h, span);
		strbuf_release(&text);
		strbuf_release(&slug);
		strbuf_release(&tag);
	}
	cmark_iter_free(it);
	strbuf_release(&seen);
}

/*
 * The guide's links to files beside it in docs/ (format.md,
 * ../CONTRIBUTING.md) are not in the release: with a repository they point
 * into it, else they become their text.
 */
static void guide_links(cmark_node *root, const char *repo)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node **unlink = NULL;
	size_t n = 0, a = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *l = cmark_iter_get_node(it);
		const char *url;
		char scheme[16];

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(l) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(l);
		url_scheme(url ? url : "", scheme, sizeof(scheme));
		if (!url || !*url || *url == '#' || *scheme)
			continue;
		if (repo) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s/blob/main/docs/%s", repo, url);
			cmark_node_set_url(l, sb.buf);
			strbuf_release(&sb);
		} else {
			XGROW(unlink, a, n + 1);
			unlink[n++] = l;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < n; i++) {
		cmark_node *c;
		while ((c = cmark_node_first_child(unlink[i])))
			cmark_node_insert_before(unlink[i], c);
		cmark_node_free(unlink[i]);
	}
	free(unlink);
}

/*
 * rater-guide.html: docs/rater-guide.md (built in, so every release has the
 * guide its pages were ranked by), through the same sanitizing Markdown path
 * as the corpus.
 */
static void guide_page(struct strbuf *sb, const struct site *site)
{
	const struct asset *a = asset_find("rater-guide.md");
	cmark_node *root;
	char *html;

	page_head(sb, site, PAGE_GUIDE, "Rater guide", "");
	strbuf_addstr(sb, "<article class=\"guide text\">\n");
	if (!a)
		BUG("no built-in asset '%s'", "rater-guide.md");
	root = cmark_parse_document(a->data, a->len, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	sanitize(root, cmark_get_default_mem_allocator());
	heading_anchors(root);
	guide_links(root, site->repo_url);
	html = cmark_render_html(root, CMARK_OPT_DEFAULT);
	strbuf_addstr(sb, html);
	free(html);
	cmark_node_free(root);
	strbuf_addstr(sb, "</article>\n");
	page_foot(sb, site, "", NULL);
}

/* A built-in file (compiler/assets/). */
static void add_asset(struct strbuf *sb, const char *name)
{
	const struct asset *a = asset_find(name);

	if (!a)
		BUG("no built-in asset '%s'", name);
	strbuf_add(sb, a->data, a->len);
}

/*
 * search.js: the index's full-text search, one entry per scenario (id: its
 * words, search_words()). A script that assigns it, not JSON to fetch: the
 * CSP allows no fetch, and pages opened from file:// could not fetch anyway.
 */
static void search_js(struct strbuf *sb, const struct site *site, const struct emit_out *out,
                      int *ret)
{
	strbuf_addstr(sb, "/* search.js: the words of every scenario's title, scenario, behavior "
	                  "and thought texts (written by corpusc). ");
	/* a canary with a comment's end in it cannot end the comment early */
	{
		const char *c = site->cfg->canary;
		for (; *c; c++) {
			strbuf_addch(sb, *c);
			if (*c == '*' && c[1] == '/')
				strbuf_addch(sb, ' ');
		}
	}
	strbuf_addstr(sb, " */\nwindow.corpuscSearch = {\n");
	*ret |= copy_chain(sb, out, site, &site->search);
	strbuf_addstr(sb, "\"\": \"\"\n};\n");
}

int emit_html_site(const struct site *site, const struct emit_out *out)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

#define PAGE(path, ...)                                                                            \
	do {                                                                                       \
		ret |= out->open(out->arg, path);                                                  \
		__VA_ARGS__;                                                                       \
		ret |= page_flush(&sb, out, 0);                                                    \
		ret |= out->close(out->arg);                                                       \
	} while (0)

	/* split in pieces: ISO C caps a string literal at 4095 bytes */
	PAGE("html/site.css", add_asset(&sb, "site.css"));
	PAGE("html/site.js", add_asset(&sb, "site.js"));
	PAGE("html/search.js", search_js(&sb, site, out, &ret));
	PAGE("html/index.html", index_page(&sb, site, out, &ret));
	PAGE("html/taxonomy.html", taxonomy_page(&sb, site, out, &ret));
	PAGE("html/stats.html", stats_page(&sb, site));
	PAGE("html/quests.html", quests_page(&sb, site, out, &ret));
	PAGE("html/rater-guide.html", guide_page(&sb, site));
#undef PAGE
	strbuf_release(&sb);
	return ret ? -1 : 0;
}
