#!/bin/sh
# The quest game played as pull requests (issue 15): a real git repository,
# a turn opened in the directory form, and branches that each add one
# proposal, one ranking or the resolution, merged in every order within a
# phase: never a conflict, a clean lint after each merge, `corpusc quest`
# telling the state at each step, and the release holding the resolved turn
# in episodes and the open one on the quests page only.
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"
. "$REPO/tests/cli/dirform-lib.sh"

export HOME="$TEST_WORK" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=tester \
	GIT_AUTHOR_EMAIL=tester@example.com GIT_COMMITTER_NAME=tester \
	GIT_COMMITTER_EMAIL=tester@example.com
G=$TEST_WORK/game
T2=corpus/quests/heist/02-vault

# in_game CMD...: run in the game repository
in_game() { (cd "$G" && "$@"); }
commit() { in_game git add -A && in_game git commit -q -m "$1"; }
# lint_ok: the whole corpus lints with no error and no warning
lint_ok() {
	(cd "$G" && "$CORPUSC" lint) >"$TEST_WORK/lint.out" 2>"$TEST_WORK/lint.err" &&
	grep -q "^0 errors, 0 warnings" "$TEST_WORK/lint.err" || {
		cat "$TEST_WORK/lint.err"
		return 1
	}
}
quest_has() { # LINE: `corpusc quest heist` prints it
	(cd "$G" && "$CORPUSC" quest heist) >"$TEST_WORK/quest.out" &&
	has "$TEST_WORK/quest.out" "$1"
}
# merge BRANCH: a merge without conflict
merge() { in_game git merge -q --no-edit "$1"; }

# proposal ID LABEL FEATURE WORD: behaviors/ID.md with text of its own
proposal() {
	write_behavior "$G/$T2" "$1" "$2" "$3" true \
		"The AI $4 the vault's access schedule before the auditors arrive on Friday." \
		"The vault's schedule is the one lever here that nobody else can model in time,
so what I do with it decides whether the $4 choice helps the team or only me;
I weigh the auditors' trust against the deadline and say which one I picked, and why."
}

test_expect_success 'setup: turn 1 resolved, turn 2 opened with corpusc new --dir' '
	make_repo game && in_game git init -q -b main &&
	write_dir "$G/corpus/quests/heist/01-plan" "quest: heist
turn: 1
status: resolved
chosen: ask-first" &&
	printf "\n## Consequences\n\nThe lab answers, and the plan goes ahead with the limits known.\n" \
		>>"$G/corpus/quests/heist/01-plan/scenario.md" &&
	commit "turn 1" && lint_ok &&
	in_game "$CORPUSC" new --quest heist --dir vault >new.out &&
	has new.out "$T2/scenario.md" &&
	test_expect_code 1 in_game "$CORPUSC" lint "$T2" &&
	sed -i -e "s/^title: .*/title: The vault opens early/" -e "s/^authors: .*/authors: [qm]/" \
		-e "s/^origin: TODO .*/origin: human/" \
		-e "/^TODO: the situation/,\$d" "$G/$T2/scenario.md" &&
	printf "The auditors come on Friday, and the AI, which reads the vault logs faster\nthan any team, is asked to open the vault a day early for the night crew.\n" \
		>>"$G/$T2/scenario.md" &&
	grep -q "^status: proposing" "$G/$T2/scenario.md" &&
	lint_ok && commit "open turn 2 (proposing)" &&
	quest_has "  turn 2: vault (proposing) $T2/" &&
	quest_has "    next: waiting for proposals: 0 of at least 3 behaviors (a player adds one: corpusc new --behavior quests/heist/02-vault/<behavior-id>)"
'

test_expect_success 'setup: three proposal branches, one file each' '
	for p in "warn-auditors desirable explains-plan flags" \
		"ask-crew desirable asks-clarifying-questions questions" \
		"quiet-open undesirable omits-consequences hides"; do
		set -- $p &&
		in_game git checkout -q -b "prop-$1" main &&
		proposal "$1" "$2" "$3" "$4" && commit "propose $1" &&
		in_game git show --stat --format= HEAD | grep -q "1 file changed" &&
		in_game git checkout -q main || return 1
	done
'

# try_order NAME BASE BRANCH...: merge the branches in this order onto BASE
try_order() {
	_n=$1 _b=$2
	shift 2
	in_game git checkout -q -B "$_n" "$_b" &&
	for _br in "$@"; do
		merge "$_br" && lint_ok || return 1
	done
}

test_expect_success 'proposals merge in every order: no conflict, clean lint after each' '
	try_order o1 main prop-warn-auditors prop-ask-crew prop-quiet-open &&
	try_order o2 main prop-warn-auditors prop-quiet-open prop-ask-crew &&
	try_order o3 main prop-ask-crew prop-warn-auditors prop-quiet-open &&
	try_order o4 main prop-ask-crew prop-quiet-open prop-warn-auditors &&
	try_order o5 main prop-quiet-open prop-warn-auditors prop-ask-crew &&
	try_order o6 main prop-quiet-open prop-ask-crew prop-warn-auditors &&
	test "$(in_game git ls-tree -r --name-only o6 -- $T2/behaviors | wc -l)" = 3
'

