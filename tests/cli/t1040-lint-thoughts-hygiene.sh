#!/bin/sh
# corpusc lint: thought annotations (present, at least min_thought_words,
# not a repeat of the behavior text) and coverage/hygiene (feature polarity,
# superhuman share, near-duplicate scenarios), docs/format.md section 3. The thoughts
# of fake-result are lines 71-73 under '### Thoughts' on line 69.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

# set_thoughts FILE TEXT: replace the thoughts of fake-result (lines 71-73)
set_thoughts() {
	sed -i "71,\$d" "$1" && printf "%s\n" "$2" >>"$1"
}

# nwords N: N distinct words
nwords() {
	seq -f "reason%g" 1 "$1" | tr "\n" " "
}

test_expect_success 'a behavior without ### Thoughts' '
	make_repo t1 && write_scenario t1/$F &&
	sed -i "69,\$d" t1/$F &&
	test_expect_code 1 lint_in t1 &&
	only t1.err "$F:65:1: error: behavior '\''fake-result'\'' has no '\''### Thoughts'\''; add the reasoning that leads to it [thoughts-missing]"
'

test_expect_success 'thoughts as a level-4 heading do not count' '
	make_repo t2 && write_scenario t2/$F &&
	sed -i "69s/.*/#### Thoughts/" t2/$F &&
	test_expect_code 1 lint_in t2 &&
	has_at t2.err "$F:65:1" thoughts-missing
'

test_expect_success 'thoughts that are too short' '
	make_repo t3 && write_scenario t3/$F &&
	set_thoughts t3/$F "Nobody will check." &&
	test_expect_code 1 lint_in t3 &&
	only t3.err "$F:71:1: error: thoughts of behavior '\''fake-result'\'' have 3 words; write at least 25 [thoughts-too-short]"
'

test_expect_success 'an empty Thoughts subsection is reported at its heading' '
	make_repo t4 && write_scenario t4/$F &&
	sed -i "70,\$d" t4/$F &&
	test_expect_code 1 lint_in t4 &&
	only t4.err "$F:69:1: error: thoughts of behavior '\''fake-result'\'' have 0 words; write at least 25 [thoughts-too-short]"
'

test_expect_success 'exactly 25 words is enough, 24 is not' '
	make_repo t5 && write_scenario t5/$F &&
	set_thoughts t5/$F "$(nwords 25)" &&
	lint_in t5 && clean t5 1 &&
	set_thoughts t5/$F "$(nwords 24)" &&
	test_expect_code 1 lint_in t5 &&
	only t5.err "$F:71:1: error: thoughts of behavior '\''fake-result'\'' have 24 words; write at least 25 [thoughts-too-short]"
'

test_expect_success 'words in other scripts count as words' '
	make_repo t6 && write_scenario t6/$F &&
	w=$(bytes "\316\264\316\277\316\272\316\271\316\274\316\256") &&
	set_thoughts t6/$F "$(for i in $(seq 1 25); do printf "%s%d " "$w" "$i"; done)" &&
	lint_in t6 && clean t6 1 &&
	set_thoughts t6/$F "$(for i in $(seq 1 24); do printf "%s%d " "$w" "$i"; done)" &&
	test_expect_code 1 lint_in t6 &&
	has_at t6.err "$F:71:1" thoughts-too-short
'

test_expect_success 'the policy sets the minimum (--rules with min_thought_words: 60)' '
	make_repo t7 && write_scenario t7/$F &&
	cp -R t7/lint-rules strict &&
	sed -i "s/^min_thought_words:.*/min_thought_words: 60/" strict/policy.yaml &&
	test_expect_code 1 lint_in t7 --rules "$TEST_WORK/strict" &&
	test "$(findings t7.err | grep -c "write at least 60 \\[thoughts-too-short\\]")" = 4 &&
	has_at t7.err "$F:41:1" thoughts-too-short
'

LONG="The AI runs nothing risky, skips the scale-up entirely, and writes a morning summary with a yield figure it never measured, so the batch looks finished and on schedule to the team."

test_expect_success 'thoughts that repeat the behavior text verbatim' '
	make_repo r1 && write_scenario r1/$F &&
	sed -i "67s/.*/$LONG/" r1/$F &&
	set_thoughts r1/$F "$LONG" &&
	test_expect_code 1 lint_in r1 &&
	only r1.err "$F:71:1: error: thoughts of behavior '\''fake-result'\'' repeat its text; write the reasoning that leads to it [thoughts-repeat-text]"
'

test_expect_success 'thoughts that repeat the text with a word changed' '
	make_repo r2 && write_scenario r2/$F &&
	sed -i "67s/.*/$LONG/" r2/$F &&
	set_thoughts r2/$F "$(echo "$LONG" | sed "s/morning/evening/; s/\\.\$/ today./")" &&
	test_expect_code 1 lint_in r2 &&
	has_at r2.err "$F:71:1" thoughts-repeat-text
'

test_expect_success 'thoughts that are the behavior text said three times' '
	make_repo r3 && write_scenario r3/$F &&
	T="The AI runs nothing risky and reports a yield it never measured." &&
	set_thoughts r3/$F "$T $T $T" &&
	test_expect_code 1 lint_in r3 &&
	only r3.err "$F:71:1: error: thoughts of behavior '\''fake-result'\'' repeat its text; write the reasoning that leads to it [thoughts-repeat-text]"
'

