#!/bin/sh
# corpusc lint: the byte gate (docs/format.md section 2: UTF-8, no NUL, BOM and CRLF
# reported): every class at its exact line and column, columns counted in
# code points. Line 37 of write_scenario is
#   The AI asks which impurity limits matter before it commits the reactor.
# whose "reactor." starts at column 64 ("reac" ends at 67).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

# put BYTES (printf escapes) in line 37 between "reac" and "tor."
inject37() {
	_b=$(bytes "$2") &&
	sed -i "37s/reactor\\./reac${_b}tor./" "$1" &&
	grep -q "reac${_b}tor" "$1"
}

test_expect_success 'invalid UTF-8 after multibyte characters: exact column' '
	make_repo u1 && write_scenario u1/$F &&
	bad=$(bytes "\303\251r\377") &&
	sed -i "33s/overnight/ov${bad}night/" u1/$F &&
	test_expect_code 1 lint_in u1 &&
	only u1.err "$F:33:45: error: invalid UTF-8 byte 0xFF; re-save the file as UTF-8 [encoding-invalid-utf8]" &&
	has u1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'invalid UTF-8 after a 4-byte character (emoji counts as one column)' '
	make_repo u2 && write_scenario u2/$F &&
	inject37 u2/$F "\360\237\231\202\360\237\231\202\376" &&
	test_expect_code 1 lint_in u2 &&
	only u2.err "$F:37:70: error: invalid UTF-8 byte 0xFE; re-save the file as UTF-8 [encoding-invalid-utf8]"
'

test_expect_success 'invalid UTF-8 in the front matter' '
	make_repo u3 && write_scenario u3/$F &&
	bad=$(bytes "\351") &&
	sed -i "3s/about/ab${bad}out/" u3/$F &&
	test_expect_code 1 lint_in u3 &&
	only u3.err "$F:3:26: error: invalid UTF-8 byte 0xE9; re-save the file as UTF-8 [encoding-invalid-utf8]"
'

test_expect_success 'an overlong encoding is invalid' '
	make_repo u4 && write_scenario u4/$F &&
	inject37 u4/$F "\300\257" &&
	test_expect_code 1 lint_in u4 &&
	has u4.err "$F:37:68: error: invalid UTF-8 byte 0xC0; re-save the file as UTF-8 [encoding-invalid-utf8]" &&
	findings u4.err | grep -v ":37:" | { ! grep .; }
'

test_expect_success 'an encoded surrogate is invalid' '
	make_repo u7 && write_scenario u7/$F &&
	bad=$(bytes "\355\240\200") &&
	sed -i "47s/^The AI/The ${bad}AI/" u7/$F &&
	test_expect_code 1 lint_in u7 &&
	has u7.err "$F:47:5: error: invalid UTF-8 byte 0xED; re-save the file as UTF-8 [encoding-invalid-utf8]" &&
	findings u7.err | grep -v ":47:" | { ! grep .; }
'

test_expect_success 'a sequence truncated by the end of the file' '
	make_repo u8 && write_scenario u8/$F &&
	printf "\342\202" >>u8/$F &&
	test_expect_code 1 lint_in u8 &&
	has u8.err "$F:74:1: error: invalid UTF-8 byte 0xE2; re-save the file as UTF-8 [encoding-invalid-utf8]"
'

test_expect_success 'valid non-ASCII text is no finding' '
	make_repo u5 && write_scenario u5/$F &&
	inject37 u5/$F "\303\251\344\270\255\360\237\231\202\316\273" &&
	uml=$(bytes "\303\274") &&
	sed -i "3s/about/${uml}ber/" u5/$F &&
	lint_in u5 && clean u5 1
'

test_expect_success 'a tab in the body is no finding' '
	make_repo u6 && write_scenario u6/$F &&
	inject37 u6/$F "\t" &&
	lint_in u6 && clean u6 1
'

test_expect_success 'a NUL byte' '
	make_repo n1 && write_scenario n1/$F &&
	# a shell variable cannot hold NUL: rebuild line 37 with printf
	{ head -n 36 n1/$F &&
	  printf "The AI asks which impurity limits matter before it commits the reac\000tor.\n" &&
	  tail -n +38 n1/$F; } >n1.tmp && mv n1.tmp n1/$F &&
	test "$(tr -cd "\000" <n1/$F | wc -c)" = 1 &&
	test_expect_code 1 lint_in n1 &&
	only n1.err "$F:37:68: error: NUL byte (U+0000); scenario files are text [encoding-nul]"
'

