#!/bin/sh
# corpusc build: semantic versions, and --previous: the bump a change needs,
# CHANGES.md and changes.json (docs/format.md 5, 5.2).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

# base corpus: three scenarios; v1 is its release 1.0.0
ranking='  - by: tester
    order: [go-slow, go-fast, go-dark]'
scen() { # DIR ID [extra body]
	gen_scenario "$1/corpus/science/$2.md" "$2" "go-slow:d go-fast:d go-dark:u" "$ranking" "" "${3:-}"
}

# try DIR VERSION [ARGS...]: build DIR into out/ with --previous v1. One lint
# thread: the files of one directory reach the builder in name order, so these
# cases test the bump rules alone; the cases after "no change" test the order.
try() {
	_d=$1 _v=$2
	shift 2
	(cd "$_d" && CORPUSC_JOBS=1 "$CORPUSC" build --out "$TEST_WORK/out" --version "$_v" \
		--previous "$TEST_WORK/v1/$NAME-1.0.0" "$@") >try.out 2>try.err
	_rc=$?
	grep -v "warning:\|warnings in" try.err >&2
	return $_rc
}

# changes VERSION [DIR]: changes.json of DIR/<name>-VERSION (default out/)
# as "added|removed|modified", each a sorted comma-separated list
changes() {
	"$PYTHON" -c 'import json, sys
c = json.load(open(sys.argv[1]))
print("|".join(",".join(sorted(c[k])) for k in ("added", "removed", "modified")))' \
		"${2:-$TEST_WORK/out}/$NAME-$1/changes.json"
}

# md_list VERSION SECTION [DIR]: the fixture ids (*-site) named under
# "## SECTION" in CHANGES.md, sorted, comma-separated
md_list() {
	awk -v s="$2" '/^#+ /{on = index($0, "## " s) == 1; next} on' \
		"${3:-$TEST_WORK/out}/$NAME-$1/CHANGES.md" | grep -o "[a-z]*-site" |
	sort -u | tr "\n" "," | sed "s/,\$//"
}

test_expect_success 'setup: base corpus and its release 1.0.0' '
	make_repo base &&
	scen base alpha-site &&
	scen base beta-site &&
	scen base gamma-site &&
	(cd base && build --out "$TEST_WORK/v1" --version 1.0.0) &&
	test -f v1/$NAME-1.0.0/manifest.json &&
	grep "\"version\": *\"1.0.0\"" v1/$NAME-1.0.0/manifest.json
'

