/*
 * doc: the in-memory model of one scenario file that every stage shares
 * (docs/conventions.md section 3: deliberately transparent, like cmark's node.h).
 *
 * lint.c reads the file into src; frontmatter.c fills the front-matter fields; body.c the
 * section spans; the checks read it and add findings. Every string and array
 * lives in doc->arena and is released at once by doc_free().
 */
#ifndef DOC_H
#define DOC_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

struct ynode;
struct cmark_node;

enum label { LABEL_NONE = -1, LABEL_DESIRABLE = 0, LABEL_UNDESIRABLE = 1 };

/* A byte range of doc->src; line is the 1-based line where it starts. */
struct span {
	size_t off, len;
	int line;
};

struct behavior {
	const char *id; /* NULL when missing or invalid */
	struct loc loc; /* the behavior's map in front matter */
	struct loc id_loc;
	enum label label;
	struct loc label_loc;
	const char **features;
	struct loc *feature_locs;
	size_t nfeatures;
	int superhuman; /* 1, 0, or -1 when missing/invalid */
	/* from the body */
	int has_section;
	struct loc heading; /* "## Behavior: <id>" */
	struct span text;   /* trimmed: heading .. "### Thoughts" */
	int has_thoughts;
	struct loc thoughts_heading;
	struct span thoughts;       /* trimmed */
	long thought_words;         /* counted by check_thought(); -1 before */
	const uint64_t *text_words; /* the text's word hashes, by check_thought() */
	size_t ntext_words;         /* (for near-duplicate shingles: NULL before) */
	/* the directory form: the behavior file's own; NULL: the scenario's */
	const char **authors;
	size_t nauthors;
	const char *origin;
};

struct rank_item {
	const char *id;
	struct loc loc;
	int group; /* 0 = best */
};

struct ranking {
	const char *by;
	struct loc loc; /* the ranking's map */
	struct loc by_loc, order_loc;
	struct rank_item *items;
	size_t nitems;
	int ngroups;
	int valid; /* complete, no unknown or repeated id */
};

/*
 * The directory form (docs/format.md 2.3): a scenario directory is assembled into
 * one doc whose src is its files one after the other, each starting on a new
 * line; a piece says where each file's text is. Findings are made at the
 * assembled lines and moved to (piece path, line) by doc_relocate().
 */
enum piece_kind { PIECE_SCENARIO, PIECE_BEHAVIOR, PIECE_RANKING };

struct doc_piece {
	enum piece_kind kind;
	const char *name; /* a behavior's id, a ranker's handle */
	const char *path; /* the file, as walked (e.g. corpus/a/x/behaviors/b.md) */
	size_t off, len;  /* its bytes in src */
	int first_line;   /* src's line where it starts */
};

enum turn_status { STATUS_NONE, STATUS_PROPOSING, STATUS_RANKING, STATUS_RESOLVED };

struct doc {
	struct arena arena;
	const char *path; /* as given on the command line / walk */
	char *src;        /* the whole file (owned; freed by doc_free) */
	size_t len;
	size_t *line_starts; /* byte offset of each line start */
	size_t nlines;

	/* front matter */
	int fm_ok;        /* 1 parsed; -1 delimiters found, YAML bad; 0 none */
	size_t body_off;  /* where the body begins */
	int body_line;    /* its first line */
	struct ynode *fm; /* the front-matter mapping */
	const char *id;
	struct loc id_loc;
	const char *title;
	struct loc title_loc;
	const char **authors;
	size_t nauthors;
	const char *origin;
	const char **capabilities;
	struct loc *capability_locs;
	size_t ncapabilities;
	const char **tags;
	size_t ntags;
	const char *license; /* NULL: the corpus license */
	const char *split;   /* NULL: from the id */
	struct loc split_loc;
	struct behavior *behaviors;
	size_t nbehaviors;
	struct loc behaviors_loc;
	struct ranking *rankings;
	size_t nrankings;
	struct loc rankings_loc;
	const char *quest; /* quest turns only */
	struct loc quest_loc;
	long turn; /* 0 when absent */
	struct loc turn_loc;
	const char *chosen;
	struct loc chosen_loc;
	const char **disable; /* lint: {disable: [...]} */
	struct loc *disable_locs;
	size_t ndisable;
	const char *disable_reason;
	struct loc lint_loc;
	int has_lint;

	/* body */
	int body_ok;           /* sections were found */
	struct cmark_node *md; /* the body's Markdown tree (mdmem.h: this
	                          thread's; released by doc_free()), or NULL */
	int has_scenario;
	struct loc scenario_heading;
	struct span scenario;
	int has_consequences;
	struct loc consequences_heading;
	struct span consequences;
	int has_notes;
	struct span notes;
	/*
	 * The byte offsets (ascending) of the line endings that CommonMark
	 * reads as soft line breaks in a paragraph (body.c); the records join
	 * them with a space (docs/format.md 5.1).
	 */
	size_t *softbreaks;
	size_t nsoftbreaks;

	/* the directory form: path ends in '/'; pieces[0] is scenario.md */
	int dir_form;
	struct doc_piece *pieces;
	size_t npieces;
	size_t body_end;         /* where scenario.md's body ends (0: len) */
	enum turn_status status; /* quest turns in the directory form */
	struct loc status_loc;

	/* derived by check_ranking.c when the rankings are valid */
	int *consensus;        /* per behavior index: group, 0 = best */
	int nconsensus_groups; /* 0 when not computed */
	double agreement;      /* Kendall's W; NAN with one ranker */
};

/* A new, empty doc for path (copied). src is taken over by the doc. */
struct doc *doc_new(const char *path, char *src, size_t len);
/* Release everything the doc owns; NULL is fine. */
void doc_free(struct doc *doc);
/* The position of byte offset off in src (col counts code points). */
struct loc doc_loc_at(const struct doc *doc, size_t off);
/* Byte offset of the start of a 1-based line (len when past the end). */
size_t doc_line_off(const struct doc *doc, int line);
/* Byte offset of (line, col) (col in code points); clamps to the line end. */
size_t doc_loc_off(const struct doc *doc, int line, int col);
/* The piece (directory form) holding src line line (the first for lines
 * before it), or NULL without pieces. */
const struct doc_piece *doc_piece_at(const struct doc *doc, int line);
/*
 * Move findings sink->items[from..] located in a directory-form doc (path
 * doc->path) to the file holding them: its path and its own line.
 */
void doc_relocate(const struct doc *doc, struct diag_sink *sink, size_t from);
/* Is this unresolved quest turn (proposing or ranking) left out of records? */
int doc_unresolved(const struct doc *doc);
/* The index of the behavior with this id, or -1. */
int doc_behavior_index(const struct doc *doc, const char *id);

#endif
