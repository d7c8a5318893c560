# Python Concurrency, Hands-On: the course site and its WebAssembly demos.
#
#   make serve   install what is missing, build, serve on http://localhost:1313 (reloads on edits)
#   make test    native unit tests, the lessons' Python programs, the production site (its links and
#                its HTML), the browser tests
#   make build   the production site in public/, which netlify.toml publishes
#   make bench   measure speed and size; writes build/bench/report.md
#   make clean   remove everything the build made

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := serve

# Debian's emcc loads acorn from Debian's Node modules, whichever Node is first on PATH.
export NODE_PATH := /usr/share/nodejs

# What an author may set on the command line: how many compiles at once (make wasm JOBS=1), the
# port of `make serve` (PORT=1414), and one demo's tests only (make native-test DEMO=word_count).
JOBS := $(shell nproc 2>/dev/null || echo 2)
PORT := 1313
NATIVE_BUILD := build/native
TSAN_BUILD := build/tsan
DOWNLOADS := build/downloads
PRINT_SITE := build/print-site
SEARCH_SITE := build/search-site
SEARCH_INDEX := build/pagefind
SAMPLE_CODE := build/sample-code/sample-code
WASM_BUILD := build/wasm
PYODIDE_BUILD := build/pyodide
HUGO := hugo --source site
# Debian's python3, which has the lessons' libraries (requests, aiohttp) from APT_PACKAGES; a
# python3 earlier on PATH (pyenv, a venv) may lack them. Elsewhere: make python-test PYTHON=python3
PYTHON := /usr/bin/python3

# What a fresh Debian 12 machine lacks. Node.js 20 or later comes with the machine (Playwright
# needs it; Debian 12's own nodejs is 18): npm is installed from Debian only where none is.
APT_PACKAGES := make cmake g++ libgtest-dev emscripten hugo chromium advancecomp \
	python3 python3-requests python3-aiohttp
ifeq ($(shell command -v npm),)
APT_PACKAGES += nodejs npm
endif
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# A Hugo build of the site's own (search, print), whose report shows only if it fails. Not --quiet:
# Hugo 0.111 writes an author's mistake, with its file and line, to standard output, which --quiet
# drops, leaving "logged 1 error(s)".
hugo_quietly = mkdir -p build && $(HUGO) $(1) > build/hugo-$(2).log 2>&1 || { cat build/hugo-$(2).log; \
  echo "The site did not build: Hugo's ERROR lines above say where and why." >&2; exit 1; }

.PHONY: serve test build bench clean deps system-packages wasm native-test tsan-test js-test site \
	downloads search-index python-runtime link-check html-check browser-test incremental-test python-test netlify \
	lesson demo

# Build the demos and serve the site with the response headers declared in site/hugo.toml. The
# slides PDF prints in the background (a minute when the slides changed, nothing otherwise): the
# lessons link it once it is there, as `hugo server` sees it appear.
serve: deps wasm python-runtime $(DOWNLOADS)/sample-code.zip search-index
	@mkdir -p build && echo "The slides PDF is printed in the background: build/slides-pdf.log"
	$(MAKE) --no-print-directory $(DOWNLOADS)/course-slides.pdf > build/slides-pdf.log 2>&1 & \
	  $(HUGO) server --port $(PORT) --disableFastRender

# Everything a change must pass.
test: deps native-test tsan-test python-test js-test build link-check html-check browser-test incremental-test

# The production site in public/.
build: deps wasm downloads site