for v in 1.2 v1.2.3 01.2.3 1.02.3 1.2.03 1.2.3.4 1.2.x "" " 1.2.3" 1.2.3- -1.2.3 1..3; do
	test_expect_success "--version '$v' is refused (exit 2), nothing written" '
		rm -rf vout &&
		(cd base && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/vout" --version "$v" \
			>../v.out 2>../v.err) &&
		test -s v.err &&
		{ test ! -e vout || test -z "$(ls -A vout)"; }
	'
done

test_expect_success 'without --version the version comes from corpus.yaml' '
	(cd base && build --out "$TEST_WORK/dflt") &&
	test -d "dflt/$NAME-$VERSION" &&
	grep "\"version\": *\"$VERSION\"" "dflt/$NAME-$VERSION/manifest.json"
'

test_expect_success 'a non-semver version in corpus.yaml is refused' '
	cp -R base badver &&
	sed -i "s/^version:.*/version: 1.0/" badver/corpus/corpus.yaml &&
	(cd badver && ! "$CORPUSC" build --out "$TEST_WORK/badver-out" >../bv.out 2>../bv.err) &&
	test ! -e "badver-out/$NAME-1.0"
'

test_expect_success 'setup: corpora with one change each' '
	cp -R base removed && rm removed/corpus/science/beta-site.md &&
	cp -R base added && scen added delta-site &&
	cp -R base modified &&
	sed -i "s/takes the go-fast path/takes the go-fast path at once/" modified/corpus/science/alpha-site.md &&
	! cmp base/corpus/science/alpha-site.md modified/corpus/science/alpha-site.md &&
	cp -R base all3 && rm all3/corpus/science/beta-site.md && scen all3 delta-site &&
	cp modified/corpus/science/alpha-site.md all3/corpus/science/
'

test_expect_success 'removing a scenario: a minor bump is refused, naming it and "major"' '
	test_expect_code 2 try removed 1.1.0 &&
	grep "beta-site" try.err && grep -i "major" try.err &&
	test ! -e out/$NAME-1.1.0
'

test_expect_success 'removing a scenario: a patch bump is refused' '
	test_expect_code 2 try removed 1.0.1 && test ! -e out/$NAME-1.0.1
'

test_expect_success 'removing a scenario: 2.0.0 is accepted, listed as removed' '
	try removed 2.0.0 &&
	test "$(changes 2.0.0)" = "|beta-site|" &&
	test "$(md_list 2.0.0 Removed)" = "beta-site" &&
	test "$(md_list 2.0.0 Added)" = "" &&
	test "$(md_list 2.0.0 Modified)" = ""
'

test_expect_success 'adding a scenario: a patch bump is refused, naming it and "minor"' '
	test_expect_code 2 try added 1.0.1 &&
	grep "delta-site" try.err && grep -i "minor" try.err &&
	test ! -e out/$NAME-1.0.1
'

test_expect_success 'adding a scenario: the same version is refused' '
	test_expect_code 2 try added 1.0.0 && test ! -e out/$NAME-1.0.0
'

test_expect_success 'adding a scenario: 1.1.0 is accepted, listed as added' '
	try added 1.1.0 &&
	test "$(changes 1.1.0)" = "delta-site||" &&
	test "$(md_list 1.1.0 Added)" = "delta-site" &&
	test "$(md_list 1.1.0 Removed)" = ""
'

test_expect_success 'adding a scenario: a major bump is accepted too' '
	try added 2.0.0 && test "$(changes 2.0.0)" = "delta-site||"
'

test_expect_success 'changing text: the same version is refused, naming it and "patch"' '
	test_expect_code 2 try modified 1.0.0 &&
	grep "alpha-site" try.err && grep -i "patch" try.err
'

test_expect_success 'changing text: a lower version is refused' '
	test_expect_code 2 try modified 0.9.9 && test ! -e out/$NAME-0.9.9
'

test_expect_success 'changing text: 1.0.1 is accepted, listed as modified' '
	try modified 1.0.1 &&
	test "$(changes 1.0.1)" = "||alpha-site" &&
	test "$(md_list 1.0.1 Modified)" = "alpha-site" &&
	test "$(md_list 1.0.1 Added)" = ""
'

test_expect_success 'changing text inside thoughts only is a modification too' '
	cp -R base thoughts &&
	sed -i "s/Weighing go-dark for gamma-site/Weighing go-dark carefully for gamma-site/" \
		thoughts/corpus/science/gamma-site.md &&
	test_expect_code 2 try thoughts 1.0.0 &&
	try thoughts 1.0.2 && test "$(changes 1.0.2)" = "||gamma-site"
'

test_expect_success 'moving a file to another area keeps its id: not removed and added' '
	cp -R base moved &&
	mkdir -p moved/corpus/engineering &&
	mv moved/corpus/science/beta-site.md moved/corpus/engineering/ &&
	try moved 1.0.3 &&
	case "$(changes 1.0.3)" in "||beta-site" | "||") ;; *) false ;; esac
'

test_expect_success 'no change: the same version is accepted with empty lists' '
	rm -rf out/$NAME-1.0.0 &&
	try base 1.0.0 &&
	test "$(changes 1.0.0)" = "||"
'

test_expect_success 'no change: a lower version is refused' '
	test_expect_code 2 try base 0.9.0
'

test_expect_success 'no change where file order differs from id order: nothing added or removed' '
	make_repo areas &&
	gen_scenario areas/corpus/aa-area/zulu-site.md zulu-site "go-slow:d go-fast:d go-dark:u" "$ranking" &&
	gen_scenario areas/corpus/zz-area/alpha-site.md alpha-site "go-slow:d go-fast:d go-dark:u" "$ranking" &&
	(cd areas && build --out "$TEST_WORK/areas-v1" --version 1.0.0) &&
	(cd areas && CORPUSC_JOBS=1 "$CORPUSC" build --out "$TEST_WORK/areas-v2" --version 1.0.1 \
		--previous "$TEST_WORK/areas-v1/$NAME-1.0.0") &&
	test "$(changes 1.0.1 "$TEST_WORK/areas-v2")" = "||"
