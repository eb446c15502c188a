"""/update: the SPARQL 1.1 Protocol update operation (POST only; disabled unless --allow-updates)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from rikg.endpoint.common import (
    HttpError,
    check_services,
    error_response,
    post_params,
    require_write_access,
    values,
)
from rikg.endpoint.executor import Executor, QueryError
from rikg.endpoint.sparql_lex import add_using, analyse

blueprint = Blueprint("update", __name__)

DIRECT = "application/sparql-update"


def parse_update() -> tuple[str, list[str], list[str]]:
    """The update text and its protocol dataset (using-graph-uri, using-named-graph-uri)."""
    params = post_params(list(request.args.items(multi=True)), "update", DIRECT)
    if values(params, "query"):
        raise HttpError(400, "queries go to /sparql (this is the update endpoint)")
    updates = values(params, "update")
    if len(updates) != 1:
        raise HttpError(400, f"{len(updates) or 'no'} update strings given; send exactly one 'update'")
    return updates[0], values(params, "using-graph-uri"), values(params, "using-named-graph-uri")


def execute(text: str, using: list[str], using_named: list[str]) -> None:
    prefixes = current_app.config["RIKG_PREFIXES"]
    info = analyse(text, prefixes)
    if (using or using_named) and info.has_using_or_with:
        raise HttpError(400, "the update has USING or WITH and the request has using-graph-uri or "
                             "using-named-graph-uri: the protocol forbids giving both")
    check_services(info.services, info.loads)
    for iri in using + using_named:
        if any(c in iri for c in '<>"{}|^`\\ \n\t'):
            raise HttpError(400, f"not an IRI: {iri!r}")
    text = add_using(text, using, using_named)
    executor: Executor = current_app.extensions["rikg.executor"]
    with executor.writing() as store:
        try:
            # Relative IRIs resolve against the endpoint URL ("the service-defined base").
            store.update(text, base_iri=request.base_url, prefixes=dict(prefixes))
        except SyntaxError as e:
            raise HttpError(400, f"update syntax error: {e}") from None
        except (ValueError, TypeError) as e:
            raise HttpError(400, f"update failed: {e}") from None
        except OSError as e:
            raise HttpError(500, f"update failed: {e}") from None


@blueprint.route("/update", methods=["GET", "POST"])
def update() -> Response:
    try:
        if request.method != "POST":
            # The protocol has no update via GET: a link must never change the data.
            raise HttpError(405, "updates must be sent with POST", {"Allow": "POST"})
        require_write_access()
        text, using, using_named = parse_update()
        execute(text, using, using_named)
        return Response(status=204)
    except HttpError as e:
        return error_response(e.status, str(e), e.headers)
    except QueryError as e:
        return error_response(e.status, e.message)
