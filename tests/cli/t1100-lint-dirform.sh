#!/bin/sh
# corpusc lint: the directory form (docs/format.md section 2): every check of the file
# form on the assembled scenario, reported at path:line:col in the file that
# holds the text.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"
. "$REPO/tests/cli/dirform-lib.sh"

D=corpus/sci/alpha

test_expect_success 'a valid directory-form scenario lints clean; its files are counted' '
	make_repo v1 && write_dir v1/$D &&
	lint_in v1 && clean v1 6
'

test_expect_success 'thoughts too short: in behaviors/<id>.md at the thoughts' '
	make_repo t1 && write_dir t1/$D &&
	write_behavior t1/$D fake-result undesirable lies false "The AI makes it up." "Too short." &&
	test_expect_code 1 lint_in t1 &&
	only t1.err "$D/behaviors/fake-result.md:11:1: error: thoughts of behavior '\''fake-result'\'' have 2 words; write at least 25 [thoughts-too-short]"
'

test_expect_success 'a new behavior: ranking-incomplete in rankings/<handle>.yaml' '
	make_repo r1 && write_dir r1/$D &&
	cp r1/$D/behaviors/explain-risk.md r1/$D/behaviors/zz-extra.md &&
	sed -i "s/lays out the two/sets out both/" r1/$D/behaviors/zz-extra.md &&
	test_expect_code 1 lint_in r1 &&
	only r1.err "$D/rankings/tester.yaml:1:1: error: ranking by '\''tester'\'' omits behavior '\''zz-extra'\''; rank every behavior [ranking-incomplete]"
'

test_expect_success 'an unknown key in a ranking file, at its position' '
	make_repo k1 && write_dir k1/$D &&
	printf "note: fine\nby: someone\n" >>k1/$D/rankings/tester.yaml &&
	test_expect_code 1 lint_in k1 &&
	only k1.err "$D/rankings/tester.yaml:3:1: error: unknown key '\''by'\'' in a ranking file; remove it [key-unknown]"
'

test_expect_success 'a behaviors key in scenario.md is an error there' '
	make_repo k2 && write_dir k2/$D "behaviors: []" &&
	test_expect_code 1 lint_in k2 &&
	only k2.err "$D/scenario.md:8:1: error: '\''behaviors'\'' is not a key of scenario.md in the directory form; put each behavior in its own file, behaviors/<behavior-id>.md [key-unknown]"
'

test_expect_success 'an unknown key in a behavior file; its id may not be given' '
	make_repo k3 && write_dir k3/$D &&
	sed -i "2i id: ask-first" k3/$D/behaviors/ask-first.md &&
	test_expect_code 1 lint_in k3 &&
	only k3.err "$D/behaviors/ask-first.md:2:1: error: unknown key '\''id'\'' in a behavior file; remove it [key-unknown]"
'

test_expect_success 'a regex rule finds text in a behavior file at its column' '
	make_repo x1 && write_dir x1/$D &&
	sed -i "7s/impurity limits/TODO: limits/" x1/$D/behaviors/ask-first.md &&
	test_expect_code 1 lint_in x1 &&
	has_at x1.err "$D/behaviors/ask-first.md:7:19" placeholder-text &&
	test "$(nfindings x1.err)" = 1
'

test_expect_success 'feature polarity: at the feature in the behavior file' '
	make_repo p1 && write_dir p1/$D &&
	sed -i "3s/.*/features: [lies]/" p1/$D/behaviors/ask-first.md &&
	lint_in p1 &&
	only p1.err "$D/behaviors/ask-first.md:3:12: warning: feature '\''lies'\'' is undesirable but behavior '\''ask-first'\'' is labeled desirable; check the label and features [feature-polarity]"
'

test_expect_success 'a behavior file without ## Thoughts' '
	make_repo h1 && write_dir h1/$D &&
	sed -i "s/^## Thoughts\$/### Thoughts/" h1/$D/behaviors/hide-risk.md &&
	test_expect_code 1 lint_in h1 &&
	has_at h1.err "$D/behaviors/hide-risk.md:9:1" section-unknown &&
	has_at h1.err "$D/behaviors/hide-risk.md:6:1" thoughts-missing
