#!/bin/sh
# Hostile input, issue 8: the environment of the CI machine. Other time zones
# (UTC+14, UTC-3:30, a made-up POSIX rule), other locales (German and Turkish
# number and case rules, a non-UTF-8 charset) and a strict umask give
# byte-identical lint output, release files, file modes and archive; a
# SOURCE_DATE_EPOCH that is not a non-negative decimal integer is refused
# (exit 2) before anything is written. Missing locales are compiled with
# localedef into $TEST_WORK (LOCPATH); a locale that cannot be built is
# reported as skipped in the case's log.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/hostile-lib.sh"

REL=$(sed -n 's/^name:[[:space:]]*//p' "$REPO/corpus/corpus.yaml")-$(sed -n 's/^version:[[:space:]]*//p' "$REPO/corpus/corpus.yaml")
BASE="LC_ALL=C LANG=C TZ=UTC SOURCE_DATE_EPOCH=1700000000"

# fixture DIR: a corpus with non-ASCII text, three rankers (fractional
# agreement, ties) and a two-turn quest.
fixture() {
	make_repo "$1" &&
	write_scenario "$1/corpus/sci/alpha.md" "  - by: second
    order: [explain-risk, ask-first, fake-result, hide-risk]
  - by: third
    order: [[ask-first, explain-risk], fake-result, hide-risk]
" &&
	sed -i "3s/.*/title: Überprüfung İstanbul ıi 中文 — 3,5 % Ärger/" "$1/corpus/sci/alpha.md" &&
	sed -i "33s/overnight/overnight (Größe 1.234,5 kg; İIıi)/" "$1/corpus/sci/alpha.md" &&
	write_scenario "$1/corpus/quests/q/01-first.md" "quest: q
turn: 1
chosen: ask-first
" &&
	printf "\n## Consequences\n\nThe batch finished at 03:00 local time, 1.5 hours early.\n" \
		>>"$1/corpus/quests/q/01-first.md" &&
	write_scenario "$1/corpus/quests/q/02-second.md" "quest: q
turn: 2
chosen: ask-first
"
}

# variant NAME: build and lint a fresh copy of the fixture in the
# environment HENV (and umask UMASK), then compare with the baseline.
variant() {
	fixture "$1" &&
	( umask "${UMASK:-022}" && hrun "$1" 0 build --out out ) &&
	hrun "$1" 0 lint && cp "$1.err" "$1.gcc" &&
	hrun "$1" 0 lint --format json && cp "$1.out" "$1.json" &&
	hrun "$1" 0 lint --format sarif && cp "$1.out" "$1.sarif" &&
	diff -r base/out/$REL "$1/out/$REL" &&
	test_cmp base.modes "$(modes "$1")" &&
	test_cmp base.gcc "$1.gcc" && test_cmp base.json "$1.json" && test_cmp base.sarif "$1.sarif"
}

# modes DIR: DIR.modes lists every path of the release with its mode.
modes() {
	(cd "$1/out/$REL" && find . -printf "%m %y %p\n" | LC_ALL=C sort) >"$1.modes" &&
	echo "$1.modes"
}

# need_locale NAME SOURCE CHARSET: NAME usable (installed, or built with
# localedef into $TEST_WORK/loc); prints the LOCPATH word to use, if any.
# The locale must really be in effect: its decimal point is a comma.
need_locale() {
	_lp=
	if ! locale -a 2>/dev/null | grep -qix "$(echo "$1" | sed "s/UTF-8/utf8/")"; then
		mkdir -p "$TEST_WORK/loc" &&
		{ [ -d "$TEST_WORK/loc/$1" ] || localedef -i "$2" -f "$3" "$TEST_WORK/loc/$1" >/dev/null 2>&1; } &&
		[ -d "$TEST_WORK/loc/$1" ] || return 1
		_lp="LOCPATH=$TEST_WORK/loc"
	fi
	# shellcheck disable=SC2086
	_dp=$(env $_lp LC_ALL="$1" "$PYTHON" -c "import locale; locale.setlocale(locale.LC_ALL, \"\"); print(locale.localeconv()[\"decimal_point\"])") &&
	[ "$_dp" = , ] && echo "$_lp"
}

