"""The scored-candidate alternative for roles, measured against the rules on the corpus's locked test split.

    python bench/role_model.py [--cache DIR] [--threshold T]

Every (program, actor, role) triple of a document whose program and actor the loaders found is a candidate
(organisations and local governments; persons hold no roles). Each is described by features that hold across
texts: the rules' own verdict, the role cues of data/patterns/role_cues.csv around the actor, the pair sharing a
sentence or a paragraph and how far apart they stand, the actor's kind and prominence, the number of programs.
Labels come from the scorer's own matching of the system graph with the gold (`rikg.evaluate`), so a candidate
counts exactly as the scorer would count the triple. An L2 logistic regression per role (Newton's method, numpy)
is fitted on the dev split only; its threshold is chosen by 5-fold cross-validation over dev documents; then the
test split is scored once, with the rules alone, the model alone, and the rules plus the model's additions.
Prints P/R/F1 of roles for each, and the rules' figure from the same counting as a check against `rikg evaluate`.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import math
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rikg.evaluate.documents import DocScorer
from rikg.evaluate.gold import load_gold_file
from rikg.evaluate.graph import SystemGraph
from rikg.evaluate.run import _build
from rikg.evaluate.terms import C_ACTOR, C_PERSON, C_PROGRAM, P_PARTY, ROLES
from rikg.loaders import patterns
from rikg.loaders.normalise import normalise
from rikg.loaders.segment import sentences

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
ROLE_NAMES = ("funder", "implementer", "partner")
CUE_ROLE = {"Funder": "funder", "Implementer": "implementer", "Partner": "partner"}


@dataclass
class Candidate:
    doc: str
    program: str
    actor: str
    role: str
    label: int | None  # 1 gold, 0 not, None: neither (optional gold, or inherited from a parent program)
    rule: int
    features: list[float]


def split_files(split: str) -> list[str]:
    with open(CORPUS / "SOURCES.csv", encoding="utf-8", newline="") as f:
        return [r["file"] for r in csv.DictReader(f) if r["split"] == split]


def graph_of(split: str, cache: Path) -> Path:
    out = cache / f"{split}.nq"
    if out.exists():
        return out
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        texts.mkdir()
        for name in split_files(split):
            shutil.copy(CORPUS / "texts" / name, texts / name)
        _build(texts, Path(tmp) / "store", out)
    return out


def cue_spans(working: str) -> dict[str, list[tuple[int, int, str]]]:
    """Role cue matches in the working copy: role -> (start, end, where)."""
    import regex

    low = working.lower()
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in patterns.read_rows("role_cues.csv"):
        role = CUE_ROLE.get(row["role"])
        if role is None:
            continue
        for m in regex.finditer(row["regex"], low):
            found[role].append((m.start(), m.end(), row["where"]))
        if row.get("subject_role"):
            sub = CUE_ROLE.get(row["subject_role"])
            if sub:
                for m in regex.finditer(row["regex"], low):
                    found[sub].append((m.start(), m.end(), "before"))
    return found


class DocView:
    """The text of one document in working-copy offsets, with sentences and paragraphs."""

    def __init__(self, original: str) -> None:
        self.norm = normalise(original)
        self.w = self.norm.text
        self.starts = list(self.norm.starts)
        self.sents = [(s.start, s.end) for s in sentences(self.w)]
        self.sent_starts = [s for s, _ in self.sents]
        paras, at = [], 0
        for block in self.w.split("\n\n"):
            paras.append(at)
            at += len(block) + 2
        self.para_starts = paras
        self.cues = cue_spans(self.w)

    def to_working(self, orig: int) -> int:
        return max(0, bisect.bisect_right(self.starts, orig) - 1)

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self.para_starts, pos) - 1


def positions(g: SystemGraph, node: str, doc: str, view: DocView) -> list[tuple[int, int]]:
    out = []
    for m in g.evidence.get(node, []):
        mention = g.mentions[m]
        if doc in mention.docs:
            out += [(view.to_working(s), view.to_working(max(s, e - 1)) + 1) for s, e in mention.positions]
    return sorted(set(out))


def doc_candidates(g: SystemGraph, gold_path: Path, original: str) -> tuple[list[Candidate], int]:
    """The document's candidates and the number of required gold role triples (for recall)."""
    gold = load_gold_file(gold_path)
    sc = DocScorer(gold, g, None)
    sc.actors = sc.score_actors()
    sc.programs = sc.score_programs()
    sc.score_roles()
    required = sc.results["roles"].tp + sc.results["roles"].fn
    doc = gold.doc
    gold_roles: dict[tuple, bool] = {}
    for j, p in enumerate(gold.programs):
        for role, actors in p.roles.items():
            for a in actors:
                if a is None:
                    continue
                opt = p.optional or gold.actors[a].optional
                gold_roles[(j, role, a)] = gold_roles.get((j, role, a), True) and opt
    view = DocView(original)
    programs = g.in_doc(C_PROGRAM, doc)
    actors = [a for a in g.in_doc(C_ACTOR, doc) if C_PERSON not in g.types.get(a, set())]
    ppos = {p: positions(g, p, doc, view) for p in programs}
    apos = {a: positions(g, a, doc, view) for a in actors}

    def rule_has(p: str, role: str, a: str) -> bool:
        if a not in g.resources(p, ROLES[role][0]):
            return False
        docs = g.participation_docs(p, role, a)
        return docs is None or doc in docs

    rules = {(p, r, a): rule_has(p, r, a) for p in programs for a in actors for r in ROLE_NAMES}
    parties = {a for s in g.instances.get("https://w3id.org/rikg/ontology#Agreement", [])
               if doc in g.evidence_docs(s) for a in g.resources(s, P_PARTY)}
    n_prog = len(programs)
    pcount = {p: len(ppos[p]) for p in programs}
    top_prog = max(programs, key=lambda p: (pcount[p], -min((s for s, _ in ppos[p]), default=0))) if programs else None
    lsg_counts = {a: len(apos[a]) for a in actors if "Municipality" in " ".join(g.types.get(a, []))}
    top_lsg = max(lsg_counts, key=lsg_counts.get) if lsg_counts else None
    cands = []
    for p in programs:
        gp = sc.programs.sys_to_gold.get(p)
        for a in actors:
            ga = sc.actors.sys_to_gold.get(a)
            apositions, ppositions = apos[a], ppos[p]
            if not apositions or not ppositions:
                continue
            a_sents = {view.sentence(s) for s, _ in apositions}
            p_sents = {view.sentence(s) for s, _ in ppositions}
            a_paras = {view.paragraph(s) for s, _ in apositions}
            p_paras = {view.paragraph(s) for s, _ in ppositions}
            dist = min(abs(sa - sp) for sa, _ in apositions for sp, _ in ppositions)
            kind = g.types.get(a, set())
            base = [
                1.0,
                float(bool(a_sents & p_sents)),
                float(bool(a_paras & p_paras)),
                math.log1p(dist) / 8,
                float(n_prog == 1),
                float(n_prog == 2),
                float(p == top_prog),
                math.log1p(len(apositions)) / 3,
                float(min(s for s, _ in apositions) < 400),
                float(min(s for s, _ in ppositions) < 400),
                float(any("Municipality" in k for k in kind)),
                float(bool(g.qids.get(a))),
                float(a in parties),
                float(a == top_lsg),
            ]
            any_rule_pair = any(rules[(p, r, a)] for r in ROLE_NAMES)
            for role in ROLE_NAMES:
                if gp is not None and ga is not None and (gp, role, ga) in gold_roles:
                    label = None if gold_roles[(gp, role, ga)] else 1
                elif (gp is not None and gold.programs[gp].optional) or (ga is not None and gold.actors[ga].optional):
                    label = None
                elif gp is not None and ga is not None and sc._inherited(gp, role, ga, gold_roles):
                    label = None
                else:
                    label = 0
                rule = int(rules[(p, role, a)])
                cue_sent = cue_near_before = cue_near_after = 0.0
                for cs, ce, where in view.cues.get(role, []):
                    si = view.sentence(cs)
                    if si in a_sents:
                        cue_sent = 1.0
                    for s, e in apositions:
                        if 0 <= s - ce <= 80 and where in ("after", "both"):
                            cue_near_before = 1.0
                        if 0 <= cs - e <= 80 and where in ("before", "both"):
                            cue_near_after = 1.0
                feats = [
                    *base,
                    float(rule),
                    float(any_rule_pair and not rule),
                    float(any(rules[(q, role, a)] for q in programs if q != p)),
                    float(any(rules[(p, role, b)] for b in actors if b != a)),
                    cue_sent,
                    cue_near_before,
                    cue_near_after,
                    cue_sent * float(bool(a_sents & p_sents)),
                ]
                cands.append(Candidate(doc, p, a, role, label, rule, feats))
    return cands, required


