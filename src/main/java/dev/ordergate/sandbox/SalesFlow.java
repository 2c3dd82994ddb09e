package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;
import static dev.ordergate.sandbox.OdooValues.map;
import static dev.ordergate.sandbox.OdooValues.number;
import static dev.ordergate.sandbox.OdooValues.round2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Quotations and sales orders: pricelist prices, the line onchange, confirmation and cancellation. */
final class SalesFlow {

    private final OdooDatabase db;
    private final DeliveryFlow deliveries;
    private final boolean cancelWizard;

    SalesFlow(OdooDatabase db, DeliveryFlow deliveries, boolean cancelWizard) {
        this.db = db;
        this.deliveries = deliveries;
        this.cancelWizard = cancelWizard;
    }

    void register() {
        db.model("sale.order").defaults(this::orderDefaults)
                .method("action_confirm", this::confirm)
                .method("action_cancel", this::cancel)
                .method("onchange", this::orderOnchange)
                .method("unlink", this::unlink);
        db.model("sale.order.line").defaults(this::lineDefaults).method("onchange", this::onchange);
        db.model("sale.order.cancel").method("action_cancel", call -> {
            for (Integer wizard : call.ids()) {
                cancelOrder(id(db.row("sale.order.cancel", wizard).get("order_id")));
            }
            return true;
        });
    }

    /**
     * The pricelist engine, reduced to what the sandbox seeds and the price-list sync writes: variant rules before
     * global ones, fixed or percentage, in Odoo's order of rules ({@code applied_on, min_quantity desc, id desc}; the
     * categories are not simulated), taking the first whose dates include now and whose minimum quantity is reached.
     */
    double price(Integer pricelistId, int productId, double quantity) {
        double listPrice = number(db.row("product.product", productId).get("list_price"));
        if (pricelistId == null) {
            return listPrice;
        }
        String now = OdooSchema.now();
        List<Map<String, Object>> items = new ArrayList<>(db.model("product.pricelist.item").rows.values().stream()
                .filter(item -> Objects.equals(id(item.get("pricelist_id")), pricelistId)).toList());
        items.sort(Comparator.<Map<String, Object>, String>comparing(item -> String.valueOf(item.get("applied_on")))
                .thenComparing(item -> number(item.get("min_quantity")), Comparator.reverseOrder())
                .thenComparing(item -> (Integer) item.get("id"), Comparator.reverseOrder()));
        for (Map<String, Object> item : items) {
            boolean forProduct = "0_product_variant".equals(item.get("applied_on"))
                    ? Objects.equals(id(item.get("product_id")), productId)
                    : "3_global".equals(item.get("applied_on"));
            if (!forProduct || quantity < number(item.get("min_quantity")) || !within(item, now)) {
                continue;
            }
            return "fixed".equals(item.get("compute_price"))
                    ? number(item.get("fixed_price"))
                    : round2(listPrice * (1 - number(item.get("percent_price")) / 100));
        }
        return listPrice;
    }

    /** Odoo compares rule dates as datetimes; a date alone stands for its midnight. */
    private static boolean within(Map<String, Object> item, String now) {
        String start = item.get("date_start") instanceof String text && !text.isEmpty() ? datetime(text) : null;
        String end = item.get("date_end") instanceof String text && !text.isEmpty() ? datetime(text) : null;
        return (start == null || start.compareTo(now) <= 0) && (end == null || end.compareTo(now) >= 0);
    }

    private static String datetime(String value) {
        return value.length() <= 10 ? value + " 00:00:00" : value.substring(0, 19);
    }

    private void orderDefaults(Map<String, Object> vals, Map<String, Object> context) {
        Integer partnerId = id(vals.get("partner_id"));
        if (partnerId == null) {
            // Odoo's default name; the refusal then names the customer, as on a real server.
            vals.putIfAbsent("name", "New");
            return;
        }
        Map<String, Object> partner = db.row("res.partner", partnerId);
        Integer company = id(vals.get("company_id"));
        vals.putIfAbsent("pricelist_id", pricelistFor(partner, company));
        vals.putIfAbsent("payment_term_id", partner.get("property_payment_term_id"));
        vals.putIfAbsent("currency_id", db.row("product.pricelist", id(vals.get("pricelist_id"))).get("currency_id"));
        vals.putIfAbsent("name", "S%05d".formatted(db.next("S")));
        vals.putIfAbsent("state", "draft");
        vals.putIfAbsent("date_order", OdooSchema.now());
        vals.putIfAbsent("warehouse_id", company == null ? 1 : schemaWarehouse(company));
        vals.putIfAbsent("user_id", db.uid());
        vals.putIfAbsent("team_id", 1);
        vals.putIfAbsent("company_id", OdooSchema.COMPANY);
        vals.putIfAbsent("locked", false);
    }

