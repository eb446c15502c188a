"""`rikg build --cluster ADDRESS` and `--workers N`: the extraction of a large corpus on Dask distributed.

The build is a map, a reduce and a second map:
  1. map, on the workers: each batch of texts -> their facts (read, normalise, segment, recognise, resolve
     within the text, extract: rikg.loaders.pipeline); a task holds up to BATCH_MAX consecutive texts, since
     the scheduler's cost is paid per task (one task a text spent a third of a 2-core machine on it);
  2. reduce, in the client: the facts of every text, in file order as the serial build has them (the
     order decides ties between names) -> entities merged across texts, their IRIs and their quads
     (rikg.build.resolved_quads, the code the serial build runs);
  3. map, on the workers: each batch + the IRIs -> the quads of its documents, sent back as N-Quads;
  4. the client appends them to N-Quads shard files beside the store, and a thread bulk-loads each shard
     into a new store as soon as it is complete (while the workers write the next); the new store replaces
     the old one only when everything succeeded (rikg.store.replacing).
The graph is the serial build's, quad for quad (tests/test_cluster_build.py).

Workers read the texts by path, as the client names them: on a cluster of several machines the sources
folder has to be on a filesystem every worker mounts at the same path (NFS or a cluster filesystem, the
usual Dask deployment). The facts of every text are held by the client for the reduce (about 40 KB per
text of 2,000 characters): docs/performance.md has the measured memory and the way past it.

A worker that dies while it runs one of this build's tasks fails the build with the text it was on (each
worker says which text of its batch it starts; Dask would quietly run the batch again elsewhere, and a text
that kills its worker would then kill the next one): nothing has been written by then, so the previous
store stays as it was; a text whose loader raises fails the build with its name.
"""

from __future__ import annotations

import logging
import os
import queue
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, serialize

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
SHARD_BYTES = 64 * 1024 * 1024  # N-Quads per shard file: big enough for the bulk loader, small enough that
# the last one, loaded after the workers are done, is a short tail
_POLL = 0.05  # seconds between looks at the finished tasks and the watch on the workers
BATCH_MAX = 64  # texts a task at most (see `batches`)


# --- the tasks: plain functions of plain data, run in the worker processes --------------------------------

class TextFailed(Exception):
    """A text of a batch raised: args are what the worker was doing ("extracting PATH") and the error."""


def _on_text(topic: str, what: str) -> None:
    """Tell the client which text this worker starts: a task holds a batch of texts, and a worker that dies
    must be reported with the text it was on, not with its whole batch."""
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:
        return  # called outside a worker (the functions are plain and may run anywhere)
    worker.log_event(topic, (worker.address, what))


def extract_text(path: str, metadata: dict[str, str]) -> DocumentFacts | str:
    """One text's facts, or the reason it cannot be read (reported and skipped, as serially)."""
    try:
        return process_file(Path(path), metadata).facts
    except SourceError as e:
        return str(e)


def extract_batch(paths: list[str], metas: list[dict[str, str]], topic: str) -> list[DocumentFacts | str]:
    """Map step 1: the facts of a batch of texts (one task a batch: the scheduler's cost is paid per task)."""
    out = []
    for path, meta in zip(paths, metas, strict=True):
        what = f"extracting {path}"
        _on_text(topic, what)
        try:
            out.append(extract_text(path, meta))
        except Exception as e:  # a loader's defect: name the text, not the batch
            raise TextFailed(what, f"{type(e).__name__}: {' '.join(str(e).split())}") from e
    return out


def document_nquads(path: str, metadata: dict[str, str], facts: DocumentFacts, iris: dict[str, NamedNode]
                    ) -> tuple[bytes, list[Quad]]:
    """One document's own quads (evidence, relations, outcomes, events, and the folded search labels of its
    labels) as N-Quads, and the labels the client's acronym pass needs to see.

    The text is read and normalised again rather than kept from step 1: that costs ~3 ms against the
    ~25 ms of step 1, and keeps the workers free of per-text state between the two steps."""
    source = read_source(Path(path), metadata)
    quads = document_quads(source, normalise(source.text), facts, iris)
    # rikg:foldedLabel is one quad per (entity, folded value, graph): the document's share is its own.
    quads += search_label_quads(quads)
    acronym_iris = _acronym_iris()
    labels = [q for q in quads if q.predicate.value in LABEL_PREDICATES and q.subject.value in acronym_iris]
    return serialize(quads, format=RdfFormat.N_QUADS), labels


