#!/bin/sh
# recompress-zip.sh SOURCE.zip TARGET.zip: TARGET holds SOURCE's files, byte for byte under the
# same names, each deflated again by advzip (advancecomp, 7-Zip's deflate), which packs Pyodide's
# standard library about 5% smaller than npm ships it (2.55 MB to 2.43 MB). Without advzip (not on
# Netlify's image) TARGET is a plain copy, and the build says so.
set -eu
source=$1
target=$2
mkdir -p "$(dirname "$target")"
cp "$source" "$target.tmp"
if command -v advzip >/dev/null; then
  advzip --recompress -3 --quiet "$target.tmp"
  advzip --test --quiet "$target.tmp"
else
  echo "recompress-zip.sh: advzip (apt package advancecomp) is not installed: $target is $source as it is." >&2
fi
mv "$target.tmp" "$target"
