#!/usr/bin/env bash
# How long the second writer of a row waits, and where the errors surface, under --occ postgres
# and --occ dsql (issue #13). Usage: bench/occ/run.sh   (env: ROUNDS=50)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -B -pl dsqlkit-local -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/dsqlkit-local/target/bench.classpath" >&2
cp="$(tr ':' '\n' < dsqlkit-local/target/bench.classpath | grep -v "$root" | paste -sd:)"
cp="$cp:$root/dsqlkit-sql/target/classes:$root/dsqlkit-rules/target/classes:$root/dsqlkit-client/target/classes:$root/dsqlkit-local/target/classes"
exec java -Xmx512m -Drounds="${ROUNDS:-50}" -cp "$cp" bench/occ/OccWaitBench.java
