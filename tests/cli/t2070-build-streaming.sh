#!/bin/sh
# corpusc build streams its records in id order (issue 7): files are checked
# in the order of the id each must have, results are written through a
# window, and what the site and the checksums need goes to a temporary file.
# The order of every file must still be exact, whatever the directories and
# the thread count, and nothing temporary may be left in the release.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

ranks=$(printf '  - by: tester\n    order: [ask, tell, hide]')
behs="ask:d tell:d hide:u"

# ids where path order and id order disagree: "a-b.html" sorts before
# "a.html" ('-' < '.'), and areas put later ids in earlier directories
make_prefix_corpus() {
	make_repo "$1" &&
	for spec in zz/a aa/a-b mm/a-b-c bb/a-c cc/a0 aa/b dd/b-1 ee/b-1-x; do
		gen_scenario "$1/corpus/${spec%/*}/${spec#*/}.md" "${spec#*/}" "$behs" "$ranks" ||
		return 1
	done
}

REL=$(release_dir "$TEST_WORK/out")
export REL

test_expect_success 'ids that prefix each other, in directories out of id order' '
	make_prefix_corpus repo &&
	(cd repo && "$CORPUSC" lint corpus) &&
	(cd repo && build --out "$TEST_WORK/out") &&
	test -d "$REL"
'

test_expect_success 'each split of scenarios and comparisons is in id order' '
	py_check <<-\EOF
	import json, os
	every = []
	for sp in SPLITS:
	    ids = [json.loads(l)["id"] for l in open(os.path.join(REL, "data/scenarios/%s.jsonl" % sp))]
	    eq(ids, sorted(ids), "scenario order")
	    every += ids
	    cids = [json.loads(l)["scenario_id"]
	            for l in open(os.path.join(REL, "data/comparisons/%s.jsonl" % sp))]
	    eq(cids, [i for i in ids for _ in range(3)], "three pairs per scenario, in id order")
	eq(sorted(every), ["a", "a-b", "a-b-c", "a-c", "a0", "b", "b-1", "b-1-x"], "the ids")
	EOF
'

test_expect_success 'SHA256SUMS and the manifest list every file once, in byte order of path' '
	sed "s/^[0-9a-f]\{64\}  //" "$REL/SHA256SUMS" >listed &&
	LC_ALL=C sort listed >sorted &&
	test_cmp sorted listed &&
	grep -x "html/s/a-b-c.html" listed &&
	test "$(grep -n "^html/s/a-b.html\$" listed | cut -d: -f1)" -lt \
	     "$(grep -n "^html/s/a.html\$" listed | cut -d: -f1)" &&
	(cd "$REL" && sha256sum -c --strict --quiet SHA256SUMS) &&
	py_check <<-\EOF
	import json, os
	m = json.load(open(os.path.join(REL, "manifest.json")))
	paths = [f["path"] for f in m["files"]]
	eq(paths, sorted(paths, key=lambda p: p.encode()), "manifest order")
	eq(len(paths), len(set(paths)), "no path twice")
	eq(sum(p.startswith("html/s/") for p in paths), 8, "one page per scenario")
	EOF
'

test_expect_success 'no temporary file is left in the release or beside it' '
	find "$TEST_WORK/out" -name ".*" >hidden &&
	test_cmp /dev/null hidden
'

test_expect_success 'more files than the commit window, on 1, 2 and 7 threads: the same release' '
	make_repo many &&
	i=0 &&
	while test $i -lt 150; do
		gen_scenario "many/corpus/area$((i % 7))/case-$i.md" "case-$i" "$behs" "$ranks" ||
		return 1
		i=$((i + 1))
	done &&
	for j in 1 2 7; do
		(cd many && CORPUSC_JOBS=$j build --out "$TEST_WORK/many$j") || return 1
	done &&
	diff -r "$TEST_WORK/many1" "$TEST_WORK/many2" &&
	diff -r "$TEST_WORK/many1" "$TEST_WORK/many7" &&
	test "$(cat "$(release_dir "$TEST_WORK/many1")"/data/scenarios/*.jsonl | wc -l)" -eq 150
'

test_expect_success 'the index, taxonomy and statistics pages count every scenario' '
	R=$(release_dir "$TEST_WORK/many1") &&
	grep -c "<tr data-capabilities=" "$R/html/index.html" >rows &&
	echo 150 >want && test_cmp want rows &&
	grep -q "<strong>150</strong><span>scenarios</span>" "$R/html/stats.html" &&
	grep -q "<strong>450</strong><span>behaviors</span>" "$R/html/stats.html" &&
	grep -q "Scenarios (150)" "$R/html/taxonomy.html" &&
	grep -q "Behaviors (300)" "$R/html/taxonomy.html" &&
	grep -q "Behaviors (150)" "$R/html/taxonomy.html" &&
	test "$(grep -c "<li><a href=\"s/case-" "$R/html/taxonomy.html")" -eq 450
'

# scenarios.jsonl and comparisons.jsonl go out in aligned blocks with
# O_DIRECT where the file system allows it, the tail through the page cache
test_expect_success 'JSONL files of several megabytes: whole, hashed as written, the same on 1 and 2 threads' '
	python3 "$REPO/bench/gen.py" big 300 7 &&
	for j in 1 2; do
		(cd big && CORPUSC_JOBS=$j build --out "$TEST_WORK/big$j") || return 1
	done &&
	diff -r "$TEST_WORK/big1" "$TEST_WORK/big2" &&
	BIG=$(release_dir "$TEST_WORK/big1") &&
	(cd "$BIG" && sha256sum -c --strict --quiet SHA256SUMS) &&
	REL=$BIG py_check <<-\EOF
	size = os.path.getsize(os.path.join(REL, "data/comparisons/train.jsonl"))
	check(size > 3 * 1024 * 1024, "the comparisons of the train split span several buffers: %d bytes" % size)
	check(size % 4096 != 0, "and ends in a partial block")
	comps = load("comparisons.jsonl")
	ids = [s["id"] for s in load("scenarios.jsonl")]
	eq(len(ids), 300, "every scenario")
	eq(ids, sorted(ids), "in id order")
	m = json.load(open(os.path.join(REL, "manifest.json")))
	eq(m["counts"]["comparisons"]["total"], len(comps), "the manifest counts every comparison line")
	EOF
'

test_expect_success 'a build reports near-duplicates from the signatures it keeps on disk' '
	make_repo dup &&
	gen_scenario dup/corpus/aa/first-copy.md first-copy "$behs" "$ranks" &&
	mkdir -p dup/corpus/bb &&
	sed "s/^id: first-copy/id: second-copy/" dup/corpus/aa/first-copy.md >dup/corpus/bb/second-copy.md &&
	(cd dup && build --out "$TEST_WORK/dupout") &&
	test -d "$(release_dir "$TEST_WORK/dupout")" &&
	for f in build.out build.err; do cat dup/$f; done >dup/all &&
	grep "^corpus/aa/first-copy.md:2:5: warning: scenario is [0-9]*% similar to corpus/bb/second-copy.md" dup/all &&
	grep "^corpus/bb/second-copy.md:2:5: warning: scenario is [0-9]*% similar to corpus/aa/first-copy.md" dup/all &&
	(cd dup && "$CORPUSC" lint corpus >lint.out 2>&1; true) &&
	grep -c "near-duplicate" dup/lint.out >n &&
	echo 2 >want && test_cmp want n
'

test_done
