#!/usr/bin/env bash
# Load-tests the published sample host (Release, Production, on its embedded sandbox) as browsers would, over
# loopback HTTP, twice: one instance (its SQLite store), then two instances sharing a real redis-server (the default
# store, the key ring and the coordinator in Redis; the second instance calls the first's sandbox as its Human API).
# Each run, driven by tests/HumanConnect.AspNetCore.LoadDriver:
#   1. signs in $users demo users and connects each once (create mode, with session tokens minted through the
#      sandbox's `sessions` shortcut, as Connect's "Done" would);
#   2. measures the page with the button and `POST /connect/public-token` for $seconds each;
#   3. finishes Connect again (edit mode, a fresh session token per finish, minted in rounds) until $FINISHES
#      finishes in all, each round spread over the instances;
#   4. checks every user's page on every instance: in edit mode (no finish lost) with exactly the publicToken the
#      sandbox now accepts (none stale); and reports req/s, p50, p99 and errors per target, and each instance's
#      resident memory after warm-up, halfway and at the end.
# It fails when any request failed or any write was lost or stale.
#
# Usage: build/load-test.sh [seconds=10] [connections=16] [users=1000]     FINISHES=100000 by default
# build/load-compare.sh compares the library with hand-written endpoints instead (docs/performance.md).
# Needs curl and python3; installs redis-server from apt when missing. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-16}
users=${3:-1000}
finishes=${FINISHES:-100000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=Production

if ! command -v redis-server >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

work=$(mktemp -d)
pids=()
redis_port=""
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  [ -z "$redis_port" ] || redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  redis_port=""
}
trap 'stop_all; mkdir -p artifacts; cat "$work"/*.log >artifacts/load-sample.log 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "Publishing the sample host and the load driver (Release)..." >&2
dotnet publish sample-host -c Release -o "$work/app" -nologo -v q >/dev/null
dotnet publish tests/HumanConnect.AspNetCore.LoadDriver -c Release -o "$work/driver" -nologo -v q >/dev/null

start() {  # start NAME PORT SETTINGS...: one published instance on 127.0.0.1:PORT, its own data directory
  local name=$1 port=$2
  shift 2
  (cd "$work/app" && exec dotnet HumanConnect.SampleHost.dll --urls "http://127.0.0.1:$port" \
    --Sample:DataDirectory="$work/data-$name" --Logging:LogLevel:Default=Warning "$@") >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$port/signin" && return 0; sleep 0.2; done
  echo "Instance $name did not start:" >&2
  cat "$work/$name.log" >&2
  exit 1
}

status=0
drive() {  # drive LABEL DRIVER-ARGS...
  local label=$1
  shift
  dotnet "$work/driver/HumanConnect.AspNetCore.LoadDriver.dll" --label "$label" --users "$users" --finishes "$finishes" \
    --seconds "$seconds" --connections "$connections" "$@" | tee -a "$work/report.md" || status=1
}

# One instance: the sample's SQLite store and its key ring on disk.
port_a=$(free_port)
start one "$port_a"
drive "one instance" --site "http://127.0.0.1:$port_a" --sandbox "http://127.0.0.1:$port_a/sandbox" \
  --state-file "$work/data-one/sandbox/sandbox-state.json" --pid "${pids[0]}"
stop_all

# Two instances on one Redis: A mounts the sandbox; B calls it as its Human API (README, "The sample with two instances").
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$work" --logfile "$work/redis.log" --pidfile "$work/redis.pid"
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
port_a=$(free_port)
port_b=$(free_port)
sandbox="http://127.0.0.1:$port_a/sandbox"
start two-a "$port_a" --Sample:Redis="127.0.0.1:$redis_port"
start two-b "$port_b" --Sample:Redis="127.0.0.1:$redis_port" --Sample:UseSandbox=false \
  --HumanConnect:ClientId=85a8c1af233b29386954fb452f26033c3608c9bd \
  --HumanConnect:ClientSecret=a222093922b32027714b0cc5efd6bf666543bd72 \
  --HumanConnect:TokensEndpoint="$sandbox/v1/connect/tokens" \
  --HumanConnect:PublicTokensEndpoint="$sandbox/v1/connect/publictokens" \
  --HumanConnect:ConnectScriptUrl="$sandbox/connect.js" --HumanConnect:ConnectBaseUrl="$sandbox"
drive "two instances, one Redis" --site "http://127.0.0.1:$port_a" --site "http://127.0.0.1:$port_b" --sandbox "$sandbox" \
  --state-file "$work/data-two-a/sandbox/sandbox-state.json" --pid "${pids[0]}" --pid "${pids[1]}"
echo "Redis after the run: $(redis-cli -p "$redis_port" dbsize) keys, $(redis-cli -p "$redis_port" info memory | grep '^used_memory_human' | cut -d: -f2 | tr -d '\r') used" | tee -a "$work/report.md"
stop_all

mkdir -p artifacts
cp "$work/report.md" artifacts/load-sample.md
exit $status
