/*
 * emit_html: the release's static site; see emit_html.h.
 *
 * Pages are plain HTML5 with one stylesheet (site.css) and one script
 * (site.js, filters on the index only; the table is complete without it).
 * The CSP meta on every page: default-src 'none'; style-src 'self';
 * script-src 'self'; img-src 'self' data:; so nothing is loaded from outside
 * and no inline script can run.
 */
#include "emit_html.h"

#include <cmark.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit_jsonl.h"
#include "json.h"
#include "xalloc.h"

#define CSP "default-src 'none'; style-src 'self'; script-src 'self'; " \
	    "img-src 'self' data:; base-uri 'none'; form-action 'none'"

void html_escape(struct strbuf *sb, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = "\xEF\xBF\xBD"; break;
		default: break;
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

void html_markdown(struct strbuf *sb, const char *md, size_t len)
{
	/* CMARK_OPT_DEFAULT is safe mode in cmark >= 0.29: raw HTML and
	 * javascript:/vbscript:/file:/non-image data: URLs are dropped */
	char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT);

	strbuf_addstr(sb, html);
	free(html);
}

static void page_head(struct strbuf *sb, const struct site *site,
		      const char *title, const char *prefix)
{
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		      "<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
		      "<meta name=\"robots\" content=\"noai, noimageai\">\n"
		      "<title>");
	html_escape_str(sb, title);
	strbuf_addstr(sb, " - ");
	html_escape_str(sb, site->cfg->name);
	strbuf_addf(sb, "</title>\n<link rel=\"stylesheet\" href=\"%ssite.css\">\n</head>\n<body>\n"
		    "<header class=\"top\"><nav aria-label=\"Site\"><a class=\"brand\" href=\"%sindex.html\">",
		    prefix, prefix);
	html_escape_str(sb, site->cfg->name);
	strbuf_addf(sb, " <span class=\"ver\">%s</span></a> "
		    "<a href=\"%sindex.html\">Scenarios</a> "
		    "<a href=\"%staxonomy.html\">Taxonomy</a> "
		    "<a href=\"%sstats.html\">Statistics</a> "
		    "<a href=\"%squests.html\">Quests</a></nav></header>\n<main>\n",
		    site->version ? site->version : "", prefix, prefix, prefix, prefix);
}

static void page_foot(struct strbuf *sb, const struct site *site, const char *script)
{
	strbuf_addstr(sb, "</main>\n<footer><p class=\"canary\">Canary: <code>");
	html_escape_str(sb, site->cfg->canary);
	strbuf_addstr(sb, "</code></p><p>Licensed ");
	html_escape_str(sb, site->cfg->license);
	strbuf_addstr(sb, ". Do not include this dataset in pretraining corpora.</p></footer>\n");
	if (script)
		strbuf_addf(sb, "<script src=\"%s\"></script>\n", script);
	strbuf_addstr(sb, "</body>\n</html>\n");
}

static void md_span(struct strbuf *sb, const struct doc *doc, const struct span *sp)
{
	struct strbuf t = STRBUF_INIT;

	emit_text_raw(&t, doc, sp);
	html_markdown(sb, t.buf, t.len);
	strbuf_release(&t);
}

static void fmt_agreement(struct strbuf *sb, double w, size_t nrankings)
{
	if (nrankings < 2 || isnan(w))
		strbuf_addstr(sb, "n/a (one ranker)");
	else
		strbuf_addf(sb, "%.2f", w);
}

