"""Query execution isolated in killable worker processes, with streamed results.

Why processes: pyoxigraph has no timeout or cancellation, and a query holds its thread inside Rust
until it finishes. Each read runs in a worker process (endpoint/worker.py) that opens the store
read-only; the server waits for the first chunk at most `timeout` seconds (and at most `timeout`
between later chunks), and otherwise kills the worker (SIGKILL is safe on a read-only handle),
answers 503, and starts a fresh worker in the background. Other requests keep running on the other
workers.

Consistency with updates: writes go through the one read-write handle in the server process, one
at a time. After each write the server takes a RocksDB checkpoint of the store (`Store.backup`: hard
links to the immutable table files, ~10 ms) into a new snapshot folder; every job carries the snapshot
current when it was sent, and a worker whose handle is older reopens on that snapshot. So a query sees
every write that finished before it started. Workers never open the live folder of a writable store:
measured, a read-only handle there breaks when the writer's background compaction deletes a table
file it has not opened yet ("No such file or directory"). Snapshots no worker uses any more are
deleted. A read-only server has no writer, and its workers open the store folder itself.

Other modules use `select`, `construct` and `ask`; the protocol uses `stream`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rikg.endpoint import worker as worker_module
from rikg.vocab import PREFIXES

_CTX = multiprocessing.get_context("spawn")  # never fork a process that holds RocksDB and threads


class QueryError(Exception):
    """A query failed; `status` is the HTTP status to answer with."""

    status = 500

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        return str(self)


class QueryTimeout(QueryError):
    status = 503


class ServerBusy(QueryError):
    status = 503


class NotFound(QueryError):
    status = 404


@dataclass
class Job:
    """One unit of work for a worker (see worker._run for the ops)."""

    op: str  # query | rows | graph | dump
    query: str | None = None
    results_format: str = "json"
    rdf_format: str = "ttl"
    base_iri: str | None = None
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    union: bool = True  # no dataset in the request: the default graph is the union of all graphs
    limit: int | None = None
    graph: str | None = None
    head: bool = False
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))

    def message(self, generation: object, store_path: str) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["generation"] = generation
        d["store_path"] = store_path
        return d


class _Worker:
    _ids = itertools.count(1)

    def __init__(self) -> None:
        self.id = next(self._ids)
        self.snapshot: str | None = None  # the store folder of the last job sent to this worker
        self.conn, child = _CTX.Pipe(duplex=True)
        self.proc = _CTX.Process(target=worker_module.main, args=(child,), name=f"rikg-query-{self.id}",
                                 daemon=True)
        self.proc.start()
        child.close()  # the parent keeps one end, so a dead worker shows up as EOF

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        with contextlib.suppress(Exception):
            self.proc.join(timeout=2)

    def alive(self) -> bool:
        return self.proc.is_alive()


class _Pool:
    """At most `size` workers; idle ones are reused, killed ones are replaced in the background."""

    def __init__(self, size: int, warm: int) -> None:
        self._size = size
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._starting = 0
        self._cond = threading.Condition()
        self._closed = False
        for _ in range(min(warm, size)):
            self._spawn_in_background()

    def _count(self) -> int:
        return len(self._all) + self._starting

    def _spawn(self) -> _Worker:
        """Start a worker for a slot already reserved in `_starting`."""
        try:
            w = _Worker()
        finally:
            with self._cond:
                self._starting -= 1
                self._cond.notify_all()
        with self._cond:
            self._all.add(w)
        return w

    def _spawn_in_background(self) -> None:
        with self._cond:
            if self._closed or self._count() >= self._size:
                return
            self._starting += 1

        def spawn() -> None:
            w = self._spawn()
            self.release(w)

        threading.Thread(target=spawn, name="rikg-spawn", daemon=True).start()

    def acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while True:
                while self._idle:
                    w = self._idle.pop()
                    if w.alive():
                        return w
                    self._all.discard(w)
                    w.kill()
                if self._count() < self._size:
                    self._starting += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServerBusy(f"all {self._size} query workers are busy; try again shortly")
                self._cond.wait(remaining)
        return self._spawn()

    def release(self, w: _Worker) -> None:
        with self._cond:
            if self._closed:
                self._all.discard(w)
                w.kill()
                return
            self._idle.append(w)
            self._cond.notify_all()

    def discard(self, w: _Worker) -> None:
        """Kill a worker (timed out, abandoned or broken) and keep the pool at strength."""
        w.kill()
        with self._cond:
            self._all.discard(w)
            self._cond.notify_all()
        self._spawn_in_background()

    def snapshots_in_use(self) -> set[str]:
        with self._cond:
            return {w.snapshot for w in self._all if w.snapshot is not None}

    def close(self) -> None:
        with self._cond:
            self._closed = True
            workers, self._idle, self._all = list(self._all), [], set()
        for w in workers:
            w.kill()


class ResultStream:
    """The chunks of one job's output. The first chunk is already read (errors raise before any
    response header is sent); iterating yields the rest. Closing early kills the worker."""

    def __init__(self, executor: Executor, worker: _Worker, timeout: float, first: list[bytes],
                 info: dict[str, Any] | None) -> None:
        self._ex = executor
        self._worker: _Worker | None = worker if info is None else None
        self._timeout = timeout
        self._pending = first
        self.info = info
        self.started = time.monotonic()
        if info is not None:
            executor._pool.release(worker)

    def __iter__(self) -> Iterator[bytes]:
        while self._pending:
            yield self._pending.pop(0)
        hard_deadline = self.started + self._ex.stream_limit
        while self._worker is not None:
            deadline = min(time.monotonic() + self._timeout, hard_deadline)
            msg = self._ex._receive(self._worker, deadline, self._timeout)
            if msg[0] == "chunk":
                yield msg[1]
            elif msg[0] == "end":
                self.info = msg[1]
                if msg[2]:
                    yield msg[2]
                self._ex._pool.release(self._worker)
                self._worker = None
            else:  # an error after the response started: cut the stream so the client sees it broke
                self._abandon()
                raise QueryError(msg[2], msg[1])

    def read(self) -> bytes:
        return b"".join(self)

    @property
    def complete(self) -> bool:
        """True when the whole output is already here (a small result): it can go out with a
        Content-Length, which keeps the HTTP connection open for the client's next request."""
        return self._worker is None

    def body(self) -> bytes | ResultStream:
        """The response body: bytes for a complete result, else this stream."""
        return self.read() if self.complete else self

    def _abandon(self) -> None:
        if self._worker is not None:
            self._ex._pool.discard(self._worker)
            self._worker = None

    def close(self) -> None:
        """Called by the WSGI server when the response ends or the client goes away."""
        self._abandon()


