"""`rikg serve`: the Flask app behind waitress, with a one-line-per-request access log on stdout."""

from __future__ import annotations

import contextlib
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rikg.endpoint.common import UPLOAD_LIMIT


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


def serve(store: Path | str, *, host: str = "127.0.0.1", port: int = 7878, allow_updates: bool = False,
          update_token: str | None = None, timeout: float = 30.0, service_allow: Iterable[str] | None = None,
          threads: int = 12) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); the query workers stop with the server."""
    from waitress import create_server

    from rikg.endpoint.app import create_app

    app = create_app(store, allow_updates=allow_updates, update_token=update_token, timeout=timeout,
                     service_allow=service_allow)
    sink = _LogSink()
    server = create_server(AccessLog(app, sink), host=host, port=port, threads=threads,
                           max_request_body_size=UPLOAD_LIMIT, ident="rikg", clear_untrusted_proxy_headers=True,
                           channel_timeout=max(120, int(timeout) + 30))

    def stop(_signum: int, _frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    mode = "read-write" if allow_updates else "read-only"
    print(f"rikg: serving {store} ({mode}) at http://{shown}:{server.effective_port}/ "
          f"- SPARQL endpoint http://{shown}:{server.effective_port}/sparql", flush=True)
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        with contextlib.suppress(Exception):
            server.close()
        app.extensions["rikg.executor"].close()
