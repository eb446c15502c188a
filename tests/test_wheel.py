"""rikg as a user installs it: the wheel, a fresh venv, and `rikg serve` from an empty folder.

One wheel and one venv for the module (about 40 s: building the wheel ~7 s, the venv with rikg's
dependencies ~25 s, the first `rikg serve` building the graph ~3 s). The venv is created without
--system-site-packages so that nothing of this machine's Python (least of all the editable install of
the checkout) can stand in for a file the wheel forgot; pip takes the dependencies from its cache or
index, as it would for a user.

The wheel is built from a copy of the working tree's files (tracked and new, not ignored) so that the
build leaves no build/ or egg-info behind in the checkout, where other runs may be building too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, free_port, stop, wait_until_up
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from test_endpoint import http
from test_ui_browser import Browser, table_cells

# Top-level folders of the checkout and where setuptools puts them (pyproject.toml package-dir).
PACKAGED = {"rikg": "rikg", "endpoint": "rikg/endpoint", "loaders": "rikg/loaders", "ontology": "rikg/ontology",
            "data": "rikg/data", "queries": "rikg/queries"}
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RIKG = "https://w3id.org/rikg/ontology#"
GIZ_PROGRAM = "Inkluzija Roma i drugih marginalizovanih grupa u Srbiji"


def run(cmd: list[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None,
        timeout: float = 600) -> str:
    """Run a command; on failure the assertion shows its output, which says why."""
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} exited with {proc.returncode}:\n" \
                                 f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def project_files() -> list[str]:
    """What `git add -A` would commit: tracked files that still exist and new files that are not ignored."""
    assert shutil.which("git") and (ROOT / ".git").exists(), f"{ROOT} is not a git checkout (git ls-files is needed)"
    out = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT)
    return sorted(f for f in set(out.split("\0")) if f and (ROOT / f).is_file())


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: no store override, no path pointing into the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("RIKG_STORE", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    for name in project_files():
        target = src / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # Build isolation as `pip install .` does: pyproject's build requirements, not this machine's setuptools.
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", src], env=clean_env())
    wheels = list((work / "dist").glob("rikg-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], env=clean_env(), cwd=venv)
    return venv


@dataclass
class Install:
    base: str  # URL of `rikg serve`
    folder: Path  # the empty folder it was started in
    venv: Path
    log: Path


@pytest.fixture(scope="module")
def served(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Install]:
    folder = tmp_path_factory.mktemp("user-folder")
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([venv / "bin" / "rikg", "serve", "--port", str(port)], cwd=folder, env=clean_env(),
                                stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/sparql?query=ASK%7B%7D", proc, seconds=120, log=log)
        yield Install(base, folder, venv, log)
    finally:
        stop([proc])


# ------------------------------------------------------------------ the wheel and the install


def test_wheel_holds_every_project_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {}
    for name in project_files():
        top, _, rest = name.partition("/")
        if top in PACKAGED and rest:
            expected[name] = f"{PACKAGED[top]}/{rest}"
    # Sanity: the listing really covers the folders (templates, static files, data, queries).
    assert sum(w.startswith("rikg/endpoint/templates/") for w in expected.values()) >= 6
    assert sum(w.startswith("rikg/data/sources/") for w in expected.values()) >= 6
    missing = sorted(f"{src} (as {w})" for src, w in expected.items() if w not in names)
    assert not missing, "files of the checkout missing from the wheel (pyproject.toml packages/package-data):\n" \
                        + "\n".join(missing)


def test_installed_rikg_is_the_wheel_not_the_checkout(venv: Path) -> None:
    out = run([venv / "bin" / "python", "-c",
               "import rikg, rikg.paths as p; print(rikg.__file__); print(p.in_checkout()); print(p.SOURCES_DIR)"],
              cwd=venv, env=clean_env())
    module, in_checkout, sources = out.split("\n")[:3]
    site = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    assert Path(module) == site / "rikg" / "__init__.py"
    assert in_checkout == "False"
    assert Path(sources) == site / "rikg" / "data" / "sources"
    # Every module imports from the install (a subpackage left out of pyproject's packages fails here,
    # even when only one subcommand imports it).
    out = run([venv / "bin" / "python", "-c",
               "import importlib, pkgutil, rikg\n"
               "names = [m.name for m in pkgutil.walk_packages(rikg.__path__, 'rikg.')]\n"
               "for n in names: importlib.import_module(n)\n"
               "print(len(names))"], cwd=venv, env=clean_env())
    assert int(out) >= 40


def test_serve_builds_the_graph_in_the_folder_it_was_started_in(served: Install) -> None:
    assert (served.folder / "store").is_dir()
    assert [p.name for p in served.folder.iterdir()] == ["store"]
    log = served.log.read_text()
    assert f"no store at {served.folder / 'store'}: building it from" in log
    assert "5 documents" in log


# ------------------------------------------------------------------ HTTP, as a user's clients see it


@pytest.mark.parametrize("path,accept,status,media", [
    ("/", BROWSER_ACCEPT, 200, "text/html"),
    ("/sparql", None, 200, "text/turtle"),  # no query: the service description
    ("/sparql", BROWSER_ACCEPT, 200, "text/html"),
    ("/id/org/giz", BROWSER_ACCEPT, 200, "text/html"),
    ("/id/org/giz", "text/turtle", 200, "text/turtle"),
    ("/id/org/giz.ttl", None, 200, "text/turtle"),
    ("/id/org/no-such-organisation", BROWSER_ACCEPT, 404, "text/html"),
    ("/ontology", BROWSER_ACCEPT, 200, "text/html"),
    ("/ontology", "text/turtle", 200, "text/turtle"),
    ("/.well-known/void", BROWSER_ACCEPT, 200, "text/html"),
    ("/.well-known/void", None, 200, "text/turtle"),
    ("/dump.ttl", None, 200, "text/turtle"),
    ("/static/ui/app.js", None, 200, "text/javascript"),
])
def test_status_and_content_type(served: Install, path: str, accept: str | None, status: int, media: str) -> None:
    got, headers, _ = http(served.base + path, headers={"Accept": accept} if accept else {})
    assert (got, headers["content-type"].split(";")[0]) == (status, media), path


def test_sparql_query_answers_json(served: Install) -> None:
    query = f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{RIKG}SourceDocument> }}"
    status, headers, body = http(f"{served.base}/sparql?{urllib.parse.urlencode({'query': query})}",
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "5"


def test_linked_data_page_shows_the_evidence(served: Install) -> None:
    _, _, body = http(served.base + "/id/org/giz", headers={"Accept": BROWSER_ACCEPT})
    page = body.decode("utf-8")
    assert '<section class="evidence">' in page
    assert "<mark>Nemačka organizacija za međunarodnu saradnju (GIZ)</mark> sprovela" in page
    assert GIZ_PROGRAM in page


def test_linked_data_turtle_by_accept_and_by_suffix_agree(served: Install) -> None:
    giz = URIRef("https://w3id.org/rikg/id/org/giz")
    graphs = []
    for path, accept in (("/id/org/giz", "text/turtle"), ("/id/org/giz.ttl", None)):
        _, _, body = http(served.base + path, headers={"Accept": accept} if accept else {})
        graphs.append(Graph().parse(data=body, format="turtle"))
    assert (giz, RDF.type, URIRef(RIKG + "Organization")) in graphs[0]
    assert set(graphs[0]) == set(graphs[1])


def test_missing_resource_is_the_not_found_page(served: Install) -> None:
    status, _, body = http(served.base + "/id/org/no-such-organisation", headers={"Accept": BROWSER_ACCEPT})
    assert status == 404
    assert "<h1>Not found</h1>" in body.decode("utf-8")
    assert "https://w3id.org/rikg/id/org/no-such-organisation" in body.decode("utf-8")


def test_ontology_void_and_dump_carry_the_graph(served: Install) -> None:
    _, _, body = http(served.base + "/ontology", headers={"Accept": BROWSER_ACCEPT})
    assert "<h1>Roma Inclusion Knowledge Graph ontology</h1>" in body.decode("utf-8")
    _, _, body = http(served.base + "/.well-known/void", headers={"Accept": BROWSER_ACCEPT})
    assert "<h1>Roma Inclusion Knowledge Graph</h1>" in body.decode("utf-8")
    _, _, body = http(served.base + "/dump.ttl")
    dump = Graph().parse(data=body, format="turtle")
    assert len(set(dump.subjects(RDF.type, URIRef(RIKG + "SourceDocument")))) == 5


# ------------------------------------------------------------------ the UI of that install, in Chromium


def test_example_query_runs_in_the_browser(served: Install, tmp_path: Path) -> None:
    browser = Browser(tmp_path / "chromium-profile")
    try:
        browser.open(served.base + "/")
        # The examples come from the wheel's rikg/queries; run the GIZ question by clicking it.
        assert "programs-implemented-by-giz" in browser.js(
            "Array.from(document.querySelectorAll('#examples button')).map(b => b.dataset.example)")
        browser.js("document.querySelector('#examples button[data-example=\"programs-implemented-by-giz\"]').click()")
        assert browser.run_and_wait() == "done", browser.js("document.getElementById('error').textContent")
        rows = table_cells(browser)
        assert any(GIZ_PROGRAM in " ".join(r) and any(c.startswith("Kruševac") for c in r) for r in rows), rows
    finally:
        browser.close()
