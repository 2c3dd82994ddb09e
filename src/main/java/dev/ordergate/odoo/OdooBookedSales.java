package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.ids;
import static dev.ordergate.odoo.client.OdooValues.many2oneName;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooValues;
import dev.ordergate.reporting.BookedSales;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Sales orders found by {@code client_order_ref} (a {@code search_read} per batch of keys, not a call per order)
 * and their customer invoices and credit notes ({@code account.move}, one {@code read} per batch of ids).
 */
@Component
class OdooBookedSales implements BookedSales {

    private static final List<String> ORDER_FIELDS = List.of("name", "state", "client_order_ref", "currency_id",
            "amount_untaxed", "amount_total", "invoice_ids");
    private static final List<String> INVOICE_FIELDS = List.of("name", "state", "move_type", "amount_untaxed",
            "amount_total");

    private final OdooClient odoo;

    OdooBookedSales(OdooClient odoo) {
        this.odoo = odoo;
    }

    @Override
    public List<BookedOrder> ordersFor(Collection<String> businessKeys) {
        if (businessKeys.isEmpty()) {
            return List.of();
        }
        List<JsonNode> orders = new ArrayList<>();
        odoo.searchReadIn("sale.order", "client_order_ref", new LinkedHashSet<>(businessKeys), ORDER_FIELDS)
                .forEach(orders::add);
        Set<Integer> invoiceIds = new LinkedHashSet<>();
        orders.forEach(o -> invoiceIds.addAll(ids(o.path("invoice_ids"))));
        Map<Integer, BookedInvoice> invoices = new LinkedHashMap<>();
        if (!invoiceIds.isEmpty()) {
            for (JsonNode move : odoo.read("account.move", invoiceIds, INVOICE_FIELDS)) {
                String type = text(move.path("move_type"));
                invoices.put(move.get("id").intValue(), new BookedInvoice(text(move.path("name")),
                        text(move.path("state")), "out_refund".equals(type),
                        decimal(move.path("amount_untaxed"), "amount_untaxed"),
                        decimal(move.path("amount_total"), "amount_total")));
            }
        }
        return orders.stream().map(o -> new BookedOrder(text(o.path("client_order_ref")), text(o.path("name")),
                        text(o.path("state")), many2oneName(o.path("currency_id")),
                        decimal(o.path("amount_untaxed"), "amount_untaxed"), decimal(o.path("amount_total"), "amount_total"),
                        ids(o.path("invoice_ids")).stream().map(invoices::get).filter(i -> i != null).toList()))
                .toList();
    }
}
