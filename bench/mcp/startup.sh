#!/usr/bin/env bash
# MCP start-up: spawn to `initialize` answered, `./dsqlkit mcp` (on Java 17 and on the launcher's default JDK,
# Temurin 25+ with its AOT cache when present) vs @modelcontextprotocol/server-postgres 0.6.2, interleaved run
# by run in this session (bench/mcp/startup.mjs); prints medians, ratios and the load average.
#   bench/mcp/startup.sh                 # 20 runs each
#   RUNS=40 JAVA17=/path/to/java bench/mcp/startup.sh
# Neither server connects before answering initialize, so both get an unreachable URL (port 1): the number is
# pure start-up (JVM or node, the launcher script, option parsing, the MCP SDK). Works from a fresh clone: the
# launcher builds the jar and its start-up archives, the peer installs outside the repo.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-20}"
url="postgresql://bench@127.0.0.1:1/postgres"
bench_dir="${DSQLKIT_BENCH_DIR:-}"
for d in "$root/../shared/bench" "/work/shared/bench"; do
  [ -z "$bench_dir" ] && [ -f "$d/setup.sh" ] && bench_dir="$d"
done
export DSQLKIT_PEERS="${DSQLKIT_PEERS:-$HOME/.cache/dsqlkit-peers}"
peer="$DSQLKIT_PEERS/node_modules/@modelcontextprotocol/server-postgres/dist/index.js"
if [ ! -f "$peer" ]; then
  if [ -n "$bench_dir" ]; then
    DSQLKIT_PEERS="$(bash "$bench_dir/setup.sh")"
  else # the same pinned peers as ../shared/bench/setup.sh and bench/mcp/run.sh, outside the repo
    mkdir -p "$DSQLKIT_PEERS" && (cd "$DSQLKIT_PEERS" && { [ -f package.json ] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund --silent @modelcontextprotocol/sdk@1.32.2 @modelcontextprotocol/server-postgres@0.6.2 >/dev/null)
  fi
  peer="$DSQLKIT_PEERS/node_modules/@modelcontextprotocol/server-postgres/dist/index.js"
fi
java17="${JAVA17:-}"
if [ -z "$java17" ]; then
  for j in /usr/lib/jvm/java-17*/bin/java /usr/lib/jvm/temurin-17*/bin/java; do [ -x "$j" ] && { java17="$j"; break; }; done
fi

servers=(--server "server-postgres=node $peer $url")
names=(server-postgres)
echo "== building the jar and the MCP start-up archives (once per build and JVM)" >&2
if [ -n "$java17" ]; then
  DSQLKIT_JAVA="$java17" "$root/dsqlkit" mcp --url "$url" --read-only </dev/null >/dev/null 2>&1 || true
  servers+=(--server "dsqlkit-java17=env DSQLKIT_JAVA=$java17 $root/dsqlkit mcp --url $url --read-only")
  names+=(dsqlkit-java17)
else
  echo "== no Java 17 found (set JAVA17=...): skipping the Java 17 row" >&2
fi
env -u DSQLKIT_JAVA "$root/dsqlkit" mcp --url "$url" --read-only </dev/null >/dev/null 2>&1 || true
servers+=(--server "dsqlkit-default=env -u DSQLKIT_JAVA $root/dsqlkit mcp --url $url --read-only")
names+=(dsqlkit-default)
# The launcher's cached pick for runs without DSQLKIT_JAVA: the line after a key whose first field is empty.
default_java="$(awk 'prev ~ /^\|/ {print; exit} {prev=$0}' "$root/dsqlkit-cli/target/.dsqlkit-java" 2>/dev/null)"
default_java="${default_java:-?}"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
out="$(node "$root/bench/mcp/startup.mjs" --runs "$runs" "${servers[@]}")"
echo "MCP start-up, spawn to initialize answered, $runs interleaved runs each; $(nproc 2>/dev/null || echo '?') cores;" \
  "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "dsqlkit-default runs $default_java; dsqlkit-java17 runs ${java17:-none}"
node -e '
  const r = JSON.parse(process.argv[1]), p = r["server-postgres"].median_ms;
  const q = r["server-postgres"].ready_median_ms;
  for (const [n, v] of Object.entries(r)) {
    const ratio = n === "server-postgres" ? "" : `  ratio to server-postgres ${(v.median_ms / p).toFixed(2)}x`;
    console.log(`${n.padEnd(16)} initialize: median ${v.median_ms.toFixed(0).padStart(5)} ms  min ${v.min_ms.toFixed(0).padStart(5)} ms${ratio}`);
  }
  for (const [n, v] of Object.entries(r)) {
    const ratio = n === "server-postgres" ? "" : `  ratio to server-postgres ${(v.ready_median_ms / q).toFixed(2)}x`;
    console.log(`${n.padEnd(16)} tools/list:  median ${v.ready_median_ms.toFixed(0).padStart(5)} ms${ratio}`);
  }
  console.log("initialize: spawn to initialize answered (the measure issue 10 names); tools/list: spawn to the tools/list answer (ready for a tool call)");
  console.log("targets (initialize): java17 within 1.5x of server-postgres; Java 25 (default) equal or better (<= 1.00x)");' "$out"
