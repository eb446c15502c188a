"""The Wikidata reference (data/reference/wikidata-qids.csv) indexed by normalised label.

From score_extraction.py 1.2 (../shared/tools), "Wikidata reference", unchanged.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rikg.evaluate.names import names_to_variants

LABEL_COLUMNS = ("label_sr_latn", "label_sr_cyrl", "label_en")


@dataclass
class RefRow:
    qid: str            # "" when the reference marks the entity NOT VERIFIED
    label: str


class Reference:
    """shared/reference/wikidata-qids.csv indexed by normalised label. A row is found under
    every variant (see name_variants) of label_sr_latn, label_sr_cyrl and label_en, e.g. "Grad
    Niš", "niš", "city of niš"; so "Niš" finds the row of Q129259."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: list[RefRow] = []
        self.variants: list[frozenset[str]] = []
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_qid: dict[str, list[int]] = defaultdict(list)
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                i = len(self.rows)
                qid = (row.get("qid") or "").strip()
                self.rows.append(RefRow(qid, row.get("label_en") or row.get("label_sr_latn") or qid))
                self.variants.append(names_to_variants(row.get(c) or "" for c in LABEL_COLUMNS))
                for v in sorted(self.variants[i]):
                    self.by_name[v].append(i)
                if qid:
                    self.by_qid[qid].append(i)
        self.qids = {r.qid for r in self.rows if r.qid}

    def rows_for(self, variants: Iterable[str]) -> list[int]:
        return sorted({i for v in variants for i in self.by_name.get(v, [])})


