#!/usr/bin/env bash
# MCP per-call benchmark: `./dsqlkit mcp` vs @modelcontextprotocol/server-postgres 0.6.2, same run, interleaved
# (bench/mcp/mcp-bench.mjs), through local DSQL and straight to PostgreSQL:
#   warm-up:      WARMUP calls per server, alternating call by call (both servers, and the freshly started local DSQL
#                 gateway, warm up together); their p50 is printed as the cold p50 and kept out of the rounds
#   back-to-back: ROUNDS x CALLS sequential `query` calls per server, rounds alternate which server goes first
#   agent-paced:  PACED calls per server with ~GAP_MS between a server's calls (what an agent does)
# Prints medians, the ratio (>1 = dsqlkit better) and the machine's load average (this is a latency benchmark:
# on a busy machine the absolute numbers move, the same-run ratio is what to read).
# Usage: bench/mcp/run.sh   env: WARMUP=1000 CALLS=1000 ROUNDS=3 PACED=60 GAP_MS=1000 SQL='SELECT 1'
# Needs: java 17+, node 18+, npm; PostgreSQL's initdb/postgres on PATH (or /usr/lib/postgresql/*/bin) for the
# direct rows (skipped otherwise). Works from a fresh clone: the launcher builds the jar, peers install outside the repo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
warmup="${WARMUP:-1000}" calls="${CALLS:-1000}" rounds="${ROUNDS:-3}" paced="${PACED:-60}" gap="${GAP_MS:-1000}" sql="${SQL:-SELECT 1}"
bench_dir="${DSQLKIT_BENCH_DIR:-}"
for d in "$root/../shared/bench" "/work/shared/bench"; do
  [ -z "$bench_dir" ] && [ -f "$d/setup.sh" ] && bench_dir="$d"
done
export DSQLKIT_PEERS="${DSQLKIT_PEERS:-$HOME/.cache/dsqlkit-peers}"
if [ ! -x "$DSQLKIT_PEERS/node_modules/.bin/mcp-server-postgres" ] || [ ! -d "$DSQLKIT_PEERS/node_modules/@modelcontextprotocol/sdk" ]; then
  if [ -n "$bench_dir" ]; then
    DSQLKIT_PEERS="$(bash "$bench_dir/setup.sh")"
  else # the same pinned peers as ../shared/bench/setup.sh, outside the repo
    mkdir -p "$DSQLKIT_PEERS" && (cd "$DSQLKIT_PEERS" && { [ -f package.json ] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund --silent @modelcontextprotocol/sdk@1.32.2 @modelcontextprotocol/server-postgres@0.6.2 >/dev/null)
  fi
fi
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done
  wait 2>/dev/null || true
  [ -n "${pgdata:-}" ] && [ -f "$pgdata/postmaster.pid" ] && as_pg pg_ctl -D "$pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

echo "== building the shaded jar (./dsqlkit launcher; Maven downloads what it needs)" >&2
"$root/dsqlkit" --version >/dev/null

echo "== starting local DSQL (--auth none)" >&2
"$root/dsqlkit" local --port 0 --ephemeral --auth none >"$work/local.out" 2>"$work/local.err" &
pids+=($!)
for _ in $(seq 1 240); do grep -q "ready:" "$work/local.out" 2>/dev/null && break; sleep 0.5; done
port="$(grep -o 'port=[0-9]*' "$work/local.out" | head -1 | cut -d= -f2)"
[ -n "$port" ] || { echo "local DSQL did not start:" >&2; cat "$work/local.err" >&2; exit 1; }
targets=("local-dsql postgresql://admin@localhost:$port/postgres")
echo "== the launcher's AppCDS archive (trained once per build)" >&2
"$root/dsqlkit" mcp --url "postgresql://admin@localhost:$port/postgres" --read-only </dev/null >/dev/null 2>&1 || true

pg_bin=""
for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { pg_bin="$d"; break; }
done
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- env PATH="$pg_bin:$PATH" "$@"; else env PATH="$pg_bin:$PATH" "$@"; fi; }
if [ -n "$pg_bin" ]; then
  echo "== starting PostgreSQL ($("$pg_bin/postgres" --version)) for the direct rows" >&2
  pgdata="$work/pg"
  mkdir -p "$pgdata" && { [ "$(id -u)" != 0 ] || chown postgres "$work" "$pgdata"; }
  as_pg initdb -D "$pgdata" -A trust -U bench >/dev/null
  pgport="$(free_port)"
  as_pg pg_ctl -D "$pgdata" -l "$pgdata/log" -o "-p $pgport -c listen_addresses=127.0.0.1 -k $pgdata -c fsync=off" -w start >/dev/null
  targets+=("postgresql postgresql://bench@127.0.0.1:$pgport/postgres")
