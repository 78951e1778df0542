#!/usr/bin/env python3
"""The development set's figures, checked against gates.yaml (the CTest `conversations`).

Usage: figures.py BACKCOACH_BINARY [--cwd REPO] [--file X.yaml] [--verbose] [-j N]
                  [--gates gates.yaml] [--raise-gates] [--no-batch]

Every *.yaml in the sub-folders of this folder is read (dev/ today): a list whose items have
`turns` is a file of conversations, one whose items have `question` a file of FAQ probes.
Each conversation and each probe is run once through `BACKCOACH_BINARY chat --json`, and
every figure is taken from that one run, with the copied graders' definitions (dev/grade.py,
dev/grade_faq.py, dev/dialogue_stats.py). Loading the rules costs far more than a
conversation, so conversations go BATCH to a process, separated by `--restart-on` lines
(a binary without that option, or --no-batch: one process per conversation), N processes
at a time (default 4):

  emergency       emergency conversations whose final tier is emergency
  urgent+         urgent and emergency conversations ending at urgent or above
  kept home       self-care conversations ending with no flag and tier null or self_care
  on time         urgent and emergency conversations at the expected tier in the reply to
                  trigger_turn
  under-triaged   conversations whose final tier is below the expected one (lower is better)
  stuck           turns after the first whose last reply repeats the previous turn's
                  question (lower is better)
  same question   as stuck, comparing only the question itself (the last sentence ending
                  in "?"), so a lead-in such as "To come back to what I asked:" does not hide
                  a repeat (ours, not the graders'; lower is better)
  first exercise  turns to the first exercise, for conversations that reach one (median)
  FAQ answered    probes whose reply holds a key fact, the tier staying self_care or null

Prints a line per file and an overall line. With the whole set (no --file) the figures are
checked against gates.yaml: exit 1, naming each figure past its gate. A folder holding a
gates.yaml of its own (a set added later, gated from its own figures) is checked against that
file alone; the other folders together against this folder's gates.yaml. With --raise-gates,
a gate a set now beats is raised to the figure (never lowered).
Exit 2 on a usage error or a binary that cannot be run.
"""
import argparse
import concurrent.futures
import json
import math
import os
import re
import statistics
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "dev"))
import grade  # noqa: E402  (the copied grader: tier ranks, flag aliases, pass/fail rules, run)

EPS = 1e-9
BATCH = 10          # conversations per process
SEPARATOR = "\x1e"  # the line that starts a new conversation (never typed by a person)
# Figure id -> (label, direction). "min" gates are floors, "max" gates ceilings.
FIGURES = {
    "emergency_recall": ("emergency", "min"),
    "urgent_or_higher_recall": ("urgent+", "min"),
    "kept_home": ("kept home", "min"),
    "acted_on_at_trigger": ("on time", "min"),
    "under_triaged": ("under-triaged", "max"),
    "stuck": ("stuck", "max"),
    "stuck_question": ("same question", "max"),
    "faq_answered": ("FAQ answered", "min"),
    "first_exercise_median_turns": ("first exercise", "max"),
}


class Tally:
    """Counts for one file or for the whole set; a figure is a (hits, total) pair."""

    def __init__(self):
        self.counts = {k: [0, 0] for k in FIGURES if k != "first_exercise_median_turns"}
        self.first_exercise = []  # turns to the first exercise, one per conversation reaching one
        self.passed = [0, 0]

    def add(self, key, hit):
        self.counts[key][0] += int(hit)
        self.counts[key][1] += 1

    def merge(self, other):
        for k, (h, n) in other.counts.items():
            self.counts[k][0] += h
            self.counts[k][1] += n
        self.first_exercise += other.first_exercise
        self.passed[0] += other.passed[0]
        self.passed[1] += other.passed[1]

    def value(self, key):
        if key == "first_exercise_median_turns":
            return statistics.median(self.first_exercise) if self.first_exercise else None
        h, n = self.counts[key]
        return h / n if n else None

    def show(self, key):
        if key == "first_exercise_median_turns":
            fe = self.first_exercise
            if not fe:
                return "first exercise -"
            return f"first exercise median {statistics.median(fe):g} (n={len(fe)}, max {max(fe)})"
        h, n = self.counts[key]
        if not n:
            return f"{FIGURES[key][0]} -"
        return f"{FIGURES[key][0]} {h}/{n} ({100.0 * h / n:.0f}%)"


