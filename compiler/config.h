/*
 * config: the corpus-wide data the checks read -- corpus/corpus.yaml, the
 * policy and the taxonomy under lint-rules/ (docs/format.md section 2, "Taxonomy and
 * policy") -- and the discovery of the repository root (docs/format.md section 4).
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "doc.h"

/* The format version of the records this compiler writes (docs/format.md 2.4: `schema`). */
#define CONFIG_SCHEMA 2

struct taxo_entry {
	const char *id;
	enum label polarity; /* features only */
	const char *description;
};

struct split_ratio {
	const char *name; /* train, validation, test */
	long percent;
};

struct config {
	struct arena arena;
	char *root;      /* repository root, absolute or "." */
	char *rules_dir; /* lint-rules/ or --rules DIR */
	/* corpus.yaml */
	const char *name, *version, *license, *canary;
	const char *repository; /* https URL without a final slash, or NULL */
	long schema;
	struct split_ratio splits[3];
	/* policy.yaml */
	long min_behaviors, min_thought_words;
	double agreement_threshold, superhuman_share, near_duplicate, max_shortcut;
	struct loc max_shortcut_loc; /* the key in policy.yaml, for the audit's warnings */
	/* taxonomy.yaml */
	struct taxo_entry *features;
	size_t nfeatures;
	struct taxo_entry *capabilities;
	size_t ncapabilities;
};

/*
 * Find the repository root: the nearest ancestor of the current directory
 * holding lint-rules/ and corpus/corpus.yaml. Returns a malloc'd path, or NULL
 * when there is none.
 */
char *config_find_root(void);

/*
 * Load corpus.yaml from root and the policy and taxonomy from rules_dir (NULL:
 * root/lint-rules). Problems in those files are findings (config-invalid) in
 * sink. Returns 0, or -1 when a file cannot be read (after error()).
 */
int config_load(struct config *cfg, const char *root, const char *rules_dir,
                struct diag_sink *sink);
void config_release(struct config *cfg);

const struct taxo_entry *config_feature(const struct config *cfg, const char *id);
const struct taxo_entry *config_capability(const struct config *cfg, const char *id);

/* Read a whole regular file (not following a final symlink) into a malloc'd,
 * NUL-terminated buffer. Returns 0, or -1 with errno set. */
int read_file(const char *path, char **buf, size_t *len, size_t max);

/*
 * The split of a key (scenario id, or quest id for quest turns): sha256(key),
 * first 8 bytes as a big-endian integer, mod 10000, against the cumulative
 * train and validation percentages * 100 (docs/format.md 5.3).
 */
const char *config_split(const struct config *cfg, const char *key);

/* Is s a device name some systems reserve (con, nul, com1, lpt1, ...)? */
int is_reserved_name(const char *s);

/* Is s a slug: ^[a-z0-9]+(-[a-z0-9]+)*$ ? */
int is_slug(const char *s);
/* Is s an id: a slug of at most 64 characters? */
int is_id(const char *s);

#endif
