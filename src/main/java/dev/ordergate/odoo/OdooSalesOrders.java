package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.ids;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static dev.ordergate.odoo.client.OdooValues.map;
import static dev.ordergate.odoo.client.OdooValues.number;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooDialect;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import dev.ordergate.sales.SalesOrderRef;
import dev.ordergate.sales.SalesOrders;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Sales orders in Odoo, found by our business key in {@code client_order_ref}. */
@Component
class OdooSalesOrders implements SalesOrders {

    private static final Logger log = LoggerFactory.getLogger(OdooSalesOrders.class);

    private static final List<String> ORDER_FIELDS = List.of("name", "state", "client_order_ref");
    private static final Set<String> FINISHED = Set.of("done", "cancel");
    private static final List<String> PICKING_FIELDS = List.of("name", "state", "move_ids");

    private final OdooClient odoo;
    private final OdooRecords records;
    private final OdooPickings pickings;
    private final OdooCommitBatches commits;
    private final OdooDeliveryBatches deliveries;

    /** Each order on its own (the odoo package's protocol tests). */
    OdooSalesOrders(OdooClient odoo, OdooRecords records, OdooPickings pickings) {
        this(odoo, records, pickings, new OdooCommitBatches(odoo, OdooBatchingProperties.OFF),
                new OdooDeliveryBatches(odoo, pickings, OdooBatchingProperties.OFF));
    }

    @Autowired
    OdooSalesOrders(OdooClient odoo, OdooRecords records, OdooPickings pickings, OdooCommitBatches commits,
                    OdooDeliveryBatches deliveries) {
        this.odoo = odoo;
        this.records = records;
        this.pickings = pickings;
        this.commits = commits;
        this.deliveries = deliveries;
    }

    /**
     * Searches before it creates when an earlier attempt is on record: when a create's answer was lost (timeout,
     * reset, 5xx, a node killed) the order may exist anyway, and the retry finds it here instead of creating a second
     * one. Odoo does not keep {@code client_order_ref} unique, so this search is the only guard; a first attempt,
     * recorded before the create goes out, has nothing to find and skips it.
     */
    @Override
    public SalesOrderRef commit(Order order) {
        String key = order.businessKey();
        if (!records.firstAttempt(key, "commit")) {
            var existing = records.salesOrder(key, ORDER_FIELDS);
            if (existing.isPresent()) {
                return confirmed(key, existing.get());
            }
        }
        List<String> skus = order.lines().stream().map(OrderLine::sku).toList();
        OdooRecords.Resolution resolution = records.resolved(key, order.customerRef(), skus);
        OdooRecords.Partner partner = resolution.requirePartner(order.customerRef());
        Map<String, OdooRecords.Product> products = resolution.requireProducts(skus);
        List<List<Object>> lines = order.lines().stream().map(line -> {
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("product_id", products.get(line.sku()).id());
            vals.put("product_uom_qty", number(line.quantity()));
            // The price the order was accepted at (the price gate compared it with Odoo's); Odoo would otherwise recompute it.
            vals.put("price_unit", number(line.unitPrice()));
            if (line.substituted()) {
                // Odoo's own description (display name) plus, on its second line, the product the customer ordered.
                OdooRecords.Product product = products.get(line.sku());
                vals.put("name", "[%s] %s\nSubstitute for %s".formatted(product.sku(), product.name(), line.substitutedFor()));
            }
            return List.<Object>of(0, 0, vals);
        }).toList();
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("partner_id", partner.id());
        vals.put("client_order_ref", key);
        vals.put("order_line", lines);
        OdooCommitBatches.Created created = commits.create(vals);
        int id = created.id();
        records.keepSalesOrderId(key, id);
        commits.confirm(id);
        // Odoo's sequence names the order at create, confirming leaves the name as it is.
        String name = created.name() != null ? created.name() : commits.name(id);
        if (name == null) {
            throw new OdooMissingRecordException("Odoo does not show sales order " + id + " it just created", null);
        }
        log.info("Created and confirmed Odoo sales order {} for {}", name, key);
        return new SalesOrderRef(name);
    }

    private SalesOrderRef confirmed(String key, JsonNode order) {
        String name = text(order.path("name"));
        records.keepSalesOrderId(key, order.get("id").intValue());
        switch (odoo.dialect().orderStatus(order)) {
            case CONFIRMED, LOCKED -> { }
            case QUOTATION -> odoo.call("sale.order", "action_confirm", List.of(order.get("id").intValue()), null);
            case CANCELLED -> throw new OdooBusinessException("Odoo sales order " + name + " for " + key
                    + " is cancelled; it is not created again");
        }
        return new SalesOrderRef(name);
    }

