#!/usr/bin/env bash
# Runs every test, the way CI does, on a fresh machine:
#   1. installs what the tests need from Debian (chromium for the browser tests, redis-server and postgresql for the
#      store tests);
#   2. starts a private redis-server and a private PostgreSQL server on free loopback ports, and stops both on exit;
#   3. fetches Human API's Connect v2 browser client (humanapi-connect-client, for the browser tests) from npm once
#      into artifacts/npm, checked against its published integrity; it is never committed;
#   4. builds the solution and runs every test project;
#   5. ends with "N passed, N failed, N skipped". Skipped tests count as a failure: none may skip here.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
configuration=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
[ -n "$(postgres_bin)" ] || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from apt..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Human API's own Connect v2 client, which the browser tests drive against the sandbox. Fetched from the npm registry
# at test time (never vendored), once per checkout; a registry that cannot be reached, or a tarball that is not the
# published one, fails the run here, loudly: the tests that need it never skip.
connect_client_version=2.4.1
connect_client_integrity='sha512-pxZtmupSADUqqS/oytWAHvO4bn6DDS8elGdouiALfMEJP2Ee0SAL+KN+lTTjoXfPCTOImy9nNUgaZ32vdcLaCA=='
npm_dir="$root/artifacts/npm/humanapi-connect-client-$connect_client_version"
connect_client="$npm_dir/package/build/humanapi-connect-client.js"
if [ ! -f "$connect_client" ]; then
  echo "Fetching humanapi-connect-client@$connect_client_version from npm..."
  rm -rf "$npm_dir"
  mkdir -p "$npm_dir"
  tarball="$npm_dir/humanapi-connect-client-$connect_client_version.tgz"
  (cd "$npm_dir" && npm pack "humanapi-connect-client@$connect_client_version" --silent >/dev/null) && [ -f "$tarball" ] \
    || { echo "npm could not fetch humanapi-connect-client@$connect_client_version: the Connect v2 browser tests need it." >&2; exit 1; }
  integrity=$(python3 -c 'import base64, hashlib, sys; print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tarball")
  [ "$integrity" = "$connect_client_integrity" ] \
    || { echo "humanapi-connect-client@$connect_client_version from npm is not the published tarball ($integrity)." >&2; rm -rf "$npm_dir"; exit 1; }
  tar -xzf "$tarball" -C "$npm_dir"
fi
export HUMANCONNECT_TEST_CONNECT_CLIENT="$connect_client"

work=$(mktemp -d)
# PostgreSQL's own directory: it must belong to the user the server runs as.
pg_work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port)
pg_port=$(free_port)
pg_bin=$(postgres_bin)
# PostgreSQL refuses to run as root: as root, run it as Debian's postgres user; otherwise as the current user.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
stop_servers() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || { [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null; } || true
  [ -f "$pg_work/data/postmaster.pid" ] && as_pg_user "'$pg_bin/pg_ctl' -D '$pg_work/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$work" "$pg_work"
}
trap stop_servers EXIT
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --pidfile "$work/redis.pid" \
  --dir "$work" --save "" --appendonly no --logfile "$work/redis.log"
for _ in $(seq 1 100); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$redis_port" ping >/dev/null

# Trust authentication on loopback only, for a throwaway cluster; the tests create and drop their own databases.
[ "$(id -u)" -ne 0 ] || chown postgres "$pg_work"
as_pg_user "'$pg_bin/initdb' -D '$pg_work/data' -A trust -U hc >'$pg_work/initdb.log' 2>&1" \
  || { cat "$pg_work/initdb.log" >&2; exit 1; }
as_pg_user "'$pg_bin/pg_ctl' -D '$pg_work/data' -o \"-p $pg_port -k '$pg_work' -c listen_addresses=127.0.0.1\" -l '$pg_work/postgres.log' -w start" >/dev/null \
  || { cat "$pg_work/postgres.log" >&2; exit 1; }

export HUMANCONNECT_TEST_REDIS="127.0.0.1:$redis_port"
export HUMANCONNECT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=hc;Database=postgres"
export HUMANCONNECT_TEST_CHROMIUM=/usr/bin/chromium
export HUMANCONNECT_TEST_ARTIFACTS="$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "$results"
mkdir -p "$results"
dotnet build HumanConnect.AspNetCore.sln -c "$configuration" -warnaserror -nologo -v q

status=0
# Two test modules at a time on two cores: the browser suite then shares the machine with one other module, not four.
dotnet test --solution HumanConnect.AspNetCore.sln -c "$configuration" --no-build --max-parallel-test-modules 2 \
  --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log" || status=$?

count() { grep -E "^\s+$1: [0-9]+" "$results/dotnet-test.log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
passed=$(count succeeded)
failed=$(count failed)
skipped=$(count skipped)
total=$(count total)
if [ "$total" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
if [ "$skipped" -ne 0 ]; then
  echo "Tests were skipped: every test must run here." >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
