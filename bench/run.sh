#!/usr/bin/env bash
# The benchmark of issue 10 in one invocation: build, the bare engine's ceiling, then a node on PostgreSQL with the
# in-process sandbox (warm-up, then the measured run), and the node's throughput as a fraction of the engine's.
#
#   bench/run.sh                          # defaults below
#   BENCH_ORDERS=300 BENCH_RATE=5 bench/run.sh
#   BENCH_NODE_ARGS="--camunda.bpm.job-execution.core-pool-size=3 --camunda.bpm.job-execution.max-pool-size=3" bench/run.sh
#   BENCH_VARIANTS="before=--jar=/tmp/before/target/ordergate-0.1.0.jar;after=" bench/run.sh   # another build's node
#   BENCH_VARIANTS="jvm-defaults=--jvm-defaults;shipped=" bench/run.sh    # the JVM's defaults against the chart's options
#
# Then, on the same node, a fixed-rate run at half the throughput just measured: the intake p99 a channel sees when the
# node is not saturated. Each run reports Odoo calls per completed order by model and method (the sandbox's counts)
# and the node's CPU seconds per order.
#
# Then, unless BENCH_SYNC_ITEMS=0, the same fixed rate again while a price-list sync of BENCH_SYNC_ITEMS items (50,000)
# writes to the same Odoo: intake-to-COMPLETED p99 with the sync running against the run without it (issue 15: within
# 20 %). The sync reads a CSV the script drops in the node's price-drop folder and is started through the API once its
# first chunk is written; the script reports whether it was still writing when the orders were done.
#
# BENCH_PEERS=separate runs the sandbox peers in a JVM of their own (fresh per variant, as production has its peers
# elsewhere): the node's CPU and RSS are then the node's alone, and the peers' CPU per order is reported beside them.
# Both share the machine's cores either way.
#
# The warm-up is long because the JIT is: a fresh node's C2 compiler takes more than half of its CPU over the first 150
# orders and settles after about 450 (docs/benchmarks.md, 2026-12-07 13:00); a shorter warm-up measures the compiler.
# The sandbox's Odoo holds stock for about 1,000 of the driver's orders (E-COM08: 1,000 on hand): keep warm-up +
# measured + fixed-rate runs below that.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

: "${BENCH_ORDERS:=300}" "${BENCH_WARMUP:=450}" "${BENCH_RATE:=0}" "${BENCH_CONCURRENCY:=8}" "${BENCH_PORT:=18080}"
: "${BENCH_ENGINE_INSTANCES:=1000}" "${BENCH_ENGINE_WARMUP:=500}" "${BENCH_ENGINE_ARGS:=}" "${BENCH_NODE_ARGS:=}"
: "${BENCH_SKIP_ENGINE:=}" "${BENCH_FIXED_ORDERS:=60}" "${BENCH_DB:=ordergate_bench}" "${BENCH_SYNC_ITEMS:=50000}"
: "${BENCH_PEERS:=in-process}"
# The order's happy path: 5 save points since the gates share one (issue 15); 9 before. Match the node you measure.
: "${BENCH_ENGINE_SAVE_POINTS:=5}"

