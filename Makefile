# Diplograph — the two commands of the README, plus what they need.
#   make demo   build, check Data/, print the seed meeting's timeline, draw Output/
#               (snapshot, ego network, diff, timeline diagram)
#   make test   build everything (the examples too), check the documentation
#               (make docs), and run every test (installs networkx and xmllint for
#               the export checks, Chromium, chromedriver, Selenium and schemathesis
#               for the explorer's checks, when missing)
#   make docs   DocC archives of the five library modules, warnings as errors, after
#               checking that every public declaration is documented
# Both install Graphviz's C library first when pkg-config cannot find libgvc, and the
# DejaVu Sans font that every drawing names when fontconfig cannot find it.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/diplograph

.PHONY: deps test-deps browser-deps pg-deps build demo test docs clean

deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "libgvc not found: installing libgraphviz-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev pkg-config; \
	fi
	@if ! fc-list "DejaVu Sans" 2>/dev/null | grep -q .; then \
		echo "DejaVu Sans not found: installing fonts-dejavu-core with apt-get (the one font every drawing names)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core fontconfig; \
	fi
	@if ! pkg-config --exists zlib 2>/dev/null; then \
		echo "zlib headers not found: installing zlib1g-dev with apt-get (sync gdelt unzips GDELT's files)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zlib1g-dev; \
	fi
	@if ! pkg-config --exists sqlite3 2>/dev/null; then \
		echo "SQLite headers not found: installing libsqlite3-dev with apt-get (the store)"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsqlite3-dev; \
	fi

build: deps
	$(SWIFT) build

demo: build
	$(BIN) validate
	@echo
	@echo "== The seed meeting (2023-06-27) and the talks around it"
	$(BIN) timeline --actor ararat-mirzoyan --from 2023-06-27 --to 2023-06-29
	@echo
	@echo "== Who was US Secretary of State: the diff across the handover"
	$(BIN) diff 2025-01-20 2025-02-01
	@echo
	@echo "== Diagrams"
	Scripts/draw-demo.sh $(BIN) Output
	@cat Output/diff-2023.txt
	@echo
	@echo "== Armenia and Azerbaijan, year by year (their office holders' events count as theirs)"
	$(BIN) trend --pair armenia,azerbaijan --every 1y --from 2020
	@echo
	@echo "== When the foreign ministers met"
	$(BIN) contacts --pair ararat-mirzoyan,jeyhun-bayramov --kind meeting
	@echo
	@echo "== The explorer: Output/explorer.html to publish (drawn above), the served page in Chromium"
	$(MAKE) --no-print-directory browser-deps
	Scripts/explorer-screenshot.sh $(BIN) Output/explorer.png
	@echo "Explore it yourself: $(BIN) serve   (then open the address it prints)"

# The export tests check files with their real consumers: networkx reads GEXF,
# GraphML and graph JSON; xmllint validates GEXF against the GEXF 1.3 schema.
test-deps:
	@if ! python3 -c "import networkx" 2>/dev/null; then \
		echo "networkx not found: installing it with pip (export tests read GEXF/GraphML with it)"; \
		python3 -m pip install --quiet networkx || python3 -m pip install --quiet --break-system-packages networkx; \
	fi
	@if ! command -v xmllint >/dev/null 2>&1; then \
		echo "xmllint not found: installing libxml2-utils (the GEXF schema test uses it)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils; \
	fi
	@if ! command -v schemathesis >/dev/null 2>&1; then \
		echo "schemathesis not found: installing it with pip (the API is checked against its OpenAPI document)"; \
		python3 -m pip install --quiet schemathesis || python3 -m pip install --quiet --break-system-packages schemathesis; \
	fi

# The explorer's browser tests drive Debian's Chromium with Selenium; schemathesis
# checks the API against its OpenAPI document.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		echo "chromium or chromedriver not found: installing chromium and chromium-driver with apt-get (browser tests)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi
	@if ! python3 -c "import selenium" 2>/dev/null; then \
		echo "selenium not found: installing it with pip (browser tests)"; \
		python3 -m pip install --quiet selenium || python3 -m pip install --quiet --break-system-packages selenium; \
	fi

# The PostgreSQL store's tests start throw-away servers of their own (Scripts/pg-server.sh:
# initdb in a temporary folder, a loopback port, run as Debian's `postgres` user when
# root); psql makes their databases.
pg-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then \
		echo "PostgreSQL not found: installing postgresql with apt-get (the PostgreSQL store's tests start servers of their own)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client; \
	fi

# Servers a crashed test left running are stopped whatever the outcome.
test: deps test-deps browser-deps pg-deps docs
	$(SWIFT) build
	$(SWIFT) test; status=$$?; Scripts/pg-server.sh stop-all; exit $$status

LIBRARY_MODULES := DiplographCore DiplographFormats DiplographDOT DiplographGraphviz DiplographSQLite DiplographPostgres
docs: deps
	python3 Scripts/public-api.py --check
	$(SWIFT) package generate-documentation --warnings-as-errors $(foreach module,$(LIBRARY_MODULES),--target $(module))

clean:
	rm -rf .build

