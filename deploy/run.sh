#!/usr/bin/env bash
# Installs what is missing, builds the release preset and runs backcoachd on its
# defaults: http://127.0.0.1:8080 (demo page at /), database ./var/backcoach.db,
# rules and intents from this source tree. Extra arguments go to backcoachd.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash deploy/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
if [ -x build/release/daemon/daemond/backcoachd ]; then
  echo "open http://127.0.0.1:8080/ to chat (Ctrl-C stops)"
  exec build/release/daemon/daemond/backcoachd "$@"
fi
exec build/release/daemon/cli/backcoach chat "$@"
