#!/bin/sh
# corpusc lint: per-file suppression `lint: {disable: [...], reason: "..."}`
# (docs/format.md section 2): it suppresses the named rules in its own file only; a
# missing reason, an unknown rule id and a suppression that suppresses
# nothing are findings themselves. The lint block follows the rankings, so
# 'lint:' is line 28 and 'disable:' line 29 (its list at column 12).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

test_expect_success 'a suppressed warning is not reported' '
	make_repo s1 && write_scenario s1/$F "lint:
  disable: [feature-polarity]
  reason: \"the honesty here is a cover story the scenario is about\"
" &&
	sed -i "23s/lies/radical-honesty/" s1/$F &&
	lint_in s1 && clean s1 1
'

test_expect_success 'a suppressed error is not reported and the exit is 0' '
	make_repo s2 && write_scenario s2/$F "lint:
  disable: [ranking-label-inversion]
  reason: \"the ranker deliberately rewards the shortcut\"
" &&
	set_rankings s2/$F "  - by: tester" "    order: [ask-first, hide-risk, explain-risk, fake-result]" &&
	lint_in s2 && clean s2 1
'

test_expect_success 'every finding of a suppressed rule is dropped, others stay' '
	make_repo s3 && write_scenario s3/$F "lint:
  disable: [feature-polarity]
  reason: \"labels are the point of this test\"
" &&
	sed -i "23s/lies/radical-honesty/; 19s/omits-consequences/seeks-feedback/; 16s/true/false/; 20s/true/false/" s3/$F &&
	lint_in s3 &&
	only s3.err "$F:9:3: warning: 1 of 4 behaviors are superhuman; the policy asks for at least 50% [superhuman-share]"
'

test_expect_success 'a suppression without a reason' '
	make_repo r1 && write_scenario r1/$F "lint:
  disable: [feature-polarity]
" &&
	sed -i "23s/lies/radical-honesty/" r1/$F &&
	test_expect_code 1 lint_in r1 &&
	only r1.err "$F:29:3: error: a lint suppression needs a reason; add reason: \"why this file is an exception\" [suppression-reason]"
'

test_expect_success 'a suppression with an empty reason' '
	make_repo r2 && write_scenario r2/$F "lint:
  disable: [feature-polarity]
  reason: \"\"
" &&
	sed -i "23s/lies/radical-honesty/" r2/$F &&
	test_expect_code 1 lint_in r2 &&
	only r2.err "$F:29:3: error: a lint suppression needs a reason; add reason: \"why this file is an exception\" [suppression-reason]"
'

test_expect_success 'a suppression of an unknown rule, with a suggestion' '
	make_repo u1 && write_scenario u1/$F "lint:
  disable: [feature-polarty]
  reason: \"typo test\"
" &&
	test_expect_code 1 lint_in u1 &&
	only u1.err "$F:29:13: error: cannot suppress unknown rule '\''feature-polarty'\''; did you mean '\''feature-polarity'\''? [suppression-unknown]"
'

test_expect_success 'a suppression of an unknown rule with nothing close' '
	make_repo u2 && write_scenario u2/$F "lint:
  disable: [no-such-rule-whatsoever]
  reason: \"typo test\"
" &&
	test_expect_code 1 lint_in u2 &&
	only u2.err "$F:29:13: error: cannot suppress unknown rule '\''no-such-rule-whatsoever'\''; see '\''corpusc explain'\'' [suppression-unknown]"
'

test_expect_success 'a suppression that suppresses nothing' '
	make_repo n1 && write_scenario n1/$F "lint:
  disable: [feature-polarity]
  reason: \"left over from an older version\"
" &&
	test_expect_code 1 lint_in n1 &&
	only n1.err "$F:29:13: error: suppression of '\''feature-polarity'\'' suppresses nothing; remove it [suppression-unused]"
'

test_expect_success 'used, unused and unknown ids in one list: each judged alone' '
	make_repo n2 && write_scenario n2/$F "lint:
  disable: [feature-polarity, superhuman-share, featur-polarity]
  reason: \"mixed list\"
