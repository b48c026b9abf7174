#!/bin/sh
# corpusc score: a reward model's scores against a release directory (docs/format.md
# section 4): pairwise accuracy 1.0 for scores = minus the consensus
# position, 0.0 for the reverse, 0.5 for constant scores; missing,
# duplicate and unknown ids and bad lines refused with exit 2; intervals
# reproducible.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

REL=$(release_dir "$TEST_WORK/out")
export REL

# scores.py REL MODE [SPLIT...]: a scores file for the scenarios of the
# splits (default test) from the release's own records; MODE minus-position,
# position, constant
cat >scores.py <<\EOF
import json, os, sys
rel, mode = sys.argv[1], sys.argv[2]
splits = sys.argv[3:] or ["test"]
for sp in splits:
    for line in open(os.path.join(rel, "data", "scenarios", sp + ".jsonl"), encoding="utf-8"):
        r = json.loads(line)
        for g, group in enumerate(r["consensus"]):
            for b in group:
                s = {"minus-position": -g, "position": g, "constant": 7}[mode]
                print(json.dumps({"scenario_id": r["id"], "behavior_id": b, "score": s}))
EOF

# get.py FILE SCORER METRIC: value and interval from the JSON report
cat >get.py <<\EOF
import json, sys
d = json.load(open(sys.argv[1]))
f = d["scorers"][sys.argv[2]][sys.argv[3]]
print(f["value"], f["interval"][0], f["interval"][1])
EOF

test_expect_success 'a fixture release with a test split' '
	make_repo repo &&
	"$PYTHON" "$REPO/tests/cli/shortcut_fixture.py" repo/corpus/science balanced 60 &&
	(cd repo && build --out "$TEST_WORK/out") &&
	test $(wc -l <"$REL/data/scenarios/test.jsonl") -ge 3
'

test_expect_success 'scores = minus the consensus position: accuracy 1.0' '
	"$PYTHON" scores.py "$REL" minus-position >good.jsonl &&
	"$CORPUSC" score --scores good.jsonl --format json "$REL" >good.json &&
	"$PYTHON" get.py good.json model pairwise_accuracy >fig &&
	echo "1.0 1.0 1.0" >expect && test_cmp expect fig &&
	"$PYTHON" get.py good.json model best_of_n_accuracy >fig && test_cmp expect fig &&
	"$PYTHON" get.py good.json model kendall_tau_b >fig && test_cmp expect fig
'

test_expect_success 'the reverse: accuracy 0.0' '
	"$PYTHON" scores.py "$REL" position >bad.jsonl &&
	"$CORPUSC" score --scores bad.jsonl --format json "$REL" >bad.json &&
	"$PYTHON" get.py bad.json model pairwise_accuracy >fig &&
	echo "0.0 0.0 0.0" >expect && test_cmp expect fig
'

test_expect_success 'constant scores: accuracy 0.5, tau-b 0, as chance' '
	"$PYTHON" scores.py "$REL" constant >flat.jsonl &&
	"$CORPUSC" score --scores flat.jsonl --format json "$REL" >flat.json &&
	"$PYTHON" get.py flat.json model pairwise_accuracy >fig &&
	echo "0.5 0.5 0.5" >expect && test_cmp expect fig &&
	"$PYTHON" get.py flat.json model kendall_tau_b >fig &&
	echo "0.0 0.0 0.0" >expect && test_cmp expect fig &&
	"$PYTHON" get.py flat.json model best_of_n_accuracy >a &&
	"$PYTHON" get.py flat.json chance best_of_n_accuracy >b && test_cmp a b
'

test_expect_success 'the report has the per-kind, per-capability rows and the shortcuts' '
	"$PYTHON" - good.json <<\EOF
import json, sys
d = json.load(open(sys.argv[1]))
assert d["split"] == "test" and d["pairs"] > 0 and d["resamples"] == 1000, d
assert sorted(d["scorers"]) == ["chance", "length", "lexical", "model"], d["scorers"].keys()
m = d["scorers"]["model"]
assert sorted(m["by_kind"]) == ["desirable>desirable", "desirable>undesirable",
                                "undesirable>undesirable"], m["by_kind"]
