package dev.ordergate.odoo.client;

import static dev.ordergate.odoo.client.OdooValues.number;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that differs between the Odoo versions we support (16 to 19), in one place, chosen from the
 * server's version. The adapters ask it for field names and recipes instead of testing version numbers.
 */
public record OdooDialect(OdooVersion version) {

    public static OdooDialect of(OdooVersion version) {
        if (version.major() < 16) {
            throw new OdooProtocolException("Odoo " + version + " is older than 16, which we do not support", null);
        }
        return new OdooDialect(version);
    }

    /** What the sales order knows as its state, in our words. */
    public enum OrderStatus { QUOTATION, CONFIRMED, LOCKED, CANCELLED }

    /** 16/17 have {@code detailed_type} ({@code product} = storable); 18 split it into {@code type} + {@code is_storable}. */
    public List<String> productTypeFields() {
        return version.atLeast(18) ? List.of("type", "is_storable") : List.of("detailed_type");
    }

    public String productType(JsonNode product) {
        if (version.atLeast(18)) {
            return text(product.path("type"));
        }
        String detailed = text(product.path("detailed_type"));
        return "product".equals(detailed) ? "consu" : detailed;
    }

    public boolean isStorable(JsonNode product) {
        return version.atLeast(18) ? product.path("is_storable").asBoolean()
                : "product".equals(text(product.path("detailed_type")));
    }

    /** The move fields that say what was done: {@code quantity_done} (16), {@code quantity} + {@code picked} (17+). */
    public List<String> moveDoneFields() {
        return version.atLeast(17) ? List.of("quantity", "picked") : List.of("quantity_done");
    }

    /**
     * Whether validating a picking with no move marked picked takes the reserved quantities as picked (17 and later,
     * where {@code picked} came in); before, quantities had to be entered as done first.
     */
    public boolean validatesReservedWhenNothingPicked() {
        return version.atLeast(17);
    }

    /**
     * Whether {@code web_save} (17 and later) creates a record and answers the fields asked for in the same call, so
     * that a sequence-numbered name needs no read after the create.
     */
    public boolean savesWithAnswer() {
        return version.atLeast(17);
    }

    /** What a done move moved (17 keeps it in {@code quantity}, earlier versions in {@code quantity_done}). */
    public BigDecimal doneQuantity(JsonNode move) {
        String field = version.atLeast(17) ? "quantity" : "quantity_done";
        return OdooValues.decimal(move.path(field), field);
    }

    /** The move field that holds the quantity reserved for it (17 folded it into {@code quantity}). */
    public String moveReservedField() {
        return version.atLeast(17) ? "quantity" : "reserved_availability";
    }

    /** The values that record {@code quantity} as picked on a move. */
    public Map<String, Object> pickedMove(BigDecimal quantity) {
        Map<String, Object> vals = new LinkedHashMap<>();
        if (version.atLeast(17)) {
            vals.put("quantity", number(quantity));
            vals.put("picked", true);
        } else {
            vals.put("quantity_done", number(quantity));
        }
        return vals;
    }

    /** {@code sale.order.line.tax_id} (up to 18), {@code tax_ids} (19). */
    public String lineTaxField() {
        return version.atLeast(19) ? "tax_ids" : "tax_id";
    }

    /** {@code sale.order.line.product_uom} (up to 18), {@code product_uom_id} (19). */
    public String lineUomField() {
        return version.atLeast(19) ? "product_uom_id" : "product_uom";
    }

    /** Up to 18 {@code action_cancel} on a confirmed order answers the {@code sale.order.cancel} wizard; 19 cancels. */
    public boolean cancelAsksThroughWizard() {
        return !version.atLeast(19);
    }

    /**
     * The context of {@code sale.order.action_cancel}: up to 18 {@code disable_cancel_warning} skips the wizard
     * (18.0 transcript 90); 19 has no wizard and ignores the key (19.0 transcript 92), so it is not sent.
     */
    public Map<String, Object> cancelContext() {
        return cancelAsksThroughWizard() ? Map.of("disable_cancel_warning", true) : Map.of();
    }

    /** {@code stock.return.picking.line}: 17+ show the delivered {@code move_quantity} and start at 0 (18.0 transcript 73). */
    public List<String> returnLineFields() {
        return version.atLeast(17) ? List.of("product_id", "quantity", "move_quantity") : List.of("product_id", "quantity");
    }

    public BigDecimal returnableQuantity(JsonNode line) {
        JsonNode quantity = version.atLeast(17) ? line.path("move_quantity") : line.path("quantity");
        return quantity.isNumber() ? new BigDecimal(quantity.asText()) : BigDecimal.ZERO;
    }

    /** The fields {@link #orderStatus} needs: the {@code done} state (up to 17) became the {@code locked} flag (18+). */
    public List<String> orderStatusFields() {
        return version.atLeast(18) ? List.of("name", "state", "locked") : List.of("name", "state");
    }

    public OrderStatus orderStatus(JsonNode order) {
        String state = text(order.path("state"));
        return switch (state == null ? "" : state) {
            case "draft", "sent" -> OrderStatus.QUOTATION;
            case "sale" -> order.path("locked").asBoolean() ? OrderStatus.LOCKED : OrderStatus.CONFIRMED;
            case "done" -> OrderStatus.LOCKED;
            case "cancel" -> OrderStatus.CANCELLED;
            default -> throw new OdooProtocolException("sale.order state '" + state + "' is not one Odoo "
                    + version + " has", null);
        };
    }

    /** The reversal wizard's button: {@code reverse_moves} (16), {@code refund_moves} (17+). */
    public String reversalMethod() {
        return version.atLeast(17) ? "refund_moves" : "reverse_moves";
    }

    /** JSON-2 exists from 19 on; before, JSON-RPC is all there is. */
    public boolean speaksJson2() {
        return version.atLeast(19);
    }

    /** JSON-RPC's {@code error.code}: 200 up to 18, 0 from 19 (we map by {@code error.data.name}, never by it). */
    public int rpcErrorCode() {
        return version.atLeast(19) ? 0 : 200;
    }
}
