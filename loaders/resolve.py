"""Stage 6: one key per real entity, within a text and across texts and scripts.

Curated names resolve to their gazetteer key. Other names resolve by their inflection-insensitive
key (the stems of their folded words), so "Udruženjem građana X" and "Udruženje građana X" meet,
while ROMACTED and ROMACT, or Beograd and Novi Beograd, stay apart. Names that are close but not
equal are not merged: they are recorded as candidates with a confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from rikg.loaders import gazetteer
from rikg.loaders.facts import DocumentFacts, Entity, Mention
from rikg.loaders.morphology import stem_key
from rikg.loaders.normalise import fold


def name_key(name: str) -> str:
    return " ".join(stem_key(w) for w in fold(name).split())


def local_key(m: Mention) -> str:
    if m.kind == "place":
        return m.key or f"place:{name_key(m.name)}"
    if m.kind == "lsg":
        return "lsg:" + (m.key.split(":", 1)[1] if m.key else name_key(m.name))
    if m.kind == "org":
        return m.key or f"org:{name_key(m.info.get('key_name', m.name))}"
    if m.kind == "person":
        return f"person:{name_key(m.name)}"
    return f"program:{name_key(m.name)}"


def entities_of(doc: DocumentFacts, mentions: list[Mention]) -> dict[int, str]:
    """Group the mentions of one text into entities; returns id(mention) -> key."""
    keys: dict[int, str] = {}
    entries = gazetteer.entries()
    _short_remits(mentions)
    _quoted_cores(mentions)
    _plans_named_shorter(mentions)
    _programs_reordered(mentions)
    for m in mentions:
        key = local_key(m)
        keys[id(m)] = key
        ent = doc.entities.get(key)
        if ent is None:
            # a mention resolved to a fuller name of the same body (`_short_remits`, `_quoted_cores`) names it by that
            ent = Entity(key, m.kind, m.info.get("key_name", m.name), m.subtype)
            if m.key and m.key in entries:
                e = entries[m.key]
                ent.cyrillic = e.cyrillic or None
                ent.english = e.english or None
                ent.qid = e.qid or None
                if m.kind == "lsg":
                    ent.place_key = m.key
                    ent.name = m.name
                    ent.cyrillic = None
                    ent.english = _lsg_english(e)
                else:
                    ent.name = e.name
            doc.entities[key] = ent
        ent.mentions.append(m)
        if ent.english is None and m.info.get("english"):
            ent.english = m.info["english"]  # an English label a recogniser made ("City Administration of Pirot")
        for k, v in m.info.items():
            ent.info.setdefault(k, v)
    return keys


def _short_remits(mentions: list[Mention]) -> None:
    """ "Sekretarijat za privredu, zapošljavanje i ravnopravnost polova" once, "Sekretarijat za privredu" later:
    an office named by the first item of its remit is the same office."""
    orgs = [m for m in mentions if m.kind == "org" and len(m.name.split()) >= 3]
    for short in orgs:
        if short.key or "key_name" in short.info:
            continue
        for long in orgs:
            n = len(short.name)
            if long is not short and long.name[:n].lower() == short.name.lower() and long.name[n:].lstrip()[:1] == ",":
                if long.key:
                    short.key, short.name = long.key, long.name
                else:
                    short.info["key_name"] = long.info.get("key_name", long.name)
                break


# a local action plan named by no more than its kind and its people (folded, without "lokalni")
_GENERIC_PLAN_CORES = frozenset(
    {"akcioni plan", "akcioni plan za rome", "akcioni plan roma", "akcioni plan za rome i romkinje"}
)


def _plans_named_shorter(mentions: list[Mention]) -> None:
    """ "Lokalni akcioni plan za socijalno uključivanje Roma i Romkinja u opštini Osečina" once, "Akcioni plan za
    socijalno uključivanje Roma i Romkinja" later: a text's local action plan named without "lokalni" or without
    its town is the one plan, when only one plan's name goes on that way."""
    # (the acronym alone names the plan too: "LAP za obrazovanje Roma", "na Konkursu LAP")
    plans = [m for m in mentions if m.kind == "program" and (m.rule == "program.action-plan" or m.name == "LAP")]

    def core(m: Mention) -> str:
        words = fold(m.name).split()
        if words and words[0] == "lap":
            return " ".join(["akcioni", "plan", *words[1:]])  # LAP: lokalni akcioni plan
        return " ".join(words[1:] if words and words[0] == "lokalni" else words)

    def of_town(m: Mention) -> tuple[str, str] | None:
        # "Operativni plan Grada Vršca": the plan's words, and its owner's genitive right after them
        words = fold(m.name).split()
        i = next((k for k, x in enumerate(words) if x.startswith("plan")), None)
        if i is None or i + 1 >= len(words) or words[i + 1] not in ("grada", "opstine", "gradske"):
            return None
        return " ".join(words[: i + 1]), " ".join(words[i + 1 :])

    for short in plans:
        longer = {m.name for m in plans if m.name != short.name and core(m).startswith(core(short) + " ")}
        if len(core(short)) >= 20 and len(longer) == 1:
            short.name = longer.pop()
            continue
        # "Lokalni akcioni plan", "Lokalni akcioni plan za Rome" beside one fuller local action plan: the same plan
        if core(short) in _GENERIC_PLAN_CORES:
            fuller = {
                m.name for m in plans if core(m).startswith("akcioni plan ") and core(m) not in _GENERIC_PLAN_CORES
            }
            if len(fuller) == 1:
                short.name = fuller.pop()
                continue
        # "Operativni plan za socijalno uključivanje Roma Grada Vršca" once, "Operativni plan Grada Vršca" later
        owned = of_town(short)
        if owned is not None:
            head, town = owned
            longer = {
                m.name
                for m in plans
                if m.name != short.name and fold(m.name).startswith(head + " za ") and f" {town}" in fold(m.name)
            }
            if len(longer) == 1:
                short.name = longer.pop()


