"""`rikg evaluate`: extraction scored against gold annotations, with the figures of the shared scorer.

The scoring logic comes from ../shared/tools/score_extraction.py 1.2 (the scorer the project's
acceptance figures are measured with), brought into the package so that a clone without ../shared
can score its own annotated texts. The algorithm is unchanged, split by concern:

    names      normalisation and name matching        matching   one-to-one assignment, TP/FP/FN
    values     dates and numbers                       gold       gold JSON files (read and checked)
    graph      the N-Quads export and its lookups      reference  the Wikidata reference CSV
    documents  metrics 1-8b per gold document          corpus     links, provenance, coverage
    scoring    the report, flat metrics, --min gates   report     the printed report and summary line
    run        one run: gold, build or store, texts, score

The gold format and every metric are described in docs/gold-format.md.
"""

from rikg.evaluate.gold import GoldError
from rikg.evaluate.report import full_text, write_json
from rikg.evaluate.run import EvaluateError, Evaluation, evaluate
from rikg.evaluate.scoring import METRIC_NAMES

__all__ = ["METRIC_NAMES", "EvaluateError", "Evaluation", "GoldError", "evaluate", "full_text", "write_json"]
