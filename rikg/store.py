"""The on-disk Oxigraph store: opening, atomic replacement, queries with the union default graph."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from rikg.formats import rdf_format, rdf_format_for_file, results_format
from rikg.vocab import PREFIXES

QueryResult = QuerySolutions | QueryBoolean | QueryTriples


class StoreError(RuntimeError):
    """The store is missing or cannot be opened."""


def exists(path: Path) -> bool:
    return path.is_dir() and any(path.iterdir())


def open_store(path: Path, *, read_only: bool = False, create: bool = False) -> Store:
    path = Path(path)
    if not exists(path) and not create:
        raise StoreError(f"no store at {path}: run `rikg build` first (or pass --store)")
    try:
        if read_only:
            return Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return Store(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from None


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Store]:
    """Yield a fresh store that replaces the one at `path` only if the block finishes.

    The new store is written beside the old one and swapped in with two renames, so a failed
    build leaves the previous store untouched and a server can keep answering from it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f"{path.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    store = Store(str(staging))
    try:
        yield store
        store.flush()
        store.optimize()
    except BaseException:
        del store
        shutil.rmtree(staging, ignore_errors=True)
        raise
    del store
    retired = path.with_name(f"{path.name}.old-{os.getpid()}")
    if path.exists():
        os.rename(path, retired)
    os.rename(staging, path)
    shutil.rmtree(retired, ignore_errors=True)


def run_query(store: Store, query: str, *, base_iri: str | None = None) -> QueryResult:
    """Run a query; a query naming no dataset sees the union of all graphs as its default graph.

    The project's prefixes (rikg:, id:, wd:, skos:, oa: ...) are predeclared, as WDQS does for its own.
    """
    return store.query(query, base_iri=base_iri, use_default_graph_as_union=True, prefixes=PREFIXES)


def write_results(result: QueryResult, out: BinaryIO, fmt: str | None) -> None:
    """Serialise any query result; `fmt` is a results format for SELECT/ASK, an RDF one for graphs."""
    if isinstance(result, QueryTriples):
        result.serialize(out, rdf_format(fmt or "ttl"))
    else:
        result.serialize(out, results_format(fmt or "json"))


def export(store: Store, out: BinaryIO | str, fmt: str, graph: str | None = None) -> None:
    rdf_fmt = rdf_format(fmt)
    prefixes = PREFIXES if rdf_fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    if graph is not None:
        g = NamedNode(graph)
        if not store.contains_named_graph(g):
            raise StoreError(f"no graph <{graph}> in the store")
        if rdf_fmt.supports_datasets:
            # keep the graph name in quad formats
            from pyoxigraph import Quad, serialize

            quads = (Quad(q.subject, q.predicate, q.object, g) for q in store.quads_for_pattern(None, None, None, g))
            serialize(quads, out, rdf_fmt, prefixes=prefixes)
        else:
            store.dump(out, rdf_fmt, from_graph=g, prefixes=prefixes)
    elif rdf_fmt.supports_datasets:
        store.dump(out, rdf_fmt, prefixes=prefixes)
    else:
        # Triple formats get the union of every graph, as a query would see it.
        from pyoxigraph import serialize

        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        serialize(triples, out, rdf_fmt, prefixes=prefixes)


def import_files(store: Store, files: list[Path], graph: str | None = None) -> int:
    """Load RDF files into the store; a parse error names the file and line, and nothing is loaded then:
    every file is parsed before the first quad is written."""
    from pyoxigraph import Quad, parse

    target = NamedNode(graph) if graph else DefaultGraph()
    before = len(store)
    pending: list[Quad] = []
    for f in files:
        fmt = rdf_format_for_file(str(f))
        if not Path(f).is_file():
            raise StoreError(f"{f}: no such file")
        try:
            with open(f, "rb") as fh:
                quads = list(parse(fh, fmt, base_iri=Path(f).resolve().as_uri()))
        except SyntaxError as e:
            raise StoreError(f"{f}: {e}") from None
        if fmt.supports_datasets and graph is None:
            pending.extend(quads)
        else:
            pending.extend(Quad(q.subject, q.predicate, q.object, target) for q in quads)
    store.extend(pending)
    store.flush()
    return len(store) - before
