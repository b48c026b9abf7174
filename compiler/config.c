/*
 * config: repository root discovery and the data files the checks read; see
 * config.h. Defaults are docs/format.md section 2's; a missing policy key keeps its
 * default, a wrong one is a finding at its position.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "sha.h"
#include "suggest.h"
#include "xalloc.h"
#include "ytree.h"

const char *config_split(const struct config *cfg, const char *key)
{
	unsigned char d[32];
	unsigned long long v = 0;
	int i;

	sha256(key, strlen(key), d);
	for (i = 0; i < 8; i++)
		v = (v << 8) | d[i];
	v %= 10000;
	if ((long long)v < cfg->splits[0].percent * 100)
		return "train";
	if ((long long)v < (cfg->splits[0].percent + cfg->splits[1].percent) * 100)
		return "validation";
	return "test";
}

int is_reserved_name(const char *s)
{
	static const char *const names[] = {"con", "prn", "aux", "nul", "clock"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return 1;
	if ((!strncmp(s, "com", 3) || !strncmp(s, "lpt", 3)) && s[3] >= '0' && s[3] <= '9' && !s[4])
		return 1;
	return 0;
}

int is_slug(const char *s)
{
	int prev_dash = 1;

	if (!*s)
		return 0;
	for (; *s; s++) {
		if (*s == '-') {
			if (prev_dash)
				return 0;
			prev_dash = 1;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) {
			prev_dash = 0;
		} else {
			return 0;
		}
	}
	return !prev_dash;
}

int is_id(const char *s)
{
	return is_slug(s) && strlen(s) <= 64;
}

int read_file(const char *path, char **buf, size_t *len, size_t max)
{
	struct stat st;
	struct strbuf sb = STRBUF_INIT;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	/* the size it has now, and room to see the end (it may still grow) */
	strbuf_grow(&sb, (size_t)st.st_size + 1);
	for (;;) {
		ssize_t n;
		size_t want;
		if (sb.alloc - sb.len - 1 < 4096)
			strbuf_grow(&sb, 65536);
		want = sb.alloc - sb.len - 1;
		n = read(fd, sb.buf + sb.len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			strbuf_release(&sb);
			errno = e;
			return -1;
		}
		if (!n)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > max) {
			close(fd);
			strbuf_release(&sb);
			errno = EFBIG;
			return -1;
		}
		/* a regular file reads short only at its end: no read for the 0 */
		if ((size_t)n < want)
			break;
	}
	close(fd);
	*buf = strbuf_detach(&sb, len);
	return 0;
}

static int is_dir(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

static int is_file(const char *p)
{
	struct stat st;
	return !stat(p, &st) && S_ISREG(st.st_mode);
}

char *config_find_root(void)
{
	char cwd[PATH_MAX];
	struct strbuf sb = STRBUF_INIT;
	char *p;

	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	for (;;) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/lint-rules", cwd);
		if (is_dir(sb.buf)) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s/corpus/corpus.yaml", cwd);
			if (is_file(sb.buf)) {
				strbuf_release(&sb);
				return xstrdup(cwd);
			}
		}
		p = strrchr(cwd, '/');
		if (!p || p == cwd) {
			if (p == cwd && cwd[1]) {
				cwd[1] = '\0';
				continue;
			}
			break;
		}
		*p = '\0';
	}
	strbuf_release(&sb);
	return NULL;
}

struct loader {
	struct config *cfg;
	struct diag_sink *sink;
	const char *path;
};

static void bad(struct loader *ld, const struct ynode *n, const char *fmt, ...) XALLOC_PRINTF(3, 4);

static void bad(struct loader *ld, const struct ynode *n, const char *fmt, ...)
{
	struct loc l = {ld->path, n ? n->line : 1, n ? n->col : 1};
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_add(ld->sink, DIAG_ERROR, &l, "config-invalid", "%s", sb.buf);
	strbuf_release(&sb);
}

static struct ynode *load_yaml(struct loader *ld, const char *path, int required)
{
	char *buf;
	size_t len;
	struct ytree_opts o;
	struct ynode *root;
	int failed;

