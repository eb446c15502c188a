"""Self-description: the SPARQL 1.1 Service Description (GET /sparql without a query), the VoID/DCAT
dataset description (/.well-known/void) and whole-dataset dumps (/dump.<ext>, /export?format=).

The statistics (triples, classes, properties, named graphs) cost a few full scans, so they are
computed once per store generation (see Executor.generation) and cached; a write or a rebuilt store
makes the next request recompute them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import escape
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from rikg.endpoint import negotiation as neg
from rikg.endpoint.common import HttpError, error_response
from rikg.endpoint.executor import Executor, Job, QueryError
from rikg.endpoint.linked_data import compact, local_href
from rikg.vocab import ID_NS, PREFIXES, RIKG_NS

blueprint = Blueprint("service_description", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")

# W3C format IRIs (http://www.w3.org/ns/formats/) for what the endpoint produces and accepts
RESULT_FORMAT_IRIS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                      "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG"]
INPUT_FORMAT_IRIS = ["Turtle", "N-Triples", "RDF_XML", "JSON-LD", "N-Quads", "TriG"]
DUMPS = {"ttl": neg.TURTLE, "nt": neg.NTRIPLES, "nq": neg.NQUADS, "trig": neg.TRIG}
DESCRIPTION_FORMATS = (neg.TURTLE, neg.RDFXML, neg.JSONLD, neg.NTRIPLES)


@dataclass
class Statistics:
    triples: int = 0
    classes: list[tuple[str, int]] = field(default_factory=list)  # class IRI, distinct instances
    properties: list[tuple[str, int]] = field(default_factory=list)  # property IRI, triples
    graphs: list[tuple[str, int]] = field(default_factory=list)  # named graph IRI, triples
    subjects: int = 0
    complete: bool = True


class StatisticsCache:
    """Statistics of the union default graph, computed once per store generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation: object = None
        self._stats: Statistics | None = None

    def get(self, executor: Executor) -> Statistics:
        generation = executor.generation
        with self._lock:  # one computation at a time; waiting requests then reuse it
            if self._stats is None or generation != self._generation:
                self._stats = compute_statistics(executor)
                self._generation = generation
            return self._stats


def _int(binding: dict, name: str) -> int:
    try:
        return int(binding[name]["value"])
    except (KeyError, ValueError):
        return 0


def compute_statistics(executor: Executor) -> Statistics:
    # These scans may take longer than one query's timeout on a big store; allow more, but bounded.
    timeout = max(60.0, executor.timeout)
    stats = Statistics()
    try:
        row = executor.select("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s) WHERE { ?s ?p ?o }",
                              timeout=timeout)
        stats.triples, stats.subjects = _int(row[0], "n"), _int(row[0], "s")
        rows = executor.select("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c "
                               "ORDER BY DESC(?n) ?c", timeout=timeout)
        stats.classes = [(r["c"]["value"], _int(r, "n")) for r in rows if r.get("c", {}).get("type") == "uri"]
        rows = executor.select("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
                               timeout=timeout)
        stats.properties = [(r["p"]["value"], _int(r, "n")) for r in rows]
        rows = executor.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                               timeout=timeout)
        stats.graphs = [(r["g"]["value"], _int(r, "n")) for r in rows]
    except QueryError:
        stats.complete = False  # describe what we have rather than fail the description
    return stats


def statistics() -> Statistics:
    return current_app.extensions["rikg.statistics"].get(current_app.extensions["rikg.executor"])


def _count(n: int) -> Literal:
    return Literal(str(n), datatype=XSD_INTEGER)


def _void_statistics(node: NamedNode | BlankNode, stats: Statistics) -> Iterable[Triple]:
    """void:triples, class and property partitions of one dataset node."""
    yield Triple(node, NamedNode(VOID + "triples"), _count(stats.triples))
    yield Triple(node, NamedNode(VOID + "distinctSubjects"), _count(stats.subjects))
    yield Triple(node, NamedNode(VOID + "classes"), _count(len(stats.classes)))
    yield Triple(node, NamedNode(VOID + "properties"), _count(len(stats.properties)))
    for cls, n in stats.classes:
        part = BlankNode()
        yield Triple(node, NamedNode(VOID + "classPartition"), part)
        yield Triple(part, NamedNode(VOID + "class"), NamedNode(cls))
        yield Triple(part, NamedNode(VOID + "entities"), _count(n))
    for prop, n in stats.properties:
        part = BlankNode()
        yield Triple(node, NamedNode(VOID + "propertyPartition"), part)
        yield Triple(part, NamedNode(VOID + "property"), NamedNode(prop))
        yield Triple(part, NamedNode(VOID + "triples"), _count(n))