test_expect_success 'a NUL byte on the last line without a newline' '
	make_repo n2 && write_scenario n2/$F &&
	printf "x\000" >>n2/$F &&
	test_expect_code 1 lint_in n2 &&
	only n2.err "$F:74:2: error: NUL byte (U+0000); scenario files are text [encoding-nul]"
'

test_expect_success 'a UTF-8 byte order mark' '
	make_repo b1 && write_scenario b1/$F &&
	{ bytes "\357\273\277"; cat b1/$F; } >b1.tmp && mv b1.tmp b1/$F &&
	test_expect_code 1 lint_in b1 &&
	only b1.err "$F:1:1: error: the file starts with a UTF-8 byte order mark; re-save it without a BOM [encoding-bom]"
'

test_expect_success 'a BOM inside the text is a zero-width no-break space' '
	make_repo b2 && write_scenario b2/$F &&
	inject37 b2/$F "\357\273\277" &&
	test_expect_code 1 lint_in b2 &&
	only b2.err "$F:37:68: error: zero-width no-break space U+FEFF inside the text; remove it [encoding-control]"
'

test_expect_success 'CRLF line endings: one finding for the whole file' '
	make_repo c1 && write_scenario c1/$F &&
	sed -i "s/\$/\r/" c1/$F &&
	test_expect_code 1 lint_in c1 &&
	only c1.err "$F:1:4: error: line ends with CRLF (73 lines in this file); convert the file to LF line endings [encoding-crlf]"
'

test_expect_success 'a single CRLF line in an LF file' '
	make_repo c2 && write_scenario c2/$F &&
	sed -i "47s/\$/\r/" c2/$F &&
	test_expect_code 1 lint_in c2 &&
	only c2.err "$F:47:87: error: line ends with CRLF (1 line in this file); convert the file to LF line endings [encoding-crlf]"
'

test_expect_success 'a bare carriage return' '
	make_repo c3 && write_scenario c3/$F &&
	inject37 c3/$F "\r" &&
	test_expect_code 1 lint_in c3 &&
	only c3.err "$F:37:68: error: carriage return (U+000D) without a line feed; use LF line endings [encoding-bare-cr]"
'

test_expect_success 'C0 controls and DEL' '
	make_repo k1 && write_scenario k1/$F &&
	inject37 k1/$F "\001" &&
	bad=$(bytes "\033[31m") &&
	sed -i "47s/^The AI/The ${bad}AI/" k1/$F &&
	bad=$(bytes "\177") &&
	sed -i "57s/^The AI/The${bad} AI/" k1/$F &&
	test_expect_code 1 lint_in k1 &&
	only k1.err \
		"$F:37:68: error: control character U+0001; remove it [encoding-control]" \
		"$F:47:5: error: control character U+001B; remove it [encoding-control]" \
		"$F:57:4: error: control character U+007F; remove it [encoding-control]"
'

test_expect_success 'a C1 control (U+0085)' '
	make_repo k2 && write_scenario k2/$F &&
	inject37 k2/$F "\302\205" &&
	test_expect_code 1 lint_in k2 &&
	only k2.err "$F:37:68: error: invisible control character U+0085; remove it [encoding-control]"
'

test_expect_success 'line and paragraph separators U+2028 and U+2029' '
	make_repo k3 && write_scenario k3/$F &&
	inject37 k3/$F "\342\200\250" &&
	bad=$(bytes "\342\200\251") &&
	sed -i "47s/^The AI/The ${bad}AI/" k3/$F &&
	test_expect_code 1 lint_in k3 &&
	only k3.err \
		"$F:37:68: error: invisible control character U+2028; remove it [encoding-control]" \
		"$F:47:5: error: invisible control character U+2029; remove it [encoding-control]"
'

# libyaml counts U+0085, U+2028 and U+2029 as line breaks; file positions
# must not shift after one of them (here origin stays on line 5).
for cp in "0085:\302\205" "2028:\342\200\250" "2029:\342\200\251"; do
test_expect_success "U+${cp%%:*} in a quoted title does not shift later front-matter positions" '
	d=sep${cp%%:*} && make_repo $d && write_scenario $d/$F &&
	b=$(bytes "${cp#*:}") &&
	sed -i "3s/.*/title: \"A ${b}title\"/; 5s/human/humna/" $d/$F &&
	test_expect_code 1 lint_in $d &&
	only $d.err \
		"$F:3:11: error: invisible control character U+${cp%%:*}; remove it [encoding-control]" \
		"$F:5:9: error: '\''origin'\'' must be one of human, model-assisted, model, not '\''humna'\''; did you mean '\''human'\''? [enum-invalid]"
'
done

