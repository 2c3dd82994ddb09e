package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The commit's three Odoo calls, for many orders at once when batching is on ({@link OdooBatchingProperties}): one
 * {@code sale.order.create} with a list of values, one {@code action_confirm} on many ids, one {@code read} of their
 * names. Orders that reach the commit together stay together through the three steps. Off, each order makes its own.
 */
@Component
class OdooCommitBatches {

    private static final String MODEL = "sale.order";
    /** What {@code web_save} answers of the new order: its name (with its id, which it always answers). */
    private static final Map<String, Object> NAME = Map.of("name", Map.of());

    private final OdooClient odoo;
    private final boolean enabled;
    private final OdooMicroBatch<Map<String, Object>, Integer> creates;
    private final OdooMicroBatch<Integer, Boolean> confirms;
    private final OdooMicroBatch<Integer, String> names;

    OdooCommitBatches(OdooClient odoo, OdooBatchingProperties batching) {
        this.odoo = odoo;
        this.enabled = batching.enabled();
        // Never more than the client's batch size in one call: a list split over two calls is not one transaction.
        int maxSize = Math.min(batching.maxSize(), odoo.batchSize());
        this.creates = new OdooMicroBatch<>(batching.window(), maxSize, this::createAll, vals -> odoo.create(MODEL, vals));
        this.confirms = new OdooMicroBatch<>(batching.window(), maxSize, this::confirmAll, id -> confirmAll(List.of(id)).get(0));
        this.names = new OdooMicroBatch<>(batching.window(), maxSize, this::namesOf, id -> namesOf(List.of(id)).get(0));
    }

    /** A sales order just created: its id, and its name when the create answered it (null: read it after confirming). */
    record Created(int id, String name) {
    }

    /**
     * Not idempotent: the caller records the attempt first and searches on a retry. One order alone goes as
     * {@code web_save} where Odoo has it (17+): the create answers the name Odoo's sequence gave the order, so no read
     * follows; a batch goes as one {@code create} with a list of values and reads the names of all its orders at once.
     */
    Created create(Map<String, Object> vals) {
        if (enabled) {
            return new Created(creates.submit(vals), null);
        }
        if (!odoo.dialect().savesWithAnswer()) {
            return new Created(odoo.create(MODEL, vals), null);
        }
        JsonNode saved = odoo.executeKw(MODEL, "web_save", List.of(List.of(), vals), Map.of("specification", NAME));
        if (!saved.isArray() || saved.size() != 1 || !saved.get(0).path("id").isIntegralNumber()) {
            throw new OdooProtocolException(MODEL + ".web_save answered " + saved.getNodeType()
                    + (saved.isArray() ? " of " + saved.size() : "") + " instead of the new order", null);
        }
        return new Created(saved.get(0).get("id").intValue(), text(saved.get(0).path("name")));
    }

    void confirm(int id) {
        if (enabled) {
            confirms.submit(id);
        } else {
            confirmAll(List.of(id));
        }
    }

    /** The order's name (Odoo's sequence gives it at create); null when Odoo does not show the order. */
    String name(int id) {
        return enabled ? names.submit(id) : namesOf(List.of(id)).get(0);
    }

    private List<Integer> createAll(List<Map<String, Object>> valsList) {
        JsonNode created = odoo.executeKw(MODEL, "create", List.of(valsList), null);
        if (!created.isArray() || created.size() != valsList.size()) {
            throw new OdooProtocolException(MODEL + ".create of " + valsList.size() + " records answered "
                    + created.getNodeType() + (created.isArray() ? " of " + created.size() : ""), null);
        }
        List<Integer> ids = new ArrayList<>();
        created.forEach(id -> ids.add(id.intValue()));
        return ids;
    }

    /** Odoo refuses the whole call when one order is not a quotation; the batch then confirms one by one. */
    private List<Boolean> confirmAll(List<Integer> ids) {
        odoo.call(MODEL, "action_confirm", ids, null);
        return ids.stream().map(id -> Boolean.TRUE).toList();
    }

    private List<String> namesOf(List<Integer> ids) {
        Map<Integer, String> byId = new HashMap<>();
        for (JsonNode order : odoo.read(MODEL, ids, List.of("name"))) {
            byId.put(order.get("id").intValue(), text(order.path("name")));
        }
        return ids.stream().map(byId::get).toList();
    }
}
