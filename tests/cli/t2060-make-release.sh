#!/bin/sh
# make release, in a copy of the repository: lint, build
# build/release/<name>-<version>/ and pack <name>-<version>.tar.gz
# reproducibly (docs/format.md 5; Makefile; scripts/pack.sh).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lib-build.sh"

CLONE=$TEST_WORK/clone
R=build/release/$NAME-$VERSION
TGZ=build/release/$NAME-$VERSION.tar.gz

# mk TARGET...: make in the copy, isolated from an outer make (make check) and
# from run.sh's BUILDDIR, which points at the real repository's build/
mk() {
	(cd "$CLONE" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILDDIR -u CORPUSC \
		-u SOURCE_DATE_EPOCH make -s "$@")
}

test_expect_success 'setup: copy the repository without build/' '
	mkdir "$CLONE" &&
	for f in "$REPO"/* "$REPO"/.[!.]*; do
		[ -e "$f" ] || continue
		case ${f##*/} in build) continue ;; esac
		cp -R "$f" "$CLONE/" || return 1
	done &&
	test -f "$CLONE/Makefile" && test -f "$CLONE/corpus/corpus.yaml" &&
	test ! -e "$CLONE/build"
'

test_expect_success 'make release writes the release directory and the tarball' '
	mk release >release.out 2>&1 || { tail -30 release.out; false; } &&
	test -x "$CLONE/build/corpusc" &&
	test -d "$CLONE/$R" &&
	for f in data/scenarios/train.jsonl data/comparisons/train.jsonl bigbench/task.json \
		README.md CHANGES.md manifest.json SHA256SUMS html/index.html; do
		test -s "$CLONE/$R/$f" || { echo "missing $f"; return 1; }
	done &&
	test -s "$CLONE/$TGZ" &&
	gzip -t "$CLONE/$TGZ"
'

test_expect_success 'the release checks out and covers the whole corpus' '
	(cd "$CLONE/$R" && sha256sum -c --quiet SHA256SUMS) &&
	# a scenario is a file, or a directory holding scenario.md (its
	# behaviors/ are parts of it); an open quest turn is in no record
	files=$(find "$CLONE/corpus" -name "*.md" ! -name scenario.md ! -path "*/behaviors/*" | wc -l) &&
	dirs=$(find "$CLONE/corpus" -name scenario.md -exec grep -L "^status: *\(proposing\|ranking\)" {} + | wc -l) &&
	n=$((files + dirs)) && test "$n" -gt 0 &&
	test "$(cat "$CLONE/$R"/data/scenarios/*.jsonl | wc -l)" -eq "$n"
'

test_expect_success 'build/release holds only the release, its tarball and the checksum' '
	ls -A "$CLONE/build/release" >left &&
	printf "%s\n" "$NAME-$VERSION" "$NAME-$VERSION.tar.gz" "$NAME-$VERSION.tar.gz.sha256" >want &&
	test_cmp want left
'

test_expect_success 'the .sha256 beside the tarball checks out, and catches a change' '
	(cd "$CLONE/build/release" && sha256sum -c --strict "$NAME-$VERSION.tar.gz.sha256") &&
	grep -q "^[0-9a-f]\{64\}  $NAME-$VERSION.tar.gz\$" "$CLONE/$TGZ.sha256" &&
	mkdir sumcheck && cp "$CLONE/$TGZ" "$CLONE/$TGZ.sha256" sumcheck/ &&
	printf x >>"sumcheck/$NAME-$VERSION.tar.gz" &&
	! (cd sumcheck && sha256sum -c --quiet "$NAME-$VERSION.tar.gz.sha256" 2>/dev/null)
'

test_expect_success 'the tarball lists its files sorted, owner and group 0' '
	tar -tvzf "$CLONE/$TGZ" >tv &&
	test -s tv &&
	! grep -v " 0/0 " tv &&
	tar -tzf "$CLONE/$TGZ" >names &&
	py_check names <<\EOF
names = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
check(names, "empty tarball")
prefix = __import__("os").environ["NAME"] + "-" + __import__("os").environ["VERSION"] + "/"
for n in names:
    check(n.startswith(prefix) or n == prefix, "outside the release directory: %s" % n)
# within every directory, entries appear in byte order of their names
seen = {}
for n in names:
    p = n.rstrip("/")
    parent, _, base = p.rpartition("/")
    seen.setdefault(parent, []).append(base.encode())
for d, kids in seen.items():
    eq(kids, sorted(kids), "order of the entries of %s" % (d or "."))
EOF
'

test_expect_success 'the tarball holds exactly the release, with normalized modes' '
	mkdir unpack &&
	tar -xzf "$CLONE/$TGZ" -C unpack &&
	diff -r "$CLONE/$R" "unpack/$NAME-$VERSION" &&
	tar -tvzf "$CLONE/$TGZ" | awk "{print \$1}" | sort -u >modes &&
	! grep -v "^-rw-r--r--\$\|^drwxr-xr-x\$" modes
'

test_expect_success 'make release again gives a byte-identical tarball' '
	cp "$CLONE/$TGZ" first.tar.gz &&
	sleep 1 &&
	mk release >release2.out 2>&1 || { tail -30 release2.out; false; } &&
	cmp first.tar.gz "$CLONE/$TGZ"
'

test_expect_success 'make release with a lint error fails and writes no release' '
	sed -i "s/^version:.*/version: 9.9.9/" "$CLONE/corpus/corpus.yaml" &&
	mkdir -p "$CLONE/corpus/zz-broken" &&
	printf "no front matter here\n" >"$CLONE/corpus/zz-broken/broken-file.md" &&
	! mk release >release3.out 2>&1 &&
	test ! -e "$CLONE/build/release/$NAME-9.9.9" &&
	test ! -e "$CLONE/build/release/$NAME-9.9.9.tar.gz" &&
	cmp first.tar.gz "$CLONE/$TGZ"
'

test_done
