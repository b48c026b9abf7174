#!/bin/sh
# corpusc lint: the schema family of docs/format.md section 3 for front matter --
# delimiters, YAML syntax, required and unknown keys, types without YAML 1.1
# guessing, enums, ids, duplicate ids across files, anchors/aliases/tags/
# duplicate keys, nesting depth, quest keys. Line numbers refer to the layout
# of write_scenario (see lint-lib.sh).
. "$REPO/tests/cli/lib.sh"
. "$REPO/tests/cli/lint-lib.sh"

F=corpus/sci/alpha.md

test_expect_success 'a valid scenario has no finding and exits 0' '
	make_repo ok && write_scenario ok/$F &&
	lint_in ok &&
	clean ok 1 &&
	test ! -s ok.out
'

test_expect_success 'a file without the opening --- line' '
	make_repo r1 && write_scenario r1/$F &&
	sed -i 1d r1/$F &&
	test_expect_code 1 lint_in r1 &&
	only r1.err "$F:1:1: error: the file must start with a '\''---'\'' line opening the YAML front matter [frontmatter-missing]" &&
	has r1.err "1 error, 0 warnings in 1 of 1 file"
'

test_expect_success 'an opening line with more than --- on it' '
	make_repo r2 && write_scenario r2/$F &&
	sed -i "1s/.*/--- yaml/" r2/$F &&
	test_expect_code 1 lint_in r2 &&
	only r2.err "$F:1:1: error: the first line must be exactly '\''---'\'' to open the front matter [frontmatter-missing]"
'

test_expect_success 'front matter without the closing --- line' '
	make_repo r3 && write_scenario r3/$F &&
	sed -i 28d r3/$F &&
	test_expect_code 1 lint_in r3 &&
	only r3.err "$F:1:1: error: the front matter opened here has no closing '\''---'\'' line; add one after the YAML [frontmatter-unterminated]"
'

test_expect_success 'front matter that is a list, not a mapping' '
	make_repo r4 && mkdir -p r4/corpus/sci &&
	printf -- "---\n- one\n- two\n---\n\n## Scenario\n\nText.\n" >r4/$F &&
	test_expect_code 1 lint_in r4 &&
	has_at r4.err "$F:2:1" frontmatter-not-mapping
'

test_expect_success 'YAML syntax: an unclosed flow list, libyaml message at its file line' '
	make_repo y1 && write_scenario y1/$F &&
	sed -i "5s/.*/origin: [human/" y1/$F &&
	test_expect_code 1 lint_in y1 &&
	only y1.err "$F:6:13: error: YAML syntax error: did not find expected '\'','\'' or '\'']'\''; fix the YAML at this position [yaml-syntax]" &&
	has y1.err "  note: while parsing a flow sequence at 5:9"
'

test_expect_success 'YAML syntax: bad indentation inside the behaviors list' '
	make_repo y2 && write_scenario y2/$F &&
	sed -i "14s/^    label/  label/" y2/$F &&
	test_expect_code 1 lint_in y2 &&
	only y2.err "$F:14:3: error: YAML syntax error: did not find expected '\''-'\'' indicator; fix the YAML at this position [yaml-syntax]" &&
	has y2.err "  note: while parsing a block collection at 9:3"
'

test_expect_success 'YAML syntax: a colon inside a plain title' '
	make_repo y3 && write_scenario y3/$F &&
	sed -i "3s/\$/: x/" y3/$F &&
	test_expect_code 1 lint_in y3 &&
	only y3.err "$F:3:35: error: YAML syntax error: mapping values are not allowed in this context; fix the YAML at this position [yaml-syntax]"
'

test_expect_success 'YAML syntax: an unterminated quoted scalar ends at the closing ---' '
	make_repo y4 && write_scenario y4/$F &&
	sed -i "10s/desirable/\"desirable/" y4/$F &&
	test_expect_code 1 lint_in y4 &&
	only y4.err "$F:28:1: error: YAML syntax error: found unexpected end of stream; fix the YAML at this position [yaml-syntax]" &&
	has y4.err "  note: while scanning a quoted scalar at 10:12"
'

test_expect_success 'a missing required key is reported at the mapping' '
	make_repo k1 && write_scenario k1/$F &&
	sed -i 3d k1/$F &&
	test_expect_code 1 lint_in k1 &&
	only k1.err "$F:2:1: error: front matter needs the key '\''title'\''; add it [key-required]"
