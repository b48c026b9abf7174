#!/bin/sh
# corpusc build: the same sources and version give byte-identical releases
# whatever the clock, time zone, locale, umask or output directory;
# SOURCE_DATE_EPOCH is validated; scripts/pack.sh is reproducible (docs/format.md 5.4).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

# Every build here is compared with others: use one copy of the binary, so a
# `make` run meanwhile (another shell, another suite) cannot change it midway
cp "$CORPUSC" "$TEST_WORK/corpusc.copy" && CORPUSC=$TEST_WORK/corpusc.copy

# A UTF-8 locale other than C if there is one
OTHER_LOCALE=C.UTF-8
for l in de_DE.UTF-8 de_DE.utf8 fr_FR.UTF-8 fr_FR.utf8; do
	if locale -a 2>/dev/null | grep -qix "$l"; then
		OTHER_LOCALE=$l
		break
	fi
done

# modes FILE DIR: "mode path" of everything under DIR
modes() {
	(cd "$2" && find . -exec stat -c "%a %n" {} + | LC_ALL=C sort) >"$1"
}

test_expect_success 'build the fixture corpus once' '
	build_fixture_corpus repo &&
	(cd repo && build --out "$TEST_WORK/a") &&
	test -f "$(release_dir a)/data/scenarios/train.jsonl"
'

test_expect_success 'a second build into another --out is byte-identical' '
	sleep 1 &&
	(cd repo && build --out "$TEST_WORK/b") &&
	diff -r "$(release_dir a)" "$(release_dir b)"
'

test_expect_success 'other TZ, LC_ALL and umask 077 give byte-identical files and modes' '
	(cd repo && umask 077 && TZ=Pacific/Kiritimati LC_ALL=$OTHER_LOCALE LANG=$OTHER_LOCALE \
		build --out "$TEST_WORK/c") &&
	diff -r "$(release_dir a)" "$(release_dir c)" &&
	modes ma "$(release_dir a)" && modes mc "$(release_dir c)" &&
	test_cmp ma mc
'

test_expect_success 'umask 022 and TZ far west give the same release' '
	(cd repo && umask 022 && TZ=America/Adak LC_ALL=C build --out "$TEST_WORK/d") &&
	diff -r "$(release_dir a)" "$(release_dir d)"
'

test_expect_success 'files are world-readable even under umask 077' '
	modes mc "$(release_dir c)" &&
	! grep -v "^[67][0-7][45] " mc
'

test_expect_success 'files and directories visited in another order give the same release' '
	mkdir -p repo2 &&
	make_repo repo2 &&
	(cd repo/corpus && find . -name "*.md" | LC_ALL=C sort -r) >list &&
	while read -r f; do
		mkdir -p "repo2/corpus/$(dirname "$f")" &&
		cp "repo/corpus/$f" "repo2/corpus/$f" || return 1
	done <list &&
	(cd repo2 && build --out "$TEST_WORK/e") &&
	diff -r "$(release_dir a)" "$(release_dir e)"
'

test_expect_success 'one lint thread or many give the same release (CORPUSC_JOBS)' '
	for j in 1 2 7; do
		(cd repo && CORPUSC_JOBS=$j build --out "$TEST_WORK/jobs$j") &&
		diff -r "$(release_dir a)" "$(release_dir jobs$j)" || return 1
	done
'

test_expect_success 'the same SOURCE_DATE_EPOCH gives identical releases' '
	(cd repo && SOURCE_DATE_EPOCH=1700000000 build --out "$TEST_WORK/f1") &&
	sleep 1 &&
	(cd repo && SOURCE_DATE_EPOCH=1700000000 TZ=Asia/Kathmandu build --out "$TEST_WORK/f2") &&
	diff -r "$(release_dir f1)" "$(release_dir f2)"
'

test_expect_success 'no clock time: the date of today is in no release file' '
	today=$(date -u +%Y-%m-%d) &&
	! grep -r "$today" "$(release_dir f1)" &&
	! grep -r "$today" "$(release_dir a)"
'

test_expect_success 'in a git repository: source_commit is HEAD, dates from the commit, reproducible' '
	cp -R repo gitrepo &&
	(cd gitrepo && git init -q . && git add -A &&
	 GIT_AUTHOR_DATE="@1600000000 +0000" GIT_COMMITTER_DATE="@1600000000 +0000" \
	 git -c user.name=tester -c user.email=tester@example.org -c commit.gpgsign=false \
		commit -q -m fixture) &&
	head=$(git -C gitrepo rev-parse HEAD) &&
	(cd gitrepo && build --out "$TEST_WORK/g1") &&
	sleep 1 &&
	(cd gitrepo && TZ=Asia/Tokyo build --out "$TEST_WORK/g2") &&
	diff -r "$(release_dir g1)" "$(release_dir g2)" &&
	"$PYTHON" -c "import json,sys; m=json.load(open(sys.argv[1])); assert m[\"source_commit\"] == sys.argv[2], m[\"source_commit\"]" \
		"$(release_dir g1)/manifest.json" "$head" &&
	today=$(date -u +%Y-%m-%d) &&
	! grep -r "$today" "$(release_dir g1)"
