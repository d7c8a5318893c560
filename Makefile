# Python Concurrency, Hands-On: the course site and its WebAssembly demos. `make help` lists the
# targets. Each is a line or two; a longer recipe is a script in site/tools/ (or the theme's tools).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve
# Prerequisites written $$(…) are expanded only when make considers the target, so that listing
# every source file costs nothing on `make help` or `make clean`.
.SECONDEXPANSION:

# Debian's emcc loads acorn from Debian's Node modules, whichever Node is first on PATH.
export NODE_PATH := /usr/share/nodejs

# What an author may set on the command line: how many compiles at once (make wasm JOBS=1), the
# port of `make serve` (PORT=1414), one demo's tests only (make native-test DEMO=word_count), the
# site's address (make build URL=https://course.example.org/), and the Python of python-test.
JOBS := $(shell nproc 2>/dev/null || echo 2)
PORT := 1313
# Debian's python3, which has the lessons' libraries (requests, aiohttp); a python3 earlier on
# PATH (pyenv, a venv) may lack them. Elsewhere: make python-test PYTHON=python3
PYTHON := /usr/bin/python3
NATIVE_BUILD := build/native
TSAN_BUILD := build/tsan
WASM_BUILD := build/wasm
DOWNLOADS := build/downloads
PYODIDE_BUILD := build/pyodide
SEARCH_INDEX := build/pagefind
HUGO := hugo --source site
# Every file under the folders given, for prerequisites (with $$, see above).
files_under = $(shell find $(1) -type f)
# A Hugo build of the site's own (search, print), whose report shows only if it fails. Not --quiet:
# Hugo 0.111 writes an author's mistake, with its file and line, to standard output, which --quiet
# drops, leaving "logged 1 error(s)".
hugo_quietly = mkdir -p build && $(HUGO) $(1) > build/hugo-$(2).log 2>&1 || { cat build/hugo-$(2).log; \
  echo "The site did not build: Hugo's ERROR lines above say where and why." >&2; exit 1; }

.PHONY: help serve test check build bench clean deps system-packages wasm native-build native-test tsan-build tsan-test \
	js-test build-test python-test python-compile site downloads search-index python-runtime link-check html-check \
	browser-test pages-test incremental-test format format-check netlify lesson demo

help: ## this list
	@awk -F':.*## ' '/^[a-z-]+:.*## / { printf "  make %-17s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# The slides PDF prints in the background (a minute when the slides changed, nothing otherwise):
# the lessons link it once it is there, as `hugo server` sees it appear.
serve: deps wasm python-runtime $(DOWNLOADS)/sample-code.zip search-index ## install what is missing, build, serve on http://localhost:1313 with reload
	@mkdir -p build && echo "The slides PDF is printed in the background: build/slides-pdf.log"
	$(MAKE) --no-print-directory $(DOWNLOADS)/course-slides.pdf > build/slides-pdf.log 2>&1 & $(HUGO) server --port $(PORT) --disableFastRender

# First what compiles (the two native builds and the site, side by side: each alone keeps about one
# core busy), then the tests one after another, as the timed ones need the machine to themselves.
test: deps ## everything a change must pass
	$(MAKE) --no-print-directory --jobs=3 --output-sync=target native-build tsan-build build
	$(MAKE) --no-print-directory native-test tsan-test python-test js-test build-test link-check html-check browser-test incremental-test

check: deps format-check native-test js-test python-compile build build-test html-check pages-test ## the quick tier, after each change: unit tests, the build, every page once in Chromium

build: deps wasm downloads site ## the production site in public/ (URL=… sets its address)

lesson: ## a new lesson from the theme's archetype: make lesson NAME=thread-pools
	site/tools/new-lesson.sh "$(NAME)"

demo: ## a new demo from wasm/templates/demo/: make demo NAME=word_count
	site/tools/new-demo.sh "$(NAME)"

deps: system-packages node_modules/.package-lock.json ## install the Debian and npm packages that are missing

system-packages:
	site/tools/system-packages.sh

