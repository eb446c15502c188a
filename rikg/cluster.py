"""`rikg build --cluster ADDRESS` and `--workers N`: the extraction of a large corpus on Dask distributed.

The build is a map, a reduce and a second map:
  1. map, on the workers: each text -> its facts (read, normalise, segment, recognise, resolve within the
     text, extract: rikg.loaders.pipeline), one task per text, so a failure names its text;
  2. reduce, in the client: the facts of every text, in file order as the serial build has them (the
     order decides ties between names) -> entities merged across texts, their IRIs and their quads
     (rikg.build.resolved_quads, the code the serial build runs);
  3. map, on the workers: each text + the IRIs -> the quads of that document, sent back as N-Quads;
  4. the client appends them to N-Quads shard files beside the store and bulk-loads the shards into a new
     store that replaces the old one only when everything succeeded (rikg.store.replacing).
The graph is the serial build's, quad for quad (tests/test_cluster_build.py).

Workers read the texts by path, as the client names them: on a cluster of several machines the sources
folder has to be on a filesystem every worker mounts at the same path (NFS or a cluster filesystem, the
usual Dask deployment). The facts of every text are held by the client for the reduce (about 40 KB per
text of 2,000 characters): docs/performance.md has the measured memory and the way past it.

A worker that dies while it runs one of this build's texts fails the build with that text's name (Dask
would quietly run the text again elsewhere; a text that kills its worker would then kill the next one):
nothing has been written by then, so the previous store stays as it was.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Quad, RdfFormat, serialize

from rikg.build import BuildError, BuildReport, _count, _imported_quads, ontology_quads, resolved_quads
from rikg.loaders.facts import DocumentFacts
from rikg.loaders.normalise import normalise
from rikg.loaders.pipeline import process_file
from rikg.loaders.read import SourceError, read_metadata, read_source, source_files
from rikg.loaders.to_rdf import document_quads
from rikg.matching import LABEL_PREDICATES, gazetteer_acronyms, search_label_quads
from rikg.progress import Meter
from rikg.store import replacing

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger("rikg.cluster")
SHARD_BYTES = 256 * 1024 * 1024  # N-Quads per shard file: big enough for the bulk loader, small enough to ship
_POLL = 0.05  # seconds between looks at the finished tasks and the watch on the workers


# --- the tasks: plain functions of plain data, run in the worker processes --------------------------------

def extract_text(path: str, metadata: dict[str, str]) -> DocumentFacts | str:
    """Map step 1: one text's facts, or the reason it cannot be read (reported and skipped, as serially)."""
    try:
        return process_file(Path(path), metadata).facts
    except SourceError as e:
        return str(e)


def document_nquads(path: str, metadata: dict[str, str], facts: DocumentFacts, iris: dict[str, NamedNode]
                    ) -> tuple[bytes, list[Quad]]:
    """Map step 2: the document's own quads (evidence, relations, outcomes, events, and the folded search
    labels of its labels) as N-Quads, and the labels the client's acronym pass needs to see.

    The text is read and normalised again rather than kept from step 1: that costs ~3 ms against the
    ~25 ms of step 1, and keeps the workers free of per-text state between the two steps."""
    source = read_source(Path(path), metadata)
    quads = document_quads(source, normalise(source.text), facts, iris)
    # rikg:foldedLabel is one quad per (entity, folded value, graph): the document's share is its own.
    quads += search_label_quads(quads)
    acronym_iris = _acronym_iris()
    labels = [q for q in quads if q.predicate.value in LABEL_PREDICATES and q.subject.value in acronym_iris]
    return serialize(quads, format=RdfFormat.N_QUADS), labels


@cache
def _acronym_iris() -> frozenset[str]:
    return frozenset(gazetteer_acronyms())


# --- the client side -------------------------------------------------------------------------------------

