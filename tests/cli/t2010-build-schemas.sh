#!/bin/sh
# corpusc build: the release's JSON Schemas validate every record and reject
# malformed ones; canary everywhere; the dataset card's header; SHA256SUMS and
# the manifest's hashes (docs/format.md 5, 5.4).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

REL=$(release_dir "$TEST_WORK/out")
export REL

# validate.py FILE.jsonl SCHEMA: every line valid; prints the line count
cat >"$TEST_WORK/validate.py" <<\EOF
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[2], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
n = 0
bad = 0
for i, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    n += 1
    for e in v.iter_errors(json.loads(line)):
        bad += 1
        print("%s:%d: %s at %s" % (sys.argv[1], i, e.message, list(e.absolute_path)))
print("%d lines" % n)
sys.exit(1 if bad or not n else 0)
EOF

# mutate.py FILE.jsonl SCHEMA: each mutation (python statements over r, the
# first record) on stdin, one a line, must make the record invalid
cat >"$TEST_WORK/mutate.py" <<\EOF
import copy, json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[2], encoding="utf-8")))
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
base = recs[int(sys.argv[3]) if len(sys.argv) > 3 else 0]
assert v.is_valid(base), "the unmutated record is invalid"
failed = 0
for m in sys.stdin.read().splitlines():
    if not m.strip():
        continue
    r = copy.deepcopy(base)
    exec(m)
    if v.is_valid(r):
        failed += 1
        print("schema accepts a record after: %s" % m)
    else:
        print("rejected: %s" % m)
sys.exit(1 if failed else 0)
EOF

test_expect_success 'build the fixture corpus' '
	build_fixture_corpus repo &&
	(cd repo && build --out "$TEST_WORK/out") &&
	test -d "$REL" &&
	for k in scenarios comparisons episodes; do
		cat "$REL/data/$k/train.jsonl" "$REL/data/$k/validation.jsonl" \
			"$REL/data/$k/test.jsonl" >"$k.jsonl" || return 1
	done
'

test_expect_success 'one draft 2020-12 schema per JSONL file' '
	for f in scenarios comparisons episodes; do
		test -f "$REL/schema/$f.schema.json" &&
		"$PYTHON" -c "import json,sys; s=json.load(open(sys.argv[1])); assert s[\"\$schema\"] == \"https://json-schema.org/draft/2020-12/schema\", s.get(\"\$schema\")" \
			"$REL/schema/$f.schema.json" || return 1
	done
'

test_expect_success 'every line of data/scenarios/ is valid against its schema' '
	"$PYTHON" validate.py scenarios.jsonl "$REL/schema/scenarios.schema.json" >vout &&
	grep "^10 lines" vout
'

test_expect_success 'every line of data/comparisons/ is valid against its schema' '
	"$PYTHON" validate.py comparisons.jsonl "$REL/schema/comparisons.schema.json" >vout &&
	grep "^44 lines" vout
'

test_expect_success 'every line of data/episodes/ is valid against its schema' '
	"$PYTHON" validate.py episodes.jsonl "$REL/schema/episodes.schema.json" >vout &&
	grep "^1 lines" vout
'

test_expect_success 'the schemas require exactly the spec keys' '
	py_check <<\EOF
import os
def schema(n):
    return parse(open(os.path.join(REL, "schema", n + ".schema.json"), encoding="utf-8").read())
S = ["id", "title", "split", "authors", "origin", "license", "capabilities",
     "tags", "scenario", "behaviors", "rankings", "consensus", "agreement",
     "quest", "turn", "chosen", "consequences", "source", "canary"]
C = ["id", "scenario_id", "split", "kind", "prompt", "chosen_id", "rejected_id",
     "chosen_label", "rejected_label", "chosen", "rejected", "chosen_thoughts",
     "rejected_thoughts", "agreement", "canary"]