void emit_html_scenario(struct strbuf *sb, const struct doc *doc,
			const struct site *site, const char *split,
			const char *source)
{
	int *order = xmalloc((doc->nbehaviors + 1) * sizeof(int));
	size_t i, j, k;

	page_head(sb, site, doc->title, "../");
	strbuf_addstr(sb, "<article class=\"scenario\">\n<h1>");
	html_escape_str(sb, doc->title);
	strbuf_addstr(sb, "</h1>\n<dl class=\"meta\"><dt>Id</dt><dd><code>");
	html_escape_str(sb, doc->id);
	strbuf_addstr(sb, "</code></dd><dt>Capabilities</dt><dd>");
	for (i = 0; i < doc->ncapabilities; i++) {
		strbuf_addstr(sb, "<span class=\"tag cap\">");
		html_escape_str(sb, doc->capabilities[i]);
		strbuf_addstr(sb, "</span> ");
	}
	strbuf_addstr(sb, "</dd><dt>Split</dt><dd>");
	html_escape_str(sb, split);
	strbuf_addstr(sb, "</dd><dt>Origin</dt><dd>");
	html_escape_str(sb, doc->origin);
	strbuf_addstr(sb, "</dd><dt>Authors</dt><dd>");
	for (i = 0; i < doc->nauthors; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		html_escape_str(sb, doc->authors[i]);
	}
	strbuf_addstr(sb, "</dd><dt>Agreement</dt><dd>");
	fmt_agreement(sb, doc->agreement, doc->nrankings);
	strbuf_addstr(sb, "</dd><dt>Source</dt><dd><code>");
	html_escape_str(sb, source);
	strbuf_addstr(sb, "</code></dd></dl>\n");
	if (doc->quest) {
		strbuf_addstr(sb, "<nav class=\"quest-nav\" aria-label=\"Quest\">");
		strbuf_addstr(sb, EMIT_HTML_NAV_MARK);
		strbuf_addstr(sb, "</nav>\n");
	}
	strbuf_addstr(sb, "<section class=\"situation\"><h2>Scenario</h2>\n");
	md_span(sb, doc, &doc->scenario);
	strbuf_addstr(sb, "</section>\n<section class=\"behaviors\"><h2>Behaviors, best first</h2>\n");
	emit_consensus_order(doc, order);
	for (i = 0; i < doc->nbehaviors; i++) {
		const struct behavior *b = &doc->behaviors[order[i]];
		int des = b->label == LABEL_DESIRABLE;

		strbuf_addf(sb, "<article class=\"behavior %s\" id=\"b-",
			    des ? "desirable" : "undesirable");
		html_escape_str(sb, b->id);
		strbuf_addf(sb, "\">\n<h3><span class=\"rank\">%d</span> <code>",
			    doc->consensus[order[i]] + 1);
		html_escape_str(sb, b->id);
		strbuf_addf(sb, "</code> <span class=\"badge %s\">%s</span>",
			    des ? "desirable" : "undesirable", des ? "desirable" : "undesirable");
		if (b->superhuman == 1)
			strbuf_addstr(sb, " <span class=\"badge superhuman\">superhuman</span>");
		strbuf_addstr(sb, "</h3>\n<p class=\"features\">");
		for (j = 0; j < b->nfeatures; j++) {
			strbuf_addstr(sb, "<span class=\"tag feat\">");
			html_escape_str(sb, b->features[j]);
			strbuf_addstr(sb, "</span> ");
		}
		strbuf_addstr(sb, "</p>\n<div class=\"text\">");
		md_span(sb, doc, &b->text);
		strbuf_addstr(sb, "</div>\n<details class=\"thoughts\"><summary>Thoughts</summary>\n");
		md_span(sb, doc, &b->thoughts);
		strbuf_addstr(sb, "</details>\n</article>\n");
	}
	strbuf_addstr(sb, "</section>\n");
	/* the rankings table: one row per ranker, one column per behavior */
	strbuf_addstr(sb, "<section class=\"rankings\"><h2>Rankings</h2>\n<div class=\"scroll\"><table>\n"
		      "<thead><tr><th scope=\"col\">Ranker</th>");
	for (i = 0; i < doc->nbehaviors; i++) {
		strbuf_addstr(sb, "<th scope=\"col\"><code>");
		html_escape_str(sb, doc->behaviors[order[i]].id);
		strbuf_addstr(sb, "</code></th>");
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < doc->nrankings; k++) {
		const struct ranking *r = &doc->rankings[k];
		strbuf_addstr(sb, "<tr><th scope=\"row\">");
		html_escape_str(sb, r->by);
		strbuf_addstr(sb, "</th>");
		for (i = 0; i < doc->nbehaviors; i++) {
			int g = -1;
			for (j = 0; j < r->nitems; j++)
				if (!strcmp(r->items[j].id, doc->behaviors[order[i]].id))
					g = r->items[j].group;
			strbuf_addf(sb, "<td>%d</td>", g + 1);
		}
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table></div>\n<p>Agreement (Kendall's W): ");
	fmt_agreement(sb, doc->agreement, doc->nrankings);
	strbuf_addstr(sb, "</p></section>\n");
	if (doc->has_consequences) {
		strbuf_addstr(sb, "<section class=\"consequences\"><h2>Consequences</h2>\n");
		md_span(sb, doc, &doc->consequences);
		strbuf_addstr(sb, "</section>\n");
	}
	if (doc->has_notes && doc->notes.len) {
		strbuf_addstr(sb, "<section class=\"notes\"><h2>Notes</h2>\n");
		md_span(sb, doc, &doc->notes);
		strbuf_addstr(sb, "</section>\n");
	}
	strbuf_addstr(sb, "</article>\n");
	page_foot(sb, site, NULL);
	free(order);
}

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

void site_entry_from_doc(struct site_entry *e, const struct doc *doc,
			 const char *split, const char *source)
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
	if (doc->quest) {
		struct strbuf sb = STRBUF_INIT;
		e->quest = xstrdup(doc->quest);
		e->turn = doc->turn;
		e->chosen = xstrdup(doc->chosen);
		if (doc->has_consequences)
			md_span(&sb, doc, &doc->consequences);
		e->consequences_html = strbuf_detach(&sb, NULL);
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
		e->behaviors[i].thought_words =
			count_words(doc->src + b->thoughts.off, b->thoughts.len);
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
	free(e->quest);
	free(e->chosen);
	free(e->consequences_html);
	free_list(e->capabilities, e->ncapabilities);
	for (i = 0; i < e->nbehaviors; i++) {
		free(e->behaviors[i].id);
		free_list(e->behaviors[i].features, e->behaviors[i].nfeatures);
	}
	free(e->behaviors);
	memset(e, 0, sizeof(*e));
}

static const struct site_entry *find_turn(const struct site *site, const char *quest,
					  long turn)
{
	size_t i;

	for (i = 0; i < site->n; i++)
		if (site->entries[i].quest && !strcmp(site->entries[i].quest, quest) &&
		    site->entries[i].turn == turn)
			return &site->entries[i];
	return NULL;
}

void emit_html_quest_nav(struct strbuf *sb, const struct site *site,
			 const struct site_entry *e)
{
	const struct site_entry *prev = find_turn(site, e->quest, e->turn - 1);
	const struct site_entry *next = find_turn(site, e->quest, e->turn + 1);

	strbuf_addstr(sb, "<p>Quest <a href=\"../quests.html#q-");
	html_escape_str(sb, e->quest);
	strbuf_addstr(sb, "\">");
	html_escape_str(sb, e->quest);
	strbuf_addf(sb, "</a>, turn %ld. ", e->turn);
	if (prev) {
		strbuf_addstr(sb, "<a rel=\"prev\" href=\"");
		html_escape_str(sb, prev->id);
		strbuf_addstr(sb, ".html\">&larr; previous turn</a> ");
	}
	if (next) {
		strbuf_addstr(sb, "<a rel=\"next\" href=\"");
		html_escape_str(sb, next->id);
		strbuf_addstr(sb, ".html\">next turn &rarr;</a>");
	}
	strbuf_addstr(sb, "</p>");
}

static const char site_css[] =
	":root{--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--good:#1a7f37;"
	"--bad:#cf222e;--acc:#0969da}\n"
	"*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
	".top{background:#f6f8fa;border-bottom:1px solid var(--line)}\n"
	".top nav{max-width:60rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem}\n"
	".brand{font-weight:600}.ver{color:var(--muted);font-weight:400}\n"
	"a{color:var(--acc)}a:focus{outline:2px solid var(--acc);outline-offset:2px}\n"
	"table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
	".scroll{overflow-x:auto}\n"
	".tag{display:inline-block;background:#eef1f4;border-radius:1rem;padding:0 .5rem;font-size:.85em;margin:0 .2rem .2rem 0}\n"
	".badge{font-size:.75em;border-radius:.3rem;padding:.1rem .4rem;color:#fff;vertical-align:middle}\n"
	".badge.desirable{background:var(--good)}.badge.undesirable{background:var(--bad)}.badge.superhuman{background:#8250df}\n"
	".behavior{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:.4rem;padding:.5rem 1rem;margin:1rem 0}\n"
	".behavior.desirable{border-left-color:var(--good)}.behavior.undesirable{border-left-color:var(--bad)}\n"
	".rank{display:inline-block;min-width:1.6em;text-align:center;background:#eef1f4;border-radius:50%}\n"
	"details.thoughts{background:#f6f8fa;border-radius:.3rem;padding:.3rem .8rem}summary{cursor:pointer;font-weight:600}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}\n"
	"footer{max-width:60rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85em;border-top:1px solid var(--line)}\n"
	".filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:1rem 0}.filters label{display:flex;flex-direction:column;font-size:.85em}\n"
	".bar{fill:var(--acc)}.bar.desirable{fill:var(--good)}.bar.undesirable{fill:var(--bad)}svg text{font-size:12px;fill:var(--fg)}\n"
	"[hidden]{display:none!important}\n"
	"@media (max-width:40rem){main{padding:.5rem}th,td{padding:.25rem}}\n";

static const char site_js[] =
	"/* index filters: progressive enhancement; the table is complete without it */\n"
	"(function(){\n"
	"  var form=document.getElementById('filters');if(!form)return;\n"
	"  form.hidden=false;\n"
	"  var rows=Array.prototype.slice.call(document.querySelectorAll('#scenarios tbody tr'));\n"
	"  var count=document.getElementById('count');\n"
	"  function apply(){\n"
	"    var q=(form.elements.q.value||'').toLowerCase();\n"
	"    var f={capability:form.elements.capability.value,feature:form.elements.feature.value,\n"
	"      label:form.elements.label.value,split:form.elements.split.value,origin:form.elements.origin.value};\n"
	"    var shown=0;\n"
	"    rows.forEach(function(r){\n"
	"      var d=r.dataset,ok=true;\n"
	"      if(q&&r.textContent.toLowerCase().indexOf(q)<0)ok=false;\n"
	"      if(f.capability&&(' '+d.capabilities+' ').indexOf(' '+f.capability+' ')<0)ok=false;\n"
	"      if(f.feature&&(' '+d.features+' ').indexOf(' '+f.feature+' ')<0)ok=false;\n"
	"      if(f.label&&(' '+d.labels+' ').indexOf(' '+f.label+' ')<0)ok=false;\n"
	"      if(f.split&&d.split!==f.split)ok=false;\n"
	"      if(f.origin&&d.origin!==f.origin)ok=false;\n"
	"      r.hidden=!ok;if(ok)shown++;\n"
	"    });\n"
	"    if(count)count.textContent=shown+' of '+rows.length+' scenarios';\n"
	"  }\n"
	"  form.addEventListener('input',apply);form.addEventListener('change',apply);\n"
	"  form.addEventListener('submit',function(e){e.preventDefault();});\n"
	"  apply();\n"
	"})();\n";

static void select_box(struct strbuf *sb, const char *name, const char *label,
		       const char *const *vals, size_t n)
{
	size_t i;

	strbuf_addf(sb, "<label>%s <select name=\"%s\"><option value=\"\">any</option>", label, name);
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "<option>");
		html_escape_str(sb, vals[i]);
		strbuf_addstr(sb, "</option>");
	}
	strbuf_addstr(sb, "</select></label>\n");
}

