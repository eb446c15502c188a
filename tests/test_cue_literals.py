"""The literals a role cue requires (patterns.required_literals): extract/roles.py skips a cue where none of its
literals stands, so a literal set must hold in every text the cue matches."""

from __future__ import annotations

from pathlib import Path

from rikg import paths
from rikg.loaders import patterns
from rikg.loaders.normalise import normalise
from rikg.loaders.rx import required_literals


def test_required_literals_of_small_patterns() -> None:
    assert required_literals(r"\b(?:uz +podršku|podržan\w*)(?!\w)") == frozenset({"podršku", "podržan"})
    assert required_literals(r"(?:za +)?partner\w*") == frozenset({"partner"})
    assert required_literals(r"\w+|sa") is None  # a branch without a literal: nothing is required
    assert required_literals(r"(?i)podrška") is None  # case-blind: no literal
    assert required_literals(r"\p{Lu}\p{L}+ podrška") == frozenset({" podrška"})  # a property: one character
    assert required_literals(r"\mpodrška") is None  # not the standard library's syntax: not known


def test_role_cues_match_only_where_a_literal_stands() -> None:
    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    texts = [normalise(f.read_text(encoding="utf-8")).text.lower() for d in folders for f in sorted(d.glob("*.txt"))]
    matched = 0
    for cue in patterns.role_cues():
        for text in texts:
            for m in cue.pattern.finditer(text):
                matched += 1
                assert cue.literals is None or any(lit in m.group() for lit in cue.literals), (cue, m.group())
    assert matched > 100


def test_may_match_is_never_false_where_a_pattern_matches() -> None:
    from rikg.loaders import rx
    from rikg.loaders.recognise.programs import _counted_programs_colon

    assert not rx.may_match(rx.compiled(r"\bvlad\w+", rx.regex.I), "ambasada")
    assert rx.may_match(rx.compiled(r"\bvlad\w+", rx.regex.I), "VLADA")
    assert rx.may_match(rx.compiled(r"si", rx.regex.I), "ſİ")  # case-blind "s" and "i" match these too
    # (a pattern's tail: "X, projekat" holds its comma and programme word, "X projekat" does not)
    tailed = rx.compiled(r"(?m)^(\p{Lu}[^,\n]{3,40}?),\s+(projekat|program)\s+(?:koji|finansiran)", rx.regex.I)
    assert rx.may_match(tailed, "Romi u fokusu, projekat koji ...")
    assert not rx.may_match(tailed, "Romi u fokusu projekat koji, ...")
    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    texts = [normalise(f.read_text(encoding="utf-8")).text for d in folders for f in sorted(d.glob("*.txt"))]
    checked = [
        patterns.partner_cue(),
        patterns.card_label_lines(),
        patterns.publication_cues(),
        patterns.context_cue("apposed-title"),
        _counted_programs_colon(),
    ]
    for pattern in checked:
        for text in texts + [t.lower() for t in texts]:
            assert rx.may_match(pattern, text) or pattern.search(text) is None, pattern.pattern


def test_where_the_engines_agree_the_alternation_matches_iff_a_cue_does() -> None:
    from rikg.loaders.segment import sentences

    assert patterns.engines_agree("uz podršku Grada Niša, 12. maja „X“")
    assert not patterns.engines_agree("a\u200db")  # a joiner: a word character to `regex`, not to `re`
    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    checked = 0
    for f in (f for d in folders for f in sorted(d.glob("*.txt"))):
        w = normalise(f.read_text(encoding="utf-8")).text
        for s in sentences(w):
            low = w[s.start : s.end].lower()
            if patterns.engines_agree(low):
                checked += 1
                found = any(c.pattern.search(low) for c in patterns.role_cues())
                assert (patterns.any_role_cue().search(low) is not None) == found, low
    assert checked > 100


def test_month_positions_are_where_the_month_pattern_matches() -> None:
    from rikg.loaders import dates

    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    texts = [normalise(f.read_text(encoding="utf-8")).text for d in folders for f in sorted(d.glob("*.txt"))]
    texts += ["SEPTEMBAR 2020, \u212aOKTOBAR", "ſeptembar i ſept", "İ mart 2020", "maj, Maja, jun/jul"]
    for text in texts:
        assert dates._month_positions(text) == [m.start() for m in dates._month_start().finditer(text)]


def test_short_lines_are_what_the_line_pattern_finds() -> None:
    import regex

    from rikg.loaders.extract import _short_lines

    line = regex.compile(r"^[^\n]{1,80}$", regex.M)
    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    texts = [normalise(f.read_text(encoding="utf-8")).text for d in folders for f in sorted(d.glob("*.txt"))]
    texts += ["a\u2028b\nc", "x\r\ny\n\n", "\n", "", "z" * 80 + "\n" + "q" * 81, "a\x0bb\x0cc\x1cd\x85e"]
    for text in texts:
        assert _short_lines(text) == [m.span() for m in line.finditer(text)]


def test_card_label_matches_are_what_the_label_pattern_finds() -> None:
    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    texts = [normalise(f.read_text(encoding="utf-8")).text for d in folders for f in sorted(d.glob("*.txt"))]
    texts += ["Donator\nX", "  DONATORI :  \nA", "partneri na projektu:\n", "x\nPartner\t\t:\t", "Partner:x"]
    pattern = patterns.card_label_lines()
    for text in texts:
        assert [m.span() for m in patterns.card_label_matches(text)] == [m.span() for m in pattern.finditer(text)]


def test_a_month_rule_matches_only_where_a_month_stem_stands() -> None:
    from rikg.loaders import dates

    folders = (Path(paths.SOURCES_DIR), Path(__file__).parent / "devset" / "texts")
    lines = [
        ln for d in folders for f in sorted(d.glob("*.txt")) for ln in normalise(f.read_text("utf-8")).text.split("\n")
    ]
    lines += ["14.novembra 2023.", "od juna do septembra", "June 9, 2020", "u MARTU 2019"]
    for line in lines:
        if not dates._month_positions(line):
            assert not any(p.search(line) for rule, p in dates._PATTERNS if rule in dates._WITH_MONTH), line
