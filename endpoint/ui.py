"""Browser UI at `/`: a SPARQL editor with the project's prefixes, example queries, result views.

The page is static HTML plus hand-written JavaScript in static/ui/ (no CDN, works offline); it talks
to the /sparql endpoint like any other client. The server side only supplies the prefixes and the
example queries from queries/*.rq.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from flask import Blueprint, current_app, render_template

from rikg import paths
from rikg.vocab import PREFIXES

# The assets live in static/ui/ and are served at /static/ui/, so the URL is right whether this
# blueprint or an app-level /static route (same folder) answers it.
blueprint = Blueprint("ui", __name__, template_folder="templates", static_folder="static/ui",
                      static_url_path="/static/ui")

DEFAULT_QUERY = """\
# How many source documents, actors, places and programs does the graph hold?
SELECT ?class (COUNT(DISTINCT ?x) AS ?count)
WHERE {
  VALUES ?class { rikg:SourceDocument rikg:Actor rikg:Place rikg:Program }
  ?x a ?class .
}
GROUP BY ?class
ORDER BY DESC(?count)
"""


@dataclass
class Example:
    name: str  # the file stem, e.g. "01-count-documents"
    question: str  # the first comment block, without the "#" and a "Question:" label
    query: str


def read_example(path: Path) -> Example:
    """An example from one .rq file; its question is the first block of comment lines."""
    text = path.read_text(encoding="utf-8")
    lines: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            lines.append(stripped.lstrip("#").strip())
        elif stripped or lines:
            break  # blank lines before the block are skipped; anything else ends it
    question = " ".join(s for s in lines if s)
    for label in ("Question:", "question:", "Q:"):
        if question.startswith(label):
            question = question[len(label):].strip()
    return Example(path.stem, question or path.stem.replace("-", " ").replace("_", " "), text)


def load_examples(folder: Path) -> list[Example]:
    if not folder.is_dir():
        return []
    return [read_example(p) for p in sorted(folder.glob("*.rq"))]


@blueprint.get("/")
def index() -> str:
    folder = Path(current_app.config.get("RIKG_QUERIES_DIR") or paths.QUERIES_DIR)
    config = {
        "prefixes": current_app.config.get("RIKG_PREFIXES") or PREFIXES,
        "examples": [asdict(e) for e in load_examples(folder)],
        "defaultQuery": DEFAULT_QUERY,
        "endpoint": "/sparql",
        "rowCap": current_app.config.get("RIKG_MAX_HTML_ROWS") or 1000,
    }
    return render_template("ui/index.html", config=config)