    /**
     * Cancels with {@code action_cancel}: up to 18 with {@code disable_cancel_warning} so that no wizard comes back
     * (18.0 transcript 90), and should one come anyway (older servers), through the {@code sale.order.cancel} wizard
     * (18.0 transcripts 83-85); 19 cancels directly (19.0 transcript 87). Odoo cancels the open deliveries with it.
     */
    @Override
    public Optional<SalesOrderRef> cancel(String businessKey) {
        OdooDialect dialect = odoo.dialect();
        Optional<JsonNode> found = records.salesOrder(businessKey, dialect.orderStatusFields());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JsonNode order = found.get();
        String name = text(order.path("name"));
        int id = order.get("id").intValue();
        switch (dialect.orderStatus(order)) {
            case CANCELLED -> {
                return Optional.of(new SalesOrderRef(name));
            }
            case LOCKED -> throw new OdooBusinessException("Odoo sales order " + name + " for " + businessKey
                    + " is locked; unlock it in Odoo before it can be cancelled");
            default -> { }
        }
        JsonNode result = odoo.call("sale.order", "action_cancel", List.of(id), dialect.cancelContext());
        if (result.isObject()) {
            String model = text(result.path("res_model"));
            if (!"sale.order.cancel".equals(model)) {
                throw new OdooBusinessException("Odoo asks '" + text(result.path("name")) + "' (" + model
                        + ") before it cancels " + name + "; a person has to answer it in Odoo");
            }
            Map<String, Object> context = map(result.path("context"));
            int wizard = odoo.executeKw(model, "create", List.of(Map.of("order_id", id)), Map.of("context", context))
                    .intValue();
            odoo.call(model, "action_cancel", List.of(wizard), context);
        }
        log.info("Cancelled Odoo sales order {} for {}", name, businessKey);
        return Optional.of(new SalesOrderRef(name));
    }

    /**
     * Picks what was shipped on the open deliveries of the order and validates them; a short shipment leaves a
     * backorder for the rest. Deliveries already done are left alone, so repeating a completed call does nothing.
     * The order's delivery moves come in one read (by the kept sales order id): what they delivered already and what
     * is open, picking by picking.
     */
    @Override
    public void recordDelivery(String businessKey, Map<String, BigDecimal> shippedBySku) {
        Map<Integer, String> skuByProductId = new HashMap<>();
        Map<String, OdooRecords.Product> products = records.resolved(businessKey, null, shippedBySku.keySet()).products();
        shippedBySku.keySet().stream().filter(products::containsKey)
                .forEach(sku -> skuByProductId.put(products.get(sku).id(), sku));
        Optional<Integer> orderId = records.salesOrderId(businessKey);
        if (orderId.isEmpty()) {
            recordDeliveryOfUnkeptOrder(businessKey, shippedBySku, skuByProductId);
            return;
        }
        OdooDialect dialect = odoo.dialect();
        JsonNode moves = deliveries.deliveryMoves(orderId.get());
        // Cumulative: what Odoo delivered already (its done outgoing moves, what qty_delivered counts) is not picked
        // again, so a retry or the next shipment's call delivers only what is new.
        Map<String, BigDecimal> unassigned = new HashMap<>(shippedBySku);
        Map<Integer, List<JsonNode>> openByPicking = new LinkedHashMap<>();
        for (JsonNode move : moves) {
            String state = text(move.path("state"));
            String sku = skuByProductId.get(many2oneId(move.path("product_id")));
            if ("done".equals(state) && sku != null) {
                unassigned.merge(sku, dialect.doneQuantity(move).negate(), BigDecimal::add);
            } else if (!FINISHED.contains(state)) {
                openByPicking.computeIfAbsent(many2oneId(move.path("picking_id")), picking -> new ArrayList<>()).add(move);
            }
        }
        unassigned.values().removeIf(quantity -> quantity.signum() <= 0);
        if (unassigned.isEmpty()) {
            return;
        }
        openByPicking.forEach((pickingId, open) -> {
            Picked picked = pick(pickingId, open, skuByProductId, unassigned);
            if (picked != Picked.NOTHING) {
                if (picked == Picked.IN_FULL) {
                    deliveries.validateShippedInFull(pickingId);
                } else {
                    pickings.validate(pickingId);
                }
                log.info("Validated Odoo delivery {} of {}", many2oneName(open.get(0).path("picking_id")), businessKey);
            }
        });
    }

