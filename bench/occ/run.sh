#!/usr/bin/env bash
# The two OCC models side by side (issue #13), on two local DSQLs in one run: how long a contended
# second writer's UPDATE waits and where each side's error surfaces, and an increment storm on one
# row (whole-transaction retry over a pool). Prints ratios dsql/postgres.
# Usage: bench/occ/run.sh   (env: ROUNDS=50 CLIENTS=8 PER_CLIENT=25). Runs on a fresh clone.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source "$root/bench/local-classpath.sh"
echo "uptime: $(uptime)"
exec java -Xmx512m -Drounds="${ROUNDS:-50}" -Dclients="${CLIENTS:-8}" -DperClient="${PER_CLIENT:-25}" -cp "$cp" bench/occ/OccWaitBench.java
