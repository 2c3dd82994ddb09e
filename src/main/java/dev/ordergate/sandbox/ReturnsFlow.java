package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;
import static dev.ordergate.sandbox.OdooValues.number;
import static dev.ordergate.sandbox.OdooValues.truthy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Returns and credit notes as Odoo 17+ makes them: the {@code stock.return.picking} wizard on a done delivery
 * (18.0 transcripts 71-80: lines start at 0 with the delivered {@code move_quantity}, {@code action_create_returns}
 * answers the receipt, which is linked by {@code return_id} and named "Return of ..."), and the
 * {@code account.move.reversal} wizard on a posted invoice, whose {@code refund_moves} answers a draft credit note
 * that copies the invoice's lines and keeps their sales order lines, so the order lists it and its quantities count
 * as credited.
 */
final class ReturnsFlow {

    private final OdooDatabase db;

    ReturnsFlow(OdooDatabase db) {
        this.db = db;
    }

    void register() {
        db.model("stock.return.picking")
                .defaults((vals, context) -> {
                    Integer picking = id(vals.get("picking_id"));
                    if (picking == null && "stock.picking".equals(context.get("active_model"))) {
                        picking = id(context.get("active_id"));
                        vals.put("picking_id", picking);
                    }
                    if (picking != null && !vals.containsKey("product_return_moves")) {
                        vals.put("product_return_moves", returnLines(picking));
                    }
                    vals.putIfAbsent("company_id", OdooSchema.COMPANY);
                })
                .method("action_create_returns", this::createReturns);
        db.model("stock.scrap")
                .defaults((vals, context) -> {
                    vals.putIfAbsent("name", "New");
                    vals.putIfAbsent("state", "draft");
                    vals.putIfAbsent("location_id", OdooSchema.STOCK_LOCATION);
                    vals.putIfAbsent("scrap_location_id", OdooSchema.SCRAP_LOCATION);
                    vals.putIfAbsent("product_uom_id", 1);
                    vals.putIfAbsent("company_id", OdooSchema.COMPANY);
                })
                .method("action_validate", this::validateScrap);
        db.model("account.move.reversal")
                .defaults((vals, context) -> {
                    if (!vals.containsKey("move_ids") && "account.move".equals(context.get("active_model"))) {
                        vals.put("move_ids", List.of(List.of(6, 0, ids(context.getOrDefault("active_ids", List.of())))));
                    }
                })
                .method("refund_moves", this::refund)
                .method("reverse_moves", this::refund);
    }