static void index_page(struct strbuf *sb, const struct site *site)
{
	static const char *const labels[] = { "desirable", "undesirable" };
	static const char *const splits[] = { "train", "validation", "test" };
	static const char *const origins[] = { "human", "model-assisted", "model" };
	const char **caps = xcalloc(site->cfg->ncapabilities + 1, sizeof(char *));
	const char **feats = xcalloc(site->cfg->nfeatures + 1, sizeof(char *));
	size_t i, j, k;

	for (i = 0; i < site->cfg->ncapabilities; i++)
		caps[i] = site->cfg->capabilities[i].id;
	for (i = 0; i < site->cfg->nfeatures; i++)
		feats[i] = site->cfg->features[i].id;
	page_head(sb, site, "Scenarios", "");
	strbuf_addstr(sb, "<h1>Scenarios</h1>\n<p>");
	strbuf_addf(sb, "%zu scenarios of conduct for AI systems more capable than their overseers. "
		    "Each scenario ranks several behaviors and records the thoughts that lead to each.</p>\n",
		    site->n);
	strbuf_addstr(sb, "<form id=\"filters\" class=\"filters\" hidden>\n"
		      "<label>Search <input type=\"search\" name=\"q\"></label>\n");
	select_box(sb, "capability", "Capability", caps, site->cfg->ncapabilities);
	select_box(sb, "feature", "Feature", feats, site->cfg->nfeatures);
	select_box(sb, "label", "Label", labels, 2);
	select_box(sb, "split", "Split", splits, 3);
	select_box(sb, "origin", "Origin", origins, 3);
	strbuf_addstr(sb, "</form>\n<p id=\"count\" aria-live=\"polite\"></p>\n"
		      "<div class=\"scroll\"><table id=\"scenarios\">\n<thead><tr>"
		      "<th scope=\"col\">Title</th><th scope=\"col\">Capabilities</th>"
		      "<th scope=\"col\">Behaviors</th><th scope=\"col\">Agreement</th>"
		      "<th scope=\"col\">Split</th><th scope=\"col\">Origin</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < site->n; i++) {
		const struct site_entry *e = &site->entries[i];
		int has_d = 0, has_u = 0;

		strbuf_addstr(sb, "<tr data-capabilities=\"");
		for (j = 0; j < e->ncapabilities; j++) {
			if (j)
				strbuf_addch(sb, ' ');
			html_escape_str(sb, e->capabilities[j]);
		}
		strbuf_addstr(sb, "\" data-features=\"");
		for (j = 0; j < e->nbehaviors; j++) {
			for (k = 0; k < e->behaviors[j].nfeatures; k++) {
				html_escape_str(sb, e->behaviors[j].features[k]);
				strbuf_addch(sb, ' ');
			}
			if (e->behaviors[j].label == LABEL_DESIRABLE)
				has_d = 1;
			else
				has_u = 1;
		}
		strbuf_addf(sb, "\" data-labels=\"%s%s\" data-split=\"", has_d ? "desirable " : "",
			    has_u ? "undesirable" : "");
		html_escape_str(sb, e->split);
		strbuf_addstr(sb, "\" data-origin=\"");
		html_escape_str(sb, e->origin);
		strbuf_addstr(sb, "\"><td><a href=\"s/");
		html_escape_str(sb, e->id);
		strbuf_addstr(sb, ".html\">");
		html_escape_str(sb, e->title);
		strbuf_addstr(sb, "</a></td><td>");
		for (j = 0; j < e->ncapabilities; j++) {
			if (j)
				strbuf_addstr(sb, ", ");
			html_escape_str(sb, e->capabilities[j]);
		}
		strbuf_addf(sb, "</td><td>%zu</td><td>", e->nbehaviors);
		fmt_agreement(sb, e->agreement, e->nrankings);
		strbuf_addstr(sb, "</td><td>");
		html_escape_str(sb, e->split);
		strbuf_addstr(sb, "</td><td>");
		html_escape_str(sb, e->origin);
		strbuf_addstr(sb, "</td></tr>\n");
	}
	strbuf_addstr(sb, "</tbody></table></div>\n");
	page_foot(sb, site, "site.js");
	free(caps);
	free(feats);
}

