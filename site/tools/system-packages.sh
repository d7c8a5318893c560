#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need that this machine lacks, and nothing
# else (apt-get, through sudo unless root). Skipped where there is no dpkg (then install emcc,
# hugo, cmake, GoogleTest and chromium yourself) or when SKIP_SYSTEM_PACKAGES is set (Netlify).
set -euo pipefail

# What a fresh Debian 12 machine lacks. Node.js 20 or later comes with the machine (Playwright
# needs it; Debian 12's own nodejs is 18): npm is installed from Debian only where none is.
# python3-requests and python3-aiohttp: the lessons' programs import them (make python-test);
# clang-format: make format-check.
packages=(make cmake g++ libgtest-dev emscripten hugo chromium advancecomp clang-format
  python3 python3-requests python3-aiohttp)
command -v npm > /dev/null || packages+=(nodejs npm)

[[ -z "${SKIP_SYSTEM_PACKAGES:-}" ]] || exit 0
if ! command -v dpkg-query > /dev/null; then
  echo "Not a Debian system: make sure emcc, hugo, cmake, GoogleTest and chromium are installed."
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$package" 2> /dev/null | grep -q 'ok installed' || missing+=("$package")
done
[[ ${#missing[@]} -gt 0 ]] || exit 0
echo "Installing: ${missing[*]}"
sudo=$([[ $(id -u) == 0 ]] || echo sudo)
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
