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

Cheap queries skip the hop: a query proven cheap from its tokens (one triple pattern with a bound
subject, SELECT or ASK, no dataset clause) whose subject has at most CHEAP_DEGREE quads is answered
on a read-only handle in the server process, serialised by the same code the workers run
(worker.run_job). Its cost is bounded by the subject's degree, so it cannot outlive the timeout; a
point lookup then costs what the engine needs plus the HTTP layer, not a pipe round trip.

Other modules use `select`, `construct` and `ask`; the protocol uses `stream`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rikg.endpoint import worker as worker_module
from rikg.endpoint.sparql_lex import Token, tokenize
from rikg.vocab import PREFIXES

_CTX = multiprocessing.get_context("spawn")  # never fork a process that holds RocksDB and threads
CHEAP_DEGREE = 10_000  # quads of one subject that an in-process lookup may scan (~5 ms)


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
    """One unit of work for a worker (see worker.run_job for the ops)."""

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


def _digits(toks: list[Token], i: int) -> int:
    """Index after a run of adjacent digit tokens starting at i (the tokenizer splits numbers)."""
    j = i
    while j < len(toks) and toks[j].kind == "other" and toks[j].text.isdigit() \
            and (j == i or toks[j].start == toks[j - 1].end):
        j += 1
    return j


_IRI = r"<([^<>\"{}|^`\\\x00-\x20]*)>"
_VAR = r"[?$]\w+"
# The common lookup spelled with full IRIs only: recognised by one regex, no tokenizing, no prefixes.
_SIMPLE = re.compile(
    rf"\s*(?:SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(?:\*|(?:{_VAR}\s*)+)|ASK)\s*(?:WHERE\s*)?"
    rf"\{{\s*{_IRI}\s+(?:{_VAR}|<[^<>\"{{}}|^`\\\x00-\x20]*>|a)\s+(?:{_VAR}|<[^<>\"{{}}|^`\\\x00-\x20]*>)\s*\.?\s*\}}\s*",
    re.IGNORECASE)
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_TOKEN = re.compile(_IRI)


def simple_subject(query: str) -> str | None:
    """The subject of a lookup written with full IRIs only (no prefixed names, no literals), else None."""
    m = _SIMPLE.fullmatch(query)
    if m is None or "\\" in query or "#" in _IRI_TOKEN.sub("", query):  # an escape or a comment: tokenize
        return None
    subject = m.group(1)
    return subject if _ABSOLUTE.match(subject) else None


def cheap_subject(query: str, prefixes: dict[str, str]) -> str | None:
    """The bound subject IRI when the query is provably a single-subject lookup, else None.

    Accepted: PREFIX declarations, then `SELECT [DISTINCT|REDUCED] (?v...|*) [WHERE] { S P O [.] }`
    with optional LIMIT/OFFSET, or `ASK [WHERE] { S P O [.] }`, where S is an absolute IRI, P a
    variable, IRI or `a`, and O a variable, IRI or plain/tagged/typed string. Anything else (BASE,
    FROM, blank nodes, expressions, more patterns) goes to a worker, which can be stopped.
    """
    from rikg.endpoint.sparql_lex import _resolve

    simple = simple_subject(query)
    if simple is not None:
        return simple
    toks = tokenize(query)
    known = dict(prefixes)
    i = 0
    while i < len(toks) and toks[i].keyword == "PREFIX":
        if i + 2 >= len(toks) or toks[i + 1].kind != "pname" or toks[i + 2].kind != "iri":
            return None
        known[toks[i + 1].text[:-1]] = toks[i + 2].text[1:-1]
        i += 3
    if i >= len(toks) or toks[i].keyword not in ("SELECT", "ASK"):
        return None
    select = toks[i].keyword == "SELECT"
    i += 1
    if select:
        if i < len(toks) and toks[i].keyword in ("DISTINCT", "REDUCED"):
            i += 1
        if i < len(toks) and toks[i].text == "*":
            i += 1
        else:
            start = i
            while i < len(toks) and toks[i].kind == "var":
                i += 1
            if i == start:
                return None
    if i < len(toks) and toks[i].keyword == "WHERE":
        i += 1
    if i + 4 > len(toks) or toks[i].text != "{":
        return None
    subject = _resolve(toks[i + 1], known)
    if subject is None:
        return None
    p = toks[i + 2]
    if not (p.kind == "var" or p.text == "a" or _resolve(p, known) is not None):
        return None
    i += 3
    o = toks[i]
    if o.kind == "var" or (o.kind in ("iri", "pname") and _resolve(o, known) is not None):
        i += 1
    elif o.kind == "string":
        i += 1
        if i + 1 < len(toks) and toks[i].text == "@" and toks[i + 1].kind == "word":
            i += 2
        elif i + 2 < len(toks) and toks[i].text == "^" and toks[i + 1].text == "^" \
                and _resolve(toks[i + 2], known) is not None:
            i += 3
    else:
        return None
    if i < len(toks) and toks[i].text == ".":
        i += 1
    if i >= len(toks) or toks[i].text != "}":
        return None
    i += 1
    while select and i < len(toks) and toks[i].keyword in ("LIMIT", "OFFSET"):
        j = _digits(toks, i + 1)
        if j == i + 1:
            return None
        i = j
    return subject if i == len(toks) else None


