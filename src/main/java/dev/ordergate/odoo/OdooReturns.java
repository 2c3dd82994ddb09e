package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.ids;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.number;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooDialect;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.sales.ReturnRef;
import dev.ordergate.sales.Returns;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Returns through Odoo's "Return" wizard {@code stock.return.picking} on a done delivery (18.0 transcripts 71-79,
 * 19.0 75-83). Odoo keeps no reference of ours on a return, so the receipt's {@code origin} is set to our return
 * reference right after it is created, and found by it later.
 */
@Component
class OdooReturns implements Returns {

    private static final Logger log = LoggerFactory.getLogger(OdooReturns.class);
    private static final List<String> PICKING_FIELDS = List.of("name", "state", "picking_type_code", "origin");
    private static final String UNTAGGED_PREFIX = "Return of ";

    private final OdooClient odoo;
    private final OdooRecords records;
    private final OdooPickings pickings;

    OdooReturns(OdooClient odoo, OdooRecords records, OdooPickings pickings) {
        this.odoo = odoo;
        this.records = records;
        this.pickings = pickings;
    }

    /**
     * Fills the wizard of each done delivery with what is still to be returned (capped at what that delivery
     * shipped). A retry after a lost answer finds the receipts by our reference, or adopts a receipt that was
     * created but not yet tagged ({@code origin} still Odoo's "Return of ...") instead of creating another.
     */
    @Override
    public ReturnRef open(String businessKey, String returnRef, Map<String, BigDecimal> quantitiesBySku) {
        List<JsonNode> deliveries = doneDeliveries(businessKey);
        List<Integer> deliveryIds = deliveries.stream().map(d -> d.get("id").intValue()).toList();
        List<String> existing = receipts(deliveryIds, returnRef);
        if (!existing.isEmpty()) {
            return new ReturnRef(returnRef, existing);
        }
        JsonNode untagged = odoo.searchRead("stock.picking", List.of(List.of("return_id", "in", deliveryIds),
                List.of("origin", "=like", UNTAGGED_PREFIX + "%"), List.of("state", "!=", "cancel")), List.of("name"));
        if (!untagged.isEmpty()) {
            List<Integer> adopted = new ArrayList<>();
            untagged.forEach(receipt -> adopted.add(receipt.get("id").intValue()));
            odoo.writeMany("stock.picking", adopted, Map.of("origin", returnRef));
            return new ReturnRef(returnRef, untagged.findValuesAsText("name"));
        }

        Map<Integer, String> skuByProductId = new HashMap<>();
        records.requireProducts(quantitiesBySku.keySet()).forEach((sku, p) -> skuByProductId.put(p.id(), sku));
        Map<String, BigDecimal> remaining = new HashMap<>(quantitiesBySku);
        List<String> receipts = new ArrayList<>();
        for (JsonNode delivery : deliveries) {
            Integer receipt = returnFrom(delivery.get("id").intValue(), skuByProductId, remaining);
            if (receipt != null) {
                odoo.write("stock.picking", List.of(receipt), Map.of("origin", returnRef));
                receipts.add(text(odoo.read("stock.picking", List.of(receipt), List.of("name")).get(0).path("name")));
            }
        }
        List<String> unreturned = remaining.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(Map.Entry::getKey).sorted().toList();
        if (receipts.isEmpty() || !unreturned.isEmpty()) {
            throw new OdooBusinessException("Odoo sales order for " + businessKey + " did not deliver enough of "
                    + (unreturned.isEmpty() ? quantitiesBySku.keySet() : unreturned) + " to return " + returnRef
                    + (receipts.isEmpty() ? "" : "; receipts " + receipts + " were opened for what was delivered"));
        }
        log.info("Opened Odoo return {} for {}: {}", returnRef, businessKey, receipts);
        return new ReturnRef(returnRef, receipts);
    }

