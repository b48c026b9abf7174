#!/bin/sh
# The test runner behind `make check`. Runs the suites and ends with the line
#   N passed, N failed
# counting real test cases (unit assertions, CLI cases, golden cases). Every
# failing case is listed again under "--- failures" at the end, with the tail
# of its own log, so the reason survives the deleted scratch folder.
#   sh tests/run.sh [(unit|cli|golden|<test>)...]     (default: all suites)
# A <test> is one CLI script (t4030-hostile-regex, t4030, or its path) or one
# unit binary (test_rules); `make check T=<test>` passes it here.
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
	# each "not ok" line with the "#   " lines of its log that follow it
	awk '/^not ok /{ p = 1; print; next } /^ok /{ p = 0 } p && /^#   /' "$1" >>"$failures"
}

# no_verdict NAME RC OUT: a program that failed without a "not ok" line
# (a crash, a syntax error, a missing tool) counts as one failure, with the
# end of its output
no_verdict() {
	failed=$((failed + 1))
	echo "not ok - $1 exited $2" >>"$failures"
	tail -20 "$3" | sed 's/^/#   /' >>"$failures"
}

unit_one() { # the path of a unit test binary
	out=$TMPROOT/unit.$(basename "$1").out
	"$1" >"$out" 2>&1
	rc=$?
	count_tap "$out"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
		no_verdict "$(basename "$1")" $rc "$out"
	fi
	echo "unit  $(basename "$1"): $(grep -c '^ok ' "$out" || true) ok, $(grep -c '^not ok ' "$out" || true) failed" >&2
}

run_unit() {
	# the binaries of tests/unit/*.c only: one left from a deleted test is not a test
	for src in tests/unit/test_*.c; do
		t=$BUILDDIR/tests/$(basename "$src" .c)
		[ -x "$t" ] || continue
		unit_one "$t"
	done
}

cli_one() { # tests/cli/tNNNN-....sh
	out=$TMPROOT/cli.$(basename "$1").out
	work=$TMPROOT/cli.$(basename "$1" .sh)
	mkdir -p "$work"
	(cd "$work" && TEST_NAME=$(basename "$1" .sh) TEST_WORK=$work sh "$REPO/$1") >"$out" 2>&1
	rc=$?
	count_tap "$out"
	if [ $rc -ne 0 ] && ! grep -q '^not ok ' "$out"; then
		no_verdict "$1" $rc "$out"
	fi
	echo "cli   $(basename "$1"): $(grep -c '^ok ' "$out" || true) ok, $(grep -c '^not ok ' "$out" || true) failed" >&2
}

run_cli() {
	for t in tests/cli/t[0-9]*.sh; do
		[ -f "$t" ] || continue
		cli_one "$t"
	done
}

# run_named NAME: one CLI script or unit binary, by name, number or path
run_named() {
	_n=$(basename "$1")
	_n=${_n%.sh}
	set -- tests/cli/"$_n".sh
	[ -f "$1" ] || set -- tests/cli/"$_n"-*.sh
	if [ $# -eq 1 ] && [ -f "$1" ]; then
		cli_one "$1"
		return
	fi
	if [ $# -gt 1 ]; then
		echo "tests: '$_n' names more than one script: $*" >&2
		exit 2
	fi
	for _u in "$BUILDDIR/tests/$_n" "$BUILDDIR/tests/test_$_n"; do
		if [ -x "$_u" ] && [ -f "$_u" ]; then
			unit_one "$_u"
			return
		fi
	done
	echo "tests: no test named '$_n' (a suite unit, cli or golden; a script under tests/cli/; or a unit binary under $BUILDDIR/tests/)" >&2
	exit 2
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
	*) run_named "$s" ;;
	esac
done
if [ -s "$failures" ]; then
	echo "--- failures" >&2
	cat "$failures" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