assert list(m["by_capability"]) == ["science"], m["by_capability"]
assert m["by_capability"]["science"]["pairs"] == d["pairs"]
assert sum(k["pairs"] for k in m["by_kind"].values()) == d["pairs"]
# the fixture gives length and wording nothing to go on
assert d["scorers"]["length"]["pairwise_accuracy"]["value"] == 0.5
EOF
	"$CORPUSC" score --scores good.jsonl "$REL" >good.txt &&
	grep "^pairwise accuracy" good.txt && grep "^best-of-n accuracy" good.txt &&
	grep "^Kendall tau-b" good.txt && grep "^pairwise capability science" good.txt &&
	head -3 good.txt | grep "model *length *lexical *chance"
'

test_expect_success 'intervals are identical across runs' '
	"$CORPUSC" score --scores flat.jsonl --format json "$REL" >flat2.json &&
	test_cmp flat.json flat2.json &&
	"$CORPUSC" score --scores good.jsonl "$REL" >good2.txt &&
	test_cmp good.txt good2.txt
'

test_expect_success 'scores of other splits are read and ignored' '
	"$PYTHON" scores.py "$REL" position train validation >other.jsonl &&
	cat good.jsonl other.jsonl >mixed.jsonl &&
	"$CORPUSC" score --scores mixed.jsonl --format json "$REL" >mixed.json &&
	test_cmp good.json mixed.json
'

test_expect_success 'a missing id is refused, naming it' '
	sed 1d good.jsonl >missing.jsonl &&
	sid=$(head -1 good.jsonl | "$PYTHON" -c "import json,sys; print(json.load(sys.stdin)[\"scenario_id\"])") &&
	test_expect_code 2 "$CORPUSC" score --scores missing.jsonl "$REL" >stdout 2>err &&
	test ! -s stdout &&
	grep "missing id: .*$sid" err
'

test_expect_success 'a duplicate id is refused with both lines' '
	{ cat good.jsonl; head -1 good.jsonl; } >dup.jsonl &&
	n=$(wc -l <dup.jsonl) &&
	test_expect_code 2 "$CORPUSC" score --scores dup.jsonl "$REL" 2>err &&
	grep "line $n: duplicate id: .*was scored on line 1" err
'

test_expect_success 'an unknown id is refused, naming it' '
	{ cat good.jsonl; echo "{\"scenario_id\": \"no-such\", \"behavior_id\": \"x\", \"score\": 1}"; } >unknown.jsonl &&
	test_expect_code 2 "$CORPUSC" score --scores unknown.jsonl "$REL" 2>err &&
	grep "unknown id: scenario .no-such. has no behavior .x." err
'

test_expect_success 'bad JSON and bad scores: an error with the line number, no crash' '
	{ head -2 good.jsonl; echo "{\"scenario_id\": \"a\", "; sed 1,2d good.jsonl; } >broken.jsonl &&
	test_expect_code 2 "$CORPUSC" score --scores broken.jsonl "$REL" 2>err &&
	grep "broken.jsonl. line 3: not a JSON object" err &&
	sed "1s/\"score\": [-0-9]*/\"score\": \"high\"/" good.jsonl >str.jsonl &&
	test_expect_code 2 "$CORPUSC" score --scores str.jsonl "$REL" 2>err &&
	grep "line 1: needs .* finite number .score." err &&
	printf "\\000\\377garbage\\n" >bin.jsonl &&
	test_expect_code 2 "$CORPUSC" score --scores bin.jsonl "$REL" 2>err &&
	grep "line 1" err
'

test_expect_success 'usage: --scores and one release directory; a missing release is an error' '
	test_expect_code 2 "$CORPUSC" score "$REL" 2>/dev/null &&
	test_expect_code 2 "$CORPUSC" score --scores good.jsonl 2>/dev/null &&
	test_expect_code 2 "$CORPUSC" score --scores good.jsonl --split dev "$REL" 2>/dev/null &&
	test_expect_code 2 "$CORPUSC" score --scores good.jsonl "$TEST_WORK/nowhere" 2>err &&
	grep "cannot open" err &&
	"$CORPUSC" score --help | grep "^usage: corpusc score"
'

test_expect_success '--split validation evaluates that split' '
	"$PYTHON" scores.py "$REL" minus-position validation >v.jsonl &&
	"$CORPUSC" score --scores v.jsonl --split validation --format json "$REL" >v.json &&
	"$PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"split\"] == \"validation\", d" v.json &&
	"$PYTHON" get.py v.json model pairwise_accuracy >fig &&
	echo "1.0 1.0 1.0" >expect && test_cmp expect fig
'

test_done
