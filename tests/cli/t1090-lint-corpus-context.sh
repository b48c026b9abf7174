#!/bin/sh
# corpusc lint PATH reads the whole corpus for the corpus-wide checks and
# reports the findings located in PATH (docs/format.md section 4); corpusc new refuses
# an id the corpus already has.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"
. "$REPO/tests/cli/dirform-lib.sh"

ID=gene-drive-release-window
S=corpus/science/$ID.md
E=corpus/environment/$ID.md

test_expect_success 'corpusc new refuses an id the corpus already has; writes nothing' '
	make_repo n1 && write_scenario n1/$S &&
	(cd n1 && test_expect_code 2 "$CORPUSC" new environment/$ID) >n1.out 2>n1.err &&
	has n1.err "corpusc: error: id '\''$ID'\'' is already used by $S; ids must be unique across the corpus: choose another" &&
	test ! -e n1/$E && test ! -e n1/corpus/environment &&
	test ! -s n1.out
'

test_expect_success 'corpusc new refuses an id used by a quest turn' '
	make_repo n2 && write_scenario n2/corpus/quests/heist/01-$ID.md &&
	(cd n2 && test_expect_code 2 "$CORPUSC" new science/$ID) 2>n2.err &&
	has n2.err "corpusc: error: id '\''$ID'\'' is already used by corpus/quests/heist/01-$ID.md; ids must be unique across the corpus: choose another"
'

test_expect_success 'corpusc new refuses an id used by a directory-form scenario' '
	make_repo n3 && mkdir -p n3/corpus/science/$ID && : >n3/corpus/science/$ID/scenario.md &&
	(cd n3 && test_expect_code 2 "$CORPUSC" new --quest q $ID) 2>n3.err &&
	has n3.err "corpusc: error: id '\''$ID'\'' is already used by corpus/science/$ID/; ids must be unique across the corpus: choose another"
'

test_expect_success 'lint <new file> reports id-duplicate against a file elsewhere' '
	make_repo d1 && write_scenario d1/$S && write_scenario_b d1/$E &&
	test_expect_code 1 lint_in d1 $E &&
	only d1.err "$E:2:5: error: id '\''$ID'\'' is also used by $S:2:5; ids must be unique across the corpus [id-duplicate]" &&
	has d1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'lint of the other file names the new one; lint of both reports both' '
	test_expect_code 1 lint_in d1 $S &&
	only d1.err "$S:2:5: error: id '\''$ID'\'' is also used by $E:2:5; ids must be unique across the corpus [id-duplicate]" &&
	test_expect_code 1 lint_in d1 &&
	only d1.err "$E:2:5: error: id '\''$ID'\'' is also used by $S:2:5; ids must be unique across the corpus [id-duplicate]" \
		"$S:2:5: error: id '\''$ID'\'' is also used by $E:2:5; ids must be unique across the corpus [id-duplicate]"
'

test_expect_success 'findings of files outside PATH are not reported, nor counted in the exit' '
	make_repo o1 && write_scenario o1/corpus/sci/alpha.md && write_scenario_b o1/corpus/eng/beta.md &&
	sed -i "s/^title: .*/title: TODO/" o1/corpus/eng/beta.md &&
	lint_in o1 corpus/sci/alpha.md && clean o1 1 &&
	test_expect_code 1 lint_in o1 corpus/eng
'

test_expect_success 'a path spelled from a subdirectory or with ./ keeps its spelling' '
	test_expect_code 1 lint_in d1 ./$E &&
	only d1.err "./$E:2:5: error: id '\''$ID'\'' is also used by $S:2:5; ids must be unique across the corpus [id-duplicate]" &&
	(cd d1/corpus && test_expect_code 1 "$CORPUSC" lint environment) 2>d1s.err &&
	findings d1s.err | grep -q "^environment/$ID.md:2:5: error: id .* \\[id-duplicate\\]\$" &&
	test "$(nfindings d1s.err)" = 1
'