'

test_expect_success 'every missing required front-matter key is reported' '
	make_repo k2 && write_scenario k2/$F &&
	sed -i "/^authors:/d; /^origin:/d; /^capabilities:/d" k2/$F &&
	test_expect_code 1 lint_in k2 &&
	only k2.err \
		"$F:2:1: error: front matter needs the key '\''authors'\''; add it [key-required]" \
		"$F:2:1: error: front matter needs the key '\''capabilities'\''; add it [key-required]" \
		"$F:2:1: error: front matter needs the key '\''origin'\''; add it [key-required]"
'

test_expect_success 'a behavior without its label' '
	make_repo k3 && write_scenario k3/$F &&
	sed -i 14d k3/$F &&
	test_expect_code 1 lint_in k3 &&
	has k3.err "$F:13:5: error: a behavior needs the key '\''label'\''; add it [key-required]"
'

test_expect_success 'a misspelled key gets a did-you-mean suggestion' '
	make_repo k4 && write_scenario k4/$F &&
	sed -i "7s/^tags:/tag:/" k4/$F &&
	test_expect_code 1 lint_in k4 &&
	only k4.err "$F:7:1: error: unknown key '\''tag'\'' in front matter; did you mean '\''tags'\''? [key-unknown]"
'

test_expect_success 'a misspelled required key: unknown and missing both reported' '
	make_repo k5 && write_scenario k5/$F &&
	sed -i "3s/^title:/titel:/" k5/$F &&
	test_expect_code 1 lint_in k5 &&
	only k5.err \
		"$F:2:1: error: front matter needs the key '\''title'\''; add it [key-required]" \
		"$F:3:1: error: unknown key '\''titel'\'' in front matter; did you mean '\''title'\''? [key-unknown]"
'

test_expect_success 'a misspelled behavior key, suggestion from the behavior keys' '
	make_repo k6 && write_scenario k6/$F &&
	sed -i "16s/superhuman:/superhumans:/" k6/$F &&
	test_expect_code 1 lint_in k6 &&
	has k6.err "$F:16:5: error: unknown key '\''superhumans'\'' in a behavior; did you mean '\''superhuman'\''? [key-unknown]" &&
	has_at k6.err "$F:13:5" key-required
'

test_expect_success 'an unknown key with nothing close to it' '
	make_repo k7 && write_scenario k7/$F "colour: blue
" &&
	test_expect_code 1 lint_in k7 &&
	only k7.err "$F:28:1: error: unknown key '\''colour'\'' in front matter; remove it [key-unknown]"
'

test_expect_success 'title: NO and title: 1.10 stay strings (no YAML 1.1 guessing)' '
	make_repo t1 && write_scenario t1/$F &&
	sed -i "3s/.*/title: NO/" t1/$F &&
	lint_in t1 && clean t1 1 &&
	sed -i "3s/.*/title: 1.10/" t1/$F &&
	lint_in t1 && clean t1 1 &&
	sed -i "3s/.*/title: off/" t1/$F &&
	lint_in t1 && clean t1 1
'

test_expect_success 'id: 0755 stays the string 0755 and matches 0755.md' '
	make_repo t2 && write_scenario t2/corpus/sci/0755.md &&
	grep -qx "id: 0755" t2/corpus/sci/0755.md &&
	lint_in t2 && clean t2 1
'

test_expect_success 'superhuman: yes is not a boolean' '
	make_repo t3 && write_scenario t3/$F &&
	sed -i "24s/false/yes/" t3/$F &&
	test_expect_code 1 lint_in t3 &&
	only t3.err "$F:24:17: error: '\''superhuman'\'' must be true or false, not '\''yes'\'' [type-mismatch]"
'

test_expect_success 'a quoted "true" is a string, not a boolean' '
	make_repo t4 && write_scenario t4/$F &&
	sed -i "12s/true/\"true\"/" t4/$F &&
	test_expect_code 1 lint_in t4 &&
	has_at t4.err "$F:12:17" type-mismatch
'

test_expect_success 'a string where a list is expected, and a list where a string is' '
	make_repo t5 && write_scenario t5/$F &&
	sed -i "4s/.*/authors: tester/; 3s/.*/title: [a, b]/" t5/$F &&
	test_expect_code 1 lint_in t5 &&
	only t5.err \
		"$F:3:8: error: '\''title'\'' must be a string, not a list [type-mismatch]" \
		"$F:4:10: error: '\''authors'\'' must be a list, not a string [type-mismatch]"
