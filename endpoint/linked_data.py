"""Linked Data: https://w3id.org/rikg/id/<path> served at /id/<path>, and the ontology at /ontology.

Browsers get an HTML page; RDF clients get the resource's description (its own triples plus the
evidence mentions and their selectors) as Turtle, N-Triples or JSON-LD, by Accept or by suffix.
Everything is read through the app's query executor, so the union of all graphs is visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request

from rikg.vocab import ID_NS, PREFIXES, RIKG_NS

blueprint = Blueprint("linked_data", __name__, template_folder="templates")

ONTOLOGY_IRI = "https://w3id.org/rikg/ontology"
ONTOLOGY_GRAPH = "https://w3id.org/rikg/graph/ontology"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WIKIDATA = "http://www.wikidata.org/entity/"
DCT = "http://purl.org/dc/terms/"
# Facts listed on a page; a place can be the object of thousands of triples, and a page of that
# size helps nobody: the rest is one SPARQL query away.
FACT_LIMIT = 1000
# Characters of context shown on each side of a quote when no sentence boundary is near.
CONTEXT_MAX = 240

# Suffix and media type of each RDF format, in the order offered to content negotiation.
FORMATS: dict[str, str] = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}
LABEL_LANGS = ("sr-Latn", "en", "sr-Cyrl", "sr")  # preference order for a page title

Binding = dict[str, dict[str, str]]


def _executor() -> Any:
    return current_app.extensions["rikg.executor"]


def _prefixes() -> dict[str, str]:
    return current_app.config.get("RIKG_PREFIXES") or PREFIXES


def _iri(value: str) -> str:
    """An IRI as a SPARQL term; refuse characters that could break out of <...>."""
    if re.search(r'[\s<>"{}|\\^`]', value):
        abort(404)
    return f"<{value}>"


# ---------------------------------------------------------------- terms and labels


@dataclass
class Term:
    """One RDF term, ready for a template: what to show, where to link, and what it is."""

    kind: str  # uri | literal | bnode
    value: str
    label: str = ""
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    local: bool = False  # a link to a page of this server
    tooltip: str | None = None

    @property
    def is_uri(self) -> bool:
        return self.kind == "uri"


def local_href(iri: str) -> str | None:
    """Where this server shows an IRI, if it does: its /id/ page or the ontology documentation."""
    if iri.startswith(ID_NS):
        return "/id/" + iri[len(ID_NS):]
    if iri.startswith(RIKG_NS):
        return "/ontology#" + iri[len(RIKG_NS):]
    if iri == ONTOLOGY_IRI:
        return "/ontology"
    return None


def compact(iri: str) -> str:
    """prefix:local when a known prefix fits, else the full IRI."""
    best, name = "", iri
    for prefix, ns in _prefixes().items():
        if iri.startswith(ns) and len(ns) > len(best) and re.fullmatch(r"[\w.\-]*", iri[len(ns):]):
            best, name = ns, f"{prefix}:{iri[len(ns):]}"
    return name


def best_label(labels: Iterable[tuple[str, str | None]], prefs: tuple[str, ...] = LABEL_LANGS) -> str | None:
    """The label in the first preferred language present (instances: Serbian Latin first), else any."""
    by_lang: dict[str, str] = {}
    for text, lang in labels:
        by_lang.setdefault((lang or "").lower(), text)
    for lang in prefs:
        if lang.lower() in by_lang:
            return by_lang[lang.lower()]
    return next(iter(by_lang.values()), None)


def pretty_lang(tag: str | None) -> str | None:
    """BCP 47 case (sr-Latn, en-GB): the store keeps tags lowercased, readers expect the usual form."""
    if not tag:
        return tag
    parts = tag.split("-")
    return "-".join([parts[0].lower()] + [
        p.title() if len(p) == 4 else p.upper() if len(p) == 2 else p.lower() for p in parts[1:]
    ])


def make_term(b: dict[str, str], labels: dict[str, str] | None = None) -> Term:
    kind = b["type"]
    if kind == "typed-literal":  # old-style SPARQL JSON
        kind = "literal"
    value = b["value"]
    if kind == "uri":
        href = local_href(value)
        label = (labels or {}).get(value) or compact(value)
        return Term(kind, value, label, href or value, local=href is not None)
    if kind == "bnode":
        return Term(kind, value, "_:" + value)
    return Term(kind, value, value, lang=pretty_lang(b.get("xml:lang")), datatype=b.get("datatype"))


def predicate_term(b: dict[str, str], labels: dict[str, str]) -> Term:
    """Properties read best as prefixed names (rikg:implementedBy); their label becomes the tooltip."""
    term = make_term(b)
    if labels.get(b["value"]):
        term.tooltip = f"{labels[b['value']]} — {b['value']}"
    return term


def labels_for(iris: Iterable[str]) -> dict[str, str]:
    """Best labels of many IRIs in one query."""
    iris = sorted({i for i in iris if not re.search(r'[\s<>"{}|\\^`]', i)})
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    rows = _executor().select(
        f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} "
        f"?x <{RDFS_LABEL}>|<{SKOS}prefLabel> ?l }}"
    )
    grouped: dict[str, list[tuple[str, str | None]]] = {}
    for r in rows:
        grouped.setdefault(r["x"]["value"], []).append((r["l"]["value"], r["l"].get("xml:lang")))
    return {iri: best_label(ls) or "" for iri, ls in grouped.items()}


# ---------------------------------------------------------------- content negotiation


def wanted_format(suffix: str | None) -> str | None:
    """None for HTML, else a FORMATS key. A suffix wins over Accept."""
    if suffix:
        return suffix
    offers = ["text/html", *FORMATS.values()]
    best = request.accept_mimetypes.best_match(offers, default="text/html")
    # application/xhtml+xml and */* browsers should get HTML, which best_match gives for */*.
    return next((k for k, v in FORMATS.items() if v == best), None)


def rdf_response(data: bytes, fmt: str) -> Response:
    resp = Response(data, mimetype=FORMATS[fmt])
    resp.headers["Vary"] = "Accept"
    resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def split_suffix(path: str) -> tuple[str, str | None]:
    for suffix in FORMATS:
        if path.endswith("." + suffix):
            return path[: -len(suffix) - 1], suffix
    return path, None


# ---------------------------------------------------------------- resource pages


def describe_query(iri: str) -> str:
    """The resource's triples, its evidence mentions, and their selectors."""
    s = _iri(iri)
    ev = f"<{RIKG_NS}evidence>"
    sel = "<http://www.w3.org/ns/oa#hasSelector>"
    return (
        "CONSTRUCT { " + s + " ?p ?o . ?m ?mp ?mo . ?sel ?sp ?so } WHERE { "
        "{ " + s + " ?p ?o } UNION { " + s + f" {ev} ?m . ?m ?mp ?mo }} UNION "
        "{ " + s + f" {ev} ?m . ?m {sel} ?sel . ?sel ?sp ?so }} }}"
    )


