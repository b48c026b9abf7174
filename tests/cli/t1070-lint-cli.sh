#!/bin/sh
# corpusc lint: the command line (docs/format.md section 4, docs/conventions.md section 9): exit
# status 0/1/2 and --werror, --help on stdout, usage errors, --version, the
# default path corpus/ from the root and from a subdirectory, explicit paths,
# repository root discovery, --rules DIR, and a failing stdout.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

test_expect_success 'exit 0 for a clean corpus, nothing on stdout' '
	make_repo e0 && write_scenario e0/$F &&
	lint_in e0 && clean e0 1 && test ! -s e0.out
'

test_expect_success 'exit 0 with warnings only, 1 with --werror' '
	make_repo e1 && write_scenario e1/$F &&
	sed -i "23s/lies/radical-honesty/" e1/$F &&
	lint_in e1 && has_at e1.err "$F:23:16" feature-polarity &&
	test_expect_code 1 lint_in e1 --werror &&
	has_at e1.err "$F:23:16" feature-polarity &&
	has e1.err "0 errors, 1 warning in 1 of 1 file"
'

test_expect_success '--werror on a clean corpus still exits 0' '
	make_repo e2 && write_scenario e2/$F &&
	lint_in e2 --werror && clean e2 1
'

test_expect_success 'exit 1 for an error' '
	make_repo e3 && write_scenario e3/$F &&
	sed -i "5s/human/humna/" e3/$F &&
	test_expect_code 1 lint_in e3 &&
	test_expect_code 1 lint_in e3 --werror
'

test_expect_success 'lint --help and -h print usage on stdout and exit 0' '
	make_repo h1 &&
	lint_in h1 --help &&
	grep -q "^usage: corpusc lint" h1.out && test ! -s h1.err &&
	grep -q -- "--werror" h1.out && grep -q -- "--rules" h1.out &&
	grep -q -- "--format" h1.out &&
	cp h1.out h1.help &&
	lint_in h1 -h && test_cmp h1.help h1.out
'

test_expect_success 'lint --help works outside any repository' '
	mkdir -p nowhere &&
	(cd nowhere && "$CORPUSC" lint --help) >nowhere.out 2>nowhere.err &&
	grep -q "^usage: corpusc lint" nowhere.out
'

test_expect_success 'corpusc --help on stdout (exit 0) names the lint command' '
	"$CORPUSC" --help >top.out 2>top.err &&
	test ! -s top.err && grep -q "lint" top.out && grep -q "^usage: corpusc" top.out
'

test_expect_success 'corpusc --version prints the version and exits 0' '
	"$CORPUSC" --version >v.out 2>v.err &&
	test ! -s v.err &&
	grep -Eqx "corpusc [0-9]+\.[0-9]+\.[0-9]+" v.out
'

test_expect_success 'an unknown option: usage on stderr, exit 2, nothing linted' '
	make_repo u1 && write_scenario u1/$F && sed -i "5s/human/humna/" u1/$F &&
	test_expect_code 2 lint_in u1 --bogus &&
	test ! -s u1.out && grep -q "usage: corpusc lint" u1.err &&
	hasnt u1.err enum-invalid
'

test_expect_success 'an option missing its argument is a usage error' '
	make_repo u2 &&
	test_expect_code 2 lint_in u2 --format &&
	grep -q "usage: corpusc lint" u2.err
'

test_expect_success 'no command and an unknown command exit 2' '
	test_expect_code 2 "$CORPUSC" >c.out 2>c.err &&
	test ! -s c.out && grep -q "usage" c.err &&
	test_expect_code 2 "$CORPUSC" frobnicate >c.out 2>c.err &&
	test ! -s c.out && grep -q "frobnicate" c.err
'