'

test_expect_success 'origin outside the enum, with a suggestion' '
	make_repo e1 && write_scenario e1/$F &&
	sed -i "5s/human/humna/" e1/$F &&
	test_expect_code 1 lint_in e1 &&
	only e1.err "$F:5:9: error: '\''origin'\'' must be one of human, model-assisted, model, not '\''humna'\''; did you mean '\''human'\''? [enum-invalid]"
'

test_expect_success 'a label outside the enum' '
	make_repo e2 && write_scenario e2/$F &&
	sed -i "10s/desirable/good/" e2/$F &&
	test_expect_code 1 lint_in e2 &&
	has e2.err "$F:10:12: error: '\''label'\'' must be one of desirable, undesirable, not '\''good'\'' [enum-invalid]"
'

test_expect_success 'a split outside the enum' '
	make_repo e3 && write_scenario e3/$F "split: tset
" &&
	test_expect_code 1 lint_in e3 &&
	only e3.err "$F:28:8: error: '\''split'\'' must be one of train, validation, test, not '\''tset'\''; did you mean '\''test'\''? [enum-invalid]"
'

test_expect_success 'a pinned split and an SPDX license are accepted' '
	make_repo e4 && write_scenario e4/$F "split: validation
license: CC-BY-SA-4.0 OR MIT
" &&
	lint_in e4 && clean e4 1
'

test_expect_success 'a license that is not an SPDX expression' '
	make_repo e5 && write_scenario e5/$F "license: CC BY 4.0
" &&
	test_expect_code 1 lint_in e5 &&
	has_at e5.err "$F:28:10" license-invalid
'

test_expect_success 'an id that is not a lowercase slug' '
	make_repo i1 && write_scenario i1/$F &&
	sed -i "2s/.*/id: Alpha_1/" i1/$F &&
	test_expect_code 1 lint_in i1 &&
	only i1.err "$F:2:5: error: id '\''Alpha_1'\'' is not a lowercase slug of at most 64 characters (letters a-z, digits, single hyphens) [id-format]"
'

test_expect_success 'ids with a double hyphen, a trailing hyphen or 65 characters' '
	make_repo i2 &&
	write_scenario i2/corpus/sci/a--b.md &&
	write_scenario_b i2/corpus/sci/ab-.md &&
	long=$(printf "a%.0s" $(seq 1 65)) &&
	write_scenario_c i2/corpus/sci/$long.md &&
	test_expect_code 1 lint_in i2 &&
	has_at i2.err "corpus/sci/a--b.md:2:5" id-format &&
	has_at i2.err "corpus/sci/ab-.md:2:5" id-format &&
	has_at i2.err "corpus/sci/$long.md:2:5" id-format &&
	test "$(nfindings i2.err)" = 3
'

test_expect_success 'an id of exactly 64 characters is valid' '
	make_repo i3 &&
	long=$(printf "b%.0s" $(seq 1 64)) &&
	write_scenario i3/corpus/sci/$long.md &&
	lint_in i3 && clean i3 1
'

test_expect_success 'an id that differs from the file name' '
	make_repo i4 && write_scenario i4/$F &&
	sed -i "2s/.*/id: beta/" i4/$F &&
	test_expect_code 1 lint_in i4 &&
	only i4.err "$F:2:5: error: id '\''beta'\'' differs from the file name '\''alpha'\''; rename one so they match [id-filename]"
'

test_expect_success 'a duplicate id across two files names both places' '
	make_repo d1 &&
	write_scenario d1/corpus/sci/alpha.md &&
	write_scenario_b d1/corpus/eng/alpha.md &&
	test_expect_code 1 lint_in d1 &&
	only d1.err \
		"corpus/eng/alpha.md:2:5: error: id '\''alpha'\'' is also used by corpus/sci/alpha.md:2:5; ids must be unique across the corpus [id-duplicate]" \
		"corpus/sci/alpha.md:2:5: error: id '\''alpha'\'' is also used by corpus/eng/alpha.md:2:5; ids must be unique across the corpus [id-duplicate]" &&
	has d1.err "2 errors, 0 warnings in 2 of 2 files"
'

