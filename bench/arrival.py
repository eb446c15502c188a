"""Roles on texts at their arrival: each blind round scored with the loaders of just before it was merged.

    python bench/arrival.py [--first 40] [--last 90] [--split dev]

For every round cNN of tests/corpus (texts named cNN_...), finds the commit that added it to SOURCES.csv,
installs the loaders of that commit's parent into a scratch environment (one after another, --no-deps, over the
installed dependencies), builds the round's texts of the split with them and scores them with today's gold. Prints
the roles the rounds had at arrival (P / R / F1), why the missed ones were missed (a programme never found, an
actor never found, or both ends found and never joined) and each rule's precision at arrival, beside the current
loaders' figures on the same texts, and the same for the rules that name programmes. Needs the git history of a
clone; takes about half a minute a round.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"

# run with the old loaders: the relations of every text and the rule that made each, and the programmes with the
# rule of their first mention (JSON lines on stdout: a role has five fields, a programme three)
_RULES = """
import json, sys, pathlib
from rikg.loaders.pipeline import process_file
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    facts = process_file(f).facts
    for r in facts.relations:
        if r.predicate in ("Funder", "Implementer", "Partner"):
            print(json.dumps([f.name, facts.entities[r.subject].name, r.predicate.lower(),
                              facts.entities[r.object].name, r.evidence.rule.split("(")[0]], ensure_ascii=False))
    for e in facts.entities.values():
        if e.kind == "program":
            mentions = sorted(getattr(e, "mentions", []), key=lambda m: m.start)
            rule = mentions[0].rule.split("(")[0] if mentions else "?"
            print(json.dumps([f.name, e.name, rule], ensure_ascii=False))
"""


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def rounds(first: int, last: int, split: str) -> dict[str, list[str]]:
    """The commit that added each round -> the files of those rounds in the split."""
    with open(CORPUS / "SOURCES.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["split"] == split]
    out: dict[str, list[str]] = collections.defaultdict(list)
    for n in range(first, last + 1):
        files = [r["file"] for r in rows if r["file"].startswith(f"c{n}_")]
        added = git("log", "--reverse", "--format=%H", f"-Sc{n}_", "--", "tests/corpus/SOURCES.csv").split()
        if files and added:
            out[added[0]] += files
    return out


def score(python: str, files: list[str], work: Path) -> tuple[str, list[list[str]]]:
    """The evaluate report (`--details` text, the one form every version prints) and the relations with their
    rules, for `files` built with `python`'s loaders."""
    texts, gold = work / "texts", work / "gold"
    for d in (texts, gold):
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()
    for name in files:
        (texts / name).write_bytes((CORPUS / "texts" / name).read_bytes())
        stem = Path(name).stem + ".json"
        (gold / stem).write_bytes((CORPUS / "gold" / stem).read_bytes())
    cmd = [python, "-m", "rikg.cli", "evaluate", "--gold", str(gold), "--sources", str(texts), "--details"]
    report = subprocess.run(cmd, cwd=work, check=True, capture_output=True, text=True).stdout
    lines = subprocess.run([python, "-c", _RULES, str(texts)], cwd=work, check=True, capture_output=True, text=True)
    return report, [json.loads(x) for x in lines.stdout.splitlines()]


