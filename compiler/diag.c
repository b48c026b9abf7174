/*
 * diag: collect, sort and print corpus findings in the formats of docs/format.md
 * section 4: gcc (human, with optional caret excerpt), json, sarif (SARIF
 * 2.1.0 with the rule metadata GitHub code scanning reads) and github
 * (workflow commands, escaped so no file content can forge one).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "ruleinfo.h"
#include "strbuf.h"

static char *line_excerpt(const struct diag_sink *sink, const struct loc *loc)
{
	const char *p, *end, *e;
	int line = 1;

	if (!sink->src || !sink->src_path || !loc->path || loc->line < 1 ||
	    strcmp(sink->src_path, loc->path))
		return NULL;
	p = sink->src;
	end = sink->src + sink->src_len;
	if (sink->line_starts) {
		if ((size_t)loc->line > sink->nlines)
			return NULL;
		p = sink->src + sink->line_starts[loc->line - 1];
		line = loc->line;
	}
	while (line < loc->line && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
		line++;
	}
	if (line != loc->line)
		return NULL;
	e = memchr(p, '\n', (size_t)(end - p));
	if (!e)
		e = end;
	if (e > p && e[-1] == '\r')
		e--;
	if (e - p > 400)
		e = p + 400;
	return xstrndup(p, (size_t)(e - p));
}

static void vadd(struct diag_sink *sink, enum diag_severity sev, const struct loc *loc,
                 const char *rule, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag *d;

	XGROW(sink->items, sink->alloc, sink->nr + 1);
	d = &sink->items[sink->nr++];
	memset(d, 0, sizeof(*d));
	strbuf_vaddf(&sb, fmt, ap);
	d->sev = sev;
	d->path = xstrdup(loc->path ? loc->path : "");
	d->line = loc->line > 0 ? loc->line : 1;
	d->col = loc->col > 0 ? loc->col : 1;
	d->rule = xstrdup(rule);
	d->msg = strbuf_detach(&sb, NULL);
	d->excerpt = line_excerpt(sink, loc);
}

void diag_add(struct diag_sink *sink, enum diag_severity sev, const struct loc *loc,
              const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(sink, sev, loc, rule, fmt, ap);
	va_end(ap);
}

void diag_note(struct diag_sink *sink, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	struct diag *d;

	if (!sink->nr)
		BUG("diag_note without a finding");
	d = &sink->items[sink->nr - 1];
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(d->note);
	d->note = strbuf_detach(&sb, NULL);
}

static void diag_free_one(struct diag *d)
{
	free(d->path);
	free(d->rule);
	free(d->msg);
	free(d->note);
	free(d->excerpt);
}

void diag_move(struct diag_sink *dst, struct diag_sink *src)
{
	if (!src->nr)
		return;
	XGROW(dst->items, dst->alloc, dst->nr + src->nr);
	memcpy(dst->items + dst->nr, src->items, src->nr * sizeof(*src->items));
	dst->nr += src->nr;
	src->nr = 0;
}

void diag_remove(struct diag_sink *sink, size_t i)
{
	if (i >= sink->nr)
		BUG("diag_remove out of range");
	diag_free_one(&sink->items[i]);
	memmove(sink->items + i, sink->items + i + 1, (sink->nr - i - 1) * sizeof(*sink->items));
	sink->nr--;
}

static int cmp_diag(const void *va, const void *vb)
{
	const struct diag *a = va, *b = vb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->sev != b->sev)
		return a->sev < b->sev ? -1 : 1;
	c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return strcmp(a->msg, b->msg);
}

void diag_sort(struct diag_sink *sink)
{
	if (sink->nr > 1)
		qsort(sink->items, sink->nr, sizeof(*sink->items), cmp_diag);
}

void diag_release(struct diag_sink *sink)
{
	size_t i;

	for (i = 0; i < sink->nr; i++)
		diag_free_one(&sink->items[i]);
	free(sink->items);
	sink->items = NULL;
	sink->nr = sink->alloc = 0;
}

size_t diag_count(const struct diag_sink *sink, enum diag_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < sink->nr; i++)
		n += sink->items[i].sev == sev;
	return n;
}

const char *diag_severity_name(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	case DIAG_NOTE:
		return "note";
	}
	return "error";
}

int diag_severity_parse(const char *s)
{
	if (!strcmp(s, "error"))
		return DIAG_ERROR;
	if (!strcmp(s, "warning"))
		return DIAG_WARNING;
	if (!strcmp(s, "note"))
		return DIAG_NOTE;
	return -1;
}

int diag_format_parse(const char *s)
{
	if (!strcmp(s, "gcc"))
		return DIAG_FORMAT_GCC;
	if (!strcmp(s, "json"))
		return DIAG_FORMAT_JSON;
	if (!strcmp(s, "sarif"))
		return DIAG_FORMAT_SARIF;
	if (!strcmp(s, "github"))
		return DIAG_FORMAT_GITHUB;
	return -1;
}

void diag_escape_terminal(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned cp;
		size_t n = utf8_seq_len(p + i, len - i, &cp);

		if (!n) {
			strbuf_addf(sb, "\\x%02X", p[i]);
			i++;
			continue;
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
		    cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
		    cp == 0x061C || cp == 0xFEFF) {
			if (cp < 0x100)
				strbuf_addf(sb, "\\x%02X", cp);
			else
				strbuf_addf(sb, "\\u{%04X}", cp);
		} else {
			strbuf_add(sb, p + i, n);
		}
		i += n;
	}
}

static void plural(struct strbuf *sb, size_t n, const char *word)
{
	strbuf_addf(sb, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

static size_t files_with_findings(const struct diag_sink *sink)
{
	size_t i, n = 0;

	for (i = 0; i < sink->nr; i++)
		if (!i || strcmp(sink->items[i].path, sink->items[i - 1].path))
			n++;
	return n;
}

static void print_gcc(const struct diag_sink *sink, const struct diag_summary *sum, FILE *err)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, ne, nw, nn;

	for (i = 0; i < sink->nr; i++) {
		const struct diag *d = &sink->items[i];

		strbuf_reset(&sb);
		diag_escape_terminal(&sb, d->path);
		strbuf_addf(&sb, ":%d:%d: %s: ", d->line, d->col, diag_severity_name(d->sev));
		diag_escape_terminal(&sb, d->msg);
		strbuf_addf(&sb, " [%s]\n", d->rule);
		if (d->note) {
			strbuf_addstr(&sb, "  note: ");
			diag_escape_terminal(&sb, d->note);
			strbuf_addch(&sb, '\n');
		}
		if (sum->caret && d->excerpt) {
			const unsigned char *p = (const unsigned char *)d->excerpt;
			size_t k = 0, len = strlen(d->excerpt);
			int col = 1;

			strbuf_addstr(&sb, "  ");
			diag_escape_terminal(&sb, d->excerpt);
			strbuf_addstr(&sb, "\n  ");
			/* one space per code point before the column (tabs kept) */
			while (k < len && col < d->col) {
				unsigned cp;
				size_t n = utf8_seq_len(p + k, len - k, &cp);
				strbuf_addch(&sb, p[k] == '\t' ? '\t' : ' ');
				k += n ? n : 1;
				col++;
			}
			strbuf_addstr(&sb, "^\n");
		}
		fwrite(sb.buf, 1, sb.len, err);
	}
	ne = diag_count(sink, DIAG_ERROR);
	nw = diag_count(sink, DIAG_WARNING);
	nn = diag_count(sink, DIAG_NOTE);
	strbuf_reset(&sb);
	plural(&sb, ne, "error");
	strbuf_addstr(&sb, ", ");
	plural(&sb, nw, "warning");
	if (nn) {
		strbuf_addstr(&sb, ", ");
		plural(&sb, nn, "note");
	}
	/* findings in data files (rules, policy) count as files too */
	{
		size_t nf = files_with_findings(sink);
		strbuf_addf(&sb, " in %zu of ", nf);
		plural(&sb, sum->files > nf ? sum->files : nf, "file");
	}
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, err);
	strbuf_release(&sb);
}

