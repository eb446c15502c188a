"""description.ttl of a release: DCAT dataset and distributions (byte size, SHA-256), VoID statistics and the
Wikidata linkset, licence, version, issue date, and PROV-O provenance (the activity, the rikg version, each
source text with its SHA-256).

The VoID statistics and the linkset are the endpoint's own (endpoint/service_description.py), computed with
the same queries; only the dataset node differs (the release's IRI instead of the server's /.well-known/void).
Blank nodes (VoID partitions) are replaced by IRIs under the release, numbered in the statistics' sorted
order, so the file is byte-identical for the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store, Triple, serialize

from rikg.vocab import DCAT, DCTERMS, ID_NS, PREFIXES, PROV, RDF, RDFS, RIKG, RIKG_NS, VOID, XSD

SPDX = "http://spdx.org/rdf/terms#"
RELEASE_NS = "https://w3id.org/rikg/release/"
IANA = "https://www.iana.org/assignments/media-types/"
DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/"

# file suffix -> media type (IANA); gzip copies add dcat:compressFormat
MEDIA_TYPES = {
    ".nq": "application/n-quads", ".trig": "application/trig", ".ttl": "text/turtle",
    ".jsonld": "application/ld+json", ".csv": "text/csv", ".json": "application/csvm+json",
    ".html": "text/html", ".md": "text/markdown", ".cff": "application/x-yaml",
}


@dataclass(frozen=True)
class FileInfo:
    path: str  # relative to the release folder, with "/"
    size: int
    sha256: str


def file_info(root: Path, path: Path) -> FileInfo:
    data = path.read_bytes()
    return FileInfo(path.relative_to(root).as_posix(), len(data), hashlib.sha256(data).hexdigest())


def _int(n: int, datatype: NamedNode = XSD.integer) -> Literal:
    return Literal(str(n), datatype=datatype)


def _distribution(ds: NamedNode, f: FileInfo) -> list[Triple]:
    dist = NamedNode(f"{ds.value}/{f.path}")
    checksum = NamedNode(f"{dist.value}#sha256")
    plain = f.path.removesuffix(".gz")
    media = MEDIA_TYPES.get(Path(plain).suffix, "application/octet-stream")
    t = [
        Triple(ds, DCAT.distribution, dist),
        Triple(dist, RDF.type, DCAT.Distribution),
        Triple(dist, DCTERMS.identifier, Literal(f.path)),
        Triple(dist, DCAT.downloadURL, dist),
        Triple(dist, DCAT.mediaType, NamedNode(IANA + media)),
        Triple(dist, DCAT.byteSize, _int(f.size, XSD.nonNegativeInteger)),
        Triple(dist, NamedNode(SPDX + "checksum"), checksum),
        Triple(checksum, RDF.type, NamedNode(SPDX + "Checksum")),
        Triple(checksum, NamedNode(SPDX + "algorithm"), NamedNode(SPDX + "checksumAlgorithm_sha256")),
        Triple(checksum, NamedNode(SPDX + "checksumValue"), Literal(f.sha256, datatype=XSD.hexBinary)),
    ]
    if f.path.endswith(".gz"):
        t.append(Triple(dist, DCAT.compressFormat, NamedNode(IANA + "application/gzip")))
    return t


def _skolemize(triples: Iterable[Triple], base: str) -> list[Triple]:
    """Blank nodes -> <base#part-N>, N in order of first appearance (the statistics are sorted)."""
    names: dict[BlankNode, NamedNode] = {}

    def name(term):  # noqa: ANN001, ANN202 - any RDF term
        if isinstance(term, BlankNode):
            return names.setdefault(term, NamedNode(f"{base}#part-{len(names) + 1}"))
        return term

    return [Triple(name(t.subject), t.predicate, name(t.object)) for t in triples]


