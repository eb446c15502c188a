"""The Flask application: every HTTP route of `rikg serve`, wired to one query executor."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from flask import Flask, Response, request

from rikg.endpoint.common import DEFAULT_SERVICE_ALLOW, QUERY_BODY_LIMIT, UPLOAD_LIMIT, error_response
from rikg.endpoint.executor import Executor, QueryError
from rikg.vocab import PREFIXES

# Paths whose writes (PUT/POST/DELETE) must not be opened to other origins: a browser page from
# elsewhere gets no CORS grant for them, so only same-origin pages and non-browser clients can write.
_WRITE_PATHS = ("/update", "/store")


def create_app(store_path: Path | str, *, allow_updates: bool = False, update_token: str | None = None,
               timeout: float = 30.0, service_allow: Iterable[str] | None = None, max_html_rows: int = 1000,
               workers: int | None = None, upstream: str | None = None) -> Flask:
    app = Flask("rikg.endpoint")
    app.config.update(
        RIKG_STORE=Path(store_path),
        RIKG_PREFIXES=dict(PREFIXES),
        RIKG_ALLOW_UPDATES=allow_updates,
        RIKG_UPDATE_TOKEN=update_token or None,
        RIKG_TIMEOUT=timeout,
        RIKG_SERVICE_ALLOW=tuple(DEFAULT_SERVICE_ALLOW if service_allow is None else service_allow),
        RIKG_MAX_HTML_ROWS=max_html_rows,
        # Werkzeug refuses larger bodies with 413 wherever Flask parses them (multipart uploads);
        # the query and update routes read the body themselves with the 1 MiB query limit.
        MAX_CONTENT_LENGTH=UPLOAD_LIMIT,
        RIKG_QUERY_BODY_LIMIT=QUERY_BODY_LIMIT,
    )
    if upstream is not None:  # `rikg serve --upstream URL`: every read goes to that SPARQL endpoint
        from rikg.endpoint.upstream import UpstreamExecutor

        executor = UpstreamExecutor(upstream, timeout=timeout)
    else:
        executor = Executor(store_path, timeout=timeout, workers=workers, writable=allow_updates)
    app.extensions["rikg.executor"] = executor

    from rikg.endpoint.service_description import StatisticsCache

    app.extensions["rikg.statistics"] = StatisticsCache()

    from rikg.endpoint.graph_store import blueprint as gsp_blueprint
    from rikg.endpoint.linked_data import blueprint as ld_blueprint
    from rikg.endpoint.protocol import blueprint as protocol_blueprint
    from rikg.endpoint.reconcile import blueprint as reconcile_blueprint
    from rikg.endpoint.search import blueprint as search_blueprint
    from rikg.endpoint.service_description import blueprint as sd_blueprint
    from rikg.endpoint.ui import blueprint as ui_blueprint
    from rikg.endpoint.update import blueprint as update_blueprint

    for bp in (protocol_blueprint, update_blueprint, gsp_blueprint, sd_blueprint, ui_blueprint, ld_blueprint,
               search_blueprint, reconcile_blueprint):
        app.register_blueprint(bp)

    @app.before_request
    def preflight() -> Response | None:
        # CORS preflight for reads; Flask would otherwise answer OPTIONS without our headers.
        if request.method == "OPTIONS":
            resp = Response(status=204)
            if not request.path.startswith(_WRITE_PATHS):
                resp.headers["Access-Control-Allow-Origin"] = "*"
                resp.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
                resp.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
                resp.headers["Access-Control-Max-Age"] = "86400"
            return resp
        return None

    @app.after_request
    def cors(resp: Response) -> Response:
        # Reads are public (CORS "*" lets browser notebooks and other UIs query); writes are not granted.
        if request.method in ("GET", "HEAD") or (request.method == "POST" and request.path == "/sparql"):
            resp.headers.setdefault("Access-Control-Allow-Origin", "*")
        return resp

    @app.errorhandler(413)
    def too_large(_e: Exception) -> Response:
        return error_response(413, "request body too large")

    @app.errorhandler(QueryError)
    def query_error(e: QueryError) -> Response:
        # For blueprints (UI, Linked Data) that call the executor and let its errors propagate.
        return error_response(e.status, e.message)

    return app
