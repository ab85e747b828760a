#!/usr/bin/env bash
# Proxy CPU microseconds per pgbench transaction, gateway vs PgBouncer (session pooling), same session,
# interleaved rounds: a load-robust companion to run.sh's TPS. Needs pgbench and pgbouncer.
# Usage: bench/gateway/cpu.sh   (env: CLIENTS=8 THREADS=2 TX=5000 ROUNDS=3 MODE=-S HOLD=false)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -B -pl dsqlkit-local -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/dsqlkit-local/target/bench.classpath" >&2
cp="$(tr ':' '\n' < dsqlkit-local/target/bench.classpath | grep -v "$root" | paste -sd:)"
cp="$cp:$root/dsqlkit-sql/target/classes:$root/dsqlkit-rules/target/classes:$root/dsqlkit-client/target/classes:$root/dsqlkit-local/target/classes"
exec java -Xmx512m ${JAVA_OPTS:-} -Dclients="${CLIENTS:-8}" -Dthreads="${THREADS:-2}" -Dtx="${TX:-5000}" \
  -Drounds="${ROUNDS:-3}" -Dmode="${MODE:--S}" -Dhold="${HOLD:-false}" -cp "$cp" bench/gateway/CpuPerTx.java
