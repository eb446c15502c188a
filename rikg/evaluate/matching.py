"""One-to-one matching of system items with gold items, and the TP/FP/FN counts it gives.

From score_extraction.py 1.2 (../shared/tools), "One-to-one assignment" and "Counting", unchanged:
a maximum-weight assignment (Hungarian algorithm) that first maximises the number of pairs, then the
name scores, then prefers required gold items over optional ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

BIG = 10**9   # every matched pair counts first: maximise the number of matches; then the total
              # score (a system item goes to the gold item it resembles most, even an optional
              # one); on equal scores, prefer required gold items. 2 * score * 100 + 1 < 10**9.


def pair_weight(score: float, required: bool) -> int:
    return BIG + 2 * int(round(score * 100)) + (1 if required else 0)


def assign(weights: dict[tuple[int, int], int], n_rows: int, n_cols: int) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment between rows and columns; only pairs present in
    `weights` may be matched. Deterministic (Kuhn-Munkres with potentials, O(n^2 m))."""
    if not weights:
        return []
    transpose = n_rows > n_cols
    if transpose:
        weights = {(j, i): w for (i, j), w in weights.items()}
        n_rows, n_cols = n_cols, n_rows
    cost = [[-weights.get((i, j), 0) for j in range(n_cols)] for i in range(n_rows)]
    inf = float("inf")
    u = [0] * (n_rows + 1)
    v = [0] * (n_cols + 1)
    p = [0] * (n_cols + 1)
    way = [0] * (n_cols + 1)
    for i in range(1, n_rows + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n_cols + 1)
        used = [False] * (n_cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n_cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n_cols + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n_cols + 1):
        if p[j]:
            i = p[j] - 1
            if (i, j - 1) in weights:
                pairs.append((j - 1, i) if transpose else (i, j - 1))
    return sorted(pairs)


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------
@dataclass
class Counts:
    """tp: system items matched to required gold items; fp: system items matched to nothing;
    fn: required gold items left unmatched; opt: system items matched to optional gold items
    (neither tp nor fp). precision = tp/(tp+fp), recall = tp/(tp+fn), f1 = 2tp/(2tp+fp+fn);
    a ratio with a zero denominator is None ("n/a"). Values are never rounded (thresholds compare
    exact ratios); only the printed report rounds."""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    opt: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.opt += other.opt

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def as_dict(self, recall_only: bool = False) -> dict:
        if recall_only:
            return {"tp": self.tp, "fn": self.fn, "recall": self.recall}
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "optional_matched": self.opt,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None





@dataclass
class Matching:
    """Result of matching system resources with gold items in one document."""
    counts: Counts
    sys_to_gold: dict[str, int]
    gold_to_sys: dict[int, str]
    details: dict


def count_assignment(pairs: list[tuple[int, int]], n_sys: int, gold_optional: list[bool],
                     sys_label: Callable[[int], str], gold_label: Callable[[int], str]) -> tuple[Counts, dict]:
    """Turn an assignment into counts (see Counts) and readable lists of what matched."""
    c = Counts()
    matched_sys = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    details = {"matched": [], "missed": [], "spurious": [], "optional_matched": []}
    for i, j in pairs:
        if gold_optional[j]:
            c.opt += 1
            details["optional_matched"].append([gold_label(j), sys_label(i)])
        else:
            c.tp += 1
            details["matched"].append([gold_label(j), sys_label(i)])
    for i in range(n_sys):
        if i not in matched_sys:
            c.fp += 1
            details["spurious"].append(sys_label(i))
    for j, opt in enumerate(gold_optional):
        if not opt and j not in matched_gold:
            c.fn += 1
            details["missed"].append(gold_label(j))
    return c, details


def match_by_score(sys_nodes: list[str], gold: Sequence[Any], score_fn: Callable[[str, Any], float | None],
                   sys_label: Callable[[str], str], gold_label: Callable[[int], str]) -> Matching:
    """One-to-one assignment of system nodes to gold items; score_fn(node, item) returns a score
    (higher is better) or None when they cannot match."""
    weights = {}
    for i, s in enumerate(sys_nodes):
        for j, g in enumerate(gold):
            sc = score_fn(s, g)
            if sc is not None:
                weights[(i, j)] = pair_weight(sc, not g.optional)
    pairs = assign(weights, len(sys_nodes), len(gold))
    counts, details = count_assignment(pairs, len(sys_nodes), [g.optional for g in gold],
                                       lambda i: sys_label(sys_nodes[i]), lambda j: gold_label(j))
    return Matching(counts, {sys_nodes[i]: j for i, j in pairs}, {j: sys_nodes[i] for i, j in pairs}, details)

