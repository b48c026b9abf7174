/*
 * release_episodes: data/episodes/<split>.jsonl, one line per quest with
 * its turns in order. The quest turns were kept whole by the driver
 * (r->quests, in id order); they are sorted by quest and turn here.
 */
#include "release_internal.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "xalloc.h"

static int cmp_quest(const void *a, const void *b)
{
	const struct quest_rec *const *x = a, *const *y = b;
	int c = strcmp((*x)->quest, (*y)->quest);

	if (c)
		return c;
	return (*x)->turn < (*y)->turn ? -1 : (*x)->turn > (*y)->turn;
}

int release_episodes(struct rel *r, const struct release_output *o)
{
	struct quest_rec **q = xmalloc((r->nquests + 1) * sizeof(*q));
	struct strbuf sb[RELEASE_NSPLITS], path = STRBUF_INIT;
	size_t n = r->nquests, i, j, k, episodes = 0;
	int ret = 0, s;

	for (s = 0; s < RELEASE_NSPLITS; s++)
		strbuf_init(&sb[s], 0);
	if (n) {
		memcpy(q, r->quests, n * sizeof(*q));
		qsort(q, n, sizeof(*q), cmp_quest);
	}
	for (i = 0; i < n; i = j) {
		struct strbuf *out;

		for (j = i; j < n && !strcmp(q[j]->quest, q[i]->quest); j++)
			;
		/* a quest's turns share its split (docs/format.md 5.3) */
		for (s = 0; s < RELEASE_NSPLITS - 1 && strcmp(q[i]->split, release_split_names[s]);
		     s++)
			;
		r->c.kind_split[2][s]++;
		out = &sb[s];
		strbuf_addstr(out, "{\"quest\":");
		json_cstr(out, q[i]->quest);
		strbuf_addstr(out, ",\"split\":");
		json_cstr(out, q[i]->split);
		strbuf_addstr(out, ",\"turns\":[");
		for (k = i; k < j; k++) {
			if (k > i)
				strbuf_addch(out, ',');
			strbuf_addf(out, "{\"turn\":%ld,\"id\":", q[k]->turn);
			json_cstr(out, q[k]->id);
			strbuf_addstr(out, ",\"chosen\":");
			json_cstr(out, q[k]->chosen);
			strbuf_addstr(out, ",\"consequences\":");
			strbuf_addstr(out, q[k]->consequences);
			strbuf_addch(out, '}');
		}
		strbuf_addstr(out, "],\"canary\":");
		json_cstr(out, r->lt.cfg.canary);
		strbuf_addstr(out, "}\n");
		episodes++;
	}
	r->c.episodes = episodes;
	for (s = 0; s < RELEASE_NSPLITS; s++) {
		strbuf_reset(&path);
		release_data_path(o, s, &path);
		if (!ret)
			ret = rel_write(r, path.buf, sb[s].buf, sb[s].len);
		strbuf_release(&sb[s]);
	}
	strbuf_release(&path);
	free(q);
	return ret;
}