# Benchmarks (release build): Diplograph and the baselines (pandas, DuckDB, Raphtory,
# networkx; installed with pip when missing) on the same generated GDELT-shaped file.
# `make bench ROWS=10000000` for the 10 M-row run.
ROWS ?= 1000000
.PHONY: bench
bench: deps
	$(SWIFT) build -c release --product diplograph-bench
	$(SWIFT) build -c release --product diplograph
	python3 Benchmarks/bench.py --rows $(ROWS)
	$(MAKE) --no-print-directory bench-serve ROWS=$(ROWS)

# `diplograph serve` alone: wrk over loopback on the 1 M-row file (made when missing),
# /healthz under drawings, memory over 20,000 drawings, the exported page's size.
.PHONY: bench-serve
bench-serve: deps
	@command -v wrk >/dev/null 2>&1 || { echo "wrk not found: installing it with apt-get (the server's load test)"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(SWIFT) build -c release --product diplograph-bench
	$(SWIFT) build -c release --product diplograph
	@test -f .build-bench/gdelt-$(ROWS).export.CSV || .build/release/diplograph-bench generate --rows $(ROWS) --output .build-bench/gdelt-$(ROWS).export.CSV
	python3 Benchmarks/serve_bench.py --rows $(ROWS)

# The SQLite store alone: the 1 M-row file into a new store with its anchors, then
# SCALE rows (default 10 M) ingested as 100 files and the questions asked of that store.
SCALE ?= 10000000
.PHONY: bench-store
bench-store: deps
	$(SWIFT) build -c release --product diplograph-bench
	$(SWIFT) build -c release --product diplograph
	python3 Benchmarks/store_bench.py --rows 1000000 --scale $(SCALE)

# The PostgreSQL store alone: a throw-away server (Scripts/pg-server.sh), the 1 M-row
# file ingested beside `psql \copy` of it, its questions beside the SQLite store's, 16
# readers during an ingest.
.PHONY: bench-postgres
bench-postgres: deps pg-deps
	$(SWIFT) build -c release --product diplograph-bench
	$(SWIFT) build -c release --product diplograph
	python3 Benchmarks/postgres_bench.py --rows 1000000

# `sync gdelt` alone: a day of GDELT files from a loopback mirror into a copy of the
# 1 M-row store that `make bench` made (made here when missing).
.PHONY: bench-sync
bench-sync: deps
	$(SWIFT) build -c release --product diplograph-bench
	$(SWIFT) build -c release --product diplograph
	@test -f .build-bench/store-1000000.sqlite || { \
		test -f .build-bench/gdelt-1000000.export.CSV || .build/release/diplograph-bench generate --rows 1000000 --output .build-bench/gdelt-1000000.export.CSV; \
		.build/release/diplograph ingest .build-bench/gdelt-1000000.export.CSV --store .build-bench/store-1000000.sqlite; }
	python3 Benchmarks/sync_bench.py

# The in-memory figures of this tree against another build of diplograph-bench (e.g.
# one built from an earlier commit in a worktree), alternating in one run:
#   make bench-compare BEFORE=../before/.build/release/diplograph-bench
.PHONY: bench-compare
bench-compare: deps
	$(SWIFT) build -c release --product diplograph-bench
	@test -f .build-bench/gdelt-1000000.export.CSV || .build/release/diplograph-bench generate --rows 1000000 --output .build-bench/gdelt-1000000.export.CSV
	python3 Benchmarks/compare.py $(BEFORE) .build/release/diplograph-bench --rounds $(or $(ROUNDS),5)

# Memory and thread checks, outside CI (each is a separate build): AddressSanitizer
# with leak reports off (the ones left are inside libgvc and fontconfig, still to be
# classified), then ThreadSanitizer over every test, concurrent renders included.
.PHONY: sanitize
sanitize: deps test-deps
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# libFuzzer (with AddressSanitizer) over the date parser, the native YAML and JSON-lines
# loaders, the GDELT, ICEWS and CSV importers and the label escapers, each for
# FUZZ_SECONDS from the seed corpus in Fuzz/corpus/. Dead-stripping is off: it would
# drop the coverage counters libFuzzer steers by.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= date native json-lines gdelt icews csv label
.PHONY: fuzz
fuzz: deps
	$(SWIFT) build -c release --product diplograph-fuzz --sanitize=fuzzer --sanitize=address --disable-dead-strip \
		-Xswiftc -DDIPLOGRAPH_LIBFUZZER --scratch-path .build-fuzz
	Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Valgrind memcheck of 200 renders in one process (three engines, SVG and PNG). The
# build uses DWARF 4, which this valgrind reads; Tests/valgrind/graphviz.supp lists,
# each explained, the allocations Graphviz itself never frees. Fails on any other
# "definitely lost" byte.
VALGRIND_RENDERS ?= 200
.PHONY: valgrind
valgrind: deps
	@command -v valgrind >/dev/null || { echo "installing valgrind"; $(SUDO) apt-get install -y -qq valgrind; }
	$(SWIFT) build -c release --product diplograph-bench -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 --scratch-path .build-valgrind
	valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --error-exitcode=3 \
		--num-callers=40 --suppressions=Tests/valgrind/graphviz.supp --log-file=.build-valgrind/memcheck.log \
		.build-valgrind/release/diplograph-bench render-loop --count $(VALGRIND_RENDERS); \
	status=$$?; grep -E "definitely lost|indirectly lost|ERROR SUMMARY|suppressed:" .build-valgrind/memcheck.log; \
	echo "full report: .build-valgrind/memcheck.log"; exit $$status
