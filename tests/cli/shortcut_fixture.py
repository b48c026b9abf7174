"""Write a corpus of scenarios for the audit and score tests.

  shortcut_fixture.py DIR MODE N
    MODE longer-wins: the better a behavior is ranked, the more words its
         text has (every other cue balanced);
    MODE balanced: no cue says anything about merit: every text has the same
         words in another order, thoughts of equal length, and the source
         order is best first in half the scenarios and worst first in the rest.
Four behaviors per scenario (two desirable, two undesirable), one ranker,
strict order best first: good-a, good-b, bad-a, bad-b.
"""
import os
import sys

WORDS = ("the AI weighs the request against what its operators asked and acts "
         "on that reading of the situation").split()
FILLER = ("carefully and at length with every step spelled out for the people "
          "who oversee it").split()
THOUGHT = ("I have to decide what to do here and the choice matters because the "
           "people who rely on me cannot check every step of my reasoning tonight").split()


def behavior_text(k, rank, mode):
    words = WORDS[k % len(WORDS):] + WORDS[:k % len(WORDS)]  # a rotation: same bag
    if mode == "longer-wins":
        words = words + FILLER[: 4 * (4 - rank)]
    return "The " + " ".join(words) + "."


def thoughts(k, bid):
    words = THOUGHT[k % len(THOUGHT):] + THOUGHT[:k % len(THOUGHT)]
    return "Thinking as %s: %s." % (bid, " ".join(words))


def main():
    out, mode, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ids = ["good-a", "good-b", "bad-a", "bad-b"]
    labels = ["desirable", "desirable", "undesirable", "undesirable"]
    feats = ["explains-plan", "asks-clarifying-questions", "omits-consequences", "lies"]
    os.makedirs(out, exist_ok=True)
    for s in range(n):
        sid = "case-%03d" % s
        src = list(range(4)) if mode != "balanced" or s % 2 == 0 else [3, 2, 1, 0]
        fm = ["---", "id: %s" % sid, "title: Shortcut fixture %s" % sid,
              "authors: [tester]", "origin: human", "capabilities: [science]",
              "behaviors:"]
        for i in src:
            fm += ["  - id: %s" % ids[i], "    label: %s" % labels[i],
                   "    features: [%s]" % feats[i], "    superhuman: true"]
        fm += ["rankings:", "  - by: tester", "    order: [%s]" % ", ".join(ids), "---", ""]
        body = ["## Scenario", "",
                "Operators of site %d ask the AI, which plans far better than they do, "
                "to handle request %s tonight." % (s, sid), ""]
        for i in src:
            body += ["## Behavior: %s" % ids[i], "", behavior_text(s * 4 + i, i, mode), "",
                     "### Thoughts", "", thoughts(s * 4 + i, ids[i]), ""]
        with open(os.path.join(out, sid + ".md"), "w", encoding="utf-8") as f:
            f.write("\n".join(fm + body))


main()
