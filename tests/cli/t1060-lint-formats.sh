#!/bin/sh
# corpusc lint --format gcc|json|sarif|github (docs/format.md section 4, docs/conventions.md section 5):
# json is one JSON document with the findings; sarif validates against the
# OASIS SARIF 2.1.0 schema with a consistent rules table; github prints
# workflow commands that no file name or message can break out of; gcc is
# sorted by file then line with a summary line, and shows a caret excerpt only
# on a terminal, with terminal control characters escaped.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md
P=$TEST_WORK

# check_json.py OUT ERR: the json document on OUT has the findings of the gcc
# run on ERR, field for field and in the same order.
cat >"$P/check_json.py" <<'EOF'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
gcc = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")
       if re.match(r"^[^ ].*:\d+:\d+: (error|warning|note): ", l)]
assert doc["tool"] == "corpusc", doc["tool"]
assert isinstance(doc["version"], str) and doc["version"]
got = ["%s:%d:%d: %s: %s [%s]" % (f["path"], f["line"], f["column"],
        f["severity"], f["message"], f["rule"]) for f in doc["findings"]]
assert got == gcc, "json findings differ from gcc:\n%s\n---\n%s" % (
    "\n".join(got), "\n".join(gcc))
s = doc["summary"]
for k, sev in (("errors", "error"), ("warnings", "warning"), ("notes", "note")):
    n = sum(1 for f in doc["findings"] if f["severity"] == sev)
    assert s[k] == n, (k, s[k], n)
print("ok", len(got))
EOF

