#!/bin/sh
# Golden tests: each tests/golden/<case>/ holds a corpus/ (corpus.yaml and
# lint-rules/ are taken from the repository unless the case has its own) and
#   expected.stderr  the gcc-format output of `corpusc lint corpus`
#   expected.exit    its exit status
#   expected.jsonl   (optional) the scenario records of `corpusc build`, every
#                    split, in id order
# compared byte for byte. GOLDEN_UPDATE=1 rewrites them (review the diff).
set -u
REPO=${REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
CORPUSC=${CORPUSC:-$REPO/build/corpusc}
n=0
for dir in "$REPO"/tests/golden/*/; do
	case=$(basename "$dir")
	[ -d "$dir/corpus" ] || continue
	n=$((n + 1))
	work=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX")
	cp -R "$dir/corpus" "$work/"
	if [ -d "$dir/lint-rules" ]; then cp -R "$dir/lint-rules" "$work/"; else cp -R "$REPO/lint-rules" "$work/"; fi
	[ -f "$work/corpus/corpus.yaml" ] || cp "$REPO/corpus/corpus.yaml" "$work/corpus/"
	(cd "$work" && "$CORPUSC" lint corpus >/dev/null 2>"$work/actual.stderr"; echo $? >"$work/actual.exit")
	ok=1
	if [ -f "$dir/expected.jsonl" ] || [ "${GOLDEN_JSONL:-}" = "$case" ]; then
		(cd "$work" && SOURCE_DATE_EPOCH=0 "$CORPUSC" build --out out corpus >/dev/null 2>&1 &&
			cat out/*/data/scenarios/*.jsonl | LC_ALL=C sort >"$work/actual.jsonl")
	fi
	if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$work/actual.stderr" "$dir/expected.stderr"
		cp "$work/actual.exit" "$dir/expected.exit"
		[ -f "$work/actual.jsonl" ] && cp "$work/actual.jsonl" "$dir/expected.jsonl"
	fi
	for f in stderr exit jsonl; do
		[ -f "$dir/expected.$f" ] || continue
		if ! diff -u "$dir/expected.$f" "$work/actual.$f" >"$work/diff.$f" 2>&1; then
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		echo "ok $n - golden $case"
	else
		echo "not ok $n - golden $case"
		cat "$work"/diff.* | head -40 | sed 's/^/#   /'
	fi
	rm -rf "$work"
done