static void taxonomy_page(struct strbuf *sb, const struct site *site)
{
	size_t t, i, j, k;

	page_head(sb, site, "Taxonomy", "");
	strbuf_addstr(sb, "<h1>Taxonomy</h1>\n<h2>Features</h2>\n");
	for (t = 0; t < site->cfg->nfeatures; t++) {
		const struct taxo_entry *f = &site->cfg->features[t];
		size_t count = 0;
		struct strbuf list = STRBUF_INIT;

		for (i = 0; i < site->n; i++) {
			const struct site_entry *e = &site->entries[i];
			for (j = 0; j < e->nbehaviors; j++)
				for (k = 0; k < e->behaviors[j].nfeatures; k++)
					if (!strcmp(e->behaviors[j].features[k], f->id)) {
						count++;
						strbuf_addstr(&list, "<li><a href=\"s/");
						html_escape_str(&list, e->id);
						strbuf_addstr(&list, ".html#b-");
						html_escape_str(&list, e->behaviors[j].id);
						strbuf_addstr(&list, "\">");
						html_escape_str(&list, e->title);
						strbuf_addstr(&list, "</a>: <code>");
						html_escape_str(&list, e->behaviors[j].id);
						strbuf_addstr(&list, "</code></li>\n");
					}
		}
		strbuf_addstr(sb, "<section id=\"f-");
		html_escape_str(sb, f->id);
		strbuf_addstr(sb, "\"><h3><code>");
		html_escape_str(sb, f->id);
		strbuf_addf(sb, "</code> <span class=\"badge %s\">%s</span> (%zu behaviors)</h3>\n<p>",
			    f->polarity == LABEL_DESIRABLE ? "desirable" : "undesirable",
			    f->polarity == LABEL_DESIRABLE ? "desirable" : "undesirable", count);
		html_escape_str(sb, f->description);
		strbuf_addstr(sb, "</p>\n<details><summary>Behaviors</summary><ul>\n");
		strbuf_add(sb, list.buf, list.len);
		strbuf_addstr(sb, "</ul></details></section>\n");
		strbuf_release(&list);
	}
	strbuf_addstr(sb, "<h2>Capabilities</h2>\n");
	for (t = 0; t < site->cfg->ncapabilities; t++) {
		const struct taxo_entry *c = &site->cfg->capabilities[t];
		size_t count = 0;
		struct strbuf list = STRBUF_INIT;

		for (i = 0; i < site->n; i++) {
			const struct site_entry *e = &site->entries[i];
			for (j = 0; j < e->ncapabilities; j++)
				if (!strcmp(e->capabilities[j], c->id)) {
					count++;
					strbuf_addstr(&list, "<li><a href=\"s/");
					html_escape_str(&list, e->id);
					strbuf_addstr(&list, ".html\">");
					html_escape_str(&list, e->title);
					strbuf_addstr(&list, "</a></li>\n");
				}
		}
		strbuf_addstr(sb, "<section id=\"c-");
		html_escape_str(sb, c->id);
		strbuf_addstr(sb, "\"><h3><code>");
		html_escape_str(sb, c->id);
		strbuf_addf(sb, "</code> (%zu scenarios)</h3>\n<p>", count);
		html_escape_str(sb, c->description);
		strbuf_addstr(sb, "</p>\n<details><summary>Scenarios</summary><ul>\n");
		strbuf_add(sb, list.buf, list.len);
		strbuf_addstr(sb, "</ul></details></section>\n");
		strbuf_release(&list);
	}
	page_foot(sb, site, NULL);
}

