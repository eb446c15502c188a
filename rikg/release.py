"""`rikg release DIR`: a versioned, citable release folder of the graph.

    DIR/rikg.nq, rikg.trig      every quad, named graphs kept (sorted; + .gz)
    DIR/rikg.ttl, rikg.jsonld   Turtle of the union graph; JSON-LD of the dataset (sorted; + .gz)
    DIR/ontology/rikg.ttl       the ontology, and index.html: its documentation as the endpoint renders it
    DIR/tables/*.csv            programs, actors, roles, agreements, outcomes + csv-metadata.json (CSVW)
    DIR/description.ttl         DCAT + VoID + PROV-O, with the byte size and SHA-256 of every other file
    DIR/README.md, CITATION.cff

Determinism: the same store and version give byte-identical files. Quads are sorted, blank nodes become
skolem IRIs from a canonical labelling (rdflib's RGDA1, so they do not depend on parser-chosen ids), gzip
copies carry mtime 0 and no file name, and dct:issued is the newest source-text date (or --date), never
the clock unless asked ("--date today").

Safety: a non-empty DIR is refused without --force, and nothing is written into it: the release is built in
a temporary sibling folder and renamed into place at the end, so an interrupted release leaves no partial
folder under the target name. A graph that violates the SHACL shapes is refused, with the violations.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from rikg import __version__, paths
from rikg.release_description import FileInfo, dataset_iri, description, file_info, license_of
from rikg.release_tables import write_tables
from rikg.shapes import Violation, validate_quads
from rikg.store import StoreError, open_store
from rikg.vocab import PREFIXES, RIKG

GENID = "https://w3id.org/rikg/.well-known/genid/"
DUMPS = {"rikg.nq": RdfFormat.N_QUADS, "rikg.trig": RdfFormat.TRIG, "rikg.ttl": RdfFormat.TURTLE,
         "rikg.jsonld": RdfFormat.JSON_LD}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReleaseError(Exception):
    """The release cannot be written; nothing was left under the target name."""


class ReleaseRefused(ReleaseError):
    """The graph violates the SHACL shapes."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(f"release refused: {len(violations)} SHACL violation(s) (listed above; rikg validate)")
        self.violations = violations


@dataclass
class ReleaseReport:
    folder: Path
    version: str
    issued: str
    quads: int = 0
    triples: int = 0
    files: list[FileInfo] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    license: str = ""

    def summary(self) -> str:
        lines = [f"released {self.folder}: version {self.version}, issued {self.issued}, "
                 f"{self.quads} quads ({self.triples} triples in the union), {len(self.files) + 1} files"]
        lines += [f"  {name:<12} {n} rows" for name, n in self.rows.items()]
        return "\n".join(lines)