def _remove_stale_snapshots(folder: Path, name: str) -> None:
    """Delete snapshot folders left by servers that were killed (their pid no longer runs)."""
    for d in folder.glob(f"{name}.snapshots-*"):
        try:
            pid = int(d.name.rsplit("-", 1)[1])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except (ValueError, PermissionError):
            continue


class Executor:
    """Runs reads in worker processes and writes on the server's own read-write handle."""

    def __init__(self, store_path: Path | str, *, timeout: float = 30.0, workers: int | None = None,
                 writable: bool = False, stream_limit: float | None = None) -> None:
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        # A stream that keeps producing may run longer than one query's timeout, but not forever.
        self.stream_limit = stream_limit if stream_limit is not None else max(300.0, 10 * self.timeout)
        size = workers or max(2, min(4, os.cpu_count() or 2))
        self._pool = _Pool(size, warm=2)
        self._write_lock = threading.Lock()
        self._snap_lock = threading.Lock()  # guards which snapshot is current and which are in use
        self._writes = 0
        self._primary: Any = None
        self._snapshots: Path | None = None
        self._current = self.store_path
        if writable:
            from rikg.store import open_store

            self._primary = open_store(Path(self.store_path), create=True)
            name = Path(self.store_path).name
            # beside the store, on the same file system, so checkpoints are hard links, not copies
            self._snapshots = Path(self.store_path).with_name(f"{name}.snapshots-{os.getpid()}")
            _remove_stale_snapshots(Path(self.store_path).parent, name)
            shutil.rmtree(self._snapshots, ignore_errors=True)
            self._snapshots.mkdir(parents=True)
            self._take_snapshot()

    # -- generation ----------------------------------------------------------------------------

    @property
    def generation(self) -> tuple[int, int, int]:
        """Changes after every write here and when the store folder is replaced (rikg build)."""
        try:
            st = os.stat(self.store_path)
            ident = (st.st_ino, st.st_dev)
        except OSError:
            ident = (0, 0)
        return (self._writes, *ident)

    def _take_snapshot(self) -> None:
        assert self._primary is not None and self._snapshots is not None
        target = self._snapshots / f"g{self._writes:08d}"
        shutil.rmtree(target, ignore_errors=True)
        self._primary.backup(str(target))
        with self._snap_lock:
            self._current = str(target)
        self._drop_unused_snapshots()

    def _drop_unused_snapshots(self) -> None:
        if self._snapshots is None:
            return
        with self._snap_lock:
            keep = {self._current, *self._pool.snapshots_in_use()}
            old = [d for d in self._snapshots.iterdir() if str(d) not in keep]
        for d in old:
            shutil.rmtree(d, ignore_errors=True)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Any]:
        """The read-write store, exclusively; queries sent afterwards see the changes."""
        if self._primary is None:
            raise QueryError("this server is read-only", 403)
        with self._write_lock:
            try:
                yield self._primary
            finally:
                self._writes += 1
                self._take_snapshot()

    # -- reads ---------------------------------------------------------------------------------

    def _receive(self, w: _Worker, deadline: float, timeout: float) -> tuple[Any, ...]:
        remaining = deadline - time.monotonic()
        try:
            ready = remaining > 0 and w.conn.poll(remaining)
            if ready:
                return w.conn.recv()
        except (EOFError, OSError):
            self._pool.discard(w)
            raise QueryError("the query worker died (out of memory?)", 500) from None
        self._pool.discard(w)
        raise QueryTimeout(
            f"query timed out: it ran longer than this server's limit of {timeout:g} s and was stopped; "
            "add a LIMIT or make the patterns more selective")

    def stream(self, job: Job, timeout: float | None = None) -> ResultStream:
        """Start a job; returns once the first chunk (or the whole result) is there."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        w = self._pool.acquire(deadline)
        try:
            with self._snap_lock:
                w.snapshot = self._current
                generation = self.generation
            w.conn.send(job.message(generation, w.snapshot))
            first = self._receive(w, deadline, limit)
        except QueryError:
            raise
        except (BrokenPipeError, OSError):
            self._pool.discard(w)
            raise QueryError("the query worker died", 500) from None
        if first[0] == "opened":
            first = self._receive(w, deadline, limit)
        if first[0] == "error":
            self._pool.release(w)
            if job.op == "graph" and first[1] == 404:
                raise NotFound(first[2])
            raise QueryError(first[2], first[1])
        if first[0] == "end":
            return ResultStream(self, w, limit, [first[2]] if first[2] else [], first[1])
        return ResultStream(self, w, limit, [first[1]], None)

    def run(self, job: Job, timeout: float | None = None) -> tuple[bytes, dict[str, Any]]:
        """A job's whole output and final info."""
        s = self.stream(job, timeout)
        try:
            data = s.read()
        finally:
            s.close()
        return data, s.info or {}

    def rows(self, query: str, *, limit: int | None = None, timeout: float | None = None,
             **dataset: Any) -> dict[str, Any]:
        """SELECT/ASK/CONSTRUCT results as plain data: {"vars", "bindings", "truncated"} for SELECT,
        {"boolean"} for ASK, {"triples"} (each [s, p, o] as JSON terms) for graphs."""
        _, info = self.run(Job("rows", query, limit=limit, **dataset), timeout)
        return info

    # The small API the UI and Linked Data pages use. Queries naming no dataset see all graphs.

    def select(self, query: str, *, limit: int | None = None, timeout: float | None = None) -> list[dict]:
        """Solutions of a SELECT as SPARQL JSON bindings: [{"var": {"type":..., "value":...}}, ...]."""
        info = self.rows(query, limit=limit, timeout=timeout)
        if info.get("kind") != "solutions":
            raise QueryError("select() needs a SELECT query", 400)
        return info["bindings"]

    def ask(self, query: str, *, timeout: float | None = None) -> bool:
        info = self.rows(query, timeout=timeout)
        if info.get("kind") != "boolean":
            raise QueryError("ask() needs an ASK query", 400)
        return bool(info["boolean"])

    def construct(self, query: str, fmt: str = "ttl", *, timeout: float | None = None) -> bytes:
        """A CONSTRUCT or DESCRIBE serialised as `fmt` (ttl, nt, rdf, jsonld, nq, trig)."""
        data, info = self.run(Job("query", query, rdf_format=fmt), timeout)
        if info.get("kind") != "graph":
            raise QueryError("construct() needs a CONSTRUCT or DESCRIBE query", 400)
        return data

    def select_json(self, query: str, **kw: Any) -> dict[str, Any]:
        """The full SPARQL JSON results document of a SELECT or ASK."""
        data, _ = self.run(Job("query", query, results_format="json"), kw.get("timeout"))
        return json.loads(data)

    def close(self) -> None:
        self._pool.close()
        if self._primary is not None:
            with contextlib.suppress(Exception):
                self._primary.flush()
            self._primary = None
        if self._snapshots is not None:
            shutil.rmtree(self._snapshots, ignore_errors=True)
