"""The `rikg` command: a thin layer over the same functions the tests call."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from rikg import paths


class CliError(Exception):
    """An error to report in one line, without a traceback."""


def _store_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", type=Path, default=None,
                   help="store folder (default: $RIKG_STORE or ./store in the checkout)")


def _store(args: argparse.Namespace) -> Path:
    return args.store if args.store is not None else paths.default_store()


def cmd_build(args: argparse.Namespace) -> int:
    from rikg.build import build_store

    report = build_store(args.sources, _store(args), strict=args.strict, progress=sys.stderr.isatty(),
                         workers=args.workers, curated=args.curated)
    print(report.summary())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from rikg.store import import_files, open_store

    store = open_store(_store(args), create=True)
    added = import_files(store, args.files, args.graph)
    print(f"imported {len(args.files)} file(s): {added} new quad(s)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from rikg.build import build_store
    from rikg.endpoint.server import serve
    from rikg.store import exists

    store = _store(args)
    if not exists(store):
        print(f"no store at {store}: building it from {args.sources}", file=sys.stderr)
        print(build_store(args.sources, store, progress=sys.stderr.isatty()).summary(), file=sys.stderr)
    serve(store, host=args.host, port=args.port, allow_updates=args.allow_updates,
          update_token=args.update_token, timeout=args.timeout, service_allow=args.allow_service)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rikg", description="Roma Inclusion Knowledge Graph")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="run the loaders over the source texts and write the store")
    p.add_argument("--sources", type=Path, default=paths.SOURCES_DIR, help="folder of .txt source texts")
    _store_arg(p)
    p.add_argument("--strict", action="store_true", help="exit non-zero when a source file cannot be read")
    p.add_argument("--workers", type=int, default=0, help="processes for large corpora (0: automatic)")
    p.add_argument("--curated", type=Path, default=None,
                   help="curated Wikidata links file (default: $RIKG_CURATED_LINKS or data/links/curated.csv)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("import", help="load RDF files into the store")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--graph", help="named graph IRI to load into")
    _store_arg(p)
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
