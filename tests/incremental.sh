#!/usr/bin/env bash
# Checks that builds are incremental: editing one demo's C++ rebuilds that demo only, and
# editing a lesson rebuilds nothing in wasm/. Runs after `make build`; touches files, edits none.
set -euo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); echo "ok: $1"; else failed=$((failed + 1)); echo "FAILED: $1"; fi
}
stamp() { stat -c %Y.%y "$@"; }
outputs() { ls build/wasm/site/*/*.wasm build/wasm/CMakeFiles/lab_runtime.dir/runtime/lab/*.o; }

build_quietly() { make --no-print-directory "$@" >/dev/null; }

# A lesson edit: nothing compiled to WebAssembly may change.
before=$(stamp $(outputs))
touch content/lessons/*/index.md
build_quietly build
check "editing a lesson rebuilds nothing in wasm/" test "$before" = "$(stamp $(outputs))"

# A demo edit: that demo's module is rebuilt, the runtime and every other demo are not.
for source in wasm/demos/*/*.cc; do
  case "$source" in *_test.cc) continue ;; esac
  demo=$(basename "$(dirname "$source")")
  sleep 1  # mtimes have one-second resolution on some file systems
  others=$(outputs | grep -v "/site/$demo/" || true)
  before_others=$(stamp $others)
  before_demo=$(stamp build/wasm/site/$demo/$demo.wasm)
  touch "$source"
  build_quietly wasm
  check "editing $source rebuilds $demo" test "$before_demo" != "$(stamp build/wasm/site/$demo/$demo.wasm)"
  check "editing $source rebuilds no other demo and not the runtime" test "$before_others" = "$(stamp $others)"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
