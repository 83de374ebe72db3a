#!/usr/bin/env bash
# Cost cliffs (issue 14): nianbao on pathological trees next to a normal tree of the same size.
#
#   make bench-cliffs
#   CLIFF_SIZE=2000 CLIFF_RUNS=1 make bench-cliffs     # a quick check
#
# Every tree starts from the same realistic tree (`nianbao generate`, CLIFF_SIZE townships, one
# year) and changes one thing:
#   normal       as generated
#   unknown      40 unknown keys in every report (20 at the top, 20 inside sections)
#   duplicates   every township's report three times (3 files each)
#   offroster    the roster lists only a tenth of the townships: 90% of reports are off-roster
#   roster50k    a roster of 50,000 rows, reports for a tenth of CLIFF_SIZE townships
#   rejected     every file rejected (schemaVersion 2)
#   huge40       40 reports whose 五 are near-identical 3.9 MB texts
#   template     every township's 五 one 3,000-character template, its own name and figures in it
# and the report shapes of scripts/probe_shapes.py that leave the fast path or cost more than 1.3×
# (docs/performance.md, "Shapes probed"), each valid per the contract unless said:
#   counts12.0   every count written 12.0          counts1.2e1   every count written 1.2e1
#   schema1.0    "schemaVersion": 1.0              incomplete    no Section 四 (flagged incomplete)
#   sectionnull  "overview": null (rejected)       unknownchinese  two unknown keys named in Chinese
#   unknowndeep  one unknown key, 10 levels deep   unknown1000   1,000 unknown keys with nested values
#   longnarr50k  a 50 KB Section 五 of its own     otheryears    last year's reports in the folder too
# Each is timed CLIFF_RUNS times, round by round after one uncounted round, each run beside its
# own tree's previous summary.json (median, wall seconds and peak RSS from /usr/bin/time), with
# --timings phases; the ratio is to `normal`. A run past CLIFF_TIMEOUT seconds is stopped and
# shown as ">TIMEOUT". Trees are kept in bench-data/cliffs (regenerated when the generator changes).
#
# Environment: CLIFF_SIZE (default 5000), CLIFF_RUNS (default 3), CLIFF_TIMEOUT (default 300),
# BENCH_SCRATCH (swift build --scratch-path, default .build), BENCH_DATA (default bench-data),
# CLIFF_ONLY (space-separated tree names to run, default all), CLIFF_PEER (1: also time the pandas
# peer, ../shared/bench/peer_rollup.py, once on each tree after the rounds, for "peer/nianbao").
set -euo pipefail

ROOT=$(git rev-parse --show-toplevel)
cd "$ROOT"
SIZE=${CLIFF_SIZE:-5000}
RUNS=${CLIFF_RUNS:-3}
TIMEOUT=${CLIFF_TIMEOUT:-300}
SCRATCH=${BENCH_SCRATCH:-.build}
DATA=${BENCH_DATA:-bench-data}/cliffs
SHAPES="counts12.0 counts1.2e1 schema1.0 incomplete sectionnull unknownchinese unknowndeep unknown1000 longnarr50k otheryears"
ONLY=${CLIFF_ONLY:-"normal unknown duplicates offroster roster50k rejected huge40 template $SHAPES"}
SEED=20250301
YEAR=2024
AS_OF=2025-03-01

say() { printf '%s\n' "$*" >&2; }

say "== building nianbao (release, scratch path $SCRATCH)"
swift build -c release --product nianbao --scratch-path "$SCRATCH" >&2
BIN="$ROOT/$SCRATCH/release/nianbao"
if [ ! -x /usr/bin/time ]; then
    say "== installing GNU time"
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y time >&2
fi

mkdir -p "$DATA"
OUT="$DATA/out"
mkdir -p "$OUT"
# The trees are made again when what makes them changes: the generator, the shapes and the
# lines of this script between "trees: begin" and "trees: end" (not the timing below them).
STAMP="size=$SIZE seed=$SEED generator=$( (cat Sources/Synthetic/*.swift scripts/probe_shapes.py; sed -n '/^# trees: begin/,/^# trees: end/p' scripts/bench_cliffs.sh) | git hash-object --stdin)"

