#!/usr/bin/env bash
# Fault run of issue 10: the node's JVM killed with SIGKILL while hundreds of orders are in flight, then restarted.
# The peers (simulated Odoo, credit, tax, WMS and the SMTP server) run in a JVM of their own, so their state
# survives the kill. Verdict: every order completes, each Odoo sales order exists once, every outbox mail arrives and,
# counted by a receiver that deduplicates on (recipient, subject, body), arrives once.
#
#   bench/fault-kill9.sh                          # 300 orders (plus 10 that stop at a price review and send mail)
#   KILL_ORDERS=400 KILL_AFTER_COMPLETED=50 bench/fault-kill9.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
: "${KILL_ORDERS:=300}" "${KILL_REVIEWS:=10}" "${KILL_AFTER_COMPLETED:=30}" "${KILL_NODE_PORT:=18180}" "${KILL_PEERS_PORT:=18190}"
node_url="http://127.0.0.1:$KILL_NODE_PORT"
peers_url="http://127.0.0.1:$KILL_PEERS_PORT"

build
fresh_db ordergate_kill
: >"$BENCH_LOGS/node-$KILL_NODE_PORT.log"
# The peers: the same jar on its own H2, its engine idle. The WMS keeps retrying its confirmations well past a restart.
start_peers "$KILL_PEERS_PORT" "$node_url" --ordergate.sandbox.wms.shipment-delay=PT0.5S \
  --ordergate.sandbox.wms.max-attempts=10

node_args=(--spring.profiles.active=postgres --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/ordergate_kill"
  --spring.datasource.username="$PGUSER" "${PEER_ARGS[@]}" --ordergate.notify.send-interval=PT0.5S
  --ordergate.rate-limits.enabled=false)
start_jvm "node-$KILL_NODE_PORT" "$KILL_NODE_PORT" "${node_args[@]}"
NODE_PID=$STARTED_PID

count() { curl -fs "$node_url/api/v1/orders?status=$1&size=1" | jq .total; }

# Orders that stop at the pricing gate (submitted price 250.00, list 299.00): each queues a mail to the stewards.
for i in $(seq 1 "$KILL_REVIEWS"); do
  curl -fs -o /dev/null -X POST "$node_url/api/v1/orders" -H 'Content-Type: application/json' -d "$(
    java -cp "$CP" dev.ordergate.bench.LoadDriver --print-order "KILL-REVIEW-$i" | sed 's/299.00/250.00/')"
done
driver --url "$node_url" --orders "$KILL_ORDERS" --concurrency 8 --no-wait --prefix KILL --label kill-9 \
  --keys-file "$BENCH_LOGS/kill-keys.txt"

until (($(count COMPLETED) >= KILL_AFTER_COMPLETED)); do sleep 0.5; done
in_flight=$((KILL_ORDERS - $(count COMPLETED)))
mail_queued=$(psql -Atd ordergate_kill -c "SELECT COUNT(*) FROM app.mail_outbox")
kill -9 "$NODE_PID"
wait "$NODE_PID" 2>/dev/null || true
echo "SIGKILL with $in_flight of $KILL_ORDERS orders in flight ($mail_queued mails queued so far); restarting"

start_jvm "node-$KILL_NODE_PORT" "$KILL_NODE_PORT" "${node_args[@]}"
NODE_PID=$STARTED_PID
deadline=$((SECONDS + 600))
until (($(count COMPLETED) >= KILL_ORDERS)) && (($(count IN_REVIEW) >= KILL_REVIEWS)); do
  ((SECONDS < deadline)) || break
  sleep 2
done
sleep 3 # the outbox drains every 0.5 s

completed=$(count COMPLETED)
in_review=$(count IN_REVIEW)
odoo=$(curl -fs "$peers_url/sandbox/odoo/jsonrpc" -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","method":"call","id":1,
  "params":{"service":"object","method":"execute_kw","args":["sandbox",2,"sandbox-admin-key","sale.order","search_read",[[]],{"fields":["client_order_ref"]}]}}')
sale_orders=$(jq '[.result[].client_order_ref | select(. != false and startswith("b2b-portal:KILL"))] | length' <<<"$odoo")
distinct=$(jq '[.result[].client_order_ref | select(. != false and startswith("b2b-portal:KILL"))] | unique | length' <<<"$odoo")
outbox=$(psql -Atd ordergate_kill -c "SELECT COUNT(*) FROM app.mail_outbox")
outbox_sent=$(psql -Atd ordergate_kill -c "SELECT COUNT(*) FROM app.mail_outbox WHERE sent_at IS NOT NULL")
mail=$(curl -fs "$peers_url/sandbox/mail")
received=$(jq length <<<"$mail")
received_distinct=$(jq 'map([.to, .subject, .body]) | unique | length' <<<"$mail")

echo "orders: $completed of $KILL_ORDERS completed, $in_review of $KILL_REVIEWS at their review"
echo "Odoo: $sale_orders sales orders for $distinct business keys (expected $KILL_ORDERS, one each; review orders stop before Odoo)"
echo "mail: $outbox in the outbox, $outbox_sent sent; receiver got $received, $received_distinct distinct"
verdict=PASS
((completed >= KILL_ORDERS)) || verdict=FAIL
((in_review >= KILL_REVIEWS)) || verdict=FAIL
((sale_orders == distinct && distinct == KILL_ORDERS)) || verdict=FAIL
((outbox >= KILL_REVIEWS && outbox == outbox_sent && received_distinct == outbox)) || verdict=FAIL
echo "VERDICT kill-9: $verdict (raw mail deliveries $received for $outbox mails: any excess is the outbox's at-least-once resend)"
[[ $verdict == PASS ]]
