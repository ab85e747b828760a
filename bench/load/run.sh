#!/usr/bin/env bash
# Loads 1,000,000 rows into a fresh local DSQL with `dsqlkit load`'s engine and backfills them with
# `dsqlkit batch`'s engine, each next to the single unbounded COPY / UPDATE into the PostgreSQL behind
# it (the local ceiling), measured in the same run; prints rows/s and the ratios.
#   bench/load/run.sh [rows] [parallel]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
parallel="${2:-4}"
./mvnw -q -B -pl dsqlkit-migrate -am test -Dtest=LoadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddsqlkit.bench=true -Dbench.rows="$rows" -Dbench.parallel="$parallel" -Dbench.out="$PWD/bench/load/last-run.txt"
cat bench/load/last-run.txt