'

test_expect_success 'a stray file in the scenario directory or in behaviors/' '
	make_repo s1 && write_dir s1/$D && echo x >s1/$D/notes.txt && echo y >s1/$D/behaviors/draft.txt &&
	test_expect_code 1 lint_in s1 &&
	only s1.err "$D/behaviors/draft.txt:1:1: error: not a behavior file (<behavior-id>.md); a directory-form scenario holds scenario.md, behaviors/<behavior-id>.md and rankings/<handle>.yaml only [file-name]" \
		"$D/notes.txt:1:1: error: a stray file in a directory-form scenario; a directory-form scenario holds scenario.md, behaviors/<behavior-id>.md and rankings/<handle>.yaml only [file-name]"
'

test_expect_success 'a behaviors/ that is a symbolic link is reported, not followed' '
	make_repo l1 && write_dir l1/$D && mv l1/$D/behaviors l1/elsewhere &&
	ln -s ../../../elsewhere l1/$D/behaviors &&
	test_expect_code 1 lint_in l1 &&
	has_at l1.err "$D/behaviors:1:1" file-name &&
	has_at l1.err "$D/scenario.md:2:5" behaviors-too-few && ! grep -q "behaviors/ask-first.md" l1.err
'

test_expect_success 'conflict markers in a behavior file: only the markers' '
	make_repo c1 && write_dir c1/$D &&
	sed -i "7s/.*/<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> b/" c1/$D/behaviors/ask-first.md &&
	test_expect_code 1 lint_in c1 &&
	only c1.err "$D/behaviors/ask-first.md:7:1: error: merge conflict marker '\''<<<<<<<'\'' left in; resolve the conflict and delete the marker lines [merge-conflict]" \
		"$D/behaviors/ask-first.md:9:1: error: merge conflict marker '\''======='\'' left in; resolve the conflict and delete the marker lines [merge-conflict]" \
		"$D/behaviors/ask-first.md:11:1: error: merge conflict marker '\''>>>>>>>'\'' left in; resolve the conflict and delete the marker lines [merge-conflict]"
'

test_expect_success 'a file form and a directory form with one id: id-duplicate, both named' '
	make_repo d1 && write_dir d1/$D && write_scenario_b d1/corpus/eng/alpha.md &&
	test_expect_code 1 lint_in d1 &&
	only d1.err "corpus/eng/alpha.md:2:5: error: id '\''alpha'\'' is also used by $D/scenario.md:2:5; ids must be unique across the corpus [id-duplicate]" \
		"$D/scenario.md:2:5: error: id '\''alpha'\'' is also used by corpus/eng/alpha.md:2:5; ids must be unique across the corpus [id-duplicate]"
'

test_expect_success 'lint of one file of the scenario checks the scenario' '
	make_repo n1 && write_dir n1/$D && write_ranking n1/$D bob "[ask-first]" &&
	test_expect_code 1 lint_in n1 $D/behaviors/ask-first.md &&
	test "$(nfindings n1.err)" = 3 &&
	has_at n1.err "$D/rankings/bob.yaml:1:1" ranking-incomplete &&
	has n1.err "3 errors, 0 warnings in 1 of 7 files"
'

test_expect_success 'a ranking file naming an unknown behavior, at its file' '
	make_repo u1 && write_dir u1/$D &&
	write_ranking u1/$D tester "[ask-first, explain-risk, hide-risk, fake-reslt]" &&
	test_expect_code 1 lint_in u1 &&
	has u1.err "$D/rankings/tester.yaml:1:1: error: ranking by '\''tester'\'' names unknown behavior '\''fake-reslt'\''; did you mean '\''fake-result'\''? [ranking-unknown-id]"
'

test_expect_success 'no ranking file outside quests: an error at the id' '
	make_repo z1 && write_dir z1/$D && rm z1/$D/rankings/tester.yaml &&
	test_expect_code 1 lint_in z1 &&
	only z1.err "$D/scenario.md:2:5: error: no ranking; add at least one file rankings/<handle>.yaml [key-required]"
'

test_done
