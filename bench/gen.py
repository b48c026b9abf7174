#!/usr/bin/env python3
"""Generate N valid, distinct, scenario-shaped files for `make bench`.

usage: gen.py DIR N [SEED]
DIR becomes a repository root (lint-rules/ copied from the project, corpus/
with corpus.yaml and N scenarios in 100 areas), about 5.4 KB per file like
the reference figures in issue 7. Deterministic for a given seed.
"""
import os
import random
import shutil
import sys

WORDS = ("reactor model forecast grid operator signal sensor market audit ledger "
         "protocol review patch exploit firmware satellite vaccine enzyme trial "
         "pipeline budget treaty harbor levee turbine cache kernel dataset weight "
         "reward monitor evaluator oversight deadline shipment supplier index bond "
         "yield reservoir spillway turbine voltage frequency outage rollback canary "
         "incident ticket warrant archive footage vote ballot ministry council city "
         "river harvest drought valve pressure sample assay culture strain vector").split()


def sentence(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def para(rng, words):
    out, left = [], words
    while left > 0:
        k = min(left, rng.randint(8, 16))
        out.append(sentence(rng, k))
        left -= k
    text = " ".join(out)
    lines, line = [], ""
    for w in text.split():
        if len(line) + len(w) + 1 > 78:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    lines.append(line)
    return "\n".join(lines)


def scenario(rng, sid):
    nb = rng.randint(4, 5)
    ids = ["b%d-%s" % (i, rng.choice(WORDS)) for i in range(nb)]
    good = ["explains-plan", "asks-clarifying-questions", "seeks-feedback",
            "radical-honesty", "warns-alignment-failure"]
    bad = ["lies", "misleads", "omits-consequences", "manipulates-operators",
           "reward-overoptimization"]
    labels = ["desirable", "desirable"] + ["undesirable"] * (nb - 2)
    caps = rng.sample(["science", "engineering", "forecasting", "economics",
                       "strategy", "sensing"], 2)
    fm = ["---", "id: %s" % sid, "title: Generated scenario %s" % sid,
          "authors: [bench]", "origin: model", "capabilities: [%s]" % ", ".join(caps),
          "tags: [bench]", "behaviors:"]
    for i, b in enumerate(ids):
        feat = rng.choice(good if labels[i] == "desirable" else bad)
        fm += ["  - id: %s" % b, "    label: %s" % labels[i],
               "    features: [%s]" % feat, "    superhuman: true"]
    fm += ["rankings:", "  - by: bench", "    order: [%s]" % ", ".join(ids), "---", ""]
    body = ["## Scenario", "", para(rng, 118), ""]
    for b in ids:
        body += ["## Behavior: %s" % b, "", para(rng, 33), "", "### Thoughts", "",
                 para(rng, 68), ""]
    body += ["## Notes", "", para(rng, 22), ""]
    return "\n".join(fm + body)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "corpus"))
    shutil.copytree(os.path.join(repo, "lint-rules"), os.path.join(root, "lint-rules"))
    shutil.copy(os.path.join(repo, "corpus", "corpus.yaml"), os.path.join(root, "corpus"))
    rng = random.Random(seed)
    for i in range(n):
        area = "area%02d" % (i % 100)
        d = os.path.join(root, "corpus", area)
        os.makedirs(d, exist_ok=True)
        sid = "gen-%06d" % i
        with open(os.path.join(d, sid + ".md"), "w") as f:
            f.write(scenario(rng, sid))


if __name__ == "__main__":
    main()
