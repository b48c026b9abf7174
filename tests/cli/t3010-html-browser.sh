#!/bin/sh
# The release's site in a real browser (Debian's chromium, headless, driven
# over the DevTools protocol by tests/browser/check_site.py with nothing but
# python3's standard library, so it runs on Debian 12's own packages): the index loads from
# file://, its search and filters narrow the table to the right rows, a row
# opens its scenario page, thoughts open, quest turns link on, the layout fits
# a 390px phone, the table is complete without JavaScript; a word found only
# in a scenario's thoughts finds it, the data links name files of the release,
# sorting shows arrows and aria-sort (on a phone through the Sort menu), the
# taxonomy contents stay in their columns at 1280 and 390px, and a rankings
# table wider than a phone scrolls inside its box; screenshots go to the work
# dir. No console message, page error, dialog, CSP violation or
# request to anything but file:// is allowed -- also on the injection corpus.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/browser/lib-html.sh"

test_expect_success 'the browser test tools are installed (python3, chromium)' '
	browser_tools
'

test_expect_success 'release the project corpus' '
	build_project "$TEST_WORK/project"
'

test_expect_success 'search, filters, sorting, data links, a scenario page, phone width, no JavaScript' '
	"$PYTHON" "$REPO/tests/browser/check_site.py" "$(release_of "$TEST_WORK/project")" "$TEST_WORK/shots" >site.out 2>&1
	rc=$?
	cat site.out
	test $rc -eq 0 && ! grep -q "^not ok" site.out && grep -q "^ok - no console messages" site.out
'

test_expect_success 'the screenshots are PNG files' '
	for s in index-desktop index-filtered-desktop index-search-desktop scenario-desktop taxonomy-desktop \
		index-phone index-sorted-phone scenario-phone stats-desktop; do
		test "$(head -c 8 "$TEST_WORK/shots/$s.png" | od -An -c | tr -d " \n")" = "211PNG\r\n032\n" || exit 1
	done
'

test_expect_success 'nine rankers and long ids: tables scroll in their box, taxonomy contents in columns' '
	write_wide_corpus widerepo &&
	(cd widerepo && "$CORPUSC" build --out "$TEST_WORK/wide-out") &&
	"$PYTHON" "$REPO/tests/browser/check_site.py" --tables "$(release_of "$TEST_WORK/wide-out")" "$TEST_WORK/wide-shots" >wide.out 2>&1
	rc=$?
	cat wide.out
	test $rc -eq 0 && grep -q "^ok - wide-rankings: the rankings table (9 rankers) scrolls" wide.out &&
	grep -q "^ok - the taxonomy contents. [0-9]* entries stay in their columns at 1280px" wide.out &&
	test -s "$TEST_WORK/wide-shots/rankings-phone.png"
'

test_expect_success 'the injection corpus: every page opened, nothing runs or loads' '
	write_injection_corpus repo &&
	(cd repo && "$CORPUSC" build --rules rules --out "$TEST_WORK/inj") &&
	"$PYTHON" "$REPO/tests/browser/check_site.py" --every-page "$(release_of "$TEST_WORK/inj")" "$TEST_WORK/inj-shots" >inj.out 2>&1
	rc=$?
	cat inj.out
	test $rc -eq 0 && grep -q "^ok - opened all 9 pages" inj.out
'

test_done
