#!/usr/bin/env bash
# Load benchmark of backcoachd against the floor server (issue 3, "Performance"), and
# with --bot of its signed bot API against its WebSocket (issue 8).
# Builds nothing: pass a build directory holding an optimised build, e.g.
#   cmake --preset bench && cmake --build build/bench
#   tests/bench/run_load.sh build/bench
#
#   run_load.sh BUILD_DIR [--runs N] [--duration S] [--warmup S]
#                         [--connections "1 64 512"] [--idle N] [--no-idle]
#                         [--db-dir DIR] [--bot]
#
# The server under test runs alone, pinned to core 0 (taskset -c 0); the load
# generator runs on core 1. Floor and daemon alternate run by run. The daemon runs
# with one I/O thread, synchronous=FULL (its default), a fresh temporary database
# per run (under /tmp unless --db-dir names another folder, e.g. /dev/shm to take
# the disk's fsync out of the picture), and limits raised so that the load is
# never rate limited or capped. --bot adds, after each daemon run, a run of a fresh
# daemon with one bot configured, loaded through POST /v1/bots/bench/messages by the
# same number of bot users sending the same script (keep-alive, signed requests). Run as root, servers and load generator get
# nice -10 so that other work on a shared machine disturbs the numbers less.
# Prints a markdown table of medians over the runs (each column its own median; server
# CPU is the server's share of its core while the load generator ran),
# then the daemon's resident memory holding N idle WebSocket connections.
set -euo pipefail

die() { echo "run_load.sh: $*" >&2; exit 1; }
[ $# -ge 1 ] || die "usage: run_load.sh BUILD_DIR [--runs N] [--duration S] [--warmup S] [--connections LIST] [--idle N] [--no-idle] [--db-dir DIR] [--bot]"
build="$(cd "$1" && pwd)" || die "no build directory $1"
shift
runs=3 duration=10 warmup=2 connections="1 64 512" idle=10000 db_dir=/tmp bot=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    --no-idle) idle=0; shift ;;
    --db-dir) db_dir=$2; shift 2 ;;
    --bot) bot=1; shift ;;
    *) die "unknown argument $1" ;;
  esac
done

loadgen="$build/tests/bench/backcoach_loadgen"
floor="$build/tests/bench/backcoach_floor"
daemon="$build/daemon/daemond/backcoachd"
for exe in "$loadgen" "$floor" "$daemon"; do
  [ -x "$exe" ] || die "missing $exe (build the targets backcoach_loadgen backcoach_floor backcoachd)"
done
command -v jq >/dev/null || die "jq is needed (deploy/install-deps.sh installs it)"
[ "$(nproc)" -ge 2 ] || die "needs two cores: one for the server, one for the load generator"

