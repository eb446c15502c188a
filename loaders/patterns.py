"""The extraction patterns of data/patterns/, read once and compiled."""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from rikg.loaders import rx
from rikg.paths import PATTERNS_DIR


def read_rows(name: str, folder: Path = PATTERNS_DIR) -> list[dict[str, str]]:
    """Rows of a pattern CSV; lines starting with # are comments."""
    path = folder / name
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ValueError(f"{path}: row {i} has the wrong number of columns: {row}")
    return rows


def loose_spaces(source: str) -> str:
    """A cue's literal spaces match runs of spaces: real texts double them ("pružilo je  podršku"), and the
    working copy keeps every character where it stood. Spaces inside a character class stay as they are."""
    out, in_class, escaped = [], False, False
    for i, ch in enumerate(source):
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            # " +" and " *" already take a run; " ?" and " {0,2}" quantify the run as one
            nxt = source[i + 1 : i + 2]
            out.append(" " if nxt in ("+", "*") else "(?: +)" if nxt in ("?", "{") else " +")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Cue:
    pattern: regex.Pattern[str]
    value: str
    where: str = ""
    subject_role: str = ""
    # strings one of which every match of `pattern` contains (None: not known); a text with none of them has no
    # match, so the pattern need not run over it (required_literals)
    literals: frozenset[str] | None = None


@cache
def months() -> dict[str, int]:
    return {r["stem"]: int(r["month"]) for r in read_rows("months.csv")}


@cache
def month_abbreviations() -> dict[str, int]:
    return {r["abbr"]: int(r["month"]) for r in read_rows("month_abbreviations.csv")}


@cache
def month_regex() -> str:
    return "(?:" + "|".join(sorted(months(), key=len, reverse=True)) + r")\p{L}*"


def month_number(word: str) -> int | None:
    w = word.lower()
    for stem in sorted(months(), key=len, reverse=True):
        if w.startswith(stem):
            return months()[stem]
    return None


@cache
def number_words() -> dict[str, tuple[int, str]]:
    return {r["word"]: (int(r["value"]), r["kind"]) for r in read_rows("number_words.csv")}


@cache
def small_counts() -> dict[str, int]:
    """Folded cardinal words of two to four ("dve", "tri", "četiri"), after which a noun takes the paucal."""
    from rikg.loaders.normalise import fold

    return {fold(w): v for w, (v, kind) in number_words().items() if kind == "cardinal" and 2 <= v <= 4}


@cache
def qualifiers() -> list[tuple[str, str]]:
    rows = [(r["phrase"], r["qualifier"]) for r in read_rows("qualifiers.csv")]
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


@cache
def indicators() -> dict[str, tuple[str, str]]:
    """Every case form of every counted noun -> (indicator, unit)."""
    from rikg.loaders.morphology import case_forms

    out: dict[str, tuple[str, str]] = {}
    codes: dict[str, tuple[str, str]] = {}
    for r in read_rows("indicators.csv"):
        if r["noun"].isupper():
            # a code in capitals keeps its case ("KM" are marks, "km" kilometres); in small letters it counts
            # only where no noun of that spelling does
            out.setdefault(r["noun"], (r["indicator"], r["unit"]))
            codes.setdefault(r["noun"].lower(), (r["indicator"], r["unit"]))
            continue
        forms = {r["noun"]} if not r["noun"][0].isalpha() else case_forms(r["noun"]) | {r["noun"]}
        for form in forms:
            out.setdefault(form.lower(), (r["indicator"], r["unit"]))
    for form, value in codes.items():
        out.setdefault(form, value)
    return out


@cache
def indicator_cues() -> list[Cue]:
    return [Cue(regex.compile(loose_spaces(r["regex"])), r["indicator"]) for r in read_rows("indicator_cues.csv")]


@cache
def role_cues() -> list[Cue]:
    # (?!\w) rather than \b at the end: a cue may end in punctuation ("Partneri:").
    out = []
    for r in read_rows("role_cues.csv"):
        pattern = regex.compile(r"\b(?:" + loose_spaces(r["regex"]) + r")(?!\w)")
        out.append(
            Cue(pattern, r["role"], r["where"], r.get("subject_role") or "", rx.required_literals(pattern.pattern))
        )
    return out


