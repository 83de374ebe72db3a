#!/usr/bin/env bash
# Report shapes probed (issue 14: "reports shaped in ways you have not seen"): one generated tree,
# rewritten into every valid shape of scripts/probe_shapes.py, each rolled up beside the base tree
# (A B A B A B, medians of user+sys CPU and of --timings' read+decode), with how many reports left
# the fast path for the full decoder (counted with uprobes when perf can place them, as root).
#
#   scripts/probe_shapes.sh                      # PROBE_SIZE=2000 PROBE_RUNS=3
#   PROBE_ONLY="bom minified" scripts/probe_shapes.sh
#
# Environment: PROBE_SIZE, PROBE_RUNS, PROBE_ONLY (shape names; default all), PROBE_DATA (default
# bench-data/probe), BENCH_SCRATCH (swift build --scratch-path, default .build).
set -euo pipefail

ROOT=$(git rev-parse --show-toplevel)
cd "$ROOT"
SIZE=${PROBE_SIZE:-2000}
RUNS=${PROBE_RUNS:-3}
SCRATCH=${BENCH_SCRATCH:-.build}
DATA=${PROBE_DATA:-bench-data/probe}
YEAR=2024
AS_OF=2025-03-01
say() { printf '%s\n' "$*" >&2; }

swift build -c release --product nianbao --scratch-path "$SCRATCH" >&2
BIN="$(cd "$SCRATCH/release" && pwd -P)/nianbao"
ONLY=${PROBE_ONLY:-$(python3 -c 'import importlib.util as u, sys; s = u.spec_from_file_location("p", "scripts/probe_shapes.py"); m = u.module_from_spec(s); s.loader.exec_module(m); print(" ".join(m.SHAPES))')}

STAMP="size=$SIZE generator=$(cat Sources/Synthetic/*.swift scripts/probe_shapes.py | git hash-object --stdin)"
if [ "$(cat "$DATA/.complete" 2>/dev/null)" != "$STAMP" ]; then
    rm -rf "$DATA" && mkdir -p "$DATA"
    "$BIN" generate "$DATA/generated" --townships "$SIZE" --years $((YEAR - 1)),$YEAR --seed 20250301 >&2
    python3 scripts/probe_shapes.py "$DATA/generated" "$DATA" "$YEAR"
    printf '%s' "$STAMP" > "$DATA/.complete"
fi

# Uprobes on the fast path (every report tries it) and on the full decoder past parsing (the
# reports that fell back and parsed).
PROBES=""
symbol() { nm "$BIN" | awk -v s="$1" '$3 == s && !f { print "0x" $1; f = 1 }'; }
if [ "$(id -u)" = 0 ] && command -v perf > /dev/null; then
    perf probe -q -d 'probe_shapes:*' 2> /dev/null || true   # our own group only, left by a killed run
    all=$(symbol '$s9Aggregate11FastDecoderO6decode_4file7optionsAA6ReportVSgSays5UInt8VG_SSAA13DecodeOptionsVtFZ')
    full=$(symbol '$s9Aggregate13ReportDecoderO06decodeB0_4file7optionsAA0B0V10StrictJSON9JSONValueO_SSAA13DecodeOptionsVtKFZ')
    if [ -n "$all" ] && [ -n "$full" ] && perf probe -q -x "$BIN" -a "probe_shapes:all=$all" 2> /dev/null && perf probe -q -x "$BIN" -a "probe_shapes:full=$full" 2> /dev/null; then
        PROBES=yes
        trap 'perf probe -q -d "probe_shapes:*" 2> /dev/null || true' EXIT
    fi
fi

OUT=$(mktemp -d)
RESULTS="$DATA/results.tsv"
: > "$RESULTS"
run() {   # name dir → a line: name cpu read+decode wall
    /usr/bin/time -f '%e %U %S' -o "$OUT/time" "$BIN" rollup "$2" --year "$YEAR" --as-of "$AS_OF" \
        --xlsx "$OUT/c.xlsx" --summary "$OUT/c.summary.json" --html "$OUT/c.html" --timings --quiet > /dev/null 2> "$OUT/err" || true
    read -r wall user sys < <(tail -n 1 "$OUT/time")
    rd=$(grep -o 'read+decode [0-9.]*' "$OUT/err" | grep -o '[0-9.]*$' || echo nan)
    printf '%s\t%s\t%s\t%s\n' "$1" "$(echo "$user + $sys" | bc)" "$rd" "$wall" >> "$RESULTS"
}
for name in $ONLY; do
    dir="$DATA/$name"
    [ -d "$dir" ] || { say "probe: no shape $name"; exit 1; }
    find "$dir" -type f -exec cat {} + > /dev/null
    fallback="–"
    if [ -n "$PROBES" ]; then
        perf stat -x, -e probe_shapes:all,probe_shapes:full -o "$OUT/stat" "$BIN" rollup "$dir" --year "$YEAR" --as-of "$AS_OF" \
            --xlsx "$OUT/c.xlsx" --summary "$OUT/c.summary.json" --html "$OUT/c.html" --quiet > /dev/null 2>&1 || true
        fallback="$(awk -F, '/probe_shapes:full/ { f = $1 } /probe_shapes:all/ { a = $1 } END { print f "/" a }' "$OUT/stat")"
    fi
    printf '%s\tfallback\t%s\t%s\n' "$name" "$fallback" "$(du -sm "$dir/$YEAR" | cut -f1)" >> "$RESULTS"
    for r in $(seq 1 "$RUNS"); do
        say "   $name: run $r/$RUNS"
        run "base@$name" "$DATA/base"
        run "$name" "$dir"
    done
done
rm -rf "$OUT"

python3 - "$RESULTS" "$SIZE" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
from collections import defaultdict
from statistics import median
path, size, runs, load = sys.argv[1:5]
cpu, rd, fallback, mb = defaultdict(list), defaultdict(list), {}, {}
for line in open(path, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if f[1] == "fallback":
        fallback[f[0]], mb[f[0]] = f[2], f[3]; continue
    cpu[f[0]].append(float(f[1])); rd[f[0]].append(float(f[2]))
print(f"\nprobe_shapes: {int(size):,} townships, medians of {runs} runs (base alternated with each shape); load {load}\n")
print("| shape | MB | full decoder / reports | CPU s | base CPU s | × base | read+decode s | base r+d s | × base | flag |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for name in fallback:
    c, b = median(cpu[name]), median(cpu["base@" + name])
    r, rb = median(rd[name]), median(rd["base@" + name])
    slow = c / b > 1.3 or r / rb > 1.3
    off = fallback[name] not in ("–",) and not fallback[name].startswith("0/")
    flag = ", ".join(x for x, on in (("slow", slow), ("off fast path", off)) if on)
    print(f"| {name} | {mb[name]} | {fallback[name]} | {c:.2f} | {b:.2f} | {c / b:.2f}× | {r:.3f} | {rb:.3f} | {r / rb:.2f}× | {flag} |")
PY