# The lock file pins third-party-web (package.json "overrides": lighthouse's trace engine asks for
# "latest", which would break `npm ci` whenever a new one is published) and lists pagefind's
# binaries for other systems as the optional platform packages they are.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

wasm: system-packages ## the demos as WebAssembly, in build/wasm/site/<id>/ (only what changed)
	@test -f $(WASM_BUILD)/CMakeCache.txt || emcmake cmake -S wasm -B $(WASM_BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(WASM_BUILD) --parallel $(JOBS)

native-build: system-packages
	@test -f $(NATIVE_BUILD)/CMakeCache.txt || cmake -S wasm -B $(NATIVE_BUILD) -DCMAKE_BUILD_TYPE=Release
	@test -z "$(DEMO)" || ls wasm/demos/$(DEMO)/*_test.cc > /dev/null 2>&1 || { echo "DEMO=$(DEMO): wasm/demos/$(DEMO)/ has no <id>_test.cc to run"; exit 1; }
	cmake --build $(NATIVE_BUILD) --parallel $(JOBS) $(if $(DEMO),--target $(DEMO)_test)

# One test at a time (ctest's default): some compare threads with sequential code and need both cores.
native-test: native-build ## the C++ built natively, with its GoogleTest tests (DEMO=<id>: one demo's)
	ctest --test-dir $(NATIVE_BUILD) --output-on-failure $(if $(DEMO),--no-tests=error -R '^$(DEMO)\.')

tsan-build: system-packages
	@test -f $(TSAN_BUILD)/CMakeCache.txt || cmake -S wasm -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAB_SANITIZE=thread
	cmake --build $(TSAN_BUILD) --parallel $(JOBS)

tsan-test: tsan-build ## the same tests under ThreadSanitizer: no data race in the runtime's threads
	TSAN_OPTIONS=halt_on_error=1 ctest --test-dir $(TSAN_BUILD) --output-on-failure

# Downloads are served by the course's page server on 127.0.0.1 (site/python/page_server.py):
# nothing leaves the machine. Those that need only the standard library run again on each
# CPython 3.8-3.14 that pyenv has (~/.pyenv/versions), each version a test, skipped where absent.
# Three processes at once (tests/python/run.py): the tests mostly wait on the programs they start.
python-test: system-packages ## every lesson's Python program run, every exercise's start and solution checked
	$(PYTHON) tests/python/run.py

# The C++ by .clang-format (Debian's clang-format), the JavaScript by .prettierrc.json (npm's Prettier).
format: deps ## format the C++ and the JavaScript in place
	clang-format -i $$(git ls-files 'wasm/*.cc' 'wasm/*.h')
	node_modules/.bin/prettier --write --log-level warn .

format-check: deps ## the C++ and the JavaScript as the formatters write them
	clang-format --dry-run --Werror $$(git ls-files 'wasm/*.cc' 'wasm/*.h')
	node_modules/.bin/prettier --check --log-level warn .

python-compile: ## every Python file of the course compiles
	PYTHONPYCACHEPREFIX=build/pycache $(PYTHON) -m compileall -q content site tests/python tests/bench themes/course/assets/python > /dev/null

# '@params' (js.Build's) is made from the lab's declarations by tests/unit/params-hook.mjs.
js-test: node_modules/.package-lock.json ## the page scripts' logic that needs no browser (node --test)
	node --import ./tests/unit/register.mjs --test tests/unit/ themes/course/assets/js/

# Hugo builds of a scratch copy of the course with an author's mistakes, and checks of the built
# site that need no browser (node --test).
build-test: build ## an author's mistakes stop the build with file and line; the build's files and headers
	node --test --test-concurrency=2 tests/build/

site: wasm python-runtime downloads search-index ## Hugo's build of public/ from what the others made
	$(HUGO) --minify --cleanDestinationDir $(if $(URL),--baseURL "$(URL)")

# What site/hugo.toml mounts of Pyodide that the build makes: its standard library, recompressed.
python-runtime: $(PYODIDE_BUILD)/python_stdlib.zip

$(PYODIDE_BUILD)/python_stdlib.zip: node_modules/.package-lock.json themes/course/tools/recompress-zip.sh
	themes/course/tools/recompress-zip.sh node_modules/pyodide/python_stdlib.zip $@

# The Hugo builds of the search index and of the slides PDF need every demo's browser build, as
# `make site` does (order-only: wasm is checked, not a reason to build them again).
# Made from a build of its own (site/config/search/hugo.toml adds each lesson's transcript as
# data), not from public/, so that `make serve` has it too; under `make serve`, run it again to
# search text edited since. site/hugo.toml mounts it at /pagefind/.
search-index: $(SEARCH_INDEX)/pagefind-entry.json ## Pagefind's index of the lessons, in build/pagefind

$(SEARCH_INDEX)/pagefind-entry.json: $$(call files_under,content site themes wasm/demos) node_modules/.package-lock.json | wasm $(PYODIDE_BUILD)/python_stdlib.zip
	$(call hugo_quietly,--environment search --destination ../build/search-site --cleanDestinationDir,search)
	node themes/course/tools/search-index.mjs build/search-site $(SEARCH_INDEX)

downloads: $(DOWNLOADS)/sample-code.zip $(DOWNLOADS)/course-slides.pdf ## the sample code (.zip) and the slides (.pdf) every lesson links

$(DOWNLOADS)/sample-code.zip: $$(call files_under,wasm site/python site/tools) $$(wildcard content/lessons/*/*.py content/lessons/*/exercises.toml content/lessons/*/exercises/*.py) site/data/outline.toml node_modules/.package-lock.json
	site/tools/sample-code.sh $@ build/sample-code $(PYTHON)

# Printed again only when what it shows changes: the slides and their figures, the outline and the
# site's config, the print view's templates and styles; a transcript or the site's CSS does not.
SLIDES_PDF_SOURCES = $(wildcard content/lessons/*/slides.md content/lessons/*/*.svg content/lessons/*/*.png) \
	site/hugo.toml site/data/outline.toml themes/course/tools/print-slides.mjs themes/course/assets/css/print.css \
	$(wildcard themes/course/layouts/index.print.html themes/course/layouts/partials/player/print-*.html \
	  themes/course/layouts/partials/player/slides.html themes/course/layouts/partials/course/lessons.html \
	  themes/course/layouts/partials/course/outline.html themes/course/layouts/_default/_markup/*.html)
$(DOWNLOADS)/course-slides.pdf: $$(SLIDES_PDF_SOURCES) node_modules/.package-lock.json | wasm $(PYODIDE_BUILD)/python_stdlib.zip
	mkdir -p $(DOWNLOADS) && $(call hugo_quietly,--destination ../build/print-site --cleanDestinationDir,print)
	node themes/course/tools/print-slides.mjs build/print-site print.html $@

link-check: build ## no broken link or #anchor on any page of public/ (tests/link-check.mjs)
	node tests/link-check.mjs

html-check: build ## every page of public/, as it ships, valid HTML (.htmlvalidate.mjs)
	node_modules/.bin/html-validate public

browser-test: deps build ## the Playwright tests, in Chromium: two at a time, then the timed ones alone
	together=0; npx playwright test --project=together || together=$$?; \
	  TEST_TIMES_APPEND=1 npx playwright test --project=alone && exit $$together

pages-test: deps build ## every page once in Chromium: no console error, nothing from another host
	npx playwright test tests/e2e/pages.spec.js

incremental-test: build ## editing one demo rebuilds that demo only; editing content, nothing in wasm/
	tests/incremental.sh

bench: build native-test ## measure speed and size: build/bench/report.md
	cmake --build $(WASM_BUILD) --target size_baselines
	node tests/bench/bench.mjs

netlify: node_modules/.package-lock.json ## Netlify's own build (netlify.toml): its toolchain, then make site
	site/tools/netlify-build.sh

clean: ## remove everything the build made
	rm -rf build public test-results playwright-report