def batch_nquads(paths: list[str], metas: list[dict[str, str]], facts: list[DocumentFacts | str],
                 iris: dict[str, NamedNode], topic: str) -> tuple[bytes, list[list[Quad]]]:
    """Map step 2: the N-Quads of a batch's documents, in file order, and each readable one's labels."""
    data, labels = [], []
    for path, meta, f in zip(paths, metas, facts, strict=True):
        if isinstance(f, DocumentFacts):
            what = f"writing the quads of {path}"
            _on_text(topic, what)
            try:
                nq, lab = document_nquads(path, meta, f, iris)
            except Exception as e:
                raise TextFailed(what, f"{type(e).__name__}: {' '.join(str(e).split())}") from e
            data.append(nq)
            labels.append(lab)
    return b"".join(data), labels


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
    one of this build's tasks is recorded with the text it was on. The handlers run in the client's event
    loop thread; the main thread reads `dead` between batches.

    A task holds a batch of texts; the worker says which one it starts on the build's own topic
    (`_on_text`), and the watch keeps the last one per worker. It subscribes to each worker's own topic,
    polled for newcomers (a nanny restarts a dead worker under a new address), not to the scheduler's "all"
    topic: some events there carry objects that cannot be sent to a client (a broadcast `scatter` logs
    WorkerState objects), and the failed send closes the client's connection."""

    def __init__(self, texts: dict[str, list[str]], topic: str) -> None:
        self.texts = texts  # task key -> "extracting PATH" / "writing the quads of PATH", one per text
        self.topic = topic
        self.current: dict[str, str] = {}  # worker address -> what it started last
        self.dead: list[str] = []
        self.topics: set[str] = set()
        self._polled = 0.0

    def follow(self, client: Client, *, every: float = 1.0) -> None:
        """Subscribe to the workers that joined since the last call (at most once per `every` seconds)."""
        now = time.monotonic()
        if now - self._polled < every:
            return
        self._polled = now
        if self.topic not in self.topics:
            client.subscribe_topic(self.topic, self.on_text)
            self.topics.add(self.topic)
        for address in client.scheduler_info()["workers"]:
            if address not in self.topics:
                client.subscribe_topic(address, partial(self.on_event, address))
                self.topics.add(address)

    def stop(self, client: Client) -> None:
        for address in self.topics:
            client.unsubscribe_topic(address)

    def on_text(self, event: tuple[float, Any]) -> None:
        _, (address, what) = event
        self.current[address] = what

    def on_event(self, address: str, event: tuple[float, Any]) -> None:
        _, msg = event
        if not isinstance(msg, dict) or msg.get("action") != "remove-worker" or msg.get("expected"):
            return
        doing = []
        for key in msg.get("processing-tasks", ()):
            if key in self.texts:
                batch = self.texts[key]
                on = self.current.get(address)
                doing.append(on if on in batch else
                             f"holding a batch of {len(batch)} texts ({batch[0]} ... {batch[-1]})")
        if doing:
            self.dead.append(f"Dask worker {address} died while {' and '.join(sorted(doing))}")

    def check(self) -> None:
        if self.dead:
            raise BuildError(self.dead[0] + "; nothing was written, the previous store is unchanged")


