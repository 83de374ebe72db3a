#!/usr/bin/env bash
# Issue 15: the supervisors' page opened in a real browser (Debian's chromium, headless).
#
#   make browser-check            # or scripts/browser_check.sh
#
# 1. Rolls up a copy of the bundled county twice, so that changes show: first without 城关镇's
#    report as of 2025-01-30, then with every report as of 2025-02-03 (--history keeps both
#    summaries, so the page draws arrivals by day from them).
# 2. Renders the page at 1280 and 390 px wide to PNG and dumps the DOM chromium built from it;
#    scripts/browser_check.py checks there: every township with its status word, the call list,
#    the new report (城关镇) and the newly overdue township (姚伏镇), the CSP, no outside load.
# 3. Makes a hostile copy of the inputs (a township named <script>…, another "><img …>, a
#    sourceUrl javascript:alert(1)), renders its page, and checks the DOM has no <script>, no
#    <img>, no event-handler attribute and no javascript: link, and the names show as text.
# Installs chromium (and fonts-noto-cjk, so the PNGs show Chinese) with apt-get when missing.
# Not part of `make test` (CI needs no browser). PNGs, DOMs and pages stay in BC_OUT.
#
# Environment:
#   BC_SCRATCH   swift build --scratch-path (default .build)
#   BC_OUT       where the PNGs, DOM dumps and pages go (default .build/browser-check)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SCRATCH=${BC_SCRATCH:-.build}
OUT=${BC_OUT:-$SCRATCH/browser-check}
SWIFT=${SWIFT:-swift}

browser=""
for b in chromium chromium-browser; do command -v "$b" >/dev/null 2>&1 && browser=$b && break; done
if [ -z "$browser" ] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    echo "installing chromium fonts-noto-cjk (apt-get)"
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk
    browser=chromium
fi

"$SWIFT" build --scratch-path "$SCRATCH" --product nianbao
BIN=$("$SWIFT" build --scratch-path "$SCRATCH" --show-bin-path)/nianbao

rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 1. Two runs of the bundled county, the as-of moved and a report added between them.
cp -r inputs "$WORK/inputs"
mkdir -p "$WORK/out" "$WORK/history"
mv "$WORK/inputs/2024/chengguan.html" "$WORK/chengguan.html"
"$BIN" rollup "$WORK/inputs" --year 2024 --as-of 2025-01-30 --xlsx "$WORK/out/平罗县-2024.xlsx" \
    --summary "$WORK/out/平罗县-2024.summary.json" --history "$WORK/history"
mv "$WORK/chengguan.html" "$WORK/inputs/2024/chengguan.html"
"$BIN" rollup "$WORK/inputs" --year 2024 --as-of 2025-02-03 --xlsx "$WORK/out/平罗县-2024.xlsx" \
    --summary "$WORK/out/平罗县-2024.summary.json" --history "$WORK/history" 2> "$WORK/stderr"
cat "$WORK/stderr"
cp "$WORK/out/平罗县-2024.html" "$OUT/page.html"
cp "$WORK/out/平罗县-2024.summary.json" "$OUT/page.summary.json"

# 2. Hostile names: two reports renamed off the roster, one with a javascript: source URL.
cp -r inputs "$WORK/hostile"
# The reports as JSON (the twins of the published 2024 folder), so the names can be planted.
rm -rf "$WORK/hostile/2024" && cp -r inputs/json/2024 "$WORK/hostile/2024"
python3 - "$WORK/hostile/2024" <<'PY'
import json, sys, os
folder = sys.argv[1]
def edit(name, unit, url):
    path = os.path.join(folder, name)
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    d["unit"]["name"] = unit
    d["unit"].pop("code", None)
    d["sourceUrl"] = url
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f, ensure_ascii=False, indent=2)
edit("tongfu.json", "<script>alert(1)</script>", "javascript:alert(1)")
edit("gaoren.json", "\"><img src=x onerror=alert(1)>", "JavaScript:alert(2)")
edit("taole.json", "陶乐镇' onmouseover='alert(3)", "https://example.gov.cn/a?b=1&c=\"><script>alert(4)</script>")
PY
mkdir -p "$WORK/hostile-out"
"$BIN" rollup "$WORK/hostile" --year 2024 --as-of 2025-02-03 --xlsx "$WORK/hostile-out/h.xlsx" \
    --summary "$WORK/hostile-out/h.summary.json" --html "$WORK/hostile-out/h.html" --quiet
cp "$WORK/hostile-out/h.html" "$OUT/hostile.html"

# 3. Headless chromium: screenshots at 1280 and 390 px, and the DOM it built.
render() { # page.html name
    local page=$1 name=$2
    for size in 1280,4200 390,9000; do
        local w=${size%,*}
        "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
            --screenshot="$OUT/$name-$w.png" --window-size=$size "file://$page" > /dev/null 2>&1
        [ -s "$OUT/$name-$w.png" ] || { echo "chromium wrote no screenshot $OUT/$name-$w.png"; exit 1; }
    done
    "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$page" > "$OUT/$name.dom.html" 2> /dev/null
    [ -s "$OUT/$name.dom.html" ] || { echo "chromium dumped no DOM for $page"; exit 1; }
}
render "$OUT/page.html" page
render "$OUT/hostile.html" hostile
# Printed on A4: chromium's PDF of the page, with pages.
"$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$OUT/page.pdf" "file://$OUT/page.html" > /dev/null 2>&1
head -c 5 "$OUT/page.pdf" | grep -q '%PDF-' || { echo "chromium printed no PDF of the page"; exit 1; }
echo "printed: $OUT/page.pdf ($(grep -ac '/Type */Page[^s]' "$OUT/page.pdf") pages)"

python3 scripts/browser_check.py "$OUT" "$WORK/stderr"
echo "screenshots: $OUT/page-1280.png $OUT/page-390.png $OUT/hostile-1280.png $OUT/hostile-390.png; print: $OUT/page.pdf"