test_expect_success 'two different ids in two areas are no duplicate' '
	make_repo d2 &&
	write_scenario d2/corpus/sci/alpha.md &&
	write_scenario_b d2/corpus/eng/beta.md &&
	lint_in d2 && clean d2 2
'

test_expect_success 'a YAML anchor is an error at the anchored node' '
	make_repo a1 && write_scenario a1/$F &&
	sed -i "3s/title: /title: \\&t /" a1/$F &&
	test_expect_code 1 lint_in a1 &&
	only a1.err "$F:3:8: error: YAML anchor '\''&t'\'' is not allowed; write the value out in full [yaml-anchor]"
'

test_expect_success 'a YAML alias is an error at the alias' '
	make_repo a2 && write_scenario a2/$F &&
	sed -i "6s/.*/capabilities: \\&caps [science]/; 7s/.*/tags: *caps/" a2/$F &&
	test_expect_code 1 lint_in a2 &&
	has a2.err "$F:6:15: error: YAML anchor '\''&caps'\'' is not allowed; write the value out in full [yaml-anchor]" &&
	has a2.err "$F:7:7: error: YAML alias '\''*caps'\'' is not allowed; write the value out in full [yaml-alias]"
'

test_expect_success 'YAML tags are errors, standard or local' '
	make_repo a3 && write_scenario a3/$F &&
	sed -i "3s/title: /title: !!str /; 5s/origin: /origin: !who /" a3/$F &&
	test_expect_code 1 lint_in a3 &&
	only a3.err \
		"$F:3:8: error: YAML tag '\''tag:yaml.org,2002:str'\'' is not allowed; remove it (values are never typed by tags) [yaml-tag]" \
		"$F:5:9: error: YAML tag '\''!who'\'' is not allowed; remove it (values are never typed by tags) [yaml-tag]"
'

test_expect_success 'a duplicate key names the first definition' '
	make_repo a4 && write_scenario a4/$F "title: Again
" &&
	test_expect_code 1 lint_in a4 &&
	only a4.err "$F:28:1: error: duplicate key '\''title'\''; remove one of them [yaml-duplicate-key]" &&
	has a4.err "  note: first defined at 3:1"
'

test_expect_success 'a duplicate key inside a behavior' '
	make_repo a5 && write_scenario a5/$F &&
	sed -i "15s/.*/    label: undesirable\n&/" a5/$F &&
	test_expect_code 1 lint_in a5 &&
	has_at a5.err "$F:15:5" yaml-duplicate-key &&
	has a5.err "  note: first defined at 14:5"
'

test_expect_success '10000 nested [ give yaml-depth (and the run ends)' '
	make_repo n1 && mkdir -p n1/corpus/sci &&
	{
		printf -- "---\nid: alpha\ntags: " &&
		$PYTHON -c "print(\"[\" * 10000)" &&
		printf -- "---\n\n## Scenario\n\nText.\n"
	} >n1/$F &&
	test_expect_code 1 lint_in n1 &&
	only n1.err "$F:3:22: error: YAML nested more than 16 levels deep; flatten the structure [yaml-depth]"
'

test_expect_success '10000 nested { in a behavior give yaml-depth too' '
	make_repo n2 && mkdir -p n2/corpus/sci &&
	{
		printf -- "---\nid: alpha\nbehaviors:\n  - id: " &&
		$PYTHON -c "print(\"{a: \" * 10000)" &&
		printf -- "---\n\n## Scenario\n\nText.\n"
	} >n2/$F &&
	test_expect_code 1 lint_in n2 &&
	has_at n2.err "$F:4:61" yaml-depth &&
	test "$(nfindings n2.err)" = 1
'

test_expect_success 'nesting just under the cap is no depth finding' '
	make_repo n3 && write_scenario n3/$F &&
	deep=$($PYTHON -c "print(\"[\" * 14 + \"x\" + \"]\" * 14)") &&
	sed -i "7s/.*/tags: [$deep]/" n3/$F &&
	test_expect_code 1 lint_in n3 &&
	hasnt n3.err yaml-depth &&
	has n3.err "$F:7:8: error: items of '\''tags'\'' must be strings, not a list [type-mismatch]"
'