E = ["quest", "split", "turns", "canary"]
for name, keys in [("scenarios", S), ("comparisons", C), ("episodes", E)]:
    s = schema(name)
    eq(sorted(s["required"]), sorted(keys), name + " required")
    eq(sorted(s["properties"]), sorted(keys), name + " properties")
EOF
'

test_expect_success 'the scenarios schema rejects mutated records' '
	"$PYTHON" mutate.py scenarios.jsonl "$REL/schema/scenarios.schema.json" <<\EOF
r["extra"] = 1
del r["canary"]
del r["split"]
del r["consensus"]
r["title"] = 5
r["authors"] = "tester"
r["turn"] = "1"
r["split"] = "dev"
r["agreement"] = 1.5
r["agreement"] = -0.1
r["agreement"] = "0.5"
r["consensus"] = [x for g in r["consensus"] for x in g]
r["rankings"][0]["order"] = [x for g in r["rankings"][0]["order"] for x in g]
r["consensus"] = []
r["rankings"][0]["extra"] = 1
del r["rankings"][0]["by"]
r["behaviors"][0]["superhuman"] = "true"
r["behaviors"][0]["label"] = "good"
r["behaviors"][0]["extra"] = 1
del r["behaviors"][0]["thoughts"]
r["origin"] = "ai"
r["id"] = "Not A Slug"
r["quest"] = 7
r["id"] += "\n"
r["title"] += "\n"
r["authors"][0] += "\n"
r["rankings"][0]["by"] += "\n"
r["source"] += "\n"
r["behaviors"][0]["id"] += "\n"
del r["behaviors"][0]["authors"]
r["behaviors"][0]["origin"] = "robot"
r["consensus"][0][0] += "\n"
EOF
'

test_expect_success 'the comparisons schema rejects mutated records' '
	"$PYTHON" mutate.py comparisons.jsonl "$REL/schema/comparisons.schema.json" <<\EOF
r["extra"] = 1
del r["prompt"]
del r["agreement"]
del r["canary"]
r["agreement"] = 1.5
r["agreement"] = None
r["split"] = "dev"
r["chosen"] = ["text"]
r["chosen_id"] = 3
r["id"] += "\n"
r["id"] = r["scenario_id"]
r["kind"] = "undesirable>desirable"
del r["kind"]
r["chosen_label"] = "good"
del r["rejected_label"]
r["scenario_id"] += "\n"
EOF
'

test_expect_success 'the episodes schema rejects mutated records' '
	"$PYTHON" mutate.py episodes.jsonl "$REL/schema/episodes.schema.json" <<\EOF
r["extra"] = 1
del r["turns"]
r["split"] = "dev"
r["turns"] = {}
r["turns"][0]["extra"] = 1
del r["turns"][0]["chosen"]
r["turns"][0]["turn"] = "1"
r["turns"][0]["turn"] = 0
r["quest"] = None
EOF
'

test_expect_success 'the canary is in every JSONL line' '
	py_check <<\EOF
import os
c = os.environ["CANARY"]
check(len(c) > 16, "canary looks wrong: %r" % c)
n = 0
for f in ["scenarios.jsonl", "comparisons.jsonl", "episodes.jsonl"]:
    for r in load(f):
        eq(r["canary"], c, "canary of a %s line" % f)
        n += 1
eq(n, 10 + 44 + 1, "lines checked")
EOF
'

test_expect_success 'the canary is in every HTML page and in README.md' '
	find "$REL/html" -name "*.html" >pages &&
	test $(wc -l <pages) -ge 10 &&
	grep -q "html/s/relay-zulu.html" pages &&
	while read -r p; do
		grep -qF "$CANARY" "$p" || { echo "no canary in $p"; return 1; }
	done <pages &&
	grep -qF "$CANARY" "$REL/README.md"
'

test_expect_success 'README.md has a YAML header: license, task_categories, configs naming the JSONL files' '
	py_check <<\EOF
