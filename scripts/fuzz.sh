#!/usr/bin/env bash
# libFuzzer over the report decoder and the rule checks (issue 6).
#
#   scripts/fuzz.sh                 build, then fuzz for $FUZZ_SECONDS (default 600); more
#                                   libFuzzer flags in $FUZZ_ARGS, e.g. -use_value_profile=1
#   scripts/fuzz.sh build           build only
#   scripts/fuzz.sh run [args...]   run the built fuzzer; extra args go to libFuzzer
#                                   (e.g. a crash file to reproduce it)
#
# The fuzzer is Fuzz/ReportFuzzer.swift compiled together with the sources of StrictJSON and
# Aggregate (every folder) into one module, their `import StrictJSON` lines dropped (no SwiftPM
# involved), with -sanitize=fuzzer,address. Everything it writes lives in .build-fuzz/ (git-ignored): the binary, the working corpus (seeded from inputs/2023, inputs/json/2024
# and Tests/Corpus), and artifacts/ for crashes, timeouts and ooms.
set -euo pipefail

CALLER=$PWD
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_JOBS=${FUZZ_JOBS:-1}   # >1: that many libFuzzer processes in parallel
OUT=.build-fuzz
BIN=$OUT/report-fuzzer
CORPUS=$OUT/corpus
ARTIFACTS=$OUT/artifacts
DICT=$OUT/report.dict
SUPP=$OUT/lsan.supp

# LeakSanitizer cannot see the boxes of ReportDecoder.sectionShapes (a static of an indirect
# enum): Swift keeps the enum's case in the spare bits of the box pointer, so the word in the
# global does not look like a pointer and LSan calls the still-reachable boxes leaked at exit.
# Suppress exactly that, keep leak detection for everything else.
lsan() {
    mkdir -p "$OUT"
    printf 'leak:sectionShapes\n' > "$SUPP"
    export LSAN_OPTIONS="suppressions=$PWD/$SUPP${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
    # A trap must reach libFuzzer's handler (which saves the input), not Swift's backtracer,
    # which can hang on a sanitized process.
    export SWIFT_BACKTRACE=enable=no
}

build() {
    mkdir -p "$OUT"
    # Compile a snapshot of the sources: other people edit them while a long build runs, and
    # swiftc refuses files that change under it.
    rm -rf "$OUT/src"
    mkdir -p "$OUT/src"
    find Sources/StrictJSON Sources/Aggregate -name '*.swift' -exec cp {} "$OUT/src/" \;
    cp Fuzz/ReportFuzzer.swift "$OUT/src/"
    sed -i '/^import StrictJSON$/d' "$OUT"/src/*.swift
    echo "fuzz.sh: building $BIN"
    # lld from the toolchain: gold prints hundreds of harmless "Cannot export local symbol
    # __asan_check_*" warnings for an ASan build.
    "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g -module-name FuzzMain -package-name nianbao \
        -use-ld=lld "$OUT"/src/*.swift -o "$BIN.tmp"
    mv "$BIN.tmp" "$BIN"
}

# A libFuzzer dictionary: every key of the contract plus the tokens where number, string and
# date parsing have their edge cases (malformed numbers too: the fast path reads them itself).
dictionary() {
    {
        for k in schemaVersion edition unit name code county year publishedOn sourceUrl overview \
                 portalItems wechatItems weiboItems villageNotices hotlineReplies messageBoardReplies \
                 trainingSessions trainees proactive rules normativeDocuments issued repealed inForce \
                 licensing penalties compulsoryMeasures feesTenThousandYuan requests received carriedOver \
                 disclosed partlyDisclosed withheld stateSecret prohibitedByLaw securityStability \
                 thirdPartyRights internalAffairs processInformation enforcementRecords administrativeQuery \
                 unavailable notHeld needsCreation stillUnclear notProcessed complaintOrPetition repeated \
                 publication excessive reconfirmation otherHandling correctionOverdue feeUnpaid other \
                 resultTotal carriedForward naturalPerson commercial research publicInterest legalService \
                 otherOrg total appeals review litigationDirect litigationAfterReview upheld corrected \
                 pending narrative problems otherMatters informationProcessingFeeYuan; do
            echo "\"\\\"$k\\\"\""
        done
        cat <<'TOKENS'
"null"
"true"
"2019"
"2021"
"e-"
"E+"
".0"
"1e400"
"-0"
"9223372036854775808"
"1000000000"
"0.000001"
"\\u"
"\\ud83d\\ude00"
"\\udc00"
"\\u0000"
"\xef\xbb\xbf"
"\xe2\x80\x8b"
"\xe3\x80\x80"
"\xcc\x81"
"2024-12-31"
"2025-01-20T23:59:60+14:00"
"T00:00Z"
"-14:00"
".999"
"00"
"0."
"1."
".."
"e+-"
"+"
"-"
TOKENS
    } > "$DICT"
}

seed() {
    mkdir -p "$CORPUS" "$ARTIFACTS"
    # The working corpus keeps what earlier runs found; the seeds are (re)added each time.
    local f
    for f in inputs/2023/*.json inputs/json/2024/*.json; do
        [ -f "$f" ] && cp "$f" "$CORPUS/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
    done
    if [ -d Tests/Corpus ]; then
        find Tests/Corpus -type f ! -name '*.md' -print0 |
            while IFS= read -r -d '' f; do
                cp "$f" "$CORPUS/corpus-$(echo "${f#Tests/Corpus/}" | tr '/' '_')"
            done
    fi
}

run() {
    [ -x "$BIN" ] || build
    seed
    dictionary
    lsan
    echo "fuzz.sh: fuzzing for ${FUZZ_SECONDS}s; corpus $CORPUS ($(ls "$CORPUS" | wc -l) files), artifacts $ARTIFACTS/"
    local extra=()
    [ "$FUZZ_JOBS" -gt 1 ] && extra+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
    "$BIN" -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=5 -rss_limit_mb=4096 \
        -print_final_stats=1 -dict="$DICT" -artifact_prefix="$ARTIFACTS/" ${extra[@]+"${extra[@]}"} ${FUZZ_ARGS:-} "$CORPUS"
}

case "${1:-all}" in
    build) build ;;
    run)
        shift
        [ -x "$BIN" ] || build
        lsan
        # File arguments are relative to where the script was called from.
        args=()
        for a in "$@"; do
            if [[ $a != -* && $a != /* && -e $CALLER/$a ]]; then args+=("$CALLER/$a"); else args+=("$a"); fi
        done
        "$BIN" -timeout=5 -rss_limit_mb=4096 ${args[@]+"${args[@]}"} ;;
    all) build; run ;;
    *) echo "usage: $0 [build | run [libFuzzer args...]]" >&2; exit 2 ;;
esac
