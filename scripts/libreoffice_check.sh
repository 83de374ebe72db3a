#!/usr/bin/env bash
# Issue 6: every workbook the tests write opens in LibreOffice without a repair prompt.
#
#   make libreoffice-check                       # or scripts/libreoffice_check.sh
#   scripts/libreoffice_check.sh FILE_OR_DIR...  # only these workbooks, no test run
#
# Runs the workbook-writing tests with NIANBAO_KEEP_WORKBOOKS set (Tests/NianbaoTests/Fixtures.swift
# copies each workbook a test writes there), then, for every kept workbook:
#   1. scripts/xlsx_check.py wellformed: the zip reads (CRCs), every XML part parses, and nothing
#      is there that Excel repairs (sheet names, cells over 32,767 characters, cells out of order,
#      overlapping merges, missing parts);
#   2. LibreOffice re-saves it as .xlsx, headless; soffice said nothing on stderr, the copy exists,
#      and scripts/xlsx_check.py compare finds the same sheets in the same order and every
#      non-blank cell with the same value (a workbook LibreOffice had to repair, or read only in
#      part, fails here: soffice exits 0 even when it could not load a file at all);
#   3. LibreOffice prints it to PDF, and the PDF has pages (pdfinfo); workbooks over LO_PDF_MAX
#      bytes are not printed (the 2,000-township one of FaultTests takes 5 minutes, 1,800 pages).
# Workbooks with the same bytes are converted once. soffice takes many files per run (LO_BATCH);
# a batch that fails or complains is converted again one file at a time, to name the culprit.
# One line per workbook, then "N workbooks, N ok, N failed"; exits 1 on any failure (or when
# the tests fail or keep no workbook).
#
# Environment:
#   LO_TESTS     swift test --filter of the workbook-writing tests
#                (default HostileInputTests|EndToEndTests|CommandTests|FaultTests|GeneratorTests)
#   LO_SCRATCH   swift build --scratch-path (default .build)
#   LO_WORK      folder for the kept workbooks and LibreOffice's output (default: a new temporary
#                folder, removed when everything passed)
#   LO_BATCH     workbooks per soffice run (default 50)
#   LO_TIMEOUT   seconds one soffice run may take (default 900)
#   LO_PDF       0 skips step 3 (default 1)
#   LO_PDF_MAX   largest workbook printed to PDF, in bytes (default 1000000)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
TESTS=${LO_TESTS:-HostileInputTests|EndToEndTests|CommandTests|FaultTests|GeneratorTests}
SCRATCH=${LO_SCRATCH:-.build}
BATCH=${LO_BATCH:-50}
TIMEOUT=${LO_TIMEOUT:-900}
PDF=${LO_PDF:-1}
PDF_MAX=${LO_PDF_MAX:-1000000}
CHECK="$ROOT/scripts/xlsx_check.py"
START=$(date +%s)

say() { printf '[%4ss] %s\n' "$(( $(date +%s) - START ))" "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------
SOFFICE=$(command -v soffice || true)
if [ -z "$SOFFICE" ]; then
    say "== installing LibreOffice Calc (apt-get: libreoffice-calc-nogui)"
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y libreoffice-calc-nogui >&2
    SOFFICE=$(command -v soffice || true)
    [ -n "$SOFFICE" ] || { say "libreoffice_check: soffice still not found"; exit 1; }
fi
if ! command -v pdfinfo >/dev/null && [ "$PDF" != 0 ]; then
    say "== installing poppler-utils (pdfinfo; optional)"
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y poppler-utils; } >&2 \
        || say "   (no poppler-utils: PDF pages are counted by hand)"
fi
command -v python3 >/dev/null || { say "libreoffice_check: python3 is needed"; exit 1; }
say "== $("$SOFFICE" --version 2>/dev/null | head -n 1)"

