#!/bin/sh
# The test runner behind `make check`. Runs the suites and ends with the line
#   N passed, N failed
# counting real test cases (unit assertions, CLI cases, golden cases).
#   sh tests/run.sh [unit|cli|golden]...     (default: all)
# Environment: BUILDDIR (default build), GOLDEN_UPDATE=1 rewrites golden files.
set -u
cd "$(dirname "$0")/.." || exit 2
REPO=$(pwd)
BUILDDIR=${BUILDDIR:-build}
case $BUILDDIR in /*) ;; *) BUILDDIR=$REPO/$BUILDDIR ;; esac
CORPUSC=$BUILDDIR/corpusc
export REPO BUILDDIR CORPUSC
# Debian's python3 has python3-jsonschema; prefer it over a user's own python
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi
SHARED=${SHARED:-$REPO/../shared}
# the OASIS SARIF schema: the shared copy beside the checkout, else ours
SARIF_SCHEMA=$SHARED/schemas/sarif-schema-2.1.0.json
[ -f "$SARIF_SCHEMA" ] || SARIF_SCHEMA=$REPO/tests/schemas/sarif-schema-2.1.0.json
export PYTHON SHARED SARIF_SCHEMA
export LC_ALL=C TZ=UTC
unset SOURCE_DATE_EPOCH

TMPROOT=$(mktemp -d "${TMPDIR:-/tmp}/corpusc-tests.XXXXXX") || exit 2
trap 'rm -rf "$TMPROOT"' EXIT INT TERM
export TMPROOT
passed=0
failed=0
failures=$TMPROOT/failures
: >"$failures"

suites=${*:-unit cli golden}

count_tap() { # file -> adds ok/not ok counts
	p=$(grep -c '^ok ' "$1" || true)
	f=$(grep -c '^not ok ' "$1" || true)
	passed=$((passed + p))
	failed=$((failed + f))
	grep '^not ok ' "$1" >>"$failures" || true
}

run_unit() {
	for t in "$BUILDDIR"/tests/test_*; do
		[ -x "$t" ] || continue
		out=$TMPROOT/unit.$(basename "$t").out
		"$t" >"$out" 2>&1
		rc=$?
		count_tap "$out"
		if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
			# crashed or failed without saying which case
			failed=$((failed + 1))
			echo "not ok - $(basename "$t") exited $rc" >>"$failures"
			tail -5 "$out" >>"$failures"
		fi
		echo "unit  $(basename "$t"): $(grep -c '^ok ' "$out" || true) ok, $(grep -c '^not ok ' "$out" || true) failed" >&2
	done
}

run_cli() {
	for t in tests/cli/t[0-9]*.sh; do
		[ -f "$t" ] || continue
		out=$TMPROOT/cli.$(basename "$t").out
		work=$TMPROOT/cli.$(basename "$t" .sh)
		mkdir -p "$work"
		(cd "$work" && TEST_NAME=$(basename "$t" .sh) TEST_WORK=$work sh "$REPO/$t") >"$out" 2>&1
		rc=$?
		count_tap "$out"
		if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
			failed=$((failed + 1))
			echo "not ok - $t exited $rc" >>"$failures"
			tail -5 "$out" >>"$failures"
		fi
		echo "cli   $(basename "$t"): $(grep -c '^ok ' "$out" || true) ok, $(grep -c '^not ok ' "$out" || true) failed" >&2
	done
}

run_golden() {
	out=$TMPROOT/golden.out
	sh tests/golden/run.sh >"$out" 2>&1
	count_tap "$out"
	echo "golden: $(grep -c '^ok ' "$out" || true) ok, $(grep -c '^not ok ' "$out" || true) failed" >&2
}

[ -x "$CORPUSC" ] || { echo "tests: $CORPUSC is missing; run make first" >&2; exit 2; }
for s in $suites; do
	case $s in
	unit) run_unit ;;
	cli) run_cli ;;
	golden) run_golden ;;
	*) echo "tests: unknown suite '$s'" >&2; exit 2 ;;
	esac
done
if [ -s "$failures" ]; then
	echo "--- failures" >&2
	cat "$failures" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