import os
card = open(os.path.join(REL, "README.md"), encoding="utf-8").read()
check(card.startswith("---\n"), "README.md does not start with a YAML header")
head = card[4:card.index("\n---\n", 4)]
try:
    import yaml
    h = yaml.safe_load(head)
except ImportError:
    h = None
if h is not None:
    check(isinstance(h.get("license"), str) and h["license"], "no license: %r" % h)
    eq(h["license"].lower(), "cc-by-4.0", "license")
    check(isinstance(h.get("task_categories"), list) and h["task_categories"], "no task_categories")
    files = []
    for c in h["configs"]:
        check(c.get("config_name"), "a config without a name: %r" % c)
        df = c["data_files"]
        if isinstance(df, str):
            files.append(df)
        elif isinstance(df, list):
            for d in df:
                files.append(d if isinstance(d, str) else d["path"])
        else:
            files.append(df["path"] if isinstance(df.get("path"), str) else df["path"][0])
    for k in KINDS:
        for sp in SPLITS:
            f = "data/%s/%s.jsonl" % (k, sp)
            check(f in files, "no config names %s: %r" % (f, files))
else:
    for k in ["license:", "task_categories:", "configs:", "data/scenarios/test.jsonl",
              "data/comparisons/test.jsonl", "data/episodes/test.jsonl"]:
        check(k in head, "%s missing from the header" % k)
EOF
'

test_expect_success 'SHA256SUMS passes sha256sum -c and covers every file but itself' '
	(cd "$REL" && sha256sum -c --strict SHA256SUMS) >sumout &&
	! grep -v ": OK$" sumout &&
	sed "s/^[0-9a-f]\{64\}  //" "$REL/SHA256SUMS" | sort >listed &&
	(cd "$REL" && find . -type f ! -name SHA256SUMS | sed "s|^\./||" | sort) >present &&
	test_cmp present listed &&
	grep -q "^manifest.json$" listed && grep -q "^html/index.html$" listed
'

test_expect_success 'SHA256SUMS catches a changed file' '
	cp -R "$REL" copy &&
	printf x >>copy/data/scenarios/train.jsonl &&
	! (cd copy && sha256sum -c --quiet SHA256SUMS)
'

test_expect_success 'manifest.json lists every other file with its sha256 and size' '
	py_check <<\EOF
import hashlib, os
m = parse(open(os.path.join(REL, "manifest.json"), encoding="utf-8").read(), "manifest.json")
listed = {}
for f in m["files"]:
    check(f["path"] not in listed, "listed twice: %s" % f["path"])
    listed[f["path"]] = f
present = set()
for d, _, fs in os.walk(REL):
    for n in fs:
        present.add(os.path.relpath(os.path.join(d, n), REL))
eq(sorted(listed), sorted(present - {"manifest.json", "SHA256SUMS"}), "files in the manifest")
for p, f in listed.items():
    data = open(os.path.join(REL, p), "rb").read()
    eq(f["sha256"], hashlib.sha256(data).hexdigest(), "sha256 of " + p)
    if "bytes" in f:
        eq(f["bytes"], len(data), "bytes of " + p)
EOF
'

test_expect_success 'the release holds the files of docs/format.md 5' '
	for k in scenarios comparisons episodes; do
		for s in train validation test; do
			test -f "$REL/data/$k/$s.jsonl" || { echo "missing: $k/$s"; return 1; }
		done
	done &&
	for f in bigbench/task.json schema/scenarios.schema.json \
		README.md CHANGES.md manifest.json SHA256SUMS html/index.html; do
		test -s "$REL/$f" || { echo "missing: $f"; return 1; }
	done &&
	for id in split-vote far-apart three-judges lone-judge pinned-license \
		markdown-fidelity relay-zulu relay-alpha relay-mike; do
		find "$REL/html" -name "*$id*.html" | grep -q . ||
		{ echo "no page for $id"; return 1; }
	done
'

test_done
