"""Content negotiation, in one place: which serialisation a response uses.

Every route that returns data asks `choose()` with the formats it can produce, in the server's order
of preference. A `format=` (or `output=`) parameter wins over the Accept header; Accept is ranked by
q-value, and for equal q by the server's order, with exact media types beating `type/*` beating `*/*`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import QueryResultsFormat, RdfFormat


@dataclass(frozen=True)
class Format:
    key: str  # short name, as used by `rikg query --format` and `?format=`
    media_types: tuple[str, ...]  # the first one is what we send; the others we also answer to
    aliases: tuple[str, ...] = ()  # other `format=` spellings (SPARQLWrapper sends several)
    results: QueryResultsFormat | None = None
    rdf: RdfFormat | None = None
    textual: bool = True

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.textual else self.media_type

    def names(self) -> tuple[str, ...]:
        return (self.key, *self.aliases, *self.media_types)


# SPARQL results (SELECT and ASK)
JSON = Format("json", ("application/sparql-results+json", "application/json", "text/javascript",
                       "application/javascript"), ("srj",), results=QueryResultsFormat.JSON)
XML = Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"), ("srx",),
             results=QueryResultsFormat.XML)
CSV = Format("csv", ("text/csv",), results=QueryResultsFormat.CSV)
TSV = Format("tsv", ("text/tab-separated-values",), results=QueryResultsFormat.TSV)
HTML = Format("html", ("text/html", "application/xhtml+xml"))

# RDF graphs (CONSTRUCT, DESCRIBE, Graph Store, dumps)
TURTLE = Format("ttl", ("text/turtle", "application/x-turtle", "application/turtle"),
                ("turtle", "n3", "text/n3", "text/rdf+n3"), rdf=RdfFormat.TURTLE)
NTRIPLES = Format("nt", ("application/n-triples", "text/plain"), ("ntriples", "n-triples"),
                  rdf=RdfFormat.N_TRIPLES)
RDFXML = Format("rdf", ("application/rdf+xml", "application/xml", "text/xml"), ("rdfxml", "rdf+xml", "xml", "owl"),
                rdf=RdfFormat.RDF_XML)
JSONLD = Format("jsonld", ("application/ld+json", "application/x-json+ld", "application/json"),
                ("json-ld", "json"), rdf=RdfFormat.JSON_LD)
NQUADS = Format("nq", ("application/n-quads",), ("nquads", "n-quads"), rdf=RdfFormat.N_QUADS)
TRIG = Format("trig", ("application/trig",), (), rdf=RdfFormat.TRIG)

RESULTS_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, RDFXML, JSONLD)
DATASET_FORMATS: tuple[Format, ...] = (TRIG, NQUADS)
RDF_FORMATS: tuple[Format, ...] = GRAPH_FORMATS + DATASET_FORMATS


class NotAcceptable(Exception):
    """No offered format matches the request; the message lists what is available."""

    def __init__(self, offers: Sequence[Format]) -> None:
        names = ", ".join(f.media_type for f in offers)
        super().__init__(f"none of the requested media types can be produced; available: {names}")
        self.offers = tuple(offers)


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not match `media_type`, else 0 (*/*), 1 (type/*) or 2 (exact)."""
        t, _, s = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == s else -1


def parse_accept(header: str | None) -> list[_Range]:
    """Parse an Accept header; malformed entries are skipped rather than failing the request."""
    ranges: list[_Range] = []
    if not header:
        return ranges
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            if media == "*":  # some clients send a bare "*"
                media = "*/*"
            else:
                continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        t, _, s = media.partition("/")
        ranges.append(_Range(t, s, q, i))
    return ranges


def _accept_quality(ranges: list[_Range], fmt: Format) -> tuple[float, int]:
    """(q, specificity) of the most specific Accept range matching any of the format's media types."""
    best: tuple[int, float] | None = None
    for media in fmt.media_types:
        for r in ranges:
            spec = r.specificity(media)
            if spec < 0:
                continue
            # RFC 9110: the most specific matching range decides the q-value
            if best is None or spec > best[0] or (spec == best[0] and r.q > best[1]):
                best = (spec, r.q)
    if best is None:
        return 0.0, -1
    return best[1], best[0]


def by_name(name: str, offers: Iterable[Format]) -> Format | None:
    """The offered format called `name` (short name, alias or media type), if any."""
    wanted = name.strip().lower().split(";")[0].strip()
    for fmt in offers:
        if wanted in fmt.names():
            return fmt
    return None


def choose(accept: str | None, offers: Sequence[Format], format_params: Sequence[str] = ()) -> Format:
    """Pick the response format.

    `format_params` are the values of `format=`/`output=`: the first one naming an offered format
    wins. Unknown values are ignored (SPARQLWrapper repeats its choice under several spellings, some
    of them meant for other servers), and Accept decides. Raises NotAcceptable when Accept excludes
    every offer; a missing or empty Accept means the first offer.
    """
    for value in format_params:
        # SPARQLWrapper sends comma-separated media type lists in format= for some formats
        for name in value.split(","):
            fmt = by_name(name, offers)
            if fmt is not None:
                return fmt
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: tuple[float, int, int] | None = None
    chosen: Format | None = None
    for i, fmt in enumerate(offers):
        q, spec = _accept_quality(ranges, fmt)
        if q <= 0:
            continue
        # Higher q first; for equal q prefer what the client named exactly, then the server's order.
        key = (q, spec, -i)
        if best is None or key > best:
            best, chosen = key, fmt
    if chosen is None:
        raise NotAcceptable(offers)
    return chosen


def media_type_of(content_type: str | None) -> tuple[str, dict[str, str]]:
    """Split a Content-Type header into a lower-case media type and its parameters."""
    if not content_type:
        return "", {}
    fields = content_type.split(";")
    params: dict[str, str] = {}
    for f in fields[1:]:
        name, _, value = f.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return fields[0].strip().lower(), params


def rdf_format_for_media_type(content_type: str | None) -> Format | None:
    """The RDF format of a request body, from its Content-Type (for Graph Store uploads)."""
    media, _ = media_type_of(content_type)
    if not media:
        return None
    for fmt in RDF_FORMATS:
        # for uploads application/json means JSON-LD and application/xml RDF/XML
        if media in fmt.media_types:
            return fmt
    if media in ("text/n3", "text/rdf+n3"):
        return TURTLE
    return None
