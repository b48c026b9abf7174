/*
 * Unit tests for frontmatter_file_id() in compiler/frontmatter.c: the id a
 * file name implies (base name without .md), and inside
 * .../quests/<quest>/ the quest id and the NN- turn prefix (docs/format.md section 2:
 * corpus/quests/<quest-id>/<NN>-<id>.md).
 */
#include "frontmatter.h"

#include <string.h>

#include "harness.h"

struct fid {
	char id[256];
	char quest[256];
	long turn;
	int in_quest;
};

static struct fid fid(const char *path)
{
	struct fid f;

	memset(&f, 0x55, sizeof(f));
	frontmatter_file_id(path, f.id, sizeof(f.id), &f.turn, &f.in_quest,
			    f.quest, sizeof(f.quest));
	return f;
}

static void test_plain(void)
{
	struct fid f;

	f = fid("corpus/science/overnight-synthesis.md");
	STR_EQ(f.id, "overnight-synthesis");
	INT_EQ(f.turn, 0);
	INT_EQ(f.in_quest, 0);
	STR_EQ(f.quest, "");
	f = fid("alpha.md");
	STR_EQ(f.id, "alpha");
	INT_EQ(f.in_quest, 0);
	f = fid("/abs/repo/corpus/science/0755.md");
	STR_EQ(f.id, "0755");
	/* a number prefix outside quests is part of the id */
	f = fid("corpus/science/01-alpha.md");
	STR_EQ(f.id, "01-alpha");
	INT_EQ(f.turn, 0);
	INT_EQ(f.in_quest, 0);
	/* a directory merely ending in "quests" is no quest directory */
	f = fid("corpus/myquests/heist/01-plan.md");
	INT_EQ(f.in_quest, 0);
	STR_EQ(f.id, "01-plan");
	f = fid("corpus/science/notes");
	STR_EQ(f.id, "notes");
}

static void test_quests(void)
{
	struct fid f;

	f = fid("corpus/quests/heist/01-heist-plan.md");
	STR_EQ(f.id, "heist-plan");
	INT_EQ(f.turn, 1);
	INT_EQ(f.in_quest, 1);
	STR_EQ(f.quest, "heist");
	f = fid("corpus/quests/lab-autonomy/12-self-retraining.md");
	STR_EQ(f.id, "self-retraining");
	INT_EQ(f.turn, 12);
	STR_EQ(f.quest, "lab-autonomy");
	f = fid("/tmp/x/corpus/quests/q/03-x.md");
	STR_EQ(f.id, "x");
	INT_EQ(f.turn, 3);
	STR_EQ(f.quest, "q");
	f = fid("quests/voyage/02-voyage-return.md");
	INT_EQ(f.in_quest, 1);
	STR_EQ(f.quest, "voyage");
	INT_EQ(f.turn, 2);
	STR_EQ(f.id, "voyage-return");
	/* no NN- prefix: in a quest, turn 0, the whole name is the id */
	f = fid("corpus/quests/heist/heist-plan.md");
	INT_EQ(f.in_quest, 1);
	INT_EQ(f.turn, 0);
	STR_EQ(f.id, "heist-plan");
	/* one digit is no prefix */
	f = fid("corpus/quests/heist/1-plan.md");
	INT_EQ(f.turn, 0);
	STR_EQ(f.id, "1-plan");
	/* 00 prefix gives turn 0 */
	f = fid("corpus/quests/heist/00-plan.md");
	INT_EQ(f.turn, 0);
	STR_EQ(f.id, "plan");
}

/* The directory form: the path ends in '/', the directory names the id. */
static void test_directory_form(void)
{
	struct fid f;

	f = fid("corpus/science/overnight-synthesis/");
	STR_EQ(f.id, "overnight-synthesis");
	INT_EQ(f.in_quest, 0);
	INT_EQ(f.turn, 0);
	f = fid("corpus/quests/heist/03-the-vault/");
	STR_EQ(f.id, "the-vault");
	INT_EQ(f.turn, 3);
	INT_EQ(f.in_quest, 1);
	STR_EQ(f.quest, "heist");
	/* ".md" ends a directory's name only as text */
	f = fid("corpus/science/odd.md/");
	STR_EQ(f.id, "odd.md");
}

static void test_truncation(void)
{
	char id[6], quest[4];
	long turn = -1;
	int in_quest = -1;

	frontmatter_file_id("corpus/quests/longquest/07-abcdefghij.md", id,
			    sizeof(id), &turn, &in_quest, quest, sizeof(quest));
	STR_EQ(id, "abcde");
	STR_EQ(quest, "lon");
	INT_EQ(turn, 7);
	INT_EQ(in_quest, 1);
	/* NULL quest buffer is allowed */
	frontmatter_file_id("corpus/quests/q/01-a.md", id, sizeof(id), &turn,
			    &in_quest, NULL, 0);
	STR_EQ(id, "a");
	INT_EQ(in_quest, 1);
}

int main(void)
{
	test_plain();
	test_quests();
	test_directory_form();
	test_truncation();
	return harness_done();
}
