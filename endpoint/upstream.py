"""`rikg serve --upstream URL`: the whole front end over a remote SPARQL 1.1 query endpoint.

UpstreamExecutor has the interface of executor.Executor (stream, run, rows, select, ask, construct,
select_json, generation, timeout), so the protocol, UI, Linked Data pages, VoID and Graph Store reads
work unchanged; each read is one SPARQL 1.1 Protocol POST to the upstream, and its answer is streamed
back chunk by chunk. The SERVICE allow-list is checked before anything is sent (common.check_services).

- Prefixes: rikg predeclares its prefixes (rikg:, id:, skos: ...); the upstream does not, so the ones
  a query uses without declaring are prepended as PREFIX lines, and the request URL as its BASE.
- Union default graph: a query naming no dataset sees all graphs in rikg. Virtuoso does that by
  default; Oxigraph needs its `union-default-graph` parameter, which is sent when the upstream
  says it is Oxigraph (Server header). Other engines answer with their own default graph.
- Timeout: the upstream must start answering within --timeout (and keep sending at least every
  --timeout seconds); otherwise the connection is dropped and the client gets 503.
- Errors: the upstream refusing a query as malformed (400) is the client's error and comes back as
  400 with the upstream's message; any other failure of the upstream is 502 naming its status.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

from rikg.endpoint.executor import Job, QueryApi, QueryError, QueryTimeout
from rikg.endpoint.sparql_lex import analyse, tokenize

CHUNK = 64 * 1024
_RESULTS_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                  "csv": "text/csv", "tsv": "text/tab-separated-values"}
_RDF_MEDIA = {"ttl": "text/turtle", "nt": "application/n-triples", "rdf": "application/rdf+xml",
              "jsonld": "application/ld+json", "nq": "application/n-quads", "trig": "application/trig"}


class UpstreamError(RuntimeError):
    """The upstream endpoint cannot be used (found at start): one line for the CLI."""


def _split(url: str) -> tuple[str, str, int, str]:
    u = urllib.parse.urlsplit(url)
    if u.scheme not in ("http", "https") or not u.hostname:
        raise UpstreamError(f"--upstream {url!r} is not an http(s) URL of a SPARQL query endpoint")
    port = u.port or (443 if u.scheme == "https" else 80)
    path = u.path or "/"
    if u.query:
        path += "?" + u.query
    return u.scheme, u.hostname, port, path


def _connect(url: str, timeout: float) -> http.client.HTTPConnection:
    scheme, host, port, _ = _split(url)
    cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    return cls(host, port, timeout=timeout)


def _post(conn: http.client.HTTPConnection, path: str, params: list[tuple[str, str]],
          accept: str) -> http.client.HTTPResponse:
    body = urllib.parse.urlencode(params).encode()
    conn.request("POST", path, body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": "rikg"})
    return conn.getresponse()


def check_upstream(url: str, timeout: float = 10.0) -> bool:
    """Ask the upstream `ASK {}`; raise UpstreamError with one line unless it answers like a SPARQL
    endpoint. Returns True when the upstream is Oxigraph (it takes `union-default-graph`)."""
    _, _, _, path = _split(url)
    conn = _connect(url, timeout)
    try:
        try:
            r = _post(conn, path, [("query", "ASK {}")], _RESULTS_MEDIA["json"])
            body = r.read(64 * 1024)
        except (OSError, http.client.HTTPException) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else (str(e) or type(e).__name__)
            raise UpstreamError(f"cannot reach the upstream SPARQL endpoint {url}: {reason}") from None
        if r.status in (401, 403):
            raise UpstreamError(f"the upstream {url} answered {r.status} {r.reason}: rikg serve --upstream needs "
                                "an endpoint it may query without credentials")
        if r.status != 200:
            raise UpstreamError(f"the upstream {url} answered {r.status} {r.reason} to `ASK {{}}`: "
                                "is it a SPARQL query endpoint?")
        try:
            ok = boolean_of(json.loads(body)) is not None
        except ValueError:
            ok = False
        if not ok:
            media = r.getheader("Content-Type", "no Content-Type")
            raise UpstreamError(f"the upstream {url} is not a SPARQL query endpoint: it answered `ASK {{}}` "
                                f"with {media}, not a SPARQL JSON boolean")
        return (r.getheader("Server") or "").lower().startswith("oxigraph")
    finally:
        conn.close()


def boolean_of(doc: Any) -> bool | None:
    """The answer of an ASK from a SPARQL JSON document; Virtuoso 7 answers ASK with one row of one
    variable (`__ASK_RETVAL` = 1 or 0) instead of a boolean. None: not an ASK answer."""
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("boolean"), bool):
        return doc["boolean"]
    rows = doc.get("results", {}).get("bindings") if isinstance(doc.get("results"), dict) else None
    names = doc.get("head", {}).get("vars", []) if isinstance(doc.get("head"), dict) else []
    if names == ["__ASK_RETVAL"] and isinstance(rows, list):
        return bool(rows) and rows[0].get("__ASK_RETVAL", {}).get("value") in ("1", "true")
    return None


def _boolean_document(value: bool, fmt: str) -> bytes:
    """A standard ASK answer in `fmt`, written by Oxigraph's own results writers."""
    from pyoxigraph import Store

    from rikg.endpoint.worker import results_format

    return Store().query("ASK {}" if value else "ASK { FILTER(false) }").serialize(format=results_format(fmt))


