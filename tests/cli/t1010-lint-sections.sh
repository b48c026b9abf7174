#!/bin/sh
# corpusc lint: body sections (docs/format.md section 2 "Body sections"): Scenario first
# and required, one Behavior section per front-matter behavior and the
# reverse, Consequences and Notes last, unknown level-2 headings with
# did-you-mean, headings in code fences are text, Consequences on every quest
# turn but the last. Line numbers: see lint-lib.sh.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

test_expect_success 'no Scenario section at all' '
	make_repo s1 && write_scenario s1/$F &&
	sed -i 30,34d s1/$F &&
	test_expect_code 1 lint_in s1 &&
	has s1.err "$F:29:1: error: the body has no '\''## Scenario'\'' section; start the body with it [section-scenario-missing]" &&
	has_at s1.err "$F:30:1" section-order
'

test_expect_success 'the Scenario heading turned into text' '
	make_repo s2 && write_scenario s2/$F &&
	sed -i "30s/.*/Scenario:/" s2/$F &&
	test_expect_code 1 lint_in s2 &&
	has_at s2.err "$F:29:1" section-scenario-missing &&
	has s2.err "$F:30:1: error: text before the first section; the body must start with '\''## Scenario'\'' [section-order]"
'

test_expect_success 'a Scenario that is not first: order, not "missing"' '
	make_repo s3 && write_scenario s3/$F &&
	# move the Scenario section (30-34) after the first behavior (35-44)
	{ sed -n 1,29p s3/$F; sed -n 35,44p s3/$F; sed -n 30,34p s3/$F; sed -n "45,\$p" s3/$F; } >s3.tmp &&
	mv s3.tmp s3/$F && sed -n 40p s3/$F | grep -qx "## Scenario" &&
	test_expect_code 1 lint_in s3 &&
	has s3.err "$F:40:1: error: '\''## Scenario'\'' after '\''## Behavior'\''; order sections Scenario, Behavior, Consequences, Notes [section-order]" &&
	hasnt s3.err section-scenario-missing
'

test_expect_success 'a second Scenario section right after the first' '
	make_repo s4 && write_scenario s4/$F &&
	sed -i "34a\\## Scenario\\n\\nMore of the situation.\\n" s4/$F &&
	test_expect_code 1 lint_in s4 &&
	only s4.err "$F:35:1: error: a second '\''## Scenario'\'' section; merge it into the first [section-duplicate]"
'

test_expect_success 'two Notes sections' '
	make_repo s5 && write_scenario s5/$F &&
	printf "\n## Notes\n\nOne.\n\n## Notes\n\nTwo.\n" >>s5/$F &&
	test_expect_code 1 lint_in s5 &&
	only s5.err "$F:79:1: error: a second '\''## Notes'\'' section; merge it into the first [section-duplicate]"
'

test_expect_success 'two sections for one behavior' '
	make_repo s6 && write_scenario s6/$F &&
	printf "\n## Behavior: ask-first\n\nAgain.\n\n### Thoughts\n\nAgain.\n" >>s6/$F &&
	test_expect_code 1 lint_in s6 &&
	only s6.err "$F:75:1: error: a second section for behavior '\''ask-first'\''; merge them [section-duplicate]"
'

test_expect_success 'unknown level-2 heading close to Notes' '
	make_repo u1 && write_scenario u1/$F &&
	printf "\n## Note\n\nAn aside.\n" >>u1/$F &&
	test_expect_code 1 lint_in u1 &&
	only u1.err "$F:75:1: error: unknown section '\''Note'\''; did you mean '\''## Notes'\''? [section-unknown]"
'

test_expect_success 'unknown level-2 heading close to Consequences' '
	make_repo u2 && write_scenario u2/$F &&
	printf "\n## Consequence\n\nWhat happened next.\n" >>u2/$F &&
	test_expect_code 1 lint_in u2 &&
	only u2.err "$F:75:1: error: unknown section '\''Consequence'\''; did you mean '\''## Consequences'\''? [section-unknown]"
