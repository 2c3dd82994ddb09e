package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;
import static dev.ordergate.sandbox.OdooValues.number;
import static dev.ordergate.sandbox.OdooValues.truthy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deliveries: one outgoing picking per confirmed order, reservation against free stock, validation with
 * the backorder wizard and, once per company, the {@code confirm.stock.sms} question that {@code stock_sms} asks.
 */
final class DeliveryFlow {

    private static final double EPSILON = 1e-6;

    private final OdooDatabase db;
    private final OdooSchema schema;
    /** The context each SMS wizard was opened with; its buttons re-run the validation with it. */
    private final Map<Integer, Map<String, Object>> smsContexts = new HashMap<>();
    private boolean smsQuestionAsked;

    DeliveryFlow(OdooDatabase db, OdooSchema schema) {
        this.db = db;
        this.schema = schema;
    }

    void register() {
        db.model("stock.picking")
                .method("button_validate", call -> validate(call.ids(), call.context()))
                .method("action_assign", call -> {
                    call.ids().forEach(this::reserve);
                    return true;
                })
                .method("action_cancel", call -> {
                    call.ids().forEach(this::cancelPicking);
                    return true;
                });
        db.model("stock.backorder.confirmation")
                .defaults((vals, context) -> {
                    List<Integer> pickings = ids(context.getOrDefault("button_validate_picking_ids", List.of()));
                    vals.putIfAbsent("pick_ids", List.of(List.of(6, 0, pickings)));
                    vals.putIfAbsent("backorder_confirmation_line_ids", pickings.stream()
                            .map(picking -> List.of(0, 0, Map.of("picking_id", picking, "to_backorder", true))).toList());
                })
                .method("process", call -> processBackorder(call, true))
                .method("process_cancel_backorder", call -> processBackorder(call, false));
        db.model("confirm.stock.sms")
                .method("send_sms", this::answerSms)
                .method("dont_send_sms", this::answerSms);
    }

    void createDelivery(int orderId) {
        Map<String, Object> order = db.row("sale.order", orderId);
        List<Map<String, Object>> lines = ids(db.get("sale.order", orderId, "order_line")).stream()
                .map(line -> db.row("sale.order.line", line))
                .filter(line -> "consu".equals(db.row("product.product", id(line.get("product_id"))).get("type")))
                .toList();
        if (lines.isEmpty()) {
            return;
        }
        Object reference = order.get("client_order_ref");
        // The order's warehouse ships it: its delivery type, its stock location, its company.
        Map<String, Object> warehouse = db.row("stock.warehouse",
                Objects.requireNonNullElse(id(order.get("warehouse_id")), 1));
        int deliveryType = Objects.requireNonNullElse(id(warehouse.get("out_type_id")), OdooSchema.DELIVERY_TYPE);
        int stock = Objects.requireNonNullElse(id(warehouse.get("lot_stock_id")), OdooSchema.STOCK_LOCATION);
        Map<String, Object> picking = new LinkedHashMap<>();
        picking.put("name", outgoingName(deliveryType));
        picking.put("state", "confirmed");
        picking.put("origin", truthy(reference) ? order.get("name") + " - " + reference : order.get("name"));
        picking.put("partner_id", order.get("partner_id"));
        picking.put("picking_type_id", deliveryType);
        picking.put("location_id", stock);
        picking.put("location_dest_id", OdooSchema.CUSTOMER_LOCATION);
        picking.put("scheduled_date", OdooSchema.now());
        picking.put("sale_id", orderId);
        picking.put("company_id", Objects.requireNonNullElse(id(order.get("company_id")), OdooSchema.COMPANY));
        int pickingId = db.create("stock.picking", picking);
        for (Map<String, Object> line : lines) {
            Map<String, Object> move = new LinkedHashMap<>();
            move.put("name", line.get("name"));
            move.put("origin", order.get("name"));
            move.put("picking_id", pickingId);
            move.put("product_id", line.get("product_id"));
            move.put("product_uom_qty", number(line.get("product_uom_qty")));
            move.put("quantity", 0.0);
            move.put("picked", false);
            move.put("product_uom", line.get("product_uom"));
            move.put("state", "confirmed");
            move.put("sale_line_id", line.get("id"));
            move.put("location_id", stock);
            move.put("location_dest_id", OdooSchema.CUSTOMER_LOCATION);
            db.create("stock.move", move);
        }
        reserve(pickingId);
    }

