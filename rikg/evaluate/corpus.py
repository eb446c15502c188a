"""Whole-graph metrics: Wikidata links (8a), provenance (9) and coverage (10).

From score_extraction.py 1.2 (../shared/tools), "Whole-graph metrics", unchanged.
"""

from __future__ import annotations

from collections import defaultdict

from rikg.evaluate.graph import SystemGraph, local
from rikg.evaluate.matching import ratio
from rikg.evaluate.names import name_score
from rikg.evaluate.reference import Reference
from rikg.evaluate.terms import BILINGUAL_REQUIRED, COVERAGE_CLASSES, EVIDENCE_REQUIRED, RDFS_LABEL


def score_links(g: SystemGraph, ref: Reference) -> dict:
    """Judge every skos:exactMatch to a Wikidata QID by the entity's labels (rdfs:label,
    skos:prefLabel, skos:altLabel):
      correct      - a label matches a reference row with this QID, by normalised equality or by
                     the name rules of metric 1 ("Razvojni program Ujedinjenih nacija" confirms
                     UNDP's "Program Ujedinjenih nacija za razvoj");
      wrong        - not correct, and a label equals (normalised) the label of reference rows
                     that carry another QID or are marked NOT VERIFIED (the QID was invented);
      unconfirmed  - neither, but the QID is in the reference (e.g. the Council of Europe QID
                     on "Tim Saveta Evrope za Rome i Putnike");
      unchecked    - neither, and the QID is not in the reference (not judged).
    precision = correct / (correct + wrong + unconfirmed)."""
    out = {"correct": [], "wrong": [], "unconfirmed": [], "unchecked": []}
    for s, qids in sorted(g.qids.items()):
        names = g.names(s)
        rows = ref.rows_for(names)
        allowed = {ref.rows[i].qid for i in rows if ref.rows[i].qid}
        for q in qids:
            entry = {"entity": s, "label": g.display(s), "qid": q}
            if q in allowed or any(name_score(names, ref.variants[i]) is not None for i in ref.by_qid.get(q, [])):
                out["correct"].append(entry)
            elif rows:
                entry["reference"] = [f"{ref.rows[i].qid or 'NOT VERIFIED'} {ref.rows[i].label}" for i in rows]
                out["wrong"].append(entry)
            elif q in ref.qids:
                out["unconfirmed"].append(entry)
            else:
                out["unchecked"].append(entry)
    judged = len(out["correct"]) + len(out["wrong"]) + len(out["unconfirmed"])
    return {"links": sum(len(v) for v in out.values()), **{k + "_count": len(v) for k, v in out.items()},
            "precision": ratio(len(out["correct"]), judged), **out}


def score_provenance(g: SystemGraph, texts: dict[str, str]) -> dict:
    """(a) exact: share of evidence mentions whose oa:exact equals text[oa:start:oa:end] (code
    points of the UTF-8 text as stored). Strict: when a mention has several selectors, every
    (start, end) slice must equal an oa:exact and every oa:exact must be such a slice. A mention
    whose source text is not in TEXTS_DIR is not counted; one without source, position or quote
    counts as a failure.
    (b) evidence: share of Actor/Program/Agreement/Outcome/Event/Participation resources with at
    least one rikg:evidence."""
    status_counts: dict[str, int] = defaultdict(int)
    per_doc: dict[str, dict[str, int]] = defaultdict(lambda: {"ok": 0, "checked": 0})
    bad: list[dict] = []
    for m_node in sorted(g.mentions):
        m = g.mentions[m_node]
        docs_with_text = [d for d in m.docs if d in texts]
        if m.docs and not docs_with_text:
            status_counts["no_text"] += 1
            continue
        if not m.docs:
            status = "no_source"
        elif not m.positions or not m.exacts:
            status = "missing_selector"
        else:
            text = texts[docs_with_text[0]]
            if not all(0 <= a <= b <= len(text) for a, b in m.positions):
                status = "out_of_range"
            elif {text[a:b] for a, b in m.positions} == set(m.exacts):
                status = "ok"
            else:
                status = "mismatch"
        status_counts[status] += 1
        doc = docs_with_text[0] if docs_with_text else "(no source)"
        per_doc[doc]["checked"] += 1
        per_doc[doc]["ok"] += status == "ok"
        if status != "ok" and len(bad) < 200:
            entry = {"mention": m_node, "status": status, "doc": doc, "positions": m.positions, "exact": m.exacts[:1]}
            if status == "mismatch":
                a, b = m.positions[0]
                entry["text_at_offsets"] = texts[doc][a:b] if 0 <= a <= b <= len(texts[doc]) else None
            bad.append(entry)
    checked = sum(v for k, v in status_counts.items() if k != "no_text")

    classes, with_ev_all, total_all = {}, set(), set()
    for c in EVIDENCE_REQUIRED:
        inst = g.instances.get(c, [])
        have = [s for s in inst if g.evidence.get(s)]
        classes[local(c)] = {"total": len(inst), "with_evidence": len(have)}
        total_all |= set(inst)
        with_ev_all |= set(have)
    return {
        "mentions": len(g.mentions), "checked": checked, "ok": status_counts.get("ok", 0),
        "status": dict(sorted(status_counts.items())),
        "exact": ratio(status_counts.get("ok", 0), checked),
        "per_doc": {d: {**v, "exact": ratio(v["ok"], v["checked"])} for d, v in sorted(per_doc.items())},
        "evidence": ratio(len(with_ev_all), len(total_all)),
        "evidence_by_class": classes,
        "failures": bad,
    }


def score_coverage(g: SystemGraph) -> dict:
    """Resources per class, and how many have rdfs:label in both @sr-Latn and @sr-Cyrl (and
    @en). bilingual = share of Actor/Place/Program resources with both Serbian labels."""
    def langs(s: str) -> set[str]:
        return {lit.lang for lit in g.literals(s, RDFS_LABEL)}

    per_class = {}
    for c in COVERAGE_CLASSES:
        inst = g.instances.get(c, [])
        both = sum(1 for s in inst if {"sr-latn", "sr-cyrl"} <= langs(s))
        en = sum(1 for s in inst if "en" in langs(s))
        per_class[local(c)] = {"count": len(inst), "sr_latn_and_cyrl": both, "en": en}
    pool = sorted({s for c in BILINGUAL_REQUIRED for s in g.instances.get(c, [])})
    both = sum(1 for s in pool if {"sr-latn", "sr-cyrl"} <= langs(s))
    return {"classes": per_class, "bilingual": ratio(both, len(pool)),
            "bilingual_of": len(pool), "triples": g.triples}