# trees: begin
if [ "$(cat "$DATA/.complete" 2>/dev/null)" != "$STAMP" ]; then
    say "== generating the trees ($SIZE townships) into $DATA"
    find "$DATA" -mindepth 1 -maxdepth 1 ! -name out -exec rm -rf {} +
    "$BIN" generate "$DATA/normal" --townships "$SIZE" --years "$YEAR" --seed "$SEED" >&2
    python3 - "$DATA" "$YEAR" "$SIZE" <<'EOF'
import json, os, shutil, sys
data, year, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
normal = os.path.join(data, "normal")
files = sorted(f for f in os.listdir(os.path.join(normal, year)) if f.endswith(".json"))

def load(f):
    with open(os.path.join(normal, year, f), encoding="utf-8") as h:
        return json.load(h)

def tree(name, roster=None):
    root = os.path.join(data, name)
    os.makedirs(os.path.join(root, year), exist_ok=True)
    shutil.copy(os.path.join(normal, "county.json"), root)
    if roster is None:
        shutil.copy(os.path.join(normal, "roster.csv"), root)
    else:
        with open(os.path.join(root, "roster.csv"), "w", encoding="utf-8") as h:
            h.write("name,code\n" + "".join(f"{n},{c}\n" for n, c in roster))
    return os.path.join(root, year)

def dump(folder, f, doc):
    with open(os.path.join(folder, f), "w", encoding="utf-8") as h:
        json.dump(doc, h, ensure_ascii=False, indent=2)

with open(os.path.join(normal, "roster.csv"), encoding="utf-8") as h:
    roster = [tuple(line.strip().split(",")) for line in h.readlines()[1:] if line.strip()]

out = tree("unknown")
for f in files:
    d = load(f)
    for k in range(20):
        d[f"extraField{k}"] = {"note": "导出工具附加字段", "k": k}
    for k in range(10):
        d["requests"][f"extraRow{k}"] = k
        d["proactive"][f"extraItem{k}"] = [k, "x"]
    dump(out, f, d)

out = tree("duplicates")
for f in files:
    for copy in ("", "-b", "-c"):
        shutil.copy(os.path.join(normal, year, f), os.path.join(out, f.replace(".json", copy + ".json")))

