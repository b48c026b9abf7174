#!/bin/sh
# Hostile input, issue 8: paths. The walker reads regular files only and never
# follows a symbolic link; no content of a file outside the corpus reaches any
# output; a FIFO cannot stall it; output goes only beneath --out and never
# through a symlink there; ids cannot name a path that breaks a checkout
# (reserved device names, case-only collisions); hostile file names are
# escaped.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/hostile-lib.sh"

F=$H_F
REL=$(sed -n 's/^name:[[:space:]]*//p' "$REPO/corpus/corpus.yaml")-$(sed -n 's/^version:[[:space:]]*//p' "$REPO/corpus/corpus.yaml")

# formats DIR EXPECT ARGS...: lint in every format; DIR.gcc holds stderr of
# the gcc run, DIR.json, DIR.sarif and DIR.github the stdout of the others.
formats() {
	_d=$1 _w=$2
	shift 2
	hrun "$_d" "$_w" lint "$@" && cp "$_d.err" "$_d.gcc" &&
	hrun "$_d" "$_w" lint --format json "$@" && cp "$_d.out" "$_d.json" &&
	hrun "$_d" "$_w" lint --format sarif "$@" && cp "$_d.out" "$_d.sarif" &&
	hrun "$_d" "$_w" lint --format github "$@" && cp "$_d.out" "$_d.github"
}

# outside: a directory beside the repositories with a secret scenario file.
mkdir -p outside/dir &&
write_scenario outside/secret.md &&
sed -i "s/^A laboratory asks the AI/OUTSIDE-SECRET-7c1e asks the AI/" outside/secret.md &&
cp outside/secret.md outside/dir/leak.md &&
printf 'untouched\n' >outside/dir/keep

test_expect_success 'a .md symlink to /etc/passwd: file-unreadable at 1:1, no line of it in any format' '
	make_repo pw && write_scenario pw/$F &&
	ln -s /etc/passwd pw/corpus/sci/passwd.md &&
	formats pw 1 &&
	h_at pw.gcc "corpus/sci/passwd.md:1:1" file-unreadable &&
	h_summary pw.gcc "1 error, 0 warnings in 1 of 2 files" &&
	h_absent "root:" pw.gcc pw.json pw.sarif pw.github &&
	h_absent "/bin/" pw.gcc pw.json pw.sarif pw.github
'

test_expect_success 'a .md symlink to a file outside the repository: file-unreadable, nothing of it read or built' '
	make_repo sl && write_scenario sl/$F &&
	ln -s "$TEST_WORK/outside/secret.md" sl/corpus/sci/secret.md &&
	formats sl 1 &&
	h_at sl.gcc "corpus/sci/secret.md:1:1" file-unreadable &&
	h_absent OUTSIDE-SECRET-7c1e sl.gcc sl.json sl.sarif sl.github &&
	hrun sl 1 build --out out &&
	h_at sl.err "corpus/sci/secret.md:1:1" file-unreadable &&
	test ! -e sl/out/$REL
'

test_expect_success 'a symlinked directory in the corpus is not walked' '
	make_repo sd && write_scenario sd/$F &&
	ln -s "$TEST_WORK/outside/dir" sd/corpus/linked &&
	formats sd 0 &&
	h_summary sd.gcc "0 errors, 0 warnings in 0 of 1 file" &&
	h_absent OUTSIDE-SECRET-7c1e sd.gcc sd.json sd.sarif sd.github &&
	HENV=SOURCE_DATE_EPOCH=0 hrun sd 0 build --out out &&
	test "$(cat sd/out/$REL/data/scenarios/*.jsonl | wc -l)" = 1 &&
	h_absent OUTSIDE-SECRET-7c1e sd/out
'

test_expect_success 'symlinks named on the command line: file-unreadable each, no other finding' '
	make_repo sa && mkdir -p sa/corpus/sci &&
	ln -s /etc/passwd sa/corpus/sci/a.md && ln -s "$TEST_WORK/outside/secret.md" sa/corpus/sci/b.md &&
	formats sa 1 corpus/sci/a.md corpus/sci/b.md &&
	h_at sa.gcc "corpus/sci/a.md:1:1" file-unreadable &&
	h_at sa.gcc "corpus/sci/b.md:1:1" file-unreadable &&
	h_summary sa.gcc "2 errors, 0 warnings in 2 of 2 files" &&
	h_absent OUTSIDE-SECRET-7c1e sa.gcc sa.json sa.sarif sa.github