# A new lesson, `make lesson NAME=thread-pools`: a bundle in content/lessons/ from the theme's
# archetype (themes/course/archetypes/lesson/), last in the outline. docs/authoring.md says the rest.
OUTLINE := site/data/outline.toml
lesson:
	@[[ "$(NAME)" =~ ^[a-z0-9]+(-[a-z0-9]+)*$$ ]] || \
	  { echo "NAME must be the lesson's address: lowercase words joined by hyphens, as in make lesson NAME=thread-pools"; exit 2; }
	@if [ -e content/lessons/$(NAME) ]; then echo "content/lessons/$(NAME) exists already"; exit 2; fi
	$(HUGO) new --kind lesson lessons/$(NAME)
	printf '\n[[lessons]]\nlesson = "%s"\n' "$(NAME)" >> $(OUTLINE)
	@echo; echo "Lesson $(NAME) is last in $(OUTLINE); move its entry where it belongs. Then edit, in content/lessons/$(NAME)/:"; \
	echo "  index.md       its title, description and text; embed a demo with {{< demo \"<id>\" >}}"; \
	echo "  slides.md      the slides, separated by lines holding only ---"; \
	echo "  transcript.md  the narration, each paragraph starting with its time and optional cues"; \
	echo "  checks.md      the knowledge checks, one right answer each"; \
	echo "and see it with make serve, at http://localhost:1313/lessons/$(NAME)/ (docs/authoring.md)."

