"""`--into URL`: the graph written into another SPARQL 1.1 store through the Graph Store HTTP Protocol.

One request per named graph (`?graph=IRI`, `?default` for the default graph), with N-Triples bodies
serialised by Oxigraph. The graph is spooled to a temporary file first (in memory while small), so memory
stays bounded; a graph bigger than `chunk_bytes` goes as several requests, the first replacing (PUT) and the
rest adding (POST), unless it holds blank nodes, whose labels only mean the same node within one request:
such a graph is streamed as one request. Graphs the load does not name are never touched, so an
interrupted load leaves the target's other graphs as they were, and the graphs written so far are listed.
`connect` checks the target before any work with a throwaway test graph (see there).
"""

from __future__ import annotations

import base64
import http.client
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, BinaryIO

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store

from rikg.progress import Meter, rate
from rikg.store import StoreError

_RDF_TYPES = ("application/n-triples", "text/turtle", "application/n-quads", "application/trig",
              "application/rdf+xml", "application/ld+json", "text/n3")
CHUNK_BYTES = 64 << 20  # per request: big enough to keep request overhead small, small enough for any server
_SPOOL_IN_MEMORY = 16 << 20
_TIMEOUT = 300.0  # a big PUT can keep the target busy for minutes; a dead one is found by connect()'s probe


class RemoteError(StoreError):
    """The target store cannot be reached, is no Graph Store, refuses us, or failed during the load."""


@dataclass
class Target:
    """A Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph), .../sparql-graph-crud (Virtuoso)."""

    url: str  # without credentials: safe to print
    scheme: str
    host: str
    port: int
    path: str  # with its own query string, if any
    headers: dict[str, str] = field(default_factory=dict)
    _conn: http.client.HTTPConnection | None = None

    def graph_path(self, graph: NamedNode | DefaultGraph) -> str:
        query = "default" if isinstance(graph, DefaultGraph) else "graph=" + urllib.parse.quote(graph.value, safe="")
        return self.path + ("&" if "?" in self.path else "?") + query

    def connection(self) -> http.client.HTTPConnection:
        # One kept-alive connection: a corpus has a graph per text, so per-request handshakes would dominate.
        if self._conn is None:
            cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
            self._conn = cls(self.host, self.port, timeout=_TIMEOUT, blocksize=1 << 20)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(self, method: str, path: str, body: bytes | IO[bytes] | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str, str, bytes]:
        """(status, reason, content type, body)."""
        conn = self.connection()
        try:
            conn.request(method, path, body=body, headers={**self.headers, **(headers or {})})
            resp = conn.getresponse()
            status, reason, ctype = resp.status, resp.reason, resp.getheader("Content-Type", "")
            data = resp.read()
            if resp.will_close:
                self.close()
            return status, reason, ctype, data
        except BaseException:
            self.close()
            raise


