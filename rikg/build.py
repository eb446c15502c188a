"""`rikg build`: every source text through the loaders, resolved across texts, written to the store."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store, parse

from rikg import paths
from rikg.links import build_link_quads
from rikg.loaders import gazetteer
from rikg.loaders.pipeline import Processed, process_file
from rikg.loaders.read import SourceError, read_metadata, source_files
from rikg.loaders.resolve import merge_corpus
from rikg.loaders.to_rdf import document_quads, entity_iri, entity_quads
from rikg.store import replacing
from rikg.vocab import ONTOLOGY_GRAPH, RDF, RIKG

log = logging.getLogger("rikg.build")
_PARALLEL_FROM = 64  # below this many texts a process pool costs more than it saves


@dataclass
class BuildReport:
    store: Path
    documents: int = 0
    triples: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    per_class: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"built {self.store}: {self.documents} documents, {self.triples} quads in {self.seconds:.1f} s"]
        for cls, n in sorted(self.per_class.items()):
            lines.append(f"  {cls:<22} {n}")
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


def load_texts(sources: Path, *, progress: bool = False, workers: int = 0) -> tuple[list[Processed], list[str]]:
    files = source_files(sources)
    meta = read_metadata(sources)
    jobs = [(f, meta.get(f.name, {})) for f in files]
    done: list[Processed] = []
    failed: list[str] = []
    n_workers = workers or (os.cpu_count() or 1)
    if len(jobs) >= _PARALLEL_FROM and n_workers > 1:
        gazetteer.entries()
        with ProcessPoolExecutor(max_workers=n_workers) as pool:
            results = pool.map(_process, jobs, chunksize=16)
            for i, r in enumerate(results, 1):
                (failed.append(r) if isinstance(r, str) else done.append(r))
                _progress(i, len(jobs), progress)
    else:
        for i, job in enumerate(jobs, 1):
            r = _process(job)
            (failed.append(r) if isinstance(r, str) else done.append(r))
            _progress(i, len(jobs), progress)
    return done, failed


def corpus_quads(processed: list[Processed], *, curated: Path | str | None = None) -> list[Quad]:
    """`curated`: the curated links file (default: $RIKG_CURATED_LINKS, else data/links/curated.csv)."""
    entities, candidates = merge_corpus([p.facts for p in processed])
    iris = {key: entity_iri(ent) for key, ent in entities.items()}
    # Places named only as a parent (Kostolac -> Požarevac) still need an IRI for rikg:locatedIn.
    parents = {k: f"place:{e.parent}" for k, e in gazetteer.entries().items() if e.kind == "place" and e.parent}
    # Wikidata links (reference + curated file), reference labels and the linkset: rikg/links.py.
    quads: list[Quad] = build_link_quads(entity_quads(entities, iris, candidates, parents), entities, iris,
                                         curated=curated)
    for p in processed:
        quads.extend(document_quads(p.source, p.norm, p.facts, iris))
    return quads


def ontology_quads() -> list[Quad]:
    with open(paths.ONTOLOGY_FILE, "rb") as f:
        return [Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH)
                for t in parse(f, RdfFormat.TURTLE, base_iri="https://w3id.org/rikg/ontology")]


def build_store(sources: Path, store_path: Path, *, strict: bool = False, progress: bool = False,
                workers: int = 0, curated: Path | str | None = None) -> BuildReport:
    t0 = time.perf_counter()
    report = BuildReport(Path(store_path))
    processed, failed = load_texts(Path(sources), progress=progress, workers=workers)
    report.failed = failed
    for f in failed:
        log.warning("skipped %s", f)
    if strict and failed:
        # Before anything is written: the store in place stays as it was.
        raise BuildError(f"{len(failed)} source file(s) could not be read (--strict): " + "; ".join(failed))
    quads = ontology_quads() + corpus_quads(processed, curated=curated)
    kept = _imported_quads(Path(store_path))
    with replacing(Path(store_path)) as store:
        store.bulk_extend(quads)
        if kept:
            store.bulk_extend(kept)
            report.warnings.append(f"kept {len(kept)} quads loaded with `rikg import` (default graph and own graphs)")
        report.triples = len(store)
        _count(store, report)
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
