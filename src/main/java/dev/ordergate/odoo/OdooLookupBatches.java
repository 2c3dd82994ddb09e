package dev.ordergate.odoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ordergate.odoo.client.OdooClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The master-data gate's two reads, for many orders at once when batching is on ({@link OdooBatchingProperties}):
 * one {@code res.partner} {@code search_read} for the customer references of many orders and one
 * {@code product.product} {@code search_read} for all their SKUs, each order taking the rows of its own. Off (or
 * alone in its window), an order makes its own two reads, as before. Reads change nothing in Odoo, so a lost answer
 * only fails the orders as retryable, and a refused one (an access error) is read again order by order.
 */
final class OdooLookupBatches {

    /** Enough contacts per reference to tell none, one and ambiguous apart. */
    private static final int PARTNERS_PER_REF = 2;

    /** The SKUs one order looks up, and the fields it reads of them. */
    record Skus(Set<String> skus, List<String> fields) {
    }

    private final OdooClient odoo;
    private final boolean enabled;
    private final OdooMicroBatch<String, JsonNode> partners;
    private final OdooMicroBatch<Skus, JsonNode> products;

    OdooLookupBatches(OdooClient odoo, OdooBatchingProperties batching) {
        this.odoo = odoo;
        this.enabled = batching.enabled();
        this.partners = new OdooMicroBatch<>(batching.window(), batching.maxSize(), this::partnersOf,
                ref -> partnersOf(List.of(ref)).get(0));
        this.products = new OdooMicroBatch<>(batching.window(), batching.maxSize(), this::productsOf,
                skus -> productsOf(List.of(skus)).get(0));
    }

    /** Up to two contacts with the reference, in Odoo's order of contacts. */
    JsonNode partnerRows(String customerRef) {
        return enabled ? partners.submit(customerRef) : partnersOf(List.of(customerRef)).get(0);
    }

    /** The products whose {@code default_code} is one of the SKUs. */
    JsonNode productRows(Set<String> skus, List<String> fields) {
        Skus asked = new Skus(skus, fields);
        return enabled ? products.submit(asked) : productsOf(List.of(asked)).get(0);
    }

    private List<JsonNode> partnersOf(List<String> refs) {
        List<String> fields = OdooRecords.PARTNER_FIELDS;
        if (refs.size() == 1) {
            return List.of(odoo.searchRead("res.partner", List.of(List.of("ref", "=", refs.get(0))), fields,
                    PARTNERS_PER_REF, 0, null));
        }
        Map<String, ArrayNode> byRef = new LinkedHashMap<>();
        refs.forEach(ref -> byRef.put(ref, JsonNodeFactory.instance.arrayNode()));
        for (JsonNode partner : odoo.searchReadIn("res.partner", "ref", new LinkedHashSet<>(refs), fields)) {
            ArrayNode ofRef = byRef.get(partner.path("ref").asText());
            if (ofRef != null && ofRef.size() < PARTNERS_PER_REF) {
                ofRef.add(partner);
            }
        }
        return refs.stream().<JsonNode>map(byRef::get).toList();
    }

    /** One read per distinct field list (one, unless the server's version changed between two orders' calls). */
    private List<JsonNode> productsOf(List<Skus> asked) {
        Map<List<String>, Set<String>> skusByFields = new LinkedHashMap<>();
        asked.forEach(one -> skusByFields.computeIfAbsent(one.fields(), fields -> new LinkedHashSet<>()).addAll(one.skus()));
        Map<List<String>, List<JsonNode>> rowsByFields = new LinkedHashMap<>();
        skusByFields.forEach((fields, skus) -> {
            List<JsonNode> rows = new ArrayList<>();
            odoo.searchReadIn("product.product", "default_code", skus, fields).forEach(rows::add);
            rowsByFields.put(fields, rows);
        });
        List<JsonNode> answers = new ArrayList<>();
        for (Skus one : asked) {
            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
            rowsByFields.get(one.fields()).stream()
                    .filter(row -> one.skus().contains(row.path("default_code").asText()))
                    .forEach(rows::add);
            answers.add(rows);
        }
        return answers;
    }
}
