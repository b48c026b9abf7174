# Helpers for the hostile-input suite tests/cli/t40[0-6]0-hostile-*.sh
# (issue 8: every pull request is untrusted input). Sourced after lib.sh; not
# a test itself (tests/run.sh only runs tests/cli/t[0-9]*.sh).
#
# Every case runs corpusc under a hang guard and checks that it finished,
# did not crash (no exit status from a signal, such as 134 SIGABRT or 139
# SIGSEGV), exited as expected, and reported the expected finding at its exact
# line:column. Large inputs are generated into $TEST_WORK, never committed.
#
# No case asserts how long a run took: on a loaded 2-core machine any figure
# can be missed. What keeps a hostile input fast is a deterministic cap (a
# size, depth or count limit, pcre2's match limit, the step budget of rule
# examples), and each case asserts the finding that the cap gives. Without
# its cap an input below takes from tens of seconds to minutes, so a missing
# cap still fails: the guard, `timeout` of H_HANG_SECS (default 300 s), stops
# it and the case reports a HANG. Timings belong in `make bench`.

H_HANG_SECS=${H_HANG_SECS:-300}
export H_HANG_SECS

# The layout of write_scenario (lib.sh): line 2 'id: <id>' (value col 5),
# line 28 the closing '---', line 29 blank, line 30 '## Scenario', lines 32-33
# the scenario text, line 37 the first behavior's text, line 73 the last line.
H_F=corpus/sci/alpha.md

# hrun DIR EXPECT ARGS...: run `corpusc ARGS` inside DIR under the hang
# guard, with stdin from /dev/null, stdout to DIR.out and stderr to DIR.err.
# HENV, when set, holds NAME=value words put in the environment. Fails (with
# the evidence) on a hang, a crash or an exit status other than EXPECT ('-'
# accepts 0, 1 and 2).
hrun() {
	_hd=$1 _hwant=$2
	shift 2
	# shellcheck disable=SC2086 # HENV is a list of NAME=value words
	(cd "$_hd" && exec timeout "$H_HANG_SECS" env ${HENV:-} "$CORPUSC" "$@") \
		>"$_hd.out" 2>"$_hd.err" </dev/null
	_hrc=$?
	printf '%s' "corpusc $*: exit $_hrc (in $_hd)" |
		LC_ALL=C tr -c '[:print:]' '?' | cut -c1-300
	h_check_status "$_hrc" "$_hwant" "$_hd.out" "$_hd.err"
}

# hcmd OUTPREFIX EXPECT COMMAND...: like hrun for any command run in the
# current directory (stdout OUTPREFIX.out, stderr OUTPREFIX.err).
hcmd() {
	_hp=$1 _hwant=$2
	shift 2
	timeout "$H_HANG_SECS" "$@" >"$_hp.out" 2>"$_hp.err" </dev/null
	_hrc=$?
	printf '%s' "$*: exit $_hrc" |
		LC_ALL=C tr -c '[:print:]' '?' | cut -c1-300
	h_check_status "$_hrc" "$_hwant" "$_hp.out" "$_hp.err"
}

h_check_status() { # rc want outfile errfile
	if [ "$1" = 124 ]; then
		echo "HANG: still running after $H_HANG_SECS s (timeout stopped it)"
		h_show "$4"
		return 1
	fi
	if [ "$1" -ge 125 ]; then
		echo "CRASH: exit status $1 (signal $(($1 - 128)): 134 is SIGABRT, 139 SIGSEGV)"
		h_show "$4"
		return 1
	fi
	case $2 in
	-) [ "$1" -le 2 ] || { echo "unexpected exit status $1"; h_show "$4"; return 1; } ;;
	*) [ "$1" = "$2" ] || { echo "expected exit status $2, got $1"; h_show "$4"; h_show "$3"; return 1; } ;;
	esac
	return 0
}

# h_show FILE: the first lines of FILE, cut short, for a failure report.
h_show() {
	[ -s "$1" ] || return 0
	echo "--- $1 ($(wc -l <"$1") lines):"
	head -12 "$1" | cut -c1-240 | sed 's/^/  | /'
}

# h_at FILE LOC RULE: FILE holds a finding that starts "LOC: " (path:line:col)
# and ends "[RULE]" (gcc format).
h_at() {
	awk -v p="$2: " -v r="[$3]" '
		index($0, p) == 1 && length($0) >= length(r) &&
		substr($0, length($0) - length(r) + 1) == r { f = 1 }
		END { exit !f }' "$1" && return 0
	echo "expected a finding at $2 with [$3] in $1"
	h_show "$1"
	return 1
}