'

test_expect_success 'two files over the size cap: file-too-large each, not near-duplicates of each other' '
	make_repo tl && mkdir -p tl/corpus/sci &&
	h_gen tl/corpus/sci/big1.md "b\"x\n\" * 530000" && cp tl/corpus/sci/big1.md tl/corpus/sci/big2.md &&
	hrun tl 1 lint &&
	h_at tl.err "corpus/sci/big1.md:1:1" file-too-large &&
	h_at tl.err "corpus/sci/big2.md:1:1" file-too-large &&
	h_no tl.err near-duplicate
'

test_expect_success 'a FIFO named x.md in the corpus: no hang, file-unreadable at 1:1' '
	make_repo ff && write_scenario ff/$F && mkfifo ff/corpus/sci/pipe.md &&
	hrun ff 1 lint &&
	h_at ff.err "corpus/sci/pipe.md:1:1" file-unreadable &&
	hrun ff 1 lint corpus/sci/pipe.md &&
	h_first ff.err "corpus/sci/pipe.md:1:1" file-unreadable
'

test_expect_success 'an unreadable file: file-unreadable at 1:1 (Permission denied)' '
	make_repo ur && write_scenario ur/$F && write_scenario ur/corpus/sci/locked.md &&
	chmod 000 ur/corpus/sci/locked.md &&
	if [ "$(id -u)" != 0 ]; then
		hrun ur 1 lint
	else
		# root reads anything: run as nobody, on copies of the repo and of the
		# binary that nobody can reach (the checkout may sit in a 0700 folder)
		command -v setpriv || { echo "skipped: root without setpriv"; exit 0; }
		pub=$(mktemp -d /tmp/corpusc-hostile.XXXXXX) && chmod 755 "$pub" &&
		cp -R ur "$pub/" && chmod -R a+rX "$pub/ur" && chmod 000 "$pub/ur/corpus/sci/locked.md" &&
		cp "$CORPUSC" "$pub/corpusc" && chmod 755 "$pub/corpusc" &&
		hcmd ur 1 setpriv --reuid=65534 --regid=65534 --clear-groups \
			sh -c "cd \"\$0\" && exec \"\$1\" lint" "$pub/ur" "$pub/corpusc"
		rc=$?
		rm -rf "$pub"
		test $rc = 0
	fi &&
	h_at ur.err "corpus/sci/locked.md:1:1" file-unreadable &&
	grep -F "Permission denied" ur.err &&
	h_no ur.err near-duplicate
'

# tree_state DIR: every entry under DIR (DIR itself included) with its type,
# size, mode, inode and mtime to the second. Not `ls -la`: that lists '..',
# whose mtime changes as the test writes beside DIR, and shows it to the
# minute, so the comparison failed whenever a minute turned between the two
# listings.
tree_state() {
	(cd "$1" && find . -exec stat -c "%n %F %s %a %i %Y" {} + | LC_ALL=C sort)
}

test_expect_success '--out that is a symlink: refused (exit 2), the directory it points to untouched' '
	make_repo ol && write_scenario ol/$F && mkdir -p victim1 && tree_state victim1 >victim1.before &&
	ln -s "$TEST_WORK/victim1" ol/outlink &&
	HENV=SOURCE_DATE_EPOCH=0 hrun ol 2 build --out outlink &&
	grep -F "symbolic links are not followed" ol.err &&
	tree_state victim1 >victim1.after && test_cmp victim1.before victim1.after
'

test_expect_success '--out below a symlinked directory: refused (exit 2), nothing created there' '
	make_repo op && write_scenario op/$F && mkdir -p victim2 &&
	ln -s "$TEST_WORK/victim2" op/link &&
	HENV=SOURCE_DATE_EPOCH=0 hrun op 2 build --out link/sub/out &&
	test -z "$(ls -A victim2)"
'

test_expect_success '<out>/<name>-<version> already a symlink to an outside dir: replaced, the outside dir untouched' '
	make_repo ot && write_scenario ot/$F && mkdir -p ot/out &&
	cp -R outside/dir victim3 && tree_state victim3 >victim3.before &&
	ln -s "$TEST_WORK/victim3" ot/out/$REL &&
	HENV=SOURCE_DATE_EPOCH=0 hrun ot 0 build --out out &&
	test -d ot/out/$REL && test ! -L ot/out/$REL &&
	test -f ot/out/$REL/data/scenarios/train.jsonl &&
	tree_state victim3 >victim3.after && test_cmp victim3.before victim3.after &&
	test "$(cat victim3/keep)" = untouched
