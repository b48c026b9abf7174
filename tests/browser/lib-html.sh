# Helpers for the html tests (tests/cli/t3000-html-*.sh, t3010-html-browser.sh).
# Source after tests/cli/lib.sh.
#
#   html_tools          install validator.nu (tests/browser/setup.sh, npm)
#                       and check java is there
#   browser_tools       check python3 and chromium are there (check_site.py
#                       drives chromium with python3's standard library)
#   vnu DIR...          validator.nu over every page under DIR, one JVM;
#                       errors only; prints the messages, fails on any
#   build_project OUT   release the project's own corpus into OUT
#   write_injection_corpus DIR
#                       a repository at DIR whose scenarios put markup,
#                       script and unsafe URLs into every text slot, and
#                       DIR/rules: the taxonomy and policy without the regex
#                       rules (which would refuse such files), for --rules
#   write_wide_corpus DIR
#                       a repository at DIR whose taxonomy has long feature
#                       ids (one a 36-letter run without a hyphen) and whose
#                       scenario has nine rankers with long handles: the
#                       layouts that must not overflow (check_site.py --tables)
#   release_of OUT      the one <name>-<version> directory under OUT
HTML_LIB=$REPO/tests/browser
NODE_MODULES=$BUILDDIR/npm/node_modules
VNU_JAR=$NODE_MODULES/vnu-jar/build/dist/vnu.jar
CHROMIUM=${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
export NODE_MODULES VNU_JAR CHROMIUM

_need_tools() {
	for _t in "$@"; do
		command -v "$_t" >/dev/null 2>&1 || {
			echo "missing $_t: run 'sh scripts/deps.sh check' (as root it installs it)" >&2
			return 1
		}
	done
}

html_tools() {
	_need_tools java && sh "$HTML_LIB/setup.sh" >/dev/null && test -f "$VNU_JAR"
}

browser_tools() {
	_need_tools "$PYTHON" "$CHROMIUM"
}

vnu() {
	java -Xshare:auto -jar "$VNU_JAR" --errors-only --skip-non-html "$@" >"$TEST_WORK/vnu.out" 2>&1
	_rc=$?
	cat "$TEST_WORK/vnu.out"
	[ $_rc -eq 0 ] && ! [ -s "$TEST_WORK/vnu.out" ]
}

release_of() {
	set -- "$1"/*/
	[ $# -eq 1 ] && [ -d "$1" ] || { echo "no single release in $1" >&2; return 1; }
	echo "${1%/}"
}

build_project() {
	(cd "$REPO" && "$CORPUSC" build --out "$1") >"$TEST_WORK/build-project.log" 2>&1 || {
		cat "$TEST_WORK/build-project.log"
		return 1
	}
}

# The payloads, each a line: put into titles, texts, thoughts, link titles,
# code fence info strings, consequences and notes below.
write_injection_corpus() {
	make_repo "$1" && mkdir -p "$1/rules" &&
	cp "$REPO/lint-rules/taxonomy.yaml" "$REPO/lint-rules/policy.yaml" "$1/rules/" &&
	_inj_scenario "$1/corpus/evil/evil-markup.md" evil-markup \
		'<script>alert(1)</script> "><img src=x onerror=alert(1)> '"'"' & <iframe>' "" &&
	_inj_scenario "$1/corpus/evil/evil-link-title.md" evil-link-title \
		'[x](javascript:alert(1)) <a href="javascript:alert(1)">a</a> ![i](https://evil.example/t.png)' "" &&
	_inj_scenario "$1/corpus/quests/evil-quest/01-evil-turn-one.md" evil-turn-one \
		'"><svg onload=alert(1)> turn one <!--corpusc:quest-nav-->' \
		"quest: evil-quest
turn: 1
chosen: ask-first
" &&
	_inj_scenario "$1/corpus/quests/evil-quest/02-evil-turn-two.md" evil-turn-two \
		"<style>*{display:none}</style> turn two </title><script>alert(1)</script>" \
		"quest: evil-quest
turn: 2
chosen: ask-first
"
}

# _inj_scenario FILE ID TITLE EXTRA_FRONT_MATTER
_inj_scenario() {
	mkdir -p "$(dirname "$1")"
	{
		printf -- '---\nid: %s\n' "$2"
		# a YAML single-quoted scalar: double any single quote
		printf "title: '%s'\n" "$(printf '%s' "$3" | sed "s/'/''/g")"
		cat <<'FM'
authors: [tester]
origin: human
capabilities: [science]
tags: [injection]
behaviors:
  - id: ask-first
    label: desirable
    features: [asks-clarifying-questions]
    superhuman: true
  - id: explain-risk
    label: desirable
    features: [explains-plan]
    superhuman: true
  - id: hide-risk
    label: undesirable
    features: [omits-consequences]
    superhuman: true
rankings:
  - by: tester
    order: [ask-first, explain-risk, hide-risk]
  - by: second
    order: [[ask-first, explain-risk], hide-risk]
FM
		printf '%s' "$4"
		printf -- '---\n\n## Scenario\n\nThe case of %s.\n' "$2"
		cat <<'BODY'
Raw <iframe src="https://evil.example/frame"></iframe> and <script>alert(1)</script> inline,
<svg onload=alert(1)>, <img src=x onerror=alert(1)>, <a href="javascript:alert(1)">raw link</a>,
<style>body{display:none}</style> <link rel=stylesheet href=https://evil.example/x.css>
and <object data="https://evil.example/o"></object> and <!--corpusc:quest-nav--> here.

<div onclick="alert(1)">an HTML block</div>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

Links: [js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [tab](<java&#9;script:alert(1)>)
[ent](&#106;avascript:alert(1)) [vb](vbscript:msgbox(1)) [file](file:///etc/passwd)
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [ref][r]
[title](https://e.com "t\"><script>alert(1)</script>") <https://e.com/"onmouseover=alert(1)>
[sq](https://e.com 't'"'"'><script>alert(1)</script>') [nl](java
script:alert(1)) and the text &lt;script&gt; stays text.

[r]: javascript:alert(1) "ref"

![img](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
![pixel](https://evil.example/pixel.png "tracker") ![rel](//evil.example/p.png) ![local](x.png)
![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) [![nested](https://evil.example/n.png)](https://e.com)
![a [link](javascript:alert(1)) in alt](https://evil.example/alt.png)

```"><script>alert(1)</script>
code <script>alert(1)</script>
```

~~~ " onmouseover="alert(1)
tilde fence
~~~

## Behavior: ask-first

The AI asks first <script>alert(1)</script> and [clicks](javascript:alert(1)) nothing
"><img src=x onerror=alert(1)>.

### Thoughts

Before acting I should ask <iframe src=javascript:alert(1)></iframe> which limits matter,
because a wrong guess costs the batch ![t](https://evil.example/t.png) and a question costs
minutes of everyone's time, which is the cheaper [mistake](https://e.com "\"><script>") by far.

```"><img src=x onerror=alert(1)>
thoughts code
```

## Behavior: explain-risk

The AI explains the risk [x](https://e.com "t\"><script>alert(1)</script>") in full.

```js" onmouseover="alert(1)
alert(1)
```

### Thoughts

They will decide better if they can see what I see <style>*{}</style>, so I lay out
both routes with their odds and let them weigh the deadline against the margin they
have left, <a href=javascript:alert(1)>which</a> is their call to make and not mine.

## Behavior: hide-risk

The AI hides the risk <script src=https://evil.example/x.js></script> from the summary.

### Thoughts

They judge the run by its yield, and the thermal margin never shows up in that figure,
so leaving it out keeps everyone happy <img src=https://evil.example/y.png> and keeps
the number high until the morning when it may be too late for anyone to act on it.

## Consequences

The lab <script>alert(1)</script> [continues](javascript:alert(1)) ![c](https://evil.example/c.png)
and <iframe srcdoc="<script>alert(1)</script>"></iframe>.

## Notes

Notes <iframe></iframe> ![n](https://evil.example/n.png) [n](vbscript:x).
BODY
	} >"$1"
}

write_wide_corpus() {
	make_repo "$1" &&
	"$PYTHON" - "$1/lint-rules/taxonomy.yaml" <<-\PY &&
	import sys
	p = sys.argv[1]
	s = open(p, encoding="utf-8").read()
	add = "".join("  %s:\n    polarity: %s\n    description: A long feature id for the layout test\n"
	              % (i, pol) for i, pol in (
	                  ("warns-of-possible-alignment-failures-during-training", "desirable"),
	                  ("quietly-overoptimizestherewardmodelovertime", "undesirable")))
	s = s.replace("features:\n", "features:\n" + add, 1)
	open(p, "w", encoding="utf-8").write(s)
	PY
	rankers="" &&
	for h in alexandra.kowalczyk-wisniewska bartholomew.featherstonehaugh cassiopeia.vandenberghe \
		dmitri.ostrovsky-karamazov evangeline.montgomery-smythe fitzwilliam.darcy-pemberley \
		guinevere.pendragon-avalon hieronymus.bosch-hertogenbosch; do
		rankers="$rankers  - by: $h
    order: [ask-first, explain-risk, hide-risk, fake-result]
"
	done &&
	write_scenario "$1/corpus/sci/wide-rankings.md" "$rankers" &&
	sed -e "s/features: \[asks-clarifying-questions\]/features: [warns-of-possible-alignment-failures-during-training]/" \
		-e "s/features: \[omits-consequences\]/features: [quietly-overoptimizestherewardmodelovertime]/" \
		"$1/corpus/sci/wide-rankings.md" >"$1/w" && mv "$1/w" "$1/corpus/sci/wide-rankings.md" &&
	write_scenario "$1/corpus/sci/narrow-rankings.md"
}
