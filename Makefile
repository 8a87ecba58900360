# Folio — see README.md. `make run` and `make test` do all the set-up.
GO      ?= go
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN     := bin/folio
ADDR    ?= 127.0.0.1:8080
DATA    ?= ./data
FUZZTIME ?= 2s
SHELL   := /bin/bash

.PHONY: build run test a11y-deps test-go test-postgres fuzz-short fuzz soak bench bench-cluster bench-edge bench-scale bench-mediawiki lint routes assets golden clean

## build: the folio binary in bin/ (pure Go, no cgo)
build:
	@echo "make: building $(BIN) (the first build downloads and compiles every dependency: a minute or two)"
	@set -o pipefail; CGO_ENABLED=0 $(GO) build -v -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/folio 2>&1 | scripts/progress

## run: serve a seeded wiki on $(ADDR) from the embedded store in $(DATA)
run: build
	@echo "make: starting the wiki on http://$(ADDR)/ with its data in $(DATA) (Ctrl-C stops it)"
	$(BIN) serve --addr $(ADDR) --data $(DATA)

## test: every test on both store backends (a throwaway PostgreSQL is started), then short fuzz runs
test: a11y-deps
	scripts/with-postgres $(MAKE) --no-print-directory test-go
	$(MAKE) --no-print-directory fuzz-short

# The two store backends' tests (the conformance suite, per backend) run
# verbose beside the other packages, once: their summary prints after.
# ./server, the longest package (five minutes under -race), is named first
# so that it starts first and the others run beside it.
# RACELESS_PKGS run without the race detector, after the backends: the
# Markdown renderer's own tests are single-goroutine computation (parsers
# over pathological and corpus-sized input) that -race slows tenfold (82 s
# of CPU against 9) and where it has nothing to find; the renderer runs
# concurrently, under -race, in pageinfo's, importer's and server's tests.
# Its highlighter (concurrent: highlight-ahead) keeps -race.
# RACELESS_CORPUS: under -race the skin's corpus tests take every 4th page
# (skin/race_on_test.go); here they take every page: the JavaScript data
# recipe and the views over the whole corpus (7 s).
# RACE: the race detector, without checkptr's pointer checks in modernc.org's
# packages (SQLite transpiled from C, its libc: pointer arithmetic on every
# row; a quarter of the CPU where tests write to SQLite). They keep their
# race instrumentation: compiled without it, their libc confused the
# detector, which then reported races inside sync.Map.
RACE = -race -gcflags='modernc.org/...=-d=checkptr=0'
STORE_PKGS = ./store/sqlite ./store/postgres
RACELESS_PKGS = ./pageinfo/markdown ./pageinfo/markdown/footnote ./pageinfo/markdown/transclude
RACELESS_CORPUS = -run '^(TestRecipeJS|TestViewMatchesRenderOnCorpus)$$' ./skin
test-go:
	@log=$$(mktemp); log2=$$(mktemp); \
	( $(GO) test $(RACE) -count=1 -v $(STORE_PKGS) >$$log 2>&1; echo $$? >$$log.rc; \
	  { $(GO) test -count=1 $(RACELESS_PKGS) && $(GO) test -count=1 $(RACELESS_CORPUS); } >$$log2 2>&1; echo $$? >$$log2.rc ) & \
	$(GO) test $(RACE) -count=1 ./server $$($(GO) list ./... | grep -v -e '/store/sqlite$$' -e '/store/postgres$$' -e '/folio/server$$' \
		-e '/pageinfo/markdown$$' -e '/pageinfo/markdown/footnote$$' -e '/pageinfo/markdown/transclude$$'); rc=$$?; \
	wait; echo "store backends (the conformance suite, per backend):"; \
	grep -E '^(--- |ok|FAIL|PASS)|SKIP|conformance' $$log; src=$$(cat $$log.rc); \
	if [ "$$src" != 0 ]; then cat $$log; fi; \
	echo "without the race detector (RACELESS_PKGS, RACELESS_CORPUS):"; cat $$log2; nrc=$$(cat $$log2.rc); \
	rm -f $$log $$log.rc $$log2 $$log2.rc; \
	[ "$$rc" = 0 ] && [ "$$src" = 0 ] && [ "$$nrc" = 0 ]