class _Buffer(bytearray):
    """The sink of an in-process job: serialisers write here, the response takes the bytes."""

    def write(self, data: bytes) -> int:
        self += data
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the bytes stay in memory."""


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

    def __init__(self, executor: Executor, worker: _Worker | None, timeout: float, first: list[bytes],
                 info: dict[str, Any] | None) -> None:
        self._ex = executor
        self._worker: _Worker | None = worker if info is None else None
        self._timeout = timeout
        self._pending = first
        self.info = info
        self.started = time.monotonic()
        if info is not None and worker is not None:
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


class QueryApi:
    """The small API the UI and Linked Data pages use, on top of an executor's `run(job, timeout)`: the local
    worker pool (Executor) and a remote engine (endpoint/upstream.py) share it. Queries naming no dataset see
    all graphs."""

    def stream(self, job: Job, timeout: float | None = None) -> Any:
        raise NotImplementedError

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


class Executor(QueryApi):
    """Runs reads in worker processes and writes on the server's own read-write handle."""

    def __init__(self, store_path: Path | str, *, timeout: float = 30.0, workers: int | None = None,
                 writable: bool = False, stream_limit: float | None = None) -> None:
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        # A stream that keeps producing may run longer than one query's timeout, but not forever.
        self.stream_limit = stream_limit if stream_limit is not None else max(300.0, 10 * self.timeout)
        size = workers or max(2, min(4, os.cpu_count() or 2))
        self._pool = _Pool(size, warm=size)  # all started now: a request never waits for a spawn
        self._write_lock = threading.Lock()
        self._snap_lock = threading.Lock()  # guards which snapshot is current and which are in use
        self._writes = 0
        self._primary: Any = None
        self._snapshots: Path | None = None
        self._current = self.store_path
        self._local: Any = None  # the server process's own read-only handle, for cheap queries
        self._local_key: tuple[Any, ...] | None = None
        self._local_lock = threading.Lock()
        self._small: set[str] = set()  # subjects known to have at most CHEAP_DEGREE quads
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
            if self._local_key is not None:
                keep.add(self._local_key[0])
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

    def _local_store(self) -> Any:
        """The in-process read-only handle on the data a worker would see now (reopened after a write
        or a rebuilt store); None when it cannot be opened (then workers answer)."""
        with self._snap_lock:
            key = (self._current, self.generation)
        with self._local_lock:
            if key != self._local_key:
                self._local = None
                self._small = set()
                try:
                    self._local = worker_module.open_read_only(key[0])
                except OSError:
                    self._local_key = None
                    return None
                self._local_key = key
            return self._local

    def _in_process(self, job: Job, limit: float, subject: str | None = None) -> ResultStream | None:
        """Answer a provably cheap query here (see cheap_subject); None to send it to a worker.
        `subject`: the caller has already proven the query cheap and found this subject."""
        if subject is None:
            if job.op not in ("query", "rows") or not job.query or len(job.query) > 4096:
                return None
            subject = cheap_subject(job.query, job.prefixes)
            if subject is None:
                return None
        from pyoxigraph import NamedNode

        store = self._local_store()
        if store is None:
            return None
        if subject not in self._small:
            try:
                scan = store.quads_for_pattern(NamedNode(subject), None, None, None)
            except ValueError:
                return None  # not an IRI pyoxigraph accepts: the worker reports it
            if sum(1 for _ in itertools.islice(scan, CHEAP_DEGREE + 1)) > CHEAP_DEGREE:
                return None
            if len(self._small) >= 100_000:
                self._small.clear()
            self._small.add(subject)  # the handle is read-only: the degree holds until it is reopened
        out = _Buffer()
        try:
            info = worker_module.run_job(store, job.message(None, self._local_key[0] if self._local_key else ""), out)
        except Exception as exc:  # noqa: BLE001 - mapped to an HTTP status exactly as in a worker
            raise QueryError(str(exc) or type(exc).__name__, worker_module.status_for(exc)) from None
        return ResultStream(self, None, limit, [bytes(out)] if out else [], info)

    def answer_cheap(self, job: Job, subject: str) -> bytes | None:
        """The whole output of a query the caller proved cheap (cheap_subject gave `subject`), computed
        in this process; None when it must go to a worker after all (a subject of too many quads)."""
        local = self._in_process(job, self.timeout, subject)
        return None if local is None else local.read()

    def stream(self, job: Job, timeout: float | None = None) -> ResultStream:
        """Start a job; returns once the first chunk (or the whole result) is there."""
        limit = self.timeout if timeout is None else timeout
        local = self._in_process(job, limit)
        if local is not None:
            return local
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
        if first[0] == "error":
            self._pool.release(w)
            if job.op == "graph" and first[1] == 404:
                raise NotFound(first[2])
            raise QueryError(first[2], first[1])
        if first[0] == "end":
            return ResultStream(self, w, limit, [first[2]] if first[2] else [], first[1])
        return ResultStream(self, w, limit, [first[1]], None)

    def close(self) -> None:
        self._pool.close()
        self._local = None
        if self._primary is not None:
            with contextlib.suppress(Exception):
                self._primary.flush()
            self._primary = None
        if self._snapshots is not None:
            shutil.rmtree(self._snapshots, ignore_errors=True)
