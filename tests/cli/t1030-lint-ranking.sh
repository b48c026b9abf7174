#!/bin/sh
# corpusc lint: ranking consistency (docs/format.md section 3): unknown, duplicate and
# missing ids, duplicate rankers, undesirable above desirable (error) or tied
# with it (warning), Kendall's W under the policy threshold, cyclic majority
# preferences, and a quest turn's chosen behavior against the consensus top.
# Findings about one ranking are at its '- by:' mapping (write_scenario: 26:5);
# findings about the rankers together at the 'rankings' list (26:3).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md
R="    order:"

test_expect_success 'a ranking naming an unknown id, with a suggestion' '
	make_repo k1 && write_scenario k1/$F &&
	set_rankings k1/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk, fake-results]" &&
	test_expect_code 1 lint_in k1 &&
	only k1.err \
		"$F:26:5: error: ranking by '\''tester'\'' omits behavior '\''fake-result'\''; rank every behavior [ranking-incomplete]" \
		"$F:26:5: error: ranking by '\''tester'\'' names unknown behavior '\''fake-results'\''; did you mean '\''fake-result'\''? [ranking-unknown-id]"
'

test_expect_success 'an extra unknown id without anything close' '
	make_repo k2 && write_scenario k2/$F &&
	set_rankings k2/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk, fake-result, zzz]" &&
	test_expect_code 1 lint_in k2 &&
	only k2.err "$F:26:5: error: ranking by '\''tester'\'' names unknown behavior '\''zzz'\''; use an id from '\''behaviors'\'' [ranking-unknown-id]"
'

test_expect_success 'a ranking naming an id twice' '
	make_repo k3 && write_scenario k3/$F &&
	set_rankings k3/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk, fake-result, fake-result]" &&
	test_expect_code 1 lint_in k3 &&
	only k3.err "$F:26:5: error: ranking by '\''tester'\'' names behavior '\''fake-result'\'' twice; name each behavior once [ranking-duplicate-id]"
'

test_expect_success 'a repeated top id brings no invented label inversion' '
	make_repo k4 && write_scenario k4/$F &&
	set_rankings k4/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk, fake-result, ask-first]" &&
	test_expect_code 1 lint_in k4 &&
	has k4.err "$F:26:5: error: ranking by '\''tester'\'' names behavior '\''ask-first'\'' twice; name each behavior once [ranking-duplicate-id]" &&
	hasnt k4.err ranking-label-inversion
'

test_expect_success 'a ranking that omits an id' '
	make_repo k5 && write_scenario k5/$F &&
	set_rankings k5/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk]" &&
	test_expect_code 1 lint_in k5 &&
	only k5.err "$F:26:5: error: ranking by '\''tester'\'' omits behavior '\''fake-result'\''; rank every behavior [ranking-incomplete]"
'

test_expect_success 'the same ranker twice' '
	make_repo k6 && write_scenario k6/$F &&
	set_rankings k6/$F "  - by: tester" "$R [ask-first, explain-risk, hide-risk, fake-result]" \
		"  - by: tester" "$R [explain-risk, ask-first, hide-risk, fake-result]" &&
	test_expect_code 1 lint_in k6 &&
	only k6.err "$F:28:5: error: a second ranking by '\''tester'\''; each ranker ranks once [ranking-duplicate-ranker]" &&
	has k6.err "  note: first ranking at 26:5"
'

test_expect_success 'an empty rankings list' '
	make_repo k7 && write_scenario k7/$F &&
	sed -i "25s/.*/rankings: []/; 26,27d" k7/$F &&
	test_expect_code 1 lint_in k7 &&
	only k7.err "$F:25:11: error: '\''rankings'\'' is empty; add at least one ranking [key-required]"
'

test_expect_success 'an empty tie group' '
	make_repo k8 && write_scenario k8/$F &&
	set_rankings k8/$F "  - by: tester" "$R [ask-first, [], explain-risk, hide-risk, fake-result]" &&
	test_expect_code 1 lint_in k8 &&
	has k8.err "$F:27:24: error: an empty tie group in '\''order'\''; remove it [type-mismatch]"
'

test_expect_success 'a ranker handle that is not valid' '
	make_repo k9 && write_scenario k9/$F &&
	set_rankings k9/$F "  - by: ranker a" "$R [ask-first, explain-risk, hide-risk, fake-result]" &&
	test_expect_code 1 lint_in k9 &&
	only k9.err "$F:26:9: error: ranker '\''ranker a'\'' is not a valid handle (letters, digits, '\''_'\'', '\''.'\'', '\''-'\'') [handle-format]"