'

test_expect_success 'British spelling of Behavior suggests the right heading' '
	make_repo u3 && write_scenario u3/$F &&
	sed -i "65s/.*/## Behaviour: fake-result/" u3/$F &&
	test_expect_code 1 lint_in u3 &&
	has u3.err "$F:65:1: error: unknown section '\''Behaviour: fake-result'\''; did you mean '\''## Behavior: fake-result'\''? [section-unknown]" &&
	has_at u3.err "$F:21:9" behavior-section-missing
'

test_expect_success 'unknown level-2 heading with nothing close' '
	make_repo u4 && write_scenario u4/$F &&
	printf "\n## Conclusion\n\nAll done.\n" >>u4/$F &&
	test_expect_code 1 lint_in u4 &&
	only u4.err "$F:75:1: error: unknown section '\''Conclusion'\''; use Scenario, Behavior: <id>, Consequences or Notes [section-unknown]"
'

test_expect_success 'a level-1 heading is not a section' '
	make_repo u5 && write_scenario u5/$F &&
	printf "\n# Appendix\n\nMore.\n" >>u5/$F &&
	test_expect_code 1 lint_in u5 &&
	has_at u5.err "$F:75:1" section-unknown &&
	test "$(nfindings u5.err)" = 1
'

test_expect_success 'a misspelt Thoughts subsection' '
	make_repo u6 && write_scenario u6/$F &&
	sed -i "69s/.*/### Thougths/" u6/$F &&
	test_expect_code 1 lint_in u6 &&
	has u6.err "$F:69:1: error: heading '\''Thougths'\'' is not a thoughts heading; did you mean '\''### Thoughts'\''? [section-unknown]" &&
	has_at u6.err "$F:65:1" thoughts-missing
'

test_expect_success 'a behavior section without a front-matter entry' '
	make_repo b1 && write_scenario b1/$F &&
	printf "\n## Behavior: bribe-official\n\nIt pays.\n\n### Thoughts\n\nMoney talks.\n" >>b1/$F &&
	test_expect_code 1 lint_in b1 &&
	only b1.err "$F:75:1: error: section for behavior '\''bribe-official'\'', which front matter does not list; add it to '\''behaviors'\'' [behavior-section-unknown]"
'

test_expect_success 'a front-matter behavior without its section' '
	make_repo b2 && write_scenario b2/$F &&
	sed -i "64,\$d" b2/$F &&
	test_expect_code 1 lint_in b2 &&
	only b2.err "$F:21:9: error: behavior '\''fake-result'\'' has no '\''## Behavior: fake-result'\'' section; add one with its text and thoughts [behavior-section-missing]"
'

test_expect_success 'a misspelt behavior heading: both directions, with a suggestion' '
	make_repo b3 && write_scenario b3/$F &&
	sed -i "65s/fake-result/fake-results/" b3/$F &&
	test_expect_code 1 lint_in b3 &&
	only b3.err \
		"$F:21:9: error: behavior '\''fake-result'\'' has no '\''## Behavior: fake-result'\'' section; add one with its text and thoughts [behavior-section-missing]" \
		"$F:65:1: error: section for behavior '\''fake-results'\'', which front matter does not list; did you mean '\''fake-result'\''? [behavior-section-unknown]"
'

test_expect_success '## Behavior: inside a code fence is not a section' '
	make_repo c1 && write_scenario c1/$F &&
	sed -i "64,\$d" c1/$F &&
	printf "\n\`\`\`\n## Behavior: fake-result\n\`\`\`\n" >>c1/$F &&
	test_expect_code 1 lint_in c1 &&
	only c1.err "$F:21:9: error: behavior '\''fake-result'\'' has no '\''## Behavior: fake-result'\'' section; add one with its text and thoughts [behavior-section-missing]"
'

