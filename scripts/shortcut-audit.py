#!/usr/bin/env python3
"""Measure how well trivial predictors pick the preferred behavior, without
reading the scenario: a writer's check while revising the corpus.

    python3 scripts/shortcut-audit.py [--per-scenario] [PATH...]

PATH (default corpus/) is walked for *.md scenario files in the file form.
The predictors are those of `corpusc audit` (docs/format.md): position in the
release order (SHA-256 of "<scenario id>/<behavior id>"), position in the
source file, more words in the behavior text, more words in the thoughts,
and a naive Bayes model of desirable versus undesirable wording, trained on
the other nine of ten folds grouped by scenario. Pairs are those the ranking
puts strictly apart; a tie in a predictor counts one half. With more than one
ranker the mean rank stands in for the consensus (corpusc uses Kemeny).
Words: lower-cased runs of letters and digits (apostrophes inside a word
kept).
"""
import hashlib
import math
import os
import random
import re
import sys

import yaml

WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z0-9]+)*")
H2 = re.compile(r"^## +(.*?)\s*$", re.M)


def words(text):
    return WORD.findall(text.lower())


def sections(body):
    """Level-2 sections of a body: {title: text}; behavior text stops at ### Thoughts."""
    out = {}
    heads = list(H2.finditer(body))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        out[m.group(1)] = body[m.end():end]
    return out


def load(path):
    src = open(path, encoding="utf-8").read()
    if not src.startswith("---\n"):
        return None
    end = src.find("\n---\n", 4)
    fm = yaml.safe_load(src[4:end])
    secs = sections(src[end + 5:])
    beh = []
    for b in fm.get("behaviors") or []:
        s = secs.get("Behavior: " + b["id"], "")
        text, _, thoughts = s.partition("### Thoughts")
        beh.append({"id": b["id"], "label": b["label"], "text": text,
                    "thoughts": thoughts})
    rankers = fm.get("rankings") or []
    rank = {}
    for r in rankers:
        pos = 0
        for item in r["order"]:
            group = item if isinstance(item, list) else [item]
            for bid in group:
                rank.setdefault(bid, []).append(pos + (len(group) - 1) / 2)
            pos += len(group)
    mean = {k: sum(v) / len(v) for k, v in rank.items()}
    return {"id": fm["id"], "path": path, "behaviors": beh, "rank": mean}


def fold(sid):
    return hashlib.sha256(sid.encode()).digest()[0] % 10


def release_key(sid, bid):
    return hashlib.sha256(f"{sid}/{bid}".encode()).hexdigest()


def train(scens):
    counts = {"desirable": {}, "undesirable": {}}
    docs = {"desirable": 0, "undesirable": 0}
    for s in scens:
        for b in s["behaviors"]:
            docs[b["label"]] += 1
            c = counts[b["label"]]
            for w in words(b["text"]):
                c[w] = c.get(w, 0) + 1
    vocab = set(counts["desirable"]) | set(counts["undesirable"])
    tot = {k: sum(v.values()) for k, v in counts.items()}
    return counts, docs, vocab, tot


def log_odds(model, text):
    counts, docs, vocab, tot = model
    v = len(vocab)
    lo = math.log((docs["desirable"] + 1) / (docs["undesirable"] + 1))
    for w in words(text):
        if w not in vocab:
            continue
        lo += math.log((counts["desirable"].get(w, 0) + 1) / (tot["desirable"] + v))
        lo -= math.log((counts["undesirable"].get(w, 0) + 1) / (tot["undesirable"] + v))
    return lo


def cmp(a, b):
    return 1.0 if a > b else 0.0 if a < b else 0.5


def main(argv):
    per = "--per-scenario" in argv
    paths = [a for a in argv if not a.startswith("--")] or ["corpus"]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in os.walk(p):
                files += [os.path.join(d, n) for n in names if n.endswith(".md")]
        else:
            files.append(p)
    scens = [s for s in (load(f) for f in sorted(files)) if s]
    models = {f: train([s for s in scens if fold(s["id"]) != f]) for f in range(10)}
    names = ["position", "source-position", "length", "thought-length", "lexical"]
    per_scen = []  # (scenario, {name: [hits, pairs]})
    for s in scens:
        m = models[fold(s["id"])]
        b = s["behaviors"]
        rel = sorted(range(len(b)), key=lambda i: release_key(s["id"], b[i]["id"]))
        relpos = {i: k for k, i in enumerate(rel)}
        lo = [log_odds(m, x["text"]) for x in b]
        hits = {n: [0.0, 0] for n in names}
        for i in range(len(b)):
            for j in range(len(b)):
                ri, rj = s["rank"].get(b[i]["id"]), s["rank"].get(b[j]["id"])
                if ri is None or rj is None or not ri < rj:
                    continue  # i chosen over j only
                preds = {
                    "position": cmp(-relpos[i], -relpos[j]),
                    "source-position": cmp(-i, -j),
                    "length": cmp(len(words(b[i]["text"])), len(words(b[j]["text"]))),
                    "thought-length": cmp(len(words(b[i]["thoughts"])),
                                          len(words(b[j]["thoughts"]))),
                    "lexical": cmp(lo[i], lo[j]),
                }
                for n in names:
                    hits[n][0] += preds[n]
                    hits[n][1] += 1
        per_scen.append((s, hits))
    npairs = sum(h["length"][1] for _, h in per_scen)
    print(f"{len(scens)} scenarios, {npairs} pairs")
    rng = random.Random(1)
    for n in names:
        acc = sum(h[n][0] for _, h in per_scen) / max(npairs, 1)
        boots = []
        for _ in range(1000):
            pick = [per_scen[rng.randrange(len(per_scen))][1][n] for _ in per_scen]
            p = sum(x[1] for x in pick)
            boots.append(sum(x[0] for x in pick) / p if p else 0.5)
        boots.sort()
        print(f"  {n:16s} {acc:.3f}  [{boots[25]:.3f}, {boots[974]:.3f}]")
    model = train(scens)
    counts, docs, vocab, tot = model
    df = {}
    for s in scens:
        for b in s["behaviors"]:
            for w in set(words(b["text"])):
                df[w] = df.get(w, 0) + 1
    v = len(vocab)
    lo = {w: math.log((counts["desirable"].get(w, 0) + 1) / (tot["desirable"] + v))
          - math.log((counts["undesirable"].get(w, 0) + 1) / (tot["undesirable"] + v))
          for w in vocab if df.get(w, 0) >= 5}
    ranked = sorted(lo, key=lambda w: (-lo[w], w))
    fmt = lambda w: f"{w} ({counts['desirable'].get(w, 0)}/{counts['undesirable'].get(w, 0)})"
    print("  desirable cues:   " + ", ".join(fmt(w) for w in ranked[:10]))
    print("  undesirable cues: " + ", ".join(fmt(w) for w in ranked[-10:][::-1]))
    if per:
        for s, h in per_scen:
            cells = " ".join(f"{n[:6]}={h[n][0]:.1f}/{h[n][1]}" for n in names)
            print(f"{s['path']}: {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
