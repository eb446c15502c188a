"""Putting the metrics together: the report of one scoring run, its flat `metrics`, and `--min` gates.

From score_extraction.py 1.2 (../shared/tools), "Putting it together": `score` there reads its three
inputs itself; here it receives them already read (gold files checked by rikg.evaluate.gold, the graph
exported by rikg.evaluate.run), and the rest is unchanged, so the report and its `metrics` have the
same keys and values as the shared scorer's JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rikg.evaluate.corpus import score_coverage, score_links, score_provenance
from rikg.evaluate.documents import DocScorer
from rikg.evaluate.gold import GoldDoc
from rikg.evaluate.graph import SystemGraph, local
from rikg.evaluate.matching import Counts, ratio
from rikg.evaluate.reference import Reference
from rikg.evaluate.terms import C_ACTOR, C_AGREEMENT, C_EVENT, C_OUTCOME, C_PLACE, C_PROGRAM

SCORER_VERSION = "1.2"   # the version of ../shared/tools/score_extraction.py this package follows
EXTRACTION_METRICS = ("actors", "programs", "roles", "agreements", "outcomes", "events", "locations")

Metrics = dict[str, float | int | None]


def read_texts(texts_dir: Path) -> dict[str, str]:
    """Source texts by file name, decoded as UTF-8 exactly as stored (no newline translation)."""
    texts = {}
    if texts_dir.is_dir():
        for f in sorted(texts_dir.iterdir()):
            if f.is_file():
                try:
                    texts[f.name] = f.read_bytes().decode("utf-8")
                except UnicodeDecodeError:
                    pass
    return texts


def score(golds: list[GoldDoc], g: SystemGraph, texts: dict[str, str], ref: Reference | None,
          inputs: dict[str, Any], texts_label: str) -> dict[str, Any]:
    """Score everything; returns the report as a JSON-ready dict. `inputs` describes where graph, gold,
    texts and reference came from; `texts_label` names the texts in warnings."""
    warnings: list[str] = []
    if ref is None:
        warnings.append("no reference file: the Wikidata metrics (links.*) are not computed")
    for gd in golds:
        warnings += gd.warnings
        if gd.doc not in texts:
            warnings.append(f"{gd.doc}: no text file in {texts_label}")
    graph_docs = {i for ids in g.doc_ids.values() for i in ids}
    for gd in golds:
        if gd.doc not in graph_docs:
            warnings.append(f"{gd.doc}: no resource in the graph has dcterms:identifier {gd.doc!r}")
    for c in (C_ACTOR, C_PROGRAM, C_AGREEMENT, C_OUTCOME, C_EVENT, C_PLACE):
        only_sub = g.subclass_only(c)
        if only_sub:
            warnings.append(f"{len(only_sub)} resources are typed with a subclass of {local(c)} but not "
                            f"{local(c)} itself (contract); they are not scored, e.g. {only_sub[0]}")

    micro = {k: Counts() for k in EXTRACTION_METRICS}
    attribution = [0, 0]
    link_recall = [0, 0]
    documents = {}
    for gd in golds:
        ds = DocScorer(gd, g, ref)
        ds.run()
        for k in EXTRACTION_METRICS:
            micro[k].add(ds.results[k])
        attribution[0] += ds.attribution[0]
        attribution[1] += ds.attribution[1]
        if ref:
            link_recall[0] += ds.link_recall[0]
            link_recall[1] += ds.link_recall[1]
        documents[gd.doc] = {
            **{k: ds.results[k].as_dict(recall_only=k == "locations") for k in EXTRACTION_METRICS},
            "attribution": ratio(*ds.attribution),
            "link_recall": ratio(*ds.link_recall) if ref else None,
            "details": ds.details,
        }

    links = score_links(g, ref) if ref else None
    if links is not None:
        links["recall"] = ratio(*link_recall)
        links["recall_found"], links["recall_expected"] = link_recall
    provenance = score_provenance(g, texts)
    coverage = score_coverage(g)
    report: dict[str, Any] = {
        "tool": "rikg evaluate", "version": SCORER_VERSION,
        "inputs": {**inputs, "quads": g.quads, "triples": g.triples, "gold_documents": len(golds)},
        "micro": {k: micro[k].as_dict(recall_only=k == "locations") for k in EXTRACTION_METRICS},
        "documents": documents,
        "wikidata": links,
        "provenance": provenance,
        "coverage": coverage,
        "warnings": warnings,
    }
    report["micro"]["outcomes"]["attribution"] = ratio(*attribution)
    report["micro"]["outcomes"]["attribution_right"], report["micro"]["outcomes"]["attribution_of"] = attribution
    report["metrics"] = flat_metrics(report)
    return report


def flat_metrics(report: dict[str, Any]) -> Metrics:
    """The names accepted by --min (and listed under "metrics" in the JSON)."""
    m: Metrics = {}
    for k in EXTRACTION_METRICS:
        d = report["micro"][k]
        for leaf in ("precision", "recall", "f1", "tp", "fp", "fn"):
            if leaf in d:
                m[f"{k}.{leaf}"] = d[leaf]
    m["outcomes.attribution"] = report["micro"]["outcomes"]["attribution"]
    w = report["wikidata"]     # None without a reference file: the links.* metrics are n/a
    for leaf in ("wrong", "correct", "unconfirmed", "unchecked"):
        m[f"links.{leaf}"] = w[leaf + "_count"] if w else None
    m["links.precision"] = w["precision"] if w else None
    m["links.recall"] = w["recall"] if w else None
    m["provenance.exact"] = report["provenance"]["exact"]
    m["provenance.evidence"] = report["provenance"]["evidence"]
    m["coverage.bilingual"] = report["coverage"]["bilingual"]
    return m


# Every name flat_metrics gives, in its order: `--min` is checked against this before anything is built.
METRIC_NAMES: tuple[str, ...] = (
    *(f"{k}.{leaf}" for k in EXTRACTION_METRICS if k != "locations"
      for leaf in ("precision", "recall", "f1", "tp", "fp", "fn")),
    "locations.recall", "locations.tp", "locations.fn",
    "outcomes.attribution",
    "links.wrong", "links.correct", "links.unconfirmed", "links.unchecked", "links.precision", "links.recall",
    "provenance.exact", "provenance.evidence", "coverage.bilingual",
)

MAXIMUM_LEAVES = ("wrong", "unconfirmed", "fp", "fn")   # for these, --min gives a maximum
ALIASES = {"p": "precision", "r": "recall", "f": "f1"}


def parse_threshold(spec: str) -> tuple[str, float]:
    """"actors.f1=0.9" -> ("actors.f1", 0.9); short leaves (p, r, f) and `wikidata.` are accepted.
    Raises ValueError with a one-line message for an unknown metric or a bad value."""
    name, sep, value = spec.partition("=")
    name = name.strip().lower().replace("wikidata.", "links.")
    head, _, leaf = name.rpartition(".")
    name = f"{head}.{ALIASES.get(leaf, leaf)}" if head else name
    if not sep or name not in METRIC_NAMES:
        raise ValueError(f"unknown metric or bad spec {spec!r}; known: {', '.join(METRIC_NAMES)}")
    try:
        return name, float(value)
    except ValueError:
        raise ValueError(f"bad value in {spec!r}") from None


def check_thresholds(metrics: Metrics, specs: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Evaluate --min specs ("actors.f1=0.9"). Returns (results, errors). A metric that is n/a
    (nothing to measure on either side) passes."""
    results, errors = [], []
    for spec in specs:
        try:
            name, limit = parse_threshold(spec)
        except ValueError as e:
            errors.append(str(e))
            continue
        actual = metrics[name]
        is_max = name.rpartition(".")[2] in MAXIMUM_LEAVES
        ok = actual is None or (actual <= limit if is_max else actual >= limit)
        results.append({"metric": name, "value": actual, "limit": limit,
                        "kind": "max" if is_max else "min", "ok": ok})
    return results, errors
