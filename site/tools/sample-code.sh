#!/usr/bin/env bash
# sample-code.sh ZIP SCRATCH PYTHON: the course's Sample Code (.zip): the demos' C++ with their
# native CMake build and README (wasm/), and, in python/, the page server, check.py and the
# checkers, exercises.json (from the lessons' exercises.toml, by exercises.py) and, for each
# lesson in the outline, its programs and its exercises' starting programs (not their solutions).
# SCRATCH is emptied and filled first; cmake writes the zip, so nothing else needs installing.
set -euo pipefail
zip=$1 scratch=$2 python=$3
folder=$scratch/sample-code
rm -rf "$scratch" && mkdir -p "$folder/python" "$(dirname "$zip")"
cp -r wasm/. "$folder/"
cp site/python/page_server.py site/python/check.py site/python/course_check.py "$folder/python/"
"$python" site/tools/exercises.py site content > "$folder/python/exercises.json"
for lesson in $(node themes/course/tools/outline.mjs site/data/outline.toml); do
  for program in content/lessons/"$lesson"/*.py content/lessons/"$lesson"/exercises/*.py; do
    [[ -f "$program" ]] || continue
    target=$folder/python/${program#content/lessons/}
    mkdir -p "$(dirname "$target")" && cp "$program" "$target"
  done
done
zip=$(realpath "$zip")
cd "$scratch" && cmake -E tar cf "$zip" --format=zip sample-code
