"""Grow the graph of the five source texts into a bench-sized dataset by replication.

Every quad that names a resource under the instance namespace (https://w3id.org/rikg/id/, which
holds entities, documents and evidence) or a per-document named graph
(https://w3id.org/rikg/graph/doc/) is written `factor` times, copy k with each such IRI renamed to
`.../id/r{k}/...` and `.../doc/r{k}/...`; quads naming no instance (ontology, reference vocabularies)
are written once. The result has the shape of a real corpus `factor` times
the size: the same joins, selectivities and named graphs, with distinct resources per copy.

Usage, shared by the bench scripts:

    python bench/replicate.py --store STORE --factor 40 --out big.nq
    python bench/replicate.py --quads 1000000 --out big.nq      # builds data/sources in a temp dir first
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, serialize

INSTANCE_NS = "https://w3id.org/rikg/id/"
DOC_GRAPH_NS = "https://w3id.org/rikg/graph/doc/"
RENAMED = (INSTANCE_NS, DOC_GRAPH_NS)


def _quads(source: Path) -> list[Quad]:
    """Read every quad of a store folder or an .nq/.trig file."""
    source = Path(source)
    if source.is_dir():
        store = Store.read_only(str(source))
        return list(store.quads_for_pattern(None, None, None, None))
    from pyoxigraph import parse

    with open(source, "rb") as fh:
        return list(parse(fh, RdfFormat.N_QUADS if source.suffix == ".nq" else RdfFormat.TRIG))


def _names_instance(q: Quad) -> bool:
    return any(isinstance(t, NamedNode) and t.value.startswith(RENAMED) for t in (q.subject, q.object, q.graph_name))


def _renamed(term, k: int):  # noqa: ANN001, ANN202 - any pyoxigraph term
    if isinstance(term, NamedNode):
        for ns in RENAMED:
            if term.value.startswith(ns):
                return NamedNode(f"{ns}r{k}/{term.value[len(ns):]}")
    if isinstance(term, BlankNode):
        return BlankNode(f"{term.value}r{k}")
    return term


def _copies(quads: list[Quad], factor: int) -> Iterator[Quad]:
    shared = [q for q in quads if not _names_instance(q)]
    own = [q for q in quads if _names_instance(q)]
    yield from shared
    for k in range(factor):
        for q in own:
            yield Quad(_renamed(q.subject, k), q.predicate, _renamed(q.object, k), _renamed(q.graph_name, k))


def replicate(sources_store_or_nq: Path | str, factor: int, out_nq: Path | str) -> int:
    """Write `factor` renamed copies of the dataset at `sources_store_or_nq` (a store folder or an
    N-Quads/TriG file) to the N-Quads file `out_nq`; returns the number of quads written."""
    if factor < 1:
        raise ValueError(f"factor must be >= 1, got {factor}")
    quads = _quads(Path(sources_store_or_nq))
    count = 0

    def counted() -> Iterator[Quad]:
        nonlocal count
        for q in _copies(quads, factor):
            count += 1
            yield q

    with open(out_nq, "wb") as out:
        serialize(counted(), out, RdfFormat.N_QUADS)
    return count


def factor_for(sources_store_or_nq: Path | str, target_quads: int) -> int:
    """The replication factor that brings the dataset to about `target_quads` quads."""
    quads = _quads(Path(sources_store_or_nq))
    own = sum(1 for q in quads if _names_instance(q))
    return max(1, math.ceil((target_quads - (len(quads) - own)) / max(own, 1)))


def build_sources_store(workdir: Path) -> Path:
    """Build the store of data/sources into `workdir` (never the checkout's own store)."""
    store = Path(workdir) / "sources-store"
    cmd = [sys.executable, "-m", "rikg.cli", "build", "--store", str(store)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, help="store (or .nq file) to replicate; default: build data/sources")
    ap.add_argument("--factor", type=int, help="number of copies")
    ap.add_argument("--quads", type=int, default=1_000_000, help="target size when --factor is not given")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.store or build_sources_store(Path(tmp))
        factor = args.factor or factor_for(source, args.quads)
        n = replicate(source, factor, args.out)
    print(f"{args.out}: {n} quads ({factor} copies)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