def connect(url: str, token: str | None = None) -> Target:
    """Check, before any work is done, that `url` is a Graph Store endpoint that takes our writes: a test
    graph with a fresh IRI (urn:uuid:...) is written, read back and deleted. A read alone would not do:
    Virtuoso refuses `?default` unless configured, and a store open for reads may still refuse writes
    (401/403), which should be said at the start, not after a long build. `token` is a bearer token, or
    USER:PASSWORD for HTTP Basic (credentials in the URL, http://user:pw@host/..., work too)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"--into {url}: give the Graph Store URL, e.g. http://127.0.0.1:7878/store")
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password or "") if parts.username else None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    shown = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    headers = {"User-Agent": "rikg"}
    if token and ":" in token and not token.startswith("Bearer "):
        user, password = token.split(":", 1)
    elif token:
        headers["Authorization"] = "Bearer " + token.removeprefix("Bearer ")
    if user is not None:
        pair = f"{user}:{password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    target = Target(shown, parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80),
                    (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), headers)
    probe = NamedNode(f"urn:uuid:{uuid.uuid4()}")
    marker = f"rikg --into probe {probe.value}"
    path = target.graph_path(probe)
    status, reason, _, _ = _call(target, "test write", lambda: target.request(
        "PUT", path, f'<{probe.value}> <{probe.value}> "{marker}" .\n'.encode(),
        {"Content-Type": "application/n-triples"}))
    if status in (401, 403):
        raise RemoteError(f"{shown} answered {status} {reason} to a write: "
                          + ("the credentials were refused" if "Authorization" in headers
                             else "give credentials with --into-token TOKEN or --into-token USER:PASSWORD"))
    if not 200 <= status < 300:
        raise RemoteError(f"{shown} is not a SPARQL Graph Store endpoint: a PUT of a test graph answered "
                          f"{status} {reason}")
    status, reason, ctype, data = _call(target, "test read", lambda: target.request(
        "GET", path, headers={"Accept": "application/n-triples"}))
    _call(target, "test delete", lambda: target.request("DELETE", path))
    media = ctype.split(";")[0].strip().lower()
    if not 200 <= status < 300 or media not in _RDF_TYPES or marker.encode() not in data:
        raise RemoteError(f"{shown} is not a SPARQL Graph Store endpoint: it took a test graph but gave back "
                          f"{status} {reason} ({media or 'no content type'})")
    return target


def _call(target: Target, what: str, fn: Callable[[], tuple[int, str, str, bytes]]) -> tuple[int, str, str, bytes]:
    try:
        return fn()
    except ConnectionRefusedError:
        raise RemoteError(f"cannot reach {target.url}: connection refused (is the store running?)") from None
    except TimeoutError:
        raise RemoteError(f"{target.url} did not answer the {what} in time") from None
    except (OSError, http.client.HTTPException) as e:
        detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
        raise RemoteError(f"{target.url}: the {what} failed: {detail}") from None


@dataclass
class PushReport:
    target: str
    written: list[tuple[str, int]] = field(default_factory=list)  # (graph, triples), in order
    seconds: float = 0.0

    @property
    def quads(self) -> int:
        return sum(n for _, n in self.written)

    def summary(self) -> str:
        return f"wrote {len(self.written)} graph(s) to {self.target}: {rate(self.quads, self.seconds)}"


def graph_label(graph: NamedNode | DefaultGraph) -> str:
    return "default graph" if isinstance(graph, DefaultGraph) else f"<{graph.value}>"


def push(store: Store, target: Target, *, replace: bool = True, chunk_bytes: int = CHUNK_BYTES,
         progress: bool = False, out: IO[str] | None = None) -> PushReport:
    """Write every graph of `store` to `target`: PUT (replace) each graph when `replace`, else POST (add).
    Each graph is printed to `out` once the target has taken it, so an interrupted load shows what it wrote;
    a failure raises RemoteError naming the graph it was on. Empty named graphs are sent too (as an empty
    PUT) so that the target lists the same graph names; an empty default graph is left alone."""
    out = out or sys.stdout
    report = PushReport(target.url)
    t0 = time.perf_counter()
    graphs: list[NamedNode | DefaultGraph] = []
    if next(iter(store.quads_for_pattern(None, None, None, DefaultGraph())), None) is not None:
        graphs.append(DefaultGraph())
    graphs.extend(sorted((g for g in store.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value))
    meter = Meter(f"writing to {target.url}", enabled=progress)
    for i, graph in enumerate(graphs, 1):
        meter.show(f"graph {i:,} of {len(graphs):,}, {report.quads:,} quads")
        try:
            n = _push_graph(store, target, graph, replace, chunk_bytes)
        except KeyboardInterrupt:
            raise RemoteError(_interrupted(report, graph, "interrupted")) from None
        except RemoteError as e:
            raise RemoteError(_interrupted(report, graph, str(e))) from None
        report.written.append((graph_label(graph), n))
        print(f"  wrote {graph_label(graph)}: {n} triples", file=out, flush=True)
    meter.done()
    target.close()
    report.seconds = time.perf_counter() - t0
    return report


def _interrupted(report: PushReport, graph: NamedNode | DefaultGraph, why: str) -> str:
    done = (f"{len(report.written)} graph(s) written before it, listed above"
            if report.written else "no graph was written")
    return (f"load into {report.target} stopped at {graph_label(graph)} ({why}); {done}; "
            "the target's other graphs are untouched")


def _push_graph(store: Store, target: Target, graph: NamedNode | DefaultGraph, replace: bool,
                chunk_bytes: int) -> int:
    path = target.graph_path(graph)
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
        store.dump(spool, RdfFormat.N_TRIPLES, from_graph=graph)
        size = spool.tell()
        spool.seek(0)
        triples = 0
        for k, (body, length, lines) in enumerate(_parts(spool, size, chunk_bytes)):
            method = "PUT" if replace and k == 0 else "POST"
            # An explicit length: http.client would send a file body chunked, which not every store accepts.
            headers = {"Content-Type": "application/n-triples", "Content-Length": str(length)}
            status, reason, _, data = _call(target, f"{method} of {graph_label(graph)}",
                                            lambda b=body, m=method, h=headers: target.request(m, path, b, h))
            if not 200 <= status < 300:
                hint = " (give --into-token)" if status in (401, 403) else ""
                # the store's own message, unless it is an HTML error page
                detail = "" if data.lstrip()[:1] == b"<" else " ".join(data.decode("utf-8", "replace").split())[:200]
                written = f"; {triples} of its triples were written" if triples else ""
                raise RemoteError(f"{method} answered {status} {reason}{hint}{': ' + detail if detail else ''}"
                                  f"{written}")
            triples += lines
        return triples


def _parts(spool: BinaryIO, size: int, chunk_bytes: int) -> Iterator[tuple[bytes | BinaryIO, int, int]]:
    """(body, its length in bytes, its line count) per request. Small graphs: one body in memory. Big graphs
    without blank nodes: slices of about `chunk_bytes` cut at line ends (one triple per N-Triples line). Big
    graphs with blank nodes: the whole spool file as one streamed body, so each blank node stays one node."""
    if size <= chunk_bytes:
        data = spool.read()
        yield data, len(data), data.count(b"\n")
        return
    lines = 0
    has_bnodes = False
    while block := spool.read(1 << 24):
        lines += block.count(b"\n")
        has_bnodes = has_bnodes or b"_:" in block  # may also match inside a literal: then one request, still right
    spool.seek(0)
    if has_bnodes:
        yield spool, size, lines
        return
    rest = b""
    # Each read tops the carried-over partial line up to `chunk_bytes`; a single line longer than that
    # (a huge literal) makes one longer body rather than a broken triple.
    while block := spool.read(chunk_bytes - len(rest) if len(rest) < chunk_bytes else chunk_bytes):
        data = rest + block
        cut = data.rfind(b"\n") + 1
        data, rest = data[:cut], data[cut:]
        if data:
            yield data, len(data), data.count(b"\n")
    if rest:
        yield rest, len(rest), rest.count(b"\n")