    /**
     * The customer's pricelist when it is shared or the order's company's (the property is per company in Odoo),
     * else the order's company's first pricelist.
     */
    private Integer pricelistFor(Map<String, Object> partner, Integer company) {
        Integer own = id(partner.get("property_product_pricelist"));
        if (company == null || own != null && sameCompany("product.pricelist", own, company)) {
            return Objects.requireNonNullElse(own, OdooSchema.DEFAULT_PRICELIST);
        }
        return db.model("product.pricelist").rows.values().stream()
                .filter(pricelist -> Objects.equals(id(pricelist.get("company_id")), company))
                .sorted(Comparator.comparing(pricelist -> number(pricelist.get("sequence"))))
                .map(pricelist -> (Integer) pricelist.get("id")).findFirst().orElse(OdooSchema.DEFAULT_PRICELIST);
    }

    private boolean sameCompany(String model, int id, int company) {
        Integer theirs = id(db.row(model, id).get("company_id"));
        return theirs == null || theirs == company;
    }

    private int schemaWarehouse(int company) {
        return db.model("stock.warehouse").rows.values().stream()
                .filter(warehouse -> Objects.equals(id(warehouse.get("company_id")), company))
                .map(warehouse -> (Integer) warehouse.get("id")).findFirst().orElse(1);
    }

    /** The product's taxes of the order's company (Odoo's line keeps only the taxes of its company). */
    private List<Integer> taxesOf(Map<String, Object> product, Integer company) {
        return ids(product.getOrDefault("taxes_id", List.of())).stream()
                .filter(tax -> company == null || sameCompany("account.tax", tax, company)).toList();
    }

    private void lineDefaults(Map<String, Object> vals, Map<String, Object> context) {
        // Odoo's defaults of the two required fields, so only a line Odoo would refuse is refused.
        vals.putIfAbsent("product_uom_qty", 1.0);
        Integer productId = id(vals.get("product_id"));
        if (productId == null) {
            vals.putIfAbsent("price_unit", 0.0);
            return;
        }
        Map<String, Object> product = db.row("product.product", productId);
        vals.putIfAbsent("name", OdooSchema.productDisplayName(product));
        vals.putIfAbsent("product_uom", product.get("uom_id"));
        vals.putIfAbsent("discount", 0.0);
        vals.putIfAbsent("customer_lead", 0.0);
        Integer orderId = id(vals.get("order_id"));
        Integer company = orderId == null ? null : id(db.row("sale.order", orderId).get("company_id"));
        vals.putIfAbsent("tax_id", List.of(List.of(6, 0, taxesOf(product, company))));
        if (!vals.containsKey("price_unit")) {
            Integer pricelist = orderId == null ? null : id(db.row("sale.order", orderId).get("pricelist_id"));
            vals.put("price_unit", price(pricelist, productId, number(vals.get("product_uom_qty"))));
        }
    }

    /** {@code onchange(values, field_names, fields_spec)} of a new line: the computed price without creating anything. */
    private Object onchange(OdooCall call) {
        Map<String, Object> values = map(call.arg(1, "values", Map.of()));
        Map<String, Object> spec = map(call.arg(3, "fields_spec", Map.of()));
        Integer productId = id(values.get("product_id"));
        Map<String, Object> value = new LinkedHashMap<>();
        if (productId != null) {
            Map<String, Object> product = db.row("product.product", productId);
            double quantity = values.containsKey("product_uom_qty") ? number(values.get("product_uom_qty")) : 1.0;
            Integer pricelist = id(map(values.get("order_id")).get("pricelist_id"));
            double priceUnit = price(pricelist, productId, quantity);
            Integer company = id(map(values.get("order_id")).get("company_id"));
            List<Integer> taxes = taxesOf(product, company != null ? company : db.companies.current());
            double subtotal = round2(quantity * priceUnit);
            double rate = taxes.stream().mapToDouble(tax -> number(db.get("account.tax", tax, "amount"))).sum() / 100;
            double total = round2(subtotal + round2(subtotal * rate));
            // 18 names (product_uom, tax_id) and 19 names (product_uom_id, tax_ids): the spec keeps what was asked.
            value.put("product_uom", id(product.get("uom_id")));
            value.put("product_uom_id", id(product.get("uom_id")));
            value.put("price_unit", priceUnit);
            value.put("price_subtotal", subtotal);
            value.put("price_tax", total - subtotal);
            value.put("price_total", total);
            value.put("name", OdooSchema.productDisplayName(product));
            value.put("tax_id", taxes.stream().map(tax -> List.of(4, tax, Map.of("id", tax))).toList());
            value.put("tax_ids", value.get("tax_id"));
            value.keySet().retainAll(spec.keySet());
        }
        return Map.of("value", value);
    }

