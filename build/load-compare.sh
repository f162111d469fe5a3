#!/usr/bin/env bash
# Load-tests the library with wrk on loopback, every figure in one run against one published host
# (tests/HumanConnect.AspNetCore.LoadHost, Release, Production): a bare endpoint (the machine's ceiling), one page
# without and with the Connect button (in a layout with a sign-out form, and in one without), public-token, the
# library's finish, and the careful and bare hand-written finishes. Every upstream call goes over loopback HTTP to
# the host's fast stand-in for Human API's token endpoints. Then it keeps finishing until the library has done
# $FINISHES finishes (100,000 by default) and reads the host's memory.
#
# Usage: build/load-compare.sh [seconds=5] [connections=16] [rounds=3]
#   Each target runs `rounds` times for `seconds`, the targets interleaved round by round, so that a load spike on a
#   shared machine hits every target alike; the table shows the median round of each. wrk uses 2 threads. Besides
#   wrk's figures, the host reports its own CPU time per request, which other processes on the machine (wrk among
#   them) do not inflate: the ratios are computed from both.
# Needs wrk (installed from apt when missing), curl, jq and python3. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-5}
connections=${2:-16}
rounds=${3:-3}
finishes=${FINISHES:-100000}

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet publish tests/HumanConnect.AspNetCore.LoadHost -c Release -o "$work/app" -nologo -v q >/dev/null
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet HumanConnect.AspNetCore.LoadHost.dll --urls "$base") >"$work/app.log" 2>&1 &
server=$!
# The host logs warnings and errors only (Production); whatever it logged is kept in artifacts/load-host.log.
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; [ -s "$work/app.log" ] && cp "$work/app.log" artifacts/load-host.log 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p artifacts
for _ in $(seq 1 150); do curl -sf -o /dev/null "$base/bare" && break; sleep 0.2; done
curl -sf -o /dev/null "$base/bare" || { echo "The load host did not start:" >&2; cat "$work/app.log" >&2; exit 1; }

# One signed-in user (the host's test sign-in reads X-Test-User), with the antiforgery pair a page gave them.
user="X-Test-User: alice"
token=$(curl -sf -c "$work/jar" -H "$user" "$base/antiforgery")
cookie=$(sed 's/^#HttpOnly_//' "$work/jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s", $6, $7 }')
session='{"humanId":"52867cbede3155565f000a0d","clientId":"2e9574ecd415c99346879d07689ec1c732c11036","sessionToken":"8836c122c0483eb193ac2dd121136931"}'

# name|method|path|body: finish goes first, so that the user is connected and the button opens in edit mode.
targets=(
  "finish (library)|POST|/connect/finish|$session"
  "finish (careful hand-written)|POST|/careful/connect/finish|$session"
  "finish (bare hand-written)|POST|/bare/connect/finish|$session"
  "public-token|POST|/connect/public-token|"
  "bare endpoint|GET|/bare|"
  "page|GET|/page/without|"
  "page + button|GET|/page/with|"
  "page without a form|GET|/page/without/plain|"
  "page without a form + button|GET|/page/with/plain|"
)
i=0
for target in "${targets[@]}"; do
  IFS='|' read -r name method path body <<<"$target"
  {
    echo "wrk.method = \"$method\""
    echo "wrk.headers[\"X-Test-User\"] = \"alice\""
    echo "wrk.headers[\"Cookie\"] = \"$cookie\""
    if [ "$method" = POST ]; then
      echo "wrk.headers[\"RequestVerificationToken\"] = \"$token\""
      echo "wrk.headers[\"Content-Type\"] = \"application/json\""
      if [[ "$path" == */connect/finish ]]; then
        # A fresh session token per request: the library exchanges each token once, and answers a repeated one from the
        # store, which would measure a replay instead of an exchange. Thread id and start time keep runs apart.
        echo 'local threads, n, started = 0, 0, os.time()'
        echo 'setup = function(thread) threads = threads + 1; thread:set("id", threads) end'
        echo "local shape = '${body//8836c122c0483eb193ac2dd121136931/%08x%08x%016x}'"
        echo 'request = function() n = n + 1; return wrk.format(nil, nil, nil, string.format(shape, started % 4294967296, id, n)) end'
      else
        echo "wrk.body = '$body'"
      fi
    fi
    # One machine-readable line: requests, microseconds, p50 and p99 in microseconds, socket errors and timeouts.
    echo 'done = function(s, latency, r) local e = s.errors'
    echo '  io.write(string.format("WRK %d %d %d %d %d\n", s.requests, s.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout)) end'
  } >"$work/t$i.lua"
  # Each target must answer 2xx as the signed-in user before it is measured.
  args=(-sf -o "$work/answer" -X "$method" -H "$user" -H "Cookie: $cookie" -H "RequestVerificationToken: $token" -H 'Content-Type: application/json')
  [ -n "$body" ] && args+=(-d "$body")
  curl "${args[@]}" "$base$path" || { echo "$method $path did not answer 2xx" >&2; exit 1; }
  i=$((i + 1))
done
grep -q 'data-human-connect-state="edit"' <(curl -sf -H "$user" -H "Cookie: $cookie" "$base/page/with") \
  || { echo "GET /page/with did not render the button in edit mode" >&2; exit 1; }

stats() { curl -sf "$base/stats${1:-}"; }
run() {  # run INDEX SECONDS: one wrk run of a target; prints "WRK ..." then the host's counters after it
  wrk -t2 -c"$connections" -d"${2}s" -s "$work/t$1.lua" "$base${paths[$1]}" | grep '^WRK'
}
paths=()
for target in "${targets[@]}"; do IFS='|' read -r _ _ path _ <<<"$target"; paths+=("$path"); done