@cache
def cue_literals(kind: str) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Of the role cues (kind "role") or the event kinds ("event"): each literal a cue requires (rx.required_literals)
    -> the indexes of the cues that require it, and the indexes of the cues no literal is known of."""
    cues = role_cues() if kind == "role" else event_kinds()
    out: dict[str, list[int]] = {}
    unknown: list[int] = []
    for i, cue in enumerate(cues):
        literals = cue.literals if kind == "role" else rx.required_literals(cue.pattern.pattern)
        if literals is None:
            unknown.append(i)
        for lit in sorted(literals or ()):
            out.setdefault(lit, []).append(i)
    return {lit: tuple(indexes) for lit, indexes in out.items()}, tuple(unknown)


_KEY = 4  # the length of the prefix by which CueHits looks for the literals


@cache
def cue_literal_keys(kind: str) -> dict[str, tuple[tuple[str, tuple[int, ...]], ...]]:
    """cue_literals(kind) grouped by their first _KEY characters: a prefix -> (literal, cue indexes) of the literals
    that begin with it (fewer strings to look for than literals: "realizova", "realizuj", "realizacij" share one)."""
    out: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for lit, indexes in cue_literals(kind)[0].items():
        out.setdefault(lit[:_KEY], []).append((lit, indexes))
    return {key: tuple(entries) for key, entries in out.items()}


class CueHits:
    """Where the literals of the role cues or the event kinds (cue_literals) stand in one lower-case text, found once
    (every occurrence, by str.find). Why: a cue cannot match a sentence in which none of its literals stands, and
    most cues stand in few sentences; a regex scan a cue a sentence was most of the time of the extractors' cues."""

    def __init__(self, kind: str, text: str | None) -> None:
        """`text` None: the sentences are no slices of one lower-case text (lower-casing changed a length), and every
        cue may match every sentence."""
        self.unknown = cue_literals(kind)[1]
        self.known = text is not None
        text = text or ""
        hits: list[tuple[int, int, int]] = []  # (start, end, index of the cue) of each literal's occurrences
        for key, entries in cue_literal_keys(kind).items():
            p = text.find(key)
            while p >= 0:  # (every occurrence of a literal is one of its prefix)
                for lit, indexes in entries:
                    if text.startswith(lit, p):
                        hits.extend((p, p + len(lit), i) for i in indexes)
                p = text.find(key, p + 1)
        hits.sort()
        self.hits = hits
        self.starts = [h[0] for h in hits]

    def within(self, start: int, end: int) -> list[int] | None:
        """The indexes of the cues that may match text[start:end] (one of their literals stands inside it); None
        when the text was not known (every cue may)."""
        if not self.known:
            return None
        lo = bisect_left(self.starts, start)
        hi = bisect_left(self.starts, end, lo)
        found = {i for _s, e, i in self.hits[lo:hi] if e <= end}
        found.update(self.unknown)
        return sorted(found)


# The characters on which `re` and `regex` agree (\w, \s, \d: so \b and their negations too), found as they are
# met; True for a character found to agree, False for one that does not.
_ENGINES_AGREE: dict[str, bool] = {}
_AGREED: set[str] = set()
_CLASSES = [(re.compile(c), regex.compile(c)) for c in (r"\w", r"\s", r"\d")]


def engines_agree(text: str) -> bool:
    r"""Whether the standard library's engine reads every character of `text` as `regex` does (\w, \s, \d; the cues
    use nothing else that the two read differently: no flags, no POSIX classes, no fuzzy matching). Then an
    alternation of cues compiled in `re` (_alternation) matches `text` iff one of the cues does, and need not run
    where one is known to match."""
    if _AGREED.issuperset(text):
        return True
    for c in set(text):
        ok = _ENGINES_AGREE.get(c)
        if ok is None:
            ok = _ENGINES_AGREE[c] = all(bool(a.fullmatch(c)) == bool(b.fullmatch(c)) for a, b in _CLASSES)
            if ok:
                _AGREED.add(c)
        if not ok:
            return False
    return True


def _alternation(patterns: list[regex.Pattern[str]]) -> re.Pattern[str] | regex.Pattern[str]:
    """One alternation of the patterns: it matches somewhere iff one of them does. The standard library's engine
    scans a long alternation of plain cues about three times faster than `regex`; a cue that needs `regex` syntax
    keeps the alternation in `regex`."""
    source = "|".join(f"(?:{p.pattern})" for p in patterns)
    try:
        return re.compile(source)
    except re.error:
        return regex.compile(source)


