"""Query execution isolated in killable worker processes, with streamed results.

Why processes: pyoxigraph has no timeout or cancellation, and a query holds its thread inside Rust
until it finishes. Each read runs in a worker process (endpoint/worker.py) that opens the store
read-only; the server waits for the first chunk at most `timeout` seconds (and at most `timeout`
between later chunks), and otherwise kills the worker (SIGKILL is safe on a read-only handle),
answers 503, and starts a fresh worker in the background. Other requests keep running on the other
workers.

Consistency with updates: writes go through the one read-write handle in the server process under
a writer lock and then bump `generation`. Each job carries the generation it was sent with; a
worker whose handle is older reopens the store (about 7 ms; RocksDB's read-only open replays the
write-ahead log, so unflushed writes are visible). The reopen happens under the reader side of the
same lock, so a worker never opens the store halfway through a write.

Other modules use `select`, `construct` and `ask`; the protocol uses `stream`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import os
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

    def message(self, generation: object) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["generation"] = generation
        return d


class _RWLock:
    """Many readers or one writer; writers do not starve (new readers wait while a writer waits)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class _Worker:
    _ids = itertools.count(1)

    def __init__(self, store_path: str) -> None:
        self.id = next(self._ids)
        self.conn, child = _CTX.Pipe(duplex=True)
        self.proc = _CTX.Process(target=worker_module.main, args=(child, store_path),
                                 name=f"rikg-query-{self.id}", daemon=True)
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

    def __init__(self, store_path: str, size: int, warm: int) -> None:
        self._path = store_path
        self._size = size
        self._idle: list[_Worker] = []
        self._count = 0
        self._cond = threading.Condition()
        self._closed = False
        for _ in range(min(warm, size)):
            self._spawn_in_background()

    def _spawn_in_background(self) -> None:
        with self._cond:
            self._count += 1

        def spawn() -> None:
            try:
                w = _Worker(self._path)
            except Exception:
                with self._cond:
                    self._count -= 1
                    self._cond.notify_all()
                raise
            with self._cond:
                if self._closed:
                    w.kill()
                    return
                self._idle.append(w)
                self._cond.notify_all()

        threading.Thread(target=spawn, name="rikg-spawn", daemon=True).start()

    def acquire(self, deadline: float) -> _Worker:
        with self._cond:
            while True:
                while self._idle:
                    w = self._idle.pop()
                    if w.alive():
                        return w
                    self._count -= 1
                    w.kill()
                if self._count < self._size:
                    self._count += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServerBusy(f"all {self._size} query workers are busy; try again shortly")
                self._cond.wait(remaining)
        try:
            return _Worker(self._path)
        except Exception:
            with self._cond:
                self._count -= 1
                self._cond.notify_all()
            raise

    def release(self, w: _Worker) -> None:
        with self._cond:
            if self._closed:
                w.kill()
                return
            self._idle.append(w)
            self._cond.notify_all()

    def discard(self, w: _Worker, *, replace: bool = True) -> None:
        """Kill a worker (timed out, abandoned or broken) and keep the pool at strength."""
        w.kill()
        with self._cond:
            self._count -= 1
            self._cond.notify_all()
        if replace and not self._closed:
            self._spawn_in_background()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
        for w in idle:
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
                self._ex._pool.release(self._worker)
                self._worker = None
            else:  # an error after the response started: cut the stream so the client sees it broke
                self._abandon()
                raise QueryError(msg[2], msg[1])

    def read(self) -> bytes:
        return b"".join(self)

    def _abandon(self) -> None:
        if self._worker is not None:
            self._ex._pool.discard(self._worker)
            self._worker = None

    def close(self) -> None:
        """Called by the WSGI server when the response ends or the client goes away."""
        self._abandon()


class Executor:
    """Runs reads in worker processes and writes on the server's own read-write handle."""

    def __init__(self, store_path: Path | str, *, timeout: float = 30.0, workers: int | None = None,
                 writable: bool = False, stream_limit: float | None = None) -> None:
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        # A stream that keeps producing may run longer than one query's timeout, but not forever.
        self.stream_limit = stream_limit if stream_limit is not None else max(300.0, 10 * self.timeout)
        size = workers or max(2, min(4, os.cpu_count() or 2))
        self._pool = _Pool(self.store_path, size, warm=2)
        self._lock = _RWLock()
        self._writes = 0
        self._primary: Any = None
        if writable:
            from rikg.store import open_store

            self._primary = open_store(Path(self.store_path), create=True)

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

    @contextlib.contextmanager
    def writing(self) -> Iterator[Any]:
        """The read-write store, exclusively; readers started afterwards see the changes."""
        if self._primary is None:
            raise QueryError("this server is read-only", 403)
        with self._lock.write():
            try:
                yield self._primary
            finally:
                self._writes += 1

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
            with self._lock.read():
                w.conn.send(job.message(self.generation))
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
            return ResultStream(self, w, limit, [], first[1])
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