'

test_expect_success 'undesirable ranked strictly above desirable is an error' '
	make_repo l1 && write_scenario l1/$F &&
	set_rankings l1/$F "  - by: tester" "$R [ask-first, hide-risk, explain-risk, fake-result]" &&
	test_expect_code 1 lint_in l1 &&
	only l1.err "$F:26:5: error: ranking by '\''tester'\'' puts undesirable '\''hide-risk'\'' above desirable '\''explain-risk'\''; fix the ranking or the labels [ranking-label-inversion]"
'

test_expect_success 'an undesirable behavior first: one error per desirable it beats' '
	make_repo l2 && write_scenario l2/$F &&
	set_rankings l2/$F "  - by: tester" "$R [fake-result, ask-first, explain-risk, hide-risk]" &&
	test_expect_code 1 lint_in l2 &&
	only l2.err \
		"$F:26:5: error: ranking by '\''tester'\'' puts undesirable '\''fake-result'\'' above desirable '\''ask-first'\''; fix the ranking or the labels [ranking-label-inversion]" \
		"$F:26:5: error: ranking by '\''tester'\'' puts undesirable '\''fake-result'\'' above desirable '\''explain-risk'\''; fix the ranking or the labels [ranking-label-inversion]"
'

test_expect_success 'undesirable tied with desirable is a warning (exit 0)' '
	make_repo l3 && write_scenario l3/$F &&
	set_rankings l3/$F "  - by: tester" "$R [ask-first, [explain-risk, hide-risk], fake-result]" &&
	lint_in l3 &&
	only l3.err "$F:26:5: warning: ranking by '\''tester'\'' ties undesirable '\''hide-risk'\'' with desirable '\''explain-risk'\''; break the tie [ranking-label-tie]" &&
	has l3.err "0 errors, 1 warning in 1 of 1 file"
'

test_expect_success 'ties within one label are fine' '
	make_repo l4 && write_scenario l4/$F &&
	set_rankings l4/$F "  - by: tester" "$R [[ask-first, explain-risk], [hide-risk, fake-result]]" &&
	lint_in l4 && clean l4 1
'

SIX="d1:desirable:explains-plan:true d2:desirable:seeks-feedback:true d3:desirable::true d4:desirable::false d5:desirable::false u1:undesirable:lies:true"

test_expect_success 'several rankers who agree: no agreement or cycle warning' '
	make_repo a1 &&
	write_custom a1/$F "$SIX" "  - by: ranker-a
    order: [d1, d2, d3, d4, d5, u1]
  - by: ranker-b
    order: [d1, d2, d3, d5, d4, u1]
  - by: ranker-c
    order: [d2, d1, d3, d4, d5, u1]" &&
	lint_in a1 && clean a1 1
'

test_expect_success 'two rankers who reverse each other: low agreement' '
	make_repo a2 &&
	write_custom a2/$F "$SIX" "  - by: ranker-a
    order: [d1, d2, d3, d4, d5, u1]
  - by: ranker-b
    order: [d5, d4, d3, d2, d1, u1]" &&
	lint_in a2 &&
	only a2.err "$F:33:3: warning: the 2 rankers agree weakly (Kendall'\''s W = 0.4286, under 0.50); discuss the ranking [ranking-low-agreement]" &&
	test_expect_code 1 lint_in a2 --werror
'

test_expect_success 'Kendall W exactly at the threshold is no warning' '
	make_repo a3 &&
	write_custom a3/$F "d1:desirable::true d2:desirable::true d3:desirable::true d4:desirable::true u1:undesirable:lies:true" \
		"  - by: ranker-a
    order: [d1, d2, d3, d4, u1]
  - by: ranker-b
    order: [d4, d3, d2, d1, u1]" &&
	lint_in a3 && clean a3 1
'

test_expect_success 'tie correction: rankers with ties and low agreement' '
	make_repo a4 &&
	write_custom a4/$F "$SIX" "  - by: ranker-a
    order: [[d1, d2], d3, d4, d5, u1]
  - by: ranker-b
    order: [d5, d4, d3, [d1, d2], u1]" &&
	lint_in a4 &&
	has a4.err "$F:33:3: warning: the 2 rankers agree weakly (Kendall'\''s W = 0.4412, under 0.50); discuss the ranking [ranking-low-agreement]"
'

THREE="ask-first:desirable::true explain-risk:desirable::true hide-risk:desirable::true fake-result:undesirable:lies:false"

