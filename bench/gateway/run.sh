#!/usr/bin/env bash
# pgbench through the dsqlkit gateway vs directly against the same PostgreSQL vs PgBouncer in front of it
# (session pooling, the proxy ceiling): same run, interleaved rounds, medians; then gateway memory per idle
# connection. Workloads: select-only with pgbench's simple protocol (the gateway prepares the repeated point read
# itself, PgBouncer relays the Query), select-only with -M prepared (both only relay), a DSQL-legal read-write script. Works from a fresh clone: Maven resolves what it needs (no offline flag).
# Usage: bench/gateway/run.sh   (env: CLIENTS=8 THREADS=2 SECONDS_PER_RUN=15 ROUNDS=3 WARMUP=20 IDLE=200; WARMUP = seconds of
# an untimed pgbench run per target and workload before the timed rounds, then one half as long on new connections (on 2 busy CPUs the gateway's hot path is compiled
# after some 200k transactions, ~15 s); JAVA_OPTS for the JVM running the gateway,
# e.g. -Ddsqlkit.gateway.threads=1)
# Needs pgbench (postgresql-client) and, for the PgBouncer column, pgbouncer (Debian: apt-get install pgbouncer).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v pgbench >/dev/null || { echo "pgbench is required (Debian: apt-get install postgresql-client)" >&2; exit 2; }
command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] \
  || echo "note: pgbouncer not found (Debian: apt-get install pgbouncer); the PgBouncer column is skipped" >&2
source "$root/bench/local-classpath.sh"
# The gateway runs as the dsqlkit launcher runs it: Netty's leak detection and object pool (Recycler) off (JAVA_OPTS comes
# after, to override: -Dio.netty.recycler.maxCapacityPerThread=4096 is Netty's default).
exec java -Xmx512m -Dio.netty.leakDetection.level=disabled -Dio.netty.recycler.maxCapacityPerThread=0 ${JAVA_OPTS:-} -Dclients="${CLIENTS:-8}" -Dthreads="${THREADS:-2}" -Dseconds="${SECONDS_PER_RUN:-15}" \
  -Drounds="${ROUNDS:-3}" -Dwarmup="${WARMUP:-20}" -Didle="${IDLE:-200}" -cp "$cp" bench/gateway/GatewayBench.java