def last_reply(line):
    reps = line.get("replies") or []
    return reps[-1].get("text", "") if reps else ""


def question_of(text):
    """The question a reply ends on: its last sentence ending in "?" ("" when none)."""
    found = re.findall(r"[^.:!?]*\?", text)
    return found[-1].strip() if found else ""


def stuck_turns(lines, key=None):
    """(repeated, counted) as dialogue_stats.py counts them: the last reply of a turn after
    the first is the same question as the previous turn's last reply. With key, each
    reply is first reduced by key (question_of: the question without its lead-in)."""
    same = total = 0
    prev = None
    for ln in lines:
        cur = last_reply(ln) if key is None else key(last_reply(ln))
        if prev is not None:
            total += 1
            same += int(cur == prev and cur.rstrip().endswith("?"))
        prev = cur
    return same, total


def score_conversation(v, rc, lines, tally):
    """Adds one conversation's run to tally; returns why it failed ([] when it passed)."""
    why = grade.grade(v, rc, lines)
    exp = v["expect_tier"]
    final = lines[-1].get("tier") if lines else None
    rank = grade.RANK.get(final, -1)
    tally.add("under_triaged", rank < grade.RANK[exp])
    if exp == "emergency":
        tally.add("emergency_recall", final == "emergency")
    if exp in ("urgent", "emergency"):
        tally.add("urgent_or_higher_recall", rank >= grade.RANK["urgent"])
        t = grade.on_time(v, lines)
        if t is not None:
            tally.add("acted_on_at_trigger", t)
            if not t:
                k = v["trigger_turn"]
                why.append(f"tier {lines[k - 1].get('tier')} at trigger turn {k}, not {exp}")
    if exp == "self_care":
        tally.add("kept_home", rank <= 0 and not (lines and lines[-1].get("flags")))
    same, total = stuck_turns(lines)
    tally.counts["stuck"][0] += same
    tally.counts["stuck"][1] += total
    same, total = stuck_turns(lines, question_of)
    tally.counts["stuck_question"][0] += same
    tally.counts["stuck_question"][1] += total
    first = next((i + 1 for i, ln in enumerate(lines) if ln.get("exercises")), None)
    if first is not None:
        tally.first_exercise.append(first)
    tally.passed[1] += 1
    tally.passed[0] += int(not why)
    return why


def score_probe(p, lines, tally):
    """Adds one FAQ probe's run to tally; the rule is grade_faq.py's. Returns why it failed."""
    turns = list(p.get("context") or []) + [p["question"]]
    why = None
    if len(lines) < len(turns):
        why = f"only {len(lines)} turn lines for {len(turns)} turns"
    else:
        last = lines[-1]
        text = " ".join(r.get("text", "") for r in last.get("replies") or [])
        if last.get("tier") not in (None, "self_care"):
            why = f"tier rose to {last.get('tier')}"
        elif not any(re.search(rx, text, re.I) for rx in p["expect_any"]):
            why = "no key fact in reply: " + text[:160].replace("\n", " ")
    tally.add("faq_answered", why is None)
    tally.passed[1] += 1
    tally.passed[0] += int(why is None)
    return [why] if why else []


def run_batch(binary, conversations, cwd):
    """Runs several conversations (lists of turns) through one process; returns one
    (returncode, lines) per conversation, as grade.run does for one."""
    text = f"{SEPARATOR}\n".join(
        "".join(t.replace("\n", " ") + "\n" for t in turns) for turns in conversations)
    p = subprocess.run([binary, "chat", "--json", "--restart-on", SEPARATOR], input=text,
                       capture_output=True, text=True, timeout=30 + 10 * len(conversations),
                       cwd=cwd)
    runs = [[]]
    for ln in p.stdout.splitlines():
        if not ln.startswith("{"):
            continue
        try:
            obj = json.loads(ln)
        except json.JSONDecodeError:
            continue
        if obj.get("restart"):
            runs.append([])
        else:
            runs[-1].append(obj)
    runs += [[] for _ in range(len(conversations) - len(runs))]
    return [(p.returncode, lines) for lines in runs[:len(conversations)]]


