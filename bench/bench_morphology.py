"""How well loaders/inflection.py reads case, gender and number, measured on UD Serbian-SET.

    python bench/bench_morphology.py [FILE.conllu] [--fit DEV.conllu] [--tune DEV.conllu] [--json]

FILE defaults to tests/ud/sr_set-ud-test.conllu (a copy of the UD test file). Printed:

- tokens (UPOS NOUN, PROPN, ADJ, DET, PRON) with a gold Case / Gender / Number: recall (the gold value
  is in the predicted set), ambiguity (mean size of the predicted set, dative and locative counted as
  one since the module always returns them together), how often a single value is predicted and how
  often that single value is right; per method (hand rules, fitted suffix table, combined = hand
  rules pruned by the table) and with / without the gold UPOS as hint;
- noun phrases from the dependency tree (a NOUN/PROPN head with its amod/det children, in text order):
  is the head's gold reading among `phrase_features`, and how often is the case / the reading
  unique; and the same phrase followed by its genitive complement (nmod child right after it), which
  `phrase_features` must ignore;
- relative pronouns (lemma "koji", PronType Int,Rel) whose clause (an acl dependent on the path up
  from the pronoun) hangs on a NOUN/PROPN antecedent: how often `relative_agrees` accepts the gold
  antecedent, how often it rejects the other noun phrases of the sentence (and what an oracle would
  reject: one knowing the pronoun's gold gender/number, and one knowing only what its form allows,
  "koje" being feminine, masculine or neuter), and how often "nearest preceding agreeing phrase" finds
  the antecedent compared with "nearest preceding phrase". Phrases and relatives are scored with the
  hand rules alone (no table) and combined.

--fit DEV writes data/morphology/suffix_features.csv from DEV (never fit on the file you report on).
--tune DEV prints 2-fold cross-validation inside DEV (fit on even sentences, score odd ones, and back)
for a grid of MIN_COUNT / MIN_SHARE / ADJ_SHARE and the fitted table's own parameters, and the setting
`choose()` picks; loaders/inflection.py and FITTED_* below hold the picked values.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rikg.loaders import inflection as inf  # noqa: E402 - after the path set-up

DEFAULT_FILE = ROOT / "tests" / "ud" / "sr_set-ud-test.conllu"
UPOS = ("NOUN", "PROPN", "ADJ", "DET", "PRON")
CASE_MAP = {"Nom": "nom", "Gen": "gen", "Dat": "dat", "Acc": "acc", "Ins": "ins", "Loc": "loc", "Voc": "voc"}
GENDER_MAP = {"Masc": "masc", "Fem": "fem", "Neut": "neut"}
NUMBER_MAP = {"Sing": "sing", "Plur": "plur"}

Reading = tuple[str, str, str]
Table = dict[tuple[str, str], dict[Reading, float]]


@dataclass
class Token:
    id: int
    form: str
    lemma: str
    upos: str
    feats: dict[str, str]
    head: int
    deprel: str

    @property
    def case(self) -> str | None:
        c = CASE_MAP.get(self.feats.get("Case", ""))
        return "dat" if c == "loc" else c  # dative and locative are one form class

    @property
    def gender(self) -> str | None:
        return GENDER_MAP.get(self.feats.get("Gender", ""))

    @property
    def number(self) -> str | None:
        return NUMBER_MAP.get(self.feats.get("Number", ""))


@dataclass
class Sentence:
    sent_id: str
    tokens: list[Token] = field(default_factory=list)

    def by_id(self) -> dict[int, Token]:
        return {t.id: t for t in self.tokens}


def read_conllu(path: Path) -> list[Sentence]:
    sents: list[Sentence] = []
    cur = Sentence("")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur.tokens:
                    sents.append(cur)
                cur = Sentence("")
                continue
            if line.startswith("# sent_id"):
                cur.sent_id = line.split("=", 1)[1].strip()
            if line.startswith("#"):
                continue
            col = line.split("\t")
            if "-" in col[0] or "." in col[0]:
                continue
            feats = dict(x.split("=", 1) for x in col[5].split("|")) if col[5] != "_" else {}
            cur.tokens.append(Token(int(col[0]), col[1], col[2], col[3], feats, int(col[6]), col[7]))
    if cur.tokens:
        sents.append(cur)
    return sents


# ---------------------------------------------------------------------------------------------
# Fitting the suffix table
# ---------------------------------------------------------------------------------------------


def _group(upos: str) -> str:
    return inf._pos(upos)[1]


def fit_rows(sents: Iterable[Sentence], min_count: int = 2) -> list[dict[str, str]]:
    """Counts of gold (case, gender, number) by (group, ^-anchored suffix of 1-5 letters); a missing
    gender or number is '*'. Keys seen fewer than `min_count` times are dropped (they never decide)."""
    counts: Counter[tuple[str, str, str, str, str]] = Counter()
    for s in sents:
        for t in s.tokens:
            if t.upos not in UPOS or not t.case:
                continue
            w = t.form.lower()
            g, n = t.gender or "*", t.number or "*"
            for grp in (_group(t.upos), "*"):
                for suf in inf._suffixes(w):
                    counts[(grp, suf, CASE_MAP[t.feats["Case"]], g, n)] += 1
    totals: Counter[tuple[str, str]] = Counter()
    for (grp, suf, *_), c in counts.items():
        totals[(grp, suf)] += c
    return [
        {"group": grp, "suffix": suf, "case": c, "gender": g, "number": n, "count": str(v)}
        for (grp, suf, c, g, n), v in sorted(counts.items())
        if totals[(grp, suf)] >= min_count
    ]


def write_table(rows: list[dict[str, str]], source: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(f"# Fitted by bench/bench_morphology.py --fit on {source.name} (UD Serbian-SET, CC BY-SA 4.0).\n")
        f.write("# group: N noun/propn, A adj/det/num, P pron, * any; suffix: last 1-5 letters, ^ = word start\n")
        w = csv.DictWriter(f, fieldnames=["group", "suffix", "case", "gender", "number", "count"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# ---------------------------------------------------------------------------------------------
# Methods
# ---------------------------------------------------------------------------------------------

Method = Callable[[str, "str | None"], frozenset[Reading]]


def methods(table: Table, min_count: int, min_share: float) -> dict[str, Method]:
    def fitted(word: str, hint: str | None) -> frozenset[Reading]:
        prep = inf._prepare(word)
        if prep is None:
            return inf.full_readings()
        dist = inf._fitted_dist(prep[0], inf._pos(hint)[1], table, min_count)
        return inf._finish((r for r, p in dist.items() if p > min_share), False)

    def combined(word: str, hint: str | None) -> frozenset[Reading]:
        prep = inf._prepare(word)
        hand = inf.hand_features(word, hint)
        if prep is None or prep[1]:
            return hand
        return inf._prune(hand, inf._fitted_dist(prep[0], inf._pos(hint)[1], table, min_count), min_share)

    return {"hand": inf.hand_features, "fitted": fitted, "combined": combined}


# ---------------------------------------------------------------------------------------------
# Token scores
# ---------------------------------------------------------------------------------------------


def _proj(rs: frozenset[Reading], i: int) -> set[str]:
    vals = {r[i] for r in rs}
    if i == 0 and "loc" in vals:
        vals = (vals - {"loc"}) | {"dat"}
    return vals


@dataclass
class Score:
    n: int = 0
    hit: int = 0
    size: int = 0
    single: int = 0
    single_hit: int = 0

    def add(self, gold: str, pred: set[str]) -> None:
        self.n += 1
        self.hit += gold in pred
        self.size += len(pred)
        if len(pred) == 1:
            self.single += 1
            self.single_hit += gold in pred

    def row(self) -> dict[str, float]:
        n = max(self.n, 1)
        return {
            "n": self.n,
            "recall": self.hit / n,
            "ambiguity": self.size / n,
            "single": self.single / n,
            "single_acc": self.single_hit / max(self.single, 1),
        }


def score_tokens(sents: list[Sentence], method: Method, hinted: bool) -> dict[str, dict[str, float]]:
    scores = {k: Score() for k in ("case", "gender", "number", "reading")}
    for s in sents:
        for t in s.tokens:
            if t.upos not in UPOS:
                continue
            rs = method(t.form, t.upos if hinted else None)
            for i, (k, gold) in enumerate((("case", t.case), ("gender", t.gender), ("number", t.number))):
                if gold:
                    scores[k].add(gold, _proj(rs, i))
            if t.case and t.gender and t.number:
                merged = {("dat" if c == "loc" else c, g, n) for c, g, n in rs}
                scores["reading"].add(f"{t.case}|{t.gender}|{t.number}", {"|".join(r) for r in merged})
    return {k: v.row() for k, v in scores.items()}


# ---------------------------------------------------------------------------------------------
# Noun phrases and relative pronouns
# ---------------------------------------------------------------------------------------------


def noun_phrase(s: Sentence, head: Token) -> list[Token]:
    """The head with its amod/det children, in text order."""
    kids = [t for t in s.tokens if t.head == head.id and t.deprel in ("amod", "det") and t.upos in ("ADJ", "DET")]
    return sorted([*kids, head], key=lambda t: t.id)


def score_phrases(sents: list[Sentence]) -> dict[str, dict[str, float]]:
    bare, tail = Score(), Score()
    bare_case, tail_case = Score(), Score()
    for s in sents:
        for h in s.tokens:
            if h.upos not in ("NOUN", "PROPN") or not (h.case and h.gender and h.number):
                continue
            np_ = noun_phrase(s, h)
            if len(np_) < 2 or np_[-1].id - np_[0].id != len(np_) - 1:
                continue  # single words are scored above; discontinuous phrases are rare
            gold = f"{h.case}|{h.gender}|{h.number}"
            rs = inf.phrase_features([t.form for t in np_])
            bare.add(gold, {"|".join(("dat" if c == "loc" else c, g, n)) for c, g, n in rs})
            bare_case.add(h.case, _proj(rs, 0))
            # + its genitive complement right after it: "projekat Evropske unije"
            comp = [t for t in s.tokens if t.head == h.id and t.deprel == "nmod" and t.feats.get("Case") == "Gen"]
            comp = [c for c in comp if c.id > np_[-1].id]
            if comp:
                c = comp[0]
                cnp = noun_phrase(s, c)
                if cnp[0].id == np_[-1].id + 1 and cnp[-1].id - cnp[0].id == len(cnp) - 1:
                    rs2 = inf.phrase_features([t.form for t in np_ + cnp])
                    tail.add(gold, {"|".join(("dat" if c_ == "loc" else c_, g, n)) for c_, g, n in rs2})
                    tail_case.add(h.case, _proj(rs2, 0))
    return {
        "phrase": bare.row(),
        "phrase_case": bare_case.row(),
        "phrase+genitive": tail.row(),
        "phrase+genitive_case": tail_case.row(),
    }


def relative_pairs(s: Sentence) -> list[tuple[Token, Token]]:
    """(pronoun, antecedent head) for lemma koji with an acl clause hanging on a preceding noun."""
    by = s.by_id()
    out: list[tuple[Token, Token]] = []
    for t in s.tokens:
        if t.lemma != "koji" or "Rel" not in t.feats.get("PronType", ""):
            continue
        cur, steps = t, 0
        while cur.head and steps < 6:
            if cur.deprel.startswith("acl"):
                ante = by[cur.head]
                if ante.upos in ("NOUN", "PROPN") and ante.id < t.id:
                    out.append((t, ante))
                break
            cur = by[cur.head]
            steps += 1
    return out


def score_relatives(sents: list[Sentence]) -> dict[str, float]:
    pairs = accepted = others = rejected = oracle_rej = form_rej = 0
    prev_others = prev_rejected = 0
    nearest_ok = agree_ok = 0
    for s in sents:
        heads = [t for t in s.tokens if t.upos in ("NOUN", "PROPN")]
        for pron, ante in relative_pairs(s):
            pairs += 1
            accepted += inf.relative_agrees(pron.form, [t.form for t in noun_phrase(s, ante)])
            pron_gn = {(g, n) for _, g, n in inf.hand_features(pron.form, "DET")}
            preceding: list[tuple[Token, bool]] = []
            for h in heads:
                ok = inf.relative_agrees(pron.form, [t.form for t in noun_phrase(s, h)])
                if h.id < pron.id:
                    preceding.append((h, ok))
                if h.id == ante.id:
                    continue
                others += 1
                rejected += not ok
                oracle_rej += (h.gender, h.number) != (pron.gender, pron.number)
                form_rej += (h.gender, h.number) not in pron_gn
                if h.id < pron.id:
                    prev_others += 1
                    prev_rejected += not ok
            if preceding:
                nearest_ok += preceding[-1][0].id == ante.id
                agreeing = [h for h, ok in preceding if ok]
                agree_ok += bool(agreeing) and agreeing[-1].id == ante.id
    p = max(pairs, 1)
    return {
        "pairs": pairs,
        "gold_accepted": accepted / p,
        "other_phrases": others,
        "other_rejected": rejected / max(others, 1),
        "preceding_other_rejected": prev_rejected / max(prev_others, 1),
        "oracle_rejected_gold_pronoun": oracle_rej / max(others, 1),
        "oracle_rejected_pronoun_form": form_rej / max(others, 1),
        "nearest_preceding_is_antecedent": nearest_ok / p,
        "nearest_agreeing_is_antecedent": agree_ok / p,
    }


# ---------------------------------------------------------------------------------------------
# Tuning
# ---------------------------------------------------------------------------------------------

GRID_COUNT = (5, 10, 20, 40, 80, 160)
GRID_SHARE = (0.0, 0.01, 0.02)
GRID_ADJ = (0.1, 0.2, 0.4)


def _summary(sents: list[Sentence], table: Table, min_count: int, min_share: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for hinted in (True, False):
        tok = score_tokens(sents, methods(table, min_count, min_share)["combined"], hinted)
        tag = "upos" if hinted else "nohint"
        for feat in ("case", "reading"):
            out[f"{tag}_{feat}_recall"] = tok[feat]["recall"]
            out[f"{tag}_{feat}_amb"] = tok[feat]["ambiguity"]
    ph = score_phrases(sents)
    out["np_recall"], out["np_amb"] = ph["phrase"]["recall"], ph["phrase"]["ambiguity"]
    out["np_case_recall"], out["np_case_amb"] = ph["phrase_case"]["recall"], ph["phrase_case"]["ambiguity"]
    out["np_gen_recall"] = ph["phrase+genitive"]["recall"]
    rel = score_relatives(sents)
    out["rel_accepted"], out["rel_rejected"] = rel["gold_accepted"], rel["other_rejected"]
    return out


def tune(dev: list[Sentence], tmp: Path) -> list[dict[str, float]]:
    """2-fold cross-validation inside DEV (even / odd sentences): fit on one half, score the other."""
    halves = [dev[0::2], dev[1::2]]
    paths = []
    for i in range(2):
        path = tmp / f"fold{i}.csv"
        write_table(fit_rows(halves[1 - i]), Path(f"dev-half-{1 - i}"), path)
        paths.append(path)
    saved = (inf.MIN_COUNT, inf.MIN_SHARE, inf.ADJ_SHARE)
    grid: list[tuple[int | None, float, float]] = [(None, 0.0, 0.2)]
    grid += [(mc, ms, ad) for mc in GRID_COUNT for ms in GRID_SHARE for ad in GRID_ADJ]
    rows: list[dict[str, float]] = []
    for mc, ms, ad in grid:
        agg: Counter[str] = Counter()
        for i in range(2):
            inf.ADJ_SHARE = ad
            inf.configure(str(paths[i]) if mc else None, min_count=mc or 1, min_share=ms)
            for k, v in _summary(halves[i], inf._table(), mc or 1, ms).items():
                agg[k] += v / 2
        rows.append(
            {"method": "combined" if mc else "hand", "min_count": mc or 0, "min_share": ms, "adj_share": ad, **agg}
        )
    inf.ADJ_SHARE = saved[2]
    inf.configure(min_count=saved[0], min_share=saved[1])
    # The fitted table alone, for comparison (its own parameters).
    for mc in (2, 3, 5, 10):
        for ms in (0.0, 0.02, 0.05, 0.1):
            agg = Counter()
            for i in range(2):
                table = inf._load_table(str(paths[i]))
                for hinted in (True, False):
                    tok = score_tokens(halves[i], methods(table, mc, ms)["fitted"], hinted)
                    tag = "upos" if hinted else "nohint"
                    for feat in ("case", "reading"):
                        agg[f"{tag}_{feat}_recall"] += tok[feat]["recall"] / 2
                        agg[f"{tag}_{feat}_amb"] += tok[feat]["ambiguity"] / 2
            rows.append({"method": "fitted", "min_count": mc, "min_share": ms, **agg})
    return rows


def choose(rows: list[dict]) -> tuple[dict, dict]:
    """The rules the module's constants and FITTED_* were picked by.

    combined: among settings within 1 point of the best on phrase recall, no-hint case recall and
    gold antecedents accepted, the lowest no-hint case ambiguity (ties: higher phrase recall).
    fitted: the highest reading recall (UPOS hint) with a case ambiguity no larger than the hand rules'.
    """
    comb = [r for r in rows if r["method"] == "combined"]
    hand = next(r for r in rows if r["method"] == "hand")
    best = {k: max(r[k] for r in comb) for k in ("np_recall", "nohint_case_recall", "rel_accepted")}
    ok = [r for r in comb if all(r[k] >= v - 0.01 for k, v in best.items())]
    c = min(ok, key=lambda r: (round(r["nohint_case_amb"], 3), -r["np_recall"]))
    fit = [r for r in rows if r["method"] == "fitted" and r["upos_case_amb"] <= hand["upos_case_amb"]]
    f = max(fit, key=lambda r: r["upos_reading_recall"])
    return c, f


FITTED_MIN_COUNT = 5
FITTED_MIN_SHARE = 0.02


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def evaluate(path: Path, table_path: Path | None) -> dict[str, object]:
    """Every figure on `path`; hand = no table, combined = hand rules pruned by the table."""
    sents = read_conllu(path)
    t0 = time.perf_counter()
    inf.configure(str(table_path) if table_path else None)
    table = inf._table()
    res: dict[str, object] = {
        "file": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
        "table": str(table_path.relative_to(ROOT)) if table_path and table_path.is_relative_to(ROOT) else table_path,
        "sentences": len(sents),
        "params": {"min_count": inf.MIN_COUNT, "min_share": inf.MIN_SHARE, "adj_share": inf.ADJ_SHARE},
    }
    tok: dict[str, object] = {}
    ms = methods(table, inf.MIN_COUNT, inf.MIN_SHARE)
    ms["fitted"] = methods(table, FITTED_MIN_COUNT, FITTED_MIN_SHARE)["fitted"]
    res["params"]["fitted"] = {"min_count": FITTED_MIN_COUNT, "min_share": FITTED_MIN_SHARE}  # type: ignore[index]
    for name, m in ms.items():
        for hinted in (True, False):
            tok[f"{name}/{'upos' if hinted else 'no-hint'}"] = score_tokens(sents, m, hinted)
    res["tokens"] = tok
    res["phrases"] = {"combined": score_phrases(sents)}
    res["relatives"] = {"combined": score_relatives(sents)}
    inf.configure(None)
    res["phrases"]["hand"] = score_phrases(sents)  # type: ignore[index]
    res["relatives"]["hand"] = score_relatives(sents)  # type: ignore[index]
    inf.configure()
    res["seconds"] = round(time.perf_counter() - t0, 2)
    return res


def print_report(res: dict) -> None:
    print(
        f"file: {res['file']} ({res['sentences']} sentences); table: {res['table']}; {res['params']}; "
        f"{res['seconds']} s"
    )
    print("\nTokens (NOUN PROPN ADJ DET PRON). recall: gold value in the set; amb: mean set size (dat = loc);")
    print("one: share with a single value; one-acc: accuracy of those")
    hdr = f"{'method':<18}{'feature':<9}{'n':>6}{'recall':>8}{'amb':>7}{'one':>7}{'one-acc':>9}"
    print(hdr)
    print("-" * len(hdr))
    for name, sc in res["tokens"].items():
        for feat in ("case", "gender", "number", "reading"):
            r = sc[feat]
            print(
                f"{name:<18}{feat:<9}{r['n']:>6}{r['recall']:>8.3f}{r['ambiguity']:>7.2f}"
                f"{r['single']:>7.3f}{r['single_acc']:>9.3f}"
            )
    print("\nNoun phrases (head + amod/det, no hint; '+genitive': followed by its genitive complement)")
    print(f"{'method':<10}{'what':<22}{'n':>6}{'recall':>8}{'amb':>7}{'one':>7}{'one-acc':>9}")
    for method in ("hand", "combined"):
        for name, r in res["phrases"][method].items():
            print(
                f"{method:<10}{name:<22}{r['n']:>6}{r['recall']:>8.3f}{r['ambiguity']:>7.2f}"
                f"{r['single']:>7.3f}{r['single_acc']:>9.3f}"
            )
    print("\nRelative pronoun koji + antecedent (acl)")
    keys = list(res["relatives"]["hand"])
    print(f"  {'':<34}{'hand':>9}{'combined':>10}")
    for k in keys:
        h, c = res["relatives"]["hand"][k], res["relatives"]["combined"][k]
        if isinstance(h, float):
            print(f"  {k:<34}{h:>9.3f}{c:>10.3f}")
        else:
            print(f"  {k:<34}{h:>9}{c:>10}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--fit", type=Path, help="fit the suffix table on this (dev) file and write it")
    ap.add_argument("--tune", type=Path, help="2-fold cross-validation of the table parameters on this (dev) file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.fit:
        if args.fit.resolve() == args.file.resolve():
            ap.error("fit and report on different files")
        rows = fit_rows(read_conllu(args.fit))
        write_table(rows, args.fit, inf.SUFFIX_TABLE)
        inf._load_table.cache_clear()
        print(f"wrote {len(rows)} rows to {inf.SUFFIX_TABLE} from {args.fit}")
    if args.tune:
        with tempfile.TemporaryDirectory() as tmp:
            rows = tune(read_conllu(args.tune), Path(tmp))
        for r in rows:
            print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in r.items()}))
        c, f = choose(rows)
        print(f"chosen combined: min_count={c['min_count']} min_share={c['min_share']} adj_share={c['adj_share']}")
        print(f"chosen fitted:   min_count={f['min_count']} min_share={f['min_share']}")
        return 0
    res = evaluate(args.file, inf.SUFFIX_TABLE if inf.SUFFIX_TABLE.is_file() else None)
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print_report(res)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
