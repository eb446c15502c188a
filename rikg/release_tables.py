"""The spreadsheet side of a release: programs, actors, roles, agreements and outcomes as CSV (UTF-8), with
IRIs, labels in both scripts and the evidence quote, described by a W3C CSVW metadata file.

Each table is declared once (TABLES: column name, CSVW datatype, description, list separator); the CSV
header, the rows and csv-metadata.json all come from that declaration, so they cannot drift apart.
Rows and the values in a list cell are sorted, so the files are byte-identical for the same graph.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

from rikg.vocab import DCTERMS, OA, RDF, RDFS, RIKG, RIKG_NS, SKOS

CSVW_CONTEXT = "http://www.w3.org/ns/csvw"
LATN, CYRL = "sr-latn", "sr-cyrl"  # Oxigraph keeps language tags in lower case


@dataclass(frozen=True)
class Column:
    name: str
    datatype: str  # a CSVW built-in datatype name
    description: str
    separator: str | None = None  # a list cell: values joined by this


@dataclass(frozen=True)
class Table:
    name: str  # file stem
    title: str
    columns: tuple[Column, ...]


def _c(name: str, datatype: str, description: str, separator: str | None = None) -> Column:
    return Column(name, datatype, description, separator)


_EVIDENCE = (
    _c("evidence_file", "string", "source file of the first evidence (dcterms:identifier)"),
    _c("evidence_start", "integer", "start offset of the quote (Unicode code points in the stored text)"),
    _c("evidence_end", "integer", "end offset of the quote (exclusive)"),
    _c("evidence_quote", "string", "the exact words of the text (oa:exact)"),
)
_LABELS = (
    _c("label_sr_latn", "string", "rdfs:label in Serbian, Latin script"),
    _c("label_sr_cyrl", "string", "rdfs:label in Serbian, Cyrillic script"),
)

TABLES: tuple[Table, ...] = (
    Table("programs", "Programs", (
        _c("iri", "anyURI", "the program's IRI"), *_LABELS,
        _c("types", "anyURI", "rdf:type (rikg:Program and its finer kinds)", ";"),
        _c("part_of", "anyURI", "rikg:partOf: the programs this one is part of", ";"),
        _c("start_date", "string", "rikg:startDate (xsd:date, gYearMonth or gYear)"),
        _c("end_date", "string", "rikg:endDate"),
        _c("places", "anyURI", "rikg:location", ";"),
        _c("funders", "anyURI", "rikg:fundedBy", ";"),
        _c("implementers", "anyURI", "rikg:implementedBy", ";"),
        _c("wikidata", "anyURI", "skos:exactMatch (verified Wikidata items)", ";"),
        *_EVIDENCE)),
    Table("actors", "Actors (organisations and persons)", (
        _c("iri", "anyURI", "the actor's IRI"), *_LABELS,
        _c("types", "anyURI", "rdf:type (rikg:Actor, rikg:Organization, rikg:Person ...)", ";"),
        _c("wikidata", "anyURI", "skos:exactMatch (verified Wikidata items)", ";"),
        *_EVIDENCE)),
    Table("roles", "Roles: one actor in one role in one program or event (rikg:Participation)", (
        _c("participation", "anyURI", "the rikg:Participation's IRI"),
        _c("program", "anyURI", "the program or event (subject of rikg:participation)"),
        _c("program_label_sr_latn", "string", "its label, Latin script"),
        _c("program_label_sr_cyrl", "string", "its label, Cyrillic script"),
        _c("role", "anyURI", "rikg:role, a concept of the scheme rikg:Roles"),
        _c("role_label", "string", "the role's English label"),
        _c("actor", "anyURI", "rikg:agent"),
        _c("actor_label_sr_latn", "string", "the actor's label, Latin script"),
        _c("actor_label_sr_cyrl", "string", "the actor's label, Cyrillic script"),
        *_EVIDENCE)),
    Table("agreements", "Agreements: memoranda, protocols, contracts", (
        _c("iri", "anyURI", "the agreement's IRI"), *_LABELS,
        _c("kind", "anyURI", "rikg:agreementKind", ";"),
        _c("signed_on", "string", "rikg:signedOn"),
        _c("signed_in", "anyURI", "rikg:signedIn", ";"),
        _c("parties", "anyURI", "rikg:party", ";"),
        _c("about", "anyURI", "rikg:about (programs)", ";"),
        *_EVIDENCE)),
    Table("outcomes", "Outcomes: one reported number of a program", (
        _c("iri", "anyURI", "the outcome's IRI"),
        _c("program", "anyURI", "rikg:outcomeOf", ";"),
        _c("program_label_sr_latn", "string", "the program's label, Latin script"),
        _c("program_label_sr_cyrl", "string", "the program's label, Cyrillic script"),
        _c("indicator", "anyURI", "rikg:indicator: what was counted", ";"),
        _c("value", "decimal", "rikg:value"),
        _c("unit", "string", "rikg:unit"),
        _c("qualifier", "anyURI", "rikg:qualifier (exact, at least, about ...)", ";"),
        _c("place", "anyURI", "rikg:place", ";"),
        _c("label", "string", "rdfs:label: the words of the text for the number"),
        *_EVIDENCE)),
)


class _Graph:
    """The store's union graph as plain dicts, read once: subject -> predicate -> values."""

    def __init__(self, store: Store) -> None:
        self.props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        seen = set()
        for q in store.quads_for_pattern(None, None, None, None):
            key = (q.subject, q.predicate, q.object)
            if key in seen or not isinstance(q.subject, NamedNode):
                continue
            seen.add(key)
            self.props[q.subject.value][q.predicate.value].append(q.object)

    def values(self, s: str, p: NamedNode) -> list:
        return self.props.get(s, {}).get(p.value, [])

    def iris(self, s: str, p: NamedNode) -> list[str]:
        return sorted({o.value for o in self.values(s, p) if isinstance(o, NamedNode)})

    def one(self, s: str, p: NamedNode) -> str:
        vals = sorted(o.value for o in self.values(s, p))
        return vals[0] if vals else ""

    def label(self, s: str, lang: str) -> str:
        vals = sorted(o.value for o in self.values(s, RDFS.label) if isinstance(o, Literal) and o.language == lang)
        return vals[0] if vals else ""

    def instances(self, cls: NamedNode) -> list[str]:
        return sorted(s for s, props in self.props.items()
                      if cls.value in {o.value for o in props.get(RDF.type.value, [])})

    def evidence(self, s: str) -> list[str]:
        """The first evidence (by file, then offset): file, start, end, quote."""
        found = []
        for m in self.iris(s, RIKG.evidence):
            doc = self.one(m, OA.hasSource)
            start = end = quote = ""
            for sel in self.iris(m, OA.hasSelector):
                if self.one(sel, OA.start):
                    start, end = self.one(sel, OA.start), self.one(sel, OA.end)
                if self.one(sel, OA.exact):
                    quote = self.one(sel, OA.exact)
            found.append((self.one(doc, DCTERMS.identifier), int(start or 0), int(end or 0), quote))
        if not found:
            return ["", "", "", ""]
        file, start, end, quote = min(found)
        return [file, str(start), str(end), quote]


