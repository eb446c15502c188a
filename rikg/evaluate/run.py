"""One `rikg evaluate` run: check the gold files, get the graph (a fresh build of --sources, or an
existing --store) as an N-Quads export, find the texts, score, and gate.

This part is rikg's own (the shared scorer is handed an export file): it builds with the project's
`rikg.build.build_store` into a temporary folder, never into the checkout's store, and it is stricter
about gold files than the shared scorer (see rikg.evaluate.gold).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rikg.evaluate.gold import (
    GoldDoc,
    GoldError,
    check_problems,
    gold_files,
    load_gold_file,
    read_gold_json,
    unique_docs,
)
from rikg.evaluate.graph import GraphError, SystemGraph
from rikg.evaluate.reference import Reference
from rikg.evaluate.scoring import check_thresholds, parse_threshold, read_texts, score


class EvaluateError(ValueError):
    """Bad usage or unreadable input (exit status 2); the message is one line."""


@dataclass
class Evaluation:
    report: dict[str, Any]                      # the shared scorer's report, plus "rejected" and "skipped"
    thresholds: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)   # gold files left out under --keep-going (one line each)
    skipped: list[str] = field(default_factory=list)    # unreadable texts, as `rikg build` reports them

    @property
    def metrics(self) -> dict[str, float | int | None]:
        return self.report["metrics"]

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.thresholds if not r["ok"]]


class _Gate:
    """Either stops at the first bad gold file, or (--keep-going) notes it and lets the run go on."""

    def __init__(self, keep_going: bool) -> None:
        self.keep_going = keep_going
        self.errors: list[GoldError] = []

    def reject(self, error: GoldError) -> None:
        if not self.keep_going:
            raise error
        self.errors.append(error)

    @property
    def rejected(self) -> list[str]:
        """One line per rejected file, in file order (files fail at different stages)."""
        return [str(e) for e in sorted(self.errors, key=lambda e: str(e.path))]


def evaluate(gold: Path, *, sources: Path | None = None, store: Path | None = None, texts: Path | None = None,
             reference: Path | None = None, minimum: Sequence[str] = (), keep_going: bool = False) -> Evaluation:
    """Score the graph built from `sources` (or the existing `store`) against the gold files in `gold`.

    Texts: `texts`, else `sources`, else the texts the store records (`rikg:text`). `reference`: the
    Wikidata reference CSV (None: the links.* metrics are n/a). Raises GoldError (a bad gold file,
    unless keep_going) or EvaluateError (anything else unusable); both say what in one line.
    """
    if (sources is None) == (store is None):
        raise EvaluateError("give exactly one of --sources DIR and --store DIR")
    for spec in minimum:     # before a build, not after it
        try:
            parse_threshold(spec)
        except ValueError as e:
            raise EvaluateError(str(e)) from None
    if reference is not None and not Path(reference).is_file():
        raise EvaluateError(f"{reference}: no such reference file")
    gate = _Gate(keep_going)
    golds = _read_gold(Path(gold), gate)
    texts_dir = Path(texts) if texts is not None else Path(sources) if sources is not None else None
    skipped: list[str] = []
    if texts_dir is not None:
        golds = _with_texts(golds, texts_dir, gate, skipped)

    with tempfile.TemporaryDirectory(prefix="rikg-evaluate-") as tmp:
        graph_file = Path(tmp) / "graph.nq"
        if sources is not None:
            built = _build(Path(sources), Path(tmp) / "store", graph_file)
            skipped += [f for f in built if f not in skipped]
            graph_label = f"store built from {sources}"
        else:
            _export(Path(store), graph_file)   # type: ignore[arg-type]  # checked above
            graph_label = f"store {store}"
        try:
            g = SystemGraph(graph_file)
        except GraphError as e:
            raise EvaluateError(str(e)) from None

    if texts_dir is not None:
        text_of = read_texts(texts_dir)
        texts_label = str(texts_dir)
    else:
        text_of = g.recorded_texts()
        texts_label = f"the store {store}"
        if not text_of:
            raise EvaluateError(f"the store at {store} records no source texts: give --texts DIR")
        for gd in list(golds):
            if gd.doc not in text_of:
                gate.reject(GoldError(gd.path, "doc", f"text {gd.doc!r} is not recorded in the store at {store}"))
                golds.remove(gd)
    if not golds:
        raise EvaluateError(f"no gold file left to score in {gold} ({len(gate.rejected)} rejected)")

    report = score(golds, g, text_of, Reference(Path(reference)) if reference is not None else None,
                   {"graph": graph_label, "gold": str(gold), "texts": texts_label,
                    "reference": str(reference) if reference is not None else None},
                   texts_label)
    report["rejected"], report["skipped"] = gate.rejected, skipped
    results, errors = check_thresholds(report["metrics"], list(minimum))
    if errors:   # parse_threshold accepted them above; a metric missing from the report is a bug here
        raise EvaluateError("; ".join(errors))
    report["thresholds"] = results
    return Evaluation(report, results, gate.rejected, skipped)


def _read_gold(path: Path, gate: _Gate) -> list[GoldDoc]:
    golds: list[GoldDoc] = []
    try:
        files = gold_files(path)
    except GoldError as e:
        raise EvaluateError(str(e)) from None
    for f in files:
        try:
            data = read_gold_json(f)
            if data is None:
                continue   # a JSON file that is not a gold annotation (no "doc"), as the shared scorer skips it
            gd = load_gold_file(f, data)
            check_problems(gd)
            unique_docs([*golds, gd])
        except GoldError as e:
            gate.reject(e)
            continue
        golds.append(gd)
    if not golds and not gate.rejected:
        raise EvaluateError(f"no gold JSON files (with a 'doc' field) in {path}")
    return golds


def _with_texts(golds: list[GoldDoc], texts_dir: Path, gate: _Gate, skipped: list[str]) -> list[GoldDoc]:
    """The gold files whose text is there and readable. A missing text is a bad gold file; an unreadable
    one is reported and skipped, as `rikg build` does (there is nothing of it in the graph to score)."""
    from rikg.loaders.read import SourceError, read_source

    if not texts_dir.is_dir():
        raise EvaluateError(f"{texts_dir}: no such folder of texts")
    kept = []
    for gd in golds:
        path = texts_dir / gd.doc
        if not path.is_file():
            gate.reject(GoldError(gd.path, "doc", f"text {gd.doc!r} is not in {texts_dir}"))
            continue
        try:
            read_source(path)
        except SourceError as e:
            skipped.append(str(e))
            continue
        kept.append(gd)
    return kept


def _build(sources: Path, store: Path, graph_file: Path) -> list[str]:
    """Build a store from `sources` with the project's own build and export it; returns the skipped texts."""
    from rikg.build import build_store
    from rikg.loaders.read import SourceError

    try:
        report = build_store(sources, store)
    except SourceError as e:
        raise EvaluateError(str(e)) from None
    _export(store, graph_file)
    return list(report.failed)


def _export(store: Path, graph_file: Path) -> None:
    from rikg.store import StoreError, export, open_store

    try:
        opened = open_store(store, read_only=True)
    except StoreError as e:
        raise EvaluateError(str(e)) from None
    with open(graph_file, "wb") as out:
        export(opened, out, "nq")
