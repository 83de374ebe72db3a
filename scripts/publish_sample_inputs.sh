#!/usr/bin/env bash
# Publishes the made-up 2024 sample reports in the shapes townships use (scripts/sample_formats.tsv):
# each is rendered from its JSON twin in inputs/json/2024/ by `nianbao render`; every other twin
# is copied as JSON, and 宝丰镇 is the real seed report's text. Run after make_sample_inputs.py.
# BundledInputsTests checks that inputs/2024/ is exactly what this script makes.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NIANBAO:-.build/debug/nianbao}
[ -x "$bin" ] || swift build --product nianbao
twins=inputs/json/2024
out=inputs/2024
find "$out" -maxdepth 1 -type f -delete
cp Tests/Corpus/import/baofeng-2024.txt "$out/baofeng.txt"
declare -A rendered
while IFS=$'\t' read -r stem shape file; do
  case "$stem" in ''|'#'*) continue ;; esac
  rendered[$stem]=1
  as=${shape%%:*}
  args=(render "$twins/$stem.json" --as "$as" -o "$out/$file")
  [ "$shape" != "$as" ] && args+=(--shape "${shape#*:}")
  "$bin" "${args[@]}" >/dev/null
done < scripts/sample_formats.tsv
for twin in "$twins"/*.json; do
  stem=$(basename "$twin" .json)
  [ "$stem" = baofeng ] && continue
  [ -n "${rendered[$stem]:-}" ] || cp "$twin" "$out/"
done
ls "$out"
