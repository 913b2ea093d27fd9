# Docket's build. `make run` builds and serves; `make test` runs every test,
# installing what the browser tests need on a fresh Debian machine.

GO       ?= go
ADDR     ?= localhost:8080
DB       ?= $(or $(DATABASE_URL),sqlite:docket-data/docket.db)
GOFILES  := $(shell find app internal server web -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum
WEBFILES := $(shell find web -type f -not -name 'app.wasm*' -not -name 'studio.wasm*' -not -name '*.go' 2>/dev/null)
# The Studio's program (app/studio): served only to signed-in editors, from
# web/studio/, and never part of the reader's app.wasm.
STUDIOWASM := web/studio/studio.wasm
WASMTEST := ./internal/answers/... ./internal/components/... ./internal/casefile/... ./internal/quiz/... ./internal/timeline/... ./internal/studio/...
# The go command in the bench tools' own module.
TOOLS    := $(GO) -C internal/tools/bench

# Browser tests run in Debian's Chromium, or the one CHROME_PATH names.
CHROME_PATH ?= $(shell command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || command -v google-chrome 2>/dev/null)
export CHROME_PATH

.PHONY: all build run test vet generate check-generated wasm browser postgresql clean icons share-image bench

all: build

## build: bin/docket, one binary with every asset embedded.
build: bin/docket

bin/docket: $(GOFILES) $(WEBFILES) web/app.wasm web/app.wasm.br web/app.wasm.gz $(STUDIOWASM) $(STUDIOWASM).br $(STUDIOWASM).gz
	$(GO) build -trimpath -o $@ ./server

## wasm: the browser programs, the reader's and the Studio's, with brotli
## and gzip copies beside each.
wasm: web/app.wasm.br $(STUDIOWASM).br

# The reader's wasm is built without inlining in crypto and math/big, which
# go-app's net/http links but the browser never runs: about 30 KB less brotli,
# which keeps it within 1.15x the go-app hello world's. (Docket's own
# packages are left alone: their code runs at start.)
READERGCFLAGS := -gcflags=crypto/...=-l -gcflags=math/big=-l
web/app.wasm: $(GOFILES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(READERGCFLAGS) -ldflags="-s -w" -o $@ ./app

web/app.wasm.br web/app.wasm.gz &: web/app.wasm
	$(GO) run ./internal/tools/precompress web/app.wasm

$(STUDIOWASM): $(GOFILES)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" -o $@ ./app/studio

$(STUDIOWASM).br $(STUDIOWASM).gz &: $(STUDIOWASM)
	$(GO) run ./internal/tools/precompress $(STUDIOWASM)

## run: build and serve the default case at http://$(ADDR)/, with the
## database at $(DB) (made at the first run, which prints the link that
## creates the first editor account).
run: build
	bin/docket serve -addr $(ADDR) -db $(DB)

## generate: templ's Go files from the .templ sources.
generate:
	$(GO) tool templ generate -path internal

## check-generated: fail when the committed *_templ.go files are stale.
check-generated:
	@$(GO) tool templ generate -path internal >/dev/null
	@if ! git diff --quiet -- '*_templ.go' || [ -n "$$(git ls-files --others --exclude-standard -- '*_templ.go')" ]; then \
		echo "templ's generated files are stale: run 'make generate' and commit them"; git status --short -- '*_templ.go'; exit 1; fi

## browser: Chromium for the browser tests, and wasmbrowsertest as the
## runner of `GOOS=js GOARCH=wasm go test`.
browser: bin/go_js_wasm_exec bin/browser/chromium bin/npm/node_modules/axe-core/axe.min.js

# npm, from Debian's packages when this runs as root.
NEED_NPM = @command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } \
		|| { echo "The browser tests and the bench need npm: run 'sudo apt-get install npm'"; exit 1; }
NPM_INSTALL = npm install --silent --no-audit --no-fund --save-exact --prefix bin/npm

# axe-core, injected by the browser tests to check accessibility, and the
# pym.js parent library, to test embeds against the real thing.
bin/npm/node_modules/axe-core/axe.min.js:
	$(NEED_NPM)
	$(NPM_INSTALL) axe-core@4.14.1 pym.js@1.3.2

bin/go_js_wasm_exec:
	GOBIN=$(CURDIR)/bin $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0
	mv bin/wasmbrowsertest $@

# A wrapper named chromium, first on PATH for wasmbrowsertest: it runs the
# browser CHROME_PATH names, without the sandbox that root cannot use.
bin/browser/chromium:
	@if [ -z "$(CHROME_PATH)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null || exit 1; \
		else \
			echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (Debian) or set CHROME_PATH"; exit 1; \
		fi; \
	fi
	@mkdir -p bin/browser
	@chrome="$(CHROME_PATH)"; [ -n "$$chrome" ] || chrome=$$(command -v chromium); \
		printf '#!/bin/sh\nexec "%s" --no-sandbox --disable-gpu --disable-dev-shm-usage "$$@"\n' "$$chrome" > $@
	@chmod +x $@

## postgresql: PostgreSQL's programs for the database tests, which start
## their own server in a temporary folder (no system service is started,
## and the package is told to make no cluster of its own).
postgresql: bin/.postgresql

bin/.postgresql:
	@if [ -z "$$PG_BIN" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's postgresql for the database tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-common >/dev/null && \
			sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || exit 1; \
		else \
			echo "The database tests need PostgreSQL: run 'sudo apt-get install postgresql' (Debian), or set PG_BIN to the folder of initdb and postgres"; exit 1; \
		fi; \
	fi
	@mkdir -p bin && touch $@

## vet: go vet for the server and the browser program.
vet:
	@unformatted=$$(gofmt -l app server internal web); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(TOOLS) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/... $(WASMTEST)

## test: every test: generated files, vet, Go tests (with the browser
## end-to-end tests and the database tests on SQLite and PostgreSQL), and
## the wasm tests in headless Chromium. The browser tests run as two
## processes beside the other packages': go-app's handler keeps a site's
## base path and version in the process's environment, so the tests whose
## sites differ cannot share a process at once (browsertest.Parallel), but
## two processes can.
BROWSERENV := PATH="$(CURDIR)/bin/browser:$$PATH" CHROME_PATH="$(CURDIR)/bin/browser/chromium"
# GOTESTFLAGS go to every go test of the test target: .ci/run sets -v, so
# that each test's PASS or SKIP is in its log.
GOTESTFLAGS ?=
E2E_FIRST := ^Test(Quiz|Studio|Corrections|ScoreCompared|OtherReaders)
test: check-generated vet build browser postgresql
	@echo "go test: the other packages, and the browser tests in two processes beside them"; \
	$(BROWSERENV) $(GO) test -count=1 $(GOTESTFLAGS) -timeout 30m $$($(GO) list ./... | grep -v '/internal/e2e$$') & others=$$!; \
	$(BROWSERENV) $(GO) test -count=1 $(GOTESTFLAGS) -timeout 30m -run '$(E2E_FIRST)' ./internal/e2e & first=$$!; \
	$(BROWSERENV) $(GO) test -count=1 $(GOTESTFLAGS) -timeout 30m -skip '$(E2E_FIRST)' ./internal/e2e; rest=$$?; \
	wait $$others; o=$$?; wait $$first; f=$$?; \
	if [ $$o -ne 0 ] || [ $$f -ne 0 ] || [ $$rest -ne 0 ]; then echo "make test: Go tests failed (other packages: $$o, e2e quiz and Studio: $$f, other e2e: $$rest)"; exit 1; fi
	$(TOOLS) test -count=1 $(GOTESTFLAGS) ./...
	PATH="$(CURDIR)/bin/browser:$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 $(GOTESTFLAGS) -exec="$(CURDIR)/bin/go_js_wasm_exec" $(WASMTEST)

## icons: redraw the PNG icons in web/icons.
icons:
	$(GO) run ./internal/tools/mkicons web/icons

## share-image: redraw web/share.png, the Open Graph image (needs Chromium).
share-image:
	$(GO) run ./internal/tools/mkshare web/share.png

## bench: the speed and size figures, checked by benchmarks, not tests
## (10 to 13 minutes on a 2-core machine, 13 on 2026-12-07's slow one; the bench tools
## are their own module, internal/tools/bench):
##   - the timeline: first paint, takeover and one key step for the default
##     case and generated cases of 1,000 and 10,000 events, $(BENCH_COUNT) runs,
##     summed up by benchstat (bin/bench/timeline.txt);
##   - Lighthouse 12 on Docket's case page and embed page beside TimelineJS,
##     a go-app hello world and a static page, INP from a scripted tap, warm
##     loads; issue #17's targets met or missed (bin/bench/pageload.json and
##     .md, the reports in bin/bench/lighthouse; the table also goes into the
##     README);
##   - bin/docket under load with vegeta, then a soak, then 256 readers of a
##     case's page while an editor publishes it every second: no error, no
##     page of a half-published case, flat memory (bin/bench/load.json).
##   - readers' answers: $(ANSWERS_DURATION) of 256 clients sending answers on
##     SQLite, then on PostgreSQL, with the case page's rate beside it
##     (bin/bench/answers.json; ANSWERS_DURATION=60s for the issue's figure).
BENCH_COUNT ?= 3
ANSWERS_DURATION ?= 30s
bench: build browser bin/npm/node_modules/lighthouse/package.json
	@mkdir -p bin/bench
	PATH="$(CURDIR)/bin/browser:$$PATH" CHROME_PATH="$(CURDIR)/bin/browser/chromium" $(GO) test -run=NONE -bench=Timeline -benchtime=1x -count=$(BENCH_COUNT) ./internal/e2e > bin/bench/timeline.txt || { cat bin/bench/timeline.txt; exit 1; }
	$(TOOLS) tool benchstat $(CURDIR)/bin/bench/timeline.txt
	CHROME_PATH="$(CURDIR)/bin/browser/chromium" $(TOOLS) run ./pageload -root $(CURDIR) -readme README.md
	$(TOOLS) run ./loadtest -root $(CURDIR)
	$(TOOLS) run ./answerload -root $(CURDIR) -duration $(ANSWERS_DURATION)

# Lighthouse, for the page audits, and TimelineJS, the page Docket is
# compared with.
bin/npm/node_modules/lighthouse/package.json:
	$(NEED_NPM)
	$(NPM_INSTALL) lighthouse@12.8.2 @knight-lab/timelinejs@3.9.11

clean:
	rm -rf bin web/app.wasm web/app.wasm.br web/app.wasm.gz $(STUDIOWASM) $(STUDIOWASM).br $(STUDIOWASM).gz
