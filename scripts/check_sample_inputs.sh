#!/usr/bin/env bash
# Checks that the bundled inputs are exactly what their generator makes: runs
# scripts/make_sample_inputs.py in a scratch copy of the repository (scripts/ and inputs/) and
# compares every file with the committed ones. inputs/2024/ (the published shapes) is checked by
# BundledInputsTests against its JSON twins. Run by .ci/run and `make check-samples`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/root"
cp -R scripts inputs "$scratch/root/"
# The generator compares 宝丰镇 with the seed at ../shared when it is there.
[ -d ../shared ] && ln -s "$(cd ../shared && pwd)" "$scratch/shared"
python3 "$scratch/root/scripts/make_sample_inputs.py" > "$scratch/log" 2>&1 || { cat "$scratch/log"; exit 1; }
if ! diff -r inputs "$scratch/root/inputs" > "$scratch/diff"; then
    echo "check-samples: inputs/ differs from what scripts/make_sample_inputs.py makes:"
    head -40 "$scratch/diff"
    exit 1
fi
echo "check-samples: inputs/ is what scripts/make_sample_inputs.py makes ($(tail -1 "$scratch/log"))"
