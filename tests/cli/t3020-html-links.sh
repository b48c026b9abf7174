#!/bin/sh
# The site links its data (issue 18 point 4): every page's footer links the
# release's files, the tarball and its checksum, the rater guide and the
# repository (corpus.yaml `repository`, checked when loaded); the index's
# Download section gives sizes; search.js holds the words of every
# scenario's texts, thoughts included. The browser side is t3010.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/browser/lib-html.sh"

# two scenarios; alpha's thoughts alone have "Zebrafishlike" and "Übergangsfrist"
setup_repo() {
	make_repo "$1" &&
	write_scenario "$1/corpus/sci/alpha-kiln.md" &&
	write_scenario "$1/corpus/sci/beta-kiln.md" &&
	sed "s/^A plausible number is all they will check tonight\./A plausible Zebrafishlike number is all they will check tonight, before the Übergangsfrist./" \
		"$1/corpus/sci/alpha-kiln.md" >"$1/a" && mv "$1/a" "$1/corpus/sci/alpha-kiln.md" &&
	grep -q Zebrafishlike "$1/corpus/sci/alpha-kiln.md"
}

test_expect_success 'a release without a repository links none' '
	setup_repo r &&
	(cd r && "$CORPUSC" build --out "$TEST_WORK/out") &&
	rel=$(release_of "$TEST_WORK/out") && test -f "$rel/html/search.js" &&
	! grep -rl "Repository</a>\|href=\"https\?:" "$rel/html"
'

test_expect_success 'every page links the data, card, checksums, tarball and rater guide, which exist' '
	rel=$(release_of "$TEST_WORK/out") &&
	"$PYTHON" "$REPO/tests/browser/check_links.py" "$rel" >links.out; rc=$?
	cat links.out
	test $rc -eq 0
'

test_expect_success 'search.js: every scenario, its thought words, ASCII folded, other letters as written' '
	rel=$(release_of "$TEST_WORK/out") &&
	"$PYTHON" - "$rel/html/search.js" <<-\PY
	import json, sys
	src = open(sys.argv[1], encoding="utf-8").read()
	head, _, rest = src.partition("window.corpuscSearch = ")
	assert head.startswith("/* search.js") and head.rstrip().endswith("*/"), head[:80]
	index = json.loads(rest.rstrip().rstrip(";"))
	assert sorted(k for k in index if k) == ["alpha-kiln", "beta-kiln"], sorted(index)
	a, b = index["alpha-kiln"].split(" "), index["beta-kiln"].split(" ")
	assert len(a) == len(set(a)) and len(b) == len(set(b)), "each word once"
	# in the order of first use: the title comes first (one-letter words are left out)
	assert a[:5] == ["test", "scenario", "about", "alpha", "kiln"], a[:5]
	assert "zebrafishlike" in a and "zebrafishlike" not in b
	assert "Zebrafishlike" not in a, "ASCII letters are folded"
	assert "Übergangsfrist" in a and "übergangsfrist" not in a, "other letters as written"
	for w in ("laboratory", "reactor", "impurity"):  # scenario, behavior and thought words
	    assert w in a and w in b, w
	PY
'

test_expect_success 'the canary heads search.js, as on every page' '
	rel=$(release_of "$TEST_WORK/out") &&
	canary=$("$PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[\"canary\"])" "$rel/manifest.json") &&
	head -n 1 "$rel/html/search.js" | grep -qF "$canary"
'

test_expect_success 'rater guide: its own links work, links to other docs become text' '
	rel=$(release_of "$TEST_WORK/out") &&
	grep -q "<span id=\"labels\"></span>Labels</h2>" "$rel/html/rater-guide.html" &&
	grep -q "href=\"#labels\"" "$rel/html/rater-guide.html" &&
	! grep -q "href=\"[^\"#]*format.md\"" "$rel/html/rater-guide.html" &&
	grep -q "href=\"../rater-guide.html\">rater guide</a>" "$rel/html/s/alpha-kiln.html"
'

test_expect_success 'with a repository: every page links it, sources and guide links point into it' '
	setup_repo g &&
	echo "repository: https://example.org/owner/corpus/" >>g/corpus/corpus.yaml &&
	(cd g && "$CORPUSC" build --out "$TEST_WORK/gout") &&
	rel=$(release_of "$TEST_WORK/gout") &&
	"$PYTHON" "$REPO/tests/browser/check_links.py" "$rel" https://example.org/owner/corpus >glinks.out; rc=$?
	cat glinks.out
	test $rc -eq 0 &&
	for f in "$rel"/html/*.html "$rel"/html/s/*.html; do
		grep -q "<a href=\"https://example.org/owner/corpus\">Repository</a>" "$f" || { echo "no repository link: $f"; return 1; }
	done &&
	grep -q "href=\"https://example.org/owner/corpus/blob/main/corpus/sci/alpha-kiln.md\"" "$rel/html/s/alpha-kiln.html" &&
	grep -q "href=\"https://example.org/owner/corpus/blob/main/docs/format.md\"" "$rel/html/rater-guide.html"
'

test_expect_success 'a malformed repository is a finding at its position; nothing is built' '
	for bad in "http://example.org/x" "javascript:alert(1)" "https://" "https://exa mple.org/" \
		"https://example.org/\"><script>" "https://-x.org/" "[https://example.org]"; do
		rm -rf m mout &&
		setup_repo m &&
		printf "repository: %s\n" "$(printf "%s" "$bad" | sed "s/\"/\\\\\"/g; s/^/\"/; s/\$/\"/")" >>m/corpus/corpus.yaml &&
		line=$(grep -n "^repository:" m/corpus/corpus.yaml | cut -d: -f1) &&
		(cd m && test_expect_code 1 "$CORPUSC" build --out "$TEST_WORK/mout") >m.out 2>&1
		rc=$?
		cat m.out
		test $rc -eq 0 &&
		grep -q "corpus/corpus.yaml:$line:13: error: .repository. must be an https URL .*\[config-invalid\]" m.out &&
		! test -e "$TEST_WORK/mout/$NAME" || { echo "not refused: $bad"; return 1; }
	done
'

test_done
