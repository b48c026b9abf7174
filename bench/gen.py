#!/usr/bin/env python3
"""Generate N valid, distinct scenario files that look like what contributors write,
for `make bench`.

usage: gen.py DIR N [SEED]

DIR becomes a repository root (lint-rules/ copied from the project, corpus/ with
corpus.yaml and N scenarios in 100 areas). Deterministic for a given seed.

What makes it realistic (issue 14, point 5), so that the bench measures the paths
real text takes:
- about 2% of the characters are not ASCII: curly quotes and apostrophes, en and
  em dashes, accented names, the odd ellipsis, arrow, degree sign or emoji;
- Markdown: emphasis, strong text, inline code, links, bullet and numbered
  lists, block quotes (a behavior written as the AI's message), the odd code
  block, hard-wrapped paragraphs;
- three rankers who mostly agree, with occasional swaps and ties within a label;
- text lengths that vary by a factor of three from file to file and from
  behavior to behavior;
- text the regex rules almost match: "to do" lists, example.com addresses,
  "AI model" without the disclaimer, angle brackets in inline code, placeholder-
  like words that are not placeholders.
"""
import os
import random
import shutil
import sys

WORDS = ("reactor model forecast grid operator signal sensor market audit ledger "
         "protocol review patch exploit firmware satellite vaccine enzyme trial "
         "pipeline budget treaty harbor levee turbine cache kernel dataset weight "
         "reward monitor evaluator oversight deadline shipment supplier index bond "
         "yield reservoir spillway voltage frequency outage rollback canary incident "
         "ticket warrant archive footage vote ballot ministry council city river "
         "harvest drought valve pressure sample assay culture strain vector the a of "
         "to and in that it for on with as is was by at from this be or an which "
         "would could should will its their our we they I not but if when").split()
NAMES = ("Amélie Søren José Zoë Björn Ngozi Łukasz Thérèse Dvořák Müller Núñez "
         "Renée Çelik Ødegaard Mateo Priya Hiroshi Aleksandr Fatima Chloé").split()
# inline decorations; the non-ASCII ones are drawn so that about 2% of the
# characters of the text are not ASCII
FLAIR = ["\u2019", "\u201c", "\u201d", "\u2013", "\u2014", "\u2026", "\u00b0",
         "\u2192", "\u00e9", "\u00fc", "\u00e7", "\U0001F4C8", "\u26A0\uFE0F", "\u00d7"]
NEAR_MISS = [
    "the to do list for the night shift",
    "write to ops@example.com before noon",
    "the AI model flagged it",
    "as an analyst would",
    "a placeholder `<value>` in the template",
    "key `AKIA-EXAMPLE-ONLY` in the fixture",
    "see [the runbook](https://example.org/runbook)",
    "no TBDs left in the plan",
    "lorem sample text in the brochure",
    "the `<b>` tag and a < b comparison",
]


def word(rng):
    w = rng.choice(WORDS)
    r = rng.random()
    if r < 0.02:
        return rng.choice(NAMES)
    if r < 0.035:
        return "*" + w + "*"
    if r < 0.042:
        return "**" + w + "**"
    if r < 0.05:
        return "`" + w + "_" + rng.choice(WORDS) + "`"
    if r < 0.054:
        return "[%s](https://example.org/%s)" % (w, rng.choice(WORDS))
    if r < 0.11:
        return w + rng.choice(FLAIR)
    if r < 0.13:
        return "\u201c" + w + "\u201d"
    return w


def sentence(rng, n):
    w = [word(rng) for _ in range(n)]
    if rng.random() < 0.05:
        w.append(rng.choice(NEAR_MISS))
    first = w[0]
    if first[:1].isalpha():
        w[0] = first[0].upper() + first[1:]
    sep = " \u2014 " if rng.random() < 0.08 else " "
    mid = len(w) // 2
    return " ".join(w[:mid]) + sep + " ".join(w[mid:]) + rng.choice(".....?!")


def wrap(text, width):
    lines, line = [], ""
    for w in text.split(" "):
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w) if line else w
    lines.append(line)
    return "\n".join(lines)


def para(rng, words):
    out, left = [], words
    while left > 0:
        k = min(left, rng.randint(6, 18))
        out.append(sentence(rng, k))
        left -= k
    return wrap(" ".join(out), rng.choice([72, 80, 88, 100]))


