"""Helpers shared by the protocol, update and Graph Store routes: errors, bodies, auth, SERVICE checks."""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from urllib.parse import parse_qsl

from flask import Response, current_app, request

from rikg.endpoint.negotiation import media_type_of

DEFAULT_SERVICE_ALLOW = ("https://query.wikidata.org/sparql",)
QUERY_BODY_LIMIT = 1024 * 1024  # a SPARQL query or update larger than 1 MiB is not a query
UPLOAD_LIMIT = 128 * 1024 * 1024  # Graph Store uploads


class HttpError(Exception):
    """An error answer: status and a one-paragraph message for the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    # Plain text: every SPARQL client shows it, and no HTML escaping questions arise.
    resp = Response(message.rstrip() + "\n", status=status, content_type="text/plain; charset=utf-8")
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def check_utf8_charset(content_type: str | None) -> None:
    _, params = media_type_of(content_type)
    charset = params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise HttpError(415, f"unsupported charset {charset!r}: SPARQL requests must be UTF-8")


def body_text(limit: int = QUERY_BODY_LIMIT) -> str:
    """The request body as UTF-8 text, refusing bodies over `limit` (413) and invalid UTF-8 (400)."""
    length = request.content_length
    if length is not None and length > limit:
        raise HttpError(413, f"request body of {length} bytes is over the limit of {limit} bytes")
    data = request.stream.read(limit + 1)
    if len(data) > limit:
        raise HttpError(413, f"request body is over the limit of {limit} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise HttpError(400, f"request body is not valid UTF-8: {e}") from None


def form_params(text: str) -> list[tuple[str, str]]:
    """Parse an application/x-www-form-urlencoded body, decoding percent-escapes exactly once."""
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise HttpError(400, f"form body is not valid UTF-8 after percent-decoding: {e}") from None


FORM = "application/x-www-form-urlencoded"


def post_params(url_params: list[tuple[str, str]], operation: str, direct: str,
                others: dict[str, HttpError] | None = None) -> list[tuple[str, str]]:
    """The parameters of a POSTed query or update, in one place for both operations: a form body, or the
    operation text itself as `direct` (application/sparql-query or -update). `others` maps media types
    that belong to the other endpoint to the error to raise."""
    from rikg.endpoint import negotiation as neg

    media, _ = neg.media_type_of(request.content_type)
    if not media:
        raise HttpError(400, f"POST needs a Content-Type: {FORM} or {direct}")
    check_utf8_charset(request.content_type)
    if media == FORM:
        return url_params + form_params(body_text())
    if media == direct:
        text = body_text()
        if values(url_params, operation):
            raise HttpError(400, f"give the {operation} either in the body or as ?{operation}=, not both")
        return url_params + [(operation, text)]
    if others and media in others:
        raise others[media]
    raise HttpError(415, f"unsupported Content-Type {media!r}: use {FORM} or {direct}")


def values(params: Iterable[tuple[str, str]], name: str) -> list[str]:
    return [v for k, v in params if k == name]


def require_write_access() -> None:
    """403 unless the server accepts writes; 401 unless the request carries the token (if one is set)."""
    if not current_app.config["RIKG_ALLOW_UPDATES"]:
        raise HttpError(403, "this server is read-only: start it with --allow-updates to accept writes")
    token = current_app.config.get("RIKG_UPDATE_TOKEN")
    if token:
        header = request.headers.get("Authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HttpError(401, "writes need the header 'Authorization: Bearer <token>'",
                            {"WWW-Authenticate": 'Bearer realm="rikg"'})


def check_services(targets: list[str | None], loads: list[str | None] | None = None) -> None:
    """Refuse SERVICE calls outside the allow-list (and any LOAD) before anything runs."""
    allowed: tuple[str, ...] = current_app.config["RIKG_SERVICE_ALLOW"]
    for target in targets:
        if target is None:
            raise HttpError(400, "SERVICE with a variable, relative or unknown-prefix endpoint is refused: "
                                 "name the endpoint with an absolute IRI")
        if target not in allowed:
            listed = ", ".join(f"<{a}>" for a in allowed) or "none"
            raise HttpError(400, f"SERVICE <{target}> is not allowed on this server; allowed endpoints: {listed}")
    if loads:
        raise HttpError(400, "LOAD is disabled on this server (it would fetch URLs from the server); "
                             "upload data with the Graph Store protocol (/store) or `rikg import`")