test_expect_success 'a rule or policy problem is reported whatever PATH is' '
	make_repo p1 && write_scenario p1/corpus/sci/alpha.md &&
	sed -i "s/^min_behaviors:.*/min_behaviors: many/" p1/lint-rules/policy.yaml &&
	test_expect_code 1 lint_in p1 corpus/sci/alpha.md &&
	grep -q "lint-rules/policy.yaml:2:16: error: .*\[config-invalid\]$" p1.err
'

export HOME="$TEST_WORK" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=tester \
	GIT_AUTHOR_EMAIL=tester@example.com GIT_COMMITTER_NAME=tester \
	GIT_COMMITTER_EMAIL=tester@example.com

# a repository on branch main with alpha (its title a placeholder: an
# error nobody touches), then branch feat
git_repo() {
	make_repo "$1" && write_scenario "$1/corpus/sci/alpha.md" &&
	sed -i "s/^title: .*/title: TODO/" "$1/corpus/sci/alpha.md" &&
	(cd "$1" && git init -q -b main && git add -A && git commit -q -m base &&
		git checkout -q -b feat)
}

test_expect_success '--changed-since: only the files that differ from the merge base' '
	git_repo c1 && write_scenario_b c1/corpus/eng/beta.md &&
	sed -i "s/^title: .*/title: \"TODO: later\"/" c1/corpus/eng/beta.md &&
	(cd c1 && git add -A && git commit -q -m beta) &&
	test_expect_code 1 lint_in c1 --changed-since main &&
	only c1.err "corpus/eng/beta.md:3:9: error: placeholder text left in: '\''TODO:'\'' [placeholder-text]" &&
	has c1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '--changed-since: uncommitted and untracked files count; deleted ones do not' '
	git_repo c2 && write_scenario_b c2/corpus/eng/alpha.md &&
	test_expect_code 1 lint_in c2 --changed-since main &&
	has_at c2.err "corpus/eng/alpha.md:2:5" id-duplicate &&
	test "$(nfindings c2.err)" = 1 &&
	(cd c2 && git add -A && git commit -q -m beta && git rm -q corpus/sci/alpha.md) &&
	lint_in c2 --changed-since main && has c2.err "0 errors, 0 warnings in 0 of 1 file"
'

test_expect_success '--changed-since: a renamed file is checked under its new name' '
	git_repo c3 && write_scenario_b c3/corpus/eng/beta.md &&
	(cd c3 && git add -A && git commit -q -m beta && git checkout -q main &&
		git merge -q feat && git checkout -q -b move &&
		git mv corpus/eng/beta.md corpus/eng/gamma.md && git commit -q -m move) &&
	test_expect_code 1 lint_in c3 --changed-since main &&
	only c3.err "corpus/eng/gamma.md:2:5: error: id '\''beta'\'' differs from the file name '\''gamma'\''; rename one so they match [id-filename]"
'

test_expect_success '--changed-since: a ranking file names its directory-form scenario' '
	git_repo c4 && write_dir c4/corpus/eng/beta &&
	sed -i "s/^near_duplicate:.*/near_duplicate: 0.99/" c4/lint-rules/policy.yaml &&
	(cd c4 && git add -A && git commit -q -m beta && git checkout -q -b rank) &&
	write_ranking c4/corpus/eng/beta bob "[ask-first]" &&
	test_expect_code 1 lint_in c4 --changed-since feat &&
	test "$(nfindings c4.err)" = 3 &&
	has_at c4.err "corpus/eng/beta/rankings/bob.yaml:1:1" ranking-incomplete
'

test_expect_success '--changed-since: a bad ref is exit 2; so are paths with it' '
	git_repo c5 &&
	test_expect_code 2 lint_in c5 --changed-since no-such-branch &&
	grep -q "cannot find the merge base of '\''no-such-branch'\'' and HEAD" c5.err &&
	test_expect_code 2 lint_in c5 --changed-since main corpus &&
	test_expect_code 2 lint_in c5 --changed-since=--output=x &&
	test ! -e c5/x
'

test_done