def _join(values: list[str]) -> str:
    return ";".join(values)


def _programs(g: _Graph) -> list[list[str]]:
    return [[p, g.label(p, LATN), g.label(p, CYRL), _join(g.iris(p, RDF.type)), _join(g.iris(p, RIKG.partOf)),
             g.one(p, RIKG.startDate), g.one(p, RIKG.endDate), _join(g.iris(p, RIKG.location)),
             _join(g.iris(p, RIKG.fundedBy)), _join(g.iris(p, RIKG.implementedBy)),
             _join(g.iris(p, SKOS.exactMatch)), *g.evidence(p)]
            for p in g.instances(RIKG.Program)]


def _actors(g: _Graph) -> list[list[str]]:
    return [[a, g.label(a, LATN), g.label(a, CYRL), _join(g.iris(a, RDF.type)), _join(g.iris(a, SKOS.exactMatch)),
             *g.evidence(a)]
            for a in g.instances(RIKG.Actor)]


def _role_label(g: _Graph, role: str) -> str:
    # roles are ontology concepts: skos:prefLabel @en (the ontology graph is part of the store)
    labels = sorted(o.value for o in g.values(role, SKOS.prefLabel) if isinstance(o, Literal) and o.language == "en")
    return labels[0] if labels else role.removeprefix(RIKG_NS)


