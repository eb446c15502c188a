"""The query worker: a separate process that reads the store and streams serialised results back.

pyoxigraph cannot cancel a query, so every read runs here, where the server can kill it. A worker
opens the store read-only (RocksDB allows any number of read-only openers beside one writer) and
reopens it when the job carries a newer store generation, so it sees every write that finished
before the job was sent.

Messages to the server: ("chunk", bytes)..., and finally ("end", info, last_bytes) or
("error", status, message). Only plain Python values cross the pipe.
"""

from __future__ import annotations

import time
from multiprocessing.connection import Connection
from typing import Any

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

CHUNK = 256 * 1024  # bytes per message: few enough messages, small enough to stream


class _ChunkWriter:
    """A file-like sink that ships serialised bytes to the server in CHUNK-sized messages."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._buf = bytearray()
        self.sent = 0

    def write(self, data: bytes) -> int:
        self._buf += data
        if len(self._buf) >= CHUNK:
            self._send()
        return len(data)

    def take(self) -> bytes:
        """What is still buffered: it travels with the final message, so a small result is one message."""
        data = bytes(self._buf)
        self.sent += len(data)
        self._buf.clear()
        return data

    def flush(self) -> None:
        """Ignored: serialisers flush when they finish, and the tail should ride on the final message."""

    def _send(self) -> None:
        if self._buf:
            self._conn.send(("chunk", bytes(self._buf)))
            self.sent += len(self._buf)
            self._buf.clear()


def results_format(key: str) -> QueryResultsFormat:
    return {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML,
            "csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV}[key]


def _rdf_format(key: str) -> RdfFormat:
    return {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "rdf": RdfFormat.RDF_XML,
            "jsonld": RdfFormat.JSON_LD, "nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}[key]


def term_json(term: Any) -> dict[str, Any]:
    """A term as a SPARQL 1.1 JSON results binding."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    return {"type": "literal", "value": str(term)}


def _query(store: Store, job: dict[str, Any]) -> QuerySolutions | QueryBoolean | QueryTriples:
    kwargs: dict[str, Any] = {"base_iri": job.get("base_iri"), "prefixes": job.get("prefixes")}
    defaults, named = job.get("default_graphs"), job.get("named_graphs")
    if defaults is not None or named is not None:
        # The protocol dataset replaces FROM/FROM NAMED; a missing part is empty, as the spec says.
        kwargs["default_graph"] = [NamedNode(g) for g in defaults or []]
        kwargs["named_graphs"] = [NamedNode(g) for g in named or []]
    elif job.get("union", True):
        kwargs["use_default_graph_as_union"] = True
    return store.query(job["query"], **kwargs)


def run_job(store: Store, job: dict[str, Any], out: Any) -> dict[str, Any]:
    """Execute one job, streaming chunks into `out`; returns the info sent with the final message."""
    op = job["op"]
    if op == "query":
        result = _query(store, job)
        if isinstance(result, QueryTriples):
            fmt = _rdf_format(job["rdf_format"])
            prefixes = job.get("prefixes") if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
            serialize(result, out, fmt, prefixes=prefixes or None)
            kind = "graph"
        else:
            result.serialize(out, results_format(job["results_format"]))
            kind = "boolean" if isinstance(result, QueryBoolean) else "solutions"
        return {"kind": kind}
    if op == "rows":
        result = _query(store, job)
        if isinstance(result, QueryBoolean):
            return {"kind": "boolean", "boolean": bool(result)}
        if isinstance(result, QueryTriples):
            limit = job.get("limit")
            triples = []
            for i, t in enumerate(result):
                if limit is not None and i >= limit:
                    return {"kind": "graph", "triples": triples, "truncated": True}
                triples.append([term_json(t.subject), term_json(t.predicate), term_json(t.object)])
            return {"kind": "graph", "triples": triples, "truncated": False}
        names = [v.value for v in result.variables]
        limit = job.get("limit")
        rows: list[dict[str, Any]] = []
        for i, solution in enumerate(result):
            if limit is not None and i >= limit:
                return {"kind": "solutions", "vars": names, "bindings": rows, "truncated": True}
            rows.append({n: term_json(solution[n]) for n in names if solution[n] is not None})
        return {"kind": "solutions", "vars": names, "bindings": rows, "truncated": False}
    if op == "graph":
        graph = job.get("graph")
        if graph is not None and not store.contains_named_graph(NamedNode(graph)):
            return {"exists": False}
        if job.get("head"):
            return {"exists": True}
        g = NamedNode(graph) if graph is not None else DefaultGraph()
        fmt = _rdf_format(job["rdf_format"])
        triples = (Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, g))
        prefixes = job.get("prefixes") if fmt == RdfFormat.TURTLE else None
        serialize(triples, out, fmt, prefixes=prefixes or None)
        return {"exists": True}
    if op == "dump":
        from rikg.store import export

        export(store, out, job["rdf_format"], job.get("graph"))
        return {}
    raise ValueError(f"unknown job {op!r}")


def open_read_only(path: str) -> Store:
    # A writer compacting at the same moment can make a read-only open fail once; try again.
    for attempt in range(5):
        try:
            return Store.read_only(path)
        except OSError:
            if attempt == 4:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def status_for(exc: BaseException) -> int:
    """The HTTP status of a failed job."""
    message = str(exc)
    if isinstance(exc, RuntimeError) and "unbound" in message:
        return 400  # an unbound SERVICE variable
    if type(exc).__name__ == "StoreError":  # rikg.store.export: no such graph
        return 404
    if isinstance(exc, SyntaxError | ValueError | TypeError):
        return 400  # the request is wrong: bad syntax, bad IRI...
    return 500


def main(conn: Connection) -> None:
    """Serve jobs until the server closes the pipe (or kills this process)."""
    store: Store | None = None
    generation: object = None
    opened_path: str | None = None
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if store is None or job["generation"] != generation or job["store_path"] != opened_path:
                store = None  # drop the old handle before opening the new one
                store = open_read_only(job["store_path"])
                generation, opened_path = job["generation"], job["store_path"]
            out = _ChunkWriter(conn)
            info = run_job(store, job, out)
            conn.send(("end", info, out.take()))
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - every failure becomes an HTTP error for the request
            message = str(exc) or type(exc).__name__
            if isinstance(exc, OSError) and "No such file" in message:
                # an SST file compacted away under an old read-only handle: reopen for the next job
                store = None
            try:
                conn.send(("error", status_for(exc), message))
            except (BrokenPipeError, OSError):
                return
