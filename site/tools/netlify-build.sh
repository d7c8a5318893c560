#!/usr/bin/env bash
# Netlify's own build (netlify.toml runs make netlify), the alternative to the CI workflow's
# deploy. Its image has no Debian emscripten, no root and no Chromium: this downloads them into
# build/netlify-toolchain, which netlify.toml's plugin (netlify/plugins/toolchain-cache) keeps
# between builds. Emscripten is the version Debian 12 packages and the tests here run, from emsdk
# (so with emsdk's own LLVM and binaryen, not Debian's clang-14). The slides PDF needs a Chromium:
# the one the lock file's Playwright names, Playwright's own build. Neither download is reachable
# here, so only the last step, make site, is one the tests run.
set -euo pipefail
emscripten_version=3.1.6
toolchain=build/netlify-toolchain
test -d "$toolchain/emsdk" || git clone --depth 1 --branch "$emscripten_version" \
  https://github.com/emscripten-core/emsdk.git "$toolchain/emsdk"
"$toolchain/emsdk/emsdk" install "$emscripten_version"
"$toolchain/emsdk/emsdk" activate "$emscripten_version"
export PLAYWRIGHT_BROWSERS_PATH=$PWD/$toolchain/playwright
npx playwright install chromium
CHROMIUM="$(node -p "require('playwright-core').chromium.executablePath()")"
export CHROMIUM
set +u
# shellcheck disable=SC1091
source "$toolchain/emsdk/emsdk_env.sh"
set -u
make site SKIP_SYSTEM_PACKAGES=1