    /** One wizard on one delivery; null when nothing asked for was delivered by it. */
    private Integer returnFrom(int deliveryId, Map<Integer, String> skuByProductId, Map<String, BigDecimal> remaining) {
        OdooDialect dialect = odoo.dialect();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("active_model", "stock.picking");
        context.put("active_id", deliveryId);
        context.put("active_ids", List.of(deliveryId));
        int wizard = odoo.executeKw("stock.return.picking", "create", List.of(Map.of("picking_id", deliveryId)),
                Map.of("context", context)).intValue();
        JsonNode lineIds = odoo.read("stock.return.picking", List.of(wizard), List.of("product_return_moves"))
                .get(0).path("product_return_moves");
        List<List<Object>> commands = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : odoo.read("stock.return.picking.line", ids(lineIds), dialect.returnLineFields())) {
            String sku = skuByProductId.get(many2oneId(line.path("product_id")));
            BigDecimal wanted = sku == null ? BigDecimal.ZERO : remaining.getOrDefault(sku, BigDecimal.ZERO);
            BigDecimal quantity = wanted.min(dialect.returnableQuantity(line)).max(BigDecimal.ZERO);
            if (sku != null) {
                remaining.put(sku, wanted.subtract(quantity));
            }
            // Every line is written, so a line Odoo prefilled (16) does not return what nobody asked back.
            commands.add(List.of(1, line.get("id").intValue(), Map.of("quantity", number(quantity))));
            total = total.add(quantity);
        }
        if (total.signum() == 0) {
            return null;
        }
        odoo.write("stock.return.picking", List.of(wizard), Map.of("product_return_moves", commands));
        JsonNode action = odoo.call("stock.return.picking", "action_create_returns", List.of(wizard), null);
        if (!action.path("res_id").isIntegralNumber()) {
            throw new OdooProtocolException("action_create_returns did not answer the return picking", null);
        }
        return action.path("res_id").intValue();
    }

    /** Picks the full quantity of every open move of the receipts and validates them (18.0 transcripts 77-79). */
    @Override
    public void receive(String businessKey, String returnRef) {
        List<Integer> deliveryIds = doneDeliveries(businessKey).stream().map(d -> d.get("id").intValue()).toList();
        JsonNode receipts = odoo.searchRead("stock.picking", List.of(List.of("return_id", "in", deliveryIds),
                List.of("origin", "=", returnRef)), List.of("name", "state", "move_ids"));
        if (receipts.isEmpty()) {
            throw new OdooMissingRecordException("No Odoo return carries the reference '" + returnRef + "'", null);
        }
        OdooDialect dialect = odoo.dialect();
        for (JsonNode receipt : receipts) {
            if (List.of("done", "cancel").contains(text(receipt.path("state")))) {
                continue;
            }
            for (JsonNode move : odoo.read("stock.move", ids(receipt.path("move_ids")), List.of("product_uom_qty", "state"))) {
                if (!List.of("done", "cancel").contains(text(move.path("state")))) {
                    odoo.write("stock.move", List.of(move.get("id").intValue()),
                            dialect.pickedMove(decimal(move.path("product_uom_qty"), "return demand")));
                }
            }
            pickings.validate(receipt.get("id").intValue());
            log.info("Received Odoo return {} ({}) for {}", text(receipt.path("name")), returnRef, businessKey);
        }
    }

    /**
     * One {@code stock.scrap} per SKU from the stock location, carrying our return reference as its {@code origin}
     * so a retry finds it; {@code action_validate} answers true, or the insufficient-quantity wizard, which is for a
     * person.
     */
    @Override
    public void scrap(String businessKey, String returnRef, Map<String, BigDecimal> quantitiesBySku) {
        Map<Integer, JsonNode> existing = new HashMap<>();
        odoo.searchRead("stock.scrap", List.of(List.of("origin", "=", returnRef)), List.of("product_id", "state"))
                .forEach(scrap -> existing.put(many2oneId(scrap.path("product_id")), scrap));
        var products = records.requireProducts(quantitiesBySku.keySet());
        for (Map.Entry<String, BigDecimal> entry : quantitiesBySku.entrySet()) {
            int productId = products.get(entry.getKey()).id();
            JsonNode scrap = existing.get(productId);
            if (scrap != null && "done".equals(text(scrap.path("state")))) {
                continue;
            }
            int scrapId = scrap != null ? scrap.get("id").intValue() : odoo.create("stock.scrap",
                    Map.of("product_id", productId, "scrap_qty", number(entry.getValue()), "origin", returnRef));
            JsonNode result = odoo.call("stock.scrap", "action_validate", List.of(scrapId), null);
            if (result.isObject()) {
                throw new OdooBusinessException("Odoo asks '" + text(result.path("name")) + "' before it scraps "
                        + entry.getValue().toPlainString() + " x " + entry.getKey() + " of return " + returnRef
                        + " for " + businessKey + "; a person has to answer it in Odoo");
            }
            log.info("Scrapped {} x {} of Odoo return {} for {}", entry.getValue().toPlainString(), entry.getKey(),
                    returnRef, businessKey);
        }
    }

    private List<String> receipts(List<Integer> deliveryIds, String returnRef) {
        return odoo.searchRead("stock.picking", List.of(List.of("return_id", "in", deliveryIds),
                List.of("origin", "=", returnRef)), List.of("name")).findValuesAsText("name");
    }

    private List<JsonNode> doneDeliveries(String businessKey) {
        JsonNode order = records.requireSalesOrder(businessKey, List.of("name", "picking_ids"));
        List<JsonNode> done = new ArrayList<>();
        for (JsonNode picking : odoo.read("stock.picking", ids(order.path("picking_ids")), PICKING_FIELDS)) {
            if ("done".equals(text(picking.path("state"))) && "outgoing".equals(text(picking.path("picking_type_code")))) {
                done.add(picking);
            }
        }
        if (done.isEmpty()) {
            throw new OdooBusinessException("Odoo sales order for " + businessKey + " has no done delivery to return from");
        }
        return done;
    }
}