build
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# One baseline per number of save points (e.g. BENCH_ENGINE_SAVE_POINTS="9 5" when comparing a node before and after
# the gates shared their save point); the node's ratio is given against each.
engines=()
if [[ -z "$BENCH_SKIP_ENGINE" ]]; then
  for save_points in $BENCH_ENGINE_SAVE_POINTS; do
    fresh_db "${BENCH_DB}_engine"
    java -cp "$CP" dev.ordergate.bench.EngineBaseline --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/${BENCH_DB}_engine" \
      --instances "$BENCH_ENGINE_INSTANCES" --warmup "$BENCH_ENGINE_WARMUP" --save-points "$save_points" $BENCH_ENGINE_ARGS \
      >"$BENCH_LOGS/engine-$save_points.out" 2>&1 || echo "engine baseline exited $? (its RESULT line, if printed, still counts)"
    grep -E "^(==|[0-9]+ instances|RESULT)" "$BENCH_LOGS/engine-$save_points.out"
    engines+=("$save_points:$(sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/engine-$save_points.out")")
  done
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
  # --jvm-defaults runs the node with the JVM's own defaults instead of the Helm chart's JVM options (a build from
  # before the chart fixed the heap, measured as it shipped).
  variant_java_opts=unset
  for arg in $args; do
    case $arg in
      --jar=*) node_jar=${arg#--jar=} ;;
      --jvm-defaults) variant_java_opts="" ;;
      *) node_args+=("$arg") ;;
    esac
  done
  fresh_db "$BENCH_DB"
  drop="$PWD/$BENCH_LOGS/price-drop-$name"
  rm -rf "$drop" && mkdir -p "$drop"
  node_args+=(--ordergate.sync.price-lists.source=file-drop "--ordergate.sync.price-lists.drop-folder=$drop")
  # The node's own clock for the intake (Tomcat's access log, %D in microseconds), beside the driver's: the driver
  # shares the cores, and its own lateness is in what it measures.
  access="$PWD/$BENCH_LOGS/access-$name"
  rm -rf "$access" && mkdir -p "$access"
  node_args+=(--server.tomcat.accesslog.enabled=true "--server.tomcat.accesslog.directory=$access"
    --server.tomcat.accesslog.pattern=%m_%U_%s_%D --server.tomcat.accesslog.buffered=false)
  peers=()
  if [[ $BENCH_PEERS == separate ]]; then
    start_peers $((BENCH_PORT + 10)) "http://127.0.0.1:$BENCH_PORT" \
      --ordergate.sandbox.wms.shipment-delay="${BENCH_SHIPMENT_DELAY:-PT0.1S}"
    node_args+=("${PEER_ARGS[@]}")
    peers=(--peers-url "$PEERS_URL" --peers-pid "$PEERS_PID")
  fi
  : >"$BENCH_LOGS/node-$BENCH_PORT.log"
  echo "-- node variant $name: ${args:-application.yml as is}"
  own_jar=$JAR
  JAR=$node_jar
  if [[ $variant_java_opts == unset ]]; then
    start_node "$BENCH_DB" "$BENCH_PORT" ${node_args[@]+"${node_args[@]}"}
  else
    NODE_JAVA_OPTS=$variant_java_opts start_node "$BENCH_DB" "$BENCH_PORT" ${node_args[@]+"${node_args[@]}"}
  fi
  JAR=$own_jar
  url="http://127.0.0.1:$BENCH_PORT"
  driver --url "$url" --orders "$BENCH_WARMUP" --rate 0 --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" ${peers[@]+"${peers[@]}"} --label warm-up \
    >"$BENCH_LOGS/warmup-$name.out" || { cat "$BENCH_LOGS/warmup-$name.out"; exit 1; }
  driver --url "$url" --orders "$BENCH_ORDERS" --rate "$BENCH_RATE" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
    ${peers[@]+"${peers[@]}"} --label "measured-$name" | tee "$BENCH_LOGS/measured-$name.out"
  node=$(sed -n 's/^RESULT.* throughput=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  half=$(awk -v n="$node" 'BEGIN { printf "%.2f", n / 2 }')
  fixed_p99=""
  if [[ "$BENCH_FIXED_ORDERS" -gt 0 ]] && awk -v h="$half" 'BEGIN { exit !(h > 0) }'; then
    driver --url "$url" --orders "$BENCH_FIXED_ORDERS" --rate "$half" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
      ${peers[@]+"${peers[@]}"} --label "fixed-rate-$name" | tee "$BENCH_LOGS/fixed-$name.out"
    fixed_p99=$(sed -n 's/^RESULT.* intake_p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/fixed-$name.out")
    node_p99=$(node_intake "$access" "$BENCH_FIXED_ORDERS")
    echo "intake by the node's own clock (access log, last $BENCH_FIXED_ORDERS orders): $node_p99"
    node_p99=$(sed -n 's/.* p99 \([0-9.]*\).*/\1/p' <<<"$node_p99")
  fi
  quiet_e2e=$(sed -n 's/^RESULT.* e2e_p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/fixed-$name.out" 2>/dev/null || true)
  sync_e2e=""
  sync_state=""
  if [[ "$BENCH_SYNC_ITEMS" -gt 0 && -n "$quiet_e2e" ]]; then
    price_feed "$drop/feed.csv" "$BENCH_SYNC_ITEMS"
    run_id=$(curl -fs -X POST "$url/api/v1/sync/price-lists" | jq -r .id)
    echo "price-list sync $run_id: $BENCH_SYNC_ITEMS items started, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # Orders start once the sync writes to Odoo (its first chunk), not while it only reads its file.
    deadline=$((SECONDS + 600))
    until [[ $(sync_written "$url" "$run_id") -gt 0 ]] || ((SECONDS > deadline)); do sleep 1; done
    written_before=$(sync_written "$url" "$run_id")
    driver --url "$url" --orders "$BENCH_FIXED_ORDERS" --rate "$half" --concurrency "$BENCH_CONCURRENCY" --pid "$NODE_PID" \
      ${peers[@]+"${peers[@]}"} --label "fixed-rate-with-sync-$name" | tee "$BENCH_LOGS/fixed-sync-$name.out"
    sync_e2e=$(sed -n 's/^RESULT.* e2e_p99_ms=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/fixed-sync-$name.out")
    report=$(curl -fs "$url/api/v1/sync/runs/$run_id")
    sync_state="$(jq -r .status <<<"$report"), items written $written_before -> $(sync_written "$url" "$run_id") of $BENCH_SYNC_ITEMS while the orders ran"
    echo "price-list sync $run_id: $sync_state"
  fi
  stop_pid "$NODE_PID"
  [[ $BENCH_PEERS == separate ]] && stop_pid "$PEERS_PID"
  calls=$(sed -n 's/^RESULT.* odoo_calls_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  cpu=$(sed -n 's/^RESULT.* cpu_s_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  rss=$(sed -n 's/^RESULT.* peak_rss_mib=\([0-9]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  peers_cpu=$(sed -n 's/^RESULT.* peers_cpu_s_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  machine_cpu=$(sed -n 's/^RESULT.* machine_cpu_s_per_order=\([0-9.]*\).*/\1/p' "$BENCH_LOGS/measured-$name.out")
  summary+=("$name $node ${calls:-?} ${cpu:-?} ${fixed_p99:-?} $half ${rss:-?} ${quiet_e2e:-?} ${sync_e2e:-?} ${peers_cpu:-in-process} ${node_p99:-?} ${machine_cpu:-?}")
done

echo "machine load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
for line in "${summary[@]}"; do
  set -- $line
  echo "node $1: $2 orders/s"
  for engine in ${engines[@]+"${engines[@]}"}; do
    awk -v v="$1" -v n="$2" -v sp="${engine%%:*}" -v e="${engine#*:}" 'BEGIN { if (e > 0) printf "node %s: %.2f orders/s, bare engine %.2f instances/s (%d save points): %.0f %% of the ceiling\n", v, n, e, sp, 100 * n / e }'
  done
  echo "node $1: $3 Odoo calls per order, $4 CPU s per order (peers: ${10}), intake p99 $5 ms at $6 orders/s (the node's own clock: ${11} ms), peak RSS $7 MiB"
  # What the machine spent per order and the rate it would reach with the node costing nothing: the ceiling that the
  # peers, PostgreSQL and the driver leave on these cores.
  awk -v v="$1" -v m="${12}" -v c="$4" -v cores="$(nproc)" 'BEGIN { if (m > 0 && m > c) printf "node %s: the machine spent %.3f CPU s per order, %.3f of it outside the node: with the node at zero, these %d cores would carry %.1f orders/s\n", v, m, m - c, cores, cores / (m - c) }'
  if [[ "$9" != "?" ]]; then
    awk -v v="$1" -v q="$8" -v s="$9" -v r="$6" 'BEGIN { printf "node %s: intake-to-COMPLETED p99 at %s orders/s: %.0f ms without a sync, %.0f ms with a price-list sync writing (%+.0f %%)\n", v, r, q, s, 100 * (s - q) / q }'
  fi
done