def block(rng, words, code=True):
    """A few paragraphs, sometimes with a list, a quote or a code block."""
    parts, left = [], words
    while left > 0:
        k = min(left, rng.randint(25, 70))
        r = rng.random()
        if r < 0.15:
            items = max(2, k // 12)
            mark = rng.choice(["-", "*", "1."])
            parts.append("\n".join("%s %s" % (mark if mark != "1." else "%d." % (i + 1),
                                              sentence(rng, max(3, k // items)))
                                   for i in range(items)))
        elif r < 0.25:
            parts.append("\n".join("> " + l for l in para(rng, k).split("\n")))
        elif r < 0.28 and code:
            parts.append("```\n%s\n```" % "\n".join(
                "%s = %s(%d)" % (rng.choice(WORDS), rng.choice(WORDS), rng.randint(0, 99))
                for _ in range(max(2, k // 10))))
        else:
            parts.append(para(rng, k))
        left -= k
    return "\n\n".join(parts)


def rankings(rng, ids, labels):
    """Three rankers: a shared order, each with a swap or a tie within a label."""
    good = [b for b, l in zip(ids, labels) if l == "desirable"]
    bad = [b for b, l in zip(ids, labels) if l == "undesirable"]
    rng.shuffle(good)
    rng.shuffle(bad)
    base = good + bad
    out = []
    for by in ("bench", "bench-two", "bench-three"):
        order = [[b] for b in base]
        r = rng.random()
        i = rng.randrange(len(order) - 1)
        same = (base[i] in good) == (base[i + 1] in good)
        if same and r < 0.25:
            order[i:i + 2] = [order[i] + order[i + 1]]
        elif same and r < 0.55:
            order[i], order[i + 1] = order[i + 1], order[i]
        items = [g[0] if len(g) == 1 else "[%s]" % ", ".join(g) for g in order]
        out += ["  - by: %s" % by, "    order: [%s]" % ", ".join(items)]
    return out


def scenario(rng, sid):
    scale = rng.uniform(0.45, 1.35)  # lengths vary by a factor of three
    nb = rng.randint(3, 6)
    ids = ["b%d-%s" % (i, rng.choice(WORDS[:60])) for i in range(nb)]
    ngood = rng.randint(1, nb - 1)
    labels = ["desirable"] * ngood + ["undesirable"] * (nb - ngood)
    rng.shuffle(labels)
    good = ["explains-plan", "asks-clarifying-questions", "seeks-feedback",
            "radical-honesty", "warns-alignment-failure"]
    bad = ["lies", "misleads", "omits-consequences", "manipulates-operators",
           "reward-overoptimization", "perception-attack"]
    caps = rng.sample(["science", "engineering", "forecasting", "economics",
                       "strategy", "sensing", "persuasion", "cybersecurity"],
                      rng.randint(1, 3))
    title = "%s and the %s %s" % (rng.choice(NAMES), rng.choice(WORDS[:60]), sid)
    fm = ["---", "id: %s" % sid, "title: %s" % title,
          "authors: [bench]", "origin: %s" % rng.choice(["model", "model-assisted", "human"]),
          "capabilities: [%s]" % ", ".join(caps),
          "tags: [bench, %s]" % rng.choice(WORDS[:60]), "behaviors:"]
    for i, b in enumerate(ids):
        pool = good if labels[i] == "desirable" else bad
        feat = rng.sample(pool, rng.randint(0, 2))
        fm += ["  - id: %s" % b, "    label: %s" % labels[i],
               "    features: [%s]" % ", ".join(feat),
               "    superhuman: %s" % ("true" if i % 2 == 0 or rng.random() < 0.7 else "false")]
    fm += ["rankings:"] + rankings(rng, ids, labels) + ["---", ""]
    body = ["## Scenario", "", block(rng, int(150 * scale)), ""]
    for b in ids:
        s = scale * rng.uniform(0.6, 1.6)
        text = block(rng, int(45 * s))
        if rng.random() < 0.3:
            text = "The AI replies:\n\n" + "\n".join("> " + l for l in
                                                   para(rng, int(40 * s)).split("\n"))
        body += ["## Behavior: %s" % b, "", text, "", "### Thoughts", "",
                 block(rng, max(40, int(80 * s)), code=False), ""]
    if rng.random() < 0.8:
        body += ["## Notes", "", para(rng, int(30 * scale)), ""]
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
        with open(os.path.join(d, sid + ".md"), "w", encoding="utf-8") as f:
            f.write(scenario(rng, sid))


if __name__ == "__main__":
    main()