'

test_expect_success 'reserved device names as ids (con, aux, nul, prn, lpt1, com9): id-reserved at 2:5' '
	make_repo rs &&
	for id in con aux nul prn lpt1 com9; do write_scenario rs/corpus/sci/$id.md; done &&
	hrun rs 1 lint &&
	for id in con aux nul prn lpt1 com9; do
		h_at rs.err "corpus/sci/$id.md:2:5" id-reserved || return 1
	done &&
	test "$(h_count rs.err id-reserved)" = 6
'

test_expect_success 'a reserved quest id (con): id-reserved at 28:8' '
	make_repo rq && write_scenario rq/corpus/quests/con/01-alpha.md "quest: con
turn: 1
chosen: ask-first
" &&
	hrun rq 1 lint &&
	h_first rq.err "corpus/quests/con/01-alpha.md:28:8" id-reserved
'

test_expect_success 'corpusc new refuses ids that cannot name a file (con, lpt1, ., ..), writes nothing' '
	make_repo nw &&
	for a in sci/con sci/lpt1 sci/. sci/.. sci/aux; do
		hrun nw 2 new "$a" || return 1
	done &&
	hrun nw 2 new --quest con sci/x &&
	test -z "$(find nw/corpus -name "*.md")"
'

test_expect_success 'ids that differ only in case (alpha.md and Alpha.md): id-duplicate and id-filename' '
	make_repo cc && write_scenario cc/$F && write_scenario cc/corpus/sci/Alpha.md &&
	sed -i "s/^id: Alpha$/id: alpha/" cc/corpus/sci/Alpha.md &&
	hrun cc 1 lint &&
	h_at cc.err "corpus/sci/Alpha.md:2:5" id-filename &&
	h_at cc.err "corpus/sci/Alpha.md:2:5" id-duplicate &&
	h_at cc.err "$F:2:5" id-duplicate
'

test_expect_success 'file names with spaces, a newline, :: and ANSI escapes: escaped in gcc and github output' '
	make_repo fn && mkdir -p fn/corpus/sci &&
	for n in "sp ace" "$(printf "new\nline::error file=forged.md::pwned")" "$(printf "esc\033[31mred\033]8;;http:\\\\evil\007")" "a,line=1::b"; do
		write_scenario fn/corpus/sci/x.md && mv fn/corpus/sci/x.md "fn/corpus/sci/$n.md" || return 1
	done &&
	formats fn 1 &&
	h_clean_text fn.gcc fn.github &&
	grep -F "corpus/sci/new\x0Aline::error file=forged.md::pwned.md:2:5: error:" fn.gcc &&
	grep -F "corpus/sci/esc\x1B[31mred\x1B]8;;http:" fn.gcc &&
	test "$(grep -c . fn.github)" = "$(grep -c "^corpus/" fn.gcc)" &&
	! grep -v "^::\(error\|warning\|notice\) file=corpus/sci/[^,:]*,line=[0-9]*,col=[0-9]*,title=[a-z0-9-]*::" fn.github &&
	grep -F "file=corpus/sci/a%2Cline=1%3A%3Ab.md," fn.github
'

test_expect_success 'directories nested 70 deep: file-unreadable at the 65th, quickly' '
	make_repo dp && p=corpus && i=0 &&
	while [ $i -lt 70 ]; do p=$p/d; i=$((i + 1)); done &&
	mkdir -p dp/$p && write_scenario dp/$p/alpha.md &&
	hrun dp 1 lint &&
	h_first dp.err "corpus$(printf "/d%.0s" $(seq 65)):1:1" file-unreadable
'

# Below the depth cap but past PATH_MAX (4,096 bytes): the file may not
# silently drop out of lint (and so of review) without a finding.
test_expect_success 'a scenario below a path longer than PATH_MAX: a finding, not a silent pass' '
	make_repo lp && mkdir -p lp/corpus &&
	"$PYTHON" -c "
import os
os.chdir(\"lp/corpus\")
for i in range(18):
    os.mkdir(\"x\" * 250)
    os.chdir(\"x\" * 250)
open(\"alpha.md\", \"w\").write(\"---\nid: [\n\")
" &&
	hrun lp 1 lint &&
	grep -F "[file-unreadable]" lp.err
'

test_done