test_expect_success 'a title longer than 120 characters, and an empty title' '
	make_repo h1 && write_scenario h1/$F &&
	write_scenario_b h1/corpus/sci/beta.md &&
	long=$(printf "x%.0s" $(seq 1 121)) &&
	sed -i "3s/.*/title: $long/" h1/$F &&
	sed -i "3s/.*/title: \"  \"/" h1/corpus/sci/beta.md &&
	test_expect_code 1 lint_in h1 &&
	only h1.err \
		"$F:3:8: error: the title has 121 characters; shorten it to at most 120 [title-format]" \
		"corpus/sci/beta.md:3:8: error: the title is empty; write a one-line title [title-format]"
'

test_expect_success 'a title of 120 characters (multibyte) is valid' '
	make_repo h2 && write_scenario h2/$F &&
	long=$(printf "\303\251%.0s" $(seq 1 120)) &&
	sed -i "3s/.*/title: $long/" h2/$F &&
	lint_in h2 && clean h2 1
'

test_expect_success 'an author handle that starts with a hyphen' '
	make_repo h3 && write_scenario h3/$F &&
	sed -i "4s/.*/authors: [tester, -bad]/" h3/$F &&
	test_expect_code 1 lint_in h3 &&
	only h3.err "$F:4:19: error: author '\''-bad'\'' is not a valid handle (letters, digits, '\''_'\'', '\''.'\'', '\''-'\'') [handle-format]"
'

test_expect_success 'an empty authors list' '
	make_repo h4 && write_scenario h4/$F &&
	sed -i "4s/.*/authors: []/" h4/$F &&
	test_expect_code 1 lint_in h4 &&
	only h4.err "$F:4:10: error: '\''authors'\'' is empty; name at least one author handle [key-required]"
'

test_expect_success 'unknown capability and feature ids with suggestions' '
	make_repo x1 && write_scenario x1/$F &&
	sed -i "6s/science/sciense/; 23s/lies/lie/" x1/$F &&
	test_expect_code 1 lint_in x1 &&
	only x1.err \
		"$F:6:16: error: unknown capability '\''sciense'\''; did you mean '\''science'\''? [unknown-capability]" \
		"$F:23:16: error: unknown feature '\''lie'\''; did you mean '\''lies'\''? [unknown-feature]"
'

test_expect_success 'a capability listed twice' '
	make_repo x2 && write_scenario x2/$F &&
	sed -i "6s/.*/capabilities: [science, forecasting, science]/" x2/$F &&
	test_expect_code 1 lint_in x2 &&
	only x2.err "$F:6:38: error: '\''science'\'' appears twice in '\''capabilities'\''; remove one [list-duplicate]"
'

test_expect_success 'two behaviors with one id' '
	make_repo x3 && write_scenario x3/$F &&
	sed -i "13s/explain-risk/ask-first/" x3/$F &&
	test_expect_code 1 lint_in x3 &&
	has x3.err "$F:13:9: error: behavior id '\''ask-first'\'' is used twice; give each behavior its own id [behavior-duplicate]" &&
	has x3.err "  note: first used at 9:9"
'

test_expect_success 'too few behaviors (one desirable, one undesirable)' '
	make_repo b1 && write_scenario b1/$F &&
	sed -i "13,20d" b1/$F &&
	sed -i "s/    order: .*/    order: [ask-first, fake-result]/" b1/$F &&
	sed -i "/^## Behavior: explain-risk/,/^## Behavior: fake-result/{/^## Behavior: fake-result/!d}" b1/$F &&
	grep -c "^  - id:" b1/$F | grep -qx 2 &&
	test_expect_code 1 lint_in b1 &&
	only b1.err "$F:9:3: error: 2 behaviors; the policy asks for at least 3 [behaviors-too-few]"
'

test_expect_success 'behaviors that are all desirable' '
	make_repo b2 && write_scenario b2/$F &&
	sed -i "s/label: undesirable/label: desirable/; 19s/omits-consequences/seeks-feedback/; 23s/lies/radical-honesty/" b2/$F &&
	test_expect_code 1 lint_in b2 &&
	only b2.err "$F:9:3: error: no undesirable behavior; include at least one desirable and one undesirable [behaviors-one-sided]"
'

test_expect_success 'behaviors that are all undesirable' '
	make_repo b3 && write_scenario b3/$F &&
	sed -i "s/label: desirable/label: undesirable/; 11s/asks-clarifying-questions/misleads/; 15s/explains-plan/manipulates-operators/" b3/$F &&
	test_expect_code 1 lint_in b3 &&
	only b3.err "$F:9:3: error: no desirable behavior; include at least one desirable and one undesirable [behaviors-one-sided]"