    /** An order committed before its sales order id was kept: found by its business key, its lines and pickings read. */
    private void recordDeliveryOfUnkeptOrder(String businessKey, Map<String, BigDecimal> shippedBySku,
                                             Map<Integer, String> skuByProductId) {
        Map<String, BigDecimal> unassigned = new HashMap<>(shippedBySku);
        JsonNode order = records.requireSalesOrder(businessKey, List.of("name", "state", "picking_ids", "order_line"));
        for (JsonNode line : odoo.read("sale.order.line", ids(order.path("order_line")), List.of("product_id", "qty_delivered"))) {
            String sku = skuByProductId.get(many2oneId(line.path("product_id")));
            if (sku != null) {
                unassigned.merge(sku, decimal(line.path("qty_delivered"), "qty_delivered").negate(), BigDecimal::add);
            }
        }
        unassigned.values().removeIf(quantity -> quantity.signum() <= 0);
        if (unassigned.isEmpty()) {
            return;
        }
        for (JsonNode picking : odoo.read("stock.picking", ids(order.path("picking_ids")), PICKING_FIELDS)) {
            if (FINISHED.contains(text(picking.path("state")))) {
                continue;
            }
            int pickingId = picking.get("id").intValue();
            List<JsonNode> open = new ArrayList<>();
            movesOf(ids(picking.path("move_ids"))).forEach(move -> {
                if (!FINISHED.contains(text(move.path("state")))) {
                    open.add(move);
                }
            });
            if (pick(pickingId, open, skuByProductId, unassigned) != Picked.NOTHING) {
                pickings.validate(pickingId);
                log.info("Validated Odoo delivery {} of {}", text(picking.path("name")), businessKey);
            }
        }
    }

    private JsonNode movesOf(List<Integer> moveIds) {
        List<String> fields = new ArrayList<>(List.of("product_id", "product_uom_qty"));
        fields.addAll(odoo.dialect().moveDoneFields());
        fields.add("state");
        return odoo.read("stock.move", moveIds, fields);
    }

    /**
     * Reserves what Odoo has not reserved yet and answers what is reserved per SKU. Odoo reserves a delivery when the
     * order is confirmed (the picking type's default "at confirmation"), so the order's open moves, read in one call
     * by the kept sales order id, usually show it already; only moves still waiting for stock are asked to reserve,
     * and read again.
     */
    @Override
    public Map<String, BigDecimal> reserveOpenDeliveries(String businessKey) {
        Optional<Integer> orderId = records.salesOrderId(businessKey);
        String reservedField = odoo.dialect().moveReservedField();
        Map<Integer, BigDecimal> byProduct = new LinkedHashMap<>();
        if (orderId.isPresent()) {
            List<String> fields = deliveries.openMoveFields();
            List<?> domain = List.of(List.of("picking_id.sale_id", "=", orderId.get()),
                    List.of("state", "not in", List.copyOf(FINISHED)));
            JsonNode moves = deliveries.openMoves(orderId.get());
            List<Integer> waiting = new ArrayList<>();
            for (JsonNode move : moves) {
                int picking = many2oneId(move.path("picking_id"));
                if (!"assigned".equals(text(move.path("state"))) && !waiting.contains(picking)) {
                    waiting.add(picking);
                }
            }
            if (!waiting.isEmpty()) {
                odoo.call("stock.picking", "action_assign", waiting, null);
                moves = odoo.searchRead("stock.move", domain, fields, null, 0, "id");
            }
            moves.forEach(move -> byProduct.merge(many2oneId(move.path("product_id")),
                    decimal(move.path(reservedField), "reserved quantity"), BigDecimal::add));
        } else {
            List<JsonNode> open = openPickings(businessKey);
            if (open.isEmpty()) {
                return new LinkedHashMap<>();
            }
            odoo.call("stock.picking", "action_assign", open.stream().map(p -> p.get("id").intValue()).toList(), null);
            // Reserving fills the moves the picking already has; their ids came with the pickings' states.
            List<Integer> moveIds = new ArrayList<>();
            open.forEach(picking -> moveIds.addAll(ids(picking.path("move_ids"))));
            for (JsonNode move : odoo.read("stock.move", moveIds, List.of("product_id", "state", reservedField))) {
                if (!FINISHED.contains(text(move.path("state")))) {
                    byProduct.merge(many2oneId(move.path("product_id")), decimal(move.path(reservedField), "reserved quantity"),
                            BigDecimal::add);
                }
            }
        }
        return reservedBySku(businessKey, byProduct);
    }

    private Map<String, BigDecimal> reservedBySku(String businessKey, Map<Integer, BigDecimal> byProduct) {
        Map<String, BigDecimal> reserved = new LinkedHashMap<>();
        if (byProduct.isEmpty()) {
            return reserved;
        }
        // The order's products as resolved; a product on the delivery that is not (added in Odoo) is read.
        Map<Integer, String> skuByProductId = new HashMap<>();
        records.resolved(businessKey, null, List.of()).products().values()
                .forEach(product -> skuByProductId.put(product.id(), product.sku()));
        List<Integer> unknown = byProduct.keySet().stream().filter(id -> !skuByProductId.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            for (JsonNode product : odoo.read("product.product", unknown, List.of("default_code"))) {
                skuByProductId.put(product.get("id").intValue(), text(product.path("default_code")));
            }
        }
        byProduct.forEach((productId, quantity) -> {
            String sku = skuByProductId.get(productId);
            if (sku != null) {
                reserved.merge(sku, quantity, BigDecimal::add);
            }
        });
        return reserved;
    }