def _sources(store: Store, activity: NamedNode) -> list[Triple]:
    """prov:used each source text, with its file name and SHA-256 (as the build recorded them)."""
    t: list[Triple] = []
    for doc in sorted({q.subject.value for q in store.quads_for_pattern(None, RDF.type, RIKG.SourceDocument, None)}):
        node = NamedNode(doc)
        t += [Triple(activity, PROV.used, node), Triple(node, RDF.type, PROV.Entity)]
        for prop in (DCTERMS.identifier, RIKG.sha256, RIKG.publicationDate):
            for q in sorted(store.quads_for_pattern(node, prop, None, None), key=lambda q: str(q.object)):
                t.append(Triple(node, prop, q.object))
        for q in store.quads_for_pattern(node, RIKG.sha256, None, None):
            checksum = NamedNode(f"{doc}#sha256")
            t += [Triple(node, NamedNode(SPDX + "checksum"), checksum),
                  Triple(checksum, RDF.type, NamedNode(SPDX + "Checksum")),
                  Triple(checksum, NamedNode(SPDX + "algorithm"), NamedNode(SPDX + "checksumAlgorithm_sha256")),
                  Triple(checksum, NamedNode(SPDX + "checksumValue"), Literal(q.object.value, datatype=XSD.hexBinary))]
    return sorted(set(t), key=str)


def license_of(store: Store) -> str:
    """The licence the ontology states (dcterms:license), so the release and the ontology never disagree."""
    for q in store.quads_for_pattern(NamedNode(RIKG_NS.rstrip("#")), DCTERMS.license, None, None):
        return q.object.value
    return DEFAULT_LICENSE


def description(store: Store, *, version: str, issued: str, software_version: str, files: list[FileInfo],
                statistics: Iterable[Triple], linksets: Iterable[Triple], graphs: list[tuple[str, int]]) -> bytes:
    """description.ttl; `statistics` and `linksets` come from the endpoint's VoID code for node ds()."""
    ds = dataset_iri(version)
    activity = NamedNode(ds.value + "#generation")
    software = NamedNode("https://w3id.org/rikg/software/rikg")
    t: list[Triple] = [
        Triple(ds, RDF.type, DCAT.Dataset),
        Triple(ds, RDF.type, VOID.Dataset),
        Triple(ds, DCTERMS.title, Literal("Roma Inclusion Knowledge Graph", language="en")),
        Triple(ds, DCTERMS.description, Literal(
            "Programs, actors, places, agreements, events and outcomes of Roma inclusion in Serbia, extracted from "
            "Serbian source texts, with the exact words behind every fact.", language="en")),
        Triple(ds, DCTERMS.license, NamedNode(license_of(store))),
        Triple(ds, DCTERMS.issued, Literal(issued, datatype=XSD.date)),
        Triple(ds, DCAT.version, Literal(version)),
        Triple(ds, NamedNode("http://www.w3.org/2002/07/owl#versionInfo"), Literal(version)),
        Triple(ds, DCTERMS.conformsTo, NamedNode(RIKG_NS.rstrip("#"))),
        Triple(ds, VOID.vocabulary, NamedNode(RIKG_NS)),
        Triple(ds, VOID.uriSpace, Literal(ID_NS)),
        Triple(ds, PROV.wasGeneratedBy, activity),
        Triple(activity, RDF.type, PROV.Activity),
        Triple(activity, RDFS.label, Literal(f"rikg release {version}", language="en")),
        Triple(activity, PROV.wasAssociatedWith, software),
        Triple(software, RDF.type, PROV.SoftwareAgent),
        Triple(software, RDFS.label, Literal("rikg", language="en")),
        Triple(software, NamedNode("http://usefulinc.com/ns/doap#revision"), Literal(software_version)),
        Triple(software, DCTERMS.hasVersion, Literal(software_version)),
    ]
    for f in files:
        t += _distribution(ds, f)
    for g, n in graphs:  # each named graph is a VoID subset with its own size
        t += [Triple(ds, VOID.subset, NamedNode(g)), Triple(NamedNode(g), RDF.type, VOID.Dataset),
              Triple(NamedNode(g), VOID.triples, _int(n))]
    t += _skolemize(statistics, ds.value)
    t += list(linksets)
    t += _sources(store, activity)
    prefixes = {**PREFIXES, "spdx": SPDX}
    unique = sorted(set(t), key=lambda x: (str(x.subject), str(x.predicate), str(x.object)))
    return serialize(unique, None, RdfFormat.TURTLE, prefixes=prefixes)


def dataset_iri(version: str) -> NamedNode:
    return NamedNode(RELEASE_NS + version)
