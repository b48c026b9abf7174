#!/bin/sh
# Hostile input, issue 8: the Markdown body. cmark 0.30.2 (Debian 12) has
# quadratic cases fixed upstream later: CVE-2023-22486 ('![[]()' repeated),
# CVE-2023-24824 (deep block quotes with emphasis) and thousands of nested
# list markers followed by blank lines, tens of seconds on inputs under 1 MB.
# The body caps (body.c: 4,000 '[' per body, container nesting 32) turn them
# into a markdown-too-complex finding before cmark runs. Every case ends with
# its positioned finding (see hostile-lib.sh for the hang guard).
#
# Layout: body line 29 is the first after the closing '---'; junk put before
# "A laboratory asks the AI" starts at line 32, the Scenario text.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/hostile-lib.sh"

F=$H_F

# md DIR PYEXPR: DIR/$F with the bytes PYEXPR at the start of line 32.
md() {
	make_repo "$1" &&
	h_gen "$1/$F" "V.replace(b\"A laboratory asks the AI\", ($2) + b\"A laboratory asks the AI\")"
}

test_expect_success 'CVE-2023-22486, ![[]() x 150,000 on one line (900 KB): line-too-long at 32:1' '
	md img1 "b\"![[]()\" * 150000 + b\"\n\"" &&
	hrun img1 1 lint &&
	h_first img1.err "$F:32:1" line-too-long &&
	h_summary img1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'CVE-2023-22486 over 150 lines (450,000 [): markdown-too-complex at 29:1' '
	md img2 "b\"\n\".join([b\"![[]()\" * 1000] * 150) + b\"\n\"" &&
	hrun img2 1 lint &&
	h_first img2.err "$F:29:1" markdown-too-complex &&
	grep -F "the body has 300000 '"'"'['"'"' characters; the limit is 4000" img2.err
'

test_expect_success 'the bracket cap: 4,000 [ are parsed, 4,002 are markdown-too-complex' '
	md img3 "b\"![[]()\" * 2000 + b\"\n\n\"" &&
	hrun img3 - lint &&
	h_no img3.err markdown-too-complex &&
	md img3 "b\"![[]()\" * 2001 + b\"\n\n\"" &&
	hrun img3 1 lint &&
	h_first img3.err "$F:29:1" markdown-too-complex
'

test_expect_success 'CVE-2023-24824, 10,000 lines of 33 nested block quotes with emphasis: markdown-too-complex at 32:1' '
	md bq1 "(b\">\" * 33 + b\" *a* **b** _c_\n\") * 10000" &&
	hrun bq1 1 lint &&
	h_first bq1.err "$F:32:1" markdown-too-complex &&
	grep -F "nested 33 levels deep; the limit is 32" bq1.err
'

test_expect_success '50,000 nested block quotes on one line (100 KB): line-too-long at 32:1' '
	md bq2 "b\"> \" * 50000 + b\"*a*\n\"" &&
	hrun bq2 1 lint &&
	h_first bq2.err "$F:32:1" line-too-long
'

test_expect_success 'block quotes nested 32 deep on 10,000 lines: parsed (at the cap), quickly' '
	md bq3 "(b\">\" * 32 + b\" *a* **b**\n\") * 10000 + b\"\n\"" &&
	hrun bq3 0 lint &&
	h_no bq3.err markdown-too-complex
'

test_expect_success '20,000 nested list markers followed by 20,000 blank lines: markdown-too-complex at 32:1' '
	md list1 "b\"- \" * 20000 + b\"a\" + b\"\n\" * 20000" &&
	hrun list1 1 lint &&
	h_first list1.err "$F:32:1" markdown-too-complex &&
	grep -F "nested 20000 levels deep" list1.err
'

test_expect_success 'lists nested by indentation (1,000 levels, blank lines between): markdown-too-complex where depth 33 starts' '
	md list2 "b\"\".join(b\"  \" * x + b\"* a\n\n\" for x in range(1000))" &&
	hrun list2 1 lint &&
	h_first list2.err "$F:160:1" markdown-too-complex
'

test_expect_success 'tabs as nesting (40 tabs before a list marker): markdown-too-complex at 32:1' '
	md tabs "b\"\t\" * 40 + b\"- a\n\n\"" &&
	hrun tabs 1 lint &&
	h_first tabs.err "$F:32:1" markdown-too-complex
'

test_expect_success 'nested brackets ([ x 50,000, a, ] x 50,000 over lines): markdown-too-complex at 29:1' '
	md brk "b\"\n\".join([b\"[\" * 1000] * 50) + b\"a\" + b\"\n\".join([b\"]\" * 1000] * 50) + b\"\n\"" &&
	hrun brk 1 lint &&
	h_first brk.err "$F:29:1" markdown-too-complex
'

test_expect_success '5,000 link reference definitions: markdown-too-complex at 29:1' '
	md refs "b\"\".join(b\"[r%d]: /u%d\n\" % (i, i) for i in range(5000)) + b\"\n\"" &&
	hrun refs 1 lint &&
	h_first refs.err "$F:29:1" markdown-too-complex
'

test_expect_success 'emphasis delimiter floods (a_, *a_, c*, 800 KB in one paragraph): no stall, no finding' '
	md emph "b\"\n\".join([b\"a_ \" * 10000] * 10 + [b\"*a_ \" * 10000] * 6 + [b\"a**b\" + b\"c* \" * 10000] * 5) + b\"\n\n\"" &&
	hrun emph 0 lint &&
	h_summary emph.err "0 errors, 0 warnings in 0 of 1 file"
'

test_expect_success 'backtick runs of every length 1..1,400 (1 MB): no stall, no finding' '
	md tick "b\"\".join(b\"e\" + b\"\x60\" * x + b\"\n\" for x in range(1, 1400)) + b\"\n\"" &&
	hrun tick 0 lint &&
	h_summary tick.err "0 errors, 0 warnings in 0 of 1 file"
'

test_expect_success 'an unclosed code fence swallows every section: behavior-section-missing for all four' '
	md fence "b\"\x60\x60\x60\n\"" &&
	hrun fence 1 lint &&
	h_first fence.err "$F:9:9" behavior-section-missing &&
	h_at fence.err "$F:13:9" behavior-section-missing &&
	h_at fence.err "$F:17:9" behavior-section-missing &&
	h_at fence.err "$F:21:9" behavior-section-missing &&
	h_summary fence.err "4 errors, 0 warnings in 1 of 1 file"
'

test_expect_success 'an unclosed HTML comment hides the sections: behavior-section-missing, not a silent pass' '
	md cmt "b\"<!--\n\n\"" &&
	hrun cmt 1 lint &&
	h_first cmt.err "$F:9:9" behavior-section-missing &&
	test "$(h_count cmt.err behavior-section-missing)" = 4
'

# Every level-1 heading is a section-unknown finding. 250,000 of them (1 MB,
# just under the size cap) are reported without a scan of the file from its
# start per finding (that made 50,000 headings take 5 s and 250,000 over a
# minute), and the output stays bounded. The body stage of this file is close
# to lint's 1 s CPU-time backstop under AddressSanitizer on a loaded machine,
# so a time-budget finding at 1:1 may come on top (seen in .ci/run): the case
# checks the section-unknown finding, not which finding is first.
test_expect_success '250,000 level-1 headings (1 MB): section-unknown at the first, bounded output' '
	make_repo head && h_gen head/$F "V + b\"# a\n\" * 250000" &&
	hrun head 1 lint &&
	h_at head.err "$F:74:1" section-unknown &&
	test "$(grep -c "^$F:[0-9]*:[0-9]*: " head.err)" -ge 1 &&
	test "$(wc -l <head.err)" -le 1000
'

test_done
