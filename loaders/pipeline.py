"""One source text through every stage, as plain data: read -> normalise -> segment -> recognise ->
resolve (within the text) -> extract. Cross-text resolution and RDF happen in rikg.build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rikg.loaders.extract import extract
from rikg.loaders.facts import DocumentFacts
from rikg.loaders.normalise import Normalised, normalise
from rikg.loaders.read import SourceText, read_source
from rikg.loaders.recognise import recognise
from rikg.loaders.resolve import ensure_places, entities_of
from rikg.loaders.segment import sentences
from rikg.loaders.tokens import tokenize


@dataclass
class Processed:
    source: SourceText
    norm: Normalised
    facts: DocumentFacts


def process_text(source: SourceText) -> Processed:
    norm = normalise(source.text)
    working = norm.text
    tokens = tokenize(working)
    sents = sentences(working)
    mentions = recognise(working, tokens)
    facts = DocumentFacts(source.doc_id)
    keys = entities_of(facts, mentions)
    extract(facts, working, tokens, sents, mentions, keys, source.metadata.get("date"))
    ensure_places(facts)
    return Processed(source, norm, facts)


def process_file(path: Path, metadata: dict[str, str] | None = None) -> Processed:
    return process_text(read_source(path, metadata))
