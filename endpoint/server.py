"""`rikg serve`: the Flask app under granian, with a one-line-per-request access log on stdout."""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any


class _LogSink:
    """Writes log lines from a background thread through a bounded queue.

    A request thread never blocks on stdout: if whoever reads our stdout stops reading (a full pipe),
    lines are dropped instead of stalling the server.
    """

    def __init__(self, stream: Any = None, capacity: int = 10_000) -> None:
        self._stream = stream or sys.stdout
        self._queue: queue.Queue[str] = queue.Queue(capacity)
        threading.Thread(target=self._run, name="rikg-log", daemon=True).start()

    def __call__(self, line: str) -> None:
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(line)

    def _run(self) -> None:
        while True:
            line = self._queue.get()
            try:
                self._stream.write(line + "\n")
                self._stream.flush()
            except (OSError, ValueError):
                return


class _Logged:
    """Wraps a response body to count its bytes and log the request when the server closes it."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int, str], None]) -> None:
        self._body = body
        self._done = done
        self._bytes = 0
        self._error = ""

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._body:
                self._bytes += len(chunk)
                yield chunk
        except Exception as e:
            self._error = f" aborted: {e}"
            raise

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._done(self._bytes, self._error)


class AccessLog:
    """WSGI middleware: `METHOD /path STATUS BYTES MSms` per request."""

    def __init__(self, app: Callable, sink: Callable[[str], None]) -> None:
        self.app = app
        self.sink = sink

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()
        status = ["-"]

        def capture(s: str, headers: list, exc_info: Any = None) -> Callable:
            status[0] = s.split(" ", 1)[0]
            return start_response(s, headers, exc_info)

        def done(n: int, error: str) -> None:
            ms = (time.perf_counter() - started) * 1000
            self.sink(f"{environ.get('REQUEST_METHOD', '-')} {environ.get('PATH_INFO', '')} "
                      f"{status[0]} {n} {ms:.1f}ms{error}")

        return _Logged(self.app(environ, capture), done)


class CheapQueries:
    """WSGI middleware: a provably cheap query (executor.cheap_subject) answered before Flask.

    A point lookup costs the engine ~0.05 ms; Flask's request object, URL building and hooks cost
    ten times that. Only the plainest requests take this path: GET /sparql?query=... with no other
    parameter, or POST application/sparql-query with a small UTF-8 body and no URL parameters, asking
    (by Accept) for a SPARQL results format. Anything else, and any failure, goes on to the app, which
    answers exactly as it would have (the POST body is handed on unread).
    """

    def __init__(self, app: Any) -> None:
        from rikg.endpoint import negotiation as neg

        self.app = app
        self._executor = app.extensions["rikg.executor"]
        self._prefixes = dict(app.config["RIKG_PREFIXES"])
        self._neg = neg
        self._offers = (*neg.RESULTS_FORMATS, neg.HTML)
        self._enabled = hasattr(self._executor, "answer_cheap")
        self._formats: dict[str, Any] = {}

    def _format(self, accept: str | None) -> Any:
        """The results format for an Accept header (None: HTML or nothing acceptable), memoised:
        clients send the same few headers again and again."""
        key = accept or ""
        if key not in self._formats:
            try:
                fmt = self._neg.choose(accept, self._offers)
            except self._neg.NotAcceptable:
                fmt = None
            if len(self._formats) > 256:
                self._formats.clear()
            self._formats[key] = None if fmt is self._neg.HTML else fmt
        return self._formats[key]

    def _query(self, environ: dict) -> str | None:
        method = environ.get("REQUEST_METHOD")
        qs = environ.get("QUERY_STRING", "")
        if method == "GET":
            if not qs.startswith("query=") or "&" in qs or ";" in qs:
                return None
            return urllib.parse.unquote_plus(qs[6:], errors="strict")
        if method != "POST" or qs or environ.get("CONTENT_TYPE", "").strip().lower() not in (
                "application/sparql-query", "application/sparql-query; charset=utf-8"):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or -1)
        except ValueError:
            return None
        if not 0 < length <= 4096:
            return None
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # the app can still read it
        environ["CONTENT_LENGTH"] = str(len(body))
        return body.decode("utf-8")

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self._enabled and environ.get("PATH_INFO") == "/sparql":
            try:
                answer = self._answer(environ)
            except Exception:  # noqa: BLE001 - the app reports every error in its own words
                answer = None
            if answer is not None:
                body, content_type = answer
                start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body))),
                                          ("Vary", "Accept"), ("Access-Control-Allow-Origin", "*")])
                return [body]
        return self.app(environ, start_response)

    def _answer(self, environ: dict) -> tuple[bytes, str] | None:
        from rikg.endpoint.executor import Job, cheap_subject, simple_subject

        query = self._query(environ)
        if query is None or len(query) > 4096:
            return None
        prefixes = {}  # a lookup spelled with full IRIs needs none (and parses faster without)
        subject = simple_subject(query)
        if subject is None:
            prefixes = self._prefixes
            subject = cheap_subject(query, prefixes)
            if subject is None:
                return None
        fmt = self._format(environ.get("HTTP_ACCEPT"))
        if fmt is None:
            return None
        # No base IRI: cheap_subject admits absolute IRIs only, so nothing is resolved against one.
        job = Job("query", query, results_format=fmt.key, prefixes=prefixes)
        body = self._executor.answer_cheap(job, subject)
        return None if body is None else (body, fmt.content_type)


class ServeError(RuntimeError):
    """The server cannot start (port taken, upstream unusable): one line for the CLI."""


CONFIG_ENV = "RIKG_SERVE_CONFIG"


def app_from_environment() -> Callable:
    """The WSGI app of one granian worker process, configured by serve() through the environment
    (granian forks its workers and imports the app by name, so arguments cannot be passed)."""
    import atexit

    from rikg.endpoint.app import create_app

    # Popped: granian copies os.environ into every request's environ, and this holds the update token.
    cfg = json.loads(os.environ.pop(CONFIG_ENV))
    app = create_app(cfg["store"], allow_updates=cfg["allow_updates"], update_token=cfg["update_token"],
                     timeout=cfg["timeout"], service_allow=cfg["service_allow"], workers=cfg["query_workers"],
                     upstream=cfg["upstream"])
    # Kill this process's query workers and drop its snapshots when granian stops the worker.
    atexit.register(app.extensions["rikg.executor"].close)
    return AccessLog(CheapQueries(app), _LogSink())


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise ServeError(f"cannot listen on {host}:{port}: {e.strerror}") from None


def serve(store: Path | str, *, host: str = "127.0.0.1", port: int = 7878, allow_updates: bool = False,
          update_token: str | None = None, timeout: float = 30.0, service_allow: Iterable[str] | None = None,
          threads: int | None = None, workers: int | None = None, upstream: str | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM) under granian; the query workers stop with the server.

    Why granian: a bare Flask handler answered 2-5x more requests per second under granian (2 WSGI
    workers) than under waitress or gunicorn on the 2-core bench machine (docs/performance.md).
    A read-only server runs one granian worker per core (each with its own query workers, all
    read-only on the same store); a writable one runs one, since a store has one read-write handle.
    """
    from granian import Granian
    from granian.constants import Interfaces, Loops
    from granian.log import LogLevels

    if upstream is not None:
        from rikg.endpoint.upstream import check_upstream

        check_upstream(upstream, timeout=min(timeout, 10.0))
    _check_port(host, port)
    cores = os.cpu_count() or 1
    # Threads per granian worker: a request waiting on a query worker holds one; more than this only
    # contend for the GIL (granian warns above 2 per core + 1).
    threads = threads or 2 * cores + 1
    if workers is None:
        workers = 1 if allow_updates else max(1, min(cores, 4))
    os.environ[CONFIG_ENV] = json.dumps({
        "store": str(store), "allow_updates": allow_updates, "update_token": update_token, "timeout": timeout,
        "service_allow": None if service_allow is None else list(service_allow),
        # query worker processes per granian worker: together about one per core, at least two each
        # so that a runaway query never leaves a granian worker without one
        "query_workers": max(2, -(-cores // workers)), "upstream": upstream,
    })
    server = Granian("rikg.endpoint.server:app_from_environment", factory=True, address=host, port=port,
                     interface=Interfaces.WSGI, workers=workers, blocking_threads=threads, loop=Loops.asyncio,
                     log_level=LogLevels.warning, log_access=False, respawn_failed_workers=True,
                     workers_kill_timeout=5)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    mode = "read-write" if allow_updates else "read-only"
    what = f"upstream {upstream}" if upstream is not None else str(store)
    print(f"rikg: serving {what} ({mode}) at http://{shown}:{port}/ "
          f"- SPARQL endpoint http://{shown}:{port}/sparql", flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
