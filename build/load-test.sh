#!/usr/bin/env bash
# Load-tests the sample host on loopback with wrk: the page that renders the Connect button (edit mode, one store
# read) and the public-token endpoint (antiforgery, a call to the embedded sandbox over HTTP, a SQLite write).
# Usage: build/load-test.sh [seconds=10] [connections=16]
# Needs wrk (apt-get install wrk). Traffic goes to 127.0.0.1 only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-16}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"

dotnet publish sample-host -c Release -o "$work/app" -nologo -v q >/dev/null
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet HumanConnect.SampleHost.dll --urls "$base" --Sample:DataDirectory="$work/data" >"$work/app.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$base/signin" >/dev/null && break; sleep 0.1; done

# Sign in as a person would, then connect once through the sandbox's test shortcut and the finish endpoint.
jar="$work/cookies"
token=$(curl -sf -c "$jar" "$base/signin" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -sf -b "$jar" -c "$jar" -o /dev/null -d "userName=load-tester&__RequestVerificationToken=$token" "$base/signin"
config=$(curl -sf -b "$jar" -c "$jar" "$base/" | grep -o "data-human-connect=\"[^\"]*\"" | head -1 | sed 's/^data-human-connect="//;s/"$//' | python3 -c 'import html,sys; print(html.unescape(sys.stdin.read()))')
client_id=$(jq -r .clientId <<<"$config"); client_user_id=$(jq -r .clientUserId <<<"$config")
header=$(jq -r .antiforgery.headerName <<<"$config"); afx=$(jq -r .antiforgery.token <<<"$config")
session=$(curl -sf -H 'Content-Type: application/json' -d "{\"clientId\":\"$client_id\",\"clientSecret\":\"a222093922b32027714b0cc5efd6bf666543bd72\",\"clientUserId\":\"$client_user_id\"}" "$base/sandbox/v1/connect/sessions")
curl -sf -b "$jar" -o /dev/null -H 'Content-Type: application/json' -H "$header: $afx" -d "$session" "$base/connect/finish"
# curl marks HttpOnly cookies (the sign-in and antiforgery ones) with a "#HttpOnly_" prefix: keep those lines.
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }')

# Both targets must answer 200 as a signed-in user before they are measured.
curl -sf -o /dev/null -H "Cookie: $cookie" "$base/" && curl -s "$base/" -H "Cookie: $cookie" | grep -q 'data-human-connect=' \
  || { echo "GET / did not render the Connect button for the signed-in user" >&2; exit 1; }
curl -sf -o /dev/null -X POST -H "Cookie: $cookie" -H "$header: $afx" -H 'Content-Type: application/json' "$base/connect/public-token" \
  || { echo "POST /connect/public-token did not answer 200" >&2; exit 1; }

echo "== GET / (Connect button in edit mode) =="
wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $cookie" "$base/"
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Cookie"] = "$cookie"
wrk.headers["$header"] = "$afx"
wrk.headers["Content-Type"] = "application/json"
LUA
echo "== POST /connect/public-token (sandbox over loopback HTTP, SQLite write) =="
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "$base/connect/public-token"
curl -sf -o /dev/null -X POST -H "Cookie: $cookie" -H "$header: $afx" -H 'Content-Type: application/json' "$base/connect/public-token"
