#!/bin/sh
# Honest skeletons and gaps: `corpusc new` leaves origin for the author to
# choose (lint says what to choose and where CONTRIBUTING explains it), and
# `corpusc stats` lists the share of scenarios with one ranker and of those
# written by a model as gaps, with numbers.
. "$REPO/tests/cli/lib.sh"

test_expect_success 'new leaves origin as a TODO placeholder' '
	make_repo r &&
	(cd r && "$CORPUSC" new sci/kiln-schedule) >new.out &&
	test "$(cat new.out)" = "corpus/sci/kiln-schedule.md" &&
	grep -n "^origin:" r/corpus/sci/kiln-schedule.md >origin &&
	grep -q "^[0-9]*:origin: TODO " origin &&
	! grep -q "^origin: *human" r/corpus/sci/kiln-schedule.md
'

test_expect_success 'lint fails on it, says what to choose and points to Provenance' '
	line=$(grep -n "^origin:" r/corpus/sci/kiln-schedule.md | cut -d: -f1) &&
	(cd r && test_expect_code 1 "$CORPUSC" lint) >l1.out 2>l1.err &&
	grep "corpus/sci/kiln-schedule.md:$line:9: error: .origin. is still the skeleton.s TODO: choose one of human, model-assisted, model .*CONTRIBUTING.md, section Provenance.* \[enum-invalid\]" l1.out l1.err &&
	grep -q "^## Provenance$" "$REPO/CONTRIBUTING.md"
'

test_expect_success 'choosing an origin removes that finding and no other' '
	sed "s/^origin: TODO .*/origin: model-assisted/" r/corpus/sci/kiln-schedule.md >k &&
	mv k r/corpus/sci/kiln-schedule.md &&
	(cd r && test_expect_code 1 "$CORPUSC" lint) >l2.out 2>l2.err &&
	! grep -q "origin" l2.out l2.err &&
	n1=$(cat l1.out l1.err | sed -n "s/^\([0-9]*\) errors,.*/\1/p") &&
	n2=$(cat l2.out l2.err | sed -n "s/^\([0-9]*\) errors,.*/\1/p") &&
	test -n "$n2" && test "$n1" -eq $((n2 + 1))
'

test_expect_success 'new --dir leaves origin as a TODO too, and lint says so' '
	(cd r && "$CORPUSC" new --dir sci/kiln-dir) >dir.out &&
	grep -q "^origin: TODO " r/corpus/sci/kiln-dir/scenario.md &&
	line=$(grep -n "^origin:" r/corpus/sci/kiln-dir/scenario.md | cut -d: -f1) &&
	(cd r && test_expect_code 1 "$CORPUSC" lint corpus/sci/kiln-dir) >d.out 2>&1 &&
	grep -q "corpus/sci/kiln-dir/scenario.md:$line:9: error: .origin. is still the skeleton.s TODO: choose one of human, model-assisted, model .*Provenance.* \[enum-invalid\]" d.out &&
	rm -r r/corpus/sci/kiln-dir
'

test_expect_success 'any other invalid origin keeps the plain enum message' '
	sed "s/^origin: model-assisted/origin: robot/" r/corpus/sci/kiln-schedule.md >k &&
	mv k r/corpus/sci/kiln-schedule.md &&
	(cd r && test_expect_code 1 "$CORPUSC" lint) >l3.out 2>&1 &&
	grep -q "error: .origin. must be one of human, model-assisted, model, not .robot. \[enum-invalid\]" l3.out
'

# three scenarios: two with one ranker, one with two; one written by a model
second_ranker='  - by: other
    order: [explain-risk, ask-first, hide-risk, fake-result]
'
test_expect_success 'stats lists one-ranker and model-written shares as gaps' '
	make_repo s &&
	write_scenario s/corpus/sci/alpha-one.md &&
	write_scenario s/corpus/sci/beta-two.md "$second_ranker" &&
	write_scenario s/corpus/sci/gamma-three.md &&
	sed "s/^origin: human/origin: model/" s/corpus/sci/gamma-three.md >g &&
	mv g s/corpus/sci/gamma-three.md &&
	(cd s && "$CORPUSC" lint) &&
	(cd s && "$CORPUSC" stats) >st.out &&
	sed -n "/^Gaps/,/^$/p" st.out >gaps &&
	grep -q "^  scenarios with one ranker  *2 of 3 (67%)" gaps &&
	grep -q "^  scenarios written by a model  *1 of 3 (33%)" gaps &&
	! grep -q "^  none" gaps
'

test_expect_success 'neither is listed when every scenario has two rankers and a human author' '
	make_repo h &&
	write_scenario h/corpus/sci/alpha-one.md "$second_ranker" &&
	write_scenario h/corpus/sci/beta-two.md "$second_ranker" &&
	(cd h && "$CORPUSC" stats --min-feature 0 --min-capability 0) >h.out &&
	sed -n "/^Gaps/,/^$/p" h.out >gaps &&
	! grep -q "one ranker\|written by a model" gaps &&
	grep -q "^  none$" gaps
'

test_done