@cache
def any_event_kind() -> re.Pattern[str] | regex.Pattern[str]:
    """Every event kind of event_kinds.csv in one alternation (a prefilter for the sentences)."""
    return _alternation([cue.pattern for cue in event_kinds()])


@cache
def any_role_cue() -> re.Pattern[str] | regex.Pattern[str]:
    """Every role cue in one alternation (a prefilter for the sentences of the extractors, and the recognisers'
    test for a role verb)."""
    return _alternation([cue.pattern for cue in role_cues()])


@cache
def funder_cue_before() -> regex.Pattern[str]:
    """A funding cue ("uz podršku", "finansira", "donacijom") that ends right where a name begins."""
    rows = [c for c in role_cues() if c.value == "Funder" and c.where in ("after", "both", "next")]
    return regex.compile("(?:" + "|".join(f"(?:{c.pattern.pattern})" for c in rows) + r")\s+$")


@cache
def card_labels() -> dict[str, str]:
    """Project-card labels on a line of their own -> the role of the actors on the next line."""
    return {r["label"]: r["role"] for r in read_rows("card_labels.csv")}


@cache
def card_label_lines() -> regex.Pattern[str]:
    """A line that is only a card label (one scan of a text finds them all)."""
    alts = "|".join(regex.escape(label) for label in sorted(card_labels(), key=len, reverse=True))
    return regex.compile(rf"^[ \t]*({alts})[ \t]*:?[ \t]*$", regex.M | regex.I)


def card_label_matches(text: str) -> list[regex.Match[str]]:
    """What card_label_lines().finditer(text) finds, the pattern tried only at the start of a line short enough to
    hold a label (spaces, tabs and colons aside): a case-blind label is as long as the label, and the engine then
    does not try the alternation of every label at each position of the text."""
    pattern = card_label_lines()
    longest = max(map(len, card_labels()))
    out = []
    start = 0
    for line in text.split("\n"):
        if len(line.strip(" \t:")) <= longest:
            m = pattern.match(text, start)
            if m is not None:
                out.append(m)
        start += len(line) + 1
    return out


@cache
def partner_cue() -> re.Pattern[str] | regex.Pattern[str]:
    """The partner cues after which the partners follow ("partneri su", "u saradnji sa"), in one alternation."""
    return _alternation([cue.pattern for cue in role_cues() if cue.value == "Partner"])


@cache
def page_chrome() -> regex.Pattern[str]:
    """The lines of a web page's chrome (page_chrome.csv), one alternation searched in a lower-case line."""
    return regex.compile("|".join(f"(?:{r['regex']})" for r in read_rows("page_chrome.csv")))


@cache
def role_verb_cue() -> regex.Pattern[str]:
    """The funding and implementing cues that are verbs of what was done (a stem with an ending: "donirala",
    "sprovodi", "finansira"), in one alternation."""
    rows = [c for c in role_cues() if c.value in ("Funder", "Implementer") and c.where in ("before", "both")]
    return regex.compile("|".join(f"(?:{c.pattern.pattern})" for c in rows))


@cache
def owner_cue() -> regex.Pattern[str]:
    """The cues whose actor's name follows at once, in the genitive ("sredstva Evropske unije", "sopstveno učešće
    opštine X"), ending where the text ends."""
    rows = [c for c in role_cues() if c.where == "next"]
    return regex.compile("(?:" + "|".join(f"(?:{c.pattern.pattern})" for c in rows) + r")\s+$")


@cache
def event_kinds() -> list[Cue]:
    rows = read_rows("event_kinds.csv")
    return [Cue(regex.compile(r"\b(?:" + loose_spaces(r["regex"]) + r")"), r["kind"]) for r in rows]


@cache
def context_cue(name: str) -> regex.Pattern[str]:
    """One of the phrases of context_cues.csv that decide what a fact is (signed, ceremony, title-named)."""
    rows = {r["cue"]: r["regex"] for r in read_rows("context_cues.csv")}
    return regex.compile(loose_spaces(rows[name]), regex.IGNORECASE)