def _programs_reordered(mentions: list[Mention]) -> None:
    """ "Dostupno predškolsko vaspitanje i učenje" and later "Dostupno predškolsko učenje i vaspitanje": a text that
    names a program again with its words in another order names the one program (the first name stands)."""
    first: dict[tuple[str, ...], str] = {}
    for m in mentions:
        if m.kind != "program":
            continue
        words = name_key(m.name).split()
        if len(words) < 3:
            continue
        bag = tuple(sorted(words))
        name = first.setdefault(bag, m.name)
        if name_key(name) != name_key(m.name):
            m.name = name


def _quoted_cores(mentions: list[Mention]) -> None:
    """ "u osnovnim školama „Dositej Obradović“ i ..." and later "U OŠ „Dositej Obradović“": an organisation named
    by its quoted name alone is the one named elsewhere in the text by a head word and that quote."""
    headed = [m for m in mentions if m.kind == "org" and m.rule.startswith("org.head-quoted")]
    for short in mentions:
        if short.kind != "org" or short.key or "key_name" in short.info or short.rule != "org.quoted-in-list":
            continue
        long = next((m for m in headed if m.name.endswith(" " + short.name)), None)
        if long is not None:
            short.info["key_name"] = long.info.get("key_name", long.name)


def _lsg_english(e: gazetteer.Entry) -> str | None:
    if not e.english:
        return None
    if e.subtype == "city":
        return e.english if e.english.lower().startswith("city") else f"City of {e.english}"
    if e.subtype == "municipality":
        return e.english if "unicipality" in e.english else f"{e.english} Municipality"
    return e.english


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    confidence: float
    reason: str


def merge_corpus(docs: list[DocumentFacts]) -> tuple[dict[str, Entity], list[Candidate]]:
    """Entities of the whole corpus by key, and close-but-unmerged pairs as candidates."""
    merged: dict[str, Entity] = {}
    for doc in docs:
        for key, ent in doc.entities.items():
            if key not in merged:
                merged[key] = Entity(
                    key,
                    ent.kind,
                    ent.name,
                    ent.subtype,
                    ent.cyrillic,
                    ent.english,
                    ent.qid,
                    ent.place_key,
                    [],
                    dict(ent.info),
                )
            target = merged[key]
            target.mentions.extend(ent.mentions)
            for k, v in ent.info.items():
                target.info.setdefault(k, v)
    curated = gazetteer.entries()
    for ent in merged.values():
        if ent.key not in curated and not ent.key.startswith("lsg:"):
            ent.name = _canonical_name(ent)
    return merged, _candidates(merged)


