"""Gold annotations: reading one JSON file of either shape, and checking that it is usable.

From score_extraction.py 1.2 (../shared/tools), "Gold annotations". What the scorer reads is
unchanged (the same names, keys, references and optional items, so the figures agree with it); what
is new is strictness: where the shared scorer warns and goes on (a file that is not JSON, a role, party
or program reference to something the file does not define), `rikg evaluate` reports a
`GoldError` naming the file and the field, because a silently dropped reference changes the scores
without anyone noticing. The format is described in docs/gold-format.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rikg.evaluate.names import name_variants, names_to_variants
from rikg.evaluate.terms import GOLD_ROLE_FIELDS
from rikg.evaluate.values import norm_date, number_text, numbers_equal, qualifier_numbers

# The fields that hold lists of objects; anything else there is reported, not guessed at.
LIST_FIELDS = ("actors", "persons", "places_mentioned", "programs", "agreements", "outcomes", "events")


class GoldError(ValueError):
    """A gold file that cannot be scored; str() is one line naming the file and the field."""

    def __init__(self, path: Path, where: str, message: str) -> None:
        super().__init__(f"{path}: {where}: {message}")
        self.path, self.where, self.message = Path(path), where, message


@dataclass(frozen=True)
class GoldProblem:
    """A reference inside a gold file to something the file does not define."""

    where: str          # the field, e.g. "programs[2].funders"
    message: str

@dataclass
class GoldItem:
    key: str                    # the string other gold fields use to refer to this item
    names: list[str]            # every name the item may be found under
    optional: bool = False
    ref_names: list[str] = field(default_factory=list)   # canonical names, for Wikidata lookup
    variants: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.variants = names_to_variants(self.names)

    @property
    def label(self) -> str:
        return self.key


@dataclass
class GoldProgram(GoldItem):
    descriptive: bool = False
    roles: dict[str, list[int | None]] = field(default_factory=dict)   # role -> actor indices
    role_refs: dict[str, list[str]] = field(default_factory=dict)      # role -> raw references
    locations: list[int] = field(default_factory=list)                  # place indices
    parent: int | None = None                                           # part_of, a program index


@dataclass
class GoldAgreement:
    label: str
    kind: str | None
    parties: list[int]           # actor indices (unresolved references dropped, with a warning)
    date: str | None
    about: int | None            # program index
    optional: bool


@dataclass
class GoldOutcome:
    label: str
    quantity: float
    program: int | None
    optional: bool


@dataclass
class GoldEvent:
    label: str
    date: str | None
    optional: bool


@dataclass
class GoldDoc:
    doc: str
    path: Path
    actors: list[GoldItem]
    programs: list[GoldProgram]
    places: list[GoldItem]
    agreements: list[GoldAgreement]
    outcomes: list[GoldOutcome]
    events: list[GoldEvent]
    warnings: list[str]          # kept, as the shared scorer does (a non-numeric quantity)
    problems: list[GoldProblem] = field(default_factory=list)   # unresolved references




def _strs(*values: object) -> list[str]:
    """Non-empty strings among values (lists are flattened), in order, without duplicates."""
    out: list[str] = []
    for v in values:
        for s in (v if isinstance(v, list) else [v]):
            if isinstance(s, str) and s.strip() and s not in out:
                out.append(s)
    return out


class _Index:
    """Resolves the reference strings used inside one gold file (actor canonical names, program
    names, place names): exact key/name first, then normalised name equality."""

    def __init__(self, items: list[GoldItem]) -> None:
        self.items = items
        self.exact: dict[str, int] = {}
        for i, it in enumerate(items):
            for s in [it.key, *it.names, *it.ref_names]:
                self.exact.setdefault(s, i)

    def find(self, ref: str) -> int | None:
        if ref in self.exact:
            return self.exact[ref]
        wanted = name_variants(ref)
        for i, it in enumerate(self.items):
            if wanted & it.variants:
                return i
        return None


def read_gold_json(path: Path) -> dict[str, Any] | None:
    """The JSON object of a gold file, or None for a JSON file that is not a gold annotation (no "doc",
    as the shared scorer skips it). Invalid JSON and wrong shapes raise GoldError."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise GoldError(path, "file", f"cannot read ({e.strerror})") from None
    except UnicodeDecodeError as e:
        raise GoldError(path, "file", f"not UTF-8 (byte 0x{e.object[e.start]:02x} at offset {e.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise GoldError(path, f"line {e.lineno} column {e.colno}", f"not valid JSON ({e.msg})") from None
    if not isinstance(data, dict) or "doc" not in data:
        return None
    if not isinstance(data["doc"], str) or not data["doc"].strip():
        raise GoldError(path, "doc", f"must name the text file, got {data['doc']!r}")
    for name in LIST_FIELDS:
        value = data.get(name, [])
        if not isinstance(value, list):
            raise GoldError(path, name, f"must be a list, got {type(value).__name__}")
        for n, item in enumerate(value):
            if not isinstance(item, dict):
                raise GoldError(path, f"{name}[{n}]", f"must be an object, got {type(item).__name__}")
    return data


def load_gold_file(path: Path, data: dict[str, Any] | None = None) -> GoldDoc:
    """Read one gold JSON file of either shape into a GoldDoc (the scorer's reading, unchanged).

    Names used for matching: actors and programs: name, canonical, english, canonical_latin,
    mentions and aliases; places (seed shape: places_mentioned): name, canonical, mentions.
    Persons listed only under "persons" are added as actors. Program locations resolve against
    places_mentioned, then actors, else the location string itself is the place's name (held-out
    shape). Items with "optional": true are optional. References that resolve to nothing are
    recorded in `problems` (the shared scorer only warns about them).
    """
    if data is None:
        data = read_gold_json(path)
        if data is None:
            raise GoldError(path, "doc", "missing: not a gold annotation")
    doc = data["doc"]
    warnings: list[str] = []
    problems: list[GoldProblem] = []

    actors: list[GoldItem] = []
    for a in data.get("actors", []):
        actors.append(GoldItem(
            key=a.get("canonical") or a.get("canonical_latin") or a.get("name") or "?",
            names=_strs(a.get("name"), a.get("canonical"), a.get("english"), a.get("canonical_latin"),
                        a.get("mentions", []), a.get("aliases", [])),
            optional=bool(a.get("optional")),
            ref_names=_strs(a.get("canonical"), a.get("english"), a.get("name"))))
    actor_index = _Index(actors)
    for p in data.get("persons", []):
        names = _strs(p.get("canonical_latin"), p.get("name"), p.get("mentions", []))
        if names and all(actor_index.find(n) is None for n in names):
            actors.append(GoldItem(key=names[0], names=names, optional=bool(p.get("optional")),
                                   ref_names=names[:1]))
            actor_index = _Index(actors)

    places: list[GoldItem] = []
    for pl in data.get("places_mentioned", []):
        places.append(GoldItem(key=pl.get("canonical") or pl.get("name"),
                               names=_strs(pl.get("name"), pl.get("canonical"), pl.get("mentions", [])),
                               optional=bool(pl.get("optional")),
                               ref_names=_strs(pl.get("canonical"))))
    place_index = _Index(places)

    def place_ref(ref: str) -> int:
        """Index of the place a location string refers to (created if needed)."""
        nonlocal place_index
        i = place_index.find(ref)
        if i is not None:
            return i
        j = actor_index.find(ref)
        if j is not None:
            a = actors[j]
            places.append(GoldItem(key=ref, names=list(a.names), ref_names=list(a.ref_names)))
        else:
            places.append(GoldItem(key=ref, names=[ref], ref_names=[ref]))
        place_index = _Index(places)
        return len(places) - 1

    programs: list[GoldProgram] = []
    for p in data.get("programs", []):
        programs.append(GoldProgram(
            key=p.get("canonical") or p.get("name") or "?",
            names=_strs(p.get("name"), p.get("canonical"), p.get("english"),
                        p.get("mentions", []), p.get("aliases", [])),
            optional=bool(p.get("optional")),
            ref_names=_strs(p.get("canonical"), p.get("english"), p.get("name")),
            descriptive=bool(p.get("descriptive_name"))))
    program_index = _Index(programs)  # built before roles so that keys are final

    for n, (prog, p) in enumerate(zip(programs, data.get("programs", []), strict=True)):
        for fld, role in GOLD_ROLE_FIELDS.items():
            refs = _strs(p.get(fld, []))
            prog.role_refs[role] = refs
            resolved: list[int | None] = []
            for ref in refs:
                i = actor_index.find(ref)
                if i is None:
                    problems.append(GoldProblem(f"programs[{n}].{fld}", f"{ref!r} is not among the actors"))
                resolved.append(i)
            prog.roles[role] = resolved
        prog.locations = [place_ref(loc) for loc in _strs(p.get("locations", []))]
        parent = program_index.find(p["part_of"]) if isinstance(p.get("part_of"), str) else None
        prog.parent = parent if parent is not None and programs[parent] is not prog else None

    def program_ref(ref: str | None, where: str) -> int | None:
        if not ref:
            return None
        i = program_index.find(ref)
        if i is None:
            problems.append(GoldProblem(where, f"{ref!r} is not among the programs"))
        return i

    agreements: list[GoldAgreement] = []
    for n, ag in enumerate(data.get("agreements", [])):
        parties = []
        for ref in _strs(ag.get("parties", [])):
            i = actor_index.find(ref)
            if i is None:
                problems.append(GoldProblem(f"agreements[{n}].parties", f"{ref!r} is not among the actors"))
            else:
                parties.append(i)
        if ag.get("place"):
            place_ref(ag["place"])
        agreements.append(GoldAgreement(
            label=ag.get("name_in_text") or f"{ag.get('kind')} {ag.get('date') or ''}".strip(),
            kind=ag.get("kind"), parties=parties, date=norm_date(ag.get("date")),
            about=program_ref(ag.get("about"), f"agreements[{n}].about"), optional=bool(ag.get("optional"))))

    outcomes: list[GoldOutcome] = []
    for n, o in enumerate(data.get("outcomes", [])):
        q = o.get("quantity")
        if isinstance(q, bool) or not isinstance(q, (int, float)):
            warnings.append(f"{doc}: outcome[{n}]: quantity {q!r} is not a number; skipped")
            continue
        if o.get("location"):
            place_ref(o["location"])
        outcomes.append(GoldOutcome(
            label=f"{number_text(q)} {o.get('what') or o.get('unit_or_what') or ''}".strip()[:80],
            quantity=float(q), program=program_ref(o.get("program"), f"outcomes[{n}].program"),
            optional=bool(o.get("optional"))))
        # A sub-count that the gold keeps in the qualifier ("of which 157 women") may also be its own
        # outcome (gold README): such a number counts neither for nor against.
        for sub in qualifier_numbers(o.get("qualifier")):
            if not numbers_equal(sub, float(q)):
                outcomes.append(GoldOutcome(label=f"{number_text(sub)} (in the qualifier of {number_text(q)})",
                                            quantity=sub, program=outcomes[-1].program, optional=True))

    events: list[GoldEvent] = []
    for e in data.get("events", []):
        if e.get("place"):
            place_ref(e["place"])
        events.append(GoldEvent(label=(e.get("name_or_text") or e.get("kind") or "event")[:80],
                                date=norm_date(e.get("date")), optional=bool(e.get("optional"))))

    return GoldDoc(doc=doc, path=path, actors=actors, programs=programs, places=places,
                   agreements=agreements, outcomes=outcomes, events=events, warnings=warnings,
                   problems=problems)


def gold_files(path: Path) -> list[Path]:
    """The gold files of a folder (sorted by name, as the shared scorer reads them), or the one file given."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GoldError(path, "--gold", "no such file or folder")
    return sorted(path.glob("*.json"))


def check_problems(gold: GoldDoc) -> None:
    """Raise GoldError for the first unresolved reference of a gold file (naming how many more there are)."""
    if gold.problems:
        first, more = gold.problems[0], len(gold.problems) - 1
        raise GoldError(gold.path, first.where, first.message + (f" (and {more} more)" if more else ""))


def unique_docs(golds: Iterable[GoldDoc]) -> None:
    """Two gold files for one text would score it twice."""
    seen: dict[str, Path] = {}
    for g in golds:
        if g.doc in seen:
            raise GoldError(g.path, "doc", f"{g.doc!r} is already annotated by {seen[g.doc].name}")
        seen[g.doc] = g.path
