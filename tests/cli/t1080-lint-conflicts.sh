#!/bin/sh
# corpusc lint: merge-conflict markers (docs/format.md section 3) are found at the byte
# gate, before YAML or Markdown is parsed: one error per marker line, at
# column 1, and the file gets no other finding that run.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md
M1="error: merge conflict marker '<<<<<<<' left in; resolve the conflict and delete the marker lines [merge-conflict]"
M2="error: merge conflict marker '=======' left in; resolve the conflict and delete the marker lines [merge-conflict]"
M3="error: merge conflict marker '>>>>>>>' left in; resolve the conflict and delete the marker lines [merge-conflict]"

# conflict FILE LINE OURS THEIRS: replace line LINE of FILE by a conflict
# between OURS and THEIRS (5 lines: markers at LINE, LINE+2, LINE+4).
conflict() {
	awk -v n="$2" -v a="$3" -v b="$4" '
		NR == n { print "<<<<<<< HEAD"; print a; print "======="; print b;
		          print ">>>>>>> other-branch"; next }
		{ print }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

test_expect_success 'a conflict in the front matter: three markers, no yaml-syntax' '
	make_repo f1 && write_scenario f1/$F &&
	conflict f1/$F 6 "capabilities: [science]" "capabilities: [science, forecasting]" &&
	test_expect_code 1 lint_in f1 &&
	only f1.err "$F:6:1: $M1" "$F:8:1: $M2" "$F:10:1: $M3" &&
	has f1.err "3 errors, 0 warnings in 1 of 1 file"
'

test_expect_success 'a conflict in the body: no heading or section findings after it' '
	make_repo b1 && write_scenario b1/$F &&
	conflict b1/$F 37 "The AI asks first." "The AI asks which limits matter." &&
	test_expect_code 1 lint_in b1 &&
	only b1.err "$F:37:1: $M1" "$F:39:1: $M2" "$F:41:1: $M3"
'

test_expect_success 'two conflicts in one file: one error per marker line' '
	make_repo b2 && write_scenario b2/$F &&
	conflict b2/$F 47 "one" "two" &&
	conflict b2/$F 3 "title: Ours" "title: Theirs" &&
	test_expect_code 1 lint_in b2 &&
	test "$(nfindings b2.err)" = 6 &&
	has b2.err "$F:3:1: $M1" && has b2.err "$F:55:1: $M3"
'

test_expect_success 'only the file that holds markers gets findings' '
	make_repo c1 && write_scenario c1/$F && write_scenario_b c1/corpus/eng/beta.md &&
	conflict c1/corpus/eng/beta.md 33 "x" "y" &&
	test_expect_code 1 lint_in c1 &&
	only c1.err "corpus/eng/beta.md:33:1: $M1" "corpus/eng/beta.md:35:1: $M2" \
		"corpus/eng/beta.md:37:1: $M3"
'

test_expect_success 'look-alikes are not markers: longer runs, text after =======, mid-line' '
	make_repo n1 && write_scenario n1/$F &&
	sed -i "33a\\
<<<<<<<< eight\\
======= not alone\\
a >>>>>>> b\\
>>>>>>>no-space" n1/$F &&
	lint_in n1 ; hasnt n1.err merge-conflict
'

test_expect_success 'the merge-conflict rule is built in: explain knows it, no rule file' '
	test ! -e "$REPO/lint-rules/merge-conflict.yaml" &&
	make_repo e1 && (cd e1 && "$CORPUSC" explain merge-conflict) >e1.out &&
	grep -q "merge" e1.out
'

test_done
