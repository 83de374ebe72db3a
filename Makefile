# nianbao — see README.md. `make run` and `make test` work on a fresh machine.
SWIFT ?= swift
YEAR ?= 2024
INPUTS ?= inputs
ARGS ?=

.PHONY: all deps build run test check-samples bench bench-cliffs fuzz test-sanitize libreoffice-check browser-check clean

all: build

# C libraries from Debian's packages, installed only when pkg-config cannot find them:
# libxlsxwriter (the workbook), libxml2 (HTML and Word reports), poppler-glib (PDF reports;
# poppler-data for the CJK character maps of PDFs without embedded fonts).
deps:
	@if ! pkg-config --exists xlsxwriter libxml-2.0 poppler-glib 2>/dev/null || [ ! -f /usr/include/xlsxwriter.h ] \
		|| [ ! -d /usr/share/poppler/cMap ]; then \
		echo "installing libxlsxwriter-dev libxml2-dev libpoppler-glib-dev poppler-data (apt-get)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libxlsxwriter-dev libxml2-dev \
			libpoppler-glib-dev poppler-data pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product nianbao

# Roll up the bundled 平罗县 inputs into out/.
run: build
	.build/release/nianbao rollup $(INPUTS) --year $(YEAR) $(ARGS)

# Every test in its own process (XCTest writes the xUnit file only in --parallel mode), the
# result in $(XUNIT) and each test's own output in $(TEST_LOG) (--verbose), which .ci/run reads
# through scripts/test_results.py for its "tests: N passed, N failed, N skipped" line.
XUNIT ?= .build/xunit.xml
TEST_LOG ?= .build/test.log
TEST_WORKERS ?= 2
test: deps
	@rm -f $(XUNIT) $(TEST_LOG) $(TEST_LOG).status
	$(SWIFT) build --build-tests
	@{ $(SWIFT) test --verbose --skip-build --disable-swift-testing --parallel --num-workers $(TEST_WORKERS) \
		--xunit-output $(XUNIT); echo $$? > $(TEST_LOG).status; } 2>&1 | tee $(TEST_LOG)
	@status=$$(cat $(TEST_LOG).status); rm -f $(TEST_LOG).status; exit $$status

# The bundled inputs are exactly what scripts/make_sample_inputs.py makes (CI runs this too).
check-samples:
	scripts/check_sample_inputs.sh

clean:
	rm -rf .build out

# libFuzzer over the report decoder, the rules, the rollup and summary.json (scripts/fuzz.sh).
# Seeds from inputs/2023, inputs/json/2024 and Tests/Corpus; corpus and crashes in .build-fuzz/.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

# The test suite under AddressSanitizer, then ThreadSanitizer (the parallel loader), each in
# its own scratch folder; both always run, the target fails if either does. Leak detection is
# off under ASan: LeakSanitizer cannot see Swift's indirect-enum boxes (JSONValue, the static
# ReportDecoder.sectionShapes: the case sits in the pointer's spare bits), so every process
# "leaks" at exit, and the report on stderr breaks the tests that read nianbao's stderr.
# scripts/fuzz.sh keeps leak detection on, with that one false positive suppressed.
# First CDeflate's block deflate alone (scripts/block_deflate_check.c) under ASan and TSan.
# Under TSan the tests that run nianbao with `ulimit -f` (≤ 200 KB) are skipped: the TSan
# runtime itself dies of SIGBUS under so small a file-size limit, before nianbao writes a byte.
TSAN_SKIP ?= --skip 'FaultTests.testDiskFullAtEverySize|FaultTests.testFileSizeLimit'
test-sanitize: deps
	status=0; \
	for san in address thread; do \
		cc -O1 -g -fsanitize=$$san -rdynamic -ISources/CDeflate/include scripts/block_deflate_check.c \
			Sources/CDeflate/deflate_interpose.c -o .build/block_deflate_check-$$san -lz -ldl -lpthread \
			&& .build/block_deflate_check-$$san 40 || status=1; \
	done; \
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --scratch-path .build-san-address --sanitize=address || status=1; \
	$(SWIFT) test --scratch-path .build-san-thread --sanitize=thread $(TSAN_SKIP) || status=1; \
	exit $$status

# nianbao against the pandas peer on synthetic 1k/10k/40k-township trees of realistic reports,
# and a 10k tree of complete reports as a second table (scripts/bench.sh, docs/performance.md).
# BENCH_SIZES="1000 10000" make bench for a quick check; BENCH_RUNS repeats; BENCH_COMPLETE sizes.
bench: deps
	scripts/bench.sh

# nianbao on pathological trees (unknown keys, duplicates, off-roster reports, a 50,000-row roster,
# every file rejected, 40 near-identical 3.9 MB narratives, one shared 3,000-character template)
# next to a normal tree, and over a normal tree scaled to their size (scripts/bench_cliffs.sh).
# CLIFF_SIZE, CLIFF_RUNS, CLIFF_ONLY; CLIFF_PEER=1 times the pandas peer once on each tree too.
bench-cliffs: deps
	scripts/bench_cliffs.sh

# Every workbook the tests write (hostile inputs, faults, commands, end to end, generator), kept
# through NIANBAO_KEEP_WORKBOOKS and opened by LibreOffice: each well-formed, re-saved as .xlsx
# with the same sheets and cells, printed to PDF (scripts/libreoffice_check.sh). Installs
# LibreOffice Calc when missing; not part of `make test`, so CI needs no LibreOffice.
# LO_SCRATCH is the swift build --scratch-path.
LO_SCRATCH ?= .build
libreoffice-check: deps
	LO_SCRATCH=$(LO_SCRATCH) scripts/libreoffice_check.sh

# The supervisors' page in a real browser (scripts/browser_check.sh): the bundled county rolled
# up twice (a report added, the as-of moved) and a hostile-names copy, rendered by headless
# chromium at 1280 and 390 px to PNG, the DOM dumped and checked (every township's status, the
# call list, the changes; no injected element). Installs chromium when missing; not part of
# `make test`, so CI needs no browser. PNGs in $(BC_SCRATCH)/browser-check.
BC_SCRATCH ?= .build
browser-check: deps
	BC_SCRATCH=$(BC_SCRATCH) SWIFT=$(SWIFT) scripts/browser_check.sh
