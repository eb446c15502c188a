"""/store: the SPARQL 1.1 Graph Store HTTP Protocol.

Indirect identification: /store?default and /store?graph=IRI (the parameter is percent-decoded once,
so %2531 stays %31). Direct identification: /store/<path> names the graph whose IRI is the request
URL itself. GET/HEAD read through the query workers; PUT/POST/DELETE write through the executor's
read-write handle and are refused (403) unless the server accepts updates. POST to /store creates a
new graph and answers 201 with its IRI in Location. GET /store without a graph dumps every graph.
"""

from __future__ import annotations

import uuid
from urllib.parse import urljoin

from flask import Blueprint, Response, current_app, request
from pyoxigraph import DefaultGraph, NamedNode, Quad, parse

from rikg.endpoint import negotiation as neg
from rikg.endpoint.common import (
    UPLOAD_LIMIT,
    HttpError,
    check_utf8_charset,
    error_response,
    require_write_access,
)
from rikg.endpoint.executor import Executor, Job, NotFound, QueryError

blueprint = Blueprint("graph_store", __name__)

DEFAULT = object()  # marker for the default graph
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


def _executor() -> Executor:
    return current_app.extensions["rikg.executor"]


def target(rest: str | None) -> object | str | None:
    """DEFAULT, a graph IRI, or None (the store itself: dump on GET, new graph on POST)."""
    if rest is not None:
        return request.base_url  # direct identification: the graph IRI is the request URL
    graphs = request.args.getlist("graph")
    has_default = "default" in request.args
    if has_default and graphs:
        raise HttpError(400, "give either ?default or ?graph=IRI, not both")
    if len(graphs) > 1:
        raise HttpError(400, "give one ?graph=IRI")
    if has_default:
        return DEFAULT
    if graphs:
        iri = graphs[0]
        if ":" not in iri.split("/")[0]:
            iri = urljoin(request.base_url, iri)  # a relative graph IRI names a graph under this server
        try:
            NamedNode(iri)
        except ValueError as e:
            raise HttpError(400, f"not a valid graph IRI {iri!r}: {e}") from None
        return iri
    return None


def _read(graph: object | str | None) -> Response:
    if graph is None:
        offers = neg.DATASET_FORMATS
    else:
        offers = neg.GRAPH_FORMATS
    try:
        fmt = neg.choose(request.headers.get("Accept"), offers, request.args.getlist("format"))
    except neg.NotAcceptable as e:
        raise HttpError(406, str(e)) from None
    ex = _executor()
    if graph is None:
        job = Job("dump", rdf_format=fmt.key)
    else:
        job = Job("graph", rdf_format=fmt.key, graph=None if graph is DEFAULT else str(graph),
                  head=request.method == "HEAD")
    stream = ex.stream(job, timeout=ex.stream_limit)
    if stream.info is not None and stream.info.get("exists") is False:
        raise HttpError(404, f"no graph <{graph}> in the store")
    headers = {"Vary": "Accept"}
    if request.method == "HEAD":
        stream.close()
        return Response(b"", content_type=fmt.content_type, headers=headers)
    return Response(stream.body(), content_type=fmt.content_type, headers=headers,
                    direct_passthrough=not stream.complete)


def _parse_body() -> list[Quad]:
    """The uploaded triples (a Turtle/N-Triples/... body, or every part of a multipart form)."""
    length = request.content_length
    if length is not None and length > UPLOAD_LIMIT:
        raise HttpError(413, f"upload of {length} bytes is over the limit of {UPLOAD_LIMIT} bytes")
    media, _ = neg.media_type_of(request.content_type)
    if not media:
        raise HttpError(400, "the request needs a Content-Type naming an RDF format (e.g. text/turtle)")
    base = request.base_url
    if media == "multipart/form-data":
        request.max_content_length = UPLOAD_LIMIT
        parts = [(f.mimetype or "", f.read()) for f in request.files.values()]
        if not parts:
            raise HttpError(400, "the multipart body has no file parts")
    else:
        check_utf8_charset(request.content_type)
        data = request.stream.read(UPLOAD_LIMIT + 1)
        if len(data) > UPLOAD_LIMIT:
            raise HttpError(413, f"upload is over the limit of {UPLOAD_LIMIT} bytes")
        parts = [(request.content_type or "", data)]
    quads: list[Quad] = []
    for content_type, data in parts:
        fmt = neg.rdf_format_for_media_type(content_type)
        if fmt is None or fmt.rdf is None:
            raise HttpError(415, f"unsupported RDF media type {content_type!r}")
        try:
            quads.extend(parse(data, fmt.rdf, base_iri=base))
        except SyntaxError as e:
            raise HttpError(400, f"cannot parse the {fmt.media_type} body: {e}") from None
    return quads


def _write(graph: object | str | None, rest: str | None) -> Response:
    require_write_access()
    method = request.method
    if graph is None and method != "POST":
        raise HttpError(400, f"{method} needs ?default, ?graph=IRI or a graph path under /store/")
    quads = _parse_body() if method in ("PUT", "POST") else []
    location = None
    if graph is None:
        # POST to the store itself: a new graph with a fresh IRI under /store/ (direct identification)
        graph = location = f"{request.host_url}store/{uuid.uuid4().hex}"
    name = DefaultGraph() if graph is DEFAULT else NamedNode(str(graph))
    with _executor().writing() as store:
        existed = graph is DEFAULT or store.contains_named_graph(name)
        if method == "DELETE":
            if not existed:
                raise HttpError(404, f"no graph <{graph}> in the store")
            if graph is DEFAULT:
                store.clear_graph(name)
            else:
                store.remove_graph(name)
            return Response(status=204)
        if method == "PUT" and existed:
            store.clear_graph(name)
        if graph is not DEFAULT:
            store.add_graph(name)  # an empty upload still creates the graph
        store.extend(Quad(q.subject, q.predicate, q.object, name) for q in quads)
    if location:
        return Response(status=201, headers={"Location": location})
    return Response(status=204 if existed else 201)


@blueprint.route("/store", methods=METHODS)
@blueprint.route("/store/<path:rest>", methods=METHODS)
def store(rest: str | None = None) -> Response:
    try:
        graph = target(rest)
        if request.method in ("GET", "HEAD"):
            return _read(graph)
        return _write(graph, rest)
    except HttpError as e:
        return error_response(e.status, str(e), e.headers)
    except NotFound as e:
        return error_response(404, e.message)
    except QueryError as e:
        return error_response(e.status, e.message)
