"""Helpers for the `corpusc build` tests (tests/cli/t20[0-6]0-*.sh).

Imported by the python snippets that lib-build.sh's py_check runs. Every
helper recomputes what docs/format.md section 5 defines from first principles, never
from the compiler's code: Kendall's W with tie correction, pair agreement,
the split function.
"""
import hashlib
import json
import os
import sys

REL = os.environ.get("REL", "")


class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def eq(actual, expected, what):
    if actual != expected:
        raise Fail("%s:\n  expected %r\n  actual   %r" % (what, expected, actual))


def _pairs_hook(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    check(not dup, "duplicate keys %r in a JSON object" % sorted(dup))
    return dict(pairs)


def parse(text, what="JSON"):
    try:
        return json.loads(text, object_pairs_hook=_pairs_hook)
    except ValueError as e:
        raise Fail("%s is not valid JSON: %s: %r" % (what, e, text[:200]))


KINDS = ("scenarios", "comparisons", "episodes")
SPLITS = ("train", "validation", "test")


def load(name, rel=None):
    """The objects of a JSONL file of the release, one per line; every line
    ends with a newline and is a JSON object. "scenarios.jsonl" (and the
    other kinds) means every split's file, data/<kind>/<split>.jsonl, each
    checked to hold only its split's records, merged in id order."""
    kind = name[:-len(".jsonl")] if name.endswith(".jsonl") else None
    if kind in KINDS:
        out = []
        for sp in SPLITS:
            recs = load("data/%s/%s.jsonl" % (kind, sp), rel)
            for r in recs:
                check(r.get("split") == sp, "a %s record in data/%s/%s.jsonl has split %r"
                      % (kind, kind, sp, r.get("split")))
            out += recs
        key = {"scenarios": "id", "comparisons": "scenario_id", "episodes": "quest"}[kind]
        return sorted(out, key=lambda r: r[key])  # stable: a scenario's pairs keep their order
    path = os.path.join(rel or REL, name)
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    if not text:
        return []
    check(text.endswith("\n"), "%s does not end with a newline" % name)
    out = []
    for i, line in enumerate(text[:-1].split("\n"), 1):
        check(line.strip() != "", "%s line %d is blank" % (name, i))
        o = parse(line, "%s line %d" % (name, i))
        check(isinstance(o, dict), "%s line %d is not an object" % (name, i))
        out.append(o)
    return out


def by_id(records):
    return {r["id"]: r for r in records}


def groups_of(order):
    """{id: group index} of a list-of-lists order (best first)."""
    g = {}
    for i, grp in enumerate(order):
        for x in grp:
            g[x] = i
    return g


def above_count(rankings, a, b):
    """How many rankings put a strictly above b (rankings: lists of lists)."""
    n = 0
    for r in rankings:
        g = groups_of(r)
        if g[a] < g[b]:
            n += 1
    return n


def kendall_w(rankings):
    """Kendall's W with the tie correction, from lists-of-lists rankings:
    W = 12 S / (m^2 (n^3 - n) - m sum(t^3 - t)), ranks of ties averaged."""
    m = len(rankings)
    ids = sorted(groups_of(rankings[0]))
    n = len(ids)
    sums = dict.fromkeys(ids, 0.0)
    tie = 0
    for r in rankings:
        pos = 0
        for grp in r:
            t = len(grp)
            avg = pos + (t + 1) / 2.0
            for x in grp:
                sums[x] += avg
            tie += t ** 3 - t
            pos += t
    mean = m * (n + 1) / 2.0
    s = sum((sums[x] - mean) ** 2 for x in ids)
    return 12 * s / (m * m * (n ** 3 - n) - m * tie)


def split_of(key, train, validation):
    """docs/format.md 5.3 / the README: the first 8 bytes of sha256(key) as a big-endian
    integer, mod 10000, against the cumulative percentages * 100."""
    v = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % 10000
    if v < train * 100:
        return "train"
    if v < (train + validation) * 100:
        return "validation"
    return "test"