test_expect_success 'default path: corpus/ of the root, same as naming it' '
	make_repo p1 && write_scenario p1/$F && write_scenario_b p1/corpus/eng/beta.md &&
	sed -i "5s/human/humna/" p1/corpus/eng/beta.md &&
	test_expect_code 1 lint_in p1 && cp p1.err p1.default &&
	test_expect_code 1 lint_in p1 corpus && test_cmp p1.default p1.err &&
	has p1.err "corpus/eng/beta.md:5:9: error: '\''origin'\'' must be one of human, model-assisted, model, not '\''humna'\''; did you mean '\''human'\''? [enum-invalid]"
'

test_expect_success 'default path from a subdirectory: the whole corpus, paths usable' '
	make_repo p2 && write_scenario p2/$F && write_scenario_b p2/corpus/eng/beta.md &&
	sed -i "5s/human/humna/" p2/corpus/eng/beta.md &&
	test_expect_code 1 lint_in p2/corpus/sci &&
	test "$(nfindings p2/corpus/sci.err)" = 1 &&
	path=$(findings p2/corpus/sci.err | sed "s/:5:9: error: .*//") &&
	case $path in *corpus/eng/beta.md) ;; *) false ;; esac &&
	(cd p2/corpus/sci && test -f "$path") &&
	has p2/corpus/sci.err "1 error, 0 warnings in 1 of 2 files"
'

test_expect_success 'default path from outside corpus/ (another subdirectory)' '
	make_repo p3 && write_scenario p3/$F && mkdir -p p3/docs/deep &&
	sed -i "5s/human/humna/" p3/$F &&
	test_expect_code 1 lint_in p3/docs/deep &&
	test "$(nfindings p3/docs/deep.err)" = 1 &&
	path=$(findings p3/docs/deep.err | sed "s/:5:9: error: .*//") &&
	(cd p3/docs/deep && test -f "$path")
'

test_expect_success 'explicit paths: one file, one directory; non-.md files ignored' '
	make_repo p4 && write_scenario p4/$F && write_scenario_b p4/corpus/eng/beta.md &&
	sed -i "5s/human/humna/" p4/$F p4/corpus/eng/beta.md &&
	printf "not a scenario\000\n" >p4/corpus/eng/notes.txt &&
	test_expect_code 1 lint_in p4 $F &&
	test "$(nfindings p4.err)" = 1 && has_at p4.err "$F:5:9" enum-invalid &&
	has p4.err "1 error, 0 warnings in 1 of 1 file" &&
	test_expect_code 1 lint_in p4 corpus/eng &&
	test "$(nfindings p4.err)" = 1 && has_at p4.err "corpus/eng/beta.md:5:9" enum-invalid
'

test_expect_success 'directories are walked recursively' '
	make_repo p5 && write_scenario p5/corpus/a/b/c/deep.md &&
	sed -i "5s/human/humna/" p5/corpus/a/b/c/deep.md &&
	test_expect_code 1 lint_in p5 &&
	has_at p5.err "corpus/a/b/c/deep.md:5:9" enum-invalid
'

test_expect_success 'an empty corpus is clean' '
	make_repo p6 &&
	lint_in p6 && has p6.err "0 errors, 0 warnings in 0 of 0 files"
'

test_expect_success 'a file named twice is linted once (not its own duplicate)' '
	make_repo p7 && write_scenario p7/$F &&
	lint_in p7 corpus $F && clean p7 1
'

test_expect_success 'a nonexistent path: exit 2, named on stderr' '
	make_repo x1 && write_scenario x1/$F &&
	test_expect_code 2 lint_in x1 corpus/nope.md &&
	grep -q "corpus/nope.md" x1.err
'

test_expect_success 'a nonexistent path next to a real one: exit 2, the real one linted' '
	make_repo x2 && write_scenario x2/$F && sed -i "5s/human/humna/" x2/$F &&
	test_expect_code 2 lint_in x2 $F corpus/nope.md &&
	grep -q "corpus/nope.md" x2.err && has_at x2.err "$F:5:9" enum-invalid
'

test_expect_success 'no repository root above the directory: exit 2' '
	mkdir -p noroot/sub && write_scenario noroot/sub/alpha.md &&
	test_expect_code 2 lint_in noroot/sub alpha.md &&
	grep -q "root" noroot/sub.err && test ! -s noroot/sub.out
