#!/usr/bin/env bash
# Proxy CPU microseconds per pgbench transaction, gateway vs PgBouncer (session pooling), same session,
# interleaved rounds: a load-robust companion to run.sh's TPS. Needs pgbench and pgbouncer.
# Usage: bench/gateway/cpu.sh   (env: CLIENTS=8 THREADS=2 TX=5000 ROUNDS=3 WARMUP=25000 MODE=-S HOLD=false COMPARE=0; MODE takes pgbench options, e.g. "-S -M prepared";
# WARMUP = untimed transactions per client through the gateway first, for its JIT, then half as many on new connections). Each round also prints PostgreSQL's CPU and the
# whole machine's per transaction (a proxy also changes what the processes around it spend: wake-ups, scheduling).
# COMPARE=N adds a second gateway with N event loops to the same rounds (JAVA_OPTS=-Ddsqlkit.gateway.threads=M sets the first's).
# PROFILE=FILE samples the gateway's CPU during its timed runs with async-profiler (fetched from Maven Central, Linux x64),
# writes the collapsed stacks to FILE and prints where the event loop's time went (send / recv / epoll wait system calls, the rest).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source "$root/bench/local-classpath.sh"
# CpuPerTx starts PgBouncer and runs commands with GatewayBench's helpers: compile the two together.
classes="$root/dsqlkit-local/target/bench-classes"
mkdir -p "$classes"
javac -d "$classes" -cp "$cp" bench/gateway/GatewayBench.java bench/gateway/CpuPerTx.java
# The gateway runs as the dsqlkit launcher runs it: Netty's leak detection and object pool (Recycler) off (JAVA_OPTS comes
# after, to override: -Dio.netty.recycler.maxCapacityPerThread=4096 is Netty's default).
profile=()
if [ -n "${PROFILE:-}" ]; then
  ap="$root/dsqlkit-local/target/async-profiler"
  if [ ! -f "$ap/linux-x64/libasyncProfiler.so" ]; then
    ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 -DoutputDirectory="$ap" >&2
    (cd "$ap" && jar xf async-profiler-4.1-linux-x64.jar)
  fi
  profile=(-Dprofile="$PROFILE" -Dprofiler.lib="$ap/linux-x64/libasyncProfiler.so")
  cp="$cp:$ap/async-profiler-4.1-linux-x64.jar"
fi
exec java -Xmx512m -Dio.netty.leakDetection.level=disabled -Dio.netty.recycler.maxCapacityPerThread=0 ${JAVA_OPTS:-} ${profile[@]+"${profile[@]}"} -Dclients="${CLIENTS:-8}" -Dthreads="${THREADS:-2}" -Dtx="${TX:-5000}" \
  -Drounds="${ROUNDS:-3}" -Dwarmup="${WARMUP:-25000}" -Dmode="${MODE:--S}" -Dhold="${HOLD:-false}" -Dcompare="${COMPARE:-0}" -cp "$cp:$classes" CpuPerTx