WORK=${LO_WORK:-$(mktemp -d /tmp/nianbao-libreoffice.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
KEPT="$WORK/kept" UNIQUE="$WORK/unique" PROFILE="$WORK/profile"
rm -rf "$UNIQUE" "$WORK/xlsx" "$WORK/pdf" "$WORK/log"
mkdir -p "$KEPT" "$UNIQUE" "$WORK/xlsx" "$WORK/pdf" "$WORK/log"

# --- the workbooks -------------------------------------------------------------------------
tests_status=0
if [ $# -gt 0 ]; then
    for a in "$@"; do
        if [ -d "$a" ]; then
            find "$a" -maxdepth 1 -name '*.xlsx' ! -name '.*' -exec cp {} "$KEPT/" \;
        else
            cp "$a" "$KEPT/"
        fi
    done
else
    say "== building the tests (scratch path $SCRATCH)"
    make -s deps >&2 || exit 1
    swift build --build-tests --scratch-path "$SCRATCH" >&2 || { say "libreoffice_check: build failed"; exit 1; }
    rm -f "$KEPT"/*.xlsx
    say "== swift test --filter '$TESTS', keeping every workbook in $KEPT"
    NIANBAO_KEEP_WORKBOOKS="$KEPT" swift test --skip-build --disable-swift-testing --scratch-path "$SCRATCH" \
        --filter "$TESTS" > "$WORK/log/swift-test.log" 2>&1
    tests_status=$?
    grep -E "Executed [0-9]+ tests?" "$WORK/log/swift-test.log" | tail -n 1 | sed 's/^[[:space:]]*/   /' >&2
    if [ $tests_status -ne 0 ]; then
        say "   the tests failed (exit $tests_status); see $WORK/log/swift-test.log:"
        grep -E "error: |failed \(" "$WORK/log/swift-test.log" | head -n 20 >&2
    fi
fi

mapfile -t FILES < <(cd "$KEPT" && ls -1 | grep -E '\.xlsx$' | LC_ALL=C sort)
if [ ${#FILES[@]} -eq 0 ]; then
    say "libreoffice_check: no workbook was kept (did the tests run?)"
    echo "0 workbooks, 0 ok, 0 failed"
    exit 1
fi

# Same bytes, one conversion: UNIQUE holds the first file of each content under its own name.
declare -A REP    # file -> the file whose conversion stands for it
declare -A FIRST  # sha256 -> file
for f in "${FILES[@]}"; do
    h=$(sha256sum "$KEPT/$f" | cut -d' ' -f1)
    if [ -z "${FIRST[$h]:-}" ]; then
        FIRST[$h]=$f
        ln "$KEPT/$f" "$UNIQUE/$f" 2>/dev/null || cp "$KEPT/$f" "$UNIQUE/$f"
    fi
    REP[$f]=${FIRST[$h]}
done
mapfile -t DISTINCT < <(cd "$UNIQUE" && ls -1 | LC_ALL=C sort)
say "== ${#FILES[@]} workbooks kept, ${#DISTINCT[@]} distinct"

# --- 1. well-formed ------------------------------------------------------------------------
declare -A WHY SHEETS
while IFS=$'\t' read -r verdict path detail; do
    f=$(basename "$path")
    if [ "$verdict" = OK ]; then SHEETS[$f]=$detail; else WHY[$f]="not well-formed: $detail"; fi
done < <(cd "$UNIQUE" && python3 "$CHECK" wellformed "${DISTINCT[@]}")
for f in "${DISTINCT[@]}"; do
    [ -n "${SHEETS[$f]:-}${WHY[$f]:-}" ] || WHY[$f]="xlsx_check.py wellformed gave no verdict"
done

# --- 2 and 3. LibreOffice ------------------------------------------------------------------
# convert FORMAT OUTDIR LOG FILE...: one soffice run; prints nothing, leaves stdout+stderr in LOG.
convert() {
    local format=$1 outdir=$2 log=$3
    shift 3
    (cd "$UNIQUE" && timeout "$TIMEOUT" "$SOFFICE" "-env:UserInstallation=file://$PROFILE" --headless --norestore \
        --nolockcheck --convert-to "$format" --outdir "$outdir" "$@") > "$log.out" 2> "$log.err"
    echo "exit $?" >> "$log.err"
}

# What soffice says on stderr that is not about the file.
noise='^(Warning: failed to launch javaldx - java may not function correctly|exit 0)$'

declare -A CONVERT_WHY   # file -> why LibreOffice failed it (step 2 or 3)
# run_all FORMAT EXT OUTDIR FILE...: the files through soffice, in batches.
run_all() {
    local format=$1 ext=$2 outdir=$3 n=0 k f
    shift 3
    local files=("$@")
    for ((k = 0; k < ${#files[@]}; k += BATCH)); do
        local batch=("${files[@]:k:BATCH}") log="$WORK/log/$ext-batch$((n += 1))"
        convert "$format" "$outdir" "$log" "${batch[@]}"
        local complaint; complaint=$(grep -Ev "$noise" "$log.err")
        for f in "${batch[@]}"; do
            local out="$outdir/${f%.xlsx}.$ext"
            if [ -n "$complaint" ] || [ ! -s "$out" ]; then
                # Alone, so that what soffice says is about this file.
                rm -f "$out"
                local one="$WORK/log/$ext-${f%.xlsx}"
                convert "$format" "$outdir" "$one" "$f"
                local said; said=$(grep -Ev "$noise" "$one.err" | tr '\n' ' ')
                if [ -n "$said" ]; then
                    CONVERT_WHY[$f]="${CONVERT_WHY[$f]:-}soffice --convert-to $ext said: ${said% }; "
                elif [ ! -s "$out" ]; then
                    CONVERT_WHY[$f]="${CONVERT_WHY[$f]:-}soffice --convert-to $ext wrote nothing; "
                fi
            fi
        done
    done
}

say "== LibreOffice: re-saving as .xlsx"
run_all "xlsx:Calc MS Excel 2007 XML" xlsx "$WORK/xlsx" "${DISTINCT[@]}"
declare -A PAGES
PRINTED=()
if [ "$PDF" != 0 ]; then
    for f in "${DISTINCT[@]}"; do
        [ "$(stat -c %s "$UNIQUE/$f")" -le "$PDF_MAX" ] && PRINTED+=("$f")
    done
    say "== LibreOffice: printing ${#PRINTED[@]} to PDF (those up to $PDF_MAX bytes)"
    run_all "pdf:calc_pdf_Export" pdf "$WORK/pdf" "${PRINTED[@]}"
fi

pages() {   # pages PDF: its page count
    if command -v pdfinfo >/dev/null; then
        pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p'
    else
        python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$1"
    fi
}

# --- verdicts ------------------------------------------------------------------------------
# Every step's finding, so that a line says both what is wrong in the file and what LibreOffice made of it.
add() { why="${why:+$why; }$1"; }
for f in "${DISTINCT[@]}"; do
    why=${WHY[$f]:-}
    if [ -n "${CONVERT_WHY[$f]:-}" ]; then
        add "${CONVERT_WHY[$f]%; }"
    elif [ -n "$why" ]; then
        add "LibreOffice converted it all the same"
    elif ! diff=$(python3 "$CHECK" compare "$UNIQUE/$f" "$WORK/xlsx/$f" 2>&1); then
        add "LibreOffice read it differently: $diff"
    fi
    if [ "$PDF" != 0 ] && [ "$(stat -c %s "$UNIQUE/$f")" -le "$PDF_MAX" ] && [ -s "$WORK/pdf/${f%.xlsx}.pdf" ]; then
        p=$(pages "$WORK/pdf/${f%.xlsx}.pdf")
        PAGES[$f]=${p:-0}
        [ "${p:-0}" -gt 0 ] || add "the PDF has no page"
    fi
    WHY[$f]=$why
done

ok=0 failed=0
for f in "${FILES[@]}"; do
    r=${REP[$f]}
    same=""
    [ "$r" != "$f" ] && same=", same bytes as ${r%.xlsx}"
    if [ -n "${WHY[$r]:-}" ]; then
        failed=$((failed + 1))
        echo "FAIL  ${f%.xlsx}: ${WHY[$r]}$same"
    else
        ok=$((ok + 1))
        detail="${SHEETS[$r]} sheets"
        if [ -n "${PAGES[$r]:-}" ]; then detail="$detail, ${PAGES[$r]} PDF pages"
        elif [ "$PDF" != 0 ]; then detail="$detail, not printed: over $PDF_MAX bytes"; fi
        echo "OK    ${f%.xlsx} ($detail$same)"
    fi
done

elapsed=$(( $(date +%s) - START ))
status=0
[ $failed -eq 0 ] && [ $tests_status -eq 0 ] || status=1
where="kept in $WORK"
[ $status -eq 0 ] && [ -z "${LO_WORK:-}" ] && rm -rf "$WORK" && where="removed (LO_WORK=DIR keeps them)"
say "== ${#DISTINCT[@]} distinct workbooks through $("$SOFFICE" --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2) in ${elapsed}s; workbooks and conversions $where"
[ $tests_status -ne 0 ] && say "== the tests failed (exit $tests_status): see $WORK/log/swift-test.log"
echo "${#FILES[@]} workbooks, $ok ok, $failed failed"
exit $status