## a11y-deps: the tests' Node packages, when npm is there: axe-core for the accessibility test (server/a11y_test.go), pinned in tools/a11y; mwn and nodemw for the Action API's clients test (server/mwapi_node_test.go), pinned in tools/mwapi
a11y-deps:
	@if [ ! -f tools/a11y/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then \
		echo "make: installing axe-core (npm ci --prefix tools/a11y)"; npm ci --prefix tools/a11y --no-audit --no-fund; fi
	@if { [ ! -f tools/mwapi/node_modules/mwn/package.json ] || [ ! -f tools/mwapi/node_modules/nodemw/package.json ]; } && command -v npm >/dev/null 2>&1; then \
		echo "make: installing mwn and nodemw (npm ci --prefix tools/mwapi)"; npm ci --prefix tools/mwapi --no-audit --no-fund; fi

## fuzz-short: each fuzz target for $(FUZZTIME) (make test; `make fuzz` runs each for 2 minutes)
fuzz-short:
	@GO=$(GO) scripts/fuzz-each $(FUZZTIME)

## fuzz: each fuzz target for 2 minutes
fuzz:
	$(MAKE) fuzz-short FUZZTIME=2m

## soak: the long variants of the process-level reliability tests (internal/e2e), ~3 minutes
soak:
	FOLIO_SOAK=1 scripts/with-postgres $(GO) test -count=1 -timeout 30m -v ./internal/e2e/

## bench: the benchmark suite (BENCHMARKS.md): Go benchmarks, a profile, an end-to-end load run, cold start,
## memory; writes bench/results.json and prints a table (BENCHFLAGS, e.g. -rounds 5; go run ./bench -h)
bench:
	$(GO) run ./bench -go $(GO) $(BENCHFLAGS)

## bench-cluster: PostgreSQL (throwaway), 2 folio serve nodes and Varnish (/usr/sbin/varnishd) under a mixed load
## (95 % views, 5 % edits); throughput, latency, how fast an edit reaches every node and Varnish, and no stale page
## after; writes bench/cluster-results.json and prints a table (CLUSTERFLAGS, e.g. -nodes 2,3 -d 60s; go run ./bench/cluster -h)
bench-cluster:
	FOLIO_REQUIRE_POSTGRES=1 scripts/with-postgres $(GO) run ./bench/cluster -go $(GO) $(CLUSTERFLAGS)

## bench-edge: logged-in views at the edge (docs/cdn.md): folio serve --esi behind Varnish (/usr/sbin/varnishd)
## with folio cdn varnish --esi; requests/s, latency and CPU per view of anonymous and ESI views through Varnish
## and logged-in views straight to Folio; prints a table (EDGEFLAGS, e.g. -c 16 -rounds 5; go run ./bench/edge -h)
bench-edge:
	$(GO) run ./bench/edge -go $(GO) $(EDGEFLAGS)

## bench-scale: wikis of 10^4, 10^5 and 10^6 pages synthesized from the corpus, on SQLite and on a throwaway
## PostgreSQL: build rate, store size, RSS, cold start, views, search, lists, sitemap; writes bench/scale.json
## and prints a table. Built wikis stay in bench/out/scale (SQLite; PostgreSQL ones only with -pg DSN of a
## server that stays up). SCALEFLAGS, e.g. -scale 10000 -stores sqlite -cache-mb 128 (go run ./bench -h)
SCALEFLAGS ?= -scale 10000,100000,1000000 -stores sqlite,postgres
bench-scale:
	scripts/with-postgres $(GO) run ./bench -go $(GO) $(SCALEFLAGS)

## bench-mediawiki: the MediaWiki 1.39 anchor on this machine (root; the first run installs Debian packages)
MEDIAWIKI_ANCHOR ?= bench/mediawiki
bench-mediawiki:
	cd $(MEDIAWIKI_ANCHOR) && ./setup.sh && ./bench.sh

## lint: gofmt and go vet (chroma's lexers, copied in
## pageinfo/markdown/highlight/internal/lexers, keep chroma's unkeyed rules)
CHROMA_LEXERS = ./pageinfo/markdown/highlight/internal/lexers
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $$($(GO) list ./... | grep -v '/highlight/internal/lexers$$')
	$(GO) vet -composites=false $(CHROMA_LEXERS)

## routes: regenerate routes.json from the registry
routes:
	$(GO) run ./cmd/folio routes export > routes.json

## assets: precompress the skins' static files and editor.js (.br, .zst, .gz beside each, at the best level;
## committed and embedded; skin's TestPrecompressedFresh fails when one is stale)
assets:
	$(GO) run ./tools/precompress

## golden: regenerate golden files
golden:
	$(GO) test ./... -update

clean:
	rm -rf bin