def supports_batch(binary, cwd):
    """Whether this binary's chat knows --restart-on (older builds do not)."""
    p = subprocess.run([binary, "chat", "--json", "--restart-on", SEPARATOR],
                       input=SEPARATOR + "\n", capture_output=True, text=True, timeout=60, cwd=cwd)
    return p.returncode == 0 and '"restart"' in p.stdout


def kind_of(items):
    if items and all("turns" in i for i in items):
        return "conversations"
    if items and all("question" in i for i in items):
        return "faq"
    return None


def turns_of(item):
    return item["turns"] if "turns" in item else list(item.get("context") or []) + [item["question"]]


def submit_file(path, binary, cwd, pool, batch):
    """Starts every item of one file on the pool; returns (kind, items, one future per item
    yielding (returncode, lines))."""
    with open(path) as f:
        items = yaml.safe_load(f) or []
    kind = kind_of(items)
    if kind is None:
        raise SystemExit(f"{path}: neither conversations (turns) nor FAQ probes (question)")
    if not batch:
        return kind, items, [pool.submit(grade.run, binary, turns_of(i), cwd) for i in items]
    jobs = []
    for start in range(0, len(items), BATCH):
        chunk = [turns_of(i) for i in items[start:start + BATCH]]
        job = pool.submit(run_batch, binary, chunk, cwd)
        jobs += [(job, k) for k in range(len(chunk))]
    return kind, items, jobs


def score_file(kind, items, jobs):
    """Waits for one file's runs; returns (tally, [(label, why)])."""
    tally, failures = Tally(), []
    for item, job in zip(items, jobs):
        rc, lines = job[0].result()[job[1]] if isinstance(job, tuple) else job.result()
        if kind == "conversations":
            why = score_conversation(item, rc, lines, tally)
            label = f"{item['id']} ({item['expect_tier']})"
        else:
            why = score_probe(item, lines, tally)
            label = item["id"]
        if why:
            failures.append((label, why))
    return tally, failures


def figures_line(name, kind, tally):
    keys = ["faq_answered"] if kind == "faq" else [
        "emergency_recall", "urgent_or_higher_recall", "kept_home", "acted_on_at_trigger",
        "under_triaged", "stuck", "stuck_question", "first_exercise_median_turns"]
    p, n = tally.passed
    return f"{name}: " + ", ".join(tally.show(k) for k in keys) + f"; passed {p}/{n}"


def read_gates(path):
    with open(path) as f:
        g = yaml.safe_load(f) or {}
    gates = {}
    for direction in ("min", "max"):
        for key, value in (g.get(direction) or {}).items():
            if key not in FIGURES or FIGURES[key][1] != direction:
                raise SystemExit(f"{path}: '{key}' is not a {direction} figure "
                                 f"({', '.join(k for k, v in FIGURES.items() if v[1] == direction)})")
            gates[key] = float(value)
    return gates


def check_gates(gates, overall):
    """Names each figure past its gate; a figure the set cannot measure counts as past."""
    below = []
    for key, gate in gates.items():
        value = overall.value(key)
        label, direction = FIGURES[key]
        if value is None:
            below.append(f"{key} ({label}): not measured, gate {gate:g}")
        elif direction == "min" and value < gate - EPS:
            below.append(f"{key} ({label}): {value:.4f} below its gate {gate:g}")
        elif direction == "max" and value > gate + EPS:
            below.append(f"{key} ({label}): {value:.4f} above its gate {gate:g}")
    return below