else
  echo "== no initdb/postgres found: skipping the straight-to-PostgreSQL rows" >&2
fi

args="$(node -e 'console.log(JSON.stringify({sql: process.argv[1]}))' "$sql")"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime), $(nproc 2>/dev/null || echo '?') cores" >&2
for t in "${targets[@]}"; do
  name="${t%% *}" url="${t#* }"
  echo "== $name: $warmup warm-up + $rounds x $calls back-to-back + $paced agent-paced calls per server, query $args" >&2
  node "$root/bench/mcp/mcp-bench.mjs" --warmup "$warmup" --calls "$calls" --rounds "$rounds" --paced "$paced" --gap-ms "$gap" --tool query --args "$args" \
    --a-name dsqlkit --a "$root/dsqlkit mcp --url $url --read-only" \
    --b-name server-postgres --b "node $DSQLKIT_PEERS/node_modules/@modelcontextprotocol/server-postgres/dist/index.js $url" \
    --watch "^(\\S*/)?postgres[: ]|java.* local --port" \
    >"$work/$name.json"
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), name = process.argv[2];
    const d = r.back_to_back.dsqlkit, p = r.back_to_back["server-postgres"], dp = r.paced.dsqlkit, pp = r.paced["server-postgres"];
    const x = (a, b) => (a == null || b == null ? "n/a" : (a / b).toFixed(2) + "x");
    const v = (z) => String(z ?? "-"); // null: not measured (PACED=0)
    const row = (n, a, b, c, e) => `${n.padEnd(34)} ${v(a).padStart(9)} ${v(b).padStart(9)} ${v(c).padStart(9)} ${v(e).padStart(7)}`;
    console.log(`\n${name}: query ${JSON.stringify(r.args)}; load average ${r.load_average.before.join(" ")} -> ${r.load_average.after.join(" ")}`);
    console.log(row("", "p50 ms", "p99 ms", "calls/s", "errors"));
    console.log(row(`back-to-back ${d.runs.length}x dsqlkit`, d.p50_ms, d.p99_ms, d.calls_per_s, d.errors));
    console.log(row("back-to-back server-postgres", p.p50_ms, p.p99_ms, p.calls_per_s, p.errors));
    console.log(row(`agent-paced (${dp.gap_ms} ms) dsqlkit`, dp.p50_ms, dp.p99_ms, "", dp.errors));
    console.log(row(`agent-paced (${pp.gap_ms} ms) server-postgres`, pp.p50_ms, pp.p99_ms, "", pp.errors));
    console.log(`ratio (>1 = dsqlkit better): back-to-back p50 ${x(p.p50_ms, d.p50_ms)}, calls/s ${x(d.calls_per_s, p.calls_per_s)}; agent-paced p50 ${x(pp.p50_ms, dp.p50_ms)}`);
    const w = r.warmup || {}, wd = w.dsqlkit || {}, wp = w["server-postgres"] || {};
    console.log(`warm-up (first ${wd.calls ?? 0} calls each, alternating, not in the rounds) p50 ms: dsqlkit ${v(wd.p50_ms)}, server-postgres ${v(wp.p50_ms)}`);
    console.log(`per-round p50 ms dsqlkit ${d.runs.map((q) => q.p50_ms).join(" / ")}; server-postgres ${p.runs.map((q) => q.p50_ms).join(" / ")}`);
    console.log(`start-up (one spawn each, spawn to initialize answered): dsqlkit ${d.startup_ms} ms, server-postgres ${p.startup_ms} ms`);
    if (d.server_cpu_us_per_call != null) {
      console.log(`CPU per back-to-back call, median of rounds (us): server process dsqlkit ${d.server_cpu_us_per_call}, server-postgres ${p.server_cpu_us_per_call};`
        + ` database side (PostgreSQL, and the local DSQL gateway) dsqlkit ${d.watched_cpu_us_per_call}, server-postgres ${p.watched_cpu_us_per_call};`
        + ` whole machine (client, server, database) dsqlkit ${d.machine_cpu_us_per_call}, server-postgres ${p.machine_cpu_us_per_call}`);
    }
  ' "$work/$name.json" "$name"
done
