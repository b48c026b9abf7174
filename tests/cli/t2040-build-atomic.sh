#!/bin/sh
# corpusc build writes atomically and only beneath --out: a failure leaves no
# debris and an earlier release as it was; symlinks are never written
# through; a rebuild replaces a release completely (docs/format.md 4, 5).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

V=3.0.0
# snap DIR FILE: a listing of DIR with every file's checksum and link target
snap() {
	(cd "$1" && find . -print | LC_ALL=C sort | while read -r p; do
		if [ -L "$p" ]; then echo "L $p -> $(readlink "$p")"
		elif [ -f "$p" ]; then echo "F $p $(sha256sum <"$p" | cut -c1-64)"
		else echo "D $p"; fi
	done) >"$2"
}

test_expect_success 'setup: a valid corpus and its release in out/' '
	make_repo repo &&
	write_scenario repo/corpus/science/first-case.md &&
	write_scenario repo/corpus/security/second-case.md &&
	(cd repo && build --out "$TEST_WORK/out" --version $V) &&
	test -f "out/$NAME-$V/data/scenarios/train.jsonl" &&
	snap out before
'

test_expect_success 'a lint error: exit 1, nothing written, the earlier release byte-identical' '
	cp -R repo broken &&
	sed -i "s/^origin: human/origin: nobody-knows/" broken/corpus/science/first-case.md &&
	(cd broken && test_expect_code 1 "$CORPUSC" build --out "$TEST_WORK/out" --version $V \
		>../lint.out 2>../lint.err) &&
	cat lint.out lint.err | grep "first-case.md" &&
	snap out after &&
	test_cmp before after
'

test_expect_success 'a lint error: the lint findings are printed' '
	cat lint.out lint.err | grep -i "error" | grep "origin\|nobody-knows"
'

test_expect_success 'a lint error: a new --out is not created' '
	(cd broken && test_expect_code 1 "$CORPUSC" build --out "$TEST_WORK/fresh/deeper" \
		--version $V >/dev/null 2>&1) &&
	{ test ! -e fresh || { find fresh; false; }; }
'

test_expect_success 'a lint error in one of many files: nothing of the good ones is written' '
	cp -R repo broken2 &&
	for i in 1 2 3 4 5 6; do
		write_scenario broken2/corpus/extra/good-case-$i.md || return 1
	done &&
	printf "this file has no front matter\n" >broken2/corpus/zzz-bad.md &&
	(cd broken2 && test_expect_code 1 "$CORPUSC" build --out "$TEST_WORK/out" \
		--version 3.1.0 >/dev/null 2>&1) &&
	snap out after &&
	test_cmp before after
'

test_expect_success 'a refused --previous bump: exit 2, no staging directory left' '
	cp -R repo smaller &&
	rm smaller/corpus/security/second-case.md &&
	(cd smaller && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out" --version 3.0.1 \
		--previous "$TEST_WORK/out/$NAME-$V" >/dev/null 2>&1) &&
	snap out after &&
	test_cmp before after
'

test_expect_success 'a refused --previous bump over the same version keeps the earlier release' '
	(cd smaller && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/out" --version $V \
		--previous "$TEST_WORK/out/$NAME-$V" >/dev/null 2>&1) &&
	snap out after &&
	test_cmp before after
'

test_expect_success 'a build leaves only the release in --out: no staging, spool or old copy' '
	(cd repo && build --out "$TEST_WORK/clean" --version $V) &&
	test "$(ls -A clean)" = "$NAME-$V" &&
	(cd repo && build --out "$TEST_WORK/clean" --version $V) &&
	test "$(ls -A clean)" = "$NAME-$V" &&
	! find "clean/$NAME-$V" -name ".*" | grep . &&
	! find "clean/$NAME-$V" -iname "*spool*" | grep .
'

test_expect_success 'nothing is written outside --out' '
	cp -R repo quiet &&
	snap quiet q-before &&
	(cd quiet && "$CORPUSC" build --out "$TEST_WORK/elsewhere" --version $V >../q.out 2>&1) &&
	snap quiet q-after &&
	test_cmp q-before q-after &&
	test "$(ls -A elsewhere)" = "$NAME-$V"
'

test_expect_success '--out that is a symlink: nothing is written through it' '
	mkdir real-target &&
	echo keep >real-target/sentinel &&
	ln -s real-target link-out &&
	snap real-target t-before &&
	(cd repo && "$CORPUSC" build --out "$TEST_WORK/link-out" --version $V >/dev/null 2>../link.err)
	rc=$?
	snap real-target t-after &&
	test_cmp t-before t-after &&
	case $rc in
	2) test -L link-out && test "$(readlink link-out)" = real-target ;;
	0) test ! -L link-out && test -f "link-out/$NAME-$V/data/scenarios/train.jsonl" ;;
	*) echo "exit $rc"; false ;;
	esac
