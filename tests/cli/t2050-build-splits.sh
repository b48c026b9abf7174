#!/bin/sh
# corpusc build: a scenario's split is a pure function of its id (of its quest
# id for quest turns), with the ratios of corpus.yaml, unless the file pins
# one (docs/format.md 5.3).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

# set_splits REPO TRAIN VALIDATION TEST: rewrite corpus.yaml's splits map
set_splits() {
	awk -v t="$2" -v v="$3" -v s="$4" '
		/^splits:/ { print "splits:"; print "  train: " t; print "  validation: " v;
			     print "  test: " s; skip = 1; next }
		skip && /^[ \t]/ { next }
		{ skip = 0; print }' "$1/corpus/corpus.yaml" >"$1/corpus/corpus.yaml.new" &&
	mv "$1/corpus/corpus.yaml.new" "$1/corpus/corpus.yaml" &&
	grep -q "^  train: $2\$" "$1/corpus/corpus.yaml"
}

# probes REPO FIRST LAST [AREA]: probe-NN scenarios
probes() {
	_i=$2
	while [ "$_i" -le "$3" ]; do
		_n=$(printf %02d "$_i")
		gen_scenario "$1/corpus/${4:-probe}/probe-$_n.md" "probe-$_n" "look-$_n:d ask-$_n:d hide-$_n:u" \
			"  - by: tester
    order: [look-$_n, ask-$_n, hide-$_n]" || return 1
		_i=$((_i + 1))
	done
}

# check_splits REL TRAIN VALIDATION: every record's split recomputed
check_splits() {
	REL=$1 && export REL &&
	py_check "$2" "$3" <<\EOF
train, validation = int(sys.argv[1]), int(sys.argv[2])
recs = load("scenarios.jsonl")
check(len(recs) > 30, "too few scenarios: %d" % len(recs))
pins = {"pinned-license": "validation", "pin-train": "train", "pin-test": "test"}
split = {}
for r in recs:
    key = r["quest"] if r["quest"] else r["id"]
    want = pins.get(r["id"], split_of(key, train, validation))
    eq(r["split"], want, "split of %s (key %s)" % (r["id"], key))
    split[r["id"]] = r["split"]
for c in load("comparisons.jsonl"):
    eq(c["split"], split[c["scenario_id"]], "split of a comparison of %s" % c["scenario_id"])
for e in load("episodes.jsonl"):
    eq(e["split"], split_of(e["quest"], train, validation), "split of episode %s" % e["quest"])
    for t in e["turns"]:
        eq(split[t["id"]], e["split"], "turn %s of %s" % (t["id"], e["quest"]))
EOF
}

test_expect_success 'setup: fixture corpus, 30 probes, a second quest, two more pins' '
	build_fixture_corpus repo &&
	probes repo 1 30 &&
	gen_quest repo meadow-quest meadow-one meadow-two &&
	gen_scenario repo/corpus/pins/pin-train.md pin-train "p-a:d p-b:d p-c:u" \
		"  - by: tester
    order: [p-a, p-b, p-c]" "split: train
" &&
	gen_scenario repo/corpus/pins/pin-test.md pin-test "p-a:d p-b:d p-c:u" \
		"  - by: tester
    order: [p-a, p-b, p-c]" "split: test
" &&
	(cd repo && build --out "$TEST_WORK/out") &&
	test -f "$(release_dir out)/data/scenarios/train.jsonl"
'

test_expect_success 'the fixture exercises every split, and pins against the hash' '
	py_check <<\EOF
from collections import Counter
ids = ["probe-%02d" % i for i in range(1, 31)]
c = Counter(split_of(i, 80, 10) for i in ids)
check(c["train"] and c["validation"] and c["test"], "probes do not cover all splits: %r" % c)
check(split_of("relay-heist", 80, 10) != split_of("relay-zulu", 80, 10), "quest id and turn id hash alike")
check(split_of("meadow-quest", 80, 10) != split_of("meadow-one", 80, 10), "quest id and turn id hash alike")
eq(split_of("pinned-license", 80, 10) == "validation", False, "pinned-license")
eq(split_of("pin-train", 80, 10) == "train", False, "pin-train")
eq(split_of("pin-test", 80, 10) == "test", False, "pin-test")
EOF
'

test_expect_success 'every split is the documented function of the id (80/10/10)' '
	check_splits "$(release_dir out)" 80 10
'

test_expect_success 'quest turns take their quest id split, not their own' '
	export REL="$(release_dir out)" &&
	py_check <<\EOF
r = by_id(load("scenarios.jsonl"))
eq({r[i]["split"] for i in ["relay-zulu", "relay-alpha", "relay-mike"]},
   {split_of("relay-heist", 80, 10)}, "relay-heist turns")
eq({r[i]["split"] for i in ["meadow-one", "meadow-two"]},
   {split_of("meadow-quest", 80, 10)}, "meadow-quest turns")
EOF
'

test_expect_success 'pinned splits are honoured' '
	export REL="$(release_dir out)" &&
	py_check <<\EOF
r = by_id(load("scenarios.jsonl"))
eq(r["pinned-license"]["split"], "validation", "pinned-license")
eq(r["pin-train"]["split"], "train", "pin-train")
eq(r["pin-test"]["split"], "test", "pin-test")
EOF
'

