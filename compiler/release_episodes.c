/*
 * release_episodes: episodes.jsonl, one line per quest with its turns in
 * order. The quest turns were kept whole by the driver
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
	struct strbuf sb = STRBUF_INIT;
	size_t n = r->nquests, i, j, k, episodes = 0;
	int ret;

	if (n) {
		memcpy(q, r->quests, n * sizeof(*q));
		qsort(q, n, sizeof(*q), cmp_quest);
	}
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !strcmp(q[j]->quest, q[i]->quest); j++)
			;
		strbuf_addstr(&sb, "{\"quest\":");
		json_cstr(&sb, q[i]->quest);
		strbuf_addstr(&sb, ",\"split\":");
		json_cstr(&sb, q[i]->split);
		strbuf_addstr(&sb, ",\"turns\":[");
		for (k = i; k < j; k++) {
			if (k > i)
				strbuf_addch(&sb, ',');
			strbuf_addf(&sb, "{\"turn\":%ld,\"id\":", q[k]->turn);
			json_cstr(&sb, q[k]->id);
			strbuf_addstr(&sb, ",\"chosen\":");
			json_cstr(&sb, q[k]->chosen);
			strbuf_addstr(&sb, ",\"consequences\":");
			strbuf_addstr(&sb, q[k]->consequences);
			strbuf_addch(&sb, '}');
		}
		strbuf_addstr(&sb, "],\"canary\":");
		json_cstr(&sb, r->lt.cfg.canary);
		strbuf_addstr(&sb, "}\n");
		episodes++;
	}
	r->c.episodes = episodes;
	ret = rel_write(r, o->path, sb.buf, sb.len);
	strbuf_release(&sb);
	free(q);
	return ret;
}