def collect(split: str, cache: Path) -> tuple[list[Candidate], int, dict[str, int]]:
    g = SystemGraph(graph_of(split, cache))
    cands: list[Candidate] = []
    required_total = 0
    required: dict[str, int] = {}
    for name in split_files(split):
        gold_path = CORPUS / "gold" / (Path(name).stem + ".json")
        original = (CORPUS / "texts" / name).read_text(encoding="utf-8")
        c, req = doc_candidates(g, gold_path, original)
        cands += c
        required[name] = req
        required_total += req
    return cands, required_total, required


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        h = (x.T * (p * (1 - p))) @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(h, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def counts(cands: list[Candidate], chosen: list[bool], required: int) -> tuple[float, float, float]:
    tp = sum(1 for c, k in zip(cands, chosen, strict=True) if k and c.label == 1)
    fp = sum(1 for c, k in zip(cands, chosen, strict=True) if k and c.label == 0)
    fn = required - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def models(train: list[Candidate]) -> dict[str, np.ndarray]:
    out = {}
    for role in ROLE_NAMES:
        rows = [c for c in train if c.role == role and c.label is not None]
        x = np.array([c.features for c in rows])
        y = np.array([c.label for c in rows], dtype=float)
        out[role] = fit(x, y)
    return out


def scores(ws: dict[str, np.ndarray], cands: list[Candidate]) -> list[float]:
    return [float(1 / (1 + math.exp(-(np.array(c.features) @ ws[c.role])))) for c in cands]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "rikg-role-model")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--no-rules", action="store_true", help="leave the rules' verdicts out of the features")
    ap.add_argument("--test", action="store_true", help="also score the test split (once the design is fixed on dev)")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    print("building the graphs ...", file=sys.stderr)
    dev, dev_required, _ = collect("dev", args.cache)
    if args.no_rules:
        for c in dev:
            c.features[14:18] = [0.0] * 4
    print(f"candidates: dev {len(dev)} ({sum(c.label == 1 for c in dev)} gold of {dev_required} required)")

    # 5-fold cross-validation over dev documents chooses the threshold
    docs = sorted({c.doc for c in dev})
    fold_of = {d: i % 5 for i, d in enumerate(docs)}
    cv = [0.0] * len(dev)
    for k in range(5):
        ws = models([c for c in dev if fold_of[c.doc] != k])
        held = [i for i, c in enumerate(dev) if fold_of[c.doc] == k]
        for i, s in zip(held, scores(ws, [dev[i] for i in held]), strict=True):
            cv[i] = s
    rules_dev = counts(dev, [bool(c.rule) for c in dev], dev_required)
    print(f"dev, rules alone (written from these texts): P {rules_dev[0]:.3f} R {rules_dev[1]:.3f} "
          f"F1 {rules_dev[2]:.3f}")
    best = (0.0, 0.5, "model")
    for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
        alone = counts(dev, [s >= t for s in cv], dev_required)
        plus = counts(dev, [bool(c.rule) or s >= t for c, s in zip(dev, cv, strict=True)], dev_required)
        print(f"dev 5-fold, threshold {t:.2f}: model alone P {alone[0]:.3f} R {alone[1]:.3f} F1 {alone[2]:.3f}; "
              f"rules + model P {plus[0]:.3f} R {plus[1]:.3f} F1 {plus[2]:.3f}")
        for f1, kind in ((alone[2], "model"), (plus[2], "rules+model")):
            if f1 > best[0]:
                best = (f1, t, kind)
    t = args.threshold if args.threshold is not None else best[1]
    print(f"chosen on dev: {best[2]} at threshold {t:.2f} (5-fold F1 {best[0]:.3f})")

    if not args.test:
        return 0
    test, test_required, _ = collect("test", args.cache)
    if args.no_rules:
        for c in test:
            c.features[14:18] = [0.0] * 4
    ws = models(dev)
    st = scores(ws, test)
    rules_test = counts(test, [bool(c.rule) for c in test], test_required)
    alone = counts(test, [s >= t for s in st], test_required)
    plus = counts(test, [bool(c.rule) or s >= t for c, s in zip(test, st, strict=True)], test_required)
    print(f"test, rules alone:   P {rules_test[0]:.3f} R {rules_test[1]:.3f} F1 {rules_test[2]:.3f}")
    print(f"test, model alone:   P {alone[0]:.3f} R {alone[1]:.3f} F1 {alone[2]:.3f}")
    print(f"test, rules + model: P {plus[0]:.3f} R {plus[1]:.3f} F1 {plus[2]:.3f}")
    reach = Counter(c.label for c in test)
    print(f"test candidates: {reach[1]} gold, {reach[0]} not, {reach[None]} neither; "
          f"required gold roles {test_required} (the rest have an end the loaders never found)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
