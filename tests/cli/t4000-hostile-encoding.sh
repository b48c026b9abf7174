#!/bin/sh
# Hostile input, issue 8: the byte gate. Bad encodings and invisible or
# terminal-controlling characters get a finding at their exact line:column
# (columns count code points), at most 5 per kind and file, and nothing raw
# reaches the terminal; see hostile-lib.sh for the hang guard.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/hostile-lib.sh"

F=$H_F

test_expect_success 'NUL byte in the body: encoding-nul at 37:10' '
	make_repo nul && write_scenario nul/$F &&
	h_inject nul/$F 37 10 "\x00" &&
	hrun nul 1 lint &&
	h_first nul.err "$F:37:10" encoding-nul &&
	h_summary nul.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'terminal escape ESC[31m in the body: encoding-control at 37:10, nothing raw printed' '
	make_repo esc && write_scenario esc/$F &&
	h_inject esc/$F 37 10 "\x1b[31m\x1b]8;;http://evil.test/\x07x\x1b]8;;\x07\x1b[0m" &&
	hrun esc 1 lint &&
	h_first esc.err "$F:37:10" encoding-control &&
	grep -F "control character U+001B" esc.err &&
	h_at esc.err "$F:37:15" encoding-control &&
	h_at esc.err "$F:37:37" encoding-control && grep -F "control character U+0007" esc.err &&
	h_clean_text esc.err
'

test_expect_success 'C1 controls U+0085 (NEL) and U+009B (CSI): encoding-control at their columns' '
	make_repo c1 && write_scenario c1/$F &&
	h_inject c1/$F 37 10 "\xc2\x85" && h_inject c1/$F 47 5 "\xc2\x9b" &&
	hrun c1 1 lint &&
	h_at c1.err "$F:37:10" encoding-control && grep -F "U+0085" c1.err &&
	h_at c1.err "$F:47:5" encoding-control && grep -F "U+009B" c1.err &&
	test "$(h_count c1.err encoding-control)" = 2 &&
	h_clean_text c1.err
'

test_expect_success 'U+2028 and U+2029 (line and paragraph separators): encoding-control' '
	make_repo ls && write_scenario ls/$F &&
	h_inject ls/$F 37 10 "\xe2\x80\xa8" && h_inject ls/$F 37 12 "\xe2\x80\xa9" &&
	hrun ls 1 lint &&
	h_at ls.err "$F:37:10" encoding-control && grep -F "U+2028" ls.err &&
	h_at ls.err "$F:37:12" encoding-control && grep -F "U+2029" ls.err &&
	h_clean_text ls.err
'

test_expect_success 'bidi controls (Trojan Source: U+202E, U+2066, U+200F, U+061C): encoding-bidi each' '
	make_repo bidi && write_scenario bidi/$F &&
	h_inject bidi/$F 37 10 "\xe2\x80\xae" && h_inject bidi/$F 47 5 "\xe2\x81\xa6" &&
	h_inject bidi/$F 57 5 "\xe2\x80\x8f" && h_inject bidi/$F 3 8 "\xd8\x9c" &&
	hrun bidi 1 lint &&
	h_at bidi.err "$F:3:8" encoding-bidi &&
	h_at bidi.err "$F:37:10" encoding-bidi &&
	h_at bidi.err "$F:47:5" encoding-bidi &&
	h_at bidi.err "$F:57:5" encoding-bidi &&
	test "$(h_count bidi.err encoding-bidi)" = 4 &&
	h_clean_text bidi.err
'

test_expect_success 'zero-width no-break space U+FEFF inside the text: encoding-control' '
	make_repo zw && write_scenario zw/$F &&
	h_inject zw/$F 37 10 "\xef\xbb\xbf" &&
	hrun zw 1 lint &&
	h_first zw.err "$F:37:10" encoding-control && grep -F "U+FEFF" zw.err
'

