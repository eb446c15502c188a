"""The `rikg` command: a thin layer over the same functions the tests call."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rikg import paths

if TYPE_CHECKING:  # imported lazily at run time: `rikg --help` stays fast
    from rikg.remote import Target


class CliError(Exception):
    """An error to report in one line, without a traceback."""


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, default=None,
                   help="store folder (default: $RIKG_STORE or ./store in the checkout)")


def _store(args: argparse.Namespace) -> Path:
    return args.store if args.store is not None else paths.default_store()


def cmd_build(args: argparse.Namespace) -> int:
    from rikg.build import build_store

    # --into: the target is checked before the build, so a wrong URL costs nothing (rikg/remote.py).
    target = _into(args)
    if args.cluster and args.workers:
        raise CliError("give --cluster ADDRESS or --workers N, not both")
    report = build_store(args.sources, _store(args), strict=args.strict, progress=sys.stderr.isatty(),
                         workers=args.workers, curated=args.curated, cluster=args.cluster)
    print(report.summary())
    if target is not None:
        from rikg.remote import push
        from rikg.store import open_store

        print(push(open_store(_store(args), read_only=True), target, progress=sys.stderr.isatty()).summary())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from rikg.store import import_into

    target = _into(args)
    if target is None:
        print(import_into(_store(args), args.files, args.graph, progress=sys.stderr.isatty()).summary())
        return 0
    # Into a remote store: the files are bulk-loaded into a scratch store first (every file parses before
    # the first request; quads grouped by graph), then added graph by graph (POST, as a local import adds).
    import tempfile

    from rikg.remote import push
    from rikg.store import open_store

    with tempfile.TemporaryDirectory(prefix="rikg-import-") as tmp:
        print(import_into(Path(tmp) / "store", args.files, args.graph, progress=sys.stderr.isatty()).summary("read"))
        report = push(open_store(Path(tmp) / "store", read_only=True), target, replace=False,
                      progress=sys.stderr.isatty())
    print(report.summary())
    return 0


def _into_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--into", metavar="URL", help="write the graph into this SPARQL 1.1 Graph Store endpoint, one "
                   "request per named graph (build: after the local store; import: instead of it), e.g. "
                   "http://host:7878/store or http://host:8890/sparql-graph-crud")
    p.add_argument("--into-token", metavar="TOKEN", help="bearer token for --into, or USER:PASSWORD (HTTP Basic)")


def _into(args: argparse.Namespace) -> Target | None:
    if not args.into:
        return None
    from rikg.remote import connect

    return connect(args.into, args.into_token)


def cmd_serve(args: argparse.Namespace) -> int:
    from rikg.build import build_store
    from rikg.endpoint.server import ServeError, serve
    from rikg.endpoint.upstream import UpstreamError
    from rikg.store import exists

    store = _store(args)
    if args.upstream and args.allow_updates:
        raise CliError("--upstream serves a remote endpoint read-only: drop --allow-updates")
    if not args.upstream and not exists(store):
        print(f"no store at {store}: building it from {args.sources}", file=sys.stderr)
        print(build_store(args.sources, store, progress=sys.stderr.isatty()).summary(), file=sys.stderr)
    try:
        serve(store, host=args.host, port=args.port, allow_updates=args.allow_updates,
              update_token=args.update_token, timeout=args.timeout, service_allow=args.allow_service,
              upstream=args.upstream)
    except (ServeError, UpstreamError) as e:
        raise CliError(str(e)) from None
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from rikg.store import open_store, run_query, write_results

    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as e:
            raise CliError(f"{args.file}: {e.strerror}") from None
    elif args.query:
        text = args.query
    else:
        raise CliError("give a query or --file F")
    store = open_store(_store(args), read_only=True)
    try:
        result = run_query(store, text)
    except SyntaxError as e:
        raise CliError(f"query syntax error: {e}") from None
    write_results(result, sys.stdout.buffer, args.format)
    sys.stdout.buffer.flush()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from rikg.store import export, open_store

    store = open_store(_store(args), read_only=True)
    if args.output:
        with open(args.output, "wb") as out:
            export(store, out, args.format, args.graph)
    else:
        export(store, sys.stdout.buffer, args.format, args.graph)
        sys.stdout.buffer.flush()
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from rikg.explain import explain
    from rikg.store import open_store

    store = open_store(_store(args), read_only=True)
    print(explain(store, args.iri))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0: no violation (warnings may be printed); 1: violations; 2: a file cannot be read or parsed."""
    from rikg.shapes import ShapesInputError, count_line, validate_files, validate_store

    if args.files and args.store is not None:
        raise CliError("give either --store or files, not both")
    try:
        found = validate_files(args.files) if args.files else validate_store(_store(args))
    except ShapesInputError as e:
        print("rikg: error: " + " ".join(str(e).split()), file=sys.stderr)
        return 2
    for v in found:
        print(v.line())
    print(f"shapes: {count_line(found)}", file=sys.stderr)
    return 1 if any(v.fatal for v in found) else 0