    /**
     * {@code onchange(values, [], fields_spec)} of a new order (18.0 and 19.0 transcripts 205): with no field named as
     * changed Odoo computes every field of the new record, here the fields the specification asks for; its lines come
     * back as {@code [0, virtual id, values]} with their pricelist price. With fields named as changed the sandbox
     * answers nothing computed (Odoo's answer to {@code ["order_line"]}); other dependencies are not simulated.
     */
    private Object orderOnchange(OdooCall call) {
        Map<String, Object> values = map(call.arg(1, "values", Map.of()));
        Map<String, Object> spec = map(call.arg(3, "fields_spec", Map.of()));
        Map<String, Object> value = new LinkedHashMap<>();
        if (!OdooValues.list(call.arg(2, "field_names", List.of())).isEmpty()) {
            return Map.of("value", value);
        }
        Integer partnerId = id(values.get("partner_id"));
        Integer company = id(values.get("company_id"));
        Integer pricelist = values.containsKey("pricelist_id") ? id(values.get("pricelist_id"))
                : partnerId == null ? null : pricelistFor(db.row("res.partner", partnerId), company);
        for (String field : spec.keySet()) {
            if (field.equals("order_line")) {
                Map<String, Object> lineSpec = map(map(spec.get(field)).get("fields"));
                List<Object> lines = new ArrayList<>();
                for (Object command : OdooValues.list(values.getOrDefault("order_line", List.of()))) {
                    List<?> parts = OdooValues.list(command);
                    if (parts.size() == 3 && number(parts.get(0)) == 0) {
                        lines.add(List.of(0, parts.get(1), newLine(map(parts.get(2)), pricelist, lineSpec)));
                    }
                }
                value.put(field, lines);
            } else if (values.containsKey(field)) {
                value.put(field, values.get(field));
            }
        }
        return Map.of("value", value);
    }

    private Map<String, Object> newLine(Map<String, Object> vals, Integer pricelist, Map<String, Object> spec) {
        Integer productId = id(vals.get("product_id"));
        double quantity = vals.containsKey("product_uom_qty") ? number(vals.get("product_uom_qty")) : 1.0;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("product_id", productId == null ? false : productId);
        line.put("product_uom_qty", quantity);
        line.put("price_unit", productId == null ? 0.0 : price(pricelist, productId, quantity));
        line.keySet().retainAll(spec.keySet());
        return line;
    }

    private Object confirm(OdooCall call) {
        List<Integer> ids = call.ids();
        for (Integer id : ids) {
            Object state = db.row("sale.order", id).get("state");
            if (!"draft".equals(state) && !"sent".equals(state)) {
                throw OdooFault.userError("Some orders are not in a state requiring confirmation.");
            }
        }
        for (Integer id : ids) {
            db.write("sale.order", id, Map.of("state", "sale", "date_order", OdooSchema.now()));
            deliveries.createDelivery(id);
        }
        return true;
    }

    /**
     * Odoo 18 answers a confirmed order with the cancel wizard, as its UI does, unless the context has
     * {@code disable_cancel_warning}; Odoo 19 cancels directly (19.0 transcript 87).
     */
    private Object cancel(OdooCall call) {
        List<Integer> ids = call.ids();
        boolean warn = cancelWizard && !call.flag("disable_cancel_warning")
                && ids.stream().anyMatch(id -> !"draft".equals(db.row("sale.order", id).get("state")));
        if (warn) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("default_template_id", 14);
            context.put("default_order_id", ids.get(0));
            context.put("mark_so_as_canceled", true);
            context.put("default_email_layout_xmlid", "mail.mail_notification_layout_with_responsible_signature");
            context.put("model_description", "Sales Order");
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("name", "Cancel Sales Order");
            action.put("view_mode", "form");
            action.put("res_model", "sale.order.cancel");
            action.put("view_id", 1125);
            action.put("type", "ir.actions.act_window");
            action.put("context", context);
            action.put("target", "new");
            return action;
        }
        ids.forEach(this::cancelOrder);
        return true;
    }

    private void cancelOrder(int orderId) {
        for (Integer picking : ids(db.get("sale.order", orderId, "picking_ids"))) {
            deliveries.cancelPicking(picking);
        }
        for (Integer invoice : ids(db.row("sale.order", orderId).getOrDefault("invoice_ids", List.of()))) {
            if ("draft".equals(db.row("account.move", invoice).get("state"))) {
                db.write("account.move", invoice, Map.of("state", "cancel"));
            }
        }
        db.write("sale.order", orderId, Map.of("state", "cancel"));
    }

    private Object unlink(OdooCall call) {
        for (Integer id : call.ids()) {
            Object state = db.row("sale.order", id).get("state");
            if (!"draft".equals(state) && !"cancel".equals(state)) {
                throw OdooFault.userError(
                        "You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");
            }
        }
        OdooModel lines = db.model("sale.order.line");
        for (Integer id : call.ids()) {
            lines.rows.values().removeIf(line -> Objects.equals(id(line.get("order_id")), id));
            db.model("sale.order").rows.remove(id);
        }
        return true;
    }
}