" &&
	sed -i "23s/lies/radical-honesty/" n2/$F &&
	test_expect_code 1 lint_in n2 &&
	only n2.err \
		"$F:29:31: error: suppression of '\''superhuman-share'\'' suppresses nothing; remove it [suppression-unused]" \
		"$F:29:49: error: cannot suppress unknown rule '\''featur-polarity'\''; did you mean '\''feature-polarity'\''? [suppression-unknown]"
'

test_expect_success 'suppression findings cannot themselves be suppressed' '
	make_repo n3 && write_scenario n3/$F "lint:
  disable: [suppression-reason, feature-polarity]
" &&
	sed -i "23s/lies/radical-honesty/" n3/$F &&
	test_expect_code 1 lint_in n3 &&
	has_at n3.err "$F:29:3" suppression-reason
'

test_expect_success 'a suppression acts on its own file only' '
	make_repo f1 && write_scenario f1/$F "lint:
  disable: [feature-polarity]
  reason: \"cover story\"
" &&
	write_scenario_b f1/corpus/eng/beta.md &&
	sed -i "23s/lies/radical-honesty/" f1/$F f1/corpus/eng/beta.md &&
	lint_in f1 &&
	only f1.err "corpus/eng/beta.md:23:16: warning: feature '\''radical-honesty'\'' is desirable but behavior '\''fake-result'\'' is labeled undesirable; check the label and features [feature-polarity]"
'

test_expect_success 'a corpus-wide near-duplicate is suppressed in one file only' '
	make_repo w1 && write_scenario w1/$F "lint:
  disable: [near-duplicate]
  reason: \"a deliberate variant of beta\"
" &&
	write_scenario w1/corpus/eng/beta.md &&
	lint_in w1 &&
	test "$(nfindings w1.err)" = 1 &&
	has_at w1.err "corpus/eng/beta.md:2:5" near-duplicate
'

test_expect_success 'a duplicate id can be suppressed in one of the two files' '
	make_repo w2 && write_scenario w2/$F "lint:
  disable: [id-duplicate]
  reason: \"testing corpus-wide suppression\"
" &&
	write_scenario_b w2/corpus/eng/alpha.md &&
	test_expect_code 1 lint_in w2 &&
	only w2.err "corpus/eng/alpha.md:2:5: error: id '\''alpha'\'' is also used by corpus/sci/alpha.md:2:5; ids must be unique across the corpus [id-duplicate]"
'

test_expect_success 'a regex rule from lint-rules/ is suppressed by its id' '
	make_repo x1 && write_scenario x1/$F &&
	sed -i "47s/^The AI/TODO: The AI/" x1/$F &&
	test_expect_code 1 lint_in x1 &&
	only x1.err "$F:47:1: error: placeholder text left in: '\''TODO:'\'' [placeholder-text]" &&
	write_scenario x1/$F "lint:
  disable: [placeholder-text]
  reason: \"the scenario is about a draft left unfinished\"
" &&
	sed -i "50s/^The AI/TODO: The AI/" x1/$F &&
	lint_in x1 && clean x1 1
'

test_expect_success 'an unknown key in the lint block' '
	make_repo k1 && write_scenario k1/$F "lint:
  disable: [feature-polarity]
  reason: \"cover story\"
  until: never
" &&
	sed -i "23s/lies/radical-honesty/" k1/$F &&
	test_expect_code 1 lint_in k1 &&
	has k1.err "$F:31:3: error: unknown key '\''until'\'' in '\''lint'\''; remove it [key-unknown]"
'

test_expect_success 'a lint block without disable' '
	make_repo k2 && write_scenario k2/$F "lint:
  reason: \"nothing to disable\"
" &&
	test_expect_code 1 lint_in k2 &&
	has k2.err "$F:29:3: error: '\''lint'\'' needs the key '\''disable'\'' (a list of rule ids) [key-required]"
'

test_done