# check_sarif.py SARIF SCHEMA ERR: the log is valid SARIF 2.1.0 (draft-04
# schema), its rules table holds exactly the rule ids of the results, each
# ruleIndex points at its rule, and the results match the gcc run on ERR.
cat >"$P/check_sarif.py" <<'EOF'
import json, re, sys, urllib.parse
import jsonschema
log = json.load(open(sys.argv[1], encoding="utf-8"))
schema = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft4Validator.check_schema(schema)
errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
assert not errors, "\n".join(str(e) for e in errors[:5])
assert log["version"] == "2.1.0"
assert len(log["runs"]) == 1
run = log["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "corpusc"
rules = driver.get("rules", [])
ids = [r["id"] for r in rules]
assert len(ids) == len(set(ids)), ids
res = run["results"]
assert set(ids) == set(r["ruleId"] for r in res), (ids, [r["ruleId"] for r in res])
for r in rules:
    assert r["shortDescription"]["text"], r
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
level = {"error": "error", "warning": "warning", "note": "note"}
gcc = [l.rstrip("\n") for l in open(sys.argv[3], encoding="utf-8")
       if re.match(r"^[^ ].*:\d+:\d+: (error|warning|note): ", l)]
assert len(gcc) == len(res), (len(gcc), len(res))
for g, r in zip(gcc, res):
    m = re.match(r"^(.*):(\d+):(\d+): (error|warning|note): (.*) \[([^]]+)\]$", g)
    path, line, col, sev, msg, rule = m.groups()
    assert r["ruleId"] == rule, (r["ruleId"], rule)
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"], (r["ruleIndex"], r["ruleId"])
    assert r["level"] == level[sev], (r["level"], sev)
    assert r["message"]["text"].startswith(msg), (r["message"]["text"], msg)
    loc = r["locations"][0]["physicalLocation"]
    assert urllib.parse.unquote(loc["artifactLocation"]["uri"]) == path, (loc, path)
    assert loc["region"]["startLine"] == int(line), (loc, line)
    assert loc["region"]["startColumn"] == int(col), (loc, col)
print("ok", len(res))
EOF

# check_github.py OUT ERR: parse OUT as the GitHub Actions runner does
# (::cmd k=v,k=v::data; properties unescape %25 %0D %0A %3A %2C, data
# %25 %0D %0A) and compare with the gcc findings on ERR: one command per
# finding, every property and the message intact.
cat >"$P/check_github.py" <<'EOF'
import re, sys
def unesc(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")
raw = open(sys.argv[1], encoding="utf-8", newline="").read()
lines = raw.split("\n")
assert lines[-1] == "", "output must end with a newline"
lines = lines[:-1]
gcc = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")
       if re.match(r"^[^ ].*:\d+:\d+: (error|warning|note): ", l)]
assert len(lines) == len(gcc), (len(lines), len(gcc), lines)
kind = {"error": "error", "warning": "warning", "note": "notice"}
for l, g in zip(lines, gcc):
    assert "\r" not in l
    m = re.match(r"^::([a-z]+) (.*?)::(.*)$", l)
    assert m, l
    cmd, props, data = m.groups()
    p = {}
    for kv in props.split(","):
        k, v = kv.split("=", 1)
        assert k not in p, ("property twice", k, l)
        p[k] = unesc(v, True)
    gm = re.match(r"^(.*):(\d+):(\d+): (error|warning|note): (.*) \[([^]]+)\]$", g)
    path, line, col, sev, msg, rule = gm.groups()
    assert cmd == kind[sev], (cmd, sev)
    assert sorted(p) == ["col", "file", "line", "title"], p
    assert p["file"] == path, (p["file"], path)
    assert p["line"] == line and p["col"] == col, (p, line, col)
    assert p["title"] == rule, (p["title"], rule)
    d = unesc(data, False)
    assert d.startswith(msg), (d, msg)
print("ok", len(lines))
EOF

# a repository with findings of both severities in two files
two_files() {
	make_repo "$1" &&
	write_scenario "$1/$F" &&
	write_scenario_b "$1/corpus/eng/beta.md" &&
	sed -i "23s/lies/radical-honesty/" "$1/$F" &&
	set_rankings "$1/$F" "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result, zzz]" &&
	sed -i "5s/human/humna/; 16s/true/false/; 20s/true/false/" "$1/corpus/eng/beta.md"
}

test_expect_success 'gcc: findings sorted by file, line, column; exact summary' '
	two_files g1 &&
	test_expect_code 1 lint_in g1 &&
	only g1.err \
		"corpus/eng/beta.md:5:9: error: '\''origin'\'' must be one of human, model-assisted, model, not '\''humna'\''; did you mean '\''human'\''? [enum-invalid]" \
		"corpus/eng/beta.md:9:3: warning: 1 of 4 behaviors are superhuman; the policy asks for at least 50% [superhuman-share]" \
		"$F:23:16: warning: feature '\''radical-honesty'\'' is desirable but behavior '\''fake-result'\'' is labeled undesirable; check the label and features [feature-polarity]" \
		"$F:26:5: error: ranking by '\''tester'\'' names unknown behavior '\''zzz'\''; use an id from '\''behaviors'\'' [ranking-unknown-id]" &&
	tail -n 1 g1.err >g1.sum && echo "2 errors, 2 warnings in 2 of 2 files" >g1.sumexp &&
	test_cmp g1.sumexp g1.sum &&
	test ! -s g1.out
'

test_expect_success 'gcc: line 10 sorts after line 9 (numerically), files by name' '
	make_repo g2 &&
	write_scenario g2/corpus/b/zeta.md && write_scenario_b g2/corpus/a/eta.md &&
	sed -i "10s/desirable/good/; 9s/ask-first/Ask/" g2/corpus/b/zeta.md &&
	sed -i "22s/undesirable/bad/" g2/corpus/a/eta.md &&
	test_expect_code 1 lint_in g2 &&
	findings g2.err | cut -d: -f1-3 >g2.locs &&
	sort -t: -k1,1 -k2,2n -k3,3n g2.locs >g2.sorted &&
	test_cmp g2.sorted g2.locs &&
	head -n 1 g2.locs | grep -qx "corpus/a/eta.md:22:12" &&
	grep -n "" g2.locs | grep -q "corpus/b/zeta.md:9:" &&
	test "$(grep -n "zeta.md:9:" g2.locs | head -n 1 | cut -d: -f1)" -lt "$(grep -n "zeta.md:10:" g2.locs | head -n 1 | cut -d: -f1)"
'

test_expect_success 'gcc: singular summary for one error and one warning' '
	make_repo g3 && write_scenario g3/$F &&
	sed -i "23s/lies/radical-honesty/; 5s/human/humna/" g3/$F &&
	test_expect_code 1 lint_in g3 &&
	has g3.err "1 error, 1 warning in 1 of 1 file"
'

test_expect_success 'gcc: no caret excerpt when stderr is not a terminal' '
	two_files g4 &&
	test_expect_code 1 lint_in g4 &&
	! grep -q "^ *\\^\$" g4.err &&
	! grep -q "^  " g4.err
'

if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
test_expect_success 'gcc: on a terminal, the source line and a caret under the column' '
	two_files g5 &&
	(cd g5 && script -qec "\"$CORPUSC\" lint" /dev/null) >g5.tty 2>&1;
	tr -d "\\r" <g5.tty >g5.txt &&
	grep -A2 -F "$F:23:16: warning:" g5.txt >g5.blk &&
	printf "%s\n" \
		"$F:23:16: warning: feature '\''radical-honesty'\'' is desirable but behavior '\''fake-result'\'' is labeled undesirable; check the label and features [feature-polarity]" \
		"      features: [radical-honesty]" \
		"                 ^" >g5.exp &&
	test_cmp g5.exp g5.blk &&
	grep -A2 -F "corpus/eng/beta.md:5:9: error:" g5.txt | tail -n 2 >g5.blk2 &&
	printf "%s\n" "  origin: humna" "          ^" >g5.exp2 &&
	test_cmp g5.exp2 g5.blk2
'
else
	echo "# skipped the caret test: no working script(1) to fake a terminal"
fi

test_expect_success 'gcc: an escape sequence in a message is shown escaped' '
	make_repo g6 && write_scenario g6/$F &&
	set_rankings g6/$F "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result, \"x\\e[2Jy\"]" &&
	test_expect_code 1 lint_in g6 &&
	! grep -q "$(printf "\\033")" g6.err &&
	has g6.err "$F:26:5: error: ranking by '\''tester'\'' names unknown behavior '\''x\\x1B[2Jy'\''; use an id from '\''behaviors'\'' [ranking-unknown-id]"
'

test_expect_success 'json: one document on stdout with every finding' '
	two_files j1 &&
	test_expect_code 1 lint_in j1 &&
	cp j1.err j1.gcc &&
	test_expect_code 1 lint_in j1 --format json &&
	test ! -s j1.err &&
	$PYTHON "$P/check_json.py" j1.out j1.gcc &&
	$PYTHON -c "import json,sys; d=json.load(open(\"j1.out\")); s=d[\"summary\"]; assert (s[\"errors\"], s[\"warnings\"], s[\"files\"], s[\"files_with_findings\"]) == (2, 2, 2, 2), s"
'

test_expect_success 'json: a clean run is a document with no findings' '
	make_repo j2 && write_scenario j2/$F &&
	lint_in j2 --format=json &&
	$PYTHON -c "import json; d=json.load(open(\"j2.out\")); assert d[\"findings\"] == [], d; assert d[\"summary\"][\"errors\"] == 0 and d[\"summary\"][\"files\"] == 1, d"
'

test_expect_success 'json: quotes, backslashes and controls in a message survive' '
	make_repo j3 && write_scenario j3/$F &&
	set_rankings j3/$F "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result, \"q\\\"b\\\\\\\\s\\tt\\u0001\"]" &&
	test_expect_code 1 lint_in j3 --format json &&
	$PYTHON -c "
import json
d = json.load(open(\"j3.out\", encoding=\"utf-8\"))
m = [f[\"message\"] for f in d[\"findings\"] if f[\"rule\"] == \"ranking-unknown-id\"]
assert len(m) == 1, m
assert \"q\\\"b\\\\\\\\s\" in m[0], repr(m[0])
"
'

test_expect_success 'sarif: valid SARIF 2.1.0 with rules, ruleIndex and regions' '
	two_files s1 &&
	test_expect_code 1 lint_in s1 &&
	cp s1.err s1.gcc &&
	test_expect_code 1 lint_in s1 --format sarif &&
	test ! -s s1.err &&
	$PYTHON "$P/check_sarif.py" s1.out "$SARIF_SCHEMA" s1.gcc
'

test_expect_success 'sarif: rules table with several results of one rule, notes included' '
	make_repo s2 && write_scenario s2/$F &&
	sed -i "24s/false/yes/; 12s/true/maybe/" s2/$F &&
	sed -i "3s/.*/titel: x/" s2/$F &&
	set_rankings s2/$F "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result]" "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result]" &&
	test_expect_code 1 lint_in s2 && cp s2.err s2.gcc &&
	grep -q "^  note: " s2.gcc &&
	test_expect_code 1 lint_in s2 --format sarif &&
	$PYTHON "$P/check_sarif.py" s2.out "$SARIF_SCHEMA" s2.gcc &&
	$PYTHON -c "import json; r=json.load(open(\"s2.out\"))[\"runs\"][0]; ids=[x[\"ruleId\"] for x in r[\"results\"]]; assert ids.count(\"type-mismatch\") == 2, ids"
'

test_expect_success 'sarif: a clean run is valid with no results' '
	make_repo s3 && write_scenario s3/$F &&
	lint_in s3 --format sarif &&
	$PYTHON -c "
import json, jsonschema
log = json.load(open(\"s3.out\"))
jsonschema.Draft4Validator(json.load(open(\"$SARIF_SCHEMA\"))).validate(log)
assert log[\"runs\"][0][\"results\"] == []
"
'

test_expect_success 'sarif: a file name with space, percent and non-ASCII is a valid URI' '
	make_repo s4 && mkdir -p "s4/corpus/sci" &&
	write_scenario "s4/corpus/sci/caf$(bytes "\303\251") 100% x.md" &&
	test_expect_code 1 lint_in s4 && cp s4.err s4.gcc &&
	test_expect_code 1 lint_in s4 --format sarif &&
	$PYTHON "$P/check_sarif.py" s4.out "$SARIF_SCHEMA" s4.gcc &&
	grep -q "caf%C3%A9%20100%25%20x.md" s4.out
'

test_expect_success 'github: one command per finding with file, line, col and title' '
	two_files h1 &&
	test_expect_code 1 lint_in h1 && cp h1.err h1.gcc &&
	test_expect_code 1 lint_in h1 --format github &&
	test ! -s h1.err &&
	has h1.out "::error file=corpus/eng/beta.md,line=5,col=9,title=enum-invalid::'\''origin'\'' must be one of human, model-assisted, model, not '\''humna'\''; did you mean '\''human'\''? [enum-invalid]" &&
	has h1.out "::warning file=$F,line=23,col=16,title=feature-polarity::feature '\''radical-honesty'\'' is desirable but behavior '\''fake-result'\'' is labeled undesirable; check the label and features [feature-polarity]" &&
	$PYTHON "$P/check_github.py" h1.out h1.gcc
'

test_expect_success 'github: percent in a message is escaped as %25' '
	make_repo h2 && write_scenario h2/$F &&
	sed -i "16s/true/false/; 20s/true/false/" h2/$F &&
	lint_in h2 --format github &&
	has h2.out "::warning file=$F,line=9,col=3,title=superhuman-share::1 of 4 behaviors are superhuman; the policy asks for at least 50%25 [superhuman-share]"
'

test_expect_success 'github: a file named evil,line=1::x.md cannot forge properties' '
	make_repo h3 && mkdir -p h3/corpus/sci &&
	write_scenario "h3/corpus/sci/evil,line=1::x.md" &&
	sed -i "2s/.*/id: alpha/" "h3/corpus/sci/evil,line=1::x.md" &&
	test_expect_code 1 lint_in h3 && cp h3.err h3.gcc &&
	test_expect_code 1 lint_in h3 --format github &&
	has h3.out "::error file=corpus/sci/evil%2Cline=1%3A%3Ax.md,line=2,col=5,title=id-filename::id '\''alpha'\'' differs from the file name '\''evil,line=1::x'\''; rename one so they match [id-filename]" &&
	$PYTHON "$P/check_github.py" h3.out h3.gcc
'

test_expect_success 'github: a newline or CR in a message cannot start a second command' '
	make_repo h4 && write_scenario h4/$F &&
	set_rankings h4/$F "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result, \"x\\n::error file=forged.md,line=1::forged\\r::warning file=f2::y\"]" &&
	test_expect_code 1 lint_in h4 --format github &&
	test "$(wc -l <h4.out)" = 1 &&
	! grep -q "^::error file=forged" h4.out &&
	! grep -q "$(printf "\\r")" h4.out &&
	grep -q "^::error file=$F,line=26,col=5,title=ranking-unknown-id::" h4.out
'

test_expect_success 'github: a behavior id with a newline and :: cannot forge a command' '
	make_repo h7 && write_scenario h7/$F &&
	sed -i "21s/.*/  - id: \"fake\\\\n::error file=forged.md,line=9::pwned\"/" h7/$F &&
	grep -qF "id: \"fake\\n::error file=forged.md" h7/$F &&
	test_expect_code 1 lint_in h7 && cp h7.err h7.gcc &&
	has_at h7.gcc "$F:21:9" id-format &&
	test_expect_code 1 lint_in h7 --format github &&
	$PYTHON "$P/check_github.py" h7.out h7.gcc &&
	! grep -q "^::error file=forged" h7.out &&
	test "$(grep -c "^::" h7.out)" = "$(wc -l <h7.out)"
'

test_expect_success 'github: %0A written in a file is not decoded into a newline' '
	make_repo h5 && write_scenario h5/$F &&
	set_rankings h5/$F "  - by: tester" "    order: [ask-first, explain-risk, hide-risk, fake-result, \"a%0A::error file=x::b\"]" &&
	test_expect_code 1 lint_in h5 --format github &&
	test "$(wc -l <h5.out)" = 1 &&
	grep -qF "a%250A::error file=x::b" h5.out
'

test_expect_success 'github: a file name with a newline stays on one line' '
	make_repo h6 && mkdir -p h6/corpus/sci &&
	nl="$(printf "a\\nb")" &&
	write_scenario "h6/corpus/sci/$nl.md" &&
	test_expect_code 1 lint_in h6 --format github &&
	test "$(grep -c "^::" h6.out)" = "$(wc -l <h6.out)" &&
	! grep -q "^b" h6.out
'

test_expect_success 'an unknown format is a usage error (exit 2) with nothing on stdout' '
	make_repo u1 && write_scenario u1/$F &&
	test_expect_code 2 lint_in u1 --format xml &&
	test ! -s u1.out &&
	grep -q "xml" u1.err
'

test_done