@cache
def agreement_heads_signed_only() -> frozenset[str]:
    """Case forms of the agreement phrases that are agreements only in a sentence about signing."""
    return frozenset(_forms_of([r for r in read_rows("agreement_kinds.csv") if r["signed"] == "yes"]))


@cache
def agreement_heads() -> dict[str, str]:
    return _forms_of(sorted(read_rows("agreement_kinds.csv"), key=lambda r: len(r["head"]), reverse=True))


@cache
def referring_program_heads() -> dict[str, str]:
    """Case forms of the program words that, standing alone, refer back to a program -> class."""
    return _forms_of([r for r in read_rows("program_heads.csv") if r["refers"] == "yes"])


@cache
def program_heads() -> dict[str, str]:
    return _forms_of(read_rows("program_heads.csv"))


def _forms_of(rows: list[dict[str, str]]) -> dict[str, str]:
    """Every case form (lower case) of each row's "head" -> its "kind"; earlier rows win."""
    from rikg.loaders.morphology import case_forms

    out: dict[str, str] = {}
    for r in rows:
        for form in case_forms(r["head"]) | {r["head"]}:
            out.setdefault(form.lower(), r["kind"])
    return out


def _fleeting_a_forms(head: str) -> set[str]:
    """ "centar" -> "centra", "centru", "centrom": the fleeting a of nouns ending in consonant cluster + "ar",
    which the name generator does not apply to common nouns."""
    first, _, rest = head.partition(" ")
    m = rx.fullmatch(r"(.*[^aeiou\W])([^aeiou\W])ar", first)
    if not m:
        return set()
    stem = m.group(1) + m.group(2) + "r"
    return {" ".join(x for x in (stem + end, rest) if x) for end in ("a", "u", "om", "i", "e", "ima")}


# the first part of a compound adjective ("obrazovno-", "obrazovno "), which does not inflect
_COMPOUND_FIRST = re.compile(r"^\w+o(?:-| (?=\w+[aei] ))")


@cache
def org_heads() -> list[tuple[tuple[str, ...], str, str, str]]:
    """(folded token sequence of a case form, nominative head, kind, mode), longest first."""
    from rikg.loaders.morphology import case_forms
    from rikg.loaders.normalise import fold

    priority = {
        "quoted": 0,
        "acronym_quoted": 0,
        "acronym": 0,
        "named": 1,
        "before": 2,
        "adjectives": 2,
        "complement": 3,
    }
    out = []
    for r in read_rows("org_heads.csv"):
        head = r["head"]
        if head.isupper():
            forms = {head}
        elif r["mode"] == "before":
            # "Reform medija centra": only the last word of a head that follows the name inflects.
            *lead, last = head.split()
            forms = {" ".join([*lead, f]) for f in case_forms(last) | {last}}
        elif _COMPOUND_FIRST.match(head) and " " in head:
            # "obrazovno kulturna zajednica", "obrazovno-kulturne zajednice": the first part of a compound adjective
            # (in -o) does not inflect, the phrase after it does
            first = _COMPOUND_FIRST.match(head).group()
            rest = head[len(first) :]
            forms = {first + f for f in case_forms(rest) | {rest}}
        else:
            forms = case_forms(head) | {head} | _fleeting_a_forms(head)
        for form in forms:
            out.append((tuple(fold(form).split()), head, r["kind"], r["mode"]))
    return sorted(set(out), key=lambda t: (-len(t[0]), priority[t[3]], t[1], t[0]))


@cache
def titles() -> list[str]:
    from rikg.loaders.morphology import case_forms

    out: set[str] = set()
    for r in read_rows("titles.csv"):
        out |= {f.lower() for f in case_forms(r["title"])} | {r["title"]}
    return sorted(out, key=len, reverse=True)


@cache
def relative_dates() -> dict[str, int]:
    return {r["word"]: int(r["days"]) for r in read_rows("relative_dates.csv")}


@cache
def publication_cues() -> regex.Pattern[str]:
    alts = "|".join(r["regex"] for r in read_rows("publication_cues.csv"))
    return regex.compile(r"^\s*(?:" + alts + r")\s*:", regex.IGNORECASE | regex.MULTILINE)


