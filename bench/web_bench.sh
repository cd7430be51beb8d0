#!/usr/bin/env bash
# Load benchmark of the web application (issue 4): wrk on the case page and the case list of an
# account with CASES cases (default 100,000) in SQLite, over loopback, server and wrk on the same
# machine. Prints wrk's figures (requests/s and the latency distribution incl. p99).
#
#   bash bench/web_bench.sh                 # the build in build/ (RelWithDebInfo), 100,000 cases
#   CASES=20000 DURATION=10 bash bench/web_bench.sh
#
# The data directory (bench-data-N/ in the build directory) is kept between runs: the cases are
# generated once (about a minute), delete the directory to start over.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cases="${CASES:-100000}"
duration="${DURATION:-15}"
connections="${CONNECTIONS:-16}"
threads="${SERVER_THREADS:-16}"
port="${PORT:-18090}"
build="${BUILD:-build}"
data="$build/bench-data-$cases"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[[ -d "$build" ]] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target inkasso >/dev/null

if [[ ! -f "$data/inkasso.db" ]]; then
  echo "==> Generating $cases cases in $data (once)"
  "$build/inkasso" demo-data --data-dir "$data" --cases "$cases" | tail -n 3
fi

"$build/inkasso" serve --data-dir "$data" --port "$port" --threads "$threads" --quiet &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/log-ind" >/dev/null && break; sleep 0.2; done

# Log in as the demo user like a browser: the login form's CSRF cookie and token, then the
# session cookie.
jar="$(mktemp)"
csrf="$(curl -s -c "$jar" "http://127.0.0.1:$port/log-ind" |
  sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data-urlencode "csrf=$csrf" --data-urlencode "email=demo@inkasso.dk" \
  --data-urlencode "password=demo-inkasso-2026" "http://127.0.0.1:$port/log-ind"
session="$(awk '$6 == "inkasso_session" { print $7 }' "$jar")"
rm -f "$jar"
[[ -n "$session" ]] || { echo "login failed" >&2; exit 1; }
total="$(( cases + 20 ))"
status="$(curl -s -o /dev/null -w '%{http_code}' -b "inkasso_session=$session" \
  "http://127.0.0.1:$port/sager/$(( total / 2 ))")"
[[ "$status" == 200 ]] || { echo "the case page answered $status" >&2; exit 1; }

lua="$(mktemp --suffix=.lua)"
cat >"$lua" <<LUA
-- Each request opens another of the account's cases, spread over all of them.
math.randomseed(42)
wrk.headers["Cookie"] = "inkasso_session=$session"
request = function()
  return wrk.format("GET", "/sager/" .. math.random(1, $total))
end
LUA
echo "==> Case page: GET /sager/<random of $total>, $connections connections, ${duration}s"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua" "http://127.0.0.1:$port/"
rm -f "$lua"

echo "==> Case list: GET /sager (open cases, newest first, 50 per page)"
wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: inkasso_session=$session" \
  "http://127.0.0.1:$port/sager"
