# nianbao — see README.md. `make run` and `make test` work on a fresh machine.
SWIFT ?= swift
YEAR ?= 2024
INPUTS ?= inputs
ARGS ?=

.PHONY: all deps build run test bench fuzz test-sanitize clean

all: build

# libxlsxwriter from Debian's packages, installed only when pkg-config cannot find it.
deps:
	@if ! pkg-config --exists xlsxwriter 2>/dev/null || [ ! -f /usr/include/xlsxwriter.h ]; then \
		echo "installing libxlsxwriter-dev (apt-get)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libxlsxwriter-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build -c release --product nianbao

# Roll up the bundled 平罗县 inputs into out/.
run: build
	.build/release/nianbao rollup $(INPUTS) --year $(YEAR) $(ARGS)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build out
