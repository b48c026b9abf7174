#!/bin/sh
# corpusc build, html/: every page of a release is valid HTML to an
# independent checker (validator.nu), carries the CSP meta and the canary,
# loads nothing from outside, and says what the JSONL records say; pages are
# byte-identical whatever the thread count (docs/format.md 5 `html/`, 5.4).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"
. "$REPO/tests/browser/lib-html.sh"

FIX=$TEST_WORK/fixture
PROJ=$TEST_WORK/project

test_expect_success 'the html test tools are installed (vnu, java)' '
	html_tools
'

test_expect_success 'build the fixture corpus and the project corpus' '
	build_fixture_corpus repo &&
	(cd repo && CORPUSC_JOBS=1 "$CORPUSC" build --out "$FIX") &&
	build_project "$PROJ" &&
	test -f "$(release_of "$FIX")/html/index.html" &&
	test -f "$(release_of "$PROJ")/html/index.html"
'

test_expect_success 'a page per scenario plus index, taxonomy, statistics, quests and rater guide' '
	for out in "$FIX" "$PROJ"; do
		rel=$(release_of "$out") &&
		n=$(cat "$rel"/data/scenarios/*.jsonl | wc -l) &&
		test "$(ls "$rel/html/s" | wc -l)" -eq "$n" &&
		for p in index taxonomy stats quests rater-guide; do test -s "$rel/html/$p.html" || exit 1; done &&
		test "$(ls "$rel/html" | LC_ALL=C sort | tr "\n" " ")" = "index.html quests.html rater-guide.html s search.js site.css site.js stats.html taxonomy.html " ||
		exit 1
	done
'

test_expect_success 'validator.nu finds no error on any page' '
	vnu "$(release_of "$FIX")/html" "$(release_of "$PROJ")/html"
'

test_expect_success 'every page: CSP, canary, landmarks, no inline script or style, nothing from outside' '
	"$PYTHON" "$REPO/tests/browser/check_pages.py" "$(release_of "$FIX")" &&
	"$PYTHON" "$REPO/tests/browser/check_pages.py" "$(release_of "$PROJ")"
'

test_expect_success 'the pages say what the records say (order, rankings, quests, counts)' '
	"$PYTHON" "$REPO/tests/browser/check_content.py" "$(release_of "$FIX")" &&
	"$PYTHON" "$REPO/tests/browser/check_content.py" "$(release_of "$PROJ")"
'

test_expect_success 'one stylesheet and two scripts (the index'"'"'s), all in the release' '
	rel=$(release_of "$FIX") &&
	grep -h -o "<link [^>]*>" "$rel"/html/*.html "$rel"/html/s/*.html | sort -u >links &&
	printf "%s\n" "<link rel=\"stylesheet\" href=\"../site.css\">" \
		"<link rel=\"stylesheet\" href=\"site.css\">" >expect &&
	test_cmp expect links &&
	grep -h -o "<script[^>]*>" "$rel"/html/*.html "$rel"/html/s/*.html | sort -u >scripts &&
	printf "%s\n" "<script src=\"search.js\">" "<script src=\"site.js\">" >expect &&
	test_cmp expect scripts &&
	test "$(grep -l "<script" "$rel"/html/*.html "$rel"/html/s/*.html)" = "$rel/html/index.html" &&
	! grep -l "url(\|@import\|http" "$rel/html/site.css" &&
	! grep -n "http\|eval(\|innerHTML\|document.write" "$rel/html/site.js" &&
	! grep -n "eval(\|innerHTML\|document.write\|<" "$rel/html/search.js"
'

test_expect_success 'the index lists everything without JavaScript; the filters wait for it' '
	rel=$(release_of "$FIX") &&
	grep -c "^<tr data-capabilities=" "$rel/html/index.html" >rows &&
	cat "$rel"/data/scenarios/*.jsonl | wc -l | tr -d " " >expect &&
	test_cmp expect rows &&
	grep -q "<form id=\"filters\" [^>]*hidden>" "$rel/html/index.html"
'

test_expect_success 'pages are byte-identical with 1, 2 and 5 threads' '
	(cd repo && CORPUSC_JOBS=2 "$CORPUSC" build --out "$TEST_WORK/j2") &&
	(cd repo && CORPUSC_JOBS=5 "$CORPUSC" build --out "$TEST_WORK/j5") &&
	diff -r "$(release_of "$FIX")/html" "$(release_of "$TEST_WORK/j2")/html" &&
	diff -r "$(release_of "$FIX")/html" "$(release_of "$TEST_WORK/j5")/html"
'

test_expect_success 'the manifest lists every page with its hash' '
	rel=$(release_of "$FIX") &&
	(cd "$rel" && find html -type f | LC_ALL=C sort) >files &&
	(cd "$rel" && grep " html/" SHA256SUMS | sed "s/^[0-9a-f]*  //") >listed &&
	test_cmp files listed &&
	(cd "$rel" && grep " html/" SHA256SUMS | sha256sum -c --quiet)
'

test_done