def cmd_release(args: argparse.Namespace) -> int:
    from rikg.release import ReleaseError, ReleaseRefused, release

    try:
        report = release(args.dir, _store(args), version=args.version, date=args.date, force=args.force)
    except ReleaseRefused as e:
        for v in e.violations:
            print(v.line(), file=sys.stderr)
        raise CliError(str(e)) from None
    except ReleaseError as e:
        raise CliError(str(e)) from None
    print(report.summary())
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Exit 0: scored and every --min holds; 1: a --min failed; 2: bad input (with --keep-going: after
    scoring the good files, when any gold file was rejected)."""
    from rikg.evaluate import EvaluateError, GoldError, evaluate, full_text, write_json

    try:
        ev = evaluate(args.gold, sources=args.sources, store=args.store, texts=args.texts,
                      reference=args.reference, minimum=args.min, keep_going=args.keep_going)
    except (EvaluateError, GoldError) as e:
        print("rikg: error: " + " ".join(str(e).split()), file=sys.stderr)
        return 2
    if args.json:
        write_json(ev.report, args.json)
    print(full_text(ev.report, args.details))
    for line in ev.rejected:
        print("rikg: error: " + " ".join(line.split()), file=sys.stderr)
    for r in ev.failed:
        value = f"{r['value']:.3f}" if isinstance(r["value"], float) else r["value"]
        print(f"rikg: threshold failed: {r['metric']} = {value} "
              f"(required {'<=' if r['kind'] == 'max' else '>='} {r['limit']:g})", file=sys.stderr)
    return 2 if ev.rejected else 1 if ev.failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rikg", description="Roma Inclusion Knowledge Graph")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="run the loaders over the source texts and write the store")
    p.add_argument("--sources", type=Path, default=paths.SOURCES_DIR, help="folder of .txt source texts")
    _store_arg(p)
    p.add_argument("--strict", action="store_true", help="exit non-zero when a source file cannot be read")
    p.add_argument("--workers", type=int, default=0,
                   help="N: a local Dask cluster of N worker processes; -1: in this process; 0 (default): "
                        "automatic, a local cluster from 256 texts on a machine of several cores")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run the per-text work on the Dask scheduler at ADDRESS (tcp://host:8786); the workers "
                        "read the texts by path, so --sources must be where they see it too")
    p.add_argument("--curated", type=Path, default=None,
                   help="curated Wikidata links file (default: $RIKG_CURATED_LINKS or data/links/curated.csv)")
    _into_args(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("import", help="load RDF files into the store")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--graph", help="named graph IRI to load into")
    _store_arg(p)
    _into_args(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("serve", help="serve the graph over SPARQL and HTTP")
    _store_arg(p)
    p.add_argument("--sources", type=Path, default=paths.SOURCES_DIR, help=argparse.SUPPRESS)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--allow-updates", action="store_true", help="enable /update and writes to /store")
    p.add_argument("--update-token", help="require 'Authorization: Bearer T' for writes")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run")
    p.add_argument("--allow-service", action="append", default=None, metavar="URL",
                   help="SPARQL endpoint a SERVICE clause may call (repeatable; default: Wikidata)")
    p.add_argument("--upstream", metavar="URL", help="serve a remote SPARQL 1.1 query endpoint instead of the store")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("query", help="run one SPARQL query against the store")
    p.add_argument("query", nargs="?")
    p.add_argument("--file", help="read the query from a file")
    p.add_argument("--format", default=None, help="json|xml|csv|tsv (SELECT/ASK), ttl|nt|... (CONSTRUCT)")
    _store_arg(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write the graph (or one named graph)")
    p.add_argument("--format", default="ttl", help="ttl|nt|nq|trig|jsonld|rdf")
    p.add_argument("--graph", help="only this named graph")
    p.add_argument("--output", help="file to write (default: stdout)")
    _store_arg(p)
    p.set_defaults(func=cmd_export)

    from rikg.links import add_parser as add_links_parser

    add_links_parser(sub, _store_arg)

    p = sub.add_parser("explain", help="each fact about an entity with the sentence and rule behind it")
    p.add_argument("iri")
    _store_arg(p)
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("validate", help="check the graph against the SHACL shapes (ontology/shapes.ttl)")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files to check instead of the store")
    _store_arg(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("release", help="write a citable, versioned release folder of the graph")
    p.add_argument("dir", type=Path, metavar="DIR", help="release folder to create (must not exist or be empty)")
    _store_arg(p)
    p.add_argument("--version", default=None, help="release version (default: the rikg version)")
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                   help="dct:issued (default: the newest source-text date; 'today' for the current date)")
    p.add_argument("--force", action="store_true", help="replace a non-empty DIR")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("evaluate", help="score extraction against gold annotations (docs/gold-format.md)")
    p.add_argument("--gold", type=Path, required=True, metavar="DIR", help="folder of gold JSON files (or one file)")
    graph = p.add_mutually_exclusive_group(required=True)
    graph.add_argument("--sources", type=Path, metavar="DIR", help="build a temporary store from this folder of texts")
    graph.add_argument("--store", type=Path, metavar="DIR", help="score this existing store")
    p.add_argument("--texts", type=Path, metavar="DIR",
                   help="the texts the gold files name (default: --sources, or the texts the store records)")
    p.add_argument("--reference", type=Path, default=paths.REFERENCE_QIDS, metavar="CSV", help="Wikidata reference CSV")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the full report as JSON here")
    p.add_argument("--min", action="append", default=[], metavar="METRIC=VALUE",
                   help="gate, e.g. actors.f1=0.9 or links.wrong=0 (a maximum for *.wrong/*.fp/*.fn)")
    p.add_argument("--details", action="store_true", help="list missed and spurious items per document")
    p.add_argument("--keep-going", action="store_true", help="report bad gold files and score the others")
    p.set_defaults(func=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    from rikg.build import BuildError
    from rikg.formats import FormatError
    from rikg.loaders.read import SourceError
    from rikg.store import StoreError

    try:
        return args.func(args)
    except (CliError, StoreError, FormatError, SourceError, SyntaxError, BuildError) as e:
        # One line, whatever the parser's message looks like.
        print("rikg: error: " + " ".join(str(e).split()), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `rikg export | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