def tally(
    report: str,
    relations: list[list[str]],
    totals: collections.Counter,
    rules: collections.Counter,
    program_rules: collections.Counter,
) -> None:
    summary = re.search(r"^\s+roles\s+(\d+)\s+(\d+)\s+(\d+)", report, re.M)
    if summary:
        for key, value in zip(("tp", "fp", "fn"), summary.groups(), strict=True):
            totals[key] += int(value)
    items: dict[str, list[tuple[str, str, str]]] = collections.defaultdict(list)
    doc = ""
    for line in report.split("Details", 1)[-1].splitlines():
        head = re.match(r"^  (\S+\.txt)\s*$", line)
        if head:
            doc = head.group(1)
            continue
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=2)
        if doc and len(parts) == 3:
            items[doc].append((parts[0], parts[1], parts[2]))
    for doc, found in items.items():
        programs_missed = {x for kind, status, x in found if kind == "programs" and status == "missed"}
        actors_missed = {x for kind, status, x in found if kind == "actors" and status == "missed"}
        spurious = set()
        for kind, status, x in found:
            if kind != "roles":
                continue
            program, role, actor = (y.strip() for y in x.split(" | "))
            if status == "spurious":
                spurious.add((program, role, actor))
            elif status == "missed":
                ends = (("programme", program in programs_missed), ("actor", actor in actors_missed))
                cause = " and ".join(x for x, gone in ends if gone)
                totals["missed: " + (cause or "both ends found, not joined")] += 1
        programs_spurious = {x for kind, status, x in found if kind == "programs" and status == "spurious"}
        for name, *fields, rule in relations:
            if name != doc:
                continue
            if len(fields) == 3:
                rules[(rule, tuple(fields) in spurious)] += 1
            else:
                program_rules[(rule, fields[0] in programs_spurious)] += 1
    for name, *fields, rule in relations:
        if name not in items:
            (rules if len(fields) == 3 else program_rules)[(rule, False)] += 1


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=int, default=40)
    ap.add_argument("--last", type=int, default=90)
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    args = ap.parse_args(argv)
    merges = rounds(args.first, args.last, args.split)
    arrival, now = collections.Counter(), collections.Counter()
    rules_arrival, rules_now = collections.Counter(), collections.Counter()
    programs_arrival, programs_now = collections.Counter(), collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        env = tmpdir / "venv"
        venv.create(env, with_pip=True)  # (apart from the checkout's own install, which an editable one would shadow)
        old_python = str(env / "bin" / "python")
        subprocess.run([old_python, "-m", "pip", "install", "-q", str(ROOT)], check=True, capture_output=True)
        for i, (commit, files) in enumerate(merges.items(), 1):
            tree = tmpdir / "tree"
            git("worktree", "add", "--detach", "-f", str(tree), f"{commit}^")
            try:
                subprocess.run([old_python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(tree)],
                               check=True, capture_output=True)
            finally:
                git("worktree", "remove", "--force", str(tree))
            tally(*score(old_python, files, tmpdir / "work"), arrival, rules_arrival, programs_arrival)
            tally(*score(sys.executable, files, tmpdir / "work"), now, rules_now, programs_now)
            print(f"[{i}/{len(merges)}] {commit[:8]}^: {len(files)} texts", file=sys.stderr, flush=True)
    for label, t in (("at arrival", arrival), ("current loaders", now)):
        p = t["tp"] / max(1, t["tp"] + t["fp"])
        r = t["tp"] / max(1, t["tp"] + t["fn"])
        f1 = 2 * p * r / max(1e-9, p + r)
        counts = f"({t['tp']} found, {t['fp']} spurious, {t['fn']} missed)"
        print(f"roles {label:16s} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  {counts}")
        for k in sorted(x for x in t if str(x).startswith("missed: ")):
            print(f"    {k:40s} {t[k]:4d}  {t[k] / max(1, t['fn']):.0%}")
    for title, at_arrival, current in (
        ("rule precision", rules_arrival, rules_now),
        ("programme rule precision", programs_arrival, programs_now),
    ):
        print(f"{title:32s} at arrival (ok / spurious)    current loaders")
        for rule in sorted({k for k, _ in at_arrival | current}, key=lambda k: -at_arrival[(k, False)]):
            a_ok, a_bad, n_ok, n_bad = (at_arrival[(rule, False)], at_arrival[(rule, True)],
                                        current[(rule, False)], current[(rule, True)])
            print(f"  {rule:40s} {a_ok / max(1, a_ok + a_bad):.2f} ({a_ok} / {a_bad})"
                  f"        {n_ok / max(1, n_ok + n_bad):.2f} ({n_ok} / {n_bad})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
