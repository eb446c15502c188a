"""Browser UI at `/`: a SPARQL editor with examples, result views and downloads."""

from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("ui", __name__, template_folder="templates", static_folder="static",
                      static_url_path="/static")


@blueprint.get("/")
def index() -> str:
    return "<!doctype html><title>rikg</title><h1>rikg SPARQL</h1>"
