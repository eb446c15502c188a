"""Where the project's files live, in a checkout and in an installed package alike."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def in_checkout() -> bool:
    """True when running from a source tree (editable install or tests), not from site-packages."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "loaders").is_dir()


def _folder(name: str) -> Path:
    # In a checkout the user's top-level folders are the truth; installed, setuptools maps them
    # under the rikg package (see pyproject.toml package-dir).
    if in_checkout():
        return _CHECKOUT / name
    return _PACKAGE / name


ONTOLOGY_DIR = _folder("ontology")
DATA_DIR = _folder("data")
QUERIES_DIR = _folder("queries")
ONTOLOGY_FILE = ONTOLOGY_DIR / "rikg.ttl"
SOURCES_DIR = DATA_DIR / "sources"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
PATTERNS_DIR = DATA_DIR / "patterns"
REFERENCE_QIDS = DATA_DIR / "reference" / "wikidata-qids.csv"
CURATED_LINKS = DATA_DIR / "links" / "curated.csv"


def default_store() -> Path:
    """RIKG_STORE wins; otherwise a folder inside the checkout (or the working directory when installed)."""
    env = os.environ.get("RIKG_STORE")
    if env:
        return Path(env)
    base = _CHECKOUT if in_checkout() else Path.cwd()
    return base / "store"
