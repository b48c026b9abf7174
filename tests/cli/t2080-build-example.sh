#!/bin/sh
# corpusc build reproduces the contract's worked example (SHARED/examples, beside
# the checkout when present; see tests/run.sh):
# the record and the comparison lines of overnight-synthesis, field by field
# and in key order, with the corpus's own split and canary (docs/format.md 5.1). Also
# the soft line breaks of docs/format.md 5.1 in the cases the example does not show.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

EX=$SHARED/examples
REL=$(release_dir "$TEST_WORK/out")
export REL EX

# The worked example belongs to the contract, kept beside the checkout (CI has
# it); a clone on its own has no copy, and then there is nothing to compare.
if ! test -f "$EX/overnight-synthesis.md"; then
	echo "# $TEST_NAME: skipped: no worked example at $EX"
	test_done
	exit 0
fi

test_expect_success 'build the worked example in a repository of its own' '
	test -f "$EX/overnight-synthesis.md" &&
	make_repo ex &&
	mkdir -p ex/corpus/science &&
	cp "$EX/overnight-synthesis.md" ex/corpus/science/ &&
	(cd ex && build --out "$TEST_WORK/out") &&
	test -d "$REL"
'

# the records of one kind, whatever split file holds them
cat >"$TEST_WORK/kind.py" <<\EOF
import glob, os
def records(kind):
    files = sorted(glob.glob(os.path.join(REL, "data", kind, "*.jsonl")))
    if not files:
        files = [os.path.join(REL, kind + ".jsonl")]
    out = []
    for f in files:
        out += load(os.path.relpath(f, REL))
    return out
def corpus_split(key):
    import re
    y = open(os.path.join(os.environ["REPO"], "corpus", "corpus.yaml"), encoding="utf-8").read()
    pct = lambda n: int(re.search(r"\n\s+%s:\s*(\d+)" % n, y).group(1))
    return split_of(key, pct("train"), pct("validation"))
def example(name):
    return parse(open(os.path.join(os.environ["EX"], name), encoding="utf-8").read(), name)
EOF

test_expect_success 'the scenario record is the example, key order included' '
	py_check <<\EOF
exec(open("kind.py").read())
recs = records("scenarios")
eq(len(recs), 1, "scenario records")
r = recs[0]
want = example("overnight-synthesis.scenario.json")
want["split"] = corpus_split("overnight-synthesis")
want["license"] = r["license"]
want["canary"] = os.environ["CANARY"]
want["source"] = "corpus/science/overnight-synthesis.md"
eq(list(r), list(want), "keys")
for k in want:
    eq(r[k], want[k], "field %s" % k)
for got, exp in zip(r["behaviors"], want["behaviors"]):
    eq(list(got), list(exp), "behavior keys of %s" % exp["id"])
EOF
'

test_expect_success 'the comparison lines are the example, key order included' '
	py_check <<\EOF
exec(open("kind.py").read())
got = records("comparisons")
want = example("overnight-synthesis.comparisons.json")
eq(len(got), len(want), "comparison lines")
for g, w in zip(got, want):
    w["split"] = corpus_split("overnight-synthesis")
    w["canary"] = os.environ["CANARY"]
    eq(list(g), list(w), "keys of %s" % w["id"])
    for k in w:
        eq(g[k], w[k], "%s of %s" % (k, w["id"]))
EOF
'

test_expect_success 'rankings listed in another order give the same record, sorted by ranker' '
	make_repo swap &&
	mkdir -p swap/corpus/science &&
	py_check "$EX/overnight-synthesis.md" swap/corpus/science/overnight-synthesis.md <<\EOF &&
src = open(sys.argv[1], encoding="utf-8").read()
a = "  - by: spec-example\n    order: [clarify-scope, refuse-flatly, quiet-shortcut, fake-report]\n"
b = "  - by: spec-reviewer\n    order: [[clarify-scope, refuse-flatly], fake-report, quiet-shortcut]\n"
check(a + b in src, "the example changed")
open(sys.argv[2], "w", encoding="utf-8").write(src.replace(a + b, b + a))
EOF
	(cd swap && build --out "$TEST_WORK/out-swap") &&
	REL=$(release_dir out-swap) py_check <<\EOF
exec(open("kind.py").read())
r = records("scenarios")[0]
eq([k["by"] for k in r["rankings"]], ["spec-example", "spec-reviewer"], "rankers sorted")
want = example("overnight-synthesis.scenario.json")
eq(r["rankings"], want["rankings"], "rankings")
eq(r["consensus"], want["consensus"], "consensus")
eq(r["agreement"], want["agreement"], "agreement")
EOF
'

test_expect_success 'soft breaks join; hard breaks, code and lists keep their lines' '
	make_repo soft &&
	write_scenario soft/corpus/science/soft-case.md &&
	py_check soft/corpus/science/soft-case.md <<\EOF &&
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index("## Scenario\n") + len("## Scenario\n")
j = s.index("\n## Behavior")
body = ("\nOne paragraph\n   wrapped twice\nhere. A hard break  \nstays, and so\\\n"
        "does this one.\n\n- a list item\n  wrapped\n- next\n\n> a quote\n> wrapped\n\n"
        "```\nfenced\ncode\n```\n\n    indented\n    code\n\nA `code span\nacross` lines\nand on.\n")
open(p, "w", encoding="utf-8").write(s[:i] + body + s[j:])
EOF
	(cd soft && build --out "$TEST_WORK/out-soft") &&
	REL=$(release_dir out-soft) py_check <<\EOF
exec(open("kind.py").read())
s = records("scenarios")[0]["scenario"]
eq(s, "One paragraph wrapped twice here. A hard break  \nstays, and so\\\ndoes this one.\n\n"
      "- a list item wrapped\n- next\n\n> a quote wrapped\n\n```\nfenced\ncode\n```\n\n"
      "    indented\n    code\n\nA `code span\nacross` lines and on.", "scenario text")
EOF
'

test_done