'

test_expect_success 'lint-rules/ without corpus/corpus.yaml is no root' '
	mkdir -p half/corpus && cp -R "$REPO/lint-rules" half/ &&
	write_scenario half/$F &&
	test_expect_code 2 lint_in half &&
	grep -q "root" half.err
'

test_expect_success 'the nearest root wins over one further up' '
	make_repo outer && sed -i "s/^min_behaviors:.*/min_behaviors: 9/" outer/lint-rules/policy.yaml &&
	make_repo outer/inner && write_scenario outer/inner/$F &&
	lint_in outer/inner && clean outer/inner 1
'

test_expect_success '--rules DIR reads the taxonomy from DIR' '
	make_repo r1 && write_scenario r1/$F &&
	sed -i "6s/.*/capabilities: [time-travel]/" r1/$F &&
	test_expect_code 1 lint_in r1 &&
	has_at r1.err "$F:6:16" unknown-capability &&
	cp -R r1/lint-rules extra &&
	printf "  time-travel:\n    description: Visiting other times\n" >>extra/taxonomy.yaml &&
	lint_in r1 --rules "$TEST_WORK/extra" && clean r1 1 &&
	lint_in r1 --rules=../extra && clean r1 1
'

test_expect_success '--rules DIR reads the policy from DIR' '
	make_repo r2 && write_scenario r2/$F &&
	cp -R r2/lint-rules five && sed -i "s/^min_behaviors:.*/min_behaviors: 5/" five/policy.yaml &&
	test_expect_code 1 lint_in r2 --rules "$TEST_WORK/five" &&
	only r2.err "$F:9:3: error: 4 behaviors; the policy asks for at least 5 [behaviors-too-few]"
'

test_expect_success '--rules with a directory that does not exist: exit 2' '
	make_repo r3 && write_scenario r3/$F &&
	test_expect_code 2 lint_in r3 --rules "$TEST_WORK/no-such-dir" &&
	grep -q "no-such-dir" r3.err
'

test_expect_success 'an invalid policy value is reported at its place' '
	make_repo r4 && write_scenario r4/$F &&
	sed -i "s/^min_behaviors:.*/min_behaviors: many/" r4/lint-rules/policy.yaml &&
	test_expect_code 1 lint_in r4 &&
	findings r4.err | grep -q "lint-rules/policy.yaml:2:16: error: .*\\[config-invalid\\]\$"
'

test_expect_success 'the summary never counts more files with findings than files' '
	make_repo r5 && mkdir -p r5/corpus/empty &&
	sed -i "s/^min_behaviors:.*/min_behaviors: many/" r5/lint-rules/policy.yaml &&
	test_expect_code 1 lint_in r5 corpus/empty &&
	sum=$(tail -n 1 r5.err) &&
	n=$(echo "$sum" | sed -n "s/.* in \\([0-9]*\\) of \\([0-9]*\\) files*\$/\\1/p") &&
	m=$(echo "$sum" | sed -n "s/.* in \\([0-9]*\\) of \\([0-9]*\\) files*\$/\\2/p") &&
	test -n "$n" && test -n "$m" && test "$n" -le "$m"
'

test_expect_success 'a symbolic link to a scenario is reported, not followed' '
	make_repo l1 && write_scenario l1/$F &&
	ln -s alpha.md l1/corpus/sci/link.md &&
	test_expect_code 1 lint_in l1 &&
	has_at l1.err "corpus/sci/link.md:1:1" file-unreadable &&
	test "$(nfindings l1.err)" = 1
'

if [ -w /dev/full ]; then
test_expect_success 'a failing stdout (json to /dev/full) exits 2' '
	make_repo w1 && write_scenario w1/$F &&
	(cd w1 && "$CORPUSC" lint --format json >/dev/full 2>../w1.err; echo $? >../w1.rc) &&
	test "$(cat w1.rc)" = 2 &&
	grep -q "writing output failed" w1.err
'
fi

test_done
