"""The printed report: the per-metric table, per-document lines, details, links, provenance, coverage,
thresholds, and the one-line summary that is always the last line.

From score_extraction.py 1.2 (../shared/tools), "Text report" and the threshold lines of its main(),
unchanged but for the first line (which names rikg evaluate) and the list of files it could not score.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rikg.evaluate.scoring import EXTRACTION_METRICS

SCORED_KINDS = ("actors", "programs", "roles", "agreements", "outcomes", "events")   # with P/R/F1


def fmt(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def summary_line(report: dict[str, Any]) -> str:
    mi = report["micro"]
    parts = [f"{k} F1={fmt(mi[k]['f1'], 2)}" for k in SCORED_KINDS]
    parts.append(f"locations R={fmt(mi['locations']['recall'], 2)}")
    w = report["wikidata"]
    parts.append(f"links wrong={w['wrong_count'] if w else 'n/a'}")
    parts.append(f"provenance={fmt(report['provenance']['exact'], 2)}")
    return " ".join(parts)


def threshold_lines(results: list[dict[str, Any]]) -> list[str]:
    lines = ["", "Thresholds"]
    for r in results:
        op = "<=" if r["kind"] == "max" else ">="
        value = r["value"]
        shown = "n/a" if value is None else fmt(value) if isinstance(value, float) else str(value)
        lines.append(f"  {'ok  ' if r['ok'] else 'FAIL'} {r['metric']} = {shown} (required {op} {r['limit']:g})")
    return lines


def render(report: dict[str, Any], details: bool) -> list[str]:
    """Every line of the report but the thresholds and the summary (the caller appends them)."""
    L: list[str] = []
    inp = report["inputs"]
    L.append(f"rikg evaluate (scorer {report['version']}): {inp['graph']} ({inp['triples']} triples)")
    L.append(f"gold: {inp['gold']} ({inp['gold_documents']} documents)   texts: {inp['texts']}")
    L.append(f"reference: {inp['reference'] or '(none: Wikidata metrics skipped)'}")
    L.append("")
    L.append("Extraction (micro-averaged over documents; opt = system items matching optional gold)")
    L.append(f"  {'metric':<12}{'TP':>6}{'FP':>6}{'FN':>6}{'opt':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for k in EXTRACTION_METRICS:
        d = report["micro"][k]
        if k == "locations":
            L.append(f"  {k:<12}{d['tp']:>6}{'-':>6}{d['fn']:>6}{'-':>5}{'-':>8}{fmt(d['recall']):>8}{'-':>8}"
                     "   (recall of gold locations of matched programs)")
        else:
            L.append(f"  {k:<12}{d['tp']:>6}{d['fp']:>6}{d['fn']:>6}{d['optional_matched']:>5}"
                     f"{fmt(d['precision']):>8}{fmt(d['recall']):>8}{fmt(d['f1']):>8}")
    o = report["micro"]["outcomes"]
    L.append(f"  outcome attribution: {fmt(o['attribution'])} ({o['attribution_right']}/{o['attribution_of']} "
             "matched outcomes linked to the right program)")
    L.append("")
    L.append("Per document: F1 (TP/FP/FN); locations: recall (found/gold); provenance: exact share")
    cols = ("actors", "programs", "roles", "agreements", "outcomes", "events")
    width = max([len(d) for d in report["documents"]] + [8]) + 2
    L.append("  " + "doc".ljust(width) + "".join(f"{c:<17}" for c in cols) + f"{'locations':<15}provenance")
    prov_docs = report["provenance"]["per_doc"]
    for doc, d in report["documents"].items():
        cells = "".join(f"{fmt(d[c]['f1'], 2)} ({d[c]['tp']}/{d[c]['fp']}/{d[c]['fn']})".ljust(17) for c in cols)
        loc = d["locations"]
        loc_cell = f"{fmt(loc['recall'], 2)} ({loc['tp']}/{loc['tp'] + loc['fn']})"
        pv = prov_docs.get(doc)
        L.append("  " + doc.ljust(width) + cells + f"{loc_cell:<15}" + (fmt(pv["exact"], 2) if pv else "n/a"))
    if details:
        L.append("")
        L.append("Details (missed = gold not found; spurious = system items matching no gold)")
        for doc, d in report["documents"].items():
            L.append(f"  {doc}")
            n_before = len(L)
            for k in EXTRACTION_METRICS:
                det = d["details"][k]
                for what in ("missed", "spurious", "misattributed"):
                    for item in det.get(what, []):
                        shown = item if isinstance(item, str) else " | ".join(map(str, item))
                        kind, said = (k, what) if what != "misattributed" else ("attrib.", "wrong")
                        L.append(f"    {kind:<11}{said:<9} {shown}")
            for item in d["details"].get("link_recall", {}).get("missed", []):
                L.append(f"    {'wikidata':<11}{'missed':<9} {item[0]} (expected {', '.join(item[1])})")
            if len(L) == n_before:
                L.append("    (nothing missed, nothing spurious)")
    L.append("")
    w = report["wikidata"]
    if w:
        L.append("Wikidata links (skos:exactMatch)")
        L.append(f"  links {w['links']}: correct {w['correct_count']}, wrong {w['wrong_count']}, "
                 f"unconfirmed {w['unconfirmed_count']}, unchecked (QID not in reference) {w['unchecked_count']}")
        L.append(f"  link precision {fmt(w['precision'])}   link recall {fmt(w['recall'])} "
                 f"({w['recall_found']}/{w['recall_expected']} gold actors/places with a reference QID)")
        for e in w["wrong"]:
            L.append(f"  WRONG {e['qid']} on {e['label']} <{e['entity']}>; reference: {'; '.join(e['reference'])}")
        for e in w["unconfirmed"]:
            L.append(f"  unconfirmed {e['qid']} on {e['label']} <{e['entity']}>")
        L.append("")
    p = report["provenance"]
    L.append("Provenance")
    L.append(f"  evidence mentions: {p['mentions']}; checked against texts: {p['checked']}; "
             f"exact quote at offsets: {p['ok']} ({fmt(p['exact'])})")
    other = {k: v for k, v in p["status"].items() if k not in ("ok", "no_text")}
    if other:
        L.append("  not ok: " + ", ".join(f"{k} {v}" for k, v in other.items()))
    if p["status"].get("no_text"):
        L.append(f"  not checked (source text not in the texts folder): {p['status']['no_text']}")
    for f_ in p["failures"][:10]:
        L.append(f"    {f_['status']}: {f_['mention']} in {f_['doc']} at {f_['positions'][:1]} "
                 f"exact={f_['exact'][:1]}" + (f" text={f_['text_at_offsets']!r}" if "text_at_offsets" in f_ else ""))
    ev = ", ".join(f"{k} {v['with_evidence']}/{v['total']}" for k, v in p["evidence_by_class"].items())
    L.append(f"  resources with evidence: {fmt(p['evidence'])} ({ev})")
    L.append("")
    cv = report["coverage"]
    L.append("Coverage (resources per class; with rdfs:label @sr-Latn and @sr-Cyrl; with @en)")
    for k, v in cv["classes"].items():
        L.append(f"  {k:<16}{v['count']:>6}{v['sr_latn_and_cyrl']:>8}{v['en']:>8}")
    L.append("  bilingual (Actor/Place/Program with both Serbian labels): "
             f"{fmt(cv['bilingual'])} of {cv['bilingual_of']}")
    if report["warnings"]:
        L.append("")
        L.append("Warnings")
        for wmsg in report["warnings"]:
            L.append(f"  {wmsg}")
    if report.get("skipped") or report.get("rejected"):
        L.append("")
        L.append("Not scored")
        for s in report.get("skipped", []):
            L.append(f"  skipped: {s}")
        for r in report.get("rejected", []):
            L.append(f"  rejected: {r}")
    return L


def full_text(report: dict[str, Any], details: bool = False) -> str:
    """The whole printed report; its last line is the summary line, as with the shared scorer."""
    lines = render(report, details)
    if report.get("thresholds"):
        lines += threshold_lines(report["thresholds"])
    lines += ["", summary_line(report)]
    return "\n".join(lines)


def write_json(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