out = tree("offroster", roster[: max(1, size // 10)])
for f in files:
    shutil.copy(os.path.join(normal, year, f), out)

big = roster + [(f"名册镇{k:05d}", f"8{k:08d}") for k in range(50_000 - len(roster))]
out = tree("roster50k", big[:50_000])
for f in files[: max(1, size // 10)]:
    shutil.copy(os.path.join(normal, year, f), out)

out = tree("rejected")
for f in files:
    with open(os.path.join(normal, year, f), encoding="utf-8") as h:
        text = h.read()
    with open(os.path.join(out, f), "w", encoding="utf-8") as h:
        h.write(text.replace('"schemaVersion": 1', '"schemaVersion": 2', 1))

# 3.9 MB texts that differ only in a few places: a crowd of near-copies.
paragraph = "本镇在政务公开工作中仍存在公开内容不够全面、更新不够及时、解读不够深入、回应不够主动等问题，需要在今后工作中持续加以改进。"
base = (paragraph * (3_900_000 // len(paragraph.encode("utf-8")) + 1))
base = base.encode("utf-8")[:3_900_000].decode("utf-8", "ignore")
out = tree("huge40")
for i, f in enumerate(files):
    if i < 40:
        d = load(f)
        d.setdefault("narrative", {})["problems"] = f"第{i + 1}号：" + base[: len(base) - 40] + f"（{d['unit']['name']}）"
        dump(out, f, d)
    else:
        shutil.copy(os.path.join(normal, year, f), out)

template = ("对照政务公开工作要求，{name}在以下方面仍有不足：" + "一是主动公开的深度和广度还需拓展，部分领域信息更新不够及时；"
            "二是政策解读形式较为单一，图解、音视频等形式运用偏少；三是依申请公开办理的规范化水平有待提高；"
            "四是基层政务公开标准化规范化建设还需深化，村级公开内容不够细化。") * 1
template = (template * (3000 // len(template) + 1))[:2990] + "{n}项整改任务。"
out = tree("template")
for i, f in enumerate(files):
    d = load(f)
    d.setdefault("narrative", {})["problems"] = template.replace("{name}", d["unit"]["name"]).replace("{n}", str(3 + i % 7))
    dump(out, f, d)
EOF
    python3 scripts/probe_shapes.py "$DATA/normal" "$DATA" "$YEAR" $SHAPES
    printf '%s' "$STAMP" > "$DATA/.complete"
fi
# trees: end

RESULTS="$OUT/results.tsv"
: > "$RESULTS"
for name in $ONLY; do
    dir="$DATA/$name"
    [ -d "$dir" ] || { say "bench-cliffs: no tree $name"; exit 1; }
    find "$dir" -type f -exec cat {} + > /dev/null
    rm -rf "${OUT:?}/$name"
    mkdir -p "$OUT/$name"
done
# Round by round, every tree once per round: a machine that slows down for a while slows every
# tree alike, not the trees that happened to run then. Each tree has its own output folder, so
# that from the second round on a run compares with its own tree's previous summary.json, as a
# nightly run does (not with another tree's, which lists every flag as changed).
# Round 0 is not counted: it leaves each tree its first summary.json.
for r in $(seq 0 "$RUNS"); do
    for name in $ONLY; do
        dir="$DATA/$name"
        say "   $name: run $r/$RUNS"
        tf="$OUT/time.txt" ef="$OUT/stderr.txt"
        status=0
        /usr/bin/time -f '%e %M' -o "$tf" timeout "$TIMEOUT" "$BIN" rollup "$dir" --year "$YEAR" --as-of "$AS_OF" \
            --xlsx "$OUT/$name/c.xlsx" --summary "$OUT/$name/c.summary.json" --timings --quiet > /dev/null 2> "$ef" || status=$?
        read -r wall kb < <(tail -n 1 "$tf")
        if [ "$status" = 124 ]; then wall=">$TIMEOUT"; elif [ "$status" != 0 ] && [ "$status" != 1 ]; then
            say "bench-cliffs: $name failed ($status):"; cat "$ef" >&2; wall="failed"
        fi
        [ "$r" = 0 ] && continue
        out_bytes=$(cat "$OUT/$name/c.xlsx" "$OUT/$name/c.summary.json" "$OUT/$name/c.html" 2>/dev/null | wc -c)
        printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$kb" "$(grep '^timings:' "$ef" || true)" "$out_bytes" >> "$RESULTS"
    done
done

PEERS="$OUT/peers.tsv"
: > "$PEERS"
if [ "${CLIFF_PEER:-}" = 1 ]; then
    PEER="$ROOT/../shared/bench/peer_rollup.py"
    [ -f "$PEER" ] || { say "bench-cliffs: $PEER not found"; exit 1; }
    for name in $ONLY; do
        dir="$DATA/$name"
        say "   $name: peer"
        find "$dir" -type f -exec cat {} + > /dev/null
        status=0
        /usr/bin/time -f '%e %M' -o "$OUT/time.txt" timeout "$TIMEOUT" python3 "$PEER" "$dir" --year "$YEAR" \
            --out "$OUT/$name/peer.xlsx" --as-of "$AS_OF" > /dev/null 2> "$OUT/stderr.txt" || status=$?
        read -r wall kb < <(tail -n 1 "$OUT/time.txt")
        [ "$status" = 0 ] || wall="failed"
        printf '%s\t%s\n' "$name" "$wall" >> "$PEERS"
    done
fi

python3 - "$RESULTS" "$SIZE" "$RUNS" "$(git describe --always --dirty 2>/dev/null || echo unknown)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOF'
import re, sys
from collections import defaultdict
path, size, runs, commit, load = sys.argv[1:6]
rows = defaultdict(list)
for line in open(path, encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    wall = float(f[1]) if re.fullmatch(r"[0-9.]+", f[1]) else float("inf")
    phases = dict((n.strip(), float(s)) for n, s in re.findall(r"([a-z+ ]+?) ([0-9.]+)s", f[3] if len(f) > 3 else ""))
    read = re.search(r"([0-9]+) bytes read", f[3] if len(f) > 3 else "")
    rows[f[0]].append((wall, int(f[2] or 0), phases, f[1], int(read.group(1)) if read else 0, int(f[4]) if len(f) > 4 and f[4] else 0))
def median(rs):
    s = sorted(rs, key=lambda r: r[0])
    return s[(len(s) - 1) // 2]
phase_names = []
for rs in rows.values():
    for r in rs:
        for n in r[2]:
            if n not in phase_names: phase_names.append(n)
print(f"\nbench-cliffs ({commit}): {int(size):,} townships, median of {runs} runs; load average {load}\n")
# "in MB": report bytes read; "out MB": the workbook, summary.json and page written. A tree that
# holds or yields several times a normal tree's bytes costs in proportion to them, cliff or not.
# A tree can be bigger than normal without being a cliff: more townships on its roster (roster50k
# lists 50,000), or more bytes read or written (unknown1000 reads 14 times normal's). "× its size"
# is the tree's time over normal's scaled to the tree's size, the larger of its townships (rows of
# townships in summary.json) and its MB read and written, each over normal's; normal's time per
# township is flat from 10,000 to 40,000 (`make bench`), and scaling its fixed costs too flatters
# a big tree a little. "× normal" is the plain ratio, whatever the tree's size.
import json, os
peers = {}
for line in open(os.path.join(os.path.dirname(path), "peers.tsv"), encoding="utf-8"):
    name, wall = line.rstrip("\n").split("\t")
    peers[name] = float(wall) if re.fullmatch(r"[0-9.]+", wall) else None
def townships(name):
    try:
        with open(os.path.join(os.path.dirname(path), name, "c.summary.json"), encoding="utf-8") as h:
            return len(json.load(h)["townships"])
    except (OSError, ValueError, KeyError):
        return 0
head = ["tree", "nianbao s", "× normal", "townships", "× its size"] + (["peer s", "peer/nianbao"] if peers else []) \
    + ["MB", "in MB", "out MB"] + phase_names
print("| " + " | ".join(head) + " |")
print("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
normal = median(rows["normal"])[0] if "normal" in rows else None
normal_mb = (median(rows["normal"])[4] + median(rows["normal"])[5]) / 1e6 if "normal" in rows else 0
normal_townships = townships("normal")
worst = worst_sized = 0
for name, rs in rows.items():
    m = median(rs)
    ratio = m[0] / normal if normal and m[0] != float("inf") else float("inf")
    mb, n = (m[4] + m[5]) / 1e6, townships(name)
    scale = max(n / normal_townships if normal_townships else 1, mb / normal_mb if normal_mb else 1, 1)
    sized = ratio / scale
    if name != "normal": worst, worst_sized = max(worst, ratio), max(worst_sized, sized)
    shown = m[3] if m[0] == float("inf") else f"{m[0]:.2f}"
    print("| " + " | ".join([name, shown, f"{ratio:.2f}×" if ratio != float("inf") else "–", f"{n:,}",
                             f"{sized:.2f}×" if sized != float("inf") else "–"]
                            + ([f"{peers[name]:.2f}" if peers.get(name) else "–",
                                f"{peers[name] / m[0]:.1f}×" if peers.get(name) and m[0] not in (0, float("inf")) else "–"] if peers else [])
                            + [f"{m[1] / 1024:.0f}",
                             f"{m[4] / 1e6:.0f}", f"{m[5] / 1e6:.0f}"]
                            + [f"{m[2][p]:.3f}" if p in m[2] else "–" for p in phase_names]) + " |")
if normal:
    print(f"\n- every pathological tree within 2× normal: worst {worst:.2f}× — {'met' if worst <= 2 else 'NOT met'}")
    print(f"- every pathological tree within 2× a normal tree of its size (townships or MB): worst {worst_sized:.2f}× — {'met' if worst_sized <= 2 else 'NOT met'}")
ratios = [(peers[name] / median(rs)[0], name) for name, rs in rows.items() if peers.get(name) and median(rs)[0] not in (0, float("inf"))]
if ratios:
    low = min(ratios)
    print(f"- peer/nianbao (one peer run a tree): lowest {low[0]:.1f}× ({low[1]}), normal {dict((n, r) for r, n in ratios).get('normal', 0):.1f}×")
EOF