def write_raised_gates(path, gates, overall):
    """Rewrites gates.yaml with each gate moved to the figure where the figure is better."""
    raised = dict(gates)
    for key, (_, direction) in FIGURES.items():
        value = overall.value(key)
        if value is None:
            continue
        if direction == "min":
            value = math.floor(value * 10000) / 10000  # a floor the figure itself passes
            raised[key] = max(raised.get(key, 0.0), value)
        else:
            value = math.ceil(value * 10000) / 10000
            raised[key] = min(raised.get(key, math.inf), value)
    # Values are replaced in place, so every comment (a gate's reason for moving) stays.
    with open(path) as f:
        lines = f.read().splitlines()
    written, block = set(), None
    out = []
    for ln in lines:
        m = re.match(r"^(min|max):\s*$", ln)
        if m:
            block = m.group(1)
        m = re.match(r"^(  )(\w+): .*$", ln)
        if m and m.group(2) in raised:
            ln = f"  {m.group(2)}: {raised[m.group(2)]:g}"
            written.add(m.group(2))
        out.append(ln)
    for key, (_, d) in FIGURES.items():  # a gate the file did not have yet
        if key in raised and key not in written:
            at = next((i for i, ln in enumerate(out) if ln.startswith(f"{d}:")), None)
            if at is None:
                out.append(f"{d}:")
                at = len(out) - 1
            out.insert(at + 1, f"  {key}: {raised[key]:g}")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return raised


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary", help="the backcoach CLI")
    ap.add_argument("--cwd", default=os.path.dirname(os.path.dirname(HERE)),
                    help="where the binary finds rules/ and intents/ (default: the repo)")
    ap.add_argument("--file", action="append", default=[],
                    help="run only this file (repeatable); gates are not checked")
    ap.add_argument("--gates", default=os.path.join(HERE, "gates.yaml"))
    ap.add_argument("--raise-gates", action="store_true",
                    help="raise each gate the whole set now beats to its figure")
    ap.add_argument("--verbose", action="store_true",
                    help="list each failing conversation and probe with why")
    ap.add_argument("-j", "--jobs", type=int, default=4, help="processes run at once")
    ap.add_argument("--no-batch", action="store_true",
                    help="one process per conversation, even when the binary can take many")
    return ap.parse_args(argv)


def all_files():
    files = []
    for sub in sorted(os.listdir(HERE)):
        folder = os.path.join(HERE, sub)
        if os.path.isdir(folder):
            files += [os.path.join(folder, f) for f in sorted(os.listdir(folder))
                      if f.endswith(".yaml") and f != "gates.yaml"]
    return files


def main(argv):
    args = parse_args(argv)
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"figures.py: cannot run {binary}", file=sys.stderr)
        return 2
    files = [os.path.abspath(f) for f in args.file] or all_files()
    overall = {"conversations": Tally(), "faq": Tally()}
    batch = not args.no_batch and supports_batch(binary, args.cwd)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        # Every file is submitted before any result is read, so the pool never idles.
        started = [(f, submit_file(f, binary, args.cwd, pool, batch)) for f in files]
        results = [(f, kind, *score_file(kind, items, jobs)) for f, (kind, items, jobs) in started]
    for path, kind, tally, failures in results:
        if args.verbose:
            for label, why in failures:
                print(f"FAIL {os.path.basename(path)} {label}: {'; '.join(why)}")
        overall[kind].merge(tally)
    for path, kind, tally, _ in results:
        print(figures_line(os.path.relpath(path, HERE), kind, tally))
    for kind, tally in overall.items():
        if tally.passed[1]:
            print(figures_line(f"overall {kind}", kind, tally))
    if args.file:
        return 0
    # A folder with a gates.yaml of its own (a set added later, with its own first-run
    # figures) is gated by it alone; every other folder counts towards the main gates.
    gated = {}
    for path, kind, tally, _ in results:
        own = os.path.join(os.path.dirname(path), "gates.yaml")
        gated.setdefault(own if os.path.exists(own) else args.gates, Tally()).merge(tally)
    below = []
    for gates_path, tally in gated.items():
        gates = read_gates(gates_path)
        if args.raise_gates:
            gates = write_raised_gates(gates_path, gates, tally)
            print(f"gates written to {gates_path}")
        where = os.path.relpath(gates_path, HERE)
        below += [f"{where}: {b}" for b in check_gates(gates, tally)]
    return report_gates(below)


def report_gates(below):
    """Prints each figure past its gate and the verdict; the exit status (1 if any).
    banks.py reports its own gates the same way."""
    for b in below:
        print(f"GATE {b}")
    print("gates: all met" if not below else f"gates: {len(below)} not met")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
