"""`rikg build`: every source text through the loaders, resolved across texts, written to the store."""

from __future__ import annotations

import itertools
import logging
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from rikg import paths
from rikg.links import build_link_quads
from rikg.loaders import gazetteer
from rikg.loaders.facts import DocumentFacts
from rikg.loaders.pipeline import Processed, process_file
from rikg.loaders.read import SourceError, read_metadata, source_files
from rikg.loaders.resolve import merge_corpus
from rikg.loaders.to_rdf import document_quads, entity_iri, entity_quads
from rikg.matching import gazetteer_acronyms, search_label_quads
from rikg.shapes import count_line, validate_quads
from rikg.store import bulk_write, replacing
from rikg.vocab import ONTOLOGY_GRAPH, RDF, RIKG

log = logging.getLogger("rikg.build")
# From this many texts `workers=0` (automatic) builds on a local Dask cluster, one worker per core: below
# it, starting the worker processes (~3 s) costs more than they save.
_PARALLEL_FROM = 256


@dataclass
class BuildReport:
    store: Path
    documents: int = 0
    triples: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    per_class: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    shapes: str = ""  # SHACL summary of ontology/shapes.ttl, e.g. "0 violation(s), 1 warning(s)"

    def summary(self) -> str:
        lines = [f"built {self.store}: {self.documents} documents, {self.triples} quads in {self.seconds:.1f} s"]
        for cls, n in sorted(self.per_class.items()):
            lines.append(f"  {cls:<22} {n}")
        if self.shapes:
            lines.append(f"  shapes: {self.shapes} (details: rikg validate)")
        for w in self.warnings:
            lines.append(f"  warning: {w}")
        for f in self.failed:
            lines.append(f"  skipped: {f}")
        return "\n".join(lines)


def _progress(done: int, total: int, enabled: bool) -> None:
    if enabled:
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} texts")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _process(args: tuple[Path, dict[str, str]]) -> Processed | str:
    path, meta = args
    try:
        return process_file(path, meta)
    except SourceError as e:
        return str(e)


def load_texts(sources: Path, *, progress: bool = False) -> tuple[list[Processed], list[str]]:
    """Every text through the loaders in this process (the parallel build is rikg.cluster)."""
    files = source_files(sources)
    meta = read_metadata(sources)
    done: list[Processed] = []
    failed: list[str] = []
    for i, job in enumerate(((f, meta.get(f.name, {})) for f in files), 1):
        r = _process(job)
        (failed.append(r) if isinstance(r, str) else done.append(r))
        _progress(i, len(files), progress)
    return done, failed


def _on_cluster(sources: Path, cluster: str | None, workers: int) -> bool:
    if cluster or workers > 0:
        return True
    return workers == 0 and (os.cpu_count() or 1) > 1 and len(source_files(sources)) >= _PARALLEL_FROM


def corpus_quads(processed: list[Processed], *, curated: Path | str | None = None) -> list[Quad]:
    """`curated`: the curated links file (default: $RIKG_CURATED_LINKS, else data/links/curated.csv)."""
    iris, quads = resolved_quads([p.facts for p in processed], curated=curated)
    for p in processed:
        quads.extend(document_quads(p.source, p.norm, p.facts, iris))
    return quads


def resolved_quads(facts: list[DocumentFacts], *, curated: Path | str | None = None
                   ) -> tuple[dict[str, NamedNode], list[Quad]]:
    """The reduce step, shared by the serial and the cluster build: entities merged across texts (in the
    order of `facts`, which decides ties), their IRIs, and their quads with the Wikidata links."""
    entities, candidates = merge_corpus(facts)
    iris = {key: entity_iri(ent) for key, ent in entities.items()}
    # Places named only as a parent (Kostolac -> Požarevac) still need an IRI for rikg:locatedIn.
    parents = {k: f"place:{e.parent}" for k, e in gazetteer.entries().items() if e.kind == "place" and e.parent}
    # Wikidata links (reference + curated file), reference labels and the linkset: rikg/links.py.
    quads: list[Quad] = build_link_quads(entity_quads(entities, iris, candidates, parents), entities, iris,
                                         curated=curated)
    return iris, quads


