#!/usr/bin/env bash
# Scores extraction with `rikg evaluate` (nothing outside the checkout needed):
#   seeds  - the five texts of data/sources against tests/gold/seeds
#   devset - the unit-fixture texts of tests/devset
#   dev, test - the two splits of tests/corpus (rewrites of real published texts; see tests/corpus/README.md)
# Usage: bench/score_dev.sh [seeds|devset|dev|test|all] [rikg evaluate options, e.g. --details]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-all}; shift || true
run() { echo "== $1"; shift; python -m rikg.cli evaluate "$@"; }
if [ "$which" = seeds ] || [ "$which" = all ]; then
  run seeds --sources "$root/data/sources" --gold "$root/tests/gold/seeds" "$@"; fi
if [ "$which" = devset ] || [ "$which" = all ]; then
  run devset --sources "$root/tests/devset/texts" --gold "$root/tests/devset/gold" "$@"; fi
for split in dev test; do
  if [ "$which" = "$split" ] || [ "$which" = all ]; then echo "== corpus $split"; python "$root/bench/score_corpus.py" "$split" "$@"; fi
done