@cache
def cue_stems() -> tuple[str, ...]:
    """Word stems of the role cues ("sprovod" from "sprovod\\w*"), for typo-tolerant matching."""
    stems = set()
    for r in read_rows("role_cues.csv"):
        for alt in r["regex"].split("|"):
            m = rx.fullmatch(r"(\p{L}{6,})\\w\*", alt)
            if m:
                stems.add(m.group(1))
    return tuple(sorted(stems))


@cache
def background_cues() -> regex.Pattern[str]:
    return regex.compile("|".join(loose_spaces(r["regex"]) for r in read_rows("background_cues.csv")))


@cache
def agreement_purposes() -> dict[str, str]:
    """Folded form of a purpose noun after "Memorandum o" -> the program head it describes."""
    return {r["form"]: r["head"] for r in read_rows("agreement_purposes.csv")}


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-column word list of data/patterns/ (function words, name words, program modifiers)."""
    return frozenset(r["word"] for r in read_rows(name))


@cache
def plan_not_after() -> dict[str, bool]:
    """A word before a plan's name that keeps it from being a programme -> whether it is a drafting word (one plan
    being drafted is still a programme: data/patterns/plan_not_after.csv)."""
    return {r["word"]: r["drafting"] == "yes" for r in read_rows("plan_not_after.csv")}


@cache
def agreement_about_nouns() -> tuple[str, ...]:
    """The first words of the agreement phrases that take an "o ..." complement ("sporazum o saradnji"), longest
    first."""
    return tuple(sorted({h.split()[0] for h in agreement_heads() if " o " in h}, key=len, reverse=True))


@cache
def plural_org_nouns() -> dict[str, str]:
    """A plural noun that opens a list of quoted organisation names -> the kind of those organisations."""
    return {r["word"]: r["kind"] for r in read_rows("plural_org_nouns.csv")}


@cache
def speech_verb_before() -> regex.Pattern[str]:
    """A verb of saying (speech_verbs.csv) right before a position: "rekao je Ime Prezime" names the speaker."""
    verbs = "|".join(r["regex"] for r in read_rows("speech_verbs.csv"))
    return regex.compile(r"\b(?:" + verbs + r")(?:\s+je)?\s+$", regex.I)


@cache
def reported_speech() -> regex.Pattern[str]:
    """A verb of saying followed by "da" (data/patterns/speech_verbs.csv): what follows is reported speech."""
    verbs = "|".join(r["regex"] for r in read_rows("speech_verbs.csv"))
    return regex.compile(r"\b(?:" + verbs + r")(?:\s+(?:je|su))?\s*,?\s+da\b", regex.I)


@cache
def office_titles() -> tuple[tuple[regex.Pattern[str], str, str], ...]:
    """(title regex on the lower-case Latin text, the office it names, organisation kind)."""
    return tuple(
        (regex.compile(r"\b(?:" + r["regex"] + r")\b"), r["office"], r["kind"]) for r in read_rows("office_titles.csv")
    )


@cache
def org_head_not_after() -> dict[str, tuple[str, ...]]:
    """Organisation head -> stems of the words before it that make it no organisation ("mesna zajednica")."""
    out: dict[str, list[str]] = {}
    for r in read_rows("org_head_not_after.csv"):
        out.setdefault(r["head"], []).append(r["stem"])
    return {k: tuple(v) for k, v in out.items()}


@cache
def money_cues() -> regex.Pattern[str]:
    """Words that make a bare amount ("3,2 miliona") money: data/patterns/money_cues.csv."""
    return regex.compile(r"\b(?:" + "|".join(loose_spaces(r["regex"]) for r in read_rows("money_cues.csv")) + r")")


@cache
def scheme_names() -> list[tuple[regex.Pattern[str], str, str]]:
    """Generic scheme names that are programs without a proper name: data/patterns/scheme_names.csv."""
    return [
        (regex.compile(rf"\b(?:{r['regex']})\b", regex.I), r["name"], r["kind"]) for r in read_rows("scheme_names.csv")
    ]


@cache
def company_forms() -> tuple[regex.Pattern[str], tuple[tuple[regex.Pattern[str], str], ...]]:
    """The legal forms a company's name ends with (company_forms.csv): one alternation, and each form with its
    spelling in a canonical name."""
    rows = read_rows("company_forms.csv")
    forms = tuple((regex.compile(r["regex"]), r["written"]) for r in rows)
    return regex.compile("|".join(f"(?:{r['regex']})" for r in rows)), forms