def release(target: Path, store_path: Path, *, version: str | None = None, date: str | None = None,
            force: bool = False) -> ReleaseReport:
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ReleaseError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise ReleaseError(f"{target}: folder exists and is not empty (use --force to replace it)")
    version = version or __version__
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+_-]*", version):
        raise ReleaseError(f"--version {version!r}: use letters, digits and . + _ - (it becomes part of an IRI)")
    store = open_store(Path(store_path), read_only=True)
    issued = issued_date(store, date)  # before the costly steps: a missing date is a quick error
    quads = canonical_quads(store)
    fatal = [v for v in validate_quads(quads) if v.fatal]
    if fatal:
        raise ReleaseRefused(fatal)
    report = ReleaseReport(target, version, issued, quads=len(quads))
    staging = target.with_name(f".{target.name}.partial-{os.getpid()}")
    _remove_stale_partials(target)
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        _write(staging, store, Path(store_path), quads, report)
        _swap_in(staging, target)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise ReleaseError(f"cannot write the release {target}: {e.strerror or e} ({e.filename or target})") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _remove_stale_partials(target: Path) -> None:
    """A release killed outright (SIGKILL, power loss) cannot clean up; its hidden staging folder is removed
    by the next release to the same target once its process is gone."""
    if not target.parent.is_dir():
        return
    for p in target.parent.glob(f".{glob.escape(target.name)}.partial-*"):
        pid = p.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(p, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _swap_in(staging: Path, target: Path) -> None:
    if target.exists():  # --force (or an empty folder): the old one goes only once the new one is complete
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, retired)
        os.rename(staging, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.rename(staging, target)


def _write(folder: Path, store: Store, store_path: Path, quads: list[Quad], report: ReleaseReport) -> None:
    triples = sorted({q.triple for q in quads}, key=_key)
    report.triples = len(triples)
    for name, fmt in DUMPS.items():
        data = serialize(triples if name == "rikg.ttl" else quads, None, fmt,
                         prefixes=PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None)
        _write_with_gzip(folder / name, data)
    (folder / "ontology").mkdir()
    shutil.copyfile(paths.ONTOLOGY_FILE, folder / "ontology" / "rikg.ttl")
    (folder / "tables").mkdir()
    report.rows = write_tables(store, folder / "tables")
    report.license = license_of(store)
    statistics, linksets, graphs, html = _endpoint_views(store_path, dataset_iri(report.version), report.triples)
    (folder / "ontology" / "index.html").write_bytes(html)
    shutil.copyfile(_css(), folder / "ontology" / "rikg.css")  # the page's stylesheet, as the server has it
    (folder / "README.md").write_text(_readme(report, graphs), encoding="utf-8")
    (folder / "CITATION.cff").write_text(_citation(report), encoding="utf-8")
    report.files = [file_info(folder, p) for p in sorted(folder.rglob("*")) if p.is_file()]
    data = description(store, version=report.version, issued=report.issued, software_version=__version__,
                       files=report.files, statistics=statistics, linksets=linksets, graphs=graphs)
    (folder / "description.ttl").write_bytes(data)


def _write_with_gzip(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    # mtime=0 and no file name in the header: the .gz is byte-identical whenever the content is
    with open(path.with_name(path.name + ".gz"), "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(data)


def _key(t: Triple | Quad) -> tuple[str, ...]:
    return tuple(str(x) for x in (t.subject, t.predicate, t.object, getattr(t, "graph_name", "")))


def canonical_quads(store: Store) -> list[Quad]:
    """Every quad, sorted, with blank nodes replaced by stable skolem IRIs."""
    quads = list(store.quads_for_pattern(None, None, None, None))
    if any(isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode) for q in quads):
        quads = _skolemize(quads)
    return sorted(set(quads), key=_key)


def _skolemize(quads: list[Quad]) -> list[Quad]:
    """Blank node ids are whatever the parser chose; rdflib's canonical labelling (RGDA1, per graph)
    names each blank node by its place in the graph, so the same data gives the same IRIs."""
    import rdflib
    from pyoxigraph import parse
    from rdflib.compare import to_canonical_graph

    by_graph: dict[object, list[Quad]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    out: list[Quad] = []
    for graph, members in by_graph.items():
        if not any(isinstance(q.subject, BlankNode) or isinstance(q.object, BlankNode) for q in members):
            out.extend(members)
            continue
        nt = serialize([q.triple for q in members], None, RdfFormat.N_TRIPLES)
        canonical = to_canonical_graph(rdflib.Graph().parse(data=nt, format="nt"))
        text = canonical.serialize(format="nt", encoding="utf-8")
        for t in parse(text, RdfFormat.N_TRIPLES):
            out.append(Quad(_genid(t.subject), t.predicate, _genid(t.object), graph))
    return out


def _genid(term):  # noqa: ANN001, ANN202 - any RDF term
    return NamedNode(GENID + term.value) if isinstance(term, BlankNode) else term


def issued_date(store: Store, date: str | None) -> str:
    """--date, or 'today' (asked for), or the newest rikg:publicationDate of the source texts."""
    if date == "today":
        return dt.date.today().isoformat()
    if date is not None:
        if not _DATE.match(date):
            raise ReleaseError(f"--date {date!r}: expected YYYY-MM-DD or 'today'")
        return date
    dates = [q.object.value[:10] for q in store.quads_for_pattern(None, RIKG.publicationDate, None, None)]
    dates = [d for d in dates if _DATE.match(d)]
    if not dates:
        raise ReleaseError("no source text has a date (data/sources/metadata.csv): give --date YYYY-MM-DD")
    return max(dates)


def _css() -> Path:
    from rikg import endpoint

    return Path(endpoint.__file__).parent / "static" / "ui" / "rikg.css"


# Links of the endpoint's pages, rewritten for a folder on disk: the ontology's own anchors stay in the
# page, its Turtle is the file beside it, and server paths point to the w3id.org IRIs that resolve to one.
_LOCAL_LINKS = ((re.compile(r'href="/ontology#'), 'href="#'), (re.compile(r'href="/ontology\.ttl"'), 'href="rikg.ttl"'),
                (re.compile(r'href="/static/ui/rikg\.css"'), 'href="rikg.css"'),
                (re.compile(r'href="/'), 'href="https://w3id.org/rikg/'))


def _endpoint_views(store_path: Path, ds: NamedNode,
                    triples: int) -> tuple[list[Triple], list[Triple], list[tuple[str, int]], bytes]:
    """The endpoint's VoID statistics and linkset for node `ds`, and its /ontology page: one renderer only.
    `triples`: the distinct triples of the union (what rikg.ttl holds)."""
    from rikg.endpoint.app import create_app
    from rikg.endpoint.service_description import _void_statistics, compute_statistics, linkset_triples

    app = create_app(store_path, workers=1)
    executor = app.extensions["rikg.executor"]
    try:
        stats = compute_statistics(executor)
        if not stats.complete:
            raise StoreError("could not compute the VoID statistics of the store")
        # The endpoint's COUNT(*) over the union counts a triple once per graph that holds it; the release's
        # dataset is described by its distinct triples, the number a reader finds in rikg.ttl.
        stats.triples = triples
        with app.test_request_context("/"):
            linksets = linkset_triples(ds)
        resp = app.test_client().get("/ontology", headers={"Accept": "text/html"})
        if resp.status_code != 200:
            raise StoreError(f"the ontology page failed ({resp.status_code})")
        html = resp.get_data(as_text=True)
    finally:
        executor.close()
    for pattern, replacement in _LOCAL_LINKS:
        html = pattern.sub(replacement, html)
    return list(_void_statistics(ds, stats)), linksets, stats.graphs, html.encode("utf-8")


def _readme(report: ReleaseReport, graphs: list[tuple[str, int]]) -> str:
    v = report.version
    graph_rows = "\n".join(f"| `{g}` | {n} |" for g, n in graphs)
    return f"""# Roma Inclusion Knowledge Graph — release {v}

Issued {report.issued}. {report.quads} quads in {len(graphs)} named graphs ({report.triples} distinct triples in
their union). Licence: see `description.ttl` (`dct:license`). Cite it with `CITATION.cff`.

Programs, actors, places, agreements, events and reported outcomes of Roma inclusion in Serbia, extracted
from Serbian source texts; every fact carries `rikg:evidence`: the source file, the character offsets and
the exact quote (W3C Web Annotation selectors).

## What is inside

| file | what |
|---|---|
| `rikg.nq`, `rikg.trig` (+ `.gz`) | every quad, one named graph per source text plus `entities`, `links`, `ontology` |
| `rikg.ttl` (+ `.gz`) | the union of all graphs as Turtle (for tools without named graphs) |
| `rikg.jsonld` (+ `.gz`) | the dataset as JSON-LD (named graphs as `@graph`) |
| `ontology/rikg.ttl`, `ontology/index.html` | the OWL ontology and its documentation |
| `tables/*.csv` | programs, actors, roles, agreements, outcomes for spreadsheets (UTF-8, labels in both scripts) |
| `tables/csv-metadata.json` | the W3C CSVW description of those tables: columns, datatypes, list separators |
| `description.ttl` | DCAT + VoID description: statistics, SHA-256 and size of every file, PROV-O provenance |
| `CITATION.cff` | how to cite this release |

The dumps are sorted and free of blank nodes: the same sources and version give byte-identical files.
Check a file against `description.ttl` with `sha256sum FILE` (the `spdx:checksumValue` of its distribution).

| named graph | triples |
|---|---|
{graph_rows}

## Loading it

**Oxigraph** (server or Python):

```sh
oxigraph load --location rikg-db --file rikg.nq.gz && oxigraph serve --location rikg-db
```
```python
from pyoxigraph import RdfFormat, Store
store = Store()
store.load(path="rikg.nq", format=RdfFormat.N_QUADS)
```

**Apache Jena Fuseki** (TDB2):

```sh
tdb2.tdbloader --loc rikg-db rikg.nq.gz
fuseki-server --loc rikg-db /rikg        # add tdb2:unionDefaultGraph true to query all graphs at once
```

**Virtuoso** (the folder must be in `DirsAllowed` of virtuoso.ini), in `isql`:

```sql
ld_dir('/path/to/this/folder', 'rikg.nq.gz', 'https://w3id.org/rikg/graph/default');
rdf_loader_run();
checkpoint;
```

**rdflib**:

```python
from rdflib import Dataset
ds = Dataset()
ds.parse("rikg.trig", format="trig")
```

The project's questions (SPARQL) are in the rikg repository, `queries/`; with all graphs loaded, query their
union (Oxigraph: `use_default_graph_as_union=True`; Fuseki: `unionDefaultGraph`; or `GRAPH ?g {{ … }}`).
"""


_SPDX_LICENSES = {"https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
                  "http://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
                  "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0"}


def _citation(report: ReleaseReport) -> str:
    # CFF 1.2.0; strings quoted so YAML never reads a version like 1.0 as a number
    return f"""cff-version: 1.2.0
message: "If you use this dataset, please cite it as below."
type: dataset
title: "Roma Inclusion Knowledge Graph (rikg)"
version: "{report.version}"
date-released: "{report.issued}"
license: {_SPDX_LICENSES.get(report.license, "other")}
authors:
  - name: "The rikg project"
identifiers:
  - type: url
    value: "{dataset_iri(report.version).value}"
    description: "The release's IRI (description.ttl)"
keywords:
  - "Roma inclusion"
  - "Serbia"
  - "knowledge graph"
  - "RDF"
abstract: >-
  Programs, actors, places, agreements, events and reported outcomes of Roma inclusion in Serbia,
  extracted from Serbian source texts (Cyrillic and Latin), with the exact words behind every fact.
"""