prio=()
[ "$(id -u)" = 0 ] && prio=(nice -n -10)
work="$(mktemp -d "$db_dir/backcoach-bench.XXXXXX")"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT
secret="$work/bench.secret"  # the bot's key, 64 hex digits readable by us only
(umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$secret")
ulimit -n "$(ulimit -Hn)"  # 10,000 idle connections need more than 1024 descriptors

# start_server floor|daemon|bot TAG: starts it on core 0 and sets server_pid and port.
start_server() {
  local kind=$1 tag=$2 out="$work/$1-$2.out" err="$work/$1-$2.err"
  : >"$out"  # exists before the background job opens it
  if [ "$kind" = floor ]; then
    "${prio[@]}" taskset -c 0 "$floor" --listen 127.0.0.1:0 >"$out" 2>"$err" &
  else
    local bots=()
    if [ "$kind" = bot ]; then bots=(--bot "bench,$secret"); fi
    "${prio[@]}" taskset -c 0 "$daemon" --listen 127.0.0.1:0 --db "$work/$kind-$tag.db" --threads 1 \
      --rate-limit-messages 1000000000 --rate-limit-new-users 1000000000 --max-connections 100000 \
      --max-connections-per-address 100000 --log-level warn "${bots[@]}" >"$out" 2>"$err" &
  fi
  server_pid=$!
  port=""
  for _ in $(seq 600); do
    port="$(sed -n 's|.*listening on http://[^ ]*:\([0-9][0-9]*\).*|\1|p' "$out")"
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || die "$kind exited at start: $(tail -5 "$err")"
    sleep 0.05
  done
  die "$kind did not print its port within 30 s"
}

# cpu_ticks: user + system CPU of the server so far, in clock ticks (/proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }

# run_load floor|daemon|bot CONNECTIONS RUN: one measured run, appended to results.jsonl.
# server_cpu_util: the server's CPU over the whole load generator run (warm-up included)
# divided by its wall time; 1.0 is its core fully busy.
run_load() {
  local kind=$1 conns=$2 run=$3 json target ticks0 ticks1 t0 t1
  start_server "$kind" "c$conns-r$run"
  target=(--url "ws://127.0.0.1:$port/v1/chat")
  if [ "$kind" = bot ]; then
    target=(--url "http://127.0.0.1:$port/v1/bots/bench/messages" --bot-secret-file "$secret")
  fi
  ticks0="$(cpu_ticks)" t0="$(date +%s.%N)"
  json="$("${prio[@]}" taskset -c 1 "$loadgen" "${target[@]}" \
            --connections "$conns" --duration "$duration" --warmup "$warmup")"
  ticks1="$(cpu_ticks)" t1="$(date +%s.%N)"
  stop_server
  json="$(jq -c --arg server "$kind" --argjson ticks "$((ticks1 - ticks0))" \
            --argjson hz "$(getconf CLK_TCK)" --arg t0 "$t0" --arg t1 "$t1" \
            '. + {server: $server, server_cpu_util: ($ticks / $hz / (($t1 | tonumber) - ($t0 | tonumber)))}' \
            <<<"$json")"
  echo "$json" >>"$work/results.jsonl"
  jq -r '"  \(.server) c=\(.connections): \(.turns_per_s) turns/s, p99 \(.latency_us.p99) us, errors \(.errors.total), server cpu \(.server_cpu_util * 100 | floor)%, loadgen cpu \(.client_cpu_util * 100 | floor)%"' <<<"$json" >&2
}

# idle_rss N: the daemon's VmRSS holding N idle connections that said hello.
idle_rss() {
  local n=$1 lg_pid ready="" base rss hwm
  start_server daemon idle
  base="$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")"
  : >"$work/idle.out"
  "${prio[@]}" taskset -c 1 "$loadgen" --url "ws://127.0.0.1:$port/v1/chat" --idle "$n" --duration 600 \
    --timeout 900 >"$work/idle.out" 2>"$work/idle.err" &
  lg_pid=$!
  for _ in $(seq 6000); do
    ready="$(head -n 1 "$work/idle.out")"
    [ -n "$ready" ] && break
    kill -0 "$lg_pid" 2>/dev/null || break
    sleep 0.1
  done
  rss="$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")"
  hwm="$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")"
  kill -TERM "$lg_pid" 2>/dev/null || true
  wait "$lg_pid" 2>/dev/null || true
  stop_server
  [ -n "$ready" ] || die "idle run did not establish its connections: $(cat "$work/idle.err")"
  jq -n --argjson r "$ready" --arg base "$base" --arg rss "$rss" --arg hwm "$hwm" \
    '$r + {daemon_rss_kb_before: ($base|tonumber), daemon_rss_kb: ($rss|tonumber), daemon_hwm_kb: ($hwm|tonumber)}'
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(uname -r)" >&2
echo "database folder: $db_dir ($(df --output=fstype "$db_dir" | tail -1))" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)${prio:+, run with ${prio[*]}}" >&2
echo "build: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)" >&2
for conns in $connections; do
  for run in $(seq "$runs"); do
    run_load floor "$conns" "$run"
    run_load daemon "$conns" "$run"
    if [ "$bot" = 1 ]; then run_load bot "$conns" "$run"; fi
  done
done

echo
echo "| connections | server | turns/s | p50 µs | p90 µs | p99 µs | max µs | errors (sum) | server CPU | loadgen CPU |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
jq -rs '
  def median: sort | .[(length - 1) / 2 | floor];
  group_by([.connections, .server]) |
  sort_by(.[0].connections, ({floor: 0, daemon: 1, bot: 2}[.[0].server])) | .[] |
  "| \(.[0].connections) | \(if .[0].server == "bot" then "daemon, bot API" else .[0].server end) | \(map(.turns_per_s) | median) | \(map(.latency_us.p50) | median) | \(map(.latency_us.p90) | median) | \(map(.latency_us.p99) | median) | \(map(.latency_us.max) | median) | \(map(.errors.total) | add) | \(map(.server_cpu_util) | median * 100 | floor)% | \(map(.client_cpu_util) | median * 100 | floor)% |"
' "$work/results.jsonl"
echo
jq -rs '
  def median: sort | .[(length - 1) / 2 | floor];
  group_by(.connections) | .[] |
  (map(select(.server == "floor")) | map(.turns_per_s) | median) as $f |
  (map(select(.server == "daemon")) | map(.turns_per_s) | median) as $d |
  (map(select(.server == "bot")) | map(.turns_per_s) | median) as $b |
  "daemon / floor at \(.[0].connections) connections: \(if $f > 0 then ($d * 1000 / $f | floor) / 10 else 0 end)%" +
  (if $b != null and $d > 0 then "; bot API / WebSocket: \($b * 1000 / $d | floor / 10)%" else "" end)
' "$work/results.jsonl"

if [ "$idle" -gt 0 ]; then
  echo
  idle_rss "$idle" | jq -r '"idle: \(.established) of \(.connections) connections established in \(.ramp_s * 10 | floor / 10) s; daemon VmRSS \(.daemon_rss_kb_before / 1024 | floor) MiB before, \(.daemon_rss_kb / 1024 | floor) MiB holding them (\((.daemon_rss_kb - .daemon_rss_kb_before) / .connections * 10 | floor / 10) KiB each), peak \(.daemon_hwm_kb / 1024 | floor) MiB"'
fi
echo
echo "raw results: one JSON line per run" >&2
cat "$work/results.jsonl" >&2
