package dev.ordergate.odoo;

import dev.ordergate.order.Address;
import dev.ordergate.order.Order;
import dev.ordergate.order.OrderLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lab database's records as our lookups find them (ids and values from transcripts 18 and 21). */
final class OdooFixtures {

    static final List<String> PARTNER_FIELDS = List.of(
            "name", "ref", "country_code", "property_payment_term_id", "property_product_pricelist");
    static final List<String> PRODUCT_FIELDS = List.of("default_code", "name", "uom_id", "type", "is_storable",
            "categ_id", "free_qty");

    private OdooFixtures() {
    }

    static OdooExchange partnerSearch(String ref, Object... found) {
        return OdooExchange.executeKw("res.partner", "search_read", List.of(List.of(List.of("ref", "=", ref))),
                kwargs("fields", PARTNER_FIELDS, "limit", 2)).answering(List.of(found));
    }

    static Map<String, Object> decoAddict() {
        return record("id", 10, "name", "Deco Addict", "ref", "CUST-DECO-001", "country_code", "US",
                "property_payment_term_id", List.of(4, "30 Days"),
                "property_product_pricelist", List.of(3, "Distributor Tier A (USD)"));
    }

    static Map<String, Object> azureInterior() {
        return record("id", 15, "name", "Azure Interior", "ref", "CUST-AZURE", "country_code", "US",
                "property_payment_term_id", List.of(6, "End of Following Month"),
                "property_product_pricelist", List.of(2, "Default (USD)"));
    }

    static OdooExchange productSearch(List<String> skus, Object... found) {
        return OdooExchange.executeKw("product.product", "search_read",
                List.of(List.of(List.of("default_code", "in", skus))), kwargs("fields", PRODUCT_FIELDS))
                .answering(List.of(found));
    }

    static Map<String, Object> product(int id, String sku, String name) {
        return record("id", id, "default_code", sku, "name", name, "uom_id", List.of(1, "Units"), "type", "consu",
                "is_storable", true, "categ_id", List.of(8, "All / Saleable / Office Furniture"), "free_qty", 40.0);
    }

    static OdooExchange orderSearch(String key, List<String> fields, Object... found) {
        return OdooExchange.executeKw("sale.order", "search_read",
                List.of(List.of(List.of("client_order_ref", "=", key))), kwargs("fields", fields))
                .answering(List.of(found));
    }

    static Order order(String channelOrderRef, String customerRef, OrderLine... lines) {
        return new Order("shop", channelOrderRef, customerRef,
                new Address("Deco Addict", "77 Santa Barbara Rd", "Pleasant Hill", "94523", "US"),
                LocalDate.parse("2026-12-01"), "USD", null, List.of(lines), false, true);
    }

    static OrderLine line(String ref, String sku, String quantity, String unitPrice) {
        return new OrderLine(ref, sku, new BigDecimal(quantity), "Units", new BigDecimal(unitPrice));
    }

    static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            record.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return record;
    }

    static Map<String, Object> kwargs(Object... keysAndValues) {
        return record(keysAndValues);
    }
}