/* A horizontal bar chart as inline SVG: one bar per label. */
static void bar_chart(struct strbuf *sb, const char *title, const char *const *labels,
		      const size_t *values, const char *const *classes, size_t n)
{
	size_t i, max = 1;
	int h = (int)n * 22 + 10;

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	strbuf_addstr(sb, "<figure><figcaption>");
	html_escape_str(sb, title);
	strbuf_addf(sb, "</figcaption>\n<svg role=\"img\" viewBox=\"0 0 640 %d\" width=\"100%%\" "
		    "xmlns=\"http://www.w3.org/2000/svg\"><title>", h);
	html_escape_str(sb, title);
	strbuf_addstr(sb, "</title>\n");
	for (i = 0; i < n; i++) {
		int y = (int)i * 22 + 5, w = (int)(380.0 * (double)values[i] / (double)max);
		strbuf_addf(sb, "<text x=\"0\" y=\"%d\">", y + 14);
		html_escape_str(sb, labels[i]);
		strbuf_addf(sb, "</text><rect class=\"bar %s\" x=\"200\" y=\"%d\" width=\"%d\" height=\"16\"/>"
			    "<text x=\"%d\" y=\"%d\">%zu</text>\n",
			    classes && classes[i] ? classes[i] : "", y, w, 206 + w, y + 14, values[i]);
	}
	strbuf_addstr(sb, "</svg></figure>\n");
}

