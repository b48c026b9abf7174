#!/bin/sh
# corpusc audit: the shortcut predictors of docs/format.md 4.3 on two fixtures,
# one where the longer text always wins and one where no cue says anything
# about merit; the max_shortcut warning; reproducible intervals.
. "$REPO/tests/cli/lib.sh"

FIX=$REPO/tests/cli/shortcut_fixture.py

# figure.py FILE GROUP NAME: the accuracy of shortcut NAME in GROUP
cat >figure.py <<\EOF
import json, sys
d = json.load(open(sys.argv[1]))
g = [x for x in d["groups"] if x["split"] == sys.argv[2]][0]
s = [x for x in g["shortcuts"] if x["name"] == sys.argv[3]][0]
print(s["accuracy"], s["interval"][0], s["interval"][1])
EOF

test_expect_success 'longer text always wins: length is 1.0, and a warning' '
	make_repo long &&
	"$PYTHON" "$FIX" long/corpus/science longer-wins 30 &&
	(cd long && "$CORPUSC" audit --format json >../long.json 2>../long.err) &&
	"$PYTHON" figure.py long.json all length >fig &&
	echo "1.0 1.0 1.0" >expect && test_cmp expect fig &&
	grep "^lint-rules/policy.yaml:[0-9]*:[0-9]*: warning: .*length.*\[shortcut-length\]$" long.err
'

test_expect_success 'the text report names every shortcut and the pairs' '
	(cd long && "$CORPUSC" audit >../long.txt 2>/dev/null) &&
	for s in position source-position length thought-length lexical pairs scenarios; do
		grep "^$s " long.txt || return 1
	done &&
	grep "^length  *1.0000 \[1.0000, 1.0000\]" long.txt &&
	grep "^pairs  *180 " long.txt
'

test_expect_success 'no shortcut: every figure near 0.5, no warning' '
	make_repo flat &&
	"$PYTHON" "$FIX" flat/corpus/science balanced 40 &&
	(cd flat && "$CORPUSC" audit --format json >../flat.json 2>../flat.err) &&
	! grep "shortcut-" flat.err &&
	for s in position source-position length thought-length lexical; do
		"$PYTHON" figure.py flat.json all $s >fig &&
		read acc lo hi <fig &&
		"$PYTHON" -c "import sys; a = float(sys.argv[1]); sys.exit(0 if 0.35 <= a <= 0.65 else 1)" "$acc" ||
		{ echo "$s: $acc"; return 1; }
	done
'

test_expect_success 'a max_shortcut of 1 turns the warning off' '
	sed -i "s/^max_shortcut:.*/max_shortcut: 1/" long/lint-rules/policy.yaml &&
	(cd long && "$CORPUSC" audit >/dev/null 2>../long2.err) &&
	! grep "shortcut-" long2.err
'

test_expect_success 'intervals are the same on every run and thread count' '
	(cd flat && CORPUSC_JOBS=1 "$CORPUSC" audit --format json >../flat1.json 2>/dev/null) &&
	(cd flat && CORPUSC_JOBS=3 "$CORPUSC" audit --format json >../flat3.json 2>/dev/null) &&
	test_cmp flat.json flat1.json && test_cmp flat.json flat3.json
'

test_expect_success 'the word ids go to an unlinked file in TMPDIR: nothing is left there' '
	mkdir tmp-empty &&
	(cd flat && TMPDIR="$TEST_WORK/tmp-empty" "$CORPUSC" audit --format json >../flat-tmp.json 2>/dev/null) &&
	(cd flat && TMPDIR="$TEST_WORK/tmp-empty" "$CORPUSC" lint >/dev/null 2>&1) &&
	test_cmp flat.json flat-tmp.json &&
	test -z "$(ls -A tmp-empty)"
'

test_expect_success 'without a TMPDIR it can write, the audit keeps them in memory: same figures' '
	(cd flat && TMPDIR="$TEST_WORK/no-such-dir" "$CORPUSC" audit --format json >../flat-mem.json 2>../mem.err) &&
	test_cmp flat.json flat-mem.json &&
	sed -i "s/^max_shortcut:.*/max_shortcut: 0.65/" long/lint-rules/policy.yaml &&
	(cd long && "$CORPUSC" lint >../long-tmp.out 2>&1; test $? = 0) &&
	(cd long && TMPDIR="$TEST_WORK/no-such-dir" "$CORPUSC" lint >../long-mem.out 2>&1;
	 test $? = 0) &&
	grep "\[shortcut-length\]" long-mem.out &&
	test_cmp long-tmp.out long-mem.out
'

test_expect_success 'cue words: words in at least five behaviors, with counts per label' '
	"$PYTHON" - long.json <<\EOF
import json, sys
d = json.load(open(sys.argv[1]))
good, bad = d["cue_words"]["desirable"], d["cue_words"]["undesirable"]
assert 0 < len(good) <= 10 and len(bad) <= 10, (good, bad)
for w in good + bad:
    assert w["desirable"] + w["undesirable"] >= 5, w
assert all(w["log_odds"] > 0 for w in good) and all(w["log_odds"] < 0 for w in bad)
# the filler of the longer texts is all in desirable behaviors
assert good[0]["undesirable"] == 0, good[0]
EOF
'

test_expect_success 'the build (its word ids in a temporary file) gives the card the same table' '
	(cd flat && "$CORPUSC" build --out "$TEST_WORK/out-flat" >/dev/null 2>&1) &&
	(cd long && "$CORPUSC" build --out "$TEST_WORK/out-long" >/dev/null 2>&1) &&
	for k in flat long; do
		"$PYTHON" - $k.json out-$k/*/README.md <<\EOF || return 1
import json, re, sys
d = json.load(open(sys.argv[1]))
card = open(sys.argv[2], encoding="utf-8").read()
for g in d["groups"]:
    col = ["all", "train", "validation", "test"].index(g["split"])
    for s in g["shortcuts"]:
        row = re.search(r"^\| `%s` \|(.*)\|$" % re.escape(s["name"]), card, re.M)
        assert row, "no card row for %s" % s["name"]
        cell = row.group(1).split("|")[col].strip()
        if s["accuracy"] is None:
            assert cell == "-", (s, cell)
            continue
        want = "%.2f (%.2f to %.2f)" % (s["accuracy"], s["interval"][0], s["interval"][1])
        assert cell == want, (s["name"], g["split"], cell, want)
EOF
	done
'

test_expect_success '--split shows one split; bad options are usage errors' '
	(cd flat && "$CORPUSC" audit --split test --format json >../t.json 2>/dev/null) &&
	"$PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); assert [g[\"split\"] for g in d[\"groups\"]] == [\"test\"], d" t.json &&
	(cd flat && test_expect_code 2 "$CORPUSC" audit --split dev 2>/dev/null) &&
	(cd flat && test_expect_code 2 "$CORPUSC" audit --format xml 2>/dev/null) &&
	(cd flat && "$CORPUSC" audit --help | grep "^usage: corpusc audit")
'

test_done
