"""The on-disk Oxigraph store: opening, atomic replacement, queries with the union default graph."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
)

from rikg.formats import rdf_format, rdf_format_for_file, results_format
from rikg.progress import Meter, ReadMeter, rate
from rikg.vocab import PREFIXES

QueryResult = QuerySolutions | QueryBoolean | QueryTriples
T = TypeVar("T")


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
    _swap_in(staging, path)


def amend(path: Path, work: Callable[[Store], T]) -> T:
    """Run `work` on a copy of the store at `path`, which takes its place only if `work` returns.

    The copy is an Oxigraph backup (RocksDB checkpoint: hard links to the immutable files, so it costs
    milliseconds whatever the size), which lets the bulk loader, itself not transactional, write into it:
    a parse error or a Ctrl-C halfway through a 10 GB file leaves the store at `path` as it was.
    A callback rather than a `with` block: both stores must be closed before the swap, because RocksDB
    keeps writing by path name, and an old handle left open would write into the store swapped in there.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f"{path.name}.import-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    # The old store stays open read-write while the copy is loaded: that holds its lock, so a writer
    # (`rikg serve --allow-updates`) cannot add quads to it meanwhile that the copy would lose, and one
    # already running makes the import fail at once, as a plain read-write open always did.
    source: Store | None = None
    try:
        if exists(path):
            try:
                source = Store(str(path))
                source.backup(str(staging))
            except OSError as e:
                raise StoreError(f"cannot open the store at {path}: {e}") from None
        store = Store(str(staging))
        result = work(store)
        store.flush()
    except BaseException:
        source = store = None  # closed before the copy goes
        shutil.rmtree(staging, ignore_errors=True)
        raise
    source = store = None
    _swap_in(staging, path)
    return result


def _swap_in(staging: Path, path: Path) -> None:
    """Two renames: a reader opening `path` finds the old store or the new one, never a mix."""
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


def bulk_write(store: Store, quads: Iterable[Quad], *, progress: bool = False, label: str = "writing") -> int:
    """Quads through the bulk loader (sorted runs written as files: far faster than a transaction, and
    `quads` may be a generator, consumed as it goes); shows the count while a terminal watches and ends with
    the rate. Returns the number of quads passed (duplicates included)."""
    meter = Meter(label, enabled=progress)
    store.bulk_extend(meter.counted(quads))
    meter.done()
    if progress:
        print(f"{label}: {rate(meter.count, meter.elapsed())}", file=meter.stream)
    return meter.count


@dataclass
class ImportReport:
    files: int
    added: int  # quads new to the store (a quad already there is not counted twice)
    seconds: float

    def summary(self, verb: str = "imported") -> str:
        return f"{verb} {self.files} file(s): {self.added} new quad(s); {rate(self.added, self.seconds)}"


def import_into(path: Path, files: list[Path], graph: str | None = None, *, progress: bool = False) -> ImportReport:
    """Bulk-load RDF files into the store folder at `path`, all or nothing: the files go into a copy of the
    store (see `amend`) that replaces it only when every file has loaded. Files are parsed as streams,
    so memory stays bounded whatever their size; a parse error names the file, line and column."""
    t0 = time.perf_counter()
    formats = _checked(files, graph)
    meter = Meter("importing", enabled=progress)

    def load(store: Store) -> int:
        before = len(store)
        for f, fmt in zip(files, formats, strict=True):
            _bulk_load(store, Path(f), fmt, graph, meter)
        return len(store) - before

    added = amend(Path(path), load)
    meter.done()
    return ImportReport(len(files), added, time.perf_counter() - t0)


def import_files(store: Store, files: list[Path], graph: str | None = None, *, progress: bool = False) -> int:
    """Load RDF files into an open store; returns the number of new quads. A parse error names the file and
    line, and nothing is loaded then: every file is first run through the parser as a stream (each quad
    checked and dropped), then bulk-loaded. With a store folder `import_into` is faster (one pass) and
    stays all-or-nothing even when interrupted."""
    formats = _checked(files, graph)
    for f, fmt in zip(files, formats, strict=True):
        try:
            for _ in parse(path=str(f), format=fmt, base_iri=Path(f).resolve().as_uri()):
                pass
        except SyntaxError as e:
            raise StoreError(f"{f}: {e}") from None
    meter = Meter("importing", enabled=progress)
    before = len(store)
    for f, fmt in zip(files, formats, strict=True):
        _bulk_load(store, Path(f), fmt, graph, meter)
    store.flush()
    meter.done()
    return len(store) - before


def _checked(files: list[Path], graph: str | None) -> list[RdfFormat]:
    """Every file's format, before anything is read: a bad --graph IRI, an unknown extension or a missing
    file stops the import at once."""
    if graph is not None:
        try:
            NamedNode(graph)
        except ValueError as e:
            raise StoreError(f"--graph {graph}: not an absolute IRI ({e})") from None
    formats = []
    for f in files:
        formats.append(rdf_format_for_file(str(f)))
        if not Path(f).is_file():
            raise StoreError(f"{f}: no such file")
    return formats


def _bulk_load(store: Store, f: Path, fmt: RdfFormat, graph: str | None, meter: Meter) -> None:
    """One file through the bulk loader, read through a byte counter for the progress line. With --graph,
    a quad file's own graph names are replaced by the target (as a triple file's default graph is), which
    the bulk loader cannot do itself: those quads are re-graphed on the way, still as a stream."""
    base = f.resolve().as_uri()
    target = NamedNode(graph) if graph else DefaultGraph()
    try:
        with open(f, "rb", buffering=0) as raw:
            reader = ReadMeter(raw, f.stat().st_size, meter, f.name)
            if fmt.supports_datasets and graph is not None:
                store.bulk_extend(Quad(q.subject, q.predicate, q.object, target)
                                  for q in parse(io.BufferedReader(reader, 1 << 20), fmt, base_iri=base))
            else:
                store.bulk_load(io.BufferedReader(reader, 1 << 20), fmt, base_iri=base, to_graph=target)
    except SyntaxError as e:
        raise StoreError(f"{f}: {e}") from None
    except OSError as e:
        raise StoreError(f"{f}: {e.strerror or e}") from None