@contextmanager
def connect(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `address` (left running afterwards), or of a local cluster of
    `workers` processes with one thread each (the loaders hold the GIL), closed afterwards."""
    from distributed import Client, LocalCluster

    # The scheduler's and the workers' own INFO lines would bury the build's summary, and on a failure
    # their tracebacks would bury its one-line reason. Dask's logging config gives some children their
    # own level ("distributed.client" warns "Couldn't gather ... rescheduling" when a worker dies), so the
    # parent's level alone does not reach them.
    for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] in ("distributed", "tornado")]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
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


def _drain(client: Client, futures: list[Future], keys: dict[str, int], sizes: list[int], watch: _DeathWatch,
           on_result: Callable[[int, Any], None], *, label: str, progress: bool) -> None:
    """Gather finished tasks in batches as they come, checking the watch on the workers in between;
    `sizes` is the number of texts of each task (for the progress line)."""
    from distributed import as_completed

    total, done = sum(sizes), 0
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
            done += sizes[keys[fut.key]]
        meter.show(f"{done:,}/{total:,} texts", force=done == total)
    meter.done()


def _task_failed(fut: Future, watch: _DeathWatch) -> None:
    from distributed import KilledWorker

    watch.check()
    batch = watch.texts.get(fut.key, [str(fut.key)])
    what = batch[0] if len(batch) == 1 else f"{batch[0]} ... {batch[-1]} (a batch of {len(batch)} texts)"
    if fut.status == "cancelled":
        raise BuildError(f"lost the Dask scheduler while {what}; nothing was written, the previous store is unchanged")
    exc = fut.exception()
    if isinstance(exc, TextFailed):
        raise BuildError(f"failed while {exc.args[0]}: {exc.args[1]}")
    if isinstance(exc, KilledWorker):
        raise BuildError(f"Dask workers died while {what}; nothing was written, the previous store is unchanged")
    raise BuildError(f"failed while {what}: {type(exc).__name__}: {' '.join(str(exc).split())}")


class _Shards:
    """N-Quads files in `folder`, a new one every SHARD_BYTES; each file is handed to `done` once it is
    complete (the loader bulk-loads it while the workers write the next)."""

    def __init__(self, folder: Path, done: Callable[[Path], None]) -> None:
        self.folder, self.paths, self._out, self._size, self._done = folder, [], None, 0, done

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
            self._done(self.paths[-1])


class _Loader:
    """Bulk-loads finished shards into the new store in a thread of its own, while map 2 goes on: the load
    was a third of a 2-worker build when it came after the map. pyoxigraph's bulk loader releases the GIL
    while it parses and writes, so the client keeps gathering meanwhile. A shard is deleted once loaded."""

    def __init__(self, store: Store) -> None:
        self.store: Store | None = store
        self.queue: queue.Queue[Path | None] = queue.Queue()
        self.error: BaseException | None = None
        self.seconds = 0.0
        self.thread = threading.Thread(target=self._run, name="rikg-bulk-load", daemon=True)
        self.thread.start()

    def put(self, shard: Path) -> None:
        self.queue.put(shard)

    def _run(self) -> None:
        while (shard := self.queue.get()) is not None:
            if self.error is None and self.store is not None:
                t0 = time.perf_counter()
                try:
                    self.store.bulk_load(path=str(shard), format=RdfFormat.N_QUADS)
                except BaseException as e:  # re-raised in the client's thread by finish()
                    self.error = e
                self.seconds += time.perf_counter() - t0
            shard.unlink(missing_ok=True)

    def finish(self) -> None:
        """Wait for the shards handed over so far; raise what the loader met."""
        self.queue.put(None)
        self.thread.join()
        self.store = None  # the store is closed by its last holder before it is swapped in
        if self.error is not None:
            raise self.error


def batches(n: int, workers: int) -> list[range]:
    """The texts split into consecutive batches, one task each: about eight tasks a worker (so the work
    stays balanced as texts differ in length), never more than BATCH_MAX texts a task (so a progress line
    and a retry stay small) nor fewer than one."""
    size = max(1, min(BATCH_MAX, -(-n // (8 * max(1, workers)))))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def extract_on_cluster(jobs: list[tuple[Path, dict[str, str]]], client: Client, shard_dir: Path, *,
                       strict: bool = False, progress: bool = False, curated: Path | str | None = None,
                       shown: Callable[[str], str] = str,
                       on_shard: Callable[[Path], None] = lambda path: None) -> ClusterCorpus:
    """The map, reduce and map of the module docstring; shards are written into `shard_dir` and each is
    handed to `on_shard` once complete. `shown` turns the message of an unreadable text (which names the path
    the worker read) into the one to report."""
    run = uuid.uuid4().hex[:10]  # keys unique to this build on a scheduler that others may share
    topic = f"rikg-text-{run}"
    paths = [str(p) for p, _ in jobs]
    metas = [m for _, m in jobs]
    n_workers = len(client.scheduler_info()["workers"])
    parts = batches(len(jobs), n_workers)
    sizes = [len(b) for b in parts]
    ex_keys = [f"rikg-extract-{run}-{j}" for j in range(len(parts))]
    watch = _DeathWatch({k: [f"extracting {paths[i]}" for i in b] for k, b in zip(ex_keys, parts, strict=True)},
                        topic)
    watch.follow(client, every=0)
    t0 = time.perf_counter()
    try:
        # 1. map: facts per batch of texts, kept on the workers for step 3 and copied here for the reduce.
        extracted = [client.submit(extract_batch, [paths[i] for i in b], [metas[i] for i in b], topic, key=k,
                                   pure=False) for k, b in zip(ex_keys, parts, strict=True)]
        facts: list[DocumentFacts | str | None] = [None] * len(jobs)

        def keep_facts(j: int, value: list[DocumentFacts | str]) -> None:
            for i, f in zip(parts[j], value, strict=True):
                facts[i] = f

        _drain(client, extracted, {k: j for j, k in enumerate(ex_keys)}, sizes, watch, keep_facts,
               label=f"extracting on {n_workers} Dask worker(s)", progress=progress)
        corpus = ClusterCorpus(failed=[shown(f) for f in facts if isinstance(f, str)])
        log.debug("map: %d texts extracted in %.1f s (%d tasks)", len(jobs), time.perf_counter() - t0, len(parts))
        if strict and corpus.failed:
            raise BuildError(f"{len(corpus.failed)} source file(s) could not be read (--strict): "
                             + "; ".join(corpus.failed))
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

        # 3. map: the document quads per batch, with the IRIs sent once to every worker.
        t2 = time.perf_counter()
        [iris_f] = client.scatter([iris], broadcast=True, hash=False)
        rdf_keys = [f"rikg-rdf-{run}-{j}" for j in range(len(parts))]
        watch.texts.update({k: [f"writing the quads of {paths[i]}" for i in b]
                            for k, b in zip(rdf_keys, parts, strict=True)})
        written = [client.submit(batch_nquads, [paths[i] for i in b], [metas[i] for i in b], extracted[j], iris_f,
                                 topic, key=k, pure=False)
                   for j, (k, b) in enumerate(zip(rdf_keys, parts, strict=True))]
        shards = _Shards(shard_dir, on_shard)
        labels: dict[int, list[list[Quad]]] = {}

        def keep_quads(j: int, value: tuple[bytes, list[list[Quad]]]) -> None:
            shards.write(value[0])
            labels[j] = value[1]
            # the facts and these quads on the worker are no longer needed: a future held here keeps its result
            # there (holding them kept 12 GB of N-Quads on two workers at 100k texts)
            extracted[j] = written[j] = None

        try:
            _drain(client, written, {k: j for j, k in enumerate(rdf_keys)}, sizes, watch, keep_quads,
                   label="document quads", progress=progress)
        finally:
            shards.close()
        corpus.shards = shards.paths
        log.debug("map: document quads of %d texts in %.1f s", corpus.documents, time.perf_counter() - t2)
        # file order, as the serial pass sees them
        corpus.labels = [q for j in sorted(labels) for doc in labels[j] for q in doc]
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
    kept = _imported_quads(store_path)
    # Shards beside the store: the same disk, and a store of that size has room for its N-Quads. They are
    # loaded into the new store as they are completed; it replaces the old one only if everything succeeds.
    with tempfile.TemporaryDirectory(prefix=f".{store_path.name}.shards-", dir=store_path.parent) as tmp, \
            replacing(store_path) as store:
        loader = _Loader(store)
        try:
            with connect(address, workers or (os.cpu_count() or 1)) as client:
                _check_shared(client, Path(absolute))
                # Unreadable texts named as the serial build names them: by the folder as given.
                corpus = extract_on_cluster(jobs, client, Path(tmp), strict=strict, progress=progress,
                                            curated=curated, on_shard=loader.put,
                                            shown=lambda message: message.replace(absolute, given, 1))
        finally:
            t1 = time.perf_counter()
            loader.finish()  # also on a failure: the thread must be done with the store before it goes
        report.failed = corpus.failed
        for f in report.failed:
            log.warning("skipped %s", f)
        head = ontology_quads() + corpus.resolved
        # The serial build's pass over every label; the documents' folded labels came with their shards.
        head += search_label_quads(head + corpus.labels, gazetteer_acronyms())
        store.bulk_extend(head)
        if kept:
            store.bulk_extend(kept)
            report.warnings.append(f"kept {len(kept)} quads loaded with `rikg import` "
                                   "(default graph and own graphs)")
        report.triples = len(store)
        _count(store, report)
        log.debug("write: %d quads bulk-loaded from %d shard(s), %.1f s of it while the workers ran, "
                  "%.1f s after them", report.triples, len(corpus.shards), loader.seconds,
                  time.perf_counter() - t1)
    report.documents = corpus.documents
    report.warnings.extend(corpus.warnings)
    # SHACL runs on an in-memory copy of the graph, which a corpus this size does not fit.
    report.shapes = "not checked on a cluster build"
    report.seconds = time.perf_counter() - t0
    return report