def ontology_quads() -> list[Quad]:
    with open(paths.ONTOLOGY_FILE, "rb") as f:
        return [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for t in parse(f, RdfFormat.TURTLE, base_iri="https://w3id.org/rikg/ontology")]


def build_store(sources: Path, store_path: Path, *, strict: bool = False, progress: bool = False,
                workers: int = 0, curated: Path | str | None = None, cluster: str | None = None) -> BuildReport:
    """`workers`: 0 automatic (in this process, or a local Dask cluster from _PARALLEL_FROM texts), -1 in
    this process, N a local Dask cluster of N processes; `cluster`: the address of a Dask scheduler."""
    if _on_cluster(Path(sources), cluster, workers):
        from rikg.cluster import build_on_cluster

        return build_on_cluster(Path(sources), Path(store_path), address=cluster, workers=max(workers, 0),
                                strict=strict, progress=progress, curated=curated)
    t0 = time.perf_counter()
    report = BuildReport(Path(store_path))
    processed, failed = load_texts(Path(sources), progress=progress)
    report.failed = failed
    for f in failed:
        log.warning("skipped %s", f)
    if strict and failed:
        # Before anything is written: the store in place stays as it was.
        raise BuildError(f"{len(failed)} source file(s) could not be read (--strict): " + "; ".join(failed))
    quads = ontology_quads() + corpus_quads(processed, curated=curated)
    # rikg:foldedLabel on every label and the gazetteer's acronyms as skos:hiddenLabel (rikg/matching.py)
    quads += search_label_quads(quads, gazetteer_acronyms())
    kept = _imported_quads(Path(store_path))
    with replacing(Path(store_path)) as store:
        bulk_write(store, itertools.chain(quads, kept), progress=progress, label="writing the store")
        if kept:
            report.warnings.append(f"kept {len(kept)} quads loaded with `rikg import` (default graph and own graphs)")
        report.triples = len(store)
        _count(store, report)
    # SHACL on what was just written. Measured: ~0.15 ms of CPU per quad (0.7 s for the 5 seed texts, 2.5 s
    # for 50 texts) plus 0.35 s to import pyshacl, against a 0.9 s build of the seeds. The cluster path above
    # (big corpora) skips it: there `rikg validate` is the check to run.
    report.shapes = count_line(validate_quads(quads + kept))
    report.documents = len(processed)
    for p in processed:
        report.warnings.extend(f"{p.source.doc_id}: {w}" for w in p.facts.warnings)
    report.seconds = time.perf_counter() - t0
    return report


class BuildError(RuntimeError):
    """The build stopped before writing anything."""


def _imported_quads(store_path: Path) -> list[Quad]:
    """Quads a researcher loaded with `rikg import` (the default graph and graphs outside the build's own
    namespace) survive a rebuild; everything under https://w3id.org/rikg/graph/ is the build's to replace."""
    from rikg.store import exists, open_store
    from rikg.vocab import GRAPH_NS

    if not exists(store_path):
        return []
    try:
        old = open_store(store_path, read_only=True)
    except Exception:  # an unreadable old store has nothing to keep
        return []
    return [q for q in old.quads_for_pattern(None, None, None, None)
            if not (hasattr(q.graph_name, "value") and q.graph_name.value.startswith(GRAPH_NS))]


def _count(store: Store, report: BuildReport) -> None:
    for cls in ("SourceDocument", "Actor", "Organization", "Person", "Place", "Municipality", "Program",
                "Agreement", "Outcome", "Event", "Participation"):
        node = RIKG[cls]
        subjects = {q.subject for q in store.quads_for_pattern(None, RDF.type, node, None)}
        report.per_class[cls] = len(subjects)
