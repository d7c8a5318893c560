#!/usr/bin/env bash
# make demo NAME=word_count: a demo folder in wasm/demos/ from wasm/templates/demo/ (its
# declaration, one task in C++ and a native test), which the build finds by itself.
set -euo pipefail
name=${1:-}
if [[ ! "$name" =~ ^[a-z][a-z0-9_]*$ ]]; then
  echo "NAME must be a C++-friendly id: lowercase letters, digits and _, as in make demo NAME=word_count"
  exit 2
fi
if [[ -e wasm/demos/$name ]]; then echo "wasm/demos/$name exists already"; exit 2; fi
mkdir -p "wasm/demos/$name"
for template in wasm/templates/demo/*; do
  target=$(basename "$template" | sed "s/^ID/$name/")
  sed "s/@ID@/$name/g" "$template" > "wasm/demos/$name/$target"
done
echo
echo "Demo $name is in wasm/demos/$name/. Edit:"
printf '  %-24s %s\n' demo.json "its title, summary, models and parameters" \
  "$name.cc" "one task, in C++: what it waits for and what it computes" \
  "${name}_test.cc" "its native tests (make native-test)"
echo "then embed it in a lesson's index.md with {{< demo \"$name\" >}} and run make serve (docs/authoring.md)."
