#!/bin/sh
# Hostile input, issue 8: YAML front matter. libyaml 0.2.5 (Debian 12) is
# quadratic in nesting depth (100,000 '[' take about 27 s) and never reports
# an undefined alias through its event API; YAML bombs need anchors and
# aliases. Each case gets its positioned finding (see hostile-lib.sh
# for the hang guard).
#
# Front matter built here: line 1 '---', lines 2-27 write_scenario's keys,
# then the extra YAML from line 28 on, then the closing '---'.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/hostile-lib.sh"

F=$H_F

# fm DIR PYEXPR: DIR/$F with the extra front-matter bytes PYEXPR at line 28.
fm() {
	make_repo "$1" && h_gen "$1/$F" "b\"---\n\" + FM + ($2) + b\"---\n\" + BODY"
}

test_expect_success '100,000 [ on one line (the libyaml quadratic case): line-too-long at 28:1, quickly' '
	fm deep1 "b\"x: \" + b\"[\" * 100000 + b\"\n\"" &&
	hrun deep1 1 lint &&
	h_first deep1.err "$F:28:1" line-too-long &&
	h_summary deep1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '100,000 [ over 100 lines: frontmatter-too-large at 1:1, not parsed' '
	fm deep2 "b\"x: \" + b\"\n\".join([b\"[\" * 1000] * 100) + b\"\n\"" &&
	hrun deep2 1 lint &&
	h_first deep2.err "$F:1:1" frontmatter-too-large &&
	h_summary deep2.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '30,000 nested flow sequences under the size cap: yaml-depth at the 16th [ (43:1)' '
	fm deep3 "b\"x: \" + b\"[\n\" * 30000" &&
	hrun deep3 1 lint &&
	h_first deep3.err "$F:43:1" yaml-depth &&
	h_summary deep3.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '60,000 nested flow mappings on one line: yaml-depth at 28:19, few findings' '
	fm deep4 "b\"x: \" + b\"{\" * 60000 + b\"\n\"" &&
	hrun deep4 1 lint &&
	h_at deep4.err "$F:28:19" yaml-depth &&
	test "$(wc -l <deep4.err)" -le 20
'

test_expect_success '200 nested block mappings: yaml-depth at 44:33' '
	fm deep5 "b\"\".join(b\"  \" * i + b\"a:\n\" for i in range(200))" &&
	hrun deep5 1 lint &&
	h_at deep5.err "$F:44:33" yaml-depth &&
	test "$(h_count deep5.err yaml-depth)" = 1
'

test_expect_success 'billion laughs (anchors and aliases): yaml-anchor and yaml-alias positioned, no expansion' '
	fm lol "b\"a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n\" + b\"\".join(b\"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n\" % ((98 + i, 98 + i) + (97 + i,) * 9) for i in range(9))" &&
	hrun lol 1 lint &&
	h_at lol.err "$F:28:4" yaml-anchor &&
	h_at lol.err "$F:29:4" yaml-anchor &&
	h_at lol.err "$F:29:8" yaml-alias &&
	n=$(h_count lol.err yaml-alias) && test "$n" -ge 1 && test "$n" -le 81 &&
	test "$(wc -c <lol.err)" -lt 40000
'

test_expect_success 'an undefined alias (libyaml does not report it): yaml-alias at 28:4' '
	fm alias "b\"x: *nope\n\"" &&
	hrun alias 1 lint &&
	h_at alias.err "$F:28:4" yaml-alias &&
	grep -F "*nope" alias.err
'

test_expect_success 'tags (!!python/object/apply, verbatim !<...>, %TAG handle): yaml-tag at each' '
	make_repo tag && write_scenario tag/$F &&
	sed -i "s/^origin: human/origin: !!python\/object\/apply:os.system [\"id\"]/; s/^title: /title: !<tag:yaml.org,2002:str> /" tag/$F &&
	hrun tag 1 lint &&
	h_at tag.err "$F:3:8" yaml-tag &&
	h_at tag.err "$F:5:9" yaml-tag &&
	grep -F "python/object/apply:os.system" tag.err