@dataclass
class ClusterCorpus:
    """What the cluster hands back for writing: counts, messages, the reduce's quads and the shard files."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    resolved: list[Quad] = field(default_factory=list)
    labels: list[Quad] = field(default_factory=list)  # documents' labels of entities the gazetteer has acronyms for
    shards: list[Path] = field(default_factory=list)


class _DeathWatch:
    """Listens to the scheduler's "remove-worker" events: a worker that leaves unexpectedly while it runs
    one of this build's tasks is recorded with the text of that task. The handler runs in the client's
    event loop thread; the main thread reads `dead` between batches.

    It subscribes to each worker's own topic, polled for newcomers (a nanny restarts a dead worker under a
    new address), not to the scheduler's "all" topic: some events there carry objects that cannot be sent
    to a client (a broadcast `scatter` logs WorkerState objects), and the failed send closes the client's
    connection."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts  # task key -> "extracting PATH" / "writing the quads of PATH"
        self.dead: list[str] = []
        self.topics: set[str] = set()
        self._polled = 0.0

    def follow(self, client: Client, *, every: float = 1.0) -> None:
        """Subscribe to the workers that joined since the last call (at most once per `every` seconds)."""
        now = time.monotonic()
        if now - self._polled < every:
            return
        self._polled = now
        for address in client.scheduler_info()["workers"]:
            if address not in self.topics:
                client.subscribe_topic(address, partial(self.on_event, address))
                self.topics.add(address)

    def stop(self, client: Client) -> None:
        for address in self.topics:
            client.unsubscribe_topic(address)

    def on_event(self, address: str, event: tuple[float, Any]) -> None:
        _, msg = event
        if not isinstance(msg, dict) or msg.get("action") != "remove-worker" or msg.get("expected"):
            return
        doing = sorted(self.texts[k] for k in msg.get("processing-tasks", ()) if k in self.texts)
        if doing:
            self.dead.append(f"Dask worker {address} died while {' and '.join(doing)}")

    def check(self) -> None:
        if self.dead:
            raise BuildError(self.dead[0] + "; nothing was written, the previous store is unchanged")


