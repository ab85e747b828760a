#!/usr/bin/env bash
# Lint throughput of dsqlkit next to squawk on the same generated corpus of migration SQL.
#
#   bench/lint/run.sh                 # 64 MiB corpus in ~1 MiB files, 3 timed runs each
#   CORPUS_MIB=128 RUNS=5 bench/lint/run.sh
#   SQUAWK=/path/to/squawk bench/lint/run.sh   # skip installing the peer
#
# Measures, on the same files:
#   - dsqlkit warm: in-process, JIT warmed, lint of texts already in memory (LintThroughput.java);
#   - dsqlkit whole process: wall time of `./dsqlkit lint --format json <corpus>` (JVM start included);
#   - squawk whole process: wall time of `squawk --reporter json <corpus>/*.sql` (npm squawk-cli);
# and prints dsqlkit MiB/s divided by squawk MiB/s, for the DSQL-dialect corpus and for the same
# corpus made valid PostgreSQL (see below). The corpus is split into ~1 MiB files because squawk is
# slow on single huge files. Timings are medians of RUNS runs. Not part of the test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/lint"
corpus="${CORPUS:-$here/target/corpus}"
size_mib="${CORPUS_MIB:-64}"
runs="${RUNS:-3}"

log() { echo "bench/lint: $*" >&2; }

# 1. The CLI jar (the launcher builds it when missing or stale).
"$root/dsqlkit" --version >/dev/null
jar="$root/dsqlkit-cli/target/dsqlkit.jar"

# 2. The corpus (regenerated when missing or smaller than asked).
have_mib=0
[ -d "$corpus" ] && have_mib=$(cat "$corpus"/*.sql 2>/dev/null | wc -c | awk '{print int($1/1048576)}')
if [ "$have_mib" -lt "$size_mib" ]; then
  log "generating a ${size_mib} MiB corpus in $corpus"
  rm -rf "$corpus"
  java "$here/Generate.java" "$corpus" "$size_mib" 1024 >&2
fi
files=$(ls "$corpus"/*.sql | wc -l)

# 3. squawk, installed outside the repo by the shared peers script.
. "$here/squawk.sh"
squawk_version="$("$squawk" --version 2>/dev/null || echo squawk)"

# Median wall time in seconds of running "$@" RUNS times (exit status ignored: findings exit 1).
median_secs() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    times+=("$(awk -v s="$s" -v e="$e" 'BEGIN{printf "%.3f", e-s}')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'
}

# squawk stops at a syntax error and then runs none of its rules on that file, and DSQL's
# `CREATE INDEX ASYNC` is not PostgreSQL syntax. So the same corpus is also measured with ASYNC
# removed ("pg"): valid PostgreSQL, on which squawk runs every rule.
pg_corpus="$corpus-pg"
if [ ! -d "$pg_corpus" ] || [ "$(ls "$pg_corpus" | wc -l)" -ne "$files" ] || [ "$corpus" -nt "$pg_corpus" ]; then
  rm -rf "$pg_corpus"; mkdir -p "$pg_corpus"
  for f in "$corpus"/*.sql; do sed -E 's/ INDEX ASYNC / INDEX /g' "$f" > "$pg_corpus/$(basename "$f")"; done
fi

results=()
for c in "$corpus" "$pg_corpus"; do
  label=$([ "$c" = "$corpus" ] && echo "dsql" || echo "pg")
  c_bytes=$(cat "$c"/*.sql | wc -c)
  c_mib=$(awk -v b="$c_bytes" 'BEGIN{printf "%.2f", b/1048576}')
  log "[$label] dsqlkit warm (in-process)..."
  warm_out="$(java -cp "$jar" "$here/LintThroughput.java" "$c" 2 "$runs")"
  echo "$warm_out" | sed 's/^/  /' >&2
  warm=$(echo "$warm_out" | awk -F= '/^warm_mib_per_s=/{print $2}')
  log "[$label] dsqlkit whole process..."
  ds=$(median_secs "$root/dsqlkit" lint --format json "$c")
  log "[$label] squawk whole process..."
  ss=$(median_secs "$squawk" --reporter json "$c"/*.sql)
  # Findings per tool, to show both did real work on the same files.
  df=$("$root/dsqlkit" lint --format json "$c" 2>/dev/null | grep -o '"ruleId"' | wc -l || true)
  sf=$("$squawk" --reporter json "$c"/*.sql 2>/dev/null | grep -o '"rule_name"' | wc -l || true)
  sx=$("$squawk" --reporter json "$c"/*.sql 2>/dev/null | grep -o '"rule_name":"syntax-error"' | wc -l || true)
  results+=("$label $c_mib $warm $ds $ss $df $sf $sx")
done

echo "lint throughput, $files files of ~1 MiB generated migration SQL, median of $runs runs; $squawk_version"
printf '%s\n' "${results[@]}" | awk '{
  label=$1; mib=$2; warm=$3; ds=$4; ss=$5; df=$6; sf=$7; sx=$8;
  dp = mib / ds; sp = mib / ss;
  printf "[%s] %.1f MiB%s\n", label, mib, label == "dsql" ? " (DSQL dialect: CREATE INDEX ASYNC ...)" : " (same SQL without ASYNC: valid PostgreSQL)";
  printf "  %-28s %8.1f MiB/s\n", "dsqlkit warm (in-process)", warm;
  printf "  %-28s %8.1f MiB/s  (%.2f s, %d findings)\n", "dsqlkit whole process", dp, ds, df;
  printf "  %-28s %8.1f MiB/s  (%.2f s, %d findings, %d of them syntax errors)\n", "squawk whole process", sp, ss, sf, sx;
  printf "  ratio dsqlkit warm / squawk:    %.2fx\n", warm / sp;
  printf "  ratio dsqlkit process / squawk: %.2fx\n", dp / sp;
}'