test_expect_success 'a fenced, indented or quoted ## line in a valid file is text' '
	make_repo c2 && write_scenario c2/$F &&
	sed -i "43a\\\\n~~~markdown\\n## Behavior: ask-first\\n## Notes\\n~~~\\n\\n    ## Conclusion\\n\\n> ## Scenario" c2/$F &&
	grep -q "^    ## Conclusion" c2/$F && grep -q "^> ## Scenario" c2/$F &&
	lint_in c2 && clean c2 1
'

test_expect_success 'Notes and Consequences are optional outside quests, in order' '
	make_repo o1 && write_scenario o1/$F &&
	printf "\n## Consequences\n\nThe batch is safe.\n\n## Notes\n\nWritten for tests.\n" >>o1/$F &&
	lint_in o1 && clean o1 1
'

test_expect_success 'Consequences after Notes is out of order' '
	make_repo o2 && write_scenario o2/$F &&
	printf "\n## Notes\n\nWritten for tests.\n\n## Consequences\n\nThe batch is safe.\n" >>o2/$F &&
	test_expect_code 1 lint_in o2 &&
	only o2.err "$F:79:1: error: '\''## Consequences'\'' after '\''## Notes'\''; order sections Scenario, Behavior, Consequences, Notes [section-order]"
'

test_expect_success 'a behavior after Consequences is out of order' '
	make_repo o3 && write_scenario o3/$F &&
	sed -i "63a\\\\n## Consequences\\n\\nThe batch is safe." o3/$F &&
	sed -n 65p o3/$F | grep -qx "## Consequences" &&
	test_expect_code 1 lint_in o3 &&
	has_at o3.err "$F:69:1" section-order
'

test_expect_success 'an empty Scenario section' '
	make_repo o4 && write_scenario o4/$F &&
	sed -i 31,33d o4/$F &&
	test_expect_code 1 lint_in o4 &&
	only o4.err "$F:30:1: error: the Scenario section is empty; describe the situation [section-empty]"
'

test_expect_success 'a behavior with thoughts but no text' '
	make_repo o5 && write_scenario o5/$F &&
	sed -i 66,68d o5/$F &&
	test_expect_code 1 lint_in o5 &&
	has o5.err "$F:65:1: error: behavior '\''fake-result'\'' has no text before its thoughts; say what the AI does [section-empty]"
'

Q=corpus/quests/heist

test_expect_success 'Consequences missing on a quest turn that is not the last' '
	make_repo q1 &&
	write_scenario q1/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-first
" &&
	write_scenario_b q1/$Q/02-heist-vault.md "quest: heist
turn: 2
chosen: ask-first
" &&
	test_expect_code 1 lint_in q1 &&
	only q1.err "$Q/01-heist-plan.md:29:7: error: turn 1 of quest '\''heist'\'' is not the last but has no '\''## Consequences'\''; write what follows from the chosen behavior [consequences-missing]"
'

test_expect_success 'the last quest turn needs no Consequences, a single turn neither' '
	make_repo q2 &&
	write_scenario q2/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-first
" &&
	lint_in q2 && clean q2 1
'

test_expect_success 'three turns: only the middle one lacks Consequences' '
	make_repo q3 &&
	write_scenario q3/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-first
" &&
	printf "\n## Consequences\n\nThe team answers and the run goes ahead at half scale.\n" >>q3/$Q/01-heist-plan.md &&
	write_scenario_b q3/$Q/02-heist-vault.md "quest: heist
turn: 2
chosen: ask-first
" &&
	write_scenario_c q3/$Q/03-heist-exit.md "quest: heist
turn: 3
chosen: ask-first
" &&
	test_expect_code 1 lint_in q3 &&
	only q3.err "$Q/02-heist-vault.md:29:7: error: turn 2 of quest '\''heist'\'' is not the last but has no '\''## Consequences'\''; write what follows from the chosen behavior [consequences-missing]"
'

test_done