test_expect_success 'the split of an id does not depend on the other files or the area' '
	make_repo other &&
	probes other 5 14 elsewhere &&
	probes other 25 30 &&
	gen_quest other relay-heist relay-zulu relay-alpha &&
	gen_scenario other/corpus/x/unrelated-one.md unrelated-one "u-a:d u-b:d u-c:u" \
		"  - by: tester
    order: [u-a, u-b, u-c]" &&
	(cd other && build --out "$TEST_WORK/out-other") &&
	py_check "$(release_dir out)" "$(release_dir out-other)" <<\EOF
a = {r["id"]: r["split"] for r in load("scenarios.jsonl", sys.argv[1])}
b = {r["id"]: r["split"] for r in load("scenarios.jsonl", sys.argv[2])}
common = sorted(set(a) & set(b))
eq(len(common), 18, "ids in both builds")
for i in common:
    eq(b[i], a[i], "split of %s in the two builds" % i)
EOF
'

test_expect_success 'ratios 100/0/0: every unpinned scenario is train' '
	cp -R repo all-train &&
	set_splits all-train 100 0 0 &&
	(cd all-train && build --out "$TEST_WORK/out-train") &&
	check_splits "$(release_dir out-train)" 100 0 &&
	export REL="$(release_dir out-train)" &&
	py_check <<\EOF
recs = load("scenarios.jsonl")
pinned = {"pinned-license", "pin-train", "pin-test"}
eq(sorted({r["split"] for r in recs if r["id"] not in pinned}), ["train"], "splits")
eq(sorted({e["split"] for e in load("episodes.jsonl")}), ["train"], "episode splits")
EOF
'

test_expect_success 'ratios 0/0/100: every unpinned scenario is test' '
	cp -R repo all-test &&
	set_splits all-test 0 0 100 &&
	(cd all-test && build --out "$TEST_WORK/out-test") &&
	check_splits "$(release_dir out-test)" 0 0
'

test_expect_success 'ratios 0/100/0: every unpinned scenario is validation' '
	cp -R repo all-val &&
	set_splits all-val 0 100 0 &&
	(cd all-val && build --out "$TEST_WORK/out-val") &&
	check_splits "$(release_dir out-val)" 0 100
'

test_expect_success 'ratios 50/25/25: the documented function again' '
	cp -R repo halves &&
	set_splits halves 50 25 25 &&
	(cd halves && build --out "$TEST_WORK/out-halves") &&
	check_splits "$(release_dir out-halves)" 50 25
'

test_expect_success 'manifest and README split counts follow the ratios' '
	export REL="$(release_dir out-halves)" &&
	py_check <<\EOF
import os, re
from collections import Counter
c = Counter(r["split"] for r in load("scenarios.jsonl"))
m = parse(open(os.path.join(REL, "manifest.json"), encoding="utf-8").read())
for sp in ["train", "validation", "test"]:
    eq(m["counts"]["scenarios"][sp], c[sp], "manifest count of %s" % sp)
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
check(re.search(r"\b50\b\D{1,20}\b25\b\D{1,20}\b25\b", card), "README does not give the ratios 50/25/25")
EOF
'

test_expect_success 'a quest never straddles splits: a pin on one turn is refused or rules them all' '
	make_repo straddle &&
	gen_quest straddle relay-heist relay-zulu relay-alpha relay-mike &&
	sed -i "s/^chosen: relay-alpha-lead\$/chosen: relay-alpha-lead\nsplit: train/" \
		straddle/corpus/quests/relay-heist/02-relay-alpha.md &&
	grep -q "^split: train" straddle/corpus/quests/relay-heist/02-relay-alpha.md &&
	(cd straddle && "$CORPUSC" build --out "$TEST_WORK/out-straddle" >../straddle.out 2>&1)
	rc=$?
	cat straddle.out &&
	if [ $rc = 0 ]; then
		export REL="$(release_dir out-straddle)" &&
		py_check <<\EOF
splits = {r["id"]: r["split"] for r in load("scenarios.jsonl")}
e = load("episodes.jsonl")[0]
eq(sorted(set(splits.values())), [e["split"]], "splits of the turns %r vs the episode" % splits)
EOF
	else
		test $rc = 1 && grep "02-relay-alpha.md" straddle.out &&
		{ test ! -e out-straddle || test -z "$(ls -A out-straddle)"; }
	fi
'

test_expect_success 'a pin on every turn of a quest gives the episode that split' '
	make_repo allpin &&
	gen_quest allpin relay-heist relay-zulu relay-alpha relay-mike &&
	for f in allpin/corpus/quests/relay-heist/*.md; do
		sed -i "s/^chosen: \(.*\)\$/chosen: \1\nsplit: validation/" "$f" || return 1
	done &&
	test $(grep -l "^split: validation" allpin/corpus/quests/relay-heist/*.md | wc -l) = 3 &&
	(cd allpin && build --out "$TEST_WORK/out-allpin") &&
	export REL="$(release_dir out-allpin)" &&
	py_check <<\EOF
eq(sorted({r["split"] for r in load("scenarios.jsonl")}), ["validation"], "turn splits")
eq(load("episodes.jsonl")[0]["split"], "validation", "episode split")
EOF
'

test_expect_success 'split percentages that do not add up to 100 are refused' '
	cp -R repo bad-ratios &&
	set_splits bad-ratios 80 10 20 &&
	(cd bad-ratios && ! "$CORPUSC" build --out "$TEST_WORK/out-bad" >/dev/null 2>&1) &&
	{ test ! -e out-bad || test -z "$(ls -A out-bad)"; }
'

test_done
