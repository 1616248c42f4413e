# Diplograph — the two commands of the README, plus what they need.
#   make demo   build, check Data/, print the seed meeting's timeline, draw Output/
#   make test   build and run every test
# Both install Graphviz's C library first when pkg-config cannot find libgvc.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/diplograph

.PHONY: deps build demo test clean

deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
		echo "libgvc not found: installing libgraphviz-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgraphviz-dev pkg-config; \
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
	$(BIN) render --at 2023-06-27 --window 90d -o Output/caucasus-2023-06-27.svg
	$(BIN) render --at 2023-06-27 --window 90d --focus ararat-mirzoyan --depth 1 -o Output/mirzoyan-2023-06-27.svg
	$(BIN) diff 2023-01-01 2024-01-01 --window 365d -o Output/diff-2023.svg > Output/diff-2023.txt
	@cat Output/diff-2023.txt

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
