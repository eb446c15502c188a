"""Label search at /search?q=...&type=...: every label of the graph, blind to script, case and inflection.

The matching is rikg/matching.py (the loaders' folding and morphology); this module holds the HTTP
side shared with /reconcile: the per-generation index, type names, bad-input errors as JSON.
Browsers get an HTML page (a form and a result list); other clients JSON, by Accept or `format=`.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request
from flask.blueprints import BlueprintSetupState

from rikg.endpoint import negotiation as neg
from rikg.endpoint.linked_data import local_href
from rikg.matching import Candidate, IndexCache, LabelIndex
from rikg.vocab import RIKG_NS

blueprint = Blueprint("search", __name__, template_folder="templates")
log = logging.getLogger("rikg.search")

MAX_QUERY_CHARS = 500  # a name longer than this is not a name (and would make typo search slow)
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
SEARCH_MIN = 30.0  # search shows weaker candidates than /reconcile: people browse, tools decide
JSON = neg.Format("json", ("application/json",))
OFFERS = (JSON, neg.HTML)
# The classes a search or a reconciliation type filter is usually about (the manifest's defaultTypes).
DEFAULT_TYPES = ("Municipality", "Place", "Organization", "Person", "Program", "Agreement")


class BadInput(Exception):
    """A request parameter is wrong: answered with 400 and a JSON body naming the parameter."""

    def __init__(self, parameter: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.status = status


def json_error(e: BadInput) -> Response:
    resp = jsonify({"error": e.message, "parameter": e.parameter, "status": e.status})
    resp.status_code = e.status
    return resp


@blueprint.app_errorhandler(BadInput)
def bad_input(e: BadInput) -> Response:
    return json_error(e)


def label_index() -> LabelIndex:
    """The label index of the store as it is now (rebuilt after a write or a rebuild of the store)."""
    executor = current_app.extensions["rikg.executor"]
    cache = current_app.extensions.setdefault("rikg.labels", IndexCache())
    # Reading every label may take longer than one query's limit on a big store; allow more, but bounded.
    timeout = max(120.0, executor.timeout)
    # select_json: the worker serialises in Oxigraph (Rust) and json parses in C, twice as fast as rows.
    return cache.get(executor.generation, lambda q: executor.select_json(q, timeout=timeout)["results"]["bindings"])


@blueprint.record_once
def _warm_up(state: BlueprintSetupState) -> None:
    """Build the label index in the background when the app starts: on a 1M-quad graph reading every
    label takes seconds, which the first search should not have to wait for."""
    app: Flask = state.app

    def build() -> None:
        try:
            with app.app_context():
                label_index()
        except Exception as e:  # the first request builds it again and reports what is wrong
            log.warning("label index not built at start: %s", e)

    threading.Thread(target=build, name="rikg-label-index", daemon=True).start()


def type_iri(value: str, index: LabelIndex, parameter: str = "type") -> str:
    """A class IRI from "Municipality", "rikg:Municipality" or the full IRI; BadInput if unknown."""
    v = value.strip()
    iri = RIKG_NS + v[5:] if v.startswith("rikg:") else v if "/" in v or "#" in v else RIKG_NS + v
    if iri not in known_types(index):
        names = ", ".join(type_name(t) for t in sorted(known_types(index)))
        raise BadInput(parameter, f"unknown type {value!r}; known types: {names}")
    return iri


def known_types(index: LabelIndex) -> set[str]:
    return index.types | {RIKG_NS + t for t in DEFAULT_TYPES}


def type_name(iri: str) -> str:
    return iri[len(RIKG_NS):] if iri.startswith(RIKG_NS) else iri


def positive_int(value: Any, parameter: str, maximum: int) -> int:
    """A positive integer (given as a number or a string of digits), capped at `maximum`."""
    if isinstance(value, bool):
        raise BadInput(parameter, f"{parameter} must be a positive integer, not {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 1:
        raise BadInput(parameter, f"{parameter} must be a positive integer, not {value!r}")
    return min(value, maximum)


def query_text(value: Any, parameter: str) -> str:
    if not isinstance(value, str):
        raise BadInput(parameter, f"{parameter} must be a string")
    text = " ".join(value.split())
    if not text:
        raise BadInput(parameter, f"{parameter} is empty")
    if len(value) > MAX_QUERY_CHARS:
        raise BadInput(parameter, f"{parameter} has {len(value)} characters; at most {MAX_QUERY_CHARS} are accepted")
    return text


def result_json(c: Candidate) -> dict[str, Any]:
    e = c.entity
    return {
        "id": e.iri,
        "name": e.label(),
        "labels": {lang: e.labels_in(lang) for lang in ("sr-Latn", "sr-Cyrl", "en") if e.labels_in(lang)},
        "types": sorted(type_name(t) for t in e.types),
        "wikidata": sorted(e.qids),
        "score": c.score,
        "match": c.match,
        "how": c.how,
        "url": local_href(e.iri) or e.iri,
    }


@blueprint.get("/search")
def search() -> Response | str | tuple[str, int]:
    try:
        fmt = neg.choose(request.headers.get("Accept"), OFFERS, request.args.getlist("format"))
    except neg.NotAcceptable as e:
        raise BadInput("Accept", str(e), 406) from None
    raw = request.args.get("q")
    types_given = [t for t in request.args.getlist("type") if t.strip()]
    if fmt is neg.HTML and raw is None:
        return render_template("search/results.html", q="", type="", results=None, types=DEFAULT_TYPES)
    q = query_text(raw if raw is not None else "", "q")
    limit = positive_int(request.args.get("limit", DEFAULT_LIMIT), "limit", MAX_LIMIT)
    index = label_index()
    types = [type_iri(t, index) for t in types_given]
    cands = index.match(q, types=types or None, limit=limit, minimum=SEARCH_MIN)
    results = [result_json(c) for c in cands]
    if fmt is neg.HTML:
        return render_template("search/results.html", q=q, type=",".join(types_given), results=results,
                               types=DEFAULT_TYPES)
    return jsonify({"query": q, "types": [type_name(t) for t in types], "results": results})