def _root() -> str:
    return request.host_url.rstrip("/")


def service_triples(stats: Statistics) -> list[Triple]:
    root = _root()
    endpoint = NamedNode(root + "/sparql")
    service = NamedNode(root + "/sparql#service")
    t: list[Triple] = [
        Triple(service, RDF_TYPE, NamedNode(SD + "Service")),
        Triple(service, NamedNode(SD + "endpoint"), endpoint),
        Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Query")),
        Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "UnionDefaultGraph")),
        Triple(service, NamedNode(SD + "feature"), NamedNode(SD + "BasicFederatedQuery")),
        Triple(service, NamedNode(DCT + "title"), Literal("Roma Inclusion Knowledge Graph (rikg) SPARQL endpoint")),
    ]
    if current_app.config["RIKG_ALLOW_UPDATES"]:
        t.append(Triple(service, NamedNode(SD + "supportedLanguage"), NamedNode(SD + "SPARQL11Update")))
        for f in INPUT_FORMAT_IRIS:
            t.append(Triple(service, NamedNode(SD + "inputFormat"), NamedNode(FORMATS_NS + f)))
    for f in RESULT_FORMAT_IRIS:
        t.append(Triple(service, NamedNode(SD + "resultFormat"), NamedNode(FORMATS_NS + f)))
    dataset = NamedNode(root + "/.well-known/void#dataset")
    default_graph = BlankNode()
    t += [
        Triple(service, NamedNode(SD + "defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, NamedNode(SD + "Dataset")),
        Triple(dataset, NamedNode(SD + "defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, NamedNode(SD + "Graph")),
    ]
    t += _void_statistics(default_graph, stats)
    for g, n in stats.graphs:
        named, graph = BlankNode(), BlankNode()
        t += [
            Triple(dataset, NamedNode(SD + "namedGraph"), named),
            Triple(named, RDF_TYPE, NamedNode(SD + "NamedGraph")),
            Triple(named, NamedNode(SD + "name"), NamedNode(g)),
            Triple(named, NamedNode(SD + "graph"), graph),
            Triple(graph, RDF_TYPE, NamedNode(SD + "Graph")),
            Triple(graph, NamedNode(VOID + "triples"), _count(n)),
        ]
    return t


def void_triples(stats: Statistics) -> list[Triple]:
    root = _root()
    ds = NamedNode(root + "/.well-known/void#dataset")
    t: list[Triple] = [
        Triple(ds, RDF_TYPE, NamedNode(VOID + "Dataset")),
        Triple(ds, RDF_TYPE, NamedNode(DCAT + "Dataset")),
        Triple(ds, NamedNode(DCT + "title"), Literal("Roma Inclusion Knowledge Graph", language="en")),
        Triple(ds, NamedNode(DCT + "description"), Literal(
            "Programs, actors, places, agreements, events and outcomes of Roma inclusion in Serbia, "
            "extracted from source texts with the evidence for every fact.", language="en")),
        Triple(ds, NamedNode(VOID + "sparqlEndpoint"), NamedNode(root + "/sparql")),
        Triple(ds, NamedNode(VOID + "uriSpace"), Literal(ID_NS)),
        Triple(ds, NamedNode(VOID + "vocabulary"), NamedNode(RIKG_NS)),
        Triple(ds, NamedNode(VOID + "rootResource"), NamedNode(root + "/")),
    ]
    t += _void_statistics(ds, stats)
    for ext, fmt in DUMPS.items():
        url = NamedNode(f"{root}/dump.{ext}")
        dist = NamedNode(f"{root}/dump.{ext}#distribution")
        t += [
            Triple(ds, NamedNode(VOID + "dataDump"), url),
            Triple(ds, NamedNode(DCAT + "distribution"), dist),
            Triple(dist, RDF_TYPE, NamedNode(DCAT + "Distribution")),
            Triple(dist, NamedNode(DCAT + "downloadURL"), url),
            Triple(dist, NamedNode(DCAT + "mediaType"), Literal(fmt.media_type)),
        ]
    service = NamedNode(root + "/sparql#service")
    t += [
        Triple(ds, NamedNode(DCAT + "distribution"), NamedNode(root + "/sparql#distribution")),
        Triple(NamedNode(root + "/sparql#distribution"), RDF_TYPE, NamedNode(DCAT + "Distribution")),
        Triple(NamedNode(root + "/sparql#distribution"), NamedNode(DCAT + "accessService"), service),
        Triple(NamedNode(root + "/sparql#distribution"), NamedNode(DCAT + "accessURL"), NamedNode(root + "/sparql")),
        Triple(service, RDF_TYPE, NamedNode(DCAT + "DataService")),
        Triple(service, NamedNode(DCAT + "endpointURL"), NamedNode(root + "/sparql")),
        Triple(service, NamedNode(DCAT + "servesDataset"), ds),
    ]
    for g, n in stats.graphs:
        t += [
            Triple(ds, NamedNode(VOID + "subset"), NamedNode(g)),
            Triple(NamedNode(g), RDF_TYPE, NamedNode(VOID + "Dataset")),
            Triple(NamedNode(g), NamedNode(VOID + "triples"), _count(n)),
        ]
    return t


def _rdf_response(triples: list[Triple], offers: tuple[neg.Format, ...]) -> Response:
    fmt = neg.choose(request.headers.get("Accept"), offers, request.args.getlist("format"))
    prefixes = {**PREFIXES, "sd": SD, "void": VOID, "dcat": DCAT, "dcterms": DCT, "formats": FORMATS_NS}
    body = serialize(triples, None, fmt.rdf, prefixes=prefixes if fmt is neg.TURTLE else None)
    return Response(body, content_type=fmt.content_type, headers={"Vary": "Accept"})


def service_description() -> Response:
    """GET /sparql without a query: RDF by Accept, or an HTML page for browsers."""
    offers = (*DESCRIPTION_FORMATS, neg.HTML)
    try:
        fmt = neg.choose(request.headers.get("Accept"), offers, request.args.getlist("format"))
    except neg.NotAcceptable as e:
        raise HttpError(406, str(e)) from None
    stats = statistics()
    if fmt is neg.HTML:
        return Response(_html(stats), content_type=neg.HTML.content_type, headers={"Vary": "Accept"})
    return _rdf_response(service_triples(stats), DESCRIPTION_FORMATS)


def _html(stats: Statistics) -> str:
    root = _root()
    classes = "".join(f"<tr><td>{escape(c)}</td><td>{n}</td></tr>" for c, n in stats.classes[:200])
    graphs = "".join(f"<tr><td>{escape(g)}</td><td>{n}</td></tr>" for g, n in stats.graphs[:200])
    dumps = " · ".join(f'<a href="/dump.{e}">{escape(f.media_type)}</a>' for e, f in DUMPS.items())
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>rikg SPARQL endpoint</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto}td{padding:0 1em}</style></head><body>"
        "<h1>rikg SPARQL endpoint</h1>"
        f"<p>SPARQL 1.1 endpoint: <code>{escape(root)}/sparql</code> (GET ?query=, POST form or "
        "application/sparql-query). A query naming no dataset sees the union of all graphs. "
        "Open the <a href='/'>query editor</a>, the <a href='/.well-known/void'>dataset description</a> "
        "or this description as <a href='/sparql?format=ttl'>Turtle</a>.</p>"
        f"<p>Results: JSON, XML, CSV, TSV; graphs: Turtle, N-Triples, RDF/XML, JSON-LD. Dumps: {dumps}.</p>"
        f"<p>{stats.triples} triples, {stats.subjects} subjects, {len(stats.graphs)} named graphs.</p>"
        f"<h2>Classes</h2><table><tr><th>class</th><th>instances</th></tr>{classes}</table>"
        f"<h2>Named graphs</h2><table><tr><th>graph</th><th>triples</th></tr>{graphs}</table>"
        "</body></html>"
    )


_LINKSETS = """SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/rikg/graph/links> {
  ?s a <http://rdfs.org/ns/void#Linkset> ; ?p ?o } }"""


def linkset_triples(dataset: NamedNode) -> list[Triple]:
    """The Wikidata void:Linkset that the build wrote, as a subset of this dataset."""
    ex: Executor = current_app.extensions["rikg.executor"]
    out: list[Triple] = []
    for row in ex.select(_LINKSETS):
        s = NamedNode(row["s"]["value"])
        o = row["o"]
        obj = NamedNode(o["value"]) if o["type"] == "uri" else Literal(
            o["value"], datatype=NamedNode(o["datatype"]) if "datatype" in o else None, language=o.get("xml:lang"))
        if Triple(dataset, NamedNode(VOID + "subset"), s) not in out:
            out.append(Triple(dataset, NamedNode(VOID + "subset"), s))
        out.append(Triple(s, NamedNode(row["p"]["value"]), obj))
    return out


@dataclass
class Row:
    """One line of the dataset page's tables: a term shown compactly, linked when this server has a page."""

    iri: str
    label: str
    href: str | None
    count: int


def _rows(pairs: list[tuple[str, int]], limit: int) -> list[Row]:
    return [Row(iri, compact(iri), local_href(iri), n) for iri, n in pairs[:limit]]


def _linksets(triples: list[Triple]) -> list[dict[str, object]]:
    """Each void:Linkset of linkset_triples() with its link count and target, for the HTML page."""
    found: dict[str, dict[str, object]] = {}
    for t in triples:
        if t.predicate == NamedNode(VOID + "subset"):
            found.setdefault(t.object.value, {"iri": t.object.value, "triples": None, "target": None})
    for t in triples:
        entry = found.get(t.subject.value)
        if entry is None:
            continue
        if t.predicate == NamedNode(VOID + "triples"):
            entry["triples"] = int(t.object.value)
        elif t.predicate == NamedNode(VOID + "objectsTarget"):
            entry["target"] = t.object.value
    return list(found.values())


def _void_html(stats: Statistics, linksets: list[Triple]) -> str:
    limit = 500  # a browser page, not a dump: the RDF description lists every partition
    return render_template(
        "ld/dataset.html", root=_root(), stats=stats, uri_space=ID_NS, vocabulary=RIKG_NS,
        formats=[(f.key, f.media_type) for f in DESCRIPTION_FORMATS],
        dumps=[(ext, f.media_type) for ext, f in DUMPS.items()], linksets=_linksets(linksets),
        classes=_rows(stats.classes, limit), properties=_rows(stats.properties, limit),
        graphs=_rows(stats.graphs, limit), limit=limit,
        truncated=max(len(stats.classes), len(stats.properties), len(stats.graphs)) > limit,
    )


@blueprint.get("/.well-known/void")
def void() -> Response:
    """The VoID/DCAT description: RDF by Accept (Turtle by default), or an HTML page for browsers."""
    try:
        fmt = neg.choose(request.headers.get("Accept"), (*DESCRIPTION_FORMATS, neg.HTML),
                         request.args.getlist("format"))
    except neg.NotAcceptable as e:
        return error_response(406, str(e))
    stats = statistics()
    linksets = linkset_triples(NamedNode(_root() + "/.well-known/void#dataset"))
    if fmt is neg.HTML:
        return Response(_void_html(stats, linksets), content_type=neg.HTML.content_type, headers={"Vary": "Accept"})
    return _rdf_response(void_triples(stats) + linksets, DESCRIPTION_FORMATS)


def _dump(fmt: neg.Format, graph: str | None = None) -> Response:
    ex: Executor = current_app.extensions["rikg.executor"]
    try:
        stream = ex.stream(Job("dump", rdf_format=fmt.key, graph=graph), timeout=ex.stream_limit)
    except QueryError as e:
        return error_response(e.status, e.message)
    headers = {"Content-Disposition": f'attachment; filename="rikg.{fmt.key}"'}
    return Response(stream.body(), content_type=fmt.content_type, headers=headers,
                    direct_passthrough=not stream.complete)


@blueprint.get("/dump.<ext>")
def dump(ext: str) -> Response:
    fmt = DUMPS.get(ext)
    if fmt is None:
        return error_response(404, f"no dump format .{ext}; available: " + ", ".join(f".{e}" for e in DUMPS))
    return _dump(fmt)


@blueprint.get("/export")
def export() -> Response:
    """/export?format=ttl|nt|nq|trig[&graph=IRI]: the same dumps, with an optional single graph."""
    name = request.args.get("format", "trig")
    fmt = neg.by_name(name, DUMPS.values())
    if fmt is None:
        return error_response(400, f"unknown format {name!r}; available: " + ", ".join(DUMPS))
    return _dump(fmt, request.args.get("graph"))
