"""Linked Data: https://w3id.org/rikg/id/<path> served at /id/<path>, and the ontology at /ontology."""

from __future__ import annotations

from flask import Blueprint, abort

blueprint = Blueprint("linked_data", __name__, template_folder="templates")


@blueprint.get("/id/<path:path>")
def resource(path: str) -> str:
    abort(404)