	ld->path = arena_strdup(&ld->cfg->arena, path);
	if (read_file(path, &buf, &len, 1 << 20) < 0) {
		if (!required && errno == ENOENT)
			return NULL;
		error("cannot read '%s': %s", path, strerror(errno));
		return (struct ynode *)-1;
	}
	memset(&o, 0, sizeof(o));
	o.path = ld->path;
	o.arena = &ld->cfg->arena;
	o.sink = ld->sink;
	root = ytree_parse(buf, len, &o, &failed);
	free(buf);
	if (root && root->kind != YNODE_MAP) {
		bad(ld, root, "'%s' must be a YAML mapping", path);
		return NULL;
	}
	return root;
}

static const char *want_str(struct loader *ld, const struct ynode *map, const char *key,
                            const char *def)
{
	const struct ynode *n = ynode_get(map, key);

	if (!n)
		return def;
	if (!ynode_is_str(n)) {
		bad(ld, n, "'%s' must be a string", key);
		return def;
	}
	return n->str;
}

static void want_num(struct loader *ld, const struct ynode *map, const char *key, double *v,
                     double lo, double hi)
{
	const struct ynode *n = ynode_get(map, key);
	double d;

	if (!n)
		return;
	if (ynode_number(n, &d) < 0 || d < lo || d > hi) {
		struct loc l = {ld->path, n->line, n->col};
		diag_add(ld->sink, DIAG_ERROR, &l, "config-invalid",
		         "'%s' must be a number from %g to %g", key, lo, hi);
		return;
	}
	*v = d;
}

static void want_int(struct loader *ld, const struct ynode *map, const char *key, long *v, long lo,
                     long hi)
{
	const struct ynode *n = ynode_get(map, key);
	long d;

	if (!n)
		return;
	if (ynode_uint(n, &d) < 0 || d < lo || d > hi) {
		struct loc l = {ld->path, n->line, n->col};
		diag_add(ld->sink, DIAG_ERROR, &l, "config-invalid",
		         "'%s' must be a whole number from %ld to %ld", key, lo, hi);
		return;
	}
	*v = d;
}

static void unknown_keys(struct loader *ld, const struct ynode *map, const char *const *keys,
                         size_t nkeys)
{
	const char *base = strrchr(ld->path, '/');

	ytree_unknown_keys(map, keys, nkeys, ld->path, "config-invalid", base ? base + 1 : ld->path,
	                   ld->sink);
}

/*
 * Is s an https URL the site and the card may link: "https://", a host of
 * letters, digits, dots and hyphens (and an optional :port), then a path of
 * printable ASCII that needs no quoting (no spaces, quotes, angle brackets,
 * backslashes or backticks)? Nothing else, so the link can never carry a
 * script or leave the page's attribute.
 */
static int repository_url_ok(const char *s)
{
	const char *p = s + 8, *host = p;

	if (strncmp(s, "https://", 8) || strlen(s) > 2048)
		return 0;
	while (isalnum((unsigned char)*p) || *p == '.' || *p == '-')
		p++;
	if (p == host || *host == '.' || *host == '-')
		return 0;
	if (*p == ':') {
		const char *port = ++p;
		while (isdigit((unsigned char)*p))
			p++;
		if (p == port)
			return 0;
	}
	if (*p && *p != '/')
		return 0;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-._~:/?#@!$&()*+,;=%", *p))
			return 0;
	return 1;
}

