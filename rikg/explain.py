"""`rikg explain IRI`: each fact about an entity, the sentence it came from, and the rule that made it."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Store

from rikg.store import StoreError, run_query
from rikg.vocab import ID_NS, sparql_prefix_block

_FACTS = """
SELECT ?what ?p ?o ?m ?rule ?doc ?s ?e ?text WHERE {
  {
    BIND("name" AS ?what) BIND(?x AS ?ev) ?x rikg:evidence ?m .
  } UNION {
    BIND("role" AS ?what) ?x rikg:participation ?ev . ?ev rikg:role ?p ; rikg:agent ?o ; rikg:evidence ?m .
  } UNION {
    BIND("role (as agent)" AS ?what) ?o rikg:participation ?ev . ?ev rikg:agent ?x ; rikg:role ?p ; rikg:evidence ?m .
  } UNION {
    BIND("outcome" AS ?what) ?ev rikg:outcomeOf ?x ; rikg:value ?o ; rikg:indicator ?p ; rikg:evidence ?m .
  } UNION {
    BIND("agreement" AS ?what) ?ev rikg:party|rikg:about ?x ; rikg:agreementKind ?p ; rikg:evidence ?m .
    BIND(?ev AS ?o)
  } UNION {
    BIND("event" AS ?what) ?ev rikg:about|rikg:organizedBy|rikg:participant ?x ; rikg:eventKind ?p ;
        rikg:evidence ?m . BIND(?ev AS ?o)
  }
  ?m rikg:rule ?rule ; oa:hasSource ?doc ; oa:hasSelector ?pos .
  ?pos oa:start ?s ; oa:end ?e .
  ?doc rikg:text ?text .
}
ORDER BY ?what ?doc ?s ?rule
"""

_PLAIN = """
SELECT ?p ?o WHERE { ?x ?p ?o . FILTER(?p NOT IN (rikg:evidence, skos:altLabel, rikg:participation)) }
ORDER BY ?p ?o
"""


def _short(term: object) -> str:
    if isinstance(term, NamedNode):
        v = term.value
        for prefix, iri in (("rikg:", "https://w3id.org/rikg/ontology#"), ("id:", ID_NS),
                            ("wd:", "http://www.wikidata.org/entity/")):
            if v.startswith(iri):
                return prefix + v[len(iri):]
        return f"<{v}>"
    if isinstance(term, Literal):
        return f'"{term.value}"' + (f"@{term.language}" if term.language else "")
    return str(term)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list line) that holds text[start:end], with the quote in [brackets]."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    before, quote, after = text[left + 1:start], text[start:end], text[end:right]
    return " ".join(f"{before}[{quote}]{after}".split())


def explain(store: Store, iri: str) -> str:
    if not iri.startswith("http"):
        iri = ID_NS + iri.lstrip("/").removeprefix("id/")
    prefixes = sparql_prefix_block()
    plain = list(run_query(store, prefixes + _PLAIN.replace("?x", f"<{iri}>")))
    if not plain:
        raise StoreError(f"nothing is known about <{iri}>")
    lines = [f"<{iri}>"]
    for row in plain:
        lines.append(f"  {_short(row['p'])} {_short(row['o'])}")
    lines.append("evidence:")
    for row in run_query(store, prefixes + _FACTS.replace("?x", f"<{iri}>")):
        text = row["text"].value
        s, e = int(row["s"].value), int(row["e"].value)
        fact = row["what"].value
        detail = " ".join(_short(row[v]) for v in ("p", "o") if row[v] is not None)
        doc = row["doc"].value.rsplit("/", 1)[-1]
        lines.append(f"  - {fact} {detail}".rstrip())
        lines.append(f"      rule: {row['rule'].value}")
        lines.append(f"      {doc} [{s}:{e}]: {sentence_around(text, s, e)}")
    return "\n".join(lines)
