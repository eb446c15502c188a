"""Format names used on the command line and over HTTP, and their pyoxigraph counterparts."""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

RDF_FORMATS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "rdf": RdfFormat.RDF_XML,
    "owl": RdfFormat.RDF_XML,
    "xml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
    "n3": RdfFormat.N3,
}

RESULTS_FORMATS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}


class FormatError(ValueError):
    """An unknown or unsupported format name."""


def rdf_format(name: str) -> RdfFormat:
    try:
        return RDF_FORMATS[name.lower().lstrip(".")]
    except KeyError:
        known = ", ".join(sorted(RDF_FORMATS))
        raise FormatError(f"unknown RDF format '{name}' (known: {known})") from None


def rdf_format_for_file(path: str) -> RdfFormat:
    suffix = path.rsplit(".", 1)[-1] if "." in path else ""
    if not suffix:
        raise FormatError(f"{path}: cannot tell the RDF format without a file extension")
    try:
        return rdf_format(suffix)
    except FormatError:
        raise FormatError(f"{path}: unknown RDF file extension '.{suffix}'") from None


def results_format(name: str) -> QueryResultsFormat:
    try:
        return RESULTS_FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(RESULTS_FORMATS))
        raise FormatError(f"unknown results format '{name}' (known: {known})") from None