test_expect_success 'invalid UTF-8 (overlong, surrogate, > U+10FFFF, lone continuation, 5-byte, truncated): first byte positioned' '
	for v in "c0af:\xc0\xaf:0xC0" "surr:\xed\xa0\x80:0xED" "big:\xf4\x90\x80\x80:0xF4" \
		"cont:\x80:0x80" "five:\xf8\x88\x80\x80\x80:0xF8" "trunc:\xe2\x82 :0xE2"; do
		n=${v%%:*} rest=${v#*:} &&
		b=${rest%:*} want=${rest##*:} &&
		make_repo u-$n && write_scenario u-$n/$F &&
		h_inject u-$n/$F 37 10 "$b" &&
		hrun u-$n 1 lint &&
		h_first u-$n.err "$F:37:10" encoding-invalid-utf8 &&
		grep -F "invalid UTF-8 byte $want" u-$n.err &&
		h_clean_text u-$n.err || return 1
	done
'

test_expect_success 'UTF-16 LE with a byte order mark: one encoding-utf16 at 1:1, no NUL flood' '
	h_gen u16/$F "b\"\xff\xfe\" + V.decode().encode(\"utf-16-le\")" &&
	make_repo u16 &&
	hrun u16 1 lint &&
	h_first u16.err "$F:1:1" encoding-utf16 &&
	h_summary u16.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'UTF-16 BE without a byte order mark: encoding-utf16 at 1:1' '
	h_gen u16be/$F "V.decode().encode(\"utf-16-be\")" &&
	make_repo u16be &&
	hrun u16be 1 lint &&
	h_first u16be.err "$F:1:1" encoding-utf16 &&
	h_summary u16be.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'UTF-8 byte order mark: encoding-bom at 1:1, the rest still parsed' '
	h_gen bom/$F "b\"\xef\xbb\xbf\" + V" &&
	make_repo bom &&
	hrun bom 1 lint &&
	h_first bom.err "$F:1:1" encoding-bom &&
	h_summary bom.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'CRLF everywhere: one encoding-crlf at the first line end (1:4), not one per line' '
	h_gen crlf/$F "V.replace(b\"\n\", b\"\r\n\")" &&
	make_repo crlf &&
	hrun crlf 1 lint &&
	h_first crlf.err "$F:1:4" encoding-crlf &&
	grep -F "(73 lines in this file)" crlf.err &&
	test "$(h_count crlf.err encoding-crlf)" = 1
'

test_expect_success 'bare CR (old Mac line end) inside a line: encoding-bare-cr at 37:10' '
	make_repo cr && write_scenario cr/$F &&
	h_inject cr/$F 37 10 "\r" &&
	hrun cr 1 lint &&
	h_first cr.err "$F:37:10" encoding-bare-cr &&
	h_clean_text cr.err
'

test_expect_success '1 MiB of NUL bytes on one line: exactly 5 encoding-nul findings (capped) and line-too-long' '
	h_gen nulflood/$F "b\"\0\" * 1048576" &&
	make_repo nulflood &&
	hrun nulflood 1 lint &&
	h_first nulflood.err "$F:1:1" encoding-nul &&
	h_at nulflood.err "$F:1:5" encoding-nul &&
	test "$(h_count nulflood.err encoding-nul)" = 5 &&
	h_at nulflood.err "$F:1:1" line-too-long &&
	h_summary nulflood.err "6 errors, 0 warnings in 1 of 1 file"
'

test_expect_success 'a binary file (1 MiB of random bytes) named .md: at most 5 findings per kind, quickly' '
	h_gen bin/$F "b\"\xff\" + __import__(\"random\").Random(8).randbytes(1048575)" &&
	make_repo bin &&
	hrun bin 1 lint &&
	h_first bin.err "$F:1:1" encoding-invalid-utf8 &&
	for r in encoding-invalid-utf8 encoding-nul encoding-control encoding-bare-cr encoding-bidi line-too-long; do
		test "$(h_count bin.err $r)" -le 5 || { echo "more than 5 [$r]"; return 1; }
	done &&
	test "$(wc -l <bin.err)" -le 40 &&
	h_clean_text bin.err
'

test_expect_success 'control characters everywhere (900 lines of ESC c, BEL, U+0085, U+202E): capped at 5 per kind' '
	h_gen ctlflood/$F "V + b\"\n\".join([b\"\x1bc\x07\xc2\x85\xe2\x80\xae\" * 100] * 900) + b\"\n\"" &&
	make_repo ctlflood &&
	hrun ctlflood 1 lint &&
	test "$(h_count ctlflood.err encoding-control)" = 5 &&
	test "$(h_count ctlflood.err encoding-bidi)" = 5 &&
	h_first ctlflood.err "$F:74:1" encoding-control &&
	h_at ctlflood.err "$F:74:3" encoding-control &&
	h_at ctlflood.err "$F:74:4" encoding-control &&
	h_at ctlflood.err "$F:74:8" encoding-control &&
	h_at ctlflood.err "$F:74:5" encoding-bidi &&
	h_at ctlflood.err "$F:74:25" encoding-bidi &&
	h_clean_text ctlflood.err
'

test_expect_success 'size cap: 1,048,576 bytes is checked, one byte more is file-too-large at 1:1' '
	h_gen max/$F "V + b\"\n## Notes\n\n\" + b\"\n\".join([b\"word \" * 2000] * 1000)" &&
	"$PYTHON" -c "import sys; p=sys.argv[1]; d=open(p,\"rb\").read(); d=d[:1048575] + b\"\n\"; open(p,\"wb\").write(d); print(len(d))" max/$F &&
	make_repo max &&
	hrun max 0 lint &&
	h_summary max.err "0 errors, 0 warnings in 0 of 1 file" &&
	printf x >>max/$F &&
	hrun max 1 lint &&
	h_first max.err "$F:1:1" file-too-large &&
	h_summary max.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'line cap: a 65,536-byte line is fine, 65,537 bytes is line-too-long at its line' '
	h_gen l64/$F "V.replace(b\"chemist, to scale\", b\"chemist,\n\" + b\"ab\" * 32768 + b\"\nto scale\")" &&
	make_repo l64 &&
	hrun l64 0 lint &&
	h_summary l64.err "0 errors, 0 warnings in 0 of 1 file" &&
	h_gen l64/$F "V.replace(b\"chemist, to scale\", b\"chemist,\n\" + b\"ab\" * 32768 + b\"c\nto scale\")" &&
	hrun l64 1 lint &&
	h_first l64.err "$F:34:1" line-too-long
'

test_done
