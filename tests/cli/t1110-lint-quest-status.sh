#!/bin/sh
# corpusc lint: quest turns in the directory form and their status (docs/format.md
# section 2's table): proposing -> ranking -> resolved, what lint requires
# in each, and that only a quest's last turn may be open.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"
. "$REPO/tests/cli/dirform-lib.sh"

T=corpus/quests/heist/01-plan
S=$T/scenario.md

# turn DIR STATUS [MORE]: a turn of quest heist in DIR with this status
turn() {
	write_dir "$1" "quest: heist
turn: ${4:-1}
status: $2${3:+
$3}"
}

test_expect_success 'a freshly opened turn (proposing, just scenario.md) lints with a note only' '
	make_repo p1 && turn p1/$T proposing && rm -r p1/$T/behaviors p1/$T/rankings &&
	lint_in p1 &&
	only p1.err "$S:10:9: note: 0 behaviors; the policy asks for at least 3 (add files behaviors/<behavior-id>.md) [behaviors-too-few]" &&
	has p1.err "0 errors, 0 warnings, 1 note in 1 of 1 file"
'

test_expect_success 'proposing: one behavior, one-sided, is fine' '
	make_repo p2 && turn p2/$T proposing && rm -r p2/$T/rankings &&
	rm p2/$T/behaviors/hide-risk.md p2/$T/behaviors/fake-result.md p2/$T/behaviors/explain-risk.md &&
	lint_in p2 &&
	only p2.err "$S:10:9: note: 1 behavior; the policy asks for at least 3 (add files behaviors/<behavior-id>.md) [behaviors-too-few]"
'

test_expect_success 'proposing: a ranking file is an error in the ranking file' '
	make_repo p3 && turn p3/$T proposing &&
	test_expect_code 1 lint_in p3 &&
	only p3.err "$T/rankings/tester.yaml:1:1: error: a ranking while the turn is '\''proposing'\''; rankings come once the quest master sets '\''status: ranking'\'' in scenario.md [quest-status]"
'

test_expect_success 'proposing: no chosen, no Consequences' '
	make_repo p4 && turn p4/$T proposing "chosen: ask-first" && rm -r p4/$T/rankings &&
	printf "\n## Consequences\n\nThe lab waits.\n" >>p4/$S &&
	test_expect_code 1 lint_in p4 &&
	only p4.err "$S:11:9: error: '\''chosen'\'' on a turn in status '\''proposing'\''; the quest master sets it with '\''status: resolved'\'' [quest-status]" \
		"$S:19:1: error: '\''## Consequences'\'' on a turn in status '\''proposing'\''; the quest master writes them with '\''status: resolved'\'' [quest-status]"
'

test_expect_success 'ranking: no ranking yet is fine, a complete one is fine' '
	make_repo r1 && turn r1/$T ranking && lint_in r1 && clean r1 6 &&
	rm r1/$T/rankings/tester.yaml && lint_in r1 && clean r1 5
'

test_expect_success 'ranking: the behavior rules of section 2 apply' '
	make_repo r2 && turn r2/$T ranking && rm -r r2/$T/rankings &&
	rm r2/$T/behaviors/hide-risk.md r2/$T/behaviors/fake-result.md &&
	test_expect_code 1 lint_in r2 &&
	only r2.err "$S:10:9: error: no undesirable behavior; include at least one desirable and one undesirable [behaviors-one-sided]" \
		"$S:10:9: error: 2 behaviors; the policy asks for at least 3 (add files behaviors/<behavior-id>.md) [behaviors-too-few]"
'

test_expect_success 'ranking: every ranking present is complete' '
	make_repo r3 && turn r3/$T ranking && write_ranking r3/$T bob "[ask-first, explain-risk]" &&
	test_expect_code 1 lint_in r3 &&
	only r3.err "$T/rankings/bob.yaml:1:1: error: ranking by '\''bob'\'' omits behavior '\''fake-result'\''; rank every behavior [ranking-incomplete]" \
		"$T/rankings/bob.yaml:1:1: error: ranking by '\''bob'\'' omits behavior '\''hide-risk'\''; rank every behavior [ranking-incomplete]"
'

test_expect_success 'resolved: chosen is required and must be the consensus top' '
	make_repo s1 && turn s1/$T resolved &&
	test_expect_code 1 lint_in s1 &&
	only s1.err "$S:8:8: error: a quest turn needs all of '\''quest'\'', '\''turn'\'' and '\''chosen'\''; add the missing '\''chosen'\'' [quest-keys]" &&
	turn s1/$T resolved "chosen: explain-risk" &&
	test_expect_code 1 lint_in s1 &&
	only s1.err "$S:11:9: error: chosen '\''explain-risk'\'' is not the top of the consensus ('\''ask-first'\''); play out the top-ranked behavior [quest-chosen-not-top]" &&
	turn s1/$T resolved "chosen: ask-first" && lint_in s1 && clean s1 6
'

test_expect_success 'resolved: at least one ranking' '
	make_repo s2 && turn s2/$T resolved "chosen: ask-first" && rm s2/$T/rankings/tester.yaml &&
	test_expect_code 1 lint_in s2 &&
	only s2.err "$S:10:9: error: no ranking; add at least one file rankings/<handle>.yaml [key-required]"
'

test_expect_success 'a quest turn directory needs a status; status is for quest turns only' '
	make_repo m1 && write_dir m1/$T "quest: heist
turn: 1
chosen: ask-first" &&
	test_expect_code 1 lint_in m1 &&
	only m1.err "$S:2:1: error: a quest turn in the directory form needs the key '\''status'\'' (proposing, ranking or resolved); add it [key-required]" &&
	make_repo m2 && write_dir m2/corpus/sci/alpha "status: ranking" &&
	test_expect_code 1 lint_in m2 &&
	only m2.err "corpus/sci/alpha/scenario.md:8:9: error: '\''status'\'' is for quest turns only; remove it [quest-keys]"
'

test_expect_success 'only the last turn may be open; a resolved turn before it needs Consequences' '
	make_repo o1 && turn o1/$T ranking &&
	sed -i "s/^near_duplicate:.*/near_duplicate: 0.99/" o1/lint-rules/policy.yaml &&
	turn o1/corpus/quests/heist/02-vault resolved "chosen: ask-first" 2 &&
	test_expect_code 1 lint_in o1 &&
	only o1.err "$S:9:7: error: turn 1 of quest '\''heist'\'' is still open but turn 2 follows; only a quest'\''s last turn may be unresolved: resolve it first [quest-status]" &&
	turn o1/$T resolved "chosen: ask-first" &&
	test_expect_code 1 lint_in o1 &&
	only o1.err "$S:9:7: error: turn 1 of quest '\''heist'\'' is not the last but has no '\''## Consequences'\''; write what follows from the chosen behavior [consequences-missing]" &&
	printf "\n## Consequences\n\nThe lab waits for the answer.\n" >>o1/$S &&
	lint_in o1 && clean o1 12
'

test_done