static void load_corpus(struct loader *ld, const struct ynode *root)
{
	static const char *const keys[] = {"name",   "version", "schema",    "license",
	                                   "canary", "splits",  "repository"};
	static const char *const split_names[] = {"train", "validation", "test"};
	struct config *cfg = ld->cfg;
	const struct ynode *splits;
	long total = 0;
	size_t i;

	unknown_keys(ld, root, keys, 7);
	cfg->name = want_str(ld, root, "name", NULL);
	if (!cfg->name || !is_slug(cfg->name)) {
		bad(ld, ynode_get(root, "name") ? ynode_get(root, "name") : root,
		    "'%s' needs a 'name' that is a lowercase slug", "corpus.yaml");
		cfg->name = "corpus";
	}
	cfg->version = want_str(ld, root, "version", "0.0.0");
	cfg->license = want_str(ld, root, "license", "CC-BY-4.0");
	cfg->canary = want_str(ld, root, "canary", NULL);
	if (!cfg->canary || strlen(cfg->canary) < 16) {
		bad(ld, ynode_get(root, "canary") ? ynode_get(root, "canary") : root,
		    "'%s' needs a 'canary' string of at least 16 characters", "corpus.yaml");
		cfg->canary = "corpus canary missing";
	}
	want_int(ld, root, "schema", &cfg->schema, CONFIG_SCHEMA, CONFIG_SCHEMA);
	cfg->repository = want_str(ld, root, "repository", NULL);
	if (cfg->repository && !repository_url_ok(cfg->repository)) {
		bad(ld, ynode_get(root, "repository"),
		    "'%s' must be an https URL such as 'https://github.com/owner/name' "
		    "(a host, then a path without spaces, quotes or angle brackets), not '%s'; "
		    "or leave the key out",
		    "repository", cfg->repository);
		cfg->repository = NULL;
	} else if (cfg->repository) {
		/* the site appends paths to it */
		size_t n = strlen(cfg->repository);
		while (n > 8 && cfg->repository[n - 1] == '/')
			n--;
		cfg->repository = arena_strndup(&cfg->arena, cfg->repository, n);
	}
	cfg->splits[0].name = "train";
	cfg->splits[0].percent = 80;
	cfg->splits[1].name = "validation";
	cfg->splits[1].percent = 10;
	cfg->splits[2].name = "test";
	cfg->splits[2].percent = 10;
	splits = ynode_get(root, "splits");
	if (splits) {
		if (splits->kind != YNODE_MAP) {
			bad(ld, splits, "'%s' must map train, validation and test to percentages",
			    "splits");
			return;
		}
		unknown_keys(ld, splits, split_names, 3);
		for (i = 0; i < 3; i++) {
			cfg->splits[i].percent = 0;
			want_int(ld, splits, split_names[i], &cfg->splits[i].percent, 0, 100);
			total += cfg->splits[i].percent;
		}
		if (total != 100)
			bad(ld, splits, "the %s must add up to 100", "split percentages");
	}
}

static void load_policy(struct loader *ld, const struct ynode *root)
{
	static const char *const keys[] = {"min_behaviors",       "min_thought_words",
	                                   "agreement_threshold", "superhuman_share",
	                                   "near_duplicate",      "max_shortcut"};
	struct config *cfg = ld->cfg;
	const struct ynode *ms = ynode_get(root, "max_shortcut");

	unknown_keys(ld, root, keys, 6);
	want_int(ld, root, "min_behaviors", &cfg->min_behaviors, 2, 1000);
	want_int(ld, root, "min_thought_words", &cfg->min_thought_words, 0, 100000);
	want_num(ld, root, "agreement_threshold", &cfg->agreement_threshold, 0, 1);
	want_num(ld, root, "superhuman_share", &cfg->superhuman_share, 0, 1);
	want_num(ld, root, "near_duplicate", &cfg->near_duplicate, 0, 1);
	want_num(ld, root, "max_shortcut", &cfg->max_shortcut, 0, 1);
	/* the audit's warnings point at the key (or the file when it is absent) */
	cfg->max_shortcut_loc.line = ms ? ms->line : 1;
	cfg->max_shortcut_loc.col = ms ? ms->col : 1;
}