'

test_expect_success '--out that is a symlink: a refusal says why' '
	test ! -L link-out || grep -i "link" link.err
'

test_expect_success 'a symlink at <out>/<name>-<version> is replaced, never written through' '
	mkdir -p symout elsewhere-dir &&
	echo precious >elsewhere-dir/keep.txt &&
	ln -s "$TEST_WORK/elsewhere-dir" "symout/$NAME-$V" &&
	snap elsewhere-dir e-before &&
	(cd repo && build --out "$TEST_WORK/symout" --version $V) &&
	snap elsewhere-dir e-after &&
	test_cmp e-before e-after &&
	test ! -L "symout/$NAME-$V" &&
	test -d "symout/$NAME-$V" &&
	test -f "symout/$NAME-$V/data/scenarios/train.jsonl" &&
	test "$(ls -A symout)" = "$NAME-$V"
'

test_expect_success 'a dangling symlink at <out>/<name>-<version> is replaced, its target not created' '
	mkdir -p dangle &&
	ln -s "$TEST_WORK/not-there" "dangle/$NAME-$V" &&
	(cd repo && build --out "$TEST_WORK/dangle" --version $V) &&
	test ! -e not-there &&
	test ! -L "dangle/$NAME-$V" && test -f "dangle/$NAME-$V/manifest.json"
'

test_expect_success 'a symlink in the release directory is not written through on rebuild' '
	mkdir -p inner inner-target &&
	(cd repo && build --out "$TEST_WORK/inner" --version $V) &&
	echo "do not touch" >inner-target/scenarios.jsonl &&
	rm "inner/$NAME-$V/data/scenarios/train.jsonl" &&
	ln -s "$TEST_WORK/inner-target/scenarios.jsonl" "inner/$NAME-$V/data/scenarios/train.jsonl" &&
	(cd repo && build --out "$TEST_WORK/inner" --version $V) &&
	test "$(cat inner-target/scenarios.jsonl)" = "do not touch" &&
	test ! -L "inner/$NAME-$V/data/scenarios/train.jsonl"
'

test_expect_success 'a rebuild over a release of the same version replaces it completely' '
	(cd repo && build --out "$TEST_WORK/redo" --version $V) &&
	echo junk >"redo/$NAME-$V/junk.txt" &&
	mkdir "redo/$NAME-$V/junkdir" &&
	echo tampered >>"redo/$NAME-$V/README.md" &&
	cp -R repo fewer &&
	rm fewer/corpus/security/second-case.md &&
	(cd fewer && build --out "$TEST_WORK/redo" --version $V) &&
	test ! -e "redo/$NAME-$V/junk.txt" &&
	test ! -e "redo/$NAME-$V/junkdir" &&
	! grep tampered "redo/$NAME-$V/README.md" &&
	test $(cat "redo/$NAME-$V"/data/scenarios/*.jsonl | wc -l) = 1 &&
	! grep -r second-case "redo/$NAME-$V/data" &&
	! find "redo/$NAME-$V/html" -name "*second-case*" | grep . &&
	(cd "redo/$NAME-$V" && sha256sum -c --quiet SHA256SUMS) &&
	test "$(ls -A redo)" = "$NAME-$V"
'

test_expect_success 'a release of another version in --out is left alone' '
	(cd repo && build --out "$TEST_WORK/two" --version 1.0.0) &&
	snap "two/$NAME-1.0.0" o-before &&
	(cd repo && build --out "$TEST_WORK/two" --version 1.0.1) &&
	snap "two/$NAME-1.0.0" o-after &&
	test_cmp o-before o-after &&
	test -d "two/$NAME-1.0.1"
'

test_expect_success '--out that is a regular file: exit 2, the file untouched' '
	echo content >plainfile &&
	(cd repo && test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/plainfile" \
		--version $V >/dev/null 2>&1) &&
	test "$(cat plainfile)" = content
'

test_expect_success 'the default --out is build/release under the repository root' '
	cp -R repo dflt &&
	mkdir -p dflt/corpus/science/sub &&
	(cd dflt/corpus/science/sub && build --version $V) &&
	test -f "dflt/build/release/$NAME-$V/data/scenarios/train.jsonl" &&
	test ! -e dflt/corpus/science/sub/build
'

test_done
