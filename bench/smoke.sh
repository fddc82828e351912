#!/usr/bin/env bash
# Run every benchmark on a few items to prove it works (CI); figures are not asserted here.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
for b in bench/*.py; do
  name=$(basename "$b" .py)
  # en_parse, en_cues and train_attribution_en build the shipped English data from PolNeAR TRAIN
  # (minutes; quotes_en --limit scores the shipped model instead and writes no data)
  case "$name" in __init__|common|gate|en_parse|en_cues|train_attribution_en) continue ;; esac
  echo "-- bench $name --limit 5"
  python -m "bench.$name" --limit 5 --out "$out/$name.json"
done
python -m bench.profile --clean-stages --limit 5 --out "$out/profile_clean.json"  # the cleaner's split
echo "-- gate --limit 5 (bench/floors.json, profile smoke)"
python -m bench.gate --limit 5