test_expect_success 'a Condorcet cycle among three rankers is named' '
	make_repo c1 &&
	write_custom c1/$F "$THREE" "  - by: ranker-a
    order: [ask-first, explain-risk, hide-risk, fake-result]
  - by: ranker-b
    order: [explain-risk, hide-risk, ask-first, fake-result]
  - by: ranker-c
    order: [hide-risk, ask-first, explain-risk, fake-result]" &&
	lint_in c1 &&
	only c1.err "$F:25:3: warning: the rankers'\'' majority preferences form a cycle, ask-first > explain-risk > hide-risk > ask-first; there is no Condorcet order [ranking-cycle]" &&
	test_expect_code 1 lint_in c1 --werror
'

test_expect_success 'the cycle the other way round is named in its own direction' '
	make_repo c2 &&
	write_custom c2/$F "$THREE" "  - by: ranker-a
    order: [hide-risk, explain-risk, ask-first, fake-result]
  - by: ranker-b
    order: [ask-first, hide-risk, explain-risk, fake-result]
  - by: ranker-c
    order: [explain-risk, ask-first, hide-risk, fake-result]" &&
	lint_in c2 &&
	only c2.err "$F:25:3: warning: the rankers'\'' majority preferences form a cycle, ask-first > hide-risk > explain-risk > ask-first; there is no Condorcet order [ranking-cycle]"
'

test_expect_success 'no cycle when a majority order exists' '
	make_repo c3 &&
	write_custom c3/$F "$THREE" "  - by: ranker-a
    order: [ask-first, explain-risk, hide-risk, fake-result]
  - by: ranker-b
    order: [explain-risk, ask-first, hide-risk, fake-result]
  - by: ranker-c
    order: [ask-first, hide-risk, explain-risk, fake-result]" &&
	lint_in c3 && clean c3 1
'

test_expect_success 'a file with one ranker has no agreement finding' '
	make_repo c4 &&
	write_custom c4/$F "$SIX" &&
	lint_in c4 && clean c4 1
'

Q=corpus/quests/heist
QK="quest: heist
turn: 1
"

test_expect_success 'quest chosen is the consensus top: valid' '
	make_repo q1 &&
	write_scenario q1/$Q/01-heist-plan.md "${QK}chosen: ask-first
" &&
	lint_in q1 && clean q1 1
'

test_expect_success 'quest chosen that is not the consensus top' '
	make_repo q2 &&
	write_scenario q2/$Q/01-heist-plan.md "${QK}chosen: explain-risk
" &&
	test_expect_code 1 lint_in q2 &&
	only q2.err "$Q/01-heist-plan.md:30:9: error: chosen '\''explain-risk'\'' is not the top of the consensus ('\''ask-first'\''); play out the top-ranked behavior [quest-chosen-not-top]"
'

test_expect_success 'quest chosen within a tied top is valid' '
	make_repo q3 &&
	write_scenario q3/$Q/01-heist-plan.md "${QK}chosen: explain-risk
" &&
	set_rankings q3/$Q/01-heist-plan.md "  - by: tester" "$R [[ask-first, explain-risk], hide-risk, fake-result]" &&
	lint_in q3 && clean q3 1
'

test_expect_success 'quest chosen against a two-to-one majority' '
	make_repo q4 &&
	write_scenario q4/$Q/01-heist-plan.md "${QK}chosen: ask-first
" &&
	set_rankings q4/$Q/01-heist-plan.md \
		"  - by: ranker-a" "$R [ask-first, explain-risk, hide-risk, fake-result]" \
		"  - by: ranker-b" "$R [explain-risk, ask-first, hide-risk, fake-result]" \
		"  - by: ranker-c" "$R [explain-risk, ask-first, fake-result, hide-risk]" &&
	test_expect_code 1 lint_in q4 &&
	only q4.err "$Q/01-heist-plan.md:34:9: error: chosen '\''ask-first'\'' is not the top of the consensus ('\''explain-risk'\''); play out the top-ranked behavior [quest-chosen-not-top]"
'

test_expect_success 'quest chosen when two rankers are exactly split on the top' '
	make_repo q5 &&
	write_scenario q5/$Q/01-heist-plan.md "${QK}chosen: explain-risk
" &&
	set_rankings q5/$Q/01-heist-plan.md \
		"  - by: ranker-a" "$R [ask-first, explain-risk, hide-risk, fake-result]" \
		"  - by: ranker-b" "$R [explain-risk, ask-first, hide-risk, fake-result]" &&
	lint_in q5 && clean q5 1
'

test_done