    /** One line per done move of the delivery, starting at 0 to return (17+). */
    private List<Object> returnLines(int pickingId) {
        List<Object> lines = new ArrayList<>();
        for (Map<String, Object> move : db.model("stock.move").rows.values()) {
            if (Objects.equals(id(move.get("picking_id")), pickingId) && "done".equals(move.get("state"))) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("product_id", move.get("product_id"));
                line.put("quantity", 0.0);
                line.put("move_quantity", number(move.get("quantity")));
                line.put("move_id", move.get("id"));
                line.put("uom_id", move.get("product_uom"));
                lines.add(List.of(0, 0, line));
            }
        }
        return lines;
    }

    private Object createReturns(OdooCall call) {
        Integer created = null;
        for (Integer wizardId : call.ids()) {
            Map<String, Object> wizard = db.row("stock.return.picking", wizardId);
            List<Map<String, Object>> lines = ids(db.get("stock.return.picking", wizardId, "product_return_moves"))
                    .stream().map(line -> db.row("stock.return.picking.line", line))
                    .filter(line -> number(line.get("quantity")) > 0).toList();
            if (lines.isEmpty()) {
                throw OdooFault.userError("Please specify at least one non-zero quantity.");
            }
            created = receipt(db.row("stock.picking", id(wizard.get("picking_id"))), lines);
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "Returned Picking");
        action.put("view_mode", "form");
        action.put("res_model", "stock.picking");
        action.put("res_id", created);
        action.put("type", "ir.actions.act_window");
        action.put("context", Map.of());
        return action;
    }

    private int receipt(Map<String, Object> delivery, List<Map<String, Object>> lines) {
        Map<String, Object> picking = new LinkedHashMap<>();
        picking.put("name", "WH/IN/%05d".formatted(db.next("WH/IN/")));
        picking.put("state", "assigned");
        picking.put("origin", "Return of " + delivery.get("name"));
        picking.put("partner_id", delivery.get("partner_id"));
        // Back into the stock the goods left from, with that company's receipt type.
        Object stock = java.util.Objects.requireNonNullElse(delivery.get("location_id"), OdooSchema.STOCK_LOCATION);
        Object company = delivery.get("company_id");
        picking.put("picking_type_id", db.model("stock.picking.type").rows.values().stream()
                .filter(type -> "incoming".equals(type.get("code")) && java.util.Objects.equals(type.get("company_id"), company))
                .map(type -> type.get("id")).findFirst().orElse(OdooSchema.RECEIPT_TYPE));
        picking.put("location_id", OdooSchema.CUSTOMER_LOCATION);
        picking.put("location_dest_id", stock);
        picking.put("scheduled_date", OdooSchema.now());
        picking.put("return_id", delivery.get("id"));
        picking.put("sale_id", delivery.get("sale_id"));
        picking.put("company_id", java.util.Objects.requireNonNullElse(id(delivery.get("company_id")), OdooSchema.COMPANY));
        int pickingId = db.create("stock.picking", picking);
        for (Map<String, Object> line : lines) {
            Map<String, Object> original = db.row("stock.move", id(line.get("move_id")));
            double quantity = number(line.get("quantity"));
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("name", original.get("name"));
            move.put("origin", picking.get("origin"));
            move.put("picking_id", pickingId);
            move.put("product_id", original.get("product_id"));
            move.put("product_uom_qty", quantity);
            move.put("quantity", quantity);
            move.put("picked", false);
            move.put("product_uom", original.get("product_uom"));
            move.put("state", "assigned");
            move.put("sale_line_id", original.get("sale_line_id"));
            move.put("origin_returned_move_id", original.get("id"));
            move.put("location_id", OdooSchema.CUSTOMER_LOCATION);
            move.put("location_dest_id", stock);
            db.create("stock.move", move);
        }
        return pickingId;
    }

    /**
     * Scraps what is on hand and answers true; asks with the insufficient-quantity wizard (as Odoo does) when the
     * stock location holds less than the scrap, and a done scrap is left alone.
     */
    private Object validateScrap(OdooCall call) {
        for (Integer scrapId : call.ids()) {
            Map<String, Object> scrap = db.row("stock.scrap", scrapId);
            if ("done".equals(scrap.get("state"))) {
                continue;
            }
            Map<String, Object> product = db.row("product.product", id(scrap.get("product_id")));
            double quantity = number(scrap.get("scrap_qty"));
            if (truthy(product.get("is_storable")) && number(product.get("qty_available")) < quantity) {
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("name", "Insufficient Quantity");
                action.put("type", "ir.actions.act_window");
                action.put("res_model", "stock.warn.insufficient.qty.scrap");
                action.put("view_mode", "form");
                action.put("target", "new");
                action.put("context", Map.of("default_product_id", product.get("id"), "default_scrap_id", scrapId,
                        "default_quantity", quantity));
                return action;
            }
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("name", scrap.get("origin"));
            move.put("origin", scrap.get("origin"));
            move.put("product_id", product.get("id"));
            move.put("product_uom_qty", quantity);
            move.put("quantity", quantity);
            move.put("picked", true);
            move.put("product_uom", scrap.get("product_uom_id"));
            move.put("state", "done");
            move.put("location_id", scrap.get("location_id"));
            move.put("location_dest_id", scrap.get("scrap_location_id"));
            db.create("stock.move", move);
            if (truthy(product.get("is_storable"))) {
                product.put("qty_available", number(product.get("qty_available")) - quantity);
            }
            scrap.put("name", "SP/%05d".formatted(db.next("SP/")));
            scrap.put("state", "done");
            scrap.put("date_done", OdooSchema.now());
        }
        return true;
    }

    /** A draft credit note per posted invoice, as Odoo's "Reverse" button without "cancel": nothing is reconciled. */
    private Object refund(OdooCall call) {
        List<Integer> creditNotes = new ArrayList<>();
        for (Integer wizardId : call.ids()) {
            Map<String, Object> wizard = db.row("account.move.reversal", wizardId);
            for (Integer invoiceId : ids(wizard.getOrDefault("move_ids", List.of()))) {
                Map<String, Object> invoice = db.row("account.move", invoiceId);
                if (!"posted".equals(invoice.get("state"))) {
                    throw OdooFault.userError("You can only reverse posted moves.");
                }
                creditNotes.add(creditNote(invoice, (String) (truthy(wizard.get("reason")) ? wizard.get("reason") : null),
                        id(wizard.get("journal_id"))));
            }
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", "Reverse Moves");
        action.put("type", "ir.actions.act_window");
        action.put("res_model", "account.move");
        if (creditNotes.size() == 1) {
            action.put("view_mode", "form");
            action.put("res_id", creditNotes.get(0));
        } else {
            action.put("view_mode", "list,form");
            action.put("domain", List.of(List.of("id", "in", creditNotes)));
        }
        action.put("context", Map.of("default_move_type", "out_refund"));
        return action;
    }

    private int creditNote(Map<String, Object> invoice, String reason, Integer journal) {
        List<Object> lines = new ArrayList<>();
        for (Integer lineId : ids(db.get("account.move", (Integer) invoice.get("id"), "invoice_line_ids"))) {
            Map<String, Object> line = db.row("account.move.line", lineId);
            Map<String, Object> vals = new LinkedHashMap<>();
            for (String field : List.of("product_id", "name", "quantity", "price_unit", "discount", "display_type")) {
                vals.put(field, line.get(field));
            }
            vals.put("tax_ids", List.of(List.of(6, 0, ids(line.getOrDefault("tax_ids", List.of())))));
            vals.put("sale_line_ids", List.of(List.of(6, 0, ids(line.getOrDefault("sale_line_ids", List.of())))));
            lines.add(List.of(0, 0, vals));
        }
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("name", "/");
        move.put("state", "draft");
        move.put("move_type", "out_refund");
        move.put("journal_id", journal);
        move.put("payment_state", "not_paid");
        move.put("partner_id", invoice.get("partner_id"));
        move.put("invoice_origin", invoice.get("invoice_origin"));
        move.put("ref", reason == null ? "Reversal of: " + invoice.get("name")
                : "Reversal of: %s, %s".formatted(invoice.get("name"), reason));
        move.put("payment_reference", false);
        move.put("invoice_date", false);
        move.put("invoice_payment_term_id", invoice.get("invoice_payment_term_id"));
        move.put("currency_id", invoice.get("currency_id"));
        move.put("reversed_entry_id", invoice.get("id"));
        move.put("invoice_line_ids", lines);
        int creditNote = db.create("account.move", move);
        // Its lines keep their sales order lines, so the order lists the credit note among its invoices.
        for (Map<String, Object> order : db.model("sale.order").rows.values()) {
            List<Integer> linked = ids(order.getOrDefault("invoice_ids", List.of()));
            if (linked.contains((Integer) invoice.get("id"))) {
                List<Integer> more = new ArrayList<>(linked);
                more.add(creditNote);
                order.put("invoice_ids", more);
            }
        }
        return creditNote;
    }
}
