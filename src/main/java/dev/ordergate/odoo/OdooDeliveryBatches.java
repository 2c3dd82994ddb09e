package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.many2oneId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The release's and the delivery's Odoo calls, for many orders at once when batching is on
 * ({@link OdooBatchingProperties}): the stock moves of many sales orders in one {@code search_read} (by
 * {@code picking_id.sale_id in [...]}, then one {@code stock.picking} read of their orders, since a move does not
 * name its sales order), and {@code button_validate} on many pickings shipped in full. Off, each order makes its own
 * calls, one {@code search_read} of its moves and one {@code button_validate} per picking.
 *
 * <p>Only deliveries that ship everything they were asked for meet in a batch: Odoo then asks no backorder question.
 * Should it ask one anyway (its view of a picking differs from ours), nothing was validated yet: each picking goes
 * alone, where {@link OdooPickings} answers the question for that picking only. Odoo checks many pickings more
 * leniently than one: a picking with nothing to validate (a cancelled one, say) is refused alone but skipped in a
 * list ({@code _sanity_check} raises only when {@code _should_show_transfers()}, i.e. for one picking; seen on Odoo
 * 19). So a batch reads its pickings' states after validating them, and a picking Odoo left undone goes alone,
 * where it meets the refusal it would have met.
 */
@Component
class OdooDeliveryBatches {

    private static final Set<String> FINISHED = Set.of("done", "cancel");

    private final OdooClient odoo;
    private final OdooPickings pickings;
    private final boolean enabled;
    private final OdooMicroBatch<Integer, JsonNode> openMoves;
    private final OdooMicroBatch<Integer, JsonNode> deliveryMoves;
    private final OdooMicroBatch<Integer, Boolean> validations;

    OdooDeliveryBatches(OdooClient odoo, OdooPickings pickings, OdooBatchingProperties batching) {
        this.odoo = odoo;
        this.pickings = pickings;
        this.enabled = batching.enabled();
        // A validation of many pickings is one Odoo transaction only within one call: never more than the batch size.
        int maxSize = Math.min(batching.maxSize(), odoo.batchSize());
        this.openMoves = new OdooMicroBatch<>(batching.window(), maxSize, this::openMovesOf,
                order -> openMovesOf(List.of(order)).get(0));
        this.deliveryMoves = new OdooMicroBatch<>(batching.window(), maxSize, this::deliveryMovesOf,
                order -> deliveryMovesOf(List.of(order)).get(0));
        this.validations = new OdooMicroBatch<>(batching.window(), maxSize, this::validateAll, picking -> {
            pickings.validate(picking);
            return Boolean.TRUE;
        });
    }

    /** The sales order's moves that are neither done nor cancelled, oldest first (the release's read). */
    JsonNode openMoves(int salesOrderId) {
        return enabled ? openMoves.submit(salesOrderId) : openMovesOf(List.of(salesOrderId)).get(0);
    }

    /** The sales order's outgoing moves, done ones too, oldest first (the delivery's read). */
    JsonNode deliveryMoves(int salesOrderId) {
        return enabled ? deliveryMoves.submit(salesOrderId) : deliveryMovesOf(List.of(salesOrderId)).get(0);
    }

    /**
     * Validates a delivery that ships all its open moves in full; a short shipment (a backorder question) goes to
     * {@link OdooPickings#validate} directly, never in a batch, so the question is answered for its own picking.
     */
    void validateShippedInFull(int pickingId) {
        if (enabled) {
            validations.submit(pickingId);
        } else {
            pickings.validate(pickingId);
        }
    }

    /** The fields the release reads of an open move. */
    List<String> openMoveFields() {
        return List.of("picking_id", "product_id", "state", odoo.dialect().moveReservedField());
    }

    /** The fields the delivery reads of an outgoing move. */
    List<String> deliveryMoveFields() {
        List<String> fields = new ArrayList<>(List.of("picking_id", "product_id", "product_uom_qty", "state"));
        fields.addAll(odoo.dialect().moveDoneFields());
        return fields;
    }

    private List<JsonNode> openMovesOf(List<Integer> orders) {
        return movesOf(orders, List.of("state", "not in", List.copyOf(FINISHED)), openMoveFields());
    }

    private List<JsonNode> deliveryMovesOf(List<Integer> orders) {
        return movesOf(orders, List.of("picking_id.picking_type_id.code", "=", "outgoing"), deliveryMoveFields());
    }

    /**
     * One order: one {@code search_read} by {@code picking_id.sale_id =}. Many: one by {@code in}, and one read of the
     * moves' pickings to tell whose move each is; an order with no moves gets an empty list, not a fallback.
     */
    private List<JsonNode> movesOf(List<Integer> orders, List<?> leaf, List<String> fields) {
        if (orders.size() == 1) {
            return List.of(odoo.searchRead("stock.move", List.of(List.of("picking_id.sale_id", "=", orders.get(0)), leaf),
                    fields, null, 0, "id"));
        }
        JsonNode moves = odoo.searchRead("stock.move", List.of(List.of("picking_id.sale_id", "in", orders), leaf),
                fields, null, 0, "id");
        Set<Integer> pickingIds = new LinkedHashSet<>();
        moves.forEach(move -> pickingIds.add(many2oneId(move.path("picking_id"))));
        Map<Integer, Integer> orderOfPicking = new HashMap<>();
        if (!pickingIds.isEmpty()) {
            for (JsonNode picking : odoo.read("stock.picking", pickingIds, List.of("sale_id"))) {
                orderOfPicking.put(picking.get("id").intValue(), many2oneId(picking.path("sale_id")));
            }
        }
        Map<Integer, ArrayNode> byOrder = new LinkedHashMap<>();
        orders.forEach(order -> byOrder.put(order, JsonNodeFactory.instance.arrayNode()));
        for (JsonNode move : moves) {
            ArrayNode ofOrder = byOrder.get(orderOfPicking.get(many2oneId(move.path("picking_id"))));
            if (ofOrder != null) {
                ofOrder.add(move);
            }
        }
        return List.copyOf(byOrder.values());
    }

    /**
     * {@code button_validate} on many pickings: true when Odoo validated them all. A question instead (a wizard) means
     * nothing was validated; answering it for many pickings could not tell whose shipment it concerns, so the batch is
     * treated as refused and each picking goes alone.
     */
    private List<Boolean> validateAll(List<Integer> pickingIds) {
        JsonNode result = odoo.call("stock.picking", "button_validate", pickingIds, Map.of("skip_sms", true));
        if (result.isObject()) {
            throw new OdooBusinessException("Odoo asks '" + result.path("name").asText() + "' before it validates "
                    + pickingIds.size() + " deliveries together");
        }
        Set<Integer> done = new HashSet<>();
        for (JsonNode picking : odoo.read("stock.picking", pickingIds, List.of("state"))) {
            if ("done".equals(picking.path("state").asText())) {
                done.add(picking.get("id").intValue());
            }
        }
        // null: not validated in the batch, so sent alone
        return pickingIds.stream().map(id -> done.contains(id) ? Boolean.TRUE : null).toList();
    }
}
