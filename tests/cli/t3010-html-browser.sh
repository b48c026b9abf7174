#!/bin/sh
# The release's site in a real browser (Debian's chromium, headless, driven
# over the DevTools protocol by tests/browser/check_site.py with nothing but
# python3's standard library, so it runs on Debian 12's own packages): the index loads from
# file://, its search and filters narrow the table to the right rows, a row
# opens its scenario page, thoughts open, quest turns link on, the layout fits
# a 375px phone, the table is complete without JavaScript; screenshots go to
# the work dir. No console message, page error, dialog, CSP violation or
# request to anything but file:// is allowed -- also on the injection corpus.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/browser/lib-html.sh"

test_expect_success 'the browser test tools are installed (python3, chromium)' '
	browser_tools
'

test_expect_success 'release the project corpus' '
	build_project "$TEST_WORK/project"
'

test_expect_success 'search, filters, sorting, a scenario page, phone width, no JavaScript' '
	"$PYTHON" "$REPO/tests/browser/check_site.py" "$(release_of "$TEST_WORK/project")" "$TEST_WORK/shots" >site.out 2>&1
	rc=$?
	cat site.out
	test $rc -eq 0 && ! grep -q "^not ok" site.out && grep -q "^ok - no console messages" site.out
'

test_expect_success 'the screenshots are PNG files' '
	for s in index-desktop index-filtered-desktop scenario-desktop index-phone scenario-phone stats-desktop; do
		test "$(head -c 8 "$TEST_WORK/shots/$s.png" | od -An -c | tr -d " \n")" = "211PNG\r\n032\n" || exit 1
	done
'

test_expect_success 'the injection corpus: every page opened, nothing runs or loads' '
	write_injection_corpus repo &&
	(cd repo && "$CORPUSC" build --rules rules --out "$TEST_WORK/inj") &&
	"$PYTHON" "$REPO/tests/browser/check_site.py" --every-page "$(release_of "$TEST_WORK/inj")" "$TEST_WORK/inj-shots" >inj.out 2>&1
	rc=$?
	cat inj.out
	test $rc -eq 0 && grep -q "^ok - opened all 8 pages" inj.out
'

test_done
