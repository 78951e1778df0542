#!/usr/bin/env bash
# Installs what backcoach needs to build, test and run, from Debian 12 packages
# and the npm registry only. Idempotent: anything already present is skipped.
#
#   deploy/install-deps.sh            build + run dependencies
#   deploy/install-deps.sh --test     also what the tests need (browser, node tools)
set -euo pipefail

want_test=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-json1.81-dev
  nlohmann-json3-dev libre2-dev libyaml-cpp-dev libsqlite3-dev sqlite3
  libgtest-dev libgmock-dev googletest libcli11-dev libspdlog-dev libfmt-dev
  libbenchmark-dev libssl-dev libsystemd-dev jq
  libhowardhinnant-date-dev tzdata  # reminder times in the person's zone: date/tz over the system tzdata
  libjemalloc-dev          # the executables' allocator (daemon/allocator): the rule set loads in time
  libyaml-dev              # libyaml parses the rule files on a clean load (common/yaml_unmarked.h)
  libxml2-dev              # XmlWriter (common/): the pain journal's SVG chart
  librsvg2-bin             # rsvg-convert: exercise pictures as PNG for Telegram, at build time
  librsvg2-dev             # librsvg + cairo: the pain journal's chart as a PNG for Telegram, at run time
  openssl ca-certificates  # the system CA store outbound HTTPS trusts; the test PKI (openssl CLI)
  python3 python3-yaml  # tests/conversations/figures.py, the CTest `conversations`
  wbritish wamerican    # English word lists: the reader's spelling correction (intents/normalization.yaml)
)
if [ "$want_test" = 1 ]; then
  packages+=(chromium procps)
  # tests/fuzz: clang with libFuzzer and the sanitizer runtimes (the `fuzz` preset)
  packages+=(clang libclang-rt-14-dev)
  # tests/style: every C++ file as .clang-format says
  packages+=(clang-format)
  # tests/deploy: systemd-analyze (verify the unit; no running systemd needed), nginx and
  # openssl (TLS proxy with a test certificate). On a machine booted with systemd, Debian
  # starts nginx on port 80 once installed: `systemctl disable --now nginx` if unwanted.
  packages+=(systemd nginx openssl)
  # Node.js may come from elsewhere than Debian (with npm bundled); only ask
  # Debian for it when there is no node at all.
  if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "debian packages: all present"
fi

# Node packages for the widget build and the browser tests, pinned by package-lock.json.
if [ -f "$root/web/package.json" ] && command -v npm >/dev/null 2>&1; then
  # `npm ls` checks what is really installed against the lock: an emptied or partial
  # node_modules (a folder left behind) is installed again, not taken as present.
  if [ ! -d "$root/web/node_modules" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules" ] ||
     ! (cd "$root/web" && npm ls --depth=0 >/dev/null 2>&1); then
    echo "installing node packages (web/)"
    (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$root/web/node_modules"
  else
    echo "node packages: all present"
  fi
fi