def exists(iri: str) -> bool:
    s = _iri(iri)
    return bool(_executor().ask(f"ASK {{ {{ {s} ?p ?o }} UNION {{ ?x ?q {s} }} }}"))


@dataclass
class Fact:
    predicate: Term
    other: Term  # the object of an outgoing fact, the subject of an incoming one


@dataclass
class Mention:
    iri: str
    doc: Term
    before: str
    quote: str
    after: str
    rule: str | None
    start: int
    end: int


@dataclass
class Page:
    iri: str
    title: str
    labels: list[Term] = field(default_factory=list)
    types: list[Term] = field(default_factory=list)
    outgoing: list[Fact] = field(default_factory=list)
    incoming: list[Fact] = field(default_factory=list)
    incoming_capped: bool = False
    wikidata: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def _fact_rows(iri: str) -> tuple[list[Binding], list[Binding]]:
    s = _iri(iri)
    ex = _executor()
    out = ex.select(f"SELECT DISTINCT ?p ?o WHERE {{ {s} ?p ?o }} ORDER BY ?p ?o LIMIT {FACT_LIMIT}")
    inc = ex.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {s} }} ORDER BY ?p ?s LIMIT {FACT_LIMIT + 1}")
    return out, inc


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence (or a bounded window) containing text[start:end], split around the quote."""
    lo = max(0, start - CONTEXT_MAX)
    head = text[lo:start]
    # Sentence end: . ! ? followed by whitespace, or a blank line. Numbers like 13.11.2020. keep going.
    cuts = [m.end() for m in re.finditer(r"[.!?…]\s+(?=[A-ZА-ЯЂЈЉЊЋЏŠĐČĆŽ„\"«])|\n\s*\n", head)]
    if cuts:
        head = head[cuts[-1]:]
    elif lo > 0:
        head = "…" + head.split(" ", 1)[-1]
    hi = min(len(text), end + CONTEXT_MAX)
    tail = text[end:hi]
    m = re.search(r"[.!?…](?=\s+[A-ZА-ЯЂЈЉЊЋЏŠĐČĆŽ„\"«])|[.!?…]$|\n\s*\n", tail)
    if m:
        tail = tail[: m.end()]
    elif hi < len(text):
        tail = tail.rsplit(" ", 1)[0] + "…"
    return head.lstrip(), text[start:end], tail.rstrip()


def mentions_of(iri: str) -> list[Mention]:
    s = _iri(iri)
    rows = _executor().select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rikg: <" + RIKG_NS + "> "
        "SELECT ?m ?doc ?s ?e ?exact ?rule ?id WHERE { " + s + " rikg:evidence ?m . "
        "?m oa:hasSource ?doc . "
        "OPTIONAL { ?m oa:hasSelector ?pos . ?pos oa:start ?s ; oa:end ?e } "
        "OPTIONAL { ?m oa:hasSelector ?q . ?q oa:exact ?exact } "
        "OPTIONAL { ?m rikg:rule ?rule } OPTIONAL { ?doc <http://purl.org/dc/terms/identifier> ?id } "
        "} ORDER BY ?doc ?s"
    )
    texts = _doc_texts({r["doc"]["value"] for r in rows})
    seen: set[str] = set()
    result = []
    for r in rows:
        m = r["m"]["value"]
        if m in seen:
            continue
        seen.add(m)
        doc = r["doc"]["value"]
        text = texts.get(doc, "")
        exact = r.get("exact", {}).get("value", "")
        try:
            start, end = int(r["s"]["value"]), int(r["e"]["value"])
        except (KeyError, ValueError):
            start, end = -1, -1
        if 0 <= start <= end <= len(text):
            before, quote, after = sentence_around(text, start, end)
        else:
            before, quote, after = "", exact, ""
        doc_term = make_term(r["doc"])
        doc_term.label = r.get("id", {}).get("value") or doc_term.label
        result.append(Mention(m, doc_term, before, quote, after,
                              r.get("rule", {}).get("value"), start, end))
    return result


def _doc_texts(docs: set[str]) -> dict[str, str]:
    docs = {d for d in docs if not re.search(r'[\s<>"{}|\\^`]', d)}
    if not docs:
        return {}
    values = " ".join(f"<{d}>" for d in sorted(docs))
    rows = _executor().select(f"SELECT ?d ?t WHERE {{ VALUES ?d {{ {values} }} ?d <{RIKG_NS}text> ?t }}")
    return {r["d"]["value"]: r["t"]["value"] for r in rows}


def build_page(iri: str) -> Page:
    out, inc = _fact_rows(iri)
    iris = {iri}
    iris.update(r["p"]["value"] for r in out + inc)
    iris.update(r["o"]["value"] for r in out if r["o"]["type"] == "uri")
    iris.update(r["s"]["value"] for r in inc if r["s"]["type"] == "uri")
    labels = labels_for(iris)
    # Documents have no rdfs:label; their title or file name is the next best thing.
    fallback = next((r["o"]["value"] for key in (DCT + "title", DCT + "identifier")
                     for r in out if r["p"]["value"] == key), None)
    page = Page(iri, labels.get(iri) or fallback or iri.rsplit("/", 1)[-1])
    for r in out:
        p, o = r["p"]["value"], r["o"]
        if p == RDF_TYPE:
            page.types.append(make_term(o, labels))
        elif p == RDFS_LABEL:
            page.labels.append(make_term(o))
        elif p == RIKG_NS + "text":
            continue  # the full text has its own view on document pages
        else:
            if o["type"] == "uri" and o["value"].startswith(WIKIDATA):
                page.wikidata.append(o["value"])
            page.outgoing.append(Fact(predicate_term(r["p"], labels), make_term(o, labels)))
    page.incoming_capped = len(inc) > FACT_LIMIT
    page.incoming = [Fact(predicate_term(r["p"], labels), make_term(r["s"], labels))
                     for r in inc[:FACT_LIMIT]]
    page.labels.sort(key=lambda t: (LABEL_LANGS.index(t.lang) if t.lang in LABEL_LANGS else 9, t.value))
    page.mentions = mentions_of(iri)
    return page


# ---------------------------------------------------------------- source documents


@dataclass
class Segment:
    """A stretch of document text covered by the same set of mentions."""

    text: str
    start: int
    href: str | None = None
    title: str | None = None


def document_segments(doc: str, text: str) -> tuple[list[Segment], int]:
    """Cut the text at every mention boundary; a covered stretch links to its narrowest mention's entity.

    Mentions may overlap or nest (an organisation inside a program's name), so a flat list of
    segments rather than nested tags keeps the HTML valid and each highlight clickable.
    """
    rows = _executor().select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rikg: <" + RIKG_NS + "> "
        "SELECT DISTINCT ?m ?s ?e ?x WHERE { ?m oa:hasSource " + _iri(doc) + " ; oa:hasSelector ?pos . "
        "?pos oa:start ?s ; oa:end ?e . OPTIONAL { ?x rikg:evidence ?m } }"
    )
    spans: list[tuple[int, int, str | None]] = []
    for r in rows:
        try:
            s, e = int(r["s"]["value"]), int(r["e"]["value"])
        except ValueError:
            continue
        if 0 <= s < e <= len(text):
            spans.append((s, e, r.get("x", {}).get("value")))
    labels = labels_for(x for _, _, x in spans if x)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
        if not covering:
            segments.append(Segment(text[a:b], a))
            continue
        s, e, x = min(covering, key=lambda sp: (sp[1] - sp[0], sp[2] is None))
        names = sorted({labels.get(c[2], compact(c[2])) for c in covering if c[2]})
        segments.append(Segment(text[a:b], a, local_href(x) if x else None, "; ".join(names) or None))
    return segments, len({(s, e) for s, e, _ in spans})


# ---------------------------------------------------------------- routes


@blueprint.get("/id/<path:path>")
def resource(path: str) -> Response | str | tuple[str, int]:
    path, suffix = split_suffix(path)
    iri = ID_NS + path
    if suffix and exists(iri + "." + suffix):
        # A resource whose own name ends like a suffix is served as HTML under that name.
        iri, path, suffix = iri + "." + suffix, path + "." + suffix, None
    if not exists(iri):
        return not_found(iri)
    fmt = wanted_format(suffix)
    if fmt:
        return rdf_response(_executor().construct(describe_query(iri), fmt), fmt)
    page = build_page(iri)
    is_doc = any(t.value == RIKG_NS + "SourceDocument" for t in page.types)
    segments: list[Segment] = []
    span_count = 0
    if is_doc:
        texts = _doc_texts({iri})
        if iri in texts:
            segments, span_count = document_segments(iri, texts[iri])
    html = render_template(
        "ld/resource.html", page=page, path=path, formats=FORMATS, is_doc=is_doc,
        segments=segments, span_count=span_count, fact_limit=FACT_LIMIT,
    )
    resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp


def not_found(iri: str) -> tuple[str, int]:
    return render_template("ld/not_found.html", iri=iri), 404


# ---------------------------------------------------------------- ontology


@dataclass
class OntTerm:
    iri: str
    anchor: str
    name: str
    label: str
    definition: str | None
    kinds: list[str] = field(default_factory=list)
    links: dict[str, list[Term]] = field(default_factory=dict)  # subClassOf, domain, range, ...
    other_labels: list[Term] = field(default_factory=list)


ONT_KINDS = {
    "http://www.w3.org/2002/07/owl#Class": "class",
    "http://www.w3.org/2000/01/rdf-schema#Class": "class",
    "http://www.w3.org/2002/07/owl#ObjectProperty": "property",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "property",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "property",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "property",
    SKOS + "ConceptScheme": "scheme",
    SKOS + "Concept": "concept",
}
ONT_LINKS = {
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
    "http://www.w3.org/2002/07/owl#inverseOf": "inverse of",
    "http://www.w3.org/2002/07/owl#equivalentClass": "equivalent class",
    "http://www.w3.org/2002/07/owl#equivalentProperty": "equivalent property",
    SKOS + "broader": "broader",
    SKOS + "inScheme": "in scheme",
    SKOS + "topConceptOf": "top concept of",
    SKOS + "exactMatch": "exact match",
    SKOS + "closeMatch": "close match",
}
# Documentation is read by an international audience first; the Serbian labels are shown beside.
ONT_LANGS = ("en", "sr-Latn", "sr-Cyrl", "sr")
LABEL_PROPS = (RDFS_LABEL, SKOS + "prefLabel")
DEFINITIONS = (SKOS + "definition", "http://www.w3.org/2000/01/rdf-schema#comment",
               "http://purl.org/dc/terms/description")


def ontology_terms() -> tuple[dict[str, Any], dict[str, list[OntTerm]]]:
    rows = _executor().select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}")
    by_subject: dict[str, list[Binding]] = {}
    for r in rows:
        if r["s"]["type"] == "uri":
            by_subject.setdefault(r["s"]["value"], []).append(r)
    labels = {
        s: best_label(((r["o"]["value"], r["o"].get("xml:lang")) for r in rs
                       if r["p"]["value"] in LABEL_PROPS), ONT_LANGS) or ""
        for s, rs in by_subject.items()
    }
    titles = [(r["o"]["value"], r["o"].get("xml:lang")) for r in by_subject.get(ONTOLOGY_IRI, [])
              if r["p"]["value"] == DCT + "title"]
    header: dict[str, Any] = {"title": best_label(titles, ONT_LANGS) or labels.get(ONTOLOGY_IRI)
                              or "rikg ontology", "facts": []}
    groups: dict[str, list[OntTerm]] = {"class": [], "property": [], "scheme": [], "concept": [],
                                        "external": []}
    for s, rs in by_subject.items():
        if s == ONTOLOGY_IRI:
            header["facts"] = [Fact(make_term(r["p"], labels), make_term(r["o"], labels)) for r in rs
                               if r["p"]["value"] != RDF_TYPE]
            continue
        kinds = sorted({ONT_KINDS[r["o"]["value"]] for r in rs
                        if r["p"]["value"] == RDF_TYPE and r["o"]["value"] in ONT_KINDS})
        if not kinds:
            continue
        defs = [(r["o"]["value"], r["o"].get("xml:lang")) for r in rs if r["p"]["value"] in DEFINITIONS]
        anchor = s[len(RIKG_NS):] if s.startswith(RIKG_NS) else s
        term = OntTerm(s, anchor, compact(s), labels.get(s, ""), best_label(defs, ONT_LANGS), kinds)
        term.other_labels = sorted(
            (make_term(r["o"]) for r in rs if r["p"]["value"] in LABEL_PROPS
             and r["o"]["value"] != term.label),
            key=lambda t: t.lang or "")
        for r in rs:
            name = ONT_LINKS.get(r["p"]["value"])
            if name and r["o"]["type"] != "bnode":  # restrictions are for reasoners, not readers
                term.links.setdefault(name, []).append(make_term(r["o"], labels))
        # External classes and properties are declared only to align with them; list them apart.
        groups[kinds[0] if s.startswith(RIKG_NS) else "external"].append(term)
    for terms in groups.values():
        terms.sort(key=lambda t: t.name.lower())
    return header, groups


@blueprint.get("/ontology")
@blueprint.get("/ontology.<suffix>")
def ontology(suffix: str | None = None) -> Response | str:
    if suffix is not None and suffix not in FORMATS:
        abort(404)
    fmt = wanted_format(suffix)
    if fmt:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
        return rdf_response(_executor().construct(query, fmt), fmt)
    header, groups = ontology_terms()
    concepts_by_scheme: dict[str, list[OntTerm]] = {}
    for c in groups["concept"]:
        for key in ("in scheme", "top concept of"):
            for scheme in c.links.get(key, []):
                if c not in concepts_by_scheme.setdefault(scheme.value, []):
                    concepts_by_scheme[scheme.value].append(c)
    resp = Response(render_template("ld/ontology.html", header=header, groups=groups,
                                    concepts_by_scheme=concepts_by_scheme, formats=FORMATS),
                    mimetype="text/html")
    resp.headers["Vary"] = "Accept"
    return resp