# A new demo, `make demo NAME=word_count`: a folder in wasm/demos/ from wasm/templates/demo/ (its
# declaration, one task in C++ and a native test), which the build finds by itself.
demo:
	@[[ "$(NAME)" =~ ^[a-z][a-z0-9_]*$$ ]] || \
	  { echo "NAME must be a C++-friendly id: lowercase letters, digits and _, as in make demo NAME=word_count"; exit 2; }
	@if [ -e wasm/demos/$(NAME) ]; then echo "wasm/demos/$(NAME) exists already"; exit 2; fi
	mkdir -p wasm/demos/$(NAME)
	for template in wasm/templates/demo/*; do \
	  sed 's/@ID@/$(NAME)/g' "$$template" > "wasm/demos/$(NAME)/$$(basename "$$template" | sed 's/^ID/$(NAME)/')"; \
	done
	@echo; echo "Demo $(NAME) is in wasm/demos/$(NAME)/. Edit:"; \
	printf '  %-24s %s\n' demo.json "its title, summary, models and parameters" \
	  $(NAME).cc "one task, in C++: what it waits for and what it computes" \
	  $(NAME)_test.cc "its native tests (make native-test)"; \
	echo "then embed it in a lesson's index.md with {{< demo \"$(NAME)\" >}} and run make serve (docs/authoring.md)."

# Install whatever of the system packages and npm packages is missing, and nothing else.
deps: system-packages node_modules/.package-lock.json

system-packages:
	@if [ -n "$(SKIP_SYSTEM_PACKAGES)" ]; then exit 0; fi; \
	if ! command -v dpkg-query >/dev/null; then \
	  echo "Not a Debian system: make sure emcc, hugo, cmake, GoogleTest and chromium are installed."; exit 0; fi; \
	missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing:" $$missing; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The lock file pins third-party-web (package.json "overrides": lighthouse's trace engine asks for
# "latest", which would break `npm ci` whenever a new one is published) and lists pagefind's
# binaries for other systems, which the registry this project reaches does not carry, as the
# optional platform packages they are.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# The demos as WebAssembly, in build/wasm/site/<id>/. CMake rebuilds only what changed.
wasm: system-packages
	@test -f $(WASM_BUILD)/CMakeCache.txt || emcmake cmake -S wasm -B $(WASM_BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(WASM_BUILD) --parallel $(JOBS)

# The same C++ built natively, with its GoogleTest tests.
native-test: system-packages
	@test -f $(NATIVE_BUILD)/CMakeCache.txt || cmake -S wasm -B $(NATIVE_BUILD) -DCMAKE_BUILD_TYPE=Release
	@test -z "$(DEMO)" || ls wasm/demos/$(DEMO)/*_test.cc > /dev/null 2>&1 || \
	  { echo "DEMO=$(DEMO): wasm/demos/$(DEMO)/ has no <id>_test.cc to run"; exit 1; }
	cmake --build $(NATIVE_BUILD) --parallel $(JOBS) $(if $(DEMO),--target $(DEMO)_test)
	@# One test at a time: some compare threads with sequential code and need both cores.
	ctest --test-dir $(NATIVE_BUILD) --output-on-failure $(if $(DEMO),--no-tests=error -R '^$(DEMO)\.')

# The same tests under ThreadSanitizer: the runtime's threads must be free of data races.
tsan-test: system-packages
	@test -f $(TSAN_BUILD)/CMakeCache.txt || cmake -S wasm -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLAB_SANITIZE=thread
	cmake --build $(TSAN_BUILD) --parallel $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 ctest --test-dir $(TSAN_BUILD) --output-on-failure

# Every lesson's Python program compiled and run, its downloads served by the course's page server
# on 127.0.0.1 (site/python/page_server.py): nothing leaves the machine. Those that need only the
# standard library run again on each CPython 3.8-3.14 that pyenv has (~/.pyenv/versions); the
# test names each version, skipped where absent.
python-test: system-packages
	$(PYTHON) -m unittest discover -s tests/python -v

# The page scripts' logic that needs no browser (node --test, in seconds): tests/unit/*.test.mjs,
# with '@params' (js.Build's) made from the lab's declarations by tests/unit/params-hook.mjs.
js-test: node_modules/.package-lock.json
	node --import ./tests/unit/register.mjs --test tests/unit/

# URL, when set (Netlify sets it to the site's address), replaces baseURL of site/hugo.toml in the
# addresses that must be absolute: canonical, Open Graph, the sitemap.
site: wasm python-runtime downloads search-index
	$(HUGO) --minify --cleanDestinationDir $(if $(URL),--baseURL "$(URL)")

# What site/hugo.toml mounts of Pyodide that the build makes: its standard library, recompressed.
python-runtime: $(PYODIDE_BUILD)/python_stdlib.zip

$(PYODIDE_BUILD)/python_stdlib.zip: node_modules/.package-lock.json themes/course/tools/recompress-zip.sh
	themes/course/tools/recompress-zip.sh node_modules/pyodide/python_stdlib.zip $@

# Search: Pagefind's index of the lessons (text, slides, each transcript paragraph at its time) and
# the course page, in build/pagefind, which site/hugo.toml mounts at /pagefind/. It is made from a
# build of its own (site/config/search/hugo.toml adds each lesson's transcript as data), not from
# public/, so that `make serve` has it too: `hugo server` keeps its pages in memory. Under
# `make serve`, run `make search-index` again to search text edited since.
search-index: $(SEARCH_INDEX)/pagefind-entry.json

$(SEARCH_INDEX)/pagefind-entry.json: $(shell find content site themes wasm/demos -type f) node_modules/.package-lock.json | $(PYODIDE_BUILD)/python_stdlib.zip
	$(call hugo_quietly,--environment search --destination ../$(SEARCH_SITE) --cleanDestinationDir,search)
	node themes/course/tools/search-index.mjs $(SEARCH_SITE) $(SEARCH_INDEX)

# The course's downloads, which every lesson links with its size (site/hugo.toml mounts them).
downloads: $(DOWNLOADS)/sample-code.zip $(DOWNLOADS)/course-slides.pdf

# Sample Code (.zip): the demos' C++ with their native CMake build and README, the Python
# programs of the lessons in the outline, and the page server they download from, in python/;
# with the exercises' starting programs (not their solutions), exercises.json (made from the
# lessons' exercises.toml) and check.py, which checks them. cmake writes the zip, so nothing else
# needs installing.
$(DOWNLOADS)/sample-code.zip: $(shell find wasm -type f) $(wildcard content/lessons/*/*.py content/lessons/*/exercises.toml content/lessons/*/exercises/*.py) $(wildcard site/python/*.py) site/tools/exercises.py site/data/outline.toml node_modules/.package-lock.json
	rm -rf $(dir $(SAMPLE_CODE)) && mkdir -p $(SAMPLE_CODE)/python $(DOWNLOADS)
	cp -r wasm/. $(SAMPLE_CODE)/
	cp site/python/page_server.py site/python/check.py site/python/course_check.py $(SAMPLE_CODE)/python/
	$(PYTHON) site/tools/exercises.py site content > $(SAMPLE_CODE)/python/exercises.json
	for lesson in $$(node themes/course/tools/outline.mjs site/data/outline.toml); do \
	  for program in content/lessons/$$lesson/*.py content/lessons/$$lesson/exercises/*.py; do \
	    if [ -f "$$program" ]; then \
	      target=$(SAMPLE_CODE)/python/$${program#content/lessons/}; mkdir -p $$(dirname $$target) && cp $$program $$target; \
	    fi; \
	  done; done
	cd $(dir $(SAMPLE_CODE)) && cmake -E tar cf $(CURDIR)/$@ --format=zip sample-code

# Course Slides (.pdf): every lesson's slides, in course order, printed by headless Chromium from
# the course's print view (themes/course/layouts/index.print.html). Printed again only when what it
# shows changes: the slides and their figures, the outline and the site's config, the print view's
# templates and styles. A transcript or the site's own CSS does not reprint it.
SLIDES_PDF_SOURCES := $(wildcard content/lessons/*/slides.md content/lessons/*/*.svg content/lessons/*/*.png) \
	site/hugo.toml site/data/outline.toml themes/course/tools/print-slides.mjs themes/course/assets/css/print.css \
	$(wildcard themes/course/layouts/index.print.html themes/course/layouts/partials/player/print-*.html \
	  themes/course/layouts/partials/player/slides.html themes/course/layouts/partials/course/lessons.html \
	  themes/course/layouts/partials/course/outline.html \
	  themes/course/layouts/_default/_markup/*.html)
$(DOWNLOADS)/course-slides.pdf: $(SLIDES_PDF_SOURCES) node_modules/.package-lock.json | $(PYODIDE_BUILD)/python_stdlib.zip
	mkdir -p $(DOWNLOADS)
	$(call hugo_quietly,--destination ../$(PRINT_SITE) --cleanDestinationDir,print)
	node themes/course/tools/print-slides.mjs $(PRINT_SITE) print.html $@

# No broken link or #anchor on any page of public/ (the 404 page and print views too; a link to
# another host is listed, not fetched): tests/link-check.mjs says how. Before the browser tests,
# which take minutes: a seconds-long check fails first.
link-check: build
	node tests/link-check.mjs

# Every page of public/, as it ships (minified), is valid HTML by the rules of .htmlvalidate.mjs.
html-check: build
	node_modules/.bin/html-validate public

browser-test: deps build
	npx playwright test

# Editing one demo rebuilds that demo only; editing content rebuilds nothing in wasm/.
incremental-test: build
	tests/incremental.sh

bench: build native-test
	cmake --build $(WASM_BUILD) --target size_baselines
	node tests/bench/bench.mjs

# Netlify's own build (netlify.toml), the alternative to the CI workflow's deploy. Its image has no
# Debian emscripten, no root and no Chromium: this downloads them into NETLIFY_TOOLCHAIN, which
# netlify.toml's plugin (netlify/plugins/toolchain-cache) keeps between builds. Emscripten is
# EMSCRIPTEN_VERSION, the version Debian 12 packages and the tests here run, from emsdk (so with
# emsdk's own LLVM and binaryen, not Debian's clang-14). The slides PDF needs a Chromium: the one the
# lock file's Playwright names, Playwright's own build. Neither download is reachable here, so only
# the last step, `make site`, is one the tests run.
EMSCRIPTEN_VERSION := 3.1.6
NETLIFY_TOOLCHAIN := build/netlify-toolchain
netlify: node_modules/.package-lock.json
	test -d $(NETLIFY_TOOLCHAIN)/emsdk || git clone --depth 1 --branch $(EMSCRIPTEN_VERSION) \
	  https://github.com/emscripten-core/emsdk.git $(NETLIFY_TOOLCHAIN)/emsdk
	$(NETLIFY_TOOLCHAIN)/emsdk/emsdk install $(EMSCRIPTEN_VERSION)
	$(NETLIFY_TOOLCHAIN)/emsdk/emsdk activate $(EMSCRIPTEN_VERSION)
	export PLAYWRIGHT_BROWSERS_PATH=$(CURDIR)/$(NETLIFY_TOOLCHAIN)/playwright; \
	  npx playwright install chromium; \
	  export CHROMIUM="$$(node -p "require('playwright-core').chromium.executablePath()")"; \
	  set +u; source $(NETLIFY_TOOLCHAIN)/emsdk/emsdk_env.sh; set -u; \
	  $(MAKE) site SKIP_SYSTEM_PACKAGES=1

clean:
	rm -rf build public test-results playwright-report
