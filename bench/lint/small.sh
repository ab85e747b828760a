#!/usr/bin/env bash
# Whole-process lint of ONE small migration file: `./dsqlkit lint FILE` vs `squawk FILE` (npm squawk-cli), the
# two interleaved run by run in this session; prints medians, the ratio and the load average.
#   bench/lint/small.sh            # 30 runs each
#   RUNS=50 SQUAWK=/path/to/squawk bench/lint/small.sh
# What this measures is start-up: the JVM (with the launcher's start-up archive, AOT cache on JDK 25+),
# picocli's model of the one command, the rules; squawk is a native binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-30}"
log() { echo "bench/lint/small: $*" >&2; }
. "$root/bench/lint/squawk.sh"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cat > "$work/V2__orders.sql" <<'SQL'
CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'new',
  total numeric(12, 2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ASYNC orders_customer_idx ON orders (customer_id);
ALTER TABLE orders ADD COLUMN note text;
CREATE TABLE order_lines (order_id uuid NOT NULL, line int NOT NULL, sku text NOT NULL, qty int NOT NULL,
  PRIMARY KEY (order_id, line));
SQL
f="$work/V2__orders.sql"
"$root/dsqlkit" lint "$f" >/dev/null 2>&1 || true   # builds the jar and the start-up archive once
"$squawk" "$f" >/dev/null 2>&1 || true
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
d=(); q=()
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 0 ]; then d+=("$(ms "$root/dsqlkit" lint "$f")"); q+=("$(ms "$squawk" "$f")");
  else q+=("$(ms "$squawk" "$f")"); d+=("$(ms "$root/dsqlkit" lint "$f")"); fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
dm="$(median "${d[@]}")"; qm="$(median "${q[@]}")"
echo "lint of one small file, whole process, $runs interleaved runs each, load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dsqlkit lint   median ${dm} ms"
echo "$("$squawk" --version 2>/dev/null || echo squawk) median ${qm} ms"
awk -v d="$dm" -v q="$qm" 'BEGIN { printf "ratio dsqlkit/squawk wall time: %.2fx (target: within 2x)\n", d / q }'