@contextmanager
def connect(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `address` (left running afterwards), or of a local cluster of
    `workers` processes with one thread each (the loaders hold the GIL), closed afterwards."""
    from distributed import Client, LocalCluster

    # The scheduler's and the workers' own INFO lines would bury the build's summary, and on a failure
    # their tracebacks would bury its one-line reason.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    if address:
        _knock(address)
        try:
            client = Client(address, timeout=10)
        except (OSError, TimeoutError, ValueError) as e:
            raise BuildError(f"cannot reach the Dask scheduler at {address}: {' '.join(str(e).split())}") from None
        with client:
            yield client
        return
    # The scheduler serves HTTP (health, metrics) whatever the dashboard setting: on a free loopback port,
    # not on 8787 of every interface, where a second build would collide with the first.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        yield client


def _knock(address: str) -> None:
    """A refused TCP connection says at once what Dask's client would say after its 10 s of retries."""
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp") or not host or not port.isdigit():
        return  # tls://, ucx://, a bare host: Dask's client knows them better
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
    except OSError as e:
        raise BuildError(f"cannot reach the Dask scheduler at {address}: {e.strerror or e}") from None


def _check_shared(client: Client, folder: Path) -> None:
    """Every worker reads the texts by path: one that cannot see the folder would report each text as
    unreadable, so say it once, before any work is sent."""
    blind = sorted(w for w, seen in client.run(os.path.isdir, str(folder)).items() if not seen)
    if blind:
        raise BuildError(f"the Dask worker(s) {', '.join(blind)} cannot see {folder}: the sources must be on a "
                         "filesystem every worker mounts at the same path")


def _drain(client: Client, futures: list[Future], keys: dict[str, int], watch: _DeathWatch,
           on_result: Callable[[int, Any], None], *, label: str, progress: bool) -> None:
    """Gather finished tasks in batches as they come, checking the watch on the workers in between."""
    from distributed import as_completed

    total, done = len(futures), 0
    meter = Meter(label, enabled=progress)
    pending = as_completed(futures)
    while not pending.is_empty():
        batch = pending.next_batch(block=False)
        watch.follow(client)
        watch.check()
        if not batch:
            time.sleep(_POLL)
            continue
        for fut in batch:
            if fut.status != "finished":
                _task_failed(fut, watch)
        for fut, value in zip(batch, client.gather(batch), strict=True):
            on_result(keys[fut.key], value)
        done += len(batch)
        meter.show(f"{done:,}/{total:,} texts", force=done == total)
    meter.done()


def _task_failed(fut: Future, watch: _DeathWatch) -> None:
    from distributed import KilledWorker

    watch.check()
    what = watch.texts.get(fut.key, str(fut.key))
    if fut.status == "cancelled":
        raise BuildError(f"lost the Dask scheduler while {what}; nothing was written, the previous store is unchanged")
    exc = fut.exception()
    if isinstance(exc, KilledWorker):
        raise BuildError(f"Dask workers died while {what}; nothing was written, the previous store is unchanged")
    raise BuildError(f"failed while {what}: {type(exc).__name__}: {' '.join(str(exc).split())}")


class _Shards:
    """N-Quads files in `folder`, a new one every SHARD_BYTES."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.paths, self._out, self._size = folder, [], None, 0

    def write(self, data: bytes) -> None:
        if self._out is None or self._size >= SHARD_BYTES:
            self.close()
            path = self.folder / f"shard-{len(self.paths):05d}.nq"
            self.paths.append(path)
            self._out, self._size = open(path, "wb"), 0
        self._out.write(data)
        self._size += len(data)

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


def extract_on_cluster(jobs: list[tuple[Path, dict[str, str]]], client: Client, shard_dir: Path, *,
                       strict: bool = False, progress: bool = False, curated: Path | str | None = None,
                       shown: Callable[[str], str] = str) -> ClusterCorpus:
    """The map, reduce and map of the module docstring; shards are written into `shard_dir`. `shown` turns
    the message of an unreadable text (which names the path the worker read) into the one to report."""
    run = uuid.uuid4().hex[:10]  # keys unique to this build on a scheduler that others may share
    paths = [str(p) for p, _ in jobs]
    metas = [m for _, m in jobs]
    ex_keys = [f"rikg-extract-{run}-{i}" for i in range(len(jobs))]
    watch = _DeathWatch({k: f"extracting {p}" for k, p in zip(ex_keys, paths, strict=True)})
    watch.follow(client, every=0)
    t0 = time.perf_counter()
    try:
        # 1. map: facts per text, kept on the workers for step 3 and copied here for the reduce.
        extracted = client.map(extract_text, paths, metas, key=ex_keys, pure=False)
        facts: list[DocumentFacts | str | None] = [None] * len(jobs)

        def keep_facts(i: int, value: DocumentFacts | str) -> None:
            facts[i] = value

        _drain(client, extracted, {k: i for i, k in enumerate(ex_keys)}, watch, keep_facts,
               label=f"extracting on {len(client.scheduler_info()['workers'])} Dask worker(s)", progress=progress)
        corpus = ClusterCorpus(failed=[shown(f) for f in facts if isinstance(f, str)])
        log.debug("map: %d texts extracted in %.1f s", len(jobs), time.perf_counter() - t0)
        if strict and corpus.failed:
            raise BuildError(f"{len(corpus.failed)} source file(s) could not be read (--strict): "
                             + "; ".join(corpus.failed))
        ok = [i for i, f in enumerate(facts) if isinstance(f, DocumentFacts)]
        docs = [f for f in facts if isinstance(f, DocumentFacts)]
        corpus.documents = len(docs)
        for d in docs:
            corpus.warnings.extend(f"{d.doc_id}: {w}" for w in d.warnings)

        # 2. reduce: cross-document resolution, exactly the serial build's code on the same order.
        t1 = time.perf_counter()
        iris, corpus.resolved = resolved_quads(docs, curated=curated)
        log.debug("reduce: %d entities resolved across texts in %.1f s", len(iris), time.perf_counter() - t1)
        facts.clear()  # what the reduce did not keep can go
        docs.clear()

        # 3. map: the document quads, with the IRIs sent once to every worker.
        [iris_f] = client.scatter([iris], broadcast=True, hash=False)
        rdf_keys = [f"rikg-rdf-{run}-{i}" for i in ok]
        watch.texts.update({k: f"writing the quads of {paths[i]}" for k, i in zip(rdf_keys, ok, strict=True)})
        written = [client.submit(document_nquads, paths[i], metas[i], extracted[i], iris_f, key=k, pure=False)
                   for k, i in zip(rdf_keys, ok, strict=True)]
        shards = _Shards(shard_dir)
        labels: dict[int, list[Quad]] = {}

        def keep_quads(i: int, value: tuple[bytes, list[Quad]]) -> None:
            shards.write(value[0])
            labels[i] = value[1]
            extracted[i] = None  # the facts on the worker are no longer needed: let Dask release them

        try:
            _drain(client, written, {k: i for k, i in zip(rdf_keys, ok, strict=True)}, watch, keep_quads,
                   label="document quads", progress=progress)
        finally:
            shards.close()
        corpus.shards = shards.paths
        log.debug("map: document quads of %d texts in %.1f s", len(ok), time.perf_counter() - t1)
        corpus.labels = [q for i in sorted(labels) for q in labels[i]]  # file order, as the serial pass sees them
        return corpus
    finally:
        watch.stop(client)


def build_on_cluster(sources: Path, store_path: Path, *, address: str | None = None, workers: int = 0,
                     strict: bool = False, progress: bool = False, curated: Path | str | None = None) -> BuildReport:
    """`rikg build --cluster ADDRESS` (or `--workers N`): the same store as rikg.build.build_store."""
    t0 = time.perf_counter()
    report = BuildReport(Path(store_path))
    files = source_files(Path(sources))
    meta = read_metadata(Path(sources))
    jobs = [(f.absolute(), meta.get(f.name, {})) for f in files]  # workers may run in another folder
    given, absolute = str(Path(sources)), str(Path(sources).absolute())
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    # Shards beside the store: the same disk, and a store of that size has room for its N-Quads.
    with tempfile.TemporaryDirectory(prefix=f".{store_path.name}.shards-", dir=store_path.parent) as tmp:
        with connect(address, workers or (os.cpu_count() or 1)) as client:
            _check_shared(client, Path(absolute))
            # Unreadable texts named as the serial build names them: by the folder as given.
            corpus = extract_on_cluster(jobs, client, Path(tmp), strict=strict, progress=progress, curated=curated,
                                        shown=lambda message: message.replace(absolute, given, 1))
        report.failed = corpus.failed
        for f in report.failed:
            log.warning("skipped %s", f)
        kept = _imported_quads(store_path)
        head = ontology_quads() + corpus.resolved
        # The serial build's pass over every label; the documents' folded labels came with their shards.
        head += search_label_quads(head + corpus.labels, gazetteer_acronyms())
        t1 = time.perf_counter()
        with replacing(store_path) as store:
            store.bulk_extend(head)
            for shard in corpus.shards:
                store.bulk_load(path=str(shard), format=RdfFormat.N_QUADS)
            if kept:
                store.bulk_extend(kept)
                report.warnings.append(f"kept {len(kept)} quads loaded with `rikg import` "
                                       "(default graph and own graphs)")
            report.triples = len(store)
            _count(store, report)
        log.debug("write: %d quads bulk-loaded from %d shard(s) in %.1f s", report.triples, len(corpus.shards),
                 time.perf_counter() - t1)
    report.documents = corpus.documents
    report.warnings.extend(corpus.warnings)
    # SHACL runs on an in-memory copy of the graph, which a corpus this size does not fit.
    report.shapes = "not checked on a cluster build"
    report.seconds = time.perf_counter() - t0
    return report