'

test_expect_success 'a %YAML directive before the keys: yaml-syntax at 3:1' '
	make_repo dir && h_gen dir/$F "b\"---\n%YAML 1.1\n\" + FM + b\"---\n\" + BODY" &&
	hrun dir 1 lint &&
	h_first dir.err "$F:3:1" yaml-syntax
'

test_expect_success 'a complex (non-scalar) mapping key: yaml-syntax at 28:3' '
	fm ckey "b\"? [a, b]\n: c\n\"" &&
	hrun ckey 1 lint &&
	h_first ckey.err "$F:28:3" yaml-syntax
'

test_expect_success 'a tab as indentation: yaml-syntax at 28:1' '
	fm tab "b\"\tx: y\n\"" &&
	hrun tab 1 lint &&
	h_first tab.err "$F:28:1" yaml-syntax
'

test_expect_success 'an unclosed flow sequence: yaml-syntax at 29:1 with the opening as note' '
	fm open "b\"x: [a, b\n\"" &&
	hrun open 1 lint &&
	h_first open.err "$F:29:1" yaml-syntax &&
	grep -F "note: while parsing a flow sequence at 28:4" open.err
'

test_expect_success 'a 60,000-character key: yaml-syntax on line 28, quickly' '
	fm lkey "b\"k\" * 60000 + b\": v\n\"" &&
	hrun lkey 1 lint &&
	h_first lkey.err "$F:28:60001" yaml-syntax
'

test_expect_success 'front matter that is a list or a scalar: frontmatter-not-mapping at 2:1' '
	make_repo nm && h_gen nm/$F "b\"---\n- a\n- b\n---\n\" + BODY" &&
	hrun nm 1 lint &&
	h_first nm.err "$F:2:1" frontmatter-not-mapping &&
	h_gen nm/$F "b\"---\nhello\n---\n\" + BODY" &&
	hrun nm 1 lint &&
	h_first nm.err "$F:2:1" frontmatter-not-mapping
'

test_expect_success 'no closing --- in a 1 MiB file: frontmatter-unterminated at 1:1, quickly' '
	make_repo unt && h_gen unt/$F "(FM + b\"key: value\n\" * 100000)[:1048000]" &&
	sed -i "1s/^/---\n/" unt/$F &&
	hrun unt 1 lint &&
	h_first unt.err "$F:1:1" frontmatter-unterminated &&
	h_summary unt.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '4,000 distinct keys in one mapping: one key-unknown at 28:1, no quadratic stall' '
	fm keys "b\"x:\n\" + b\"\".join(b\"  k%x: v\n\" % i for i in range(4000))" &&
	hrun keys 1 lint &&
	h_first keys.err "$F:28:1" key-unknown &&
	h_summary keys.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success '5,000 keys in one mapping: yaml-size at the 4,097th key (4125:3)' '
	fm keys2 "b\"x:\n\" + b\"\".join(b\"  k%x: v\n\" % i for i in range(5000))" &&
	hrun keys2 1 lint &&
	h_first keys2.err "$F:4125:3" yaml-size
'

# 30,000 blank lines, then 11,500 repeats of one key: thousands of findings
# at lines 30,028 and on (the mapping is cut at its 4,097th key, 34,116). When
# each finding scanned the file from its start to find its source line (for
# the caret excerpt), the run was quadratic; how long it takes is a matter
# for make bench, what it reports is checked here.
test_expect_success 'a flood of duplicate keys after 30,000 blank lines: positioned findings' '
	fm dup "b\"\n\" * 30000 + b\"k:\n\" * 11500" &&
	hrun dup 1 lint &&
	h_first dup.err "$F:30029:1" yaml-duplicate-key &&
	h_at dup.err "$F:34116:1" yaml-size
'

test_done