static size_t load_taxo_list(struct loader *ld, const struct ynode *root, const char *key,
                             int features, struct taxo_entry **out)
{
	const struct ynode *m = ynode_get(root, key);
	struct taxo_entry *e;
	size_t i;

	*out = NULL;
	if (!m || m->kind != YNODE_MAP) {
		bad(ld, m ? m : root, "the taxonomy needs a '%s' mapping", key);
		return 0;
	}
	e = arena_alloc(&ld->cfg->arena, (m->n + 1) * sizeof(*e));
	for (i = 0; i < m->n; i++) {
		const struct ynode *k = ynode_key(m, i), *v = ynode_val(m, i);
		const struct ynode *d, *p;

		if (!is_slug(k->str))
			bad(ld, k, "taxonomy id '%s' is not a lowercase slug", k->str);
		e[i].id = k->str;
		e[i].polarity = LABEL_NONE;
		if (!v || v->kind != YNODE_MAP) {
			bad(ld, v ? v : k,
			    "taxonomy entry '%s' must be a mapping with a description", k->str);
			continue;
		}
		d = ynode_get(v, "description");
		if (!ynode_is_str(d))
			bad(ld, v, "taxonomy entry '%s' needs a one-line description", k->str);
		else
			e[i].description = d->str;
		p = ynode_get(v, "polarity");
		if (features) {
			if (p && ynode_is_str(p) && !strcmp(p->str, "desirable"))
				e[i].polarity = LABEL_DESIRABLE;
			else if (p && ynode_is_str(p) && !strcmp(p->str, "undesirable"))
				e[i].polarity = LABEL_UNDESIRABLE;
			else
				bad(ld, p ? p : v,
				    "feature '%s' needs polarity desirable or undesirable", k->str);
		}
	}
	*out = e;
	return m->n;
}

int config_load(struct config *cfg, const char *root, const char *rules_dir, struct diag_sink *sink)
{
	struct loader ld = {cfg, sink, NULL};
	struct strbuf sb = STRBUF_INIT;
	struct ynode *y;
	int ret = -1;

	memset(cfg, 0, sizeof(*cfg));
	cfg->root = xstrdup(root);
	if (rules_dir) {
		cfg->rules_dir = xstrdup(rules_dir);
	} else {
		strbuf_addf(&sb, "%s/lint-rules", root);
		cfg->rules_dir = strbuf_detach(&sb, NULL);
	}
	cfg->min_behaviors = 3;
	cfg->min_thought_words = 25;
	cfg->agreement_threshold = 0.5;
	cfg->superhuman_share = 0.5;
	cfg->near_duplicate = 0.8;
	cfg->max_shortcut = 0.65;

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/corpus/corpus.yaml", root);
	y = load_yaml(&ld, sb.buf, 1);
	if (y == (struct ynode *)-1)
		goto out;
	{
		struct ynode empty;
		memset(&empty, 0, sizeof(empty));
		empty.kind = YNODE_MAP;
		empty.line = empty.col = 1;
		load_corpus(&ld, y ? y : &empty);
	}

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/policy.yaml", cfg->rules_dir);
	{
		/* as lint_default_path(): relative when run from the root */
		char cwd[4096];
		size_t n = strlen(root);
		const char *p = sb.buf;
		if (getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, root) && !strncmp(p, root, n) &&
		    p[n] == '/')
			p += n + 1;
		cfg->max_shortcut_loc.path = arena_strdup(&cfg->arena, p);
	}
	cfg->max_shortcut_loc.line = cfg->max_shortcut_loc.col = 1;
	y = load_yaml(&ld, sb.buf, 0);
	if (y == (struct ynode *)-1)
		goto out;
	if (y)
		load_policy(&ld, y);

	strbuf_reset(&sb);
	strbuf_addf(&sb, "%s/taxonomy.yaml", cfg->rules_dir);
	y = load_yaml(&ld, sb.buf, 1);
	if (y == (struct ynode *)-1)
		goto out;
	if (y) {
		static const char *const keys[] = {"features", "capabilities"};
		unknown_keys(&ld, y, keys, 2);
		cfg->nfeatures = load_taxo_list(&ld, y, "features", 1, &cfg->features);
		cfg->ncapabilities = load_taxo_list(&ld, y, "capabilities", 0, &cfg->capabilities);
	}
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

void config_release(struct config *cfg)
{
	free(cfg->root);
	free(cfg->rules_dir);
	arena_release(&cfg->arena);
	memset(cfg, 0, sizeof(*cfg));
}

static const struct taxo_entry *find(const struct taxo_entry *e, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (e[i].id && !strcmp(e[i].id, id))
			return &e[i];
	return NULL;
}

const struct taxo_entry *config_feature(const struct config *cfg, const char *id)
{
	return find(cfg->features, cfg->nfeatures, id);
}

const struct taxo_entry *config_capability(const struct config *cfg, const char *id)
{
	return find(cfg->capabilities, cfg->ncapabilities, id);
}
