#!/bin/sh
# The release as the Hugging Face Hub's JSON loader reads it (docs/format.md 5, the
# dataset card): every config's data_files path exists, every line of a
# split file has that split, a kind's records have the same types on every
# line, and the card's YAML header has the keys the Hub reads. Also the
# BIG-bench task of the test split.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

REL=$(release_dir "$TEST_WORK/out")
export REL

test_expect_success 'build the fixture corpus' '
	build_fixture_corpus repo &&
	(cd repo && build --out "$TEST_WORK/out") &&
	test -d "$REL"
'

test_expect_success 'each config and split loads as the Hub loader reads it' '
	py_check <<\EOF
import os, yaml
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
head = yaml.safe_load(card[4:card.index("\n---\n", 4)])
configs = {c["config_name"]: c for c in head["configs"]}
eq(sorted(configs), ["comparisons", "episodes", "scenarios"], "configs")
eq([c["config_name"] for c in head["configs"] if c.get("default")], ["scenarios"], "the default")

def typ(v):
    """The type the loader infers; null goes with anything."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "int" if isinstance(v, int) else "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, list):
        t = None
        for x in v:
            t = merge(t, typ(x), "list item")
        return ["list", t]
    return {k: typ(x) for k, x in v.items()}

def merge(a, b, where):
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        eq(list(a), list(b), "keys at %s" % where)
        return {k: merge(a[k], b[k], where + "." + k) for k in a}
    if isinstance(a, list) and isinstance(b, list):
        return ["list", merge(a[1], b[1], where + "[]")]
    # a number the loader reads as float may be written 1.0 or 0.5: both float
    eq(a, b, "type at %s" % where)
    return a

total = 0
for name, c in configs.items():
    splits = [d["split"] for d in c["data_files"]]
    eq(splits, ["train", "validation", "test"], "%s: splits" % name)
    t = None
    for d in c["data_files"]:
        check(os.path.isfile(os.path.join(REL, d["path"])), "%s: no file %s" % (name, d["path"]))
        for i, r in enumerate(load(d["path"]), 1):
            eq(r["split"], d["split"], "%s line %d: split" % (d["path"], i))
            t = merge(t, typ(r), name)
            total += 1
eq(total, 10 + 44 + 1, "records of every config")
EOF
'

test_expect_success 'the card header: the keys the Hub reads, creators from origin' '
	py_check <<\EOF
import os, yaml
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
head = yaml.safe_load(card[4:card.index("\n---\n", 4)])
for k in ["license", "language", "task_categories", "size_categories", "pretty_name",
          "annotations_creators", "language_creators", "configs"]:
    check(head.get(k), "the card header has no %s" % k)
origins = {r["origin"] for r in load("scenarios.jsonl")}
want = []
if origins & {"human", "model-assisted"}:
    want.append("expert-generated")
if origins & {"model", "model-assisted"}:
    want.append("machine-generated")
eq(head["annotations_creators"], want, "annotations_creators for %s" % sorted(origins))
eq(head["language_creators"], want, "language_creators for %s" % sorted(origins))
EOF
'

test_expect_success 'one model origin among human ones adds machine-generated; shares in the text' '
	cp -R repo mixed &&
	for f in $(grep -rl "^origin: model" mixed/corpus); do
		sed -i "s/^origin: model.*/origin: human/" "$f" || return 1
	done &&
	f=$(find mixed/corpus -name "far-apart.md") && sed -i "s/^origin: human/origin: model/" "$f" &&
	(cd mixed && build --out "$TEST_WORK/out-mixed") &&
	REL=$(release_dir "$TEST_WORK/out-mixed") py_check <<\EOF
import os, re, yaml
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
head = yaml.safe_load(card[4:card.index("\n---\n", 4)])
eq(head["language_creators"], ["expert-generated", "machine-generated"], "language_creators")
check(re.search(r"9 \(90%\) are `human`, 0 \(0%\) `model-assisted` and 1 \(10%\) `model`", card),
      "origin shares")
EOF
'

test_expect_success 'the card gives rankers, pair kinds, the audit table and how to score' '
	py_check <<\EOF
import os, re
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
comps = load("comparisons.jsonl")
for k in ["desirable>undesirable", "desirable>desirable", "undesirable>undesirable"]:
    n = sum(1 for c in comps if c["kind"] == k)
    check(re.search(r"\| `%s` \| %d \|" % (re.escape(k), n), card), "no count of %s pairs" % k)
for s in ["position", "source-position", "length", "thought-length", "lexical"]:
    check(re.search(r"^\| `%s` \|( [-0-9.() to]+ \|){4}$" % s, card, re.M), "no audit row %s" % s)
check("one ranker" in card and "null" in card, "rankers and agreement")
check("corpusc score --scores" in card, "how to score")
check("chosen_thoughts" in card, "thoughts are a separate column")
check("load_dataset(" in card and "split=\"test\"" in card, "how to load a split")
EOF
'

test_expect_success 'bigbench/task.json: the test split, one example per scenario' '
	py_check <<\EOF
import hashlib, json, os
t = json.load(open(os.path.join(REL, "bigbench", "task.json"), encoding="utf-8"))
for k in ["name", "description", "keywords", "metrics", "preferred_score", "canary", "examples"]:
    check(k in t, "task.json has no %s" % k)
eq(t["metrics"], ["multiple_choice_grade"], "metrics")
eq(t["preferred_score"], "multiple_choice_grade", "preferred_score")
eq(t["canary"], os.environ["CANARY"], "canary")
test = load("data/scenarios/test.jsonl")
eq(len(t["examples"]), len(test), "one example per test scenario")
for ex, s in zip(t["examples"], test):
    eq(ex["input"], s["scenario"], "input of %s" % s["id"])
    top = set(s["consensus"][0])
    eq(list(ex["target_scores"]), [b["text"] for b in s["behaviors"]], "behaviors in the release order")
    eq(list(ex["target_scores"].values()), [1 if b["id"] in top else 0 for b in s["behaviors"]],
       "scores of %s" % s["id"])
EOF
'

test_done
