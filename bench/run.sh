#!/usr/bin/env bash
# The benchmark of issue 10 in one invocation: build, the bare engine's ceiling, then a node on PostgreSQL with the
# in-process sandbox (warm-up, then the measured run), and the node's throughput as a fraction of the engine's.
#
#   bench/run.sh                          # defaults below
#   BENCH_ORDERS=300 BENCH_RATE=5 bench/run.sh
#   BENCH_NODE_ARGS="--camunda.bpm.job-execution.core-pool-size=3 --camunda.bpm.job-execution.max-pool-size=3" bench/run.sh
#   BENCH_VARIANTS="before=--jar=/tmp/before/target/ordergate-0.1.0.jar;after=" bench/run.sh   # another build's node
#
# Then, on the same node, a fixed-rate run at half the throughput just measured: the intake p99 a channel sees when the
# node is not saturated. Each run reports Odoo calls per completed order by model and method (the sandbox's counts)
# and the node's CPU seconds per order.
#
# The sandbox's Odoo holds stock for about 500 of the driver's orders: keep warm-up + measured + fixed-rate below that.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${BENCH_ORDERS:=300}" "${BENCH_WARMUP:=100}" "${BENCH_RATE:=0}" "${BENCH_CONCURRENCY:=8}" "${BENCH_PORT:=18080}"
: "${BENCH_ENGINE_INSTANCES:=1000}" "${BENCH_ENGINE_WARMUP:=500}" "${BENCH_ENGINE_ARGS:=}" "${BENCH_NODE_ARGS:=}"
: "${BENCH_SKIP_ENGINE:=}" "${BENCH_FIXED_ORDERS:=60}" "${BENCH_DB:=ordergate_bench}"

build
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

engine=""
if [[ -z "$BENCH_SKIP_ENGINE" ]]; then
  fresh_db "${BENCH_DB}_engine"
  java -cp "$CP" dev.ordergate.bench.EngineBaseline --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/${BENCH_DB}_engine" \
    --instances "$BENCH_ENGINE_INSTANCES" --warmup "$BENCH_ENGINE_WARMUP" --save-points 9 $BENCH_ENGINE_ARGS \
    >"$BENCH_LOGS/engine.out" 2>&1 || echo "engine baseline exited $? (its RESULT line, if printed, still counts)"
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
  # --jar=PATH runs that build's node (e.g. the commit before a change) against this build's driver.
  node_jar=$JAR
  node_args=()
  for arg in $args; do
    case $arg in --jar=*) node_jar=${arg#--jar=} ;; *) node_args+=("$arg") ;; esac
  done
  fresh_db "$BENCH_DB"
  : >"$BENCH_LOGS/node-$BENCH_PORT.log"
  echo "-- node variant $name: ${args:-application.yml as is}"
  own_jar=$JAR
  JAR=$node_jar
  start_node "$BENCH_DB" "$BENCH_PORT" ${node_args[@]+"${node_args[@]}"}
  JAR=$own_jar
  url="http://127.0.0.1:$BENCH_PORT"
  driver --url "$url" --orders "$BENCH_WARMUP" --rate 0 --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" --label warm-up \
    >"$BENCH_LOGS/warmup-$name.out" || { cat "$BENCH_LOGS/warmup-$name.out"; exit 1; }
  driver --url "$url" --orders "$BENCH_ORDERS" --rate "$BENCH_RATE" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
    --label "measured-$name" | tee "$BENCH_LOGS/measured-$name.out"
  node=$(sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  half=$(awk -v n="$node" 'BEGIN { printf "%.2f", n / 2 }')
  fixed_p99=""
  if [[ "$BENCH_FIXED_ORDERS" -gt 0 ]] && awk -v h="$half" 'BEGIN { exit !(h > 0) }'; then
    driver --url "$url" --orders "$BENCH_FIXED_ORDERS" --rate "$half" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
      --label "fixed-rate-$name" | tee "$BENCH_LOGS/fixed-$name.out"
    fixed_p99=$(sed -n 's/^RESULT.* intake_p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/fixed-$name.out")
  fi
  stop_pid "$NODE_PID"
  calls=$(sed -n 's/^RESULT.* odoo_calls_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  cpu=$(sed -n 's/^RESULT.* cpu_s_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  rss=$(sed -n 's/^RESULT.* peak_rss_mib=\([0-9]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  summary+=("$name $node ${calls:-?} ${cpu:-?} ${fixed_p99:-?} $half ${rss:-?}")
done

echo "machine load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
for line in "${summary[@]}"; do
  set -- $line
  if [[ -n "$engine" ]]; then
    awk -v v="$1" -v n="$2" -v e="$engine" 'BEGIN { printf "node %s: %.2f orders/s, bare engine %.2f instances/s (9 save points): %.0f %% of the ceiling\n", v, n, e, 100 * n / e }'
  else
    echo "node $1: $2 orders/s"
  fi
  echo "node $1: $3 Odoo calls per order, $4 CPU s per order, intake p99 $5 ms at $6 orders/s, peak RSS $7 MiB"
done
