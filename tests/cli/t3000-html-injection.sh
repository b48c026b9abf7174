#!/bin/sh
# corpus text never becomes markup: markup, script and unsafe URLs in every
# text slot (title, scenario, behavior, thoughts, link titles, code fence info
# strings, consequences, notes) reach no page as live HTML, nothing on a page
# loads from outside, and the pages stay valid (docs/format.md 5.4). The regex rules
# would refuse such files, so these builds use --rules with only the taxonomy
# and the policy.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/browser/lib-html.sh"

OUT=$TEST_WORK/out

test_expect_success 'the html test tools are installed (vnu, java)' '
	html_tools
'

test_expect_success 'the project rules refuse the injection corpus' '
	write_injection_corpus repo &&
	(cd repo && test_expect_code 1 "$CORPUSC" lint corpus >lint.out 2>&1) &&
	grep -q "unsafe-link\|raw-html" repo/lint.out
'

test_expect_success 'without the regex rules it builds' '
	(cd repo && "$CORPUSC" build --rules rules --out "$OUT") &&
	test "$(cat "$(release_of "$OUT")"/data/scenarios/*.jsonl | wc -l)" -eq 4 &&
	test -f "$(release_of "$OUT")/html/s/evil-turn-two.html"
'

test_expect_success 'no element, handler, style or URL from the corpus is live on any page' '
	"$PYTHON" "$REPO/tests/browser/check_pages.py" "$(release_of "$OUT")"
'

test_expect_success 'the raw bytes hold no live payload' '
	cd "$(release_of "$OUT")/html" &&
	! grep -rn -i "<script>\|<script src=\"http\|<iframe\|<svg onload\|<img src=x\|<style\|<object\|<meta http-equiv=\"refresh\|<div onclick" . &&
	! grep -rn -i "\(href\|src\|action\)=\"[^\"]*\(script:\|data:text\|data:image/svg\|file:\)" . &&
	! grep -rn -i "\(href\|src\|action\)=\"java%09" . &&
	! grep -rn -i "src=\"https\?:\|src=\"//\|href=\"//evil\|onerror=\"\|onmouseover=\"" . &&
	! grep -rn "<!--corpusc:quest-nav-->" .
'

test_expect_success 'titles show as text, exactly as written' '
	cd "$(release_of "$OUT")/html" &&
	grep -q "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39; &amp; &lt;iframe&gt;</h1>" s/evil-markup.html &&
	grep -q "<title>&lt;style&gt;\*{display:none}&lt;/style&gt; turn two &lt;/title&gt;&lt;script&gt;" s/evil-turn-two.html &&
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img" index.html quests.html taxonomy.html
'

test_expect_success 'link titles and code fence info strings stay inside their attribute' '
	cd "$(release_of "$OUT")/html" &&
	grep -q "title=\"t&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"" s/evil-markup.html &&
	grep -q "<code class=\"language-&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">" s/evil-markup.html &&
	grep -q "<code class=\"language-&quot;&gt;&lt;img\">" s/evil-markup.html &&
	grep -q "<code class=\"language-js&quot;\">" s/evil-markup.html
'

test_expect_success 'outside images become links or text; inline raster images stay' '
	cd "$(release_of "$OUT")/html" &&
	grep -q "<a href=\"https://evil.example/pixel.png\" title=\"tracker\">pixel</a>" s/evil-markup.html &&
	! grep -q "<img" s/evil-markup.html
'

test_expect_success 'the quest navigation is built from the records, not the marker text' '
	cd "$(release_of "$OUT")/html" &&
	grep -c "<nav class=\"quest-nav\"" s/evil-turn-one.html >n &&
	echo 1 >expect && test_cmp expect n &&
	grep -q "<a rel=\"next\" href=\"evil-turn-two.html\">" s/evil-turn-one.html &&
	grep -q "<a rel=\"prev\" href=\"evil-turn-one.html\">" s/evil-turn-two.html
'

test_expect_success 'validator.nu finds no error on any page' '
	vnu "$(release_of "$OUT")/html"
'

test_expect_success 'the pages still say what the records say' '
	"$PYTHON" "$REPO/tests/browser/check_content.py" "$(release_of "$OUT")"
'

test_done
