# Shared by bench/run.sh and the fault scenarios: build once, fresh databases, start and stop JVMs, run the driver.
# Sourced, not run. Everything is on loopback; PostgreSQL at $PGHOST:$PGPORT with trust authentication.

: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
: "${MVN_FLAGS:=-o}"
export PGHOST PGPORT PGUSER
BENCH_LOGS=${BENCH_LOGS:-target/bench}
mkdir -p "$BENCH_LOGS"
PIDS=()

stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT

# The jar, the compiled load driver and the test classpath it runs on.
build() {
  if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    mvn -B $MVN_FLAGS -q package -DskipTests
    mvn -B $MVN_FLAGS -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
  fi
  JAR=$(ls target/ordergate-*.jar | grep -v plain | head -1)
  CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
}

fresh_db() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# start_jvm <name> <port> <args...>: the application jar with the given arguments, log in $BENCH_LOGS/<name>.log;
# sets STARTED_PID and waits until readiness answers UP.
start_jvm() {
  local name=$1 port=$2
  shift 2
  # Benchmarks run on this machine only: the open local mode (docs/security.md).
  # JVM_ENV: environment for this JVM alone, e.g. MALLOC_ARENA_MAX=2 (env execs java, so $! is the JVM's pid).
  env ${JVM_ENV:-} java ${JAVA_OPTS:-} -jar "$JAR" --server.port="$port" --ordergate.local-mode=true "$@" >>"$BENCH_LOGS/$name.log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
  local deadline=$((SECONDS + 240))
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    if ! kill -0 "$STARTED_PID" 2>/dev/null || ((SECONDS > deadline)); then
      echo "$name did not become ready; see $BENCH_LOGS/$name.log" >&2
      tail -30 "$BENCH_LOGS/$name.log" >&2
      return 1
    fi
    sleep 1
  done
}

# A node on PostgreSQL database $1 at port $2 with the in-process sandbox; more arguments are passed on.
# Arguments starting with -D or -X are JVM options (a variant may set one), the rest Spring arguments.
start_node() {
  local db=$1 port=$2 arg jvm=() spring=()
  shift 2
  for arg in "$@"; do
    case $arg in -D* | -X*) jvm+=("$arg") ;; *) spring+=("$arg") ;; esac
  done
  set -- ${spring[@]+"${spring[@]}"}
  # One load driver from one address measures the engine, not the per-client rate limits: those are off. The node
  # runs with the Helm chart's JVM options (its heap and collector) unless NODE_JAVA_OPTS says otherwise, so the
  # memory figures are those of a shipped node.
  # The chart's MALLOC_ARENA_MAX goes with its options (a --jvm-defaults variant runs with glibc's default).
  local shipped arenas
  shipped=$(sed -n 's/^javaOptions: "\(.*\)"$/\1/p' helm/ordergate/values.yaml)
  arenas=$(sed -n 's/^mallocArenaMax: "\(.*\)"$/\1/p' helm/ordergate/values.yaml)
  [[ -n ${NODE_JAVA_OPTS+set} ]] && arenas=""
  JVM_ENV=${arenas:+MALLOC_ARENA_MAX=$arenas} JAVA_OPTS="${JAVA_OPTS:-} ${NODE_JAVA_OPTS-$shipped} ${jvm[*]:-}" start_jvm "node-$port" "$port" --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$db" --spring.datasource.username="$PGUSER" \
    --ordergate.sandbox.wms.shipment-delay="${BENCH_SHIPMENT_DELAY:-PT0.1S}" \
    --ordergate.rate-limits.enabled=false "$@"
  NODE_PID=$STARTED_PID
}

# start_peers <port> <node url> <args...>: the sandbox peers (Odoo, credit, tax, WMS, pricing engine, master-data hub,
# SMTP) in a JVM of their own on its H2, its engine idle, the WMS confirming shipments to the node; more arguments are
# the peers' own. Sets PEERS_PID, PEERS_URL and PEER_ARGS, the node's arguments that point it at them.
start_peers() {
  local port=$1 node_url=$2 smtp
  shift 2
  : >"$BENCH_LOGS/peers-$port.log"
  start_jvm "peers-$port" "$port" --camunda.bpm.job-execution.enabled=false \
    --ordergate.sandbox.wms.callback-url="$node_url" "$@"
  PEERS_PID=$STARTED_PID
  PEERS_URL="http://127.0.0.1:$port"
  smtp=$(sed -n 's/.*Sandbox SMTP server on 127.0.0.1:\([0-9]*\).*/\1/p' "$BENCH_LOGS/peers-$port.log" | head -1)
  PEER_ARGS=(--ordergate.sandbox.enabled=false
    --ordergate.odoo.url="$PEERS_URL/sandbox/odoo" --ordergate.credit.url="$PEERS_URL/sandbox/credit"
    --ordergate.tax.url="$PEERS_URL/sandbox/tax" --ordergate.wms.url="$PEERS_URL/sandbox/wms"
    --ordergate.sync.pricing-engine.url="$PEERS_URL/sandbox/pricing"
    --ordergate.sync.master-data.hub.url="$PEERS_URL/sandbox/mdm"
    --ordergate.status-events.channels.b2b-portal.url="$PEERS_URL/sandbox/channel/webhook"
    --spring.mail.host=127.0.0.1 --spring.mail.port="$smtp")
}

stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

driver() {
  java -cp "$CP" dev.ordergate.bench.LoadDriver "$@"
}

# price_feed <file> <items>: a price list of <items> agreements for a new list, five sandbox products x quantity tiers.
price_feed() {
  awk -v n="$2" -v list="Bench $(date +%s)" 'BEGIN {
    split("E-COM07 E-COM08 FURN_0269 FURN_8888 SVC-INSTALL", skus, " ")
    print "pricelist,currency,customer_ref,sku,min_quantity,price,valid_from,valid_to"
    for (i = 0; i < n; i++) printf "%s,USD,,%s,%d,%.2f,,\n", list, skus[i % 5 + 1], int(i / 5) + 1, 10 + (i % 997) / 100
  }' >"$1"
}

# p50 / p99 / max in ms of the last $2 order intakes (POST /api/v1/orders) in the access logs under $1 (%m_%U_%s_%D).
node_intake() {
  cat "$1"/*.log 2>/dev/null | grep '^POST_/api/v1/orders_' | tail -n "$2" | awk -F_ '{ print $NF / 1000 }' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "p50 %.1f  p99 %.1f  max %.1f\n", v[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))], v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))], v[NR] }'
}

# sync_written <url> <run id>: items the price-list sync has created, updated or expired so far.
sync_written() {
  curl -fs "$1/api/v1/sync/runs/$2" | jq '[.counts.created, .counts.updated, .counts.expired] | map(. // 0) | add'
}
