"""Stage 7: facts to RDF quads. One named graph per source document; entity descriptions in their own.

Every Actor, Program, Agreement, Outcome, Event and Participation gets `rikg:evidence` mentions whose
offsets count code points of the file as stored, so `oa:exact` always equals the text between them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from rikg.loaders.facts import Agreement, DocumentFacts, Entity, Event, Outcome, Relation, Span
from rikg.loaders.normalise import Normalised, fold, lat_to_cyr
from rikg.loaders.read import SourceText
from rikg.loaders.resolve import Candidate
from rikg.vocab import DCTERMS, ENTITIES_GRAPH, ID_NS, OA, RDF, RDFS, RIKG, SKOS, XSD, document_graph

_CLASS = {
    "place": "Place",
    "lsg": "LocalSelfGovernment",
    "org": "Organization",
    "person": "Person",
    "program": "Program",
}
_PLACE_CLASS = {
    "city": "Municipality",
    "municipality": "Municipality",
    "city_municipality": "Municipality",
    "country": "Country",
    "region": "Region",
    "district": "Region",
    "settlement": "Settlement",
}
_ORG_KIND = {
    "city": "KindCity",
    "municipality": "KindMunicipality",
    "city_municipality": "KindCityMunicipality",
    "ministry": "KindMinistry",
    "government_body": "KindGovernmentBody",
    "international_org": "KindInternationalOrganization",
    "donor_agency": "KindDonorAgency",
    "ngo": "KindNGO",
    "association": "KindAssociation",
    "cooperative": "KindCooperative",
    "company": "KindCompany",
    "public_utility": "KindPublicUtility",
    "school": "KindSchool",
    "media": "KindMedia",
    "other": "KindOther",
}
_ROLE_SHORTCUT = {
    "Funder": "fundedBy",
    "Implementer": "implementedBy",
    "Partner": "partner",
    "Organizer": "organizedBy",
    "Participant": "participant",
}


def slug(text: str) -> str:
    return "-".join(fold(text).split())[:80] or "x"


def entity_iri(ent: Entity) -> NamedNode:
    kind, _, rest = ent.key.partition(":")
    if kind in ("place", "org") and not rest.count(" ") and rest.replace("-", "").isascii() and rest.islower():
        return NamedNode(f"{ID_NS}{kind}/{rest}")
    if kind == "lsg":
        return NamedNode(f"{ID_NS}lsg/{rest}")
    folder = {"org": "org", "person": "person", "program": "program", "place": "place"}[kind]
    return NamedNode(f"{ID_NS}{folder}/{slug(ent.name)}")


def doc_iri(source: SourceText) -> NamedNode:
    return NamedNode(f"{ID_NS}doc/{source.stem}")


def _lang_of(text: str) -> str:
    cyr = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    return "sr-Cyrl" if cyr > len(text) / 4 else "sr-Latn"


def _date_literal(value: str) -> Literal:
    dtype = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}[len(value)]
    return Literal(value, datatype=dtype)


def _number(value: float) -> Literal:
    if float(value).is_integer():
        return Literal(str(int(value)), datatype=XSD.integer)
    return Literal(repr(value), datatype=XSD.decimal)


class DocumentWriter:
    """Writes the quads of one document; evidence mentions are minted once per span."""

    def __init__(self, source: SourceText, norm: Normalised, iris: dict[str, NamedNode]) -> None:
        self.source = source
        self.norm = norm
        self.iris = iris
        self.graph = document_graph(source.stem)
        self.doc = doc_iri(source)
        self.quads: list[Quad] = []
        self._minted: set[str] = set()

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def evidence(self, subject: NamedNode, span: Span) -> None:
        s, e = self.norm.span(span.start, span.end)
        quote = self.source.text[s:e]
        m = NamedNode(f"{self.doc.value}/m/{s}-{e}")
        if m.value not in self._minted:
            self._minted.add(m.value)
            pos, q = NamedNode(m.value + "/pos"), NamedNode(m.value + "/quote")
            self.add(m, RDF.type, RIKG.Mention)
            self.add(m, OA.hasSource, self.doc)
            self.add(m, OA.hasSelector, pos)
            self.add(m, OA.hasSelector, q)
            self.add(pos, RDF.type, OA.TextPositionSelector)
            self.add(pos, OA.start, Literal(str(s), datatype=XSD.nonNegativeInteger))
            self.add(pos, OA.end, Literal(str(e), datatype=XSD.nonNegativeInteger))
            self.add(q, RDF.type, OA.TextQuoteSelector)
            self.add(q, OA.exact, Literal(quote))
        self.add(m, RIKG.rule, Literal(span.rule))
        self.add(subject, RIKG.evidence, m)

    def surface(self, span_start: int, span_end: int) -> str:
        s, e = self.norm.span(span_start, span_end)
        return " ".join(self.source.text[s:e].split())


def document_quads(
    source: SourceText, norm: Normalised, facts: DocumentFacts, iris: dict[str, NamedNode]
) -> list[Quad]:
    w = DocumentWriter(source, norm, iris)
    _document(w, facts)
    for key, ent in facts.entities.items():
        node = iris[key]
        for m in ent.mentions:
            w.evidence(node, m.span)
            surface = w.surface(m.start, m.end)
            w.add(node, SKOS.altLabel, Literal(surface, language=_lang_of(surface)))
            if m.info.get("short_span"):
                # "IPA 2015 „EU podrška ...“": the quoted name alone is also how the program is called
                short = w.surface(*map(int, m.info["short_span"].split()))
                w.add(node, SKOS.altLabel, Literal(short, language=_lang_of(short)))
        if ent.kind == "person" and ent.info.get("position"):
            w.add(node, RIKG.position, Literal(ent.info["position"], language="sr-Latn"))
    for rel in facts.relations:
        _relation(w, rel)
    for d in facts.dates:
        node = iris[d.program]
        w.add(node, RIKG.startDate if d.which == "start" else RIKG.endDate, _date_literal(d.value))
        w.evidence(node, d.evidence)
    for ag in facts.agreements:
        _agreement(w, ag)
    outcome_nodes = [NamedNode(f"{ID_NS}outcome/{source.stem}-{o.evidence.start}") for o in facts.outcomes]
    for o, node in zip(facts.outcomes, outcome_nodes, strict=True):
        _outcome(w, o, node, outcome_nodes)
    for ev in facts.events:
        _event(w, ev)
    return w.quads


def _document(w: DocumentWriter, facts: DocumentFacts) -> None:
    src = w.source
    d = w.doc
    w.add(d, RDF.type, RIKG.SourceDocument)
    w.add(d, DCTERMS.identifier, Literal(src.doc_id))
    w.add(d, RIKG.text, Literal(src.text))
    w.add(d, RIKG.sha256, Literal(src.sha256))
    w.add(d, RIKG.script, Literal(src.script))
    title = next((ln.strip() for ln in src.text.splitlines() if ln.strip()), src.doc_id)
    w.add(d, DCTERMS.title, Literal(title[:200], language=_lang_of(title)))
    w.add(d, RDFS.label, Literal(src.doc_id))
    if facts.publication_date:
        w.add(d, RIKG.publicationDate, _date_literal(facts.publication_date))
    if src.metadata.get("publisher"):
        w.add(d, DCTERMS.publisher, Literal(src.metadata["publisher"]))
    if src.metadata.get("url"):
        w.add(d, DCTERMS.source, Literal(src.metadata["url"]))


def _relation(w: DocumentWriter, rel: Relation) -> None:
    s, o = w.iris[rel.subject], w.iris[rel.object]
    if rel.predicate in _ROLE_SHORTCUT:
        shortcut = _ROLE_SHORTCUT[rel.predicate]
        agent = o.value[len(ID_NS) :].replace("/", "-")  # "org-x" and "lsg-x" stay apart
        part = NamedNode(f"{ID_NS}participation/{s.value.rsplit('/', 1)[-1]}--{rel.predicate.lower()}--{agent}")
        w.add(part, RDF.type, RIKG.Participation)
        w.add(part, RIKG.agent, o)
        w.add(part, RIKG.role, RIKG[rel.predicate])
        w.add(s, RIKG.participation, part)
        w.add(s, RIKG[shortcut], o)
        w.evidence(part, rel.evidence)
    elif rel.predicate == "partOf":
        w.add(s, RIKG.partOf, o)
        w.evidence(s, rel.evidence)
    elif rel.predicate == "location":
        w.add(s, RIKG.location, o)
    elif rel.predicate == "affiliation":
        w.add(s, RIKG.affiliation, o)
        w.evidence(s, rel.evidence)


def _agreement(w: DocumentWriter, ag: Agreement) -> None:
    s, _ = w.norm.span(ag.evidence.start, ag.evidence.end)
    node = NamedNode(f"{ID_NS}agreement/{w.source.stem}-{s}")
    w.add(node, RDF.type, RIKG.Agreement)
    w.add(node, RIKG.agreementKind, RIKG[ag.kind])
    name = ag.name or w.surface(ag.evidence.start, ag.evidence.end)
    w.add(node, RDFS.label, Literal(name, language="sr-Latn"))
    w.add(node, RDFS.label, Literal(lat_to_cyr(name), language="sr-Cyrl"))
    for p in ag.parties:
        w.add(node, RIKG.party, w.iris[p])
    if ag.date:
        w.add(node, RIKG.signedOn, _date_literal(ag.date))
    if ag.place and ag.place in w.iris:
        w.add(node, RIKG.signedIn, w.iris[ag.place])
    if ag.about:
        w.add(node, RIKG.about, w.iris[ag.about])
    w.evidence(node, ag.evidence)


def _outcome(w: DocumentWriter, o: Outcome, node: NamedNode, all_nodes: list[NamedNode]) -> None:
    w.add(node, RDF.type, RIKG.Outcome)
    w.add(node, RIKG.value, _number(o.value))
    w.add(node, RIKG.indicator, RIKG[o.indicator])
    w.add(node, RIKG.unit, Literal(o.unit))
    w.add(node, RIKG.qualifier, RIKG[o.qualifier])
    w.add(node, RDFS.label, Literal(" ".join(w.surface(o.evidence.start, o.evidence.end).split())))
    if o.currency:
        w.add(node, RIKG.currency, Literal(o.currency))
    if o.program:
        w.add(node, RIKG.outcomeOf, w.iris[o.program])
    if o.place and o.place in w.iris:
        w.add(node, RIKG.place, w.iris[o.place])
    if o.sub_count_of is not None:
        w.add(node, RIKG.subCountOf, all_nodes[o.sub_count_of])
    if o.start_date:
        w.add(node, RIKG.startDate, _date_literal(o.start_date))
    if o.end_date:
        w.add(node, RIKG.endDate, _date_literal(o.end_date))
    w.evidence(node, o.evidence)


def _event(w: DocumentWriter, ev: Event) -> None:
    s, _ = w.norm.span(ev.evidence.start, ev.evidence.end)
    node = NamedNode(f"{ID_NS}event/{w.source.stem}-{s}")
    w.add(node, RDF.type, RIKG.Event)
    w.add(node, RIKG.eventKind, RIKG[ev.kind])
    w.add(node, RDFS.label, Literal(w.surface(ev.evidence.start, ev.evidence.end)))
    if ev.date:
        w.add(node, RIKG.date, _date_literal(ev.date))
    if ev.place and ev.place in w.iris:
        w.add(node, RIKG.location, w.iris[ev.place])
    if ev.program:
        w.add(node, RIKG.about, w.iris[ev.program])
    for a in ev.organizers:
        w.add(node, RIKG.organizedBy, w.iris[a])
    for a in ev.participants:
        w.add(node, RIKG.participant, w.iris[a])
    w.evidence(node, ev.evidence)


def entity_quads(
    entities: dict[str, Entity], iris: dict[str, NamedNode], candidates: list[Candidate], parents: dict[str, str]
) -> Iterator[Quad]:
    """Types (with every superclass, since Oxigraph does no reasoning) and labels. Wikidata links come from
    rikg/links.py, which checks them against the reference data and the curated file."""
    g = ENTITIES_GRAPH
    for key, ent in sorted(entities.items()):
        node = iris[key]
        for cls in _classes(ent):
            yield Quad(node, RDF.type, RIKG[cls], g)
        yield Quad(node, RDFS.label, Literal(ent.name, language="sr-Latn"), g)
        yield Quad(node, RDFS.label, Literal(ent.cyrillic or lat_to_cyr(ent.name), language="sr-Cyrl"), g)
        if ent.english:
            yield Quad(node, RDFS.label, Literal(ent.english, language="en"), g)
        if ent.kind in ("org", "lsg") and ent.subtype in _ORG_KIND:
            yield Quad(node, RIKG.organizationKind, RIKG[_ORG_KIND[ent.subtype]], g)
        if ent.kind == "lsg" and ent.place_key and ent.place_key in iris:
            yield Quad(node, RIKG.jurisdiction, iris[ent.place_key], g)
        if ent.kind == "place" and parents.get(key) in iris:
            yield Quad(node, RIKG.locatedIn, iris[parents[key]], g)
    for c in candidates:
        cand = NamedNode(f"{ID_NS}candidate/" + hashlib.sha1(f"{c.a}|{c.b}".encode()).hexdigest()[:16])
        yield Quad(cand, RDF.type, RIKG.ResolutionCandidate, g)
        yield Quad(cand, RIKG.candidate, iris[c.b], g)
        yield Quad(cand, RIKG.candidateFor, iris[c.a], g)
        yield Quad(cand, RIKG.confidence, Literal(f"{c.confidence:.2f}", datatype=XSD.decimal), g)
        yield Quad(cand, RDFS.comment, Literal(c.reason, language="en"), g)


def _classes(ent: Entity) -> list[str]:
    if ent.kind == "place":
        sub = _PLACE_CLASS.get(ent.subtype)
        return ["Place"] + ([sub] if sub else [])
    if ent.kind == "lsg":
        return ["Actor", "Organization", "LocalSelfGovernment"]
    if ent.kind == "org":
        return ["Actor", "Organization"]
    if ent.kind == "person":
        return ["Actor", "Person"]
    sub = ent.subtype if ent.subtype in ("Project", "Call", "Initiative", "Component", "Phase") else None
    return ["Program"] + ([sub] if sub else [])