    @Override
    public void closeOpenDeliveries(String businessKey) {
        List<Integer> open = openPickings(businessKey).stream().map(p -> p.get("id").intValue()).toList();
        if (!open.isEmpty()) {
            odoo.call("stock.picking", "action_cancel", open, null);
            log.info("Cancelled open Odoo deliveries {} of {}", open, businessKey);
        }
    }

    /**
     * The order's pickings that are neither done nor cancelled, with their state and moves: by the sales order's id
     * the commit kept (one call), else through the order found by its business key.
     */
    private List<JsonNode> openPickings(String businessKey) {
        Optional<Integer> orderId = records.salesOrderId(businessKey);
        JsonNode pickings = orderId.isPresent() ? pickingsOf(orderId.get())
                : odoo.read("stock.picking", ids(records.requireSalesOrder(businessKey, List.of("name", "picking_ids"))
                        .path("picking_ids")), PICKING_FIELDS);
        List<JsonNode> open = new ArrayList<>();
        for (JsonNode picking : pickings) {
            if (!FINISHED.contains(text(picking.path("state")))) {
                open.add(picking);
            }
        }
        return open;
    }

    /** Every picking of the sales order (deliveries, backorders, returns), oldest first, as {@code picking_ids} lists them. */
    private JsonNode pickingsOf(int salesOrderId) {
        return odoo.searchRead("stock.picking", List.of(List.of("sale_id", "=", salesOrderId)), PICKING_FIELDS, null, 0,
                "id");
    }

    /** Every open move ships its whole demand, exactly what is reserved for it, and none is marked picked. */
    private static boolean shipsAsReserved(List<JsonNode> moves, Map<Integer, BigDecimal> quantities) {
        for (JsonNode move : moves) {
            if (FINISHED.contains(text(move.path("state")))) {
                continue;
            }
            BigDecimal shipped = quantities.get(move.get("id").intValue());
            if (move.path("picked").asBoolean() || !move.path("quantity").isNumber() || shipped == null
                    || shipped.compareTo(decimal(move.path("product_uom_qty"), "move demand")) != 0
                    || shipped.compareTo(decimal(move.path("quantity"), "reserved quantity")) != 0) {
                return false;
            }
        }
        return true;
    }

    /** What a delivery's shipment came to: nothing of it, all its open moves in full, or part (a backorder). */
    private enum Picked { NOTHING, IN_FULL, PARTLY }

    /**
     * Writes each open move's shipped quantity (capped at its demand) on the picking; NOTHING when nothing of this
     * delivery shipped, IN_FULL when every open move ships its whole demand (Odoo asks no backorder question).
     */
    private Picked pick(int pickingId, List<JsonNode> moves, Map<Integer, String> skuByProductId,
                         Map<String, BigDecimal> unassigned) {
        OdooDialect dialect = odoo.dialect();
        Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean inFull = true;
        for (JsonNode move : moves) {
            if (FINISHED.contains(text(move.path("state")))) {
                continue;
            }
            String sku = skuByProductId.get(many2oneId(move.path("product_id")));
            BigDecimal available = sku == null ? BigDecimal.ZERO : unassigned.getOrDefault(sku, BigDecimal.ZERO);
            BigDecimal quantity = available.min(decimal(move.path("product_uom_qty"), "move demand")).max(BigDecimal.ZERO);
            if (sku != null) {
                unassigned.put(sku, available.subtract(quantity));
            }
            quantities.put(move.get("id").intValue(), quantity);
            total = total.add(quantity);
            inFull &= quantity.compareTo(decimal(move.path("product_uom_qty"), "move demand")) == 0;
        }
        if (total.signum() == 0) {
            return Picked.NOTHING;
        }
        Picked picked = inFull ? Picked.IN_FULL : Picked.PARTLY;
        if (dialect.validatesReservedWhenNothingPicked() && shipsAsReserved(moves, quantities)) {
            // Everything shipped as Odoo reserved it and nothing is picked yet: Odoo (17 and later) validates the
            // reserved quantities as picked, so the write would only repeat them.
            return picked;
        }
        // A move with nothing shipped is picked with quantity 0 so that validation puts it on the backorder. One write
        // on the picking updates all its moves (x2many command 1): one Odoo transaction instead of one per line.
        List<List<Object>> updates = new ArrayList<>();
        quantities.forEach((moveId, quantity) -> updates.add(List.of(1, moveId, dialect.pickedMove(quantity))));
        odoo.write("stock.picking", List.of(pickingId), Map.of("move_ids", updates));
        return picked;
    }
}