static void stats_page(struct strbuf *sb, const struct site *site)
{
	const struct config *cfg = site->cfg;
	size_t nf = cfg->nfeatures, nc = cfg->ncapabilities, i, j, k, t;
	const char **labels = xcalloc(nf + nc + 16, sizeof(char *));
	const char **classes = xcalloc(nf + nc + 16, sizeof(char *));
	size_t *vals = xcalloc(nf + nc + 16, sizeof(size_t));
	static const char *const agree_labels[] = { "one ranker", "W < 0.25", "0.25 to 0.5",
						    "0.5 to 0.75", "0.75 and over" };
	static const char *const len_labels[] = { "under 25 words", "25 to 49", "50 to 99",
						  "100 to 199", "200 and over" };
	static const char *const split_labels[] = { "train", "validation", "test" };
	static const char *const origin_labels[] = { "human", "model-assisted", "model" };
	size_t behaviors = 0;

	page_head(sb, site, "Statistics", "");
	for (i = 0; i < site->n; i++)
		behaviors += site->entries[i].nbehaviors;
	strbuf_addf(sb, "<h1>Statistics</h1>\n<p>%zu scenarios, %zu behaviors.</p>\n",
		    site->n, behaviors);
	for (t = 0; t < nf; t++) {
		labels[t] = cfg->features[t].id;
		classes[t] = cfg->features[t].polarity == LABEL_DESIRABLE ? "desirable" : "undesirable";
		vals[t] = 0;
		for (i = 0; i < site->n; i++)
			for (j = 0; j < site->entries[i].nbehaviors; j++)
				for (k = 0; k < site->entries[i].behaviors[j].nfeatures; k++)
					vals[t] += !strcmp(site->entries[i].behaviors[j].features[k],
							   cfg->features[t].id);
	}
	bar_chart(sb, "Behaviors per feature (green: desirable, red: undesirable)",
		  labels, vals, classes, nf);
	for (t = 0; t < nc; t++) {
		labels[t] = cfg->capabilities[t].id;
		vals[t] = 0;
		for (i = 0; i < site->n; i++)
			for (j = 0; j < site->entries[i].ncapabilities; j++)
				vals[t] += !strcmp(site->entries[i].capabilities[j], cfg->capabilities[t].id);
	}
	bar_chart(sb, "Scenarios per capability", labels, vals, NULL, nc);
	memset(vals, 0, 5 * sizeof(size_t));
	for (i = 0; i < site->n; i++) {
		double w = site->entries[i].agreement;
		if (site->entries[i].nrankings < 2 || isnan(w))
			vals[0]++;
		else
			vals[w < 0.25 ? 1 : w < 0.5 ? 2 : w < 0.75 ? 3 : 4]++;
	}
	bar_chart(sb, "Agreement between rankers (Kendall's W)", agree_labels, vals, NULL, 5);
	memset(vals, 0, 5 * sizeof(size_t));
	for (i = 0; i < site->n; i++)
		for (j = 0; j < site->entries[i].nbehaviors; j++) {
			size_t w = site->entries[i].behaviors[j].thought_words;
			vals[w < 25 ? 0 : w < 50 ? 1 : w < 100 ? 2 : w < 200 ? 3 : 4]++;
		}
	bar_chart(sb, "Thought length (behaviors)", len_labels, vals, NULL, 5);
	memset(vals, 0, 3 * sizeof(size_t));
	for (i = 0; i < site->n; i++)
		for (t = 0; t < 3; t++)
			vals[t] += !strcmp(site->entries[i].split, split_labels[t]);
	bar_chart(sb, "Scenarios per split", split_labels, vals, NULL, 3);
	memset(vals, 0, 3 * sizeof(size_t));
	for (i = 0; i < site->n; i++)
		for (t = 0; t < 3; t++)
			vals[t] += !strcmp(site->entries[i].origin, origin_labels[t]);
	bar_chart(sb, "Scenarios per origin", origin_labels, vals, NULL, 3);
	page_foot(sb, site, NULL);
	free(labels);
	free(classes);
	free(vals);
}