static void print_json(const struct diag_sink *sink, const struct diag_summary *sum, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addstr(&sb, "{\"tool\":\"corpusc\",\"version\":");
	json_cstr(&sb, sum->tool_version);
	strbuf_addstr(&sb, ",\"findings\":[");
	for (i = 0; i < sink->nr; i++) {
		const struct diag *d = &sink->items[i];

		strbuf_addstr(&sb, i ? ",\n" : "\n");
		strbuf_addstr(&sb, "{\"path\":");
		json_cstr(&sb, d->path);
		strbuf_addf(&sb, ",\"line\":%d,\"column\":%d,\"severity\":", d->line, d->col);
		json_cstr(&sb, diag_severity_name(d->sev));
		strbuf_addstr(&sb, ",\"rule\":");
		json_cstr(&sb, d->rule);
		strbuf_addstr(&sb, ",\"message\":");
		json_cstr(&sb, d->msg);
		strbuf_addstr(&sb, ",\"note\":");
		json_cstr(&sb, d->note);
		strbuf_addch(&sb, '}');
	}
	strbuf_addf(&sb,
	            "%s],\"summary\":{\"errors\":%zu,\"warnings\":%zu,"
	            "\"notes\":%zu,\"files\":%zu,\"files_with_findings\":%zu}}\n",
	            sink->nr ? "\n" : "", diag_count(sink, DIAG_ERROR),
	            diag_count(sink, DIAG_WARNING), diag_count(sink, DIAG_NOTE), sum->files,
	            files_with_findings(sink));
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

/* A relative path as a URI reference: percent-encode all but unreserved and '/'. */
static void uri_encode(struct strbuf *sb, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			strbuf_addch(sb, *p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static const char *sarif_level(enum diag_severity sev)
{
	return sev == DIAG_ERROR ? "error" : sev == DIAG_WARNING ? "warning" : "note";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_sarif(const struct diag_sink *sink, const struct diag_summary *sum, FILE *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char **ids = NULL;
	size_t nids = 0, alloc = 0, i, j;

	/* the rules table: every rule that has a result, sorted, deduplicated */
	for (i = 0; i < sink->nr; i++) {
		XGROW(ids, alloc, nids + 1);
		ids[nids++] = sink->items[i].rule;
	}
	if (nids)
		qsort(ids, nids, sizeof(*ids), cmp_str);
	for (i = j = 0; i < nids; i++)
		if (!j || strcmp(ids[j - 1], ids[i]))
			ids[j++] = ids[i];
	nids = j;

	strbuf_addstr(&sb, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	                   "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	                   "\"name\":\"corpusc\",\"version\":");
	json_cstr(&sb, sum->tool_version);
	strbuf_addstr(&sb, ",\"semanticVersion\":");
	json_cstr(&sb, sum->tool_version);
	strbuf_addstr(&sb, ",\"informationUri\":\"https://github.com/superhuman-conduct/corpus\","
	                   "\"rules\":[");
	for (i = 0; i < nids; i++) {
		const struct rule_meta *m = ruleinfo_find(ids[i]);
		const char *summary = m && m->summary ? m->summary : ids[i];
		const char *help = m && m->help ? m->help : summary;

		strbuf_addstr(&sb, i ? ",\n" : "\n");
		strbuf_addstr(&sb, "{\"id\":");
		json_cstr(&sb, ids[i]);
		strbuf_addstr(&sb, ",\"name\":");
		json_cstr(&sb, ids[i]);
		strbuf_addstr(&sb, ",\"shortDescription\":{\"text\":");
		json_cstr(&sb, summary);
		strbuf_addstr(&sb, "},\"fullDescription\":{\"text\":");
		json_cstr(&sb, summary);
		strbuf_addstr(&sb, "},\"help\":{\"text\":");
		json_cstr(&sb, help);
		strbuf_addstr(&sb, "},\"defaultConfiguration\":{\"level\":");
		json_cstr(&sb, sarif_level(m ? m->sev : DIAG_ERROR));
		strbuf_addstr(&sb, "},\"properties\":{\"tags\":[");
		json_cstr(&sb, m && m->family ? m->family : "corpus");
		strbuf_addstr(&sb, "]}}");
	}
	strbuf_addstr(&sb, "]}},\"columnKind\":\"unicodeCodePoints\","
	                   "\"originalUriBaseIds\":{\"%SRCROOT%\":{\"description\":"
	                   "{\"text\":\"The repository root.\"}}},\"results\":[");
	for (i = 0; i < sink->nr; i++) {
		const struct diag *d = &sink->items[i];
		size_t idx = 0;

		for (j = 0; j < nids; j++)
			if (!strcmp(ids[j], d->rule))
				idx = j;
		strbuf_addstr(&sb, i ? ",\n" : "\n");
		strbuf_addstr(&sb, "{\"ruleId\":");
		json_cstr(&sb, d->rule);
		strbuf_addf(&sb, ",\"ruleIndex\":%zu,\"level\":", idx);
		json_cstr(&sb, sarif_level(d->sev));
		strbuf_addstr(&sb, ",\"message\":{\"text\":");
		if (d->note) {
			struct strbuf m = STRBUF_INIT;
			strbuf_addf(&m, "%s (%s)", d->msg, d->note);
			json_str(&sb, m.buf, m.len);
			strbuf_release(&m);
		} else {
			json_cstr(&sb, d->msg);
		}
		strbuf_addstr(&sb, "},\"locations\":[{\"physicalLocation\":"
		                   "{\"artifactLocation\":{\"uri\":");
		{
			struct strbuf u = STRBUF_INIT;
			uri_encode(&u, d->path);
			json_str(&sb, u.buf, u.len);
			strbuf_release(&u);
		}
		strbuf_addf(&sb,
		            ",\"uriBaseId\":\"%%SRCROOT%%\"},\"region\":"
		            "{\"startLine\":%d,\"startColumn\":%d}}}]}",
		            d->line, d->col);
	}
	strbuf_addstr(&sb, "]}]}\n");
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
	free(ids);
}

/* Workflow command data: %, CR and LF are escaped; in properties also : and , */
static void gh_escape(struct strbuf *sb, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			strbuf_addstr(sb, "%25");
			break;
		case '\r':
			strbuf_addstr(sb, "%0D");
			break;
		case '\n':
			strbuf_addstr(sb, "%0A");
			break;
		case ':':
			strbuf_addstr(sb, property ? "%3A" : ":");
			break;
		case ',':
			strbuf_addstr(sb, property ? "%2C" : ",");
			break;
		default:
			strbuf_addch(sb, *s);
		}
	}
}

static void print_github(const struct diag_sink *sink, FILE *out)
{
	struct strbuf sb = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t i;

	for (i = 0; i < sink->nr; i++) {
		const struct diag *d = &sink->items[i];

		strbuf_reset(&sb);
		strbuf_addf(&sb, "::%s file=",
		            d->sev == DIAG_ERROR     ? "error"
		            : d->sev == DIAG_WARNING ? "warning"
		                                     : "notice");
		strbuf_reset(&tmp);
		diag_escape_terminal(&tmp, d->path);
		gh_escape(&sb, tmp.buf, 1);
		strbuf_addf(&sb, ",line=%d,col=%d,title=", d->line, d->col);
		gh_escape(&sb, d->rule, 1);
		strbuf_addstr(&sb, "::");
		strbuf_reset(&tmp);
		diag_escape_terminal(&tmp, d->msg);
		if (d->note) {
			strbuf_addstr(&tmp, " (");
			diag_escape_terminal(&tmp, d->note);
			strbuf_addch(&tmp, ')');
		}
		strbuf_addf(&tmp, " [%s]", d->rule);
		gh_escape(&sb, tmp.buf, 0);
		strbuf_addch(&sb, '\n');
		fwrite(sb.buf, 1, sb.len, out);
	}
	strbuf_release(&sb);
	strbuf_release(&tmp);
}

void diag_print(const struct diag_sink *sink, enum diag_format fmt, const struct diag_summary *sum,
                FILE *out, FILE *err)
{
	switch (fmt) {
	case DIAG_FORMAT_GCC:
		print_gcc(sink, sum, err);
		break;
	case DIAG_FORMAT_JSON:
		print_json(sink, sum, out);
		break;
	case DIAG_FORMAT_SARIF:
		print_sarif(sink, sum, out);
		break;
	case DIAG_FORMAT_GITHUB:
		print_github(sink, out);
		break;
	}
}