echo "Warming up (2 s per target)..." >&2
for i in "${!targets[@]}"; do run "$i" 2 >/dev/null; done
stats '?collect=true' >"$work/memory-before.json"

results="$work/results.tsv"
: >"$results"
for round in $(seq 1 "$rounds"); do
  echo "Round $round of $rounds..." >&2
  for i in "${!targets[@]}"; do
    before=$(stats)
    line=$(run "$i" "$duration")
    after=$(stats)
    echo "$i $round $line $(jq -r '[.Requests, .NonSuccess, .AllocatedBytes, .CpuMicroseconds] | @tsv' <<<"$before") $(jq -r '[.Requests, .NonSuccess, .AllocatedBytes, .CpuMicroseconds] | @tsv' <<<"$after")" >>"$results"
  done
done

# Memory after the library's finishes: keep finishing (not measured) until it has done $finishes of them.
echo "Finishing until the library has done $finishes finishes..." >&2
while [ "$(stats | jq .Finishes)" -lt "$finishes" ]; do run 0 5 >/dev/null; done
stats >"$work/memory-after.json"
stats '?collect=true' >"$work/memory-after-gc.json"

names=$(printf '%s\n' "${targets[@]}" | cut -d'|' -f1)
NAMES="$names" python3 - "$results" "$work/memory-before.json" "$work/memory-after.json" "$work/memory-after-gc.json" "$connections" "$duration" "$rounds" <<'PY'
import json, os, statistics, sys
results, before, after, after_gc = sys.argv[1:5]
connections, duration, rounds = sys.argv[5:8]
names = os.environ["NAMES"].splitlines()
runs = {}
for line in open(results):
    f = line.split()
    i = int(f[0])
    requests, micros, p50, p99, errors = map(int, f[3:8])
    r0, n0, a0, c0, r1, n1, a1, c1 = map(int, f[8:16])
    served = max(r1 - r0 - 1, 1)   # minus the /stats call that read the "before" counters
    runs.setdefault(i, []).append(dict(rps=requests / (micros / 1e6), p50=p50, p99=p99, errors=errors,
                                      non2xx=n1 - n0, alloc=(a1 - a0) / served, cpu=(c1 - c0) / served))
med = {i: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for i, rs in runs.items()}
bad = {i: sum(r["non2xx"] + r["errors"] for r in rs) for i, rs in runs.items()}
print(f"wrk: 2 threads, {connections} connections, {rounds} rounds of {duration} s per target, interleaved; median round shown")
print()
print("| target | req/s | p50 | p99 | non-2xx | socket errors | host CPU per request | allocated per request |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
ms = lambda us: f"{us / 1000:.2f} ms"
for i, name in enumerate(names):
    m, rs = med[i], runs[i]
    print(f"| {name} | {m['rps']:,.0f} | {ms(m['p50'])} | {ms(m['p99'])} | {sum(r['non2xx'] for r in rs)} | {sum(r['errors'] for r in rs)} | {m['cpu']:.0f} µs | {m['alloc'] / 1024:.1f} KB |")
print()
idx = {n: i for i, n in enumerate(names)}
def ratio(a, b, f):   # a over b, each round paired with the same round of b, median over the rounds
    return statistics.median(f(runs[idx[a]][k]) / f(runs[idx[b]][k]) for k in range(len(runs[idx[a]])))
print("| ratio, paired round by round (median) | host CPU per request | time per request (1 / req/s) |")
print("|---|---:|---:|")
for a, b in [("page + button", "page"), ("page without a form + button", "page without a form"),
             ("finish (library)", "finish (careful hand-written)"), ("finish (library)", "finish (bare hand-written)"),
             ("finish (careful hand-written)", "finish (bare hand-written)"), ("page", "bare endpoint")]:
    print(f"| {a} / {b} | {ratio(a, b, lambda r: r['cpu']):.2f} | {ratio(a, b, lambda r: 1 / r['rps']):.2f} |")
print()
mb = lambda b: f"{b / 1048576:.0f} MB"
b, a, g = (json.load(open(p)) for p in (before, after, after_gc))
print(f"| host memory ({'Server' if a['ServerGc'] else 'Workstation'} GC) | after warm-up | after {a['Finishes']:,} finishes | then after a full GC |")
print("|---|---:|---:|---:|")
print(f"| working set | {mb(b['WorkingSetBytes'])} | {mb(a['WorkingSetBytes'])} | {mb(g['WorkingSetBytes'])} |")
print(f"| GC heap size | {mb(b['GcHeapBytes'])} | {mb(a['GcHeapBytes'])} | {mb(g['GcHeapBytes'])} |")
print(f"| live objects | {mb(b['LiveBytes'])} | {mb(a['LiveBytes'])} | {mb(g['LiveBytes'])} |")
print(f"| gen-2 collections | {b['Gen2Collections']} | {a['Gen2Collections']} | {g['Gen2Collections']} |")
print(f"\nRequests abandoned by wrk as a run ended (not counted as non-2xx): {a['Aborted']}")
for failure, count in sorted(g["Failures"].items()):
    print(f"Non-2xx answers, {failure}: {count}")
# A handful of failures in a run of tens of thousands is reported above; more than 0.1% of a target fails the run.
served = {i: sum(r["rps"] for r in rs) * float(duration) for i, rs in runs.items()}
failed = [names[i] for i in bad if bad[i] > served[i] / 1000]
if failed:
    print("\nMore than 0.1% of the requests failed (non-2xx or socket errors) for: " + ", ".join(failed), file=sys.stderr)
    sys.exit(1)
PY