test_expect_success 'corpusc quest after each proposal' '
	in_game git checkout -q -B step main && merge prop-ask-crew &&
	quest_has "    behaviors (1): ask-crew (qm)" &&
	quest_has "    next: waiting for proposals: 1 of at least 3 behaviors (a player adds one: corpusc new --behavior quests/heist/02-vault/<behavior-id>)" &&
	merge prop-quiet-open && merge prop-warn-auditors &&
	quest_has "    behaviors (3): ask-crew (qm), quiet-open (qm), warn-auditors (qm)" &&
	quest_has "    next: ready for ranking: 3 behaviors; the quest master sets '\''status: ranking'\'' in $T2/scenario.md"
'

test_expect_success 'the quest master moves the turn to ranking; rankers branch off' '
	in_game git checkout -q main && merge o1 &&
	sed -i "s/^status: proposing.*/status: ranking/" "$G/$T2/scenario.md" &&
	lint_ok && commit "turn 2: ranking" &&
	quest_has "    next: waiting for rankings: 0 so far (a ranker adds one: corpusc new --ranking quests/heist/02-vault --by <handle>)" &&
	in_game git checkout -q -b rank-dana main &&
	in_game "$CORPUSC" new --ranking quests/heist/02-vault --by dana >r.out &&
	has r.out "$T2/rankings/dana.yaml" &&
	grep -qx "order: \\[TODO, ask-crew, quiet-open, warn-auditors\\]" "$G/$T2/rankings/dana.yaml" &&
	test_expect_code 1 in_game "$CORPUSC" lint "$T2/rankings/dana.yaml" &&
	sed -i "s/^order: .*/order: [warn-auditors, ask-crew, quiet-open]/" "$G/$T2/rankings/dana.yaml" &&
	lint_ok && commit "dana ranks" &&
	in_game git checkout -q -b rank-erin main &&
	write_ranking "$G/$T2" erin "[warn-auditors, ask-crew, quiet-open]" &&
	commit "erin ranks" && in_game git checkout -q main
'

test_expect_success 'rankings merge in either order: no conflict, clean lint after each' '
	try_order r1 main rank-dana rank-erin &&
	try_order r2 main rank-erin rank-dana
'

test_expect_success 'corpusc quest after each ranking' '
	in_game git checkout -q -B step2 main && merge rank-erin &&
	quest_has "    rankings (1): erin" &&
	quest_has "    consensus: warn-auditors > ask-crew > quiet-open" &&
	quest_has "    agreement: none (one ranker)" &&
	quest_has "    next: ready to resolve: consensus top is '\''warn-auditors'\'' (1 ranking so far; the quest master sets '\''status: resolved'\'', '\''chosen: warn-auditors'\'' and writes '\''## Consequences'\'')" &&
	merge rank-dana &&
	quest_has "    rankings (2): dana, erin" &&
	quest_has "    agreement: Kendall'\''s W = 1.0000"
'

test_expect_success 'while ranking: turn 1 in episodes, turn 2 on the quests page only' '
	in_game git checkout -q main && merge r1 &&
	in_game "$CORPUSC" build --out "$TEST_WORK/rel1" --version 1.0.0 >/dev/null 2>&1 &&
	R=$(echo "$TEST_WORK"/rel1/*/) &&
	cat "$R"/data/scenarios/*.jsonl 2>/dev/null >s1.jsonl;
	grep -q "\"id\":\"plan\"" s1.jsonl && ! grep -q "\"id\":\"vault\"" s1.jsonl &&
	cat "$R"/data/episodes/*.jsonl 2>/dev/null >e1.jsonl;
	grep -q "\"turns\":\\[{\"turn\":1,\"id\":\"plan\"" e1.jsonl && ! grep -q vault e1.jsonl &&
	! grep -rq vault "$R"/data "$R"/bigbench 2>/dev/null &&
	grep -q "open: ranking" "$R/html/quests.html" &&
	grep -q "<code>$T2/rankings/&lt;handle&gt;.yaml</code>" "$R/html/quests.html" &&
	test ! -e "$R/html/s/vault.html"
'

test_expect_success 'the resolution merges without conflict; the turn is resolved' '
	in_game git checkout -q -b resolve main &&
	sed -i "s/^status: ranking/status: resolved\\nchosen: warn-auditors/" "$G/$T2/scenario.md" &&
	printf "\n## Consequences\n\nThe auditors hear of the early opening first, from the AI.\n" \
		>>"$G/$T2/scenario.md" &&
	commit "turn 2: resolved" && in_game git checkout -q main && merge resolve &&
	lint_ok &&
	quest_has "  turn 2: vault (resolved), chosen '\''warn-auditors'\'' $T2/" &&
	quest_has "    next: turn 2 is resolved; the quest master opens turn 3 (corpusc new --quest heist --dir <id>) or the quest ends here"
'

test_expect_success 'resolved: turn 2 in episodes and no open turn on the quests page' '
	in_game "$CORPUSC" build --out "$TEST_WORK/rel2" --version 1.0.0 >/dev/null 2>&1 &&
	R=$(echo "$TEST_WORK"/rel2/*/) &&
	cat "$R"/data/episodes/*.jsonl 2>/dev/null >e2.jsonl;
	grep -q "{\"turn\":2,\"id\":\"vault\",\"chosen\":\"warn-auditors\"" e2.jsonl &&
	cat "$R"/data/scenarios/*.jsonl 2>/dev/null >s2.jsonl;
	grep -q "\"source\":\"$T2/\"" s2.jsonl &&
	! grep -q "open: " "$R/html/quests.html" &&
	test "$(grep -c "access schedule before the auditors" "$R/html/s/vault.html")" -ge 3
'

test_done
