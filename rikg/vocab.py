"""IRIs of the vocabulary. rikg: terms come from ontology/rikg.ttl, the single source of truth.

Asking for a rikg: term that the ontology does not declare raises AttributeError, so a typo or an
undeclared term fails at once instead of writing a stray IRI into the graph.
"""

from __future__ import annotations

from functools import cache

from pyoxigraph import NamedNode, RdfFormat, parse

from rikg.paths import ONTOLOGY_FILE

RIKG_NS = "https://w3id.org/rikg/ontology#"
ID_NS = "https://w3id.org/rikg/id/"
GRAPH_NS = "https://w3id.org/rikg/graph/"
WD_NS = "http://www.wikidata.org/entity/"


@cache
def declared_terms() -> frozenset[str]:
    """Local names of every rikg: IRI that appears as a subject in the ontology."""
    with open(ONTOLOGY_FILE, "rb") as f:
        triples = parse(f, RdfFormat.TURTLE, base_iri=RIKG_NS.rstrip("#"))
        return frozenset(
            t.subject.value[len(RIKG_NS):]
            for t in triples
            if isinstance(t.subject, NamedNode) and t.subject.value.startswith(RIKG_NS)
        )


class _Namespace:
    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return NamedNode(self._base + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._base + name)

    @property
    def base(self) -> str:
        return self._base


class _OntologyNamespace(_Namespace):
    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> NamedNode:
        if name not in declared_terms():
            raise AttributeError(f"rikg:{name} is not declared in {ONTOLOGY_FILE}")
        return NamedNode(self._base + name)


RIKG = _OntologyNamespace(RIKG_NS)
ID = _Namespace(ID_NS)
GRAPH = _Namespace(GRAPH_NS)
WD = _Namespace(WD_NS)
RDF = _Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = _Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = _Namespace("http://www.w3.org/2002/07/owl#")
XSD = _Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = _Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = _Namespace("http://purl.org/dc/terms/")
OA = _Namespace("http://www.w3.org/ns/oa#")
PROV = _Namespace("http://www.w3.org/ns/prov#")
VOID = _Namespace("http://rdfs.org/ns/void#")
DCAT = _Namespace("http://www.w3.org/ns/dcat#")
SD = _Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = _Namespace("http://schema.org/")
FOAF = _Namespace("http://xmlns.com/foaf/0.1/")

ONTOLOGY_GRAPH = NamedNode(GRAPH_NS + "ontology")
REFERENCE_GRAPH = NamedNode(GRAPH_NS + "reference")
ENTITIES_GRAPH = NamedNode(GRAPH_NS + "entities")

PREFIXES: dict[str, str] = {
    "rikg": RIKG_NS,
    "id": ID_NS,
    "wd": WD_NS,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "skos": SKOS.base,
    "dcterms": DCTERMS.base,
    "oa": OA.base,
    "prov": PROV.base,
    "void": VOID.base,
    "dcat": DCAT.base,
    "schema": SCHEMA.base,
}


def document_graph(doc_id: str) -> NamedNode:
    """The named graph that holds the facts of one source document."""
    return NamedNode(f"{GRAPH_NS}doc/{doc_id}")


def sparql_prefix_block() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