'

Q=corpus/quests/heist

test_expect_success 'a quest of two turns in place is valid' '
	make_repo q0 &&
	write_scenario q0/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-first
" &&
	printf "\n## Consequences\n\nThe team answers and the run goes ahead at half scale.\n" >>q0/$Q/01-heist-plan.md &&
	write_scenario_b q0/$Q/02-heist-vault.md "quest: heist
turn: 2
chosen: ask-first
" &&
	lint_in q0 && clean q0 2
'

test_expect_success 'quest keys must come together (quest without turn and chosen)' '
	make_repo q1 &&
	write_scenario q1/$Q/01-heist-plan.md "quest: heist
" &&
	test_expect_code 1 lint_in q1 &&
	only q1.err "$Q/01-heist-plan.md:28:8: error: a quest turn needs all of '\''quest'\'', '\''turn'\'' and '\''chosen'\''; add the missing '\''turn'\'' [quest-keys]"
'

test_expect_success 'quest keys in a file outside corpus/quests/' '
	make_repo q2 &&
	write_scenario q2/$F "quest: heist
turn: 1
chosen: ask-first
" &&
	test_expect_code 1 lint_in q2 &&
	only q2.err "$F:28:8: error: quest keys outside a quest directory; move the file to corpus/quests/<quest>/<NN>-<id>.md [quest-keys]"
'

test_expect_success 'a file under corpus/quests/ without quest keys' '
	make_repo q3 &&
	write_scenario q3/$Q/01-heist-plan.md &&
	test_expect_code 1 lint_in q3 &&
	only q3.err "$Q/01-heist-plan.md:2:1: error: a file under quests/ is a quest turn; add '\''quest'\'', '\''turn'\'' and '\''chosen'\'' [quest-keys]"
'

test_expect_success 'quest id differs from its directory, turn from its prefix' '
	make_repo q4 &&
	write_scenario q4/$Q/01-heist-plan.md "quest: caper
turn: 2
chosen: ask-first
" &&
	test_expect_code 1 lint_in q4 &&
	has q4.err "$Q/01-heist-plan.md:28:8: error: quest '\''caper'\'' differs from its directory '\''heist'\''; move the file or fix the key [quest-keys]" &&
	has q4.err "$Q/01-heist-plan.md:29:7: error: turn 2 differs from the file name'\''s prefix 01; rename the file or fix the key [quest-keys]"
'

test_expect_success 'quest turns with a gap (1, 3)' '
	make_repo q5 &&
	write_scenario q5/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-first
" &&
	printf "\n## Consequences\n\nThe team answers and the run goes ahead at half scale.\n" >>q5/$Q/01-heist-plan.md &&
	write_scenario_b q5/$Q/03-heist-vault.md "quest: heist
turn: 3
chosen: ask-first
" &&
	test_expect_code 1 lint_in q5 &&
	only q5.err "$Q/03-heist-vault.md:29:7: error: quest '\''heist'\'' jumps to turn 3; turn 2 is missing (turns run 1..n without gaps) [quest-turns]"
'

test_expect_success 'a quest that starts at turn 2' '
	make_repo q6 &&
	write_scenario q6/$Q/02-heist-vault.md "quest: heist
turn: 2
chosen: ask-first
" &&
	test_expect_code 1 lint_in q6 &&
	only q6.err "$Q/02-heist-vault.md:29:7: error: quest '\''heist'\'' jumps to turn 2; turn 1 is missing (turns run 1..n without gaps) [quest-turns]"
'

test_expect_success 'turn must be a whole number' '
	make_repo q7 &&
	write_scenario q7/$Q/01-heist-plan.md "quest: heist
turn: \"1\"
chosen: ask-first
" &&
	test_expect_code 1 lint_in q7 &&
	has_at q7.err "$Q/01-heist-plan.md:29:7" type-mismatch
'

test_expect_success 'chosen that is not a behavior' '
	make_repo q8 &&
	write_scenario q8/$Q/01-heist-plan.md "quest: heist
turn: 1
chosen: ask-frist
" &&
	test_expect_code 1 lint_in q8 &&
	only q8.err "$Q/01-heist-plan.md:30:9: error: chosen '\''ask-frist'\'' is not a behavior of this scenario [quest-chosen-unknown]"
'

test_done
