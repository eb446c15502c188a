"""SHACL validation of the graph against ontology/shapes.ttl (pyshacl), for `rikg validate`, `rikg build`
(the count in its summary) and `rikg release` (which refuses a graph with violations).

The data graph is the union of the store's graphs without the ontology graph, plus the ontology file (so a
store and a lone fixture file are checked alike): role concepts are checked against their scheme
(skos:inScheme rikg:Roles), indicators are typed skos:Concept there, and rdfs:subClassOf lets a shape on
rikg:Actor reach persons and organisations. The ontology is added with a plain graph union, not pyshacl's
`ont_graph`: measured on the seed graph, its node-by-node "inoculation" ran for minutes, the union takes
milliseconds. Validating the seed graph (5,800 triples) takes about 0.7 s. Files are parsed with
pyoxigraph first: its errors carry the line and column, and a fixture is read exactly as the store reads it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, parse, serialize

from rikg import paths
from rikg.vocab import ONTOLOGY_GRAPH, PREFIXES

SHAPES_FILE = paths.ONTOLOGY_DIR / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"


class ShapesInputError(Exception):
    """A file to validate cannot be read or parsed; the message names the file and the position."""


@dataclass(frozen=True, order=True)
class Violation:
    focus: str  # the focus node, compacted with the project's prefixes
    path: str  # the property path, or "-" for a node constraint
    message: str
    severity: str = "Violation"  # or "Warning" (sh:Warning in shapes.ttl): reported, never fatal

    @property
    def fatal(self) -> bool:
        return self.severity == "Violation"

    def line(self) -> str:
        tag = "" if self.fatal else "warning: "
        return f"{tag}{self.focus}  {self.path}  {self.message}"


def count_line(found: list[Violation]) -> str:
    """'2 violation(s), 1 warning(s)': the summary `rikg build` and `rikg validate` print."""
    fatal = sum(v.fatal for v in found)
    return f"{fatal} violation(s), {len(found) - fatal} warning(s)"


def _compact(term: object) -> str:
    if term is None:
        return "-"
    text = str(term)  # rdflib's URIRef and BNode are str; a complex path prints as rdflib shows it
    for prefix, ns in PREFIXES.items():
        # id: names keep their slashes (id:org/giz): short to read, and unambiguous in one line
        if text.startswith(ns) and (prefix == "id" or "/" not in text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>" if text.startswith(("http://", "https://", "urn:", "file:")) else text


@cache
def _shapes():  # -> rdflib.Graph; rdflib is imported lazily: the other commands never need it
    import rdflib

    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


@cache
def _ontology():
    import rdflib

    return rdflib.Graph().parse(paths.ONTOLOGY_FILE, format="turtle")


def _to_rdflib(quads: Iterable[Quad]):
    """The triples of every graph but the ontology graph, as one rdflib Graph (through N-Triples: the
    fastest hand-over between the two libraries, measured against building rdflib terms one by one)."""
    import rdflib

    triples = [q.triple for q in quads if q.graph_name != ONTOLOGY_GRAPH]
    data = serialize(triples, None, RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def validate_quads(quads: Iterable[Quad]) -> list[Violation]:
    """Every SHACL result (violations and warnings) of the graph made of `quads`, sorted."""
    from pyshacl import validate

    data = _to_rdflib(quads)
    data += _ontology()
    _conforms, results, _text = validate(data, shacl_graph=_shapes(), inference="none", advanced=False,
                                         allow_warnings=True, inplace=True)
    return sorted(set(_violations(results)))


def _violations(results) -> Iterable[Violation]:
    from rdflib import RDF, Namespace

    sh = Namespace(SH)
    # Only the report's own results: those of a nested sh:node arrive again as sh:detail of their parent.
    results_of_report = (r for report in results.subjects(RDF.type, sh.ValidationReport)
                         for r in results.objects(report, sh.result))
    for r in results_of_report:
        severity = str(results.value(r, sh.resultSeverity)).removeprefix(SH)
        if severity == "Info":
            continue
        message = results.value(r, sh.resultMessage)
        value = results.value(r, sh.value)
        text = str(message) if message is not None else str(results.value(r, sh.sourceConstraintComponent))
        if value is not None and value != results.value(r, sh.focusNode):
            text += f" (value: {_compact(value)})"
        yield Violation(_compact(results.value(r, sh.focusNode)), _path(results, results.value(r, sh.resultPath)),
                        text, severity)


def _path(results, node) -> str:
    """A result's sh:resultPath: one property, or a sequence path (an RDF list) written "a/b" as in SPARQL."""
    from rdflib import BNode
    from rdflib.collection import Collection

    if isinstance(node, BNode):
        return "/".join(_compact(step) for step in Collection(results, node))
    return _compact(node)


def validate_store(store_path: Path) -> list[Violation]:
    from rikg.store import open_store

    store = open_store(store_path, read_only=True)
    return validate_quads(store.quads_for_pattern(None, None, None, None))


def read_files(files: Iterable[Path]) -> list[Quad]:
    """Parse RDF files (format from the extension); the first that fails raises ShapesInputError."""
    from rikg.formats import FormatError, rdf_format_for_file

    quads: list[Quad] = []
    for f in files:
        try:
            fmt = rdf_format_for_file(str(f))
            data = Path(f).read_bytes()
            quads.extend(parse(io.BytesIO(data), fmt, base_iri=Path(f).resolve().as_uri()))
        except FormatError as e:
            raise ShapesInputError(str(e)) from None
        except OSError as e:
            raise ShapesInputError(f"{f}: {e.strerror}") from None
        except SyntaxError as e:
            # pyoxigraph: "error at 3:17: ..." (line:column)
            raise ShapesInputError(f"{f}: {' '.join(str(e).split())}") from None
    return quads


def validate_files(files: Iterable[Path]) -> list[Violation]:
    return validate_quads(read_files(files))
