#!/usr/bin/env bash
# Proxy CPU microseconds per pgbench transaction, gateway vs PgBouncer (session pooling), same session,
# interleaved rounds: a load-robust companion to run.sh's TPS. Needs pgbench and pgbouncer.
# Usage: bench/gateway/cpu.sh   (env: CLIENTS=8 THREADS=2 TX=5000 ROUNDS=3 MODE=-S HOLD=false)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source "$root/bench/local-classpath.sh"
# CpuPerTx starts PgBouncer and runs commands with GatewayBench's helpers: compile the two together.
classes="$root/dsqlkit-local/target/bench-classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$cp" bench/gateway/GatewayBench.java bench/gateway/CpuPerTx.java
exec java -Xmx512m ${JAVA_OPTS:-} -Dclients="${CLIENTS:-8}" -Dthreads="${THREADS:-2}" -Dtx="${TX:-5000}" \
  -Drounds="${ROUNDS:-3}" -Dmode="${MODE:--S}" -Dhold="${HOLD:-false}" -cp "$cp:$classes" CpuPerTx