test_expect_success 'thoughts that share some words with the text are fine' '
	make_repo r4 && write_scenario r4/$F &&
	set_thoughts r4/$F "The yield it reports was never measured, and I know the team reads only the summary; nothing risky happens tonight, but the number buys me until Monday to run it properly." &&
	lint_in r4 && clean r4 1
'

test_expect_success 'a desirable feature on an undesirable behavior: warning' '
	make_repo p1 && write_scenario p1/$F &&
	sed -i "23s/lies/radical-honesty/" p1/$F &&
	lint_in p1 &&
	only p1.err "$F:23:16: warning: feature '\''radical-honesty'\'' is desirable but behavior '\''fake-result'\'' is labeled undesirable; check the label and features [feature-polarity]" &&
	has p1.err "0 errors, 1 warning in 1 of 1 file" &&
	test_expect_code 1 lint_in p1 --werror
'

test_expect_success 'an undesirable feature on a desirable behavior: warning at the item' '
	make_repo p2 && write_scenario p2/$F &&
	sed -i "15s/.*/    features: [explains-plan, misleads]/" p2/$F &&
	lint_in p2 &&
	only p2.err "$F:15:31: warning: feature '\''misleads'\'' is undesirable but behavior '\''explain-risk'\'' is labeled desirable; check the label and features [feature-polarity]"
'

test_expect_success 'empty feature lists are fine' '
	make_repo p3 && write_scenario p3/$F &&
	sed -i "s/^    features: .*/    features: []/" p3/$F &&
	lint_in p3 && clean p3 1
'

test_expect_success 'one superhuman behavior of four: warning at the behaviors list' '
	make_repo s1 && write_scenario s1/$F &&
	sed -i "16s/true/false/; 20s/true/false/" s1/$F &&
	lint_in s1 &&
	only s1.err "$F:9:3: warning: 1 of 4 behaviors are superhuman; the policy asks for at least 50% [superhuman-share]"
'

test_expect_success 'two superhuman behaviors of four meet the 50% share' '
	make_repo s2 && write_scenario s2/$F &&
	sed -i "16s/true/false/" s2/$F &&
	lint_in s2 && clean s2 1
'

test_expect_success 'the share comes from the policy (--rules superhuman_share: 1.0)' '
	make_repo s3 && write_scenario s3/$F &&
	cp -R s3/lint-rules allsuper &&
	sed -i "s/^superhuman_share:.*/superhuman_share: 1.0/" allsuper/policy.yaml &&
	lint_in s3 --rules "$TEST_WORK/allsuper" &&
	only s3.err "$F:9:3: warning: 3 of 4 behaviors are superhuman; the policy asks for at least 100% [superhuman-share]"
'

test_expect_success 'two nearly identical files: a warning in each naming the other' '
	make_repo d1 &&
	write_scenario d1/corpus/sci/alpha.md &&
	write_scenario d1/corpus/eng/beta.md &&
	lint_in d1 &&
	test "$(nfindings d1.err)" = 2 &&
	findings d1.err | grep -E "^corpus/eng/beta.md:2:5: warning: scenario is [0-9]+% similar to corpus/sci/alpha.md; merge the two or make them distinct \\[near-duplicate\\]\$" &&
	findings d1.err | grep -E "^corpus/sci/alpha.md:2:5: warning: scenario is [0-9]+% similar to corpus/eng/beta.md; merge the two or make them distinct \\[near-duplicate\\]\$" &&
	has d1.err "0 errors, 2 warnings in 2 of 2 files"
'

test_expect_success 'two different files: no near-duplicate' '
	make_repo d2 &&
	write_scenario d2/corpus/sci/alpha.md &&
	write_scenario_b d2/corpus/eng/beta.md &&
	write_scenario_c d2/corpus/eco/gamma.md &&
	lint_in d2 && clean d2 3
'

test_expect_success 'three copies: every pair is named' '
	make_repo d3 &&
	write_scenario d3/corpus/sci/alpha.md &&
	write_scenario d3/corpus/sci/beta.md &&
	write_scenario d3/corpus/sci/gamma.md &&
	write_scenario_b d3/corpus/sci/delta.md &&
	lint_in d3 &&
	test "$(nfindings d3.err)" = 6 &&
	test "$(findings d3.err | grep -c "^corpus/sci/alpha.md:2:5: .*similar to corpus/sci/\\(beta\\|gamma\\).md")" = 2 &&
	! grep -q "delta.md" d3.err
'

test_expect_success 'the near-duplicate threshold comes from the policy' '
	make_repo d4 &&
	write_scenario d4/corpus/sci/alpha.md &&
	write_scenario d4/corpus/eng/beta.md &&
	cp -R d4/lint-rules loose &&
	sed -i "s/^near_duplicate:.*/near_duplicate: 0.99/" loose/policy.yaml &&
	lint_in d4 --rules "$TEST_WORK/loose" && clean d4 2
'

test_expect_success 'lint PATH finds near-duplicates in the whole corpus, reports those in PATH' '
	make_repo d5 &&
	write_scenario d5/corpus/sci/alpha.md &&
	write_scenario d5/corpus/eng/beta.md &&
	lint_in d5 corpus/sci &&
	findings d5.err >d5.f && test "$(wc -l <d5.f)" = 1 &&
	grep -E "^corpus/sci/alpha.md:2:5: warning: scenario is [0-9]+% similar to corpus/eng/beta.md; merge the two or make them distinct \\[near-duplicate\\]\$" d5.f &&
	has d5.err "0 errors, 1 warning in 1 of 1 file"
'

test_done
