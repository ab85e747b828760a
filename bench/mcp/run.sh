#!/usr/bin/env bash
# MCP server benchmark: dsqlkit's MCP server vs @modelcontextprotocol/server-postgres, same local DSQL,
# same run. Measures (with ../shared/bench/mcp-latency.mjs over stdio):
#   startup_ms  spawn -> completed `initialize`
#   p50_ms / p99_ms / calls_per_s  for N sequential tools/call `query`
# Usage: bench/mcp/run.sh [CALLS]   (default 500). Needs java 17+, node 18+, npm (peers via setup.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
calls="${1:-${CALLS:-500}}"
bench_dir="${DSQLKIT_BENCH_DIR:-}"
for d in "$root/../shared/bench" "/work/shared/bench"; do
  [ -z "$bench_dir" ] && [ -f "$d/mcp-latency.mjs" ] && bench_dir="$d"
done
[ -n "$bench_dir" ] || { echo "mcp-latency.mjs not found; set DSQLKIT_BENCH_DIR" >&2; exit 2; }
export DSQLKIT_PEERS="${DSQLKIT_PEERS:-$HOME/.cache/dsqlkit-peers}"
[ -x "$DSQLKIT_PEERS/node_modules/.bin/mcp-server-postgres" ] || DSQLKIT_PEERS="$(bash "$bench_dir/setup.sh")"
work="$(mktemp -d)"
cleanup() { [ -n "${local_pid:-}" ] && kill "$local_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "== building class path" >&2
(cd "$root" && ./mvnw -q -B -o -pl dsqlkit-mcp -am compile dependency:build-classpath \
   -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null)
# the local DSQL always runs from the module class path
local_cp="$root/dsqlkit-mcp/target/classes:$(cat "$work/cp.txt")"

echo "== starting local DSQL (--auth none)" >&2
java -cp "$local_cp" "$root/bench/mcp/StartLocal.java" --port 0 --ephemeral --auth none >"$work/local.out" 2>"$work/local.err" &
local_pid=$!
for _ in $(seq 1 120); do grep -q "ready:" "$work/local.out" 2>/dev/null && break; sleep 0.5; done
port="$(grep -o 'port=[0-9]*' "$work/local.out" | head -1 | cut -d= -f2)"
[ -n "$port" ] || { echo "local DSQL did not start:" >&2; cat "$work/local.err" >&2; exit 1; }
url="postgresql://admin@localhost:$port/postgres"
echo "   $url" >&2

# The real user path: the ./dsqlkit launcher with the shaded jar. "plain" turns the launcher's AppCDS off
# (DSQLKIT_CDS=0); the CDS row uses the archive the launcher trains once per build (warm-up below).
# Extra JVM flags for both rows: DSQLKIT_JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1).
echo "== building the shaded jar and the launcher's AppCDS archive (warm-up run)" >&2
"$root/dsqlkit" mcp --url "$url" --read-only </dev/null >/dev/null
dsqlkit=(env DSQLKIT_CDS=0 "$root/dsqlkit" mcp --url "$url" --read-only)
dsqlkit_cds=("$root/dsqlkit" mcp --url "$url" --read-only)
peer=(node "$DSQLKIT_PEERS/node_modules/@modelcontextprotocol/server-postgres/dist/index.js" "$url")
measure() { node "$bench_dir/mcp-latency.mjs" --calls "$1" --tool query --args "$2" -- "${@:3}"; }

for q in '{"sql":"SELECT 1"}' '{"sql":"SELECT g, md5(g::text) FROM generate_series(1, 100) g"}'; do
  echo "== query $q, $calls calls" >&2
  peer_r="$(measure "$calls" "$q" "${peer[@]}")"
  plain_r="$(measure "$calls" "$q" "${dsqlkit[@]}")"
  cds_r="$(measure "$calls" "$q" "${dsqlkit_cds[@]}")"
  node -e '
    const [peer, plain, cds, q] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), JSON.parse(process.argv[3]), process.argv[4]];
    const row = (n, r) => `${n.padEnd(28)} ${String(r.startup_ms).padStart(9)} ${String(r.p50_ms).padStart(8)} ${String(r.p99_ms).padStart(8)} ${String(r.calls_per_s).padStart(9)} ${String(r.errors).padStart(6)}`;
    console.log(`\nquery ${q}`);
    console.log(`${"server".padEnd(28)} ${"start ms".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"calls/s".padStart(9)} ${"errors".padStart(6)}`);
    console.log(row("server-postgres 0.6.2", peer));
    console.log(row("dsqlkit mcp (DSQLKIT_CDS=0)", plain));
    console.log(row("./dsqlkit mcp (AppCDS)", cds));
    const x = (a, b) => (a / b).toFixed(2) + "x";
    for (const [n, r] of [["dsqlkit", plain], ["dsqlkit+CDS", cds]]) {
      console.log(`ratio ${n} vs server-postgres (>1 = dsqlkit better): startup ${x(peer.startup_ms, r.startup_ms)}, p50 ${x(peer.p50_ms, r.p50_ms)}, p99 ${x(peer.p99_ms, r.p99_ms)}, calls/s ${x(r.calls_per_s, peer.calls_per_s)}`);
    }' "$peer_r" "$plain_r" "$cds_r" "$q"
done