'

test_expect_success 'SOURCE_DATE_EPOCH=0 is valid' '
	(cd repo && SOURCE_DATE_EPOCH=0 build --out "$TEST_WORK/zero") &&
	test -f "$(release_dir zero)/data/scenarios/train.jsonl"
'

for sde in -1 abc 1.5 "" " 1" "1 " 0x10 +5 1e3; do
	test_expect_success "SOURCE_DATE_EPOCH='$sde' is refused with exit 2, nothing written" '
		rm -rf sde-out &&
		mkdir sde-out &&
		(cd repo && SOURCE_DATE_EPOCH="$sde" &&
		 export SOURCE_DATE_EPOCH &&
		 test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/sde-out" >../sde.out 2>../sde.err) &&
		grep -i "SOURCE_DATE_EPOCH" sde.err &&
		test -z "$(ls -A sde-out)" &&
		test ! -e repo/build
	'
done

test_expect_success 'a SOURCE_DATE_EPOCH past any calendar is refused or gives a real date' '
	(cd repo && SOURCE_DATE_EPOCH=999999999999999999 && export SOURCE_DATE_EPOCH &&
	 "$CORPUSC" build --out "$TEST_WORK/far" >../far.out 2>&1)
	rc=$?
	case $rc in
	2) test ! -e "$(release_dir far)" ;;
	0) py_check "$(release_dir far)/manifest.json" <<\EOF ;;
import re
m = parse(open(sys.argv[1], encoding="utf-8").read())
def walk(v):
    if isinstance(v, dict):
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
    elif isinstance(v, str):
        t = re.match(r"^-?(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)", v)
        if t:
            mo, d, h, mi, s = (int(x) for x in t.groups()[1:])
            check(1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60 and s < 61,
                  "not a date: %r" % v)
walk(m)
EOF
	*) echo "exit $rc"; false ;;
	esac
'

test_expect_success 'an invalid SOURCE_DATE_EPOCH does not create --out' '
	(cd repo && SOURCE_DATE_EPOCH=abc && export SOURCE_DATE_EPOCH &&
	 test_expect_code 2 "$CORPUSC" build --out "$TEST_WORK/never" 2>/dev/null) &&
	test ! -e never
'

test_expect_success 'scripts/pack.sh twice gives identical bytes' '
	mkdir pack1 pack2 &&
	cp -R "$(release_dir a)" pack1/ &&
	cp -R "$(release_dir c)" pack2/ &&
	SOURCE_DATE_EPOCH=1700000000 sh "$REPO/scripts/pack.sh" pack1 "$NAME-$VERSION" &&
	sleep 1 &&
	(umask 077 && TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=1700000000 \
		sh "$REPO/scripts/pack.sh" pack2 "$NAME-$VERSION") &&
	cmp pack1/$NAME-$VERSION.tar.gz pack2/$NAME-$VERSION.tar.gz &&
	SOURCE_DATE_EPOCH=1700000000 sh "$REPO/scripts/pack.sh" pack1 "$NAME-$VERSION" &&
	cmp pack1/$NAME-$VERSION.tar.gz pack2/$NAME-$VERSION.tar.gz
'

test_expect_success 'the tarball holds the release with mtime SOURCE_DATE_EPOCH, owner 0, no debris' '
	tar -tvzf pack1/$NAME-$VERSION.tar.gz >tv &&
	! grep -v " 0/0 " tv &&
	! grep -v "2023-11-14 22:13" tv &&
	ls -A pack1 >left &&
	printf "%s\n" "$NAME-$VERSION" "$NAME-$VERSION.tar.gz" "$NAME-$VERSION.tar.gz.sha256" >want &&
	test_cmp want left &&
	mkdir unpack && tar -xzf pack1/$NAME-$VERSION.tar.gz -C unpack &&
	diff -r "$(release_dir a)" "unpack/$NAME-$VERSION"
'

test_expect_success 'scripts/pack.sh refuses an invalid SOURCE_DATE_EPOCH' '
	SOURCE_DATE_EPOCH=-1 && export SOURCE_DATE_EPOCH &&
	test_expect_code 2 sh "$REPO/scripts/pack.sh" pack1 "$NAME-$VERSION"
'

test_done
