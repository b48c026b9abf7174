/*
 * release_pages: the pages of the static site (html/) that are written at
 * the end: each quest turn's page (made on a worker with a mark where its
 * navigation goes, which needs every turn of the quest) and the site-wide
 * pages of emit_html.h (the index, the taxonomy, the quests).
 */
#include "release_internal.h"

#include <errno.h>
#include <string.h>

#include "xalloc.h"

struct quest_pages {
	struct rel *r;
	struct strbuf page;
	size_t next;   /* index into r->quests */
	uint64_t want; /* bytes of the current page; 0: reading a length */
	char lenbuf[8];
	size_t have;
};

static int write_quest_page(struct quest_pages *qp)
{
	struct rel *r = qp->r;
	const struct quest_rec *q = qp->next < r->nquests ? r->quests[qp->next] : NULL;
	const struct site_entry *se = q ? site_find(&r->site, q->id) : NULL;
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT;
	const char *mark = strstr(qp->page.buf, EMIT_HTML_NAV_MARK);
	int ret;

	if (!q)
		return error("the quest pages do not match the quest turns");
	if (mark && se) {
		strbuf_add(&out, qp->page.buf, (size_t)(mark - qp->page.buf));
		emit_html_quest_nav(&out, &r->site, se);
		strbuf_addstr(&out, mark + strlen(EMIT_HTML_NAV_MARK));
	} else {
		strbuf_add(&out, qp->page.buf, qp->page.len);
	}
	strbuf_addf(&path, "html/s/%s.html", q->id);
	ret = rel_write(r, path.buf, out.buf, out.len);
	strbuf_release(&out);
	strbuf_release(&path);
	strbuf_reset(&qp->page);
	qp->next++;
	return ret;
}

static int quest_pages_piece(void *arg, const char *data, size_t len)
{
	struct quest_pages *qp = arg;

	while (len) {
		size_t k;

		if (qp->have < 8) {
			k = 8 - qp->have < len ? 8 - qp->have : len;
			memcpy(qp->lenbuf + qp->have, data, k);
			qp->have += k;
			data += k;
			len -= k;
			if (qp->have == 8)
				memcpy(&qp->want, qp->lenbuf, 8);
			if (qp->have < 8 || qp->want)
				continue;
		}
		k = qp->want - qp->page.len < len ? (size_t)(qp->want - qp->page.len) : len;
		strbuf_add(&qp->page, data, k);
		data += k;
		len -= k;
		if (qp->page.len == qp->want) {
			if (write_quest_page(qp) < 0)
				return -1;
			qp->have = 0;
		}
	}
	return 0;
}

int release_quest_pages(struct rel *r, const struct release_output *o)
{
	struct quest_pages qp;
	int ret;

	(void)o; /* html/s/<id>.html */
	memset(&qp, 0, sizeof(qp));
	qp.r = r;
	ret = spill_each(&r->spill, &r->quest_pages, quest_pages_piece, &qp);
	strbuf_release(&qp.page);
	if (ret || qp.next != r->nquests)
		return error("cannot write the quest pages");
	return 0;
}

/*
 * emit_out for the site-wide pages (emit_html.h): one at a time in a stream
 * of their own (r->page), written like the big streams.
 */
struct page_out {
	struct rel *r;
	struct ostream *os;
};

static int page_open(void *arg, const char *path)
{
	struct page_out *po = arg;

	return ostream_open(po->r, po->os, path, 1);
}

static int page_write(void *arg, const char *data, size_t len)
{
	struct page_out *po = arg;

	return ostream_add(po->r, po->os, data, len);
}

static int page_close(void *arg)
{
	struct page_out *po = arg;

	return ostream_close(po->r, po->os);
}

/* The site-wide pages. -1 if a page failed. */
int release_site(struct rel *r, const struct release_output *o)
{
	struct page_out po = {r, &r->page};
	struct emit_out eo = {&po, page_open, page_write, page_close};
	struct strbuf table = STRBUF_INIT;
	struct site_file *files;
	size_t i, n = 0;
	int ret;

	(void)o; /* html/: emit_html.h names the pages */
	audit_html(r->audit, &table);
	r->site.audit_table = table.buf;
	/* the files written so far (the data, the schemas), for the index's sizes */
	pthread_mutex_lock(&r->mu);
	files = xcalloc(r->nfiles + 1, sizeof(*files));
	for (i = 0; i < r->nfiles; i++)
		if (strncmp(r->files[i].path, "html/", 5)) {
			files[n].path = xstrdup(r->files[i].path);
			files[n++].bytes = r->files[i].bytes;
		}
	pthread_mutex_unlock(&r->mu);
	r->site.files = files;
	r->site.nfiles = n;
	ret = emit_html_site(&r->site, &eo);
	r->site.audit_table = NULL;
	strbuf_release(&table);
	r->site.files = NULL;
	r->site.nfiles = 0;
	for (i = 0; i < n; i++)
		free(files[i].path);
	free(files);
	return ret < 0 ? -1 : 0;
}