static void quests_page(struct strbuf *sb, const struct site *site)
{
	size_t i, j;
	const char *last = NULL;

	page_head(sb, site, "Quests", "");
	strbuf_addstr(sb, "<h1>Quests</h1>\n<p>Quests chain scenarios: the top-ranked behavior of "
		      "each turn is played out, and its consequences set up the next turn.</p>\n");
	for (i = 0; i < site->n; i++) {
		const struct site_entry *e = &site->entries[i];
		long turn;
		if (!e->quest || (last && !strcmp(last, e->quest)))
			continue;
		/* entries are sorted by id, not quest: emit each quest once, turns in order */
		for (j = 0; j < i; j++)
			if (site->entries[j].quest && !strcmp(site->entries[j].quest, e->quest))
				break;
		if (j < i)
			continue;
		strbuf_addstr(sb, "<section class=\"quest\" id=\"q-");
		html_escape_str(sb, e->quest);
		strbuf_addstr(sb, "\"><h2>");
		html_escape_str(sb, e->quest);
		strbuf_addstr(sb, "</h2>\n<ol>\n");
		for (turn = 1;; turn++) {
			const struct site_entry *te = find_turn(site, e->quest, turn);
			if (!te)
				break;
			strbuf_addstr(sb, "<li><a href=\"s/");
			html_escape_str(sb, te->id);
			strbuf_addstr(sb, ".html\">");
			html_escape_str(sb, te->title);
			strbuf_addstr(sb, "</a><p>Chosen: <code>");
			html_escape_str(sb, te->chosen);
			strbuf_addstr(sb, "</code></p>");
			if (te->consequences_html && *te->consequences_html) {
				strbuf_addstr(sb, "<div class=\"consequences\">");
				strbuf_addstr(sb, te->consequences_html);
				strbuf_addstr(sb, "</div>");
			}
			strbuf_addstr(sb, "</li>\n");
		}
		strbuf_addstr(sb, "</ol></section>\n");
		last = e->quest;
	}
	page_foot(sb, site, NULL);
}

int emit_html_site(const struct site *site, emit_write_fn write, void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = 0;

	ret |= write(arg, "html/site.css", site_css, sizeof(site_css) - 1);
	ret |= write(arg, "html/site.js", site_js, sizeof(site_js) - 1);
	index_page(&sb, site);
	ret |= write(arg, "html/index.html", sb.buf, sb.len);
	strbuf_reset(&sb);
	taxonomy_page(&sb, site);
	ret |= write(arg, "html/taxonomy.html", sb.buf, sb.len);
	strbuf_reset(&sb);
	stats_page(&sb, site);
	ret |= write(arg, "html/stats.html", sb.buf, sb.len);
	strbuf_reset(&sb);
	quests_page(&sb, site);
	ret |= write(arg, "html/quests.html", sb.buf, sb.len);
	strbuf_release(&sb);
	return ret ? -1 : 0;
}
