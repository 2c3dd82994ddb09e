#!/usr/bin/env bash
# How a fresh node warms up: bursts of orders one after another on one node (peers in their own JVM), and for each the
# orders/s and the node's CPU seconds per order by thread pool, read from /proc/<pid>/task/*/stat. It found that the
# C2 compiler takes more than half of a fresh node's CPU and that a node settles after about 450 orders
# (docs/benchmarks.md, "The bench measured the compiler").
#
#   bench/warmup-phases.sh                                           # 6 bursts of 150 orders, the chart's options
#   WARMUP_PHASES=4 WARMUP_PHASE_ORDERS=200 bench/warmup-phases.sh -XX:ReservedCodeCacheSize=64m   # node arguments
#
# The sandbox's Odoo holds stock for about 1,000 orders: keep phases x orders below that.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${WARMUP_PHASES:=6}" "${WARMUP_PHASE_ORDERS:=150}" "${BENCH_DB:=ordergate_bench}" "${BENCH_PORT:=18080}"

build
fresh_db "$BENCH_DB"
# The WMS confirms shipments after the same delay as in bench/run.sh, so the phases compare with its figures.
start_peers $((BENCH_PORT + 10)) "http://127.0.0.1:$BENCH_PORT" \
  --ordergate.sandbox.wms.shipment-delay="${BENCH_SHIPMENT_DELAY:-PT0.1S}"
start_node "$BENCH_DB" "$BENCH_PORT" "${PEER_ARGS[@]}" "$@"

# CPU ticks per thread pool (the thread's name as the kernel keeps it, 15 characters, without its number).
threads() {
  local task
  for task in /proc/"$NODE_PID"/task/*; do
    printf '%s %s\n' "$(tr ' ' _ <"$task/comm" | sed 's/[-_]*[0-9]*$//')" "$(awk '{print $14 + $15}' "$task/stat")"
  done | awk '{ticks[$1] += $2} END {for (pool in ticks) print pool, ticks[pool]}' | sort
}

ticks=$(getconf CLK_TCK)
done_orders=0
for phase in $(seq 1 "$WARMUP_PHASES"); do
  before=$(threads)
  rate=$(driver --url "http://127.0.0.1:$BENCH_PORT" --orders "$WARMUP_PHASE_ORDERS" --rate 0 --concurrency 8 \
    --pid "$NODE_PID" --peers-url "$PEERS_URL" --peers-pid "$PEERS_PID" --label "phase-$phase" |
    sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p')
  after=$(threads)
  join -a 2 -e 0 -o 0,1.2,2.2 <(echo "$before") <(echo "$after") | awk -v n="$WARMUP_PHASE_ORDERS" -v hz="$ticks" -v rate="$rate" \
    -v from="$done_orders" '
    { d = ($3 - $2) / hz / n; total += d
      if ($1 ~ /^C2/) c2 += d; else if ($1 ~ /^camundaTask/) jobs += d; else if ($1 ~ /^http-nio/) http += d }
    END { printf "orders %4d-%4d: %6.2f orders/s, node %.3f CPU s per order (C2 %.3f, job threads %.3f, request threads %.3f)\n",
          from, from + n, rate, total, c2, jobs, http }'
  done_orders=$((done_orders + WARMUP_PHASE_ORDERS))
done
jcmd "$NODE_PID" Compiler.codecache | sed -n 2p