def _canonical_name(ent: Entity) -> str:
    """The most frequent nominative name; ties go to the longest, then alphabetical (deterministic)."""
    counts: dict[str, int] = {}
    for m in ent.mentions:
        counts[m.name] = counts.get(m.name, 0) + 1
    if not counts:
        return ent.name
    return sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0]


def _candidates(merged: dict[str, Entity]) -> list[Candidate]:
    out: list[Candidate] = []
    by_kind: dict[str, list[Entity]] = {}
    for e in merged.values():
        if e.kind in ("org", "program", "person"):
            by_kind.setdefault(e.kind, []).append(e)
    for kind, ents in by_kind.items():
        ents.sort(key=lambda e: e.key)
        folded = [fold(e.name) for e in ents]
        # only names of two words or more can pair; their close pairs are found by rapidfuzz's matrix in blocks
        # (every pair one by one took 500 s on the 17,000 entities of 100k texts), then checked one by one
        many = [i for i, f in enumerate(folded) if len(f.split()) > 1]
        for i, j in _close_pairs([folded[i] for i in many]):
            a, b = ents[many[i]], ents[many[j]]
            fa, fb = folded[many[i]], folded[many[j]]
            # token_sort_ratio, not token_set_ratio: "Centar za socijalni rad" is contained in every
            # "Centar za socijalni rad <town>" and is no evidence that they are one institution.
            score = fuzz.token_sort_ratio(fa, fb)
            if score >= 88 and _digits(fa) == _digits(fb):
                out.append(Candidate(a.key, b.key, round(score / 100, 2), f"similar {kind} names"))
    return out


_BLOCK = 2048  # rows of the score matrix at a time: 2048 x 20,000 bytes is 40 MB


def _close_pairs(names: list[str]) -> list[tuple[int, int]]:
    """(i, j), i < j in order, of the names whose token_sort_ratio may reach 88 (a margin below it, so that the
    matrix's float32 scores never drop a pair the exact score keeps)."""
    if len(names) < 2:
        return []
    pairs = []
    for lo in range(0, len(names), _BLOCK):
        block = cdist(
            names[lo : lo + _BLOCK], names, scorer=fuzz.token_sort_ratio, score_cutoff=87, dtype=np.uint8, workers=1
        )
        rows, cols = np.nonzero(block)
        pairs.extend((lo + int(r), int(c)) for r, c in zip(rows, cols, strict=True) if lo + r < c)
    pairs.sort()
    return pairs


_ORDINALS = frozenset("i ii iii iv v vi vii viii ix x prva druga treca cetvrta peta".split())


def _digits(s: str) -> list[str]:
    """Numbers and ordinals in a name: "faza 2" and "faza II" name different things than "faza 1"."""
    return [w for w in s.split() if w.isdigit() or w in _ORDINALS]


def ensure_places(doc: DocumentFacts) -> None:
    """Places a fact points to (a local government's territory, a signing place) exist as entities even
    when the text names them only through the local government."""
    entries = gazetteer.entries()
    wanted = {r.object for r in doc.relations if r.object.startswith("place:")}
    wanted |= {o.place for o in doc.outcomes if o.place}
    wanted |= {a.place for a in doc.agreements if a.place}
    wanted |= {e.place for e in doc.events if e.place}
    wanted |= {e.place_key for e in doc.entities.values() if e.place_key}
    for key in sorted(wanted):
        if key in doc.entities or key not in entries:
            continue
        e = entries[key]
        doc.entities[key] = Entity(
            key, "place", e.name, e.subtype, e.cyrillic or None, e.english or None, e.qid or None
        )
