#!/usr/bin/env bash
# Checks that builds are incremental: editing one demo's C++ rebuilds that demo only, and
# editing a lesson rebuilds nothing in wasm/, and the slides PDF is printed only when slides change.
# Runs after `make build`; touches files, edits none.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."

passed=0 failed=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
stamp() { stat -c %Y.%y "$@"; }

# Every file the patterns name; a pattern that names nothing stops the check, since comparing
# the times of no files at all would pass whatever the build did.
existing() {
  local pattern files
  for pattern in "$@"; do
    files=($pattern)
    if [ ${#files[@]} -eq 0 ]; then echo "FAILED: no file matches $pattern" >&2; exit 1; fi
    printf '%s\n' "${files[@]}"
  done
}
outputs() {
  existing 'build/wasm/site/*/*.wasm' \
    'build/wasm/CMakeFiles/lab_runtime_threads.dir/runtime/lab/*.o' \
    'build/wasm/CMakeFiles/lab_runtime_single.dir/runtime/lab/*.o'
}

build_quietly() { make --no-print-directory "$@" >/dev/null; }

# A lesson edit: nothing compiled to WebAssembly may change. (Lists go into variables first: a
# failure inside $(...) nested in an argument list would go unnoticed.)
files=$(outputs)
before=$(stamp $files)
lessons=$(existing 'content/lessons/*/index.md')
touch $lessons
build_quietly build
check "editing a lesson rebuilds nothing in wasm/" test "$before" = "$(stamp $files)"

# A demo edit: that demo's module is rebuilt, the runtime and every other demo are not. For every
# demo, make's plan (make -n: what it would run, run nothing); the source's time is then put back,
# so that nothing is left to rebuild. For the first demo, the build itself as well.
# The targets a plan compiles or links, one a line: CMakeFiles/<target>.dir. (Each target is a
# make of its own, so a plan names the targets that compile the edited file, not those that would
# link again after them: enough here, where a demo's file must be compiled by its own targets only.)
planned_targets() {
  cmake --build build/wasm -- -n 2>/dev/null | grep -E 'em\+\+|emcc|cmake_link_script' |
    grep -oE 'CMakeFiles/[^/ ]+\.dir' | sort -u || true
}
test -z "$(planned_targets)" || { echo "FAILED: build/wasm has something to rebuild before any edit" >&2; exit 1; }
sources=$(existing 'wasm/demos/*/*.cc')
runtime=$(outputs | grep '/CMakeFiles/lab_runtime_')
built_once=no
for source in $sources; do
  case "$source" in *_test.cc) continue ;; esac
  demo=$(basename "$(dirname "$source")")
  mtime=$(stat -c %Y "$source")
  touch "$source"
  targets=$(planned_targets)
  touch -d "@$mtime" "$source"
  # <demo>.dir and <demo>-single.dir: a demo has one build or both.
  check "editing $source plans to rebuild $demo" test -n "$(grep -E "^CMakeFiles/$demo(-single)?\.dir$" <<<"$targets")"
  check "editing $source plans to rebuild no other demo, nor the runtime" \
    test -z "$(grep -vE "^CMakeFiles/$demo(-single)?\.dir$" <<<"$targets")"
  [ "$built_once" = no ] || continue
  built_once=yes
  sleep 1  # mtimes have one-second resolution on some file systems
  others=$(outputs | grep -v "/site/$demo/")
  module=$(existing "build/wasm/site/$demo/$demo*.wasm")
  before_others=$(stamp $others)
  before_runtime=$(stamp $runtime)
  before_demo=$(stamp $module)
  touch "$source"
  build_quietly wasm
  check "editing $source rebuilds $demo" test "$before_demo" != "$(stamp $module)"
  check "editing $source rebuilds no other demo" test "$before_others" = "$(stamp $others)"
  check "editing $source leaves the runtime's objects alone" test "$before_runtime" = "$(stamp $runtime)"
done
check "one demo's edit was also built for real" test "$built_once" = yes
test -z "$(planned_targets)" || { echo "FAILED: build/wasm has something left to rebuild after the edits" >&2; exit 1; }

# The slides PDF: printed again when a lesson's slides change, not when its transcript or the
# site's CSS does (Makefile, SLIDES_PDF_SOURCES). Chromium takes a while to print it, so once.
pdf=$(existing build/downloads/course-slides.pdf)
sleep 1
before=$(stamp $pdf)
touch $(existing 'content/lessons/*/transcript.md') themes/course/assets/css/course.css
build_quietly downloads
check "editing a transcript or the site's CSS prints no new slides PDF" test "$before" = "$(stamp $pdf)"
touch "$(existing 'content/lessons/*/slides.md' | head -1)"
build_quietly downloads
check "editing a lesson's slides prints the slides PDF again" test "$before" != "$(stamp $pdf)"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
