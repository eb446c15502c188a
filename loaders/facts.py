"""The plain data that flows between the stages. Offsets are in the working copy (see normalise)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    rule: str


@dataclass
class Mention:
    """A name found in the text, before resolution."""

    kind: str  # place | lsg | org | person | program
    start: int
    end: int
    surface: str  # working-copy text of the span
    name: str  # nominative Latin name (canonical candidate)
    rule: str  # which pattern or gazetteer entry found it
    key: str | None = None  # gazetteer key when the name is curated
    subtype: str = ""  # org kind, program class (Project, Call...), place kind
    aliases: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.rule)


@dataclass
class DateValue:
    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    rule: str
    role: str = "point"  # point | from | to


@dataclass
class NumberValue:
    start: int
    end: int
    value: float
    rule: str


@dataclass
class Entity:
    """One real-world thing after resolution: an actor, a place or a program."""

    key: str  # resolution key, stable across documents and builds
    kind: str  # place | lsg | org | person | program
    name: str  # canonical nominative, Latin
    subtype: str = ""
    cyrillic: str | None = None
    english: str | None = None
    qid: str | None = None
    place_key: str | None = None  # for a local self-government: its territory
    mentions: list[Mention] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)


@dataclass
class Relation:
    """A binary fact between two entities (role, partOf, location, affiliation) with its evidence."""

    subject: str  # entity key
    predicate: str  # Funder | Implementer | Partner | Organizer | Participant | partOf | location | ...
    object: str  # entity key
    evidence: Span


@dataclass
class ProgramDate:
    program: str
    which: str  # start | end
    value: str
    evidence: Span


@dataclass
class Agreement:
    kind: str  # a concept of rikg:AgreementKinds
    name: str
    evidence: Span
    parties: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    about: str | None = None


@dataclass
class Outcome:
    value: float
    indicator: str
    unit: str
    evidence: Span
    qualifier: str = "Exact"
    currency: str | None = None
    program: str | None = None
    place: str | None = None
    sub_count_of: int | None = None  # index of the total in the document's outcome list
    what: str = ""
    start_date: str | None = None
    end_date: str | None = None


@dataclass
class Event:
    kind: str
    evidence: Span
    date: str | None = None
    place: str | None = None
    program: str | None = None
    organizers: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)


@dataclass
class DocumentFacts:
    doc_id: str
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    dates: list[ProgramDate] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    publication_date: str | None = None
    warnings: list[str] = field(default_factory=list)