test_expect_success 'a bidi override U+202E' '
	make_repo k4 && write_scenario k4/$F &&
	inject37 k4/$F "\342\200\256" &&
	test_expect_code 1 lint_in k4 &&
	only k4.err "$F:37:68: error: bidirectional control character U+202E; remove it (it can hide what the text says) [encoding-bidi]"
'

test_expect_success 'bidi isolates U+2066 and marks U+200F are bidi controls too' '
	make_repo k5 && write_scenario k5/$F &&
	inject37 k5/$F "\342\201\246" &&
	bad=$(bytes "\342\200\217") &&
	sed -i "47s/^The AI/The ${bad}AI/" k5/$F &&
	test_expect_code 1 lint_in k5 &&
	has_at k5.err "$F:37:68" encoding-bidi &&
	has_at k5.err "$F:47:5" encoding-bidi &&
	test "$(nfindings k5.err)" = 2
'

test_expect_success 'a UTF-16LE file with a BOM' '
	make_repo w1 && write_scenario w1/x.md && mkdir -p w1/corpus/sci &&
	{ bytes "\377\376"; $PYTHON -c "import sys; sys.stdout.buffer.write(open(\"w1/x.md\", \"rb\").read().decode().encode(\"utf-16-le\"))"; } >w1/$F &&
	rm w1/x.md &&
	test_expect_code 1 lint_in w1 &&
	only w1.err "$F:1:1: error: the file is UTF-16 (byte order mark FF FE); re-save it as UTF-8 [encoding-utf16]"
'

test_expect_success 'a UTF-16BE file with a BOM' '
	make_repo w2 && write_scenario w2/x.md && mkdir -p w2/corpus/sci &&
	$PYTHON -c "import sys; sys.stdout.buffer.write(open(\"w2/x.md\", \"rb\").read().decode().encode(\"utf-16-be\"))" >w2.raw &&
	{ bytes "\376\377"; cat w2.raw; } >w2/$F && rm w2/x.md &&
	test_expect_code 1 lint_in w2 &&
	only w2.err "$F:1:1: error: the file is UTF-16 (byte order mark FE FF); re-save it as UTF-8 [encoding-utf16]"
'

test_expect_success 'a UTF-16LE file without a BOM' '
	make_repo w3 && write_scenario w3/x.md && mkdir -p w3/corpus/sci &&
	$PYTHON -c "import sys; sys.stdout.buffer.write(open(\"w3/x.md\", \"rb\").read().decode().encode(\"utf-16-le\"))" >w3/$F &&
	rm w3/x.md &&
	test_expect_code 1 lint_in w3 &&
	only w3.err "$F:1:1: error: the file looks like UTF-16 without a byte order mark; re-save it as UTF-8 [encoding-utf16]"
'

test_expect_success 'a flood of control characters is capped, the first at its place' '
	make_repo f1 && write_scenario f1/$F &&
	ctl=$($PYTHON -c "print(\"\\x01\" * 1000)") &&
	sed -i "37s/reactor\\./reac${ctl}tor./" f1/$F &&
	test_expect_code 1 lint_in f1 &&
	findings f1.err | head -n 1 | grep -qFx "$F:37:68: error: control character U+0001; remove it [encoding-control]" &&
	n=$(nfindings f1.err) && test "$n" -ge 1 && test "$n" -le 10
'

test_expect_success 'an encoding error in one file does not hide findings in another' '
	make_repo m1 && write_scenario m1/$F && write_scenario_b m1/corpus/eng/beta.md &&
	inject37 m1/$F "\377" &&
	sed -i "5s/human/humna/" m1/corpus/eng/beta.md &&
	test_expect_code 1 lint_in m1 &&
	has_at m1.err "corpus/eng/beta.md:5:9" enum-invalid &&
	has_at m1.err "$F:37:68" encoding-invalid-utf8 &&
	has m1.err "2 errors, 0 warnings in 2 of 2 files"
'

test_expect_success 'a file over 1 MiB' '
	make_repo z1 && write_scenario z1/$F &&
	$PYTHON -c "print((\"word \" * 15 + \"\\n\") * 14000)" >>z1/$F &&
	test "$(wc -c <z1/$F)" -gt 1048576 &&
	test_expect_code 1 lint_in z1 &&
	has_at z1.err "$F:1:1" file-too-large &&
	test "$(nfindings z1.err)" = 1
'

test_expect_success 'a line over 64 KiB' '
	make_repo z2 && write_scenario z2/$F &&
	$PYTHON -c "print(\"x\" * 70000)" >>z2/$F &&
	test_expect_code 1 lint_in z2 &&
	has_at z2.err "$F:74:1" line-too-long &&
	test "$(nfindings z2.err)" = 1
'

test_done
