#!/usr/bin/env bash
# pgbench through the dsqlkit gateway vs directly against the same PostgreSQL (same run, same
# clients/threads/duration), then gateway memory per idle connection.
# Usage: bench/gateway/run.sh   (env: CLIENTS=8 THREADS=2 SECONDS=15 IDLE=200)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v pgbench >/dev/null || { echo "pgbench is required" >&2; exit 2; }
./mvnw -q -B -o -pl dsqlkit-local -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/dsqlkit-local/target/bench.classpath" >&2
cp="$(tr ':' '\n' < dsqlkit-local/target/bench.classpath | grep -v "$root" | paste -sd:)"
cp="$cp:$root/dsqlkit-sql/target/classes:$root/dsqlkit-rules/target/classes:$root/dsqlkit-client/target/classes:$root/dsqlkit-local/target/classes"
exec java -Xmx512m -Dclients="${CLIENTS:-8}" -Dthreads="${THREADS:-2}" -Dseconds="${SECONDS_PER_RUN:-15}" -Didle="${IDLE:-200}" \
  -cp "$cp" bench/gateway/GatewayBench.java
