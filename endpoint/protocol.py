"""/sparql: the SPARQL 1.1 Protocol query operation.

GET with ?query=, POST form-encoded, POST application/sparql-query. The protocol dataset
(default-graph-uri, named-graph-uri) replaces FROM/FROM NAMED; a request naming no dataset sees the
union of all graphs as its default graph. GET without a query returns the service description.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, request
from markupsafe import escape

from rikg.endpoint import negotiation as neg
from rikg.endpoint.common import (
    HttpError,
    check_services,
    error_response,
    post_params,
    values,
)
from rikg.endpoint.executor import Executor, Job, QueryError
from rikg.endpoint.sparql_lex import analyse

blueprint = Blueprint("protocol", __name__)

DIRECT = "application/sparql-query"


@dataclass
class QueryRequest:
    query: str
    default_graphs: list[str]
    named_graphs: list[str]


def parse_request() -> QueryRequest | None:
    """The query and dataset of this request; None for a GET without a query (service description).

    Raises HttpError for every protocol violation the W3C tests name: more than one query, a POST
    without or with a wrong media type, a non-UTF-8 charset or body, an update sent here.
    """
    url_params = list(request.args.items(multi=True))
    params = url_params
    if request.method == "POST":
        params = post_params(url_params, "query", DIRECT, {
            "application/sparql-update": HttpError(415, "updates go to /update (this is the query endpoint)")})
    if values(params, "update"):
        raise HttpError(400, "updates go to /update with POST (this is the query endpoint)")
    queries = values(params, "query")
    if not queries:
        if request.method == "GET":
            return None
        raise HttpError(400, "no query given (parameter 'query' or an application/sparql-query body)")
    if len(queries) > 1:
        raise HttpError(400, f"{len(queries)} queries given; send exactly one 'query' parameter")
    return QueryRequest(queries[0], values(params, "default-graph-uri"), values(params, "named-graph-uri"))


def _offers(form: str | None) -> tuple[neg.Format, ...]:
    if form in ("CONSTRUCT", "DESCRIBE"):
        return neg.GRAPH_FORMATS
    # SELECT, ASK, or unknown (a syntax error will be reported whatever the format)
    return (*neg.RESULTS_FORMATS, neg.HTML)


def _format_params() -> list[str]:
    return request.args.getlist("format") + request.args.getlist("output")


def answer(qr: QueryRequest) -> Response:
    executor: Executor = current_app.extensions["rikg.executor"]
    prefixes = current_app.config["RIKG_PREFIXES"]
    info = analyse(qr.query, prefixes)
    check_services(info.services)
    try:
        fmt = neg.choose(request.headers.get("Accept"), _offers(info.form), _format_params())
    except neg.NotAcceptable as e:
        raise HttpError(406, str(e)) from None
    has_protocol_dataset = bool(qr.default_graphs or qr.named_graphs)
    job = Job(
        "query", qr.query,
        base_iri=request.base_url,
        default_graphs=qr.default_graphs if has_protocol_dataset else None,
        named_graphs=qr.named_graphs if has_protocol_dataset else None,
        union=not info.has_dataset,
        prefixes=dict(prefixes),
    )
    if fmt is neg.HTML:
        job.op, job.limit = "rows", current_app.config["RIKG_MAX_HTML_ROWS"]
        _, result = executor.run(job)
        return Response(render_html(qr.query, result), content_type=neg.HTML.content_type,
                        headers={"Vary": "Accept"})
    if fmt.rdf is not None:
        job.rdf_format = fmt.key
    else:
        job.results_format = fmt.key
    stream = executor.stream(job)
    # A small result goes out whole (with Content-Length, so the connection stays open); a large one
    # streams chunk by chunk as the worker produces it (direct_passthrough: Werkzeug must not buffer).
    resp = Response(stream.body(), content_type=fmt.content_type, direct_passthrough=not stream.complete)
    resp.headers["Vary"] = "Accept"
    return resp


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    try:
        qr = parse_request()
        if qr is None:
            from rikg.endpoint.service_description import service_description

            return service_description()
        return answer(qr)
    except HttpError as e:
        return error_response(e.status, str(e), e.headers)
    except QueryError as e:
        return error_response(e.status, e.message)


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    value = str(term.get("value", ""))
    if term.get("type") == "uri":
        href = value
        if value.startswith("https://w3id.org/rikg/id/"):
            href = "/id/" + value[len("https://w3id.org/rikg/id/"):]
        return f'<a href="{escape(href)}">{escape(value)}</a>'
    if term.get("type") == "bnode":
        return f"_:{escape(value)}"
    suffix = ""
    if term.get("xml:lang"):
        suffix = f' <span class="lang">@{escape(term["xml:lang"])}</span>'
    elif term.get("datatype"):
        suffix = f' <span class="dt">^^{escape(term["datatype"])}</span>'
    return f"{escape(value)}{suffix}"


def render_html(query: str, result: dict) -> str:
    """A plain HTML table of results for browsers, capped at the server's row limit."""
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>SPARQL results</title>",
             "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
             "td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}"
             ".lang,.dt{color:#777;font-size:smaller}</style></head><body>",
             f"<details><summary>Query</summary><pre>{escape(query)}</pre></details>"]
    kind = result.get("kind")
    if kind == "boolean":
        parts.append(f"<p>ASK: <strong>{'true' if result.get('boolean') else 'false'}</strong></p>")
    elif kind == "solutions":
        names = result.get("vars", [])
        rows = result.get("bindings", [])
        parts.append("<table><thead><tr>" + "".join(f"<th>?{escape(n)}</th>" for n in names) + "</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{_cell(row.get(n))}</td>" for n in names) + "</tr>")
        parts.append("</tbody></table>")
        note = f"{len(rows)} row(s)"
        if result.get("truncated"):
            note = (f"showing the first {len(rows)} rows (the HTML view is capped); "
                    "ask for JSON, CSV or TSV to get them all")
        parts.append(f"<p>{escape(note)}</p>")
    parts.append("</body></html>")
    return "".join(parts)
