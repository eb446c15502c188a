#!/usr/bin/env bash
# Scores extraction on the seed texts (../shared) and on the project's development set (tests/devset)
# with ../shared/tools/score_extraction.py. Usage: bench/score_dev.sh [seeds|dev|all] [--details]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
which=${1:-all}; shift || true
extra=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
score() {  # name sources gold
  rikg build --sources "$2" --store "$tmp/$1" >/dev/null
  rikg export --store "$tmp/$1" --format nq --output "$tmp/$1.nq"
  echo "== $1"
  python "$shared/tools/score_extraction.py" --graph "$tmp/$1.nq" --gold "$3" --texts "$2" \
    --reference "$shared/reference/wikidata-qids.csv" "${extra[@]}"
}
if [ "$which" = seeds ] || [ "$which" = all ]; then score seeds "$shared/sources" "$shared/gold/seeds" "$@"; fi
if [ "$which" = dev ] || [ "$which" = all ]; then score dev "$root/tests/devset/texts" "$root/tests/devset/gold" "$@"; fi