def _roles(g: _Graph) -> list[list[str]]:
    rows = []
    for holder, props in g.props.items():
        for part in sorted({o.value for o in props.get(RIKG.participation.value, [])}):
            role, actor = g.one(part, RIKG.role), g.one(part, RIKG.agent)
            rows.append([part, holder, g.label(holder, LATN), g.label(holder, CYRL), role, _role_label(g, role),
                         actor, g.label(actor, LATN), g.label(actor, CYRL), *g.evidence(part)])
    return sorted(rows)


def _agreements(g: _Graph) -> list[list[str]]:
    return [[a, g.label(a, LATN), g.label(a, CYRL), _join(g.iris(a, RIKG.agreementKind)), g.one(a, RIKG.signedOn),
             _join(g.iris(a, RIKG.signedIn)), _join(g.iris(a, RIKG.party)), _join(g.iris(a, RIKG.about)),
             *g.evidence(a)]
            for a in g.instances(RIKG.Agreement)]


def _outcomes(g: _Graph) -> list[list[str]]:
    rows = []
    for o in g.instances(RIKG.Outcome):
        programs = g.iris(o, RIKG.outcomeOf)
        first = programs[0] if programs else ""
        label = sorted(v.value for v in g.values(o, RDFS.label))
        rows.append([o, _join(programs), g.label(first, LATN), g.label(first, CYRL), _join(g.iris(o, RIKG.indicator)),
                     g.one(o, RIKG.value), g.one(o, RIKG.unit), _join(g.iris(o, RIKG.qualifier)),
                     _join(g.iris(o, RIKG.place)), label[0] if label else "", *g.evidence(o)])
    return rows


_ROWS: dict[str, Callable[[_Graph], list[list[str]]]] = {
    "programs": _programs, "actors": _actors, "roles": _roles, "agreements": _agreements, "outcomes": _outcomes,
}


def write_tables(store: Store, folder: Path) -> dict[str, int]:
    """Write every table and csv-metadata.json into `folder`; returns rows per table."""
    g = _Graph(store)
    counts: dict[str, int] = {}
    for table in TABLES:
        rows = _ROWS[table.name](g)
        buf = io.StringIO()
        # RFC 4180 as CSVW expects: CRLF line ends, quotes only where needed
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows(rows)
        (folder / f"{table.name}.csv").write_bytes(buf.getvalue().encode("utf-8"))
        counts[table.name] = len(rows)
    (folder / "csv-metadata.json").write_bytes(csvw_metadata().encode("utf-8"))
    return counts


def csvw_metadata() -> str:
    """The W3C CSVW table group describing the CSV files (Metadata Vocabulary for Tabular Data)."""
    tables = []
    for table in TABLES:
        columns = []
        for c in table.columns:
            col: dict[str, object] = {"name": c.name, "titles": c.name, "datatype": c.datatype,
                                      "dc:description": c.description}
            if c.separator:
                col["separator"] = c.separator
            columns.append(col)
        key = table.columns[0].name
        tables.append({
            "url": f"{table.name}.csv",
            "dc:title": table.title,
            "tableSchema": {"columns": columns, "primaryKey": key, "aboutUrl": "{+" + key + "}"},
        })
    group = {"@context": [CSVW_CONTEXT, {"@language": "en"}], "@type": "TableGroup",
             "dc:title": "Roma Inclusion Knowledge Graph: tables",
             "dialect": {"encoding": "utf-8", "lineTerminators": ["\r\n"], "header": True},
             "tables": tables}
    return json.dumps(group, ensure_ascii=False, indent=2) + "\n"