    /** Reserves what free stock allows; a picking with anything reserved is 'assigned' (Odoo's default move_type 'direct'). */
    void reserve(int pickingId) {
        Map<String, Object> picking = db.row("stock.picking", pickingId);
        if ("done".equals(picking.get("state")) || "cancel".equals(picking.get("state"))) {
            return;
        }
        boolean anyReserved = false;
        for (Map<String, Object> move : moves(pickingId)) {
            if (!OdooSchema.OPEN_MOVE_STATES.contains(String.valueOf(move.get("state")))) {
                continue;
            }
            double demand = number(move.get("product_uom_qty"));
            double reserved = number(move.get("quantity"));
            Map<String, Object> product = db.row("product.product", id(move.get("product_id")));
            double available = truthy(product.get("is_storable"))
                    ? Math.max(0, schema.freeQuantity((Integer) product.get("id"))) : demand;
            reserved += Math.min(demand - reserved, available);
            move.put("quantity", reserved);
            move.put("state", reserved >= demand - EPSILON ? "assigned" : reserved > 0 ? "partially_available" : "confirmed");
            anyReserved |= reserved > 0;
        }
        picking.put("state", anyReserved ? "assigned" : "confirmed");
    }

    void cancelPicking(int pickingId) {
        Map<String, Object> picking = db.row("stock.picking", pickingId);
        if ("done".equals(picking.get("state"))) {
            return;
        }
        for (Map<String, Object> move : moves(pickingId)) {
            if (!"done".equals(move.get("state"))) {
                move.put("state", "cancel");
                move.put("quantity", 0.0);
            }
        }
        picking.put("state", "cancel");
    }

    private List<Map<String, Object>> moves(int pickingId) {
        return db.model("stock.move").rows.values().stream()
                .filter(move -> Objects.equals(id(move.get("picking_id")), pickingId)).toList();
    }

    /** The quantity a move is validated with: what was picked, or, when nothing in the picking was picked, what is reserved. */
    private static double processed(Map<String, Object> move, boolean anyPicked) {
        return anyPicked && !truthy(move.get("picked")) ? 0.0 : number(move.get("quantity"));
    }

    /**
     * Odoo checks one picking strictly and many leniently: its {@code _sanity_check} raises for a picking with nothing
     * to validate only when one picking is validated ({@code _should_show_transfers()} is {@code len(self) > 1});
     * in a list such a picking (a cancelled one too) is skipped and the others are validated (seen on Odoo 19).
     */
    private Object validate(List<Integer> pickingIds, Map<String, Object> context) {
        List<Integer> notDone = pickingIds.stream()
                .filter(id -> !"done".equals(db.row("stock.picking", id).get("state"))).toList();
        boolean lenient = notDone.size() > 1;
        List<Integer> open = new ArrayList<>();
        boolean backorderNeeded = false;
        for (Integer pickingId : notDone) {
            boolean cancelled = "cancel".equals(db.row("stock.picking", pickingId).get("state"));
            List<Map<String, Object>> moves = openMoves(pickingId);
            boolean anyPicked = moves.stream().anyMatch(move -> truthy(move.get("picked")));
            boolean nothing = moves.stream().allMatch(move -> processed(move, anyPicked) <= 0);
            if ((cancelled || nothing) && lenient) {
                continue;
            }
            if (cancelled) {
                throw OdooFault.userError("You cannot validate a transfer that is cancelled.");
            }
            if (nothing) {
                throw OdooFault.userError("You cannot validate a transfer if no quantities are reserved nor done. "
                        + "You can use the info tab to validate quantities manually.");
            }
            open.add(pickingId);
            backorderNeeded |= moves.stream()
                    .anyMatch(move -> processed(move, anyPicked) < number(move.get("product_uom_qty")) - EPSILON);
        }
        if (backorderNeeded && !truthy(context.get("skip_backorder"))) {
            Map<String, Object> wizardContext = new LinkedHashMap<>();
            wizardContext.put("button_validate_picking_ids", open);
            wizardContext.put("default_show_transfers", false);
            wizardContext.put("default_pick_ids", open.stream().map(id -> List.of(4, id)).toList());
            return action("Create Backorder?", "stock.backorder.confirmation", 892, null, wizardContext);
        }
        if (backorderNeeded && !truthy(context.get("skip_sms")) && !smsQuestionAsked) {
            smsQuestionAsked = true;
            int wizard = db.create("confirm.stock.sms", Map.of("pick_ids", List.of(List.of(6, 0, open))));
            smsContexts.put(wizard, new LinkedHashMap<>(context));
            return action("SMS", "confirm.stock.sms", 1106, wizard, context);
        }
        List<Integer> noBackorder = ids(context.getOrDefault("picking_ids_not_to_backorder", List.of()));
        for (Integer pickingId : open) {
            done(pickingId, !noBackorder.contains(pickingId));
        }
        return true;
    }

