"""Metrics 1-8b for one gold document: actors, programs, roles, agreements, outcomes, events,
locations and Wikidata link recall.

From score_extraction.py 1.2 (../shared/tools), class DocScorer, unchanged. Each method's docstring
is the metric's definition (docs/gold-format.md, "How each metric is computed").
"""

from __future__ import annotations

import re

from rikg.evaluate.gold import GoldAgreement, GoldDoc, GoldItem, GoldOutcome, GoldProgram
from rikg.evaluate.graph import SystemGraph
from rikg.evaluate.matching import Counts, Matching, match_by_score
from rikg.evaluate.names import name_score, names_to_variants
from rikg.evaluate.reference import Reference
from rikg.evaluate.terms import (
    C_ACTOR,
    C_AGREEMENT,
    C_EVENT,
    C_OUTCOME,
    C_PLACE,
    C_PROGRAM,
    P_ABOUT,
    P_DATE,
    P_LOCATION,
    P_OUTCOME_OF,
    P_PARTY,
    P_SIGNED_ON,
    P_VALUE,
    ROLES,
)
from rikg.evaluate.values import norm_date, number_text, numbers_equal, to_number


class DocScorer:
    """Computes metrics 1-8 for one gold document against the system graph."""

    def __init__(self, gold: GoldDoc, graph: SystemGraph, reference: Reference | None) -> None:
        self.gold, self.g, self.ref, self.doc = gold, graph, reference, gold.doc
        self.results: dict[str, Counts] = {}
        self.details: dict[str, dict] = {}
        self._place_names: dict[str, frozenset[str]] = {}

    def run(self) -> None:
        self.actors = self.score_actors()
        self.programs = self.score_programs()
        self.score_roles()
        self.score_agreements()
        self.score_outcomes()
        self.score_events()
        self.score_locations()
        if self.ref:
            self.score_link_recall()

    # -- 1. actors ---------------------------------------------------------------------------
    def score_actors(self) -> Matching:
        """Gold actors (persons included) vs rikg:Actor resources with evidence in the document,
        matched by name (names_compatible), one-to-one."""
        nodes = self.g.in_doc(C_ACTOR, self.doc)
        names = {s: self.g.names(s, self.doc) for s in nodes}
        m = match_by_score(nodes, self.gold.actors, lambda s, a: name_score(names[s], a.variants),
                           self.g.display, lambda j: self.gold.actors[j].label)
        self.results["actors"], self.details["actors"] = m.counts, m.details
        return m

    # -- 2. programs -------------------------------------------------------------------------
    def score_programs(self) -> Matching:
        """Gold programs vs rikg:Program resources with evidence in the document, by name. A gold
        program with "descriptive_name": true (a name the annotator built) also matches a system
        program whose names do not match when both share at least one funder/implementer (either
        role, through the actor matching) and, if the gold program lists locations, at least one
        location (by place name). Name matches are preferred over such attribute matches, and
        among attribute matches the one sharing more funders/implementers and locations."""
        nodes = self.g.in_doc(C_PROGRAM, self.doc)
        names = {s: self.g.names(s, self.doc) for s in nodes}

        def score(s: str, p: GoldProgram) -> float | None:
            sc = name_score(names[s], p.variants)
            if sc is not None or not p.descriptive:
                return sc
            gold_actors = {a for r in ("funder", "implementer") for a in p.roles.get(r, []) if a is not None}
            sys_actors = {self.actors.sys_to_gold.get(a) for r in ("funder", "implementer")
                          for a in self.g.resources(s, ROLES[r][0])} - {None}
            shared_actors = len(gold_actors & sys_actors)
            sys_places = self.g.resources(s, P_LOCATION)
            shared_places = sum(1 for i in p.locations
                                if any(name_score(self.place_names(pl), self.gold.places[i].variants) is not None
                                       for pl in sys_places))
            if not shared_actors or (p.locations and not shared_places):
                return None
            return 20.0 + min(9, shared_actors + shared_places)   # below every name match (>= 50)

        m = match_by_score(nodes, self.gold.programs, score, self.g.display,
                           lambda j: self.gold.programs[j].label)
        self.results["programs"], self.details["programs"] = m.counts, m.details
        return m

    def _program_label(self, j: int | None) -> str:
        return self.gold.programs[j].label if j is not None and 0 <= j < len(self.gold.programs) else str(j)

    def place_names(self, place: str) -> frozenset[str]:
        if place not in self._place_names:
            self._place_names[place] = self.g.names(place, self.doc)
        return self._place_names[place]

    # -- 3. roles ----------------------------------------------------------------------------
    def _inherited(self, gp: int | None, role: str, ga: int | None, gold: dict) -> bool:
        """The gold gives this role to an ancestor program (part_of): repeating it on the
        sub-program is neither required nor wrong."""
        seen = set()
        while gp is not None and ga is not None and gp not in seen:
            seen.add(gp)
            gp = self.gold.programs[gp].parent
            if gp is not None and (gp, role, ga) in gold:
                return True
        return False

    def score_roles(self) -> None:
        """Gold (program, role, actor) triples from funders/implementers/partners vs system
        triples from rikg:fundedBy / rikg:implementedBy / rikg:partner on the document's programs,
        both ends mapped through the actor and program matchings. A system triple with an
        unmatched end is a false positive; one with an end that maps to an optional gold program
        or actor (and that is not itself a gold triple) is ignored. When Participations back a
        shortcut triple, the triple belongs to this document only if one of them has evidence
        here (so that a program merged across documents is not charged with roles stated
        elsewhere)."""
        gold: dict[tuple, bool] = {}       # (program, role, actor-or-ref) -> optional
        for j, p in enumerate(self.gold.programs):
            for role, actors in p.roles.items():
                for k, a in enumerate(actors):
                    end = a if a is not None else ("unresolved", p.role_refs[role][k])
                    opt = p.optional or (a is not None and self.gold.actors[a].optional)
                    gold[(j, role, end)] = gold.get((j, role, end), True) and opt
        c = Counts()
        details = {"matched": [], "missed": [], "spurious": [], "optional_matched": [], "ignored": []}
        hit = set()
        for s in self.g.in_doc(C_PROGRAM, self.doc):
            for role, (prop, _) in ROLES.items():
                for a in self.g.resources(s, prop):
                    pdocs = self.g.participation_docs(s, role, a)
                    if pdocs is not None and self.doc not in pdocs:
                        continue
                    label = [self.g.display(s), role, self.g.display(a)]
                    gp, ga = self.programs.sys_to_gold.get(s), self.actors.sys_to_gold.get(a)
                    if (gp, role, ga) in gold:
                        hit.add((gp, role, ga))
                        if gold[(gp, role, ga)]:
                            c.opt += 1
                            details["optional_matched"].append(label)
                        else:
                            c.tp += 1
                            details["matched"].append(label)
                    elif ((gp is not None and self.gold.programs[gp].optional)
                          or (ga is not None and self.gold.actors[ga].optional)
                          or self._inherited(gp, role, ga, gold)):
                        details["ignored"].append(label)
                    else:   # an unmatched end, or both ends matched but the triple is not gold
                        c.fp += 1
                        details["spurious"].append(label)
        for key, opt in sorted(gold.items(), key=lambda kv: str(kv[0])):
            if not opt and key not in hit:
                c.fn += 1
                j, role, end = key
                details["missed"].append([self.gold.programs[j].label, role,
                                          end[1] if isinstance(end, tuple) else self.gold.actors[end].label])
        self.results["roles"], self.details["roles"] = c, details

    # -- 4. agreements -----------------------------------------------------------------------
    KIND_WORDS = {"agreement": ("sporazum",), "protocol": ("protokol",), "memorandum": ("memorandum",),
                  "contract": ("ugovor",), "call": ("poziv", "konkurs", "tender")}

    def score_agreements(self) -> None:
        """rikg:Agreement resources with evidence in the document vs gold agreements. A pair
        matches when the dates agree (rikg:signedOn equals the gold date; a null gold date is
        ignored) and at least one rikg:party maps to a gold party; when the gold agreement has no
        parties, its kind (a Serbian keyword such as 'protokol' in the names, or an rdf:type local
        name other than Agreement) or its about-program (rikg:about) must match instead."""
        nodes = self.g.in_doc(C_AGREEMENT, self.doc)

        def score(s: str, ag: GoldAgreement) -> float | None:
            dates = {norm_date(lit.value) for lit in self.g.literals(s, P_SIGNED_ON)}
            if ag.date is not None and ag.date not in dates:
                return None
            parties = {self.actors.sys_to_gold.get(a) for a in self.g.resources(s, P_PARTY)} - {None}
            about = ag.about is not None and any(self.programs.sys_to_gold.get(p) == ag.about
                                                  for p in self.g.resources(s, P_ABOUT))
            if ag.parties:
                shared = parties & set(ag.parties)
                return 10.0 * len(shared) + (5.0 if about else 0.0) if shared else None
            return 1.0 if (about or self._kind_matches(s, ag.kind)) else None

        m = match_by_score(nodes, self.gold.agreements, score, self.g.display,
                           lambda j: self.gold.agreements[j].label)
        self.results["agreements"], self.details["agreements"] = m.counts, m.details

    def _kind_matches(self, s: str, kind: str | None) -> bool:
        if not kind:
            return False
        local_types = {re.split(r"[/#]", t)[-1].lower() for t in self.g.types.get(s, set())} - {"agreement"}
        if kind.lower() in local_types:
            return True
        words = {w for n in self.g.names(s, self.doc) for w in n.split()}
        return any(w.startswith(k) for k in self.KIND_WORDS.get(kind, ()) for w in words)

    # -- 5. outcomes -------------------------------------------------------------------------
    def score_outcomes(self) -> None:
        """rikg:Outcome resources with evidence in the document vs gold outcomes, matched one-to-one
        on numeric equality of rikg:value and the gold quantity (ties broken in favour of the
        right program). attribution = share of matched (required) outcomes whose rikg:outcomeOf
        maps to the gold outcome's program (gold outcomes without a program are left out)."""
        nodes = self.g.in_doc(C_OUTCOME, self.doc)
        values = {s: sorted({v for v in (to_number(lit.value) for lit in self.g.literals(s, P_VALUE)) if v is not None})
                  for s in nodes}

        def attributed(s: str, o: GoldOutcome) -> bool:
            return o.program is not None and any(self.programs.sys_to_gold.get(p) == o.program
                                                 for p in self.g.resources(s, P_OUTCOME_OF))

        def score(s: str, o: GoldOutcome) -> float | None:
            if not any(numbers_equal(v, o.quantity) for v in values[s]):
                return None
            return 2.0 if attributed(s, o) else 1.0

        m = match_by_score(nodes, self.gold.outcomes, score,
                           lambda s: f"{'/'.join(number_text(v) for v in values[s]) or '?'} {self.g.display(s)}"[:80],
                           lambda j: self.gold.outcomes[j].label)
        right = total = 0
        wrong: list[list[str]] = []
        for s, j in m.sys_to_gold.items():
            o = self.gold.outcomes[j]
            if not o.optional and o.program is not None:
                total += 1
                if attributed(s, o):
                    right += 1
                else:
                    given = sorted(self.g.display(p) for p in self.g.resources(s, P_OUTCOME_OF)) or ["(none)"]
                    gold_program = self._program_label(o.program)
                    wrong.append([o.label[:60], "system: " + "; ".join(given), "gold: " + gold_program])
        self.attribution = (right, total)
        m.details["attribution"] = {"right": right, "of": total}
        # Which matched outcomes went to another program (or none): what a reader fixes first.
        m.details["misattributed"] = wrong
        self.results["outcomes"], self.details["outcomes"] = m.counts, m.details

    # -- 6. events ---------------------------------------------------------------------------
    def score_events(self) -> None:
        """Dated gold events vs rikg:Event resources with evidence in the document and a rikg:date,
        matched one-to-one on date equality. Undated events on either side are not scored."""
        nodes = [s for s in self.g.in_doc(C_EVENT, self.doc) if self.g.literals(s, P_DATE)]
        gold = [e for e in self.gold.events if e.date]
        dates = {s: {norm_date(lit.value) for lit in self.g.literals(s, P_DATE)} for s in nodes}
        m = match_by_score(nodes, gold, lambda s, e: 1.0 if e.date in dates[s] else None,
                           lambda s: f"{'/'.join(sorted(dates[s]))} {self.g.display(s)}"[:80],
                           lambda j: f"{gold[j].date} {gold[j].label}"[:80])
        self.results["events"], self.details["events"] = m.counts, m.details

    # -- 7. locations ------------------------------------------------------------------------
    def score_locations(self) -> None:
        """For each required gold program matched to a system program: its gold locations vs the
        system program's rikg:location places (matched by name, one-to-one). Recall only: tp =
        gold locations found, fn = not found (system locations are not charged, since a program
        merged across documents legitimately carries places named elsewhere)."""
        c = Counts()
        details = {"missed": [], "matched": []}
        for j, s in sorted(self.programs.gold_to_sys.items()):
            p = self.gold.programs[j]
            if p.optional or not p.locations:
                continue
            places = self.g.resources(s, P_LOCATION)
            gold_places = [self.gold.places[i] for i in p.locations]
            sub = match_by_score(places, gold_places,
                                 lambda pl, gp: name_score(self.place_names(pl), gp.variants),
                                 self.g.display, lambda k, gps=gold_places: gps[k].label)
            c.tp += sub.counts.tp
            c.fn += sub.counts.fn
            details["matched"] += [[p.label, *pair] for pair in sub.details["matched"]]
            details["missed"] += [[p.label, x] for x in sub.details["missed"]]
        self.results["locations"], self.details["locations"] = c, details

    # -- 8b. Wikidata link recall --------------------------------------------------------------
    def score_link_recall(self) -> None:
        """Gold actors and places (required) whose canonical names find reference rows with a QID:
        found when the matched system actor (actor matching), or for places any system Place or
        Actor whose names match the place, carries one of those QIDs. A place whose QIDs are also
        those of a gold actor of the document (Crveni Krst, Niš) is counted once, as the actor."""
        expected_total = found = 0
        details = {"found": [], "missed": []}

        def expected_qids(item: GoldItem) -> set[str]:
            rows = self.ref.rows_for(names_to_variants(item.ref_names))
            return {self.ref.rows[i].qid for i in rows if self.ref.rows[i].qid}

        for j, a in enumerate(self.gold.actors):
            want = expected_qids(a)
            if a.optional or not want:
                continue
            expected_total += 1
            s = self.actors.gold_to_sys.get(j)
            ok = s is not None and bool(want & set(self.g.qids.get(s, [])))
            found += ok
            details["found" if ok else "missed"].append([a.label, sorted(want)])
        actor_qids = {q for a in self.gold.actors for q in expected_qids(a)}
        candidates = sorted(set(self.g.instances.get(C_PLACE, [])) | set(self.g.instances.get(C_ACTOR, [])))
        for pl in self.gold.places:
            want = expected_qids(pl)
            if pl.optional or not want or (want & actor_qids):
                continue
            expected_total += 1
            ok = any(want & set(self.g.qids.get(s, [])) for s in candidates
                     if s in self.g.qids and name_score(self.g.names(s), pl.variants) is not None)
            found += ok
            details["found" if ok else "missed"].append([pl.label, sorted(want)])
        self.link_recall = (found, expected_total)
        self.details["link_recall"] = details