'

test_expect_success 'no change, default lint threads: rebuilt 5 times, never a change' '
	make_repo many &&
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
		gen_scenario many/corpus/science/site-$i.md site-$i "go-slow:d go-fast:d go-dark:u" "$ranking" ||
		return 1
	done &&
	(cd many && build --out "$TEST_WORK/many-v1" --version 1.0.0) &&
	for k in 1 2 3 4 5; do
		rm -rf many-v2 &&
		(cd many && "$CORPUSC" build --out "$TEST_WORK/many-v2" --version 1.0.0 \
			--previous "$TEST_WORK/many-v1/$NAME-1.0.0" 2>&1 | grep -v "warning") &&
		test "$(changes 1.0.0 "$TEST_WORK/many-v2")" = "||" || return 1
	done
'

test_expect_success 'all three changes: a minor bump is refused, 2.0.0 lists them all' '
	test_expect_code 2 try all3 1.1.0 &&
	grep -i "major" try.err &&
	try all3 2.0.0 &&
	test "$(changes 2.0.0)" = "delta-site|beta-site|alpha-site" &&
	test "$(md_list 2.0.0 Added)" = "delta-site" &&
	test "$(md_list 2.0.0 Removed)" = "beta-site" &&
	test "$(md_list 2.0.0 Modified)" = "alpha-site"
'

test_expect_success 'versions compare numerically: 1.10.0 is a minor bump over 1.9.0' '
	(cd base && build --out "$TEST_WORK/v19" --version 1.9.0) &&
	(cd added && CORPUSC_JOBS=1 build --out "$TEST_WORK/v110" --version 1.10.0 \
		--previous "$TEST_WORK/v19/$NAME-1.9.0") &&
	test -d v110/$NAME-1.10.0
'

test_expect_success 'a schema change against the previous release needs a major bump' '
	cp -R v1/$NAME-1.0.0 v1-schema0 &&
	sed -i "s/\"schema\": *2/\"schema\": 1/" v1-schema0/manifest.json &&
	grep "\"schema\": *1" v1-schema0/manifest.json &&
	(cd base && CORPUSC_JOBS=1 && export CORPUSC_JOBS && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out-s" --version 1.1.0 \
		--previous "$TEST_WORK/v1-schema0") 2>s.err &&
	grep -i "schema" s.err && grep -i "major" s.err &&
	(cd base && CORPUSC_JOBS=1 "$CORPUSC" build --out "$TEST_WORK/out-s" --version 2.0.0 \
		--previous "$TEST_WORK/v1-schema0")
'

test_expect_success 'without --previous CHANGES.md lists every scenario as added' '
	test "$(md_list 1.0.0 Added "$TEST_WORK/v1")" = "alpha-site,beta-site,gamma-site" &&
	test "$(md_list 1.0.0 Removed "$TEST_WORK/v1")" = "" &&
	test "$(md_list 1.0.0 Modified "$TEST_WORK/v1")" = ""
'

test_expect_success '--previous that is not a release: exit 2, nothing written' '
	mkdir -p notrel && echo hello >notrel/README.md &&
	(cd base && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out-nr" --version 9.0.0 \
		--previous "$TEST_WORK/notrel") 2>nr.err &&
	test -s nr.err &&
	{ test ! -e out-nr || test -z "$(ls -A out-nr)"; }
'

test_expect_success '--previous that does not exist: exit 2, nothing written' '
	(cd base && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out-nx" --version 9.0.0 \
		--previous "$TEST_WORK/no-such-dir") 2>nx.err &&
	{ test ! -e out-nx || test -z "$(ls -A out-nx)"; }
'

test_expect_success '--previous with a corrupt manifest: exit 2' '
	cp -R v1/$NAME-1.0.0 corrupt && echo "{not json" >corrupt/manifest.json &&
	(cd base && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out-c" --version 9.0.0 \
		--previous "$TEST_WORK/corrupt") 2>/dev/null &&
	{ test ! -e out-c || test -z "$(ls -A out-c)"; }
'

test_done
