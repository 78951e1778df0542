#!/usr/bin/env bash
# Installs what is missing (with the test tools: Chromium, Node packages), builds the
# dev preset (debug, warnings as errors) and runs every test with CTest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash deploy/install-deps.sh --test
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)"
ctest --preset dev -j "$(nproc)" --timeout 600