# h_first FILE LOC RULE: the first finding in FILE is at LOC with RULE.
h_first() {
	_hl=$(grep -E '^[^ ].*:[0-9]+:[0-9]+: (error|warning|note): ' "$1" | head -1)
	case $_hl in
	"$2: "*"[$3]") return 0 ;;
	esac
	echo "expected the first finding at $2 with [$3], got:"
	echo "  $_hl" | cut -c1-300
	return 1
}

# h_no FILE RULE: no finding of RULE in FILE.
h_no() {
	grep -qF -- "[$2]" "$1" || return 0
	echo "unexpected [$2] finding in $1:"
	grep -F -- "[$2]" "$1" | head -5 | cut -c1-240
	return 1
}

# h_count FILE RULE: the number of findings of RULE in FILE (gcc format).
h_count() {
	grep -cF -- "[$2]" "$1"
}

# h_summary FILE LINE: the gcc summary line of FILE is exactly LINE.
h_summary() {
	_hs=$(tail -1 "$1")
	[ "$_hs" = "$2" ] && return 0
	echo "expected the summary '$2', got '$_hs'"
	return 1
}

# h_clean_text FILE...: every FILE is valid UTF-8 without a raw control
# character (other than LF and TAB), C1 control, U+2028/2029, bidi control or
# U+FEFF: what a terminal or CI log could interpret.
h_clean_text() {
	"$PYTHON" - "$@" <<'EOF'
import sys
bad = set(range(0x00, 0x20)) - {0x0A, 0x09}
bad |= {0x7F} | set(range(0x80, 0xA0)) | {0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0xFEFF}
bad |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
ok = True
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        print('%s: not valid UTF-8 at byte %d: %r' % (path, e.start, data[max(0, e.start - 20):e.start + 20]))
        ok = False
        continue
    for n, line in enumerate(text.split('\n'), 1):
        hits = [c for c in line if ord(c) in bad]
        if hits:
            print('%s:%d: raw %s in: %r' % (path, n, ', '.join('U+%04X' % ord(c) for c in hits[:4]), line[:160]))
            ok = False
            break
sys.exit(0 if ok else 1)
EOF
}

# h_absent STRING FILE...: no FILE (or file below a directory) holds STRING.
h_absent() {
	_hstr=$1
	shift
	if grep -rlaF -- "$_hstr" "$@" 2>/dev/null; then
		echo "'$_hstr' leaked into the output above"
		return 1
	fi
	return 0
}

# h_inject FILE LINE COL PYBYTES: insert the bytes (a Python bytes literal
# body, e.g. '\x1b[31m') before code point COL of line LINE of FILE.
h_inject() {
	"$PYTHON" - "$@" <<'EOF'
import ast, sys
path, line, col, lit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ins = ast.literal_eval("b'" + lit + "'")
lines = open(path, 'rb').read().split(b'\n')
text = lines[line - 1].decode('utf-8')
lines[line - 1] = text[:col - 1].encode() + ins + text[col - 1:].encode()
open(path, 'wb').write(b'\n'.join(lines))
EOF
}

# h_gen PATH PYTHON-EXPR: write the bytes that the Python expression gives.
# In the expression, V is the text of a valid scenario with id 'alpha'
# (write_scenario's), FM its front matter lines (without the '---' lines),
# BODY everything after the closing '---' line.
h_gen() {
	mkdir -p "$(dirname "$1")"
	_hv=$TEST_WORK/.hostile-valid/alpha.md
	[ -f "$_hv" ] || write_scenario "$_hv"
	"$PYTHON" - "$1" "$_hv" "$2" <<'EOF'
import sys
out, valid, expr = sys.argv[1], sys.argv[2], sys.argv[3]
V = open(valid, 'rb').read()
end = V.index(b'\n---\n', 4) + 1
FM = V[4:end]
BODY = V[end + 4:]
data = eval(expr)
open(out, 'wb').write(data)
EOF
}

# h_rules DIR: a rules directory with the project's taxonomy and policy and no
# regex rule.
h_rules() {
	mkdir -p "$1" &&
	cp "$REPO/lint-rules/taxonomy.yaml" "$REPO/lint-rules/policy.yaml" "$1/"
}

# h_rule DIR ID PATTERN [SCOPE] [MESSAGE]: a warning rule file DIR/ID.yaml;
# the pattern is a single-quoted YAML scalar on line 5 (value col 10).
h_rule() {
	_hmsg=${5:-}
	[ -n "$_hmsg" ] || _hmsg='hit: {match}'
	printf '%s\n' "id: $2" "severity: warning" "message: \"$_hmsg\"" \
		"scope: [${4:-scenario}]" "pattern: '$3'" >"$1/$2.yaml"
}