def _with_prologue(query: str, prefixes: dict[str, str], base: str | None) -> str:
    """Prepend the predeclared prefixes the query uses without declaring, and BASE if it has none."""
    toks = tokenize(query)
    declared = {toks[i + 1].text[:-1] for i, t in enumerate(toks[:-1]) if t.keyword == "PREFIX"}
    used = {t.text.partition(":")[0] for t in toks if t.kind == "pname"}
    head = [f"PREFIX {p}: <{prefixes[p]}>" for p in sorted(used - declared) if p in prefixes]
    if base and not any(t.keyword == "BASE" for t in toks):
        head.insert(0, f"BASE <{base}>")
    return "\n".join([*head, query]) if head else query


class UpstreamStream:
    """The body of one upstream answer: the first chunk is already read (errors surface before the
    response starts); iterating yields the rest. Same surface as executor.ResultStream."""

    def __init__(self, conn: http.client.HTTPConnection, resp: http.client.HTTPResponse, first: bytes,
                 timeout: float, stream_limit: float, info: dict[str, Any]) -> None:
        self._conn: http.client.HTTPConnection | None = conn
        self._resp = resp
        self._pending = [first] if first else []
        self._timeout = timeout
        self._hard = time.monotonic() + stream_limit
        self.info = info
        if resp.isclosed():
            self._finish()

    def _finish(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __iter__(self) -> Iterator[bytes]:
        while self._pending:
            yield self._pending.pop(0)
        while self._conn is not None:
            if time.monotonic() > self._hard:
                self._finish()
                raise QueryTimeout("the upstream kept sending past this server's stream limit")
            try:
                chunk = self._resp.read1(CHUNK)
            except TimeoutError:
                self._finish()
                raise QueryTimeout(f"the upstream stopped sending for {self._timeout:g} s") from None
            except (OSError, http.client.HTTPException) as e:
                self._finish()
                raise QueryError(f"the upstream broke off its answer: {e}", 502) from None
            if not chunk:
                self._finish()
                return
            yield chunk

    def read(self) -> bytes:
        return b"".join(self)

    @property
    def complete(self) -> bool:
        return self._conn is None

    def body(self) -> bytes | UpstreamStream:
        return self.read() if self.complete else self

    def close(self) -> None:
        self._finish()


class UpstreamExecutor(QueryApi):
    """Runs every read as a SPARQL 1.1 Protocol request to `url`; writes are refused (403)."""

    def __init__(self, url: str, *, timeout: float = 30.0, stream_limit: float | None = None,
                 union_parameter: bool | None = None) -> None:
        _split(url)
        self.url = url
        self.store_path = url
        self.timeout = float(timeout)
        self.stream_limit = stream_limit if stream_limit is not None else max(300.0, 10 * self.timeout)
        self._union_parameter = union_parameter
        self._lock = threading.Lock()

    @property
    def generation(self) -> int:
        # The upstream's changes are not visible from here: cached statistics live five minutes.
        return int(time.time() // 300)

    def _union(self) -> bool:
        if self._union_parameter is None:
            with self._lock:
                if self._union_parameter is None:
                    try:
                        self._union_parameter = check_upstream(self.url, self.timeout)
                    except UpstreamError:
                        return False
        return bool(self._union_parameter)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Any]:
        raise QueryError("this server answers from an upstream SPARQL endpoint and is read-only", 403)
        yield  # pragma: no cover

    # -- requests --------------------------------------------------------------------------------

    def _send(self, job: Job, accept: str, timeout: float, query: str | None = None) -> UpstreamStream:
        """POST the job's query; returns once the first chunk of a 200 answer is there."""
        text = _with_prologue(query or job.query or "", job.prefixes, job.base_iri)
        params = [("query", text)]
        if job.default_graphs is not None or job.named_graphs is not None:
            params += [("default-graph-uri", g) for g in job.default_graphs or []]
            params += [("named-graph-uri", g) for g in job.named_graphs or []]
        elif job.union and self._union():
            params.append(("union-default-graph", ""))
        _, _, _, path = _split(self.url)
        conn = _connect(self.url, timeout)
        try:
            resp = _post(conn, path, params, accept)
            first = resp.read1(CHUNK) if resp.status == 200 else resp.read(4096)
        except TimeoutError:
            conn.close()
            raise QueryTimeout(
                f"query timed out: the upstream endpoint did not answer within this server's limit of "
                f"{timeout:g} s; add a LIMIT or make the patterns more selective") from None
        except (OSError, http.client.HTTPException) as e:
            conn.close()
            raise QueryError(f"the upstream endpoint {self.url} failed: {e}", 502) from None
        if resp.status != 200:
            conn.close()
            message = first.decode("utf-8", "replace").strip().splitlines()
            detail = message[0][:300] if message else resp.reason
            if resp.status == 400:
                raise QueryError(f"the upstream endpoint refused the query: {detail}", 400)
            raise QueryError(f"the upstream endpoint answered {resp.status} {resp.reason}: {detail}", 502)
        return UpstreamStream(conn, resp, first, timeout, self.stream_limit, {})

    def stream(self, job: Job, timeout: float | None = None) -> UpstreamStream:
        limit = self.timeout if timeout is None else timeout
        if job.op == "query":
            form = analyse(job.query or "", job.prefixes).form
            if form == "ASK":  # rewritten here: not every engine writes a standard boolean answer
                answer = self._rows(job, limit)["boolean"]
                return _Done(_boolean_document(answer, job.results_format), {"kind": "boolean"})
            graph = form in ("CONSTRUCT", "DESCRIBE")
            accept = _RDF_MEDIA[job.rdf_format] if graph else _RESULTS_MEDIA[job.results_format]
            s = self._send(job, accept, limit)
            s.info = {"kind": "graph" if graph else ("boolean" if form == "ASK" else "solutions")}
            return s
        if job.op == "rows":
            data = self._rows(job, limit)
            return _Done(b"", data)
        if job.op == "graph":
            return self._graph(job, limit)
        if job.op == "dump":
            return self._dump(job, limit)
        raise QueryError(f"unknown job {job.op!r}", 500)

    def _rows(self, job: Job, timeout: float) -> dict[str, Any]:
        from pyoxigraph import RdfFormat, parse

        from rikg.endpoint.worker import term_json

        form = analyse(job.query or "", job.prefixes).form
        if form in ("CONSTRUCT", "DESCRIBE"):
            raw = self._send(job, _RDF_MEDIA["nt"], timeout).read()
            triples = []
            for i, t in enumerate(parse(raw, RdfFormat.N_TRIPLES)):
                if job.limit is not None and i >= job.limit:
                    return {"kind": "graph", "triples": triples, "truncated": True}
                triples.append([term_json(t.subject), term_json(t.predicate), term_json(t.object)])
            return {"kind": "graph", "triples": triples, "truncated": False}
        try:
            doc = json.loads(self._send(job, _RESULTS_MEDIA["json"], timeout).read())
        except ValueError:
            raise QueryError("the upstream endpoint answered with invalid SPARQL JSON", 502) from None
        if form == "ASK":
            answer = boolean_of(doc)
            if answer is None:
                raise QueryError("the upstream endpoint answered an ASK without a boolean", 502)
            return {"kind": "boolean", "boolean": answer}
        names = doc.get("head", {}).get("vars", [])
        rows = [_normalise(b) for b in doc.get("results", {}).get("bindings", [])]
        truncated = job.limit is not None and len(rows) > job.limit
        return {"kind": "solutions", "vars": names, "bindings": rows[:job.limit] if truncated else rows,
                "truncated": truncated}

    def _graph(self, job: Job, timeout: float) -> UpstreamStream | _Done:
        if job.graph is None:
            where = "{ ?s ?p ?o }"
        else:
            where = f"{{ GRAPH <{job.graph}> {{ ?s ?p ?o }} }}"
            # A graph with a triple: Virtuoso says yes to `GRAPH <any> { }`, and keeps no empty graphs.
            exists = Job("rows", f"ASK {{ GRAPH <{job.graph}> {{ ?s ?p ?o }} }}", union=False)
            if not self._rows(exists, timeout).get("boolean"):
                return _Done(b"", {"exists": False})
        if job.head:
            return _Done(b"", {"exists": True})
        q = Job("query", f"CONSTRUCT {{ ?s ?p ?o }} WHERE {where}", union=False, rdf_format=job.rdf_format)
        s = self._send(q, _RDF_MEDIA[job.rdf_format], timeout)
        s.info = {"exists": True}
        return s

    def _dump(self, job: Job, timeout: float) -> _Done:
        """Every quad (or one graph), read as SPARQL JSON and written in `job.rdf_format` by pyoxigraph."""
        from pyoxigraph import DefaultGraph, NamedNode, Quad, serialize

        from rikg.formats import rdf_format

        if job.graph is not None:
            queries = [f"SELECT ?s ?p ?o WHERE {{ GRAPH <{job.graph}> {{ ?s ?p ?o }} }}"]
        else:
            queries = ["SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"]
            if self._union():
                # Oxigraph keeps a default graph of its own; elsewhere (Virtuoso) it is the union.
                queries.append("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        bindings = []
        for q in queries:
            doc = json.loads(self._send(Job("query", q, union=False), _RESULTS_MEDIA["json"], timeout).read())
            bindings += doc["results"]["bindings"]
        fmt = rdf_format(job.rdf_format)
        quads = []
        for b in bindings:
            g = b.get("g") or ({"type": "uri", "value": job.graph} if job.graph else None)
            quads.append(Quad(_term(b["s"]), _term(b["p"]), _term(b["o"]),
                              NamedNode(g["value"]) if g and fmt.supports_datasets else DefaultGraph()))
        out = io.BytesIO()
        serialize(quads, out, fmt)
        return _Done(out.getvalue(), {})

    # -- the executor API ------------------------------------------------------------------------

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""


class _Done:
    """A result already complete (rows, a dump, a HEAD)."""

    def __init__(self, data: bytes, info: dict[str, Any]) -> None:
        self._data = data
        self.info = info
        self.complete = True

    def __iter__(self) -> Iterator[bytes]:
        if self._data:
            yield self._data

    def read(self) -> bytes:
        return self._data

    def body(self) -> bytes:
        return self._data

    def close(self) -> None:
        """Nothing is open."""


def _normalise(binding: dict[str, Any]) -> dict[str, Any]:
    """SPARQL JSON from other engines as rikg writes it (Virtuoso says typed-literal; xsd:string is implied)."""
    out = {}
    for name, term in binding.items():
        term = dict(term)
        if term.get("type") == "typed-literal":
            term["type"] = "literal"
        if term.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
            del term["datatype"]
        out[name] = term
    return out


def _term(t: dict[str, Any]) -> Any:
    from pyoxigraph import BlankNode, Literal, NamedNode

    kind = t.get("type")
    if kind == "uri":
        return NamedNode(t["value"])
    if kind == "bnode":
        return BlankNode(t["value"])
    if "xml:lang" in t:
        return Literal(t["value"], language=t["xml:lang"])
    if "datatype" in t:
        return Literal(t["value"], datatype=NamedNode(t["datatype"]))
    return Literal(t["value"])
