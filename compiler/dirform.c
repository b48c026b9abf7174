/*
 * dirform: the directory form; see dirform.h.
 *
 * The assembled src is the files one after the other (a file that does not
 * end in a newline gets one, an empty file one blank line), so each starts
 * on a line of its own and a src line belongs to exactly one file. The doc's
 * path is the directory's, with its trailing '/': findings are made there
 * and doc_relocate() moves them to the file and line that hold the text.
 */
#define _DEFAULT_SOURCE 1 /* d_type */
#include "dirform.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "body.h"
#include "frontmatter.h"
#include "gate.h"
#include "strbuf.h"
#include "xalloc.h"

int dirform_is_scenario(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int yes;

	strbuf_addf(&sb, "%s/scenario.md", dir);
	yes = !lstat(sb.buf, &st) && !S_ISDIR(st.st_mode);
	strbuf_release(&sb);
	return yes;
}

static int has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n > k && !strcmp(s + n - k, suf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in dir (no dot files), sorted; NULL-terminated, or NULL. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		XGROW(v, alloc, *n + 2);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (!v)
		return NULL;
	v[*n] = NULL;
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct piece_src {
	enum piece_kind kind;
	char *name, *path;
};

struct asm_state {
	struct strbuf src;
	struct piece_src *ps;
	size_t n, alloc;
	size_t *offs, *lens;
	int ok;
};

static void stray(struct diag_sink *sink, const char *path, const char *what)
{
	struct loc l = {path, 1, 1};

	diag_add(sink, DIAG_ERROR, &l, "file-name",
	         "%s; a directory-form scenario holds scenario.md, behaviors/<behavior-id>.md "
	         "and rankings/<handle>.yaml only",
	         what);
}

/* Read one file, pass it through the gate, and append it. */
static void add_piece(struct asm_state *a, enum piece_kind kind, const char *name, const char *path,
                      struct diag_sink *sink)
{
	char *buf;
	size_t len, bom = 0;
	struct doc *one;
	int ok;

	if (read_file(path, &buf, &len, GATE_MAX_FILE) < 0) {
		struct loc l = {path, 1, 1};
		if (errno == EFBIG)
			diag_add(sink, DIAG_ERROR, &l, "file-too-large",
			         "the file is larger than %d bytes; split or shorten it",
			         GATE_MAX_FILE);
		else if (errno == ELOOP || errno == EINVAL)
			diag_add(sink, DIAG_ERROR, &l, "file-unreadable",
			         "not a regular file (symbolic links are not followed); replace it "
			         "with the file itself");
		else
			diag_add(sink, DIAG_ERROR, &l, "file-unreadable",
			         "cannot read the file: %s", strerror(errno));
		a->ok = 0;
		return;
	}
	one = doc_new(path, buf, len);
	/* conflict markers first: then nothing else of this scenario is checked */
	ok = !gate_conflicts(one, sink) && gate_check(one, sink, &bom);
	if (!ok)
		a->ok = 0;
	XGROW(a->ps, a->alloc, a->n + 1);
	a->offs = xrealloc(a->offs, a->alloc * sizeof(*a->offs));
	a->lens = xrealloc(a->lens, a->alloc * sizeof(*a->lens));
	a->ps[a->n].kind = kind;
	a->ps[a->n].name = xstrdup(name);
	a->ps[a->n].path = xstrdup(path);
	a->offs[a->n] = a->src.len;
	a->lens[a->n] = len - bom;
	strbuf_add(&a->src, one->src + bom, len - bom);
	if (len == bom || one->src[len - 1] != '\n')
		strbuf_addch(&a->src, '\n');
	a->n++;
	doc_free(one);
}

/* The files of sub (behaviors/ or rankings/) with this suffix, by name. */
static void add_dir(struct asm_state *a, const char *path, const char *sub, const char *suffix,
                    enum piece_kind kind, struct diag_sink *sink)
{
	struct strbuf dir = STRBUF_INIT, file = STRBUF_INIT;
	char **names;
	size_t n, i;
	struct stat st;

	strbuf_addf(&dir, "%s%s", path, sub);
	/* a link in its place is a stray file (reported), never followed */
	if (lstat(dir.buf, &st) < 0 || !S_ISDIR(st.st_mode)) {
		strbuf_release(&dir);
		return;
	}
	names = list_dir(dir.buf, &n);
	for (i = 0; i < n; i++) {
		char *id;

		strbuf_reset(&file);
		strbuf_addf(&file, "%s/%s", dir.buf, names[i]);
		if (lstat(file.buf, &st) < 0)
			continue;
		if (!has_suffix(names[i], suffix) || S_ISDIR(st.st_mode)) {
			stray(sink, file.buf,
			      kind == PIECE_BEHAVIOR ? "not a behavior file (<behavior-id>.md)"
			                             : "not a ranking file (<handle>.yaml)");
			continue;
		}
		id = xstrndup(names[i], strlen(names[i]) - strlen(suffix));
		if (kind == PIECE_BEHAVIOR && (!is_slug(id) || strlen(id) > 64)) {
			struct loc l = {file.buf, 1, 1};
			diag_add(
			    sink, DIAG_ERROR, &l, "file-name",
			    "behavior file name '%s' is not a behavior id (a lowercase slug of "
			    "at most 64 characters); rename the file",
			    names[i]);
			a->ok = 0;
		}
		add_piece(a, kind, id, file.buf, sink);
		free(id);
	}
	free_list(names, n);
	strbuf_release(&dir);
	strbuf_release(&file);
}

struct doc *dirform_read(const char *path, struct diag_sink *sink, int *ok)
{
	struct asm_state a;
	struct strbuf file = STRBUF_INIT;
	struct doc *doc;
	char **names;
	size_t n, i;

	memset(&a, 0, sizeof(a));
	strbuf_init(&a.src, 0);
	a.ok = 1;
	strbuf_addf(&file, "%sscenario.md", path);
	add_piece(&a, PIECE_SCENARIO, "", file.buf, sink);
	if (!a.n) {
		strbuf_release(&file);
		strbuf_release(&a.src);
		*ok = 0;
		return NULL;
	}
	names = list_dir(path, &n);
	for (i = 0; i < n; i++) {
		struct stat st;

		strbuf_reset(&file);
		strbuf_addf(&file, "%s%s", path, names[i]);
		if (!strcmp(names[i], "scenario.md"))
			continue;
		if ((!strcmp(names[i], "behaviors") || !strcmp(names[i], "rankings")) &&
		    !lstat(file.buf, &st) && S_ISDIR(st.st_mode))
			continue;
		stray(sink, file.buf, "a stray file in a directory-form scenario");
	}
	free_list(names, n);
	add_dir(&a, path, "behaviors", ".md", PIECE_BEHAVIOR, sink);
	add_dir(&a, path, "rankings", ".yaml", PIECE_RANKING, sink);
	strbuf_release(&file);

	doc = doc_new(path, strbuf_detach(&a.src, NULL), a.src.len);
	doc->dir_form = 1;
	doc->npieces = a.n;
	doc->pieces = arena_alloc(&doc->arena, a.n * sizeof(*doc->pieces));
	for (i = 0; i < a.n; i++) {
		struct doc_piece *p = &doc->pieces[i];

		p->kind = a.ps[i].kind;
		p->name = arena_strdup(&doc->arena, a.ps[i].name);
		p->path = arena_strdup(&doc->arena, a.ps[i].path);
		p->off = a.offs[i];
		p->len = a.lens[i];
		p->first_line = doc_loc_at(doc, p->off).line;
		free(a.ps[i].name);
		free(a.ps[i].path);
	}
	doc->body_end = doc->pieces[0].off + doc->pieces[0].len;
	free(a.ps);
	free(a.offs);
	free(a.lens);
	*ok = a.ok;
	return doc;
}

/* Where findings about the scenario as a whole go: its status, else its id. */
static struct loc anchor(const struct doc *doc)
{
	struct loc l = {doc->path, 1, 1};

	if (doc->status_loc.line)
		return doc->status_loc;
	if (doc->id_loc.line)
		return doc->id_loc;
	return l;
}

static const char *status_name(enum turn_status s)
{
	return s == STATUS_PROPOSING ? "proposing" : s == STATUS_RANKING ? "ranking" : "resolved";
}

void dirform_check(struct doc *doc, const struct config *cfg, struct diag_sink *sink)
{
	size_t i, nb = 0, nr = 0, nd = 0, nu = 0;
	int quest = doc->quest || doc->turn || doc->status != STATUS_NONE;
	int open = doc_unresolved(doc);
	struct loc at = anchor(doc);

	for (i = 0; i < doc->npieces; i++) {
		nb += doc->pieces[i].kind == PIECE_BEHAVIOR;
		nr += doc->pieces[i].kind == PIECE_RANKING;
	}
	doc->behaviors = arena_alloc(&doc->arena, (nb + 1) * sizeof(*doc->behaviors));
	memset(doc->behaviors, 0, (nb + 1) * sizeof(*doc->behaviors));
	doc->rankings = arena_alloc(&doc->arena, (nr + 1) * sizeof(*doc->rankings));
	memset(doc->rankings, 0, (nr + 1) * sizeof(*doc->rankings));
	doc->behaviors_loc = at;
	doc->rankings_loc = at;
	for (i = 0; i < doc->npieces; i++) {
		const struct doc_piece *p = &doc->pieces[i];

		if (p->kind == PIECE_BEHAVIOR) {
			struct behavior *b = &doc->behaviors[doc->nbehaviors++];
			size_t body_off;

			if (frontmatter_behavior_file(doc, b, p->name, p, cfg, sink, &body_off))
				body_behavior_file(doc, b, body_off, p->off + p->len, sink);
			if (b->label == LABEL_DESIRABLE)
				nd++;
			else if (b->label == LABEL_UNDESIRABLE)
				nu++;
		} else if (p->kind == PIECE_RANKING) {
			struct loc l = {doc->path, p->first_line, 1};

			if (doc->status == STATUS_PROPOSING) {
				diag_add(
				    sink, DIAG_ERROR, &l, "quest-status",
				    "a ranking while the turn is 'proposing'; rankings come once "
				    "the quest master sets 'status: ranking' in scenario.md");
				continue;
			}
			frontmatter_ranking_file(doc, &doc->rankings[doc->nrankings++], p->name, p,
			                         sink);
		}
	}
	if ((long)nb < cfg->min_behaviors)
		diag_add(sink, doc->status == STATUS_PROPOSING ? DIAG_NOTE : DIAG_ERROR, &at,
		         "behaviors-too-few",
		         "%zu behavior%s; the policy asks for at least %ld (add files "
		         "behaviors/<behavior-id>.md)",
		         nb, nb == 1 ? "" : "s", cfg->min_behaviors);
	if (nb && (!nd || !nu) && doc->status != STATUS_PROPOSING)
		diag_add(sink, DIAG_ERROR, &at, "behaviors-one-sided",
		         "no %s behavior; include at least one desirable and one undesirable",
		         !nd ? "desirable" : "undesirable");
	if (doc->chosen && doc_behavior_index(doc, doc->chosen) < 0)
		diag_add(sink, DIAG_ERROR, &doc->chosen_loc, "quest-chosen-unknown",
		         "chosen '%s' is not a behavior of this scenario (no behaviors/%s.md)",
		         doc->chosen, doc->chosen);
	if (open) {
		if (doc->chosen)
			diag_add(sink, DIAG_ERROR, &doc->chosen_loc, "quest-status",
			         "'chosen' on a turn in status '%s'; the quest master sets it with "
			         "'status: resolved'",
			         status_name(doc->status));
		if (doc->has_consequences)
			diag_add(sink, DIAG_ERROR, &doc->consequences_heading, "quest-status",
			         "'## Consequences' on a turn in status '%s'; the quest master "
			         "writes them with 'status: resolved'",
			         status_name(doc->status));
		return;
	}
	if (quest && doc->status == STATUS_NONE)
		return; /* the missing status is reported */
	/* resolved, or no quest turn: a missing 'chosen' is a quest-keys finding */
	if (!doc->nrankings && !nr)
		diag_add(sink, DIAG_ERROR, &at, "key-required",
		         "no ranking; add at least one file rankings/<handle>.yaml");
}