    private List<Map<String, Object>> openMoves(int pickingId) {
        return moves(pickingId).stream()
                .filter(move -> OdooSchema.OPEN_MOVE_STATES.contains(String.valueOf(move.get("state")))).toList();
    }

    private void done(int pickingId, boolean createBackorder) {
        List<Map<String, Object>> moves = openMoves(pickingId);
        boolean anyPicked = moves.stream().anyMatch(move -> truthy(move.get("picked")));
        Integer backorderId = null;
        for (Map<String, Object> move : moves) {
            double demand = number(move.get("product_uom_qty"));
            double quantity = processed(move, anyPicked);
            if (quantity < demand - EPSILON && createBackorder) {
                if (backorderId == null) {
                    backorderId = backorder(pickingId);
                }
                if (quantity <= 0) {
                    move.put("picking_id", backorderId);
                    move.put("quantity", 0.0);
                    move.put("picked", false);
                    move.put("state", "confirmed");
                    continue;
                }
                Map<String, Object> rest = new LinkedHashMap<>(move);
                rest.remove("id");
                rest.put("picking_id", backorderId);
                rest.put("product_uom_qty", demand - quantity);
                rest.put("quantity", 0.0);
                rest.put("picked", false);
                rest.put("state", "confirmed");
                db.create("stock.move", rest);
            }
            if (quantity <= 0) {
                move.put("state", "cancel");
                move.put("quantity", 0.0);
                continue;
            }
            move.put("product_uom_qty", quantity);
            move.put("quantity", quantity);
            move.put("picked", true);
            move.put("state", "done");
            Map<String, Object> product = db.row("product.product", id(move.get("product_id")));
            if (truthy(product.get("is_storable"))) {
                boolean outgoing = schema.internal(move.get("location_id"));
                product.put("qty_available", number(product.get("qty_available")) + (outgoing ? -quantity : quantity));
            }
        }
        Map<String, Object> picking = db.row("stock.picking", pickingId);
        picking.put("state", "done");
        picking.put("date_done", OdooSchema.now());
        if (backorderId != null) {
            reserve(backorderId);
        }
    }

    /** The next delivery name of a warehouse: its code, {@code WH/OUT/00012} for the first warehouse. */
    private String outgoingName(int deliveryType) {
        String code = db.model("stock.warehouse").rows.values().stream()
                .filter(warehouse -> Objects.equals(id(warehouse.get("out_type_id")), deliveryType))
                .map(warehouse -> String.valueOf(warehouse.get("code"))).findFirst().orElse("WH");
        return "%s/OUT/%05d".formatted(code, db.next(code + "/OUT/"));
    }

    private int backorder(int pickingId) {
        Map<String, Object> original = db.row("stock.picking", pickingId);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String field : List.of("origin", "partner_id", "picking_type_id", "location_id", "location_dest_id",
                "scheduled_date", "sale_id", "company_id")) {
            copy.put(field, original.get(field));
        }
        copy.put("name", outgoingName(Objects.requireNonNullElse(id(original.get("picking_type_id")), OdooSchema.DELIVERY_TYPE)));
        copy.put("state", "confirmed");
        copy.put("backorder_id", pickingId);
        return db.create("stock.picking", copy);
    }

    private Object processBackorder(OdooCall call, boolean createBackorder) {
        List<Integer> pickings = call.ids().stream()
                .flatMap(wizard -> ids(db.row("stock.backorder.confirmation", wizard).getOrDefault("pick_ids", List.of())).stream())
                .distinct().toList();
        Map<String, Object> context = new LinkedHashMap<>(call.context());
        context.put("skip_backorder", true);
        if (!createBackorder) {
            context.put("picking_ids_not_to_backorder", pickings);
        }
        return validate(pickings, context);
    }

    private Object answerSms(OdooCall call) {
        Object result = true;
        for (Integer wizard : call.ids()) {
            Map<String, Object> context = new LinkedHashMap<>(smsContexts.getOrDefault(wizard, call.context()));
            context.put("skip_sms", true);
            context.put("skip_backorder", true);
            result = validate(ids(db.row("confirm.stock.sms", wizard).getOrDefault("pick_ids", List.of())), context);
        }
        return result;
    }

    private static Map<String, Object> action(String name, String model, int viewId, Integer resId, Map<String, Object> context) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("name", name);
        action.put("type", "ir.actions.act_window");
        action.put("view_mode", "form");
        action.put("res_model", model);
        action.put("views", List.of(List.of(viewId, "form")));
        action.put("view_id", viewId);
        action.put("target", "new");
        if (resId != null) {
            action.put("res_id", resId);
        }
        action.put("context", context);
        return action;
    }
}
