#!/usr/bin/env python3
"""Phrase banks: one message at a time, how well the reader knows a red flag in lay words,
and how rarely it raises one on words that only mention it (the CTest `phrase_banks`).

Usage: banks.py BACKCOACH_BINARY [--cwd REPO] [--file X.yaml] [--verbose] [-j N]
                [--gates gates.yaml] [--raise-gates]

A bank is a YAML list written by an author who never saw rules/ or intents/:
  positive items  {id, group, flag, tier, text}: the message carries that red flag, and on
                  its own (after an opening about ordinary low back pain) makes `tier` right;
                  it passes when the flag is raised and the tier reaches `tier` in the reply
  negative items  {id, kind, text, why}: the message mentions a red-flag topic without being
                  one (denied, someone else's, hypothetical, past, explained, a number that is
                  not what it looks like...); it passes when no flag is raised and the tier
                  stays self_care or null. With `below: TIER` (a near miss of an emergency,
                  which may still be, say, one-sided sciatica) it passes when the tier stays
                  below TIER

Each message is one conversation of two turns, OPENING then the message, so it arrives as
an answer to the bot's first question, as it would in the widget. Figures: "flag recall"
per flag and overall for positive items, "kept clear" per kind and overall for negative
ones, each kind named by its file. With the whole folder (no --file) the figures are checked
against gates.yaml (raised with --raise-gates, never lowered): a bank listed under `files:`
there is gated on its own figures (a bank added later, from its own first run), the others
together on the top-level floors; exit 1 below a gate.
"""
import argparse
import collections
import concurrent.futures
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "conversations"))
import figures  # noqa: E402  (batching through one process, --restart-on)
from figures import grade  # noqa: E402  (tier ranks and the authors' flag aliases)

OPENING = "hi, my lower back has been sore for a few days"


def positive(item):
    return "flag" in item


def judge(item, lines):
    """None when the item passes, else why it failed."""
    if not lines:
        return "no reply"
    last = lines[-1]
    flags = set(last.get("flags") or [])
    tier = last.get("tier")
    if positive(item):
        want = grade.ALIASES.get(item["flag"], item["flag"])
        why = []
        if want not in flags:
            why.append(f"flag {want} not raised (raised: {sorted(flags)})")
        if grade.RANK.get(tier, -1) < grade.RANK[item["tier"]]:
            why.append(f"tier {tier} below {item['tier']}")
        return "; ".join(why) or None
    if "below" in item:
        if grade.RANK.get(tier, -1) >= grade.RANK[item["below"]]:
            return f"raised {sorted(flags)} at tier {tier}, not below {item['below']}"
        return None
    if flags or grade.RANK.get(tier, -1) > 0:
        return f"raised {sorted(flags)} at tier {tier}"
    return None


def run_file(path, binary, cwd, pool):
    with open(path) as f:
        items = yaml.safe_load(f) or []
    jobs = []
    for start in range(0, len(items), figures.BATCH):
        chunk = items[start:start + figures.BATCH]
        jobs.append(pool.submit(figures.run_batch, binary,
                                [[OPENING, i["text"]] for i in chunk], cwd))
    return items, jobs


def collect(items, jobs):
    results = []
    for j in jobs:
        results += j.result()
    return [(item, judge(item, lines)) for item, (_, lines) in zip(items, results)]


def ratio(pairs):
    hits = sum(1 for _, why in pairs if why is None)
    return hits, len(pairs)


def show(label, pairs):
    h, n = ratio(pairs)
    return f"{label} {h}/{n} ({100.0 * h / n:.0f}%)" if n else f"{label} -"


def read_gates(path):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return yaml.safe_load(f) or {}


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("--cwd", default=os.path.dirname(os.path.dirname(HERE)))
    ap.add_argument("--file", action="append", default=[])
    ap.add_argument("--gates", default=os.path.join(HERE, "gates.yaml"))
    ap.add_argument("--raise-gates", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("-j", "--jobs", type=int, default=4)
    args = ap.parse_args(argv)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"banks.py: cannot run {binary}", file=sys.stderr)
        return 2
    files = [os.path.abspath(f) for f in args.file] or sorted(
        os.path.join(HERE, f) for f in os.listdir(HERE)
        if f.endswith(".yaml") and f != "gates.yaml")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        started = [(f, run_file(f, binary, args.cwd, pool)) for f in files]
        judged = [(f, collect(items, jobs)) for f, (items, jobs) in started]
    gates = read_gates(args.gates)
    own = gates.get("files") or {}
    # gate section (a file under `files:`, or None for the rest) -> figure -> judged pairs
    figures_now = collections.defaultdict(lambda: collections.defaultdict(list))
    for path, pairs in judged:
        name = os.path.basename(path)
        stem = os.path.splitext(name)[0]
        if args.verbose:
            for item, why in pairs:
                if why:
                    print(f"FAIL {name} {item['id']} "
                          f"({item.get('flag') or 'kind ' + str(item.get('kind'))}): {why}\n"
                          f"     {item['text']}")
        pos = [(i, w) for i, w in pairs if positive(i)]
        neg = [(i, w) for i, w in pairs if not positive(i)]
        by_flag, by_kind = collections.defaultdict(list), collections.defaultdict(list)
        for item, why in pos:
            by_flag[f"{item['flag']}/{item['tier']}"].append((item, why))
        for item, why in neg:
            by_kind[str(item.get("kind"))].append((item, why))
        for k in sorted(by_flag):
            print(show(f"{stem}: flag recall {k}", by_flag[k]))
        for k in sorted(by_kind, key=lambda s: (len(s), s)):
            print(show(f"{stem}: kept clear, kind {k}", by_kind[k]))
        section = figures_now[name if name in own else None]
        for key, part in (("flag_recall", pos), ("kept_clear", neg)):
            if part:
                section[key] += part
    for name, section in figures_now.items():
        for key, pairs in section.items():
            label = {"flag_recall": "flag recall", "kept_clear": "kept clear"}[key]
            print(show(f"{name or 'the first banks'}: overall {label}", pairs))
    if args.file:
        return 0
    below = []
    for name, section in figures_now.items():
        floors = own[name] if name else gates
        for key, pairs in section.items():
            h, n = ratio(pairs)
            value = h / n
            if key in floors and value + figures.EPS < floors[key]:
                below.append(f"{name or 'gates'} {key} {value:.3f} below its gate {floors[key]}")
            if args.raise_gates and value > floors.get(key, 0):
                floors[key] = round(value - 0.0005, 3)
    if args.raise_gates:
        with open(args.gates, "w") as f:
            f.write("# Floors for banks.py's figures (raised as they rise, never lowered). A bank\n"
                    "# under files: is gated on its own, from its own first run.\n")
            yaml.safe_dump(gates, f, sort_keys=True)
    return figures.report_gates(below)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
