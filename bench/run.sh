#!/usr/bin/env bash
# The benchmark of issue 10 in one invocation: build, the bare engine's ceiling, then a node on PostgreSQL with the
# in-process sandbox (warm-up, then the measured run), and the node's throughput as a fraction of the engine's.
#
#   bench/run.sh                          # defaults below
#   BENCH_ORDERS=300 BENCH_RATE=5 bench/run.sh
#   BENCH_NODE_ARGS="--camunda.bpm.job-execution.core-pool-size=3 --camunda.bpm.job-execution.max-pool-size=3" bench/run.sh
#
# The sandbox's Odoo holds stock for about 500 of the driver's orders: keep warm-up + measured below that.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${BENCH_ORDERS:=300}" "${BENCH_WARMUP:=100}" "${BENCH_RATE:=0}" "${BENCH_CONCURRENCY:=8}" "${BENCH_PORT:=18080}"
: "${BENCH_ENGINE_INSTANCES:=1000}" "${BENCH_ENGINE_WARMUP:=500}" "${BENCH_ENGINE_ARGS:=}" "${BENCH_NODE_ARGS:=}"
: "${BENCH_SKIP_ENGINE:=}"

build
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

engine=""
if [[ -z "$BENCH_SKIP_ENGINE" ]]; then
  fresh_db ordergate_bench_engine
  java -cp "$CP" dev.ordergate.bench.EngineBaseline --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/ordergate_bench_engine" \
    --instances "$BENCH_ENGINE_INSTANCES" --warmup "$BENCH_ENGINE_WARMUP" --save-points 9 $BENCH_ENGINE_ARGS \
    >"$BENCH_LOGS/engine.out" 2>&1
  grep -E "^(==|[0-9]+ instances|RESULT)" "$BENCH_LOGS/engine.out"
  engine=$(sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/engine.out")
fi

# One node run per variant, each on a fresh database and a fresh node (and so a fresh sandbox), all in this invocation.
# BENCH_VARIANTS="default=;threads3=--camunda.bpm.job-execution.core-pool-size=3 --camunda.bpm.job-execution.max-pool-size=3"
IFS=';' read -r -a variants <<<"${BENCH_VARIANTS:-default=$BENCH_NODE_ARGS}"
summary=()
for variant in "${variants[@]}"; do
  name=${variant%%=*}
  args=${variant#*=}
  fresh_db ordergate_bench
  : >"$BENCH_LOGS/node-$BENCH_PORT.log"
  echo "-- node variant $name: ${args:-application.yml as is}"
  start_node ordergate_bench "$BENCH_PORT" $args
  url="http://127.0.0.1:$BENCH_PORT"
  driver --url "$url" --orders "$BENCH_WARMUP" --rate 0 --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" --label warm-up \
    >"$BENCH_LOGS/warmup-$name.out" || { cat "$BENCH_LOGS/warmup-$name.out"; exit 1; }
  driver --url "$url" --orders "$BENCH_ORDERS" --rate "$BENCH_RATE" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
    --label "measured-$name" | tee "$BENCH_LOGS/measured-$name.out"
  stop_pid "$NODE_PID"
  node=$(sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  summary+=("$name $node")
done

echo "machine load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
for line in "${summary[@]}"; do
  set -- $line
  if [[ -n "$engine" ]]; then
    awk -v v="$1" -v n="$2" -v e="$engine" 'BEGIN { printf "node %s: %.2f orders/s, bare engine %.2f instances/s (9 save points): %.0f %% of the ceiling\n", v, n, e, 100 * n / e }'
  else
    echo "node $1: $2 orders/s"
  fi
done