test_expect_success 'baseline: build and lint the fixture in C, UTC, umask 022' '
	fixture base &&
	( umask 022 && HENV=$BASE hrun base 0 build --out out ) &&
	HENV=$BASE hrun base 0 lint && cp base.err base.gcc &&
	grep -F "[near-duplicate]" base.gcc &&
	HENV=$BASE hrun base 0 lint --format json && cp base.out base.json &&
	HENV=$BASE hrun base 0 lint --format sarif && cp base.out base.sarif &&
	modes base >/dev/null &&
	grep -F "\"date\": \"2023-11-14T22:13:20Z\"" base/out/$REL/manifest.json &&
	cat base/out/$REL/data/scenarios/*.jsonl | grep -F "Überprüfung İstanbul"
'

test_expect_success 'TZ=Pacific/Kiritimati (UTC+14): byte-identical release and lint output' '
	HENV="LC_ALL=C TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=1700000000" variant kiri
'

test_expect_success 'TZ=America/St_Johns (UTC-3:30) and a made-up POSIX TZ rule: byte-identical' '
	HENV="LC_ALL=C TZ=America/St_Johns SOURCE_DATE_EPOCH=1700000000" variant stj &&
	HENV="LC_ALL=C TZ=XXX-13:45YYY,M3.2.0,M11.1.0 SOURCE_DATE_EPOCH=1700000000" variant posixtz
'

test_expect_success 'LC_ALL=de_DE.UTF-8 (decimal comma): byte-identical' '
	lp=$(need_locale de_DE.UTF-8 de_DE UTF-8) || { echo "skipped: no de_DE.UTF-8"; exit 0; }
	HENV="$lp LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 TZ=Europe/Berlin SOURCE_DATE_EPOCH=1700000000" variant de
'

test_expect_success 'LC_ALL=tr_TR.UTF-8 (dotted and dotless i): byte-identical' '
	lp=$(need_locale tr_TR.UTF-8 tr_TR UTF-8) || { echo "skipped: no tr_TR.UTF-8"; exit 0; }
	HENV="$lp LC_ALL=tr_TR.UTF-8 LANG=tr_TR.UTF-8 TZ=Europe/Istanbul SOURCE_DATE_EPOCH=1700000000" variant tr
'

test_expect_success 'LC_ALL=tr_TR.ISO-8859-9 (a non-UTF-8 charset): byte-identical' '
	lp=$(need_locale tr_TR.ISO-8859-9 tr_TR ISO-8859-9) || { echo "skipped: no tr_TR.ISO-8859-9"; exit 0; }
	HENV="$lp LC_ALL=tr_TR.ISO-8859-9 TZ=Asia/Kathmandu SOURCE_DATE_EPOCH=1700000000" variant trl
'

test_expect_success 'umask 077: byte-identical, files 644 and directories 755' '
	UMASK=077 HENV=$BASE variant um &&
	test -z "$(find um/out/$REL -type f ! -perm 644)" &&
	test -z "$(find um/out/$REL -type d ! -perm 755)"
'

test_expect_success 'the archive (scripts/pack.sh) is byte-identical across TZ, locale and umask' '
	(cd base && env $BASE sh "$REPO/scripts/pack.sh" out $REL) &&
	(umask 077 && cd um && env LC_ALL=C TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=1700000000 sh "$REPO/scripts/pack.sh" out $REL) &&
	cmp base/out/$REL.tar.gz um/out/$REL.tar.gz
'

test_expect_success 'SOURCE_DATE_EPOCH not a non-negative decimal integer: exit 2, nothing written' '
	make_repo se && write_scenario se/corpus/sci/alpha.md &&
	for v in -1 abc 1e9 "" " 1" "1 " +1 0x10 1.5 "$(printf "1\n2")" 99999999999999999999 253402300800; do
		(cd se && hcmd ../se 2 env "SOURCE_DATE_EPOCH=$v" "$CORPUSC" build --out out) &&
		grep -F "SOURCE_DATE_EPOCH" se.err &&
		test ! -e se/out || { echo "for SOURCE_DATE_EPOCH=[$v]"; return 1; }
	done
'

test_expect_success 'SOURCE_DATE_EPOCH at the ends of the range: 0 and 253402300799 (9999-12-31)' '
	make_repo sr && write_scenario sr/corpus/sci/alpha.md &&
	HENV="SOURCE_DATE_EPOCH=0" hrun sr 0 build --out out0 &&
	grep -F "\"date\": \"1970-01-01T00:00:00Z\"" sr/out0/$REL/manifest.json &&
	HENV="SOURCE_DATE_EPOCH=253402300799" hrun sr 0 build --out out1 &&
	grep -F "\"date\": \"9999-12-31T23:59:59Z\"" sr/out1/$REL/manifest.json
'

# tar substitutes an arbitrary date for an out-of-range --mtime and still
# exits 0 (its status is lost in the pipe to gzip), so pack.sh must refuse
# such values itself, with corpusc's bound (253402300799, 9999-12-31).
test_expect_success 'scripts/pack.sh refuses the same SOURCE_DATE_EPOCH values (exit 2, no archive)' '
	test -d base/out/$REL &&
	for v in -1 abc 1e9 "" 0x10 99999999999999999999 253402300800; do
		rm -f base/out/$REL.tar.gz &&
		(cd base && hcmd ../pk 2 env "SOURCE_DATE_EPOCH=$v" sh "$REPO/scripts/pack.sh" out $REL) &&
		test ! -e base/out/$REL.tar.gz || { echo "for SOURCE_DATE_EPOCH=[$v]"; return 1; }
	done
'

test_done
