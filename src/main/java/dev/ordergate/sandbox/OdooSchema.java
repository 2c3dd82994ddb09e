package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;
import static dev.ordergate.sandbox.OdooValues.number;
import static dev.ordergate.sandbox.OdooValues.round2;
import static dev.ordergate.sandbox.OdooValues.truthy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.ordergate.sandbox.OdooField.Type;

/**
 * The models the simulated Odoo keeps, with the field names and types of Odoo 18 (as in the contract
 * transcripts), and the computed fields that follow from stock moves, order lines and invoice lines.
 */
final class OdooSchema {

    static final int COMPANY = 1;
    static final int STOCK_LOCATION = 8;
    static final int CUSTOMER_LOCATION = 5;
    static final int SCRAP_LOCATION = 16;
    static final int RECEIPT_TYPE = 1;
    static final int DELIVERY_TYPE = 2;
    static final int DEFAULT_PRICELIST = 2;
    static final int SALES_JOURNAL = 1;
    static final Set<String> OPEN_MOVE_STATES = Set.of("draft", "waiting", "confirmed", "partially_available", "assigned");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Odoo's log-access fields, on every model; the ORM maintains them (see OdooDatabase.create and write). */
    static final java.util.List<String> LOG_ACCESS = java.util.List.of("create_uid", "create_date", "write_uid", "write_date");

    private final OdooDatabase db;

    OdooSchema(OdooDatabase db) {
        this.db = db;
    }

    static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).format(DATETIME);
    }

    /**
     * The time Odoo stamps on a write: PostgreSQL keeps microseconds, the API answers whole seconds, and a domain
     * compares the stored value, so {@code write_date > '12:00:00'} finds a record written at 12:00:00.4 whose
     * {@code write_date} reads {@code 12:00:00}.
     */
    static String preciseNow() {
        return LocalDateTime.now(ZoneOffset.UTC).format(PRECISE);
    }

    static String today() {
        return now().substring(0, 10);
    }

    void define() {
        db.define("res.users", "User").chars("name", "login").booleans("active").many2one("company_id", "res.company")
                .many2many("company_ids", "res.company");
        // The admin's API keys as Odoo 19 lists them (hashed, so only name and expiry), for the key's expiry warning.
        db.define("res.users.apikeys", "Users API Keys").chars("name", "scope").many2one("user_id", "res.users")
                .datetimes("expiration_date");
        db.define("res.company", "Companies").chars("name").many2one("currency_id", "res.currency");
        db.define("res.currency", "Currency").chars("name", "symbol").booleans("active");
        db.define("res.country", "Country").chars("name", "code");
        db.define("crm.team", "Sales Team").chars("name");
        db.define("uom.uom", "Product Unit of Measure").chars("name").floats("factor").selection("uom_type", "bigger", "reference", "smaller");
        db.define("product.category", "Product Category").chars("name");
        db.define("account.tax.group", "Tax Group").chars("name");
        db.define("account.tax", "Tax").chars("name", "description", "invoice_label").floats("amount")
                .selection("amount_type", "percent", "fixed", "group", "division")
                .selection("type_tax_use", "sale", "purchase", "none")
                .booleans("price_include", "include_base_amount", "active")
                .selection("price_include_override", "tax_included", "tax_excluded")
                .many2one("tax_group_id", "account.tax.group").many2one("company_id", "res.company");
        db.define("account.payment.term", "Payment Terms").chars("name").texts("note")
                .booleans("early_discount", "active").floats("discount_percentage").integers("discount_days");
        db.define("stock.location", "Inventory Locations").chars("name")
                .selection("usage", "supplier", "view", "internal", "customer", "inventory", "production", "transit")
                .many2one("company_id", "res.company");
        db.define("stock.picking.type", "Picking Type").chars("name", "sequence_code")
                .selection("code", "incoming", "outgoing", "internal").many2one("company_id", "res.company")
                .many2one("warehouse_id", "stock.warehouse");
        db.define("stock.warehouse", "Warehouse").chars("name", "code")
                .many2one("lot_stock_id", "stock.location").selection("delivery_steps", "ship_only", "pick_ship", "pick_pack_ship")
                .selection("reception_steps", "one_step", "two_steps", "three_steps")
                .many2one("company_id", "res.company").many2one("partner_id", "res.partner")
                .many2one("out_type_id", "stock.picking.type");
        defineCatalogue();
        defineSales();
        defineStock();
        defineInvoicing();
        for (String name : db.modelNames()) {
            db.model(name).many2one("create_uid", "res.users").datetimes("create_date")
                    .many2one("write_uid", "res.users").datetimes("write_date");
        }
    }

    private void defineCatalogue() {
        db.define("res.partner", "Contact")
                .chars("name", "ref", "vat", "email", "phone", "street", "city", "zip")
                .booleans("is_company", "use_partner_credit_limit", "active")
                .computed("company_type", Type.SELECTION, row -> truthy(row.get("is_company")) ? "company" : "person")
                .integers("customer_rank", "supplier_rank")
                .many2one("property_product_pricelist", "product.pricelist")
                .many2one("property_payment_term_id", "account.payment.term")
                .floats("credit_limit").monetaries("credit")
                .many2one("country_id", "res.country").many2one("company_id", "res.company")
                .computed("country_code", Type.CHAR, row -> {
                    Integer country = id(row.get("country_id"));
                    return country == null ? false : db.get("res.country", country, "code");
                });
        db.define("product.template", "Product").chars("name", "default_code")
                .display(OdooSchema::productDisplayName);
        db.define("product.product", "Product Variant")
                .chars("default_code", "name", "barcode")
                .floats("list_price", "standard_price", "qty_available")
                .computed("lst_price", Type.FLOAT, row -> row.get("list_price"))
                .many2one("uom_id", "uom.uom")
                .selection("type", "consu", "service", "combo")
                .booleans("is_storable", "active", "sale_ok")
                .computed("virtual_available", Type.FLOAT, row -> forecast(row))
                .computed("free_qty", Type.FLOAT, row -> freeQuantity((Integer) row.get("id")))
                .selection("invoice_policy", "order", "delivery")
                .many2many("taxes_id", "account.tax")
                .many2one("categ_id", "product.category")
                .many2one("product_tmpl_id", "product.template").many2one("company_id", "res.company")
                .display(OdooSchema::productDisplayName);
        db.define("product.pricelist", "Pricelist").chars("name").booleans("active").integers("sequence")
                .many2one("currency_id", "res.currency").many2one("company_id", "res.company")
                .one2many("item_ids", "product.pricelist.item", "pricelist_id")
                .display(row -> "%s (%s)".formatted(row.get("name"),
                        db.get("res.currency", id(row.get("currency_id")), "name")));
        db.define("product.pricelist.item", "Pricelist Rule")
                .many2one("pricelist_id", "product.pricelist")
                .selection("applied_on", "3_global", "2_product_category", "1_product", "0_product_variant")
                .selection("display_applied_on", "1_product", "2_product_category")
                .many2one("product_tmpl_id", "product.template").many2one("product_id", "product.product")
                .many2one("categ_id", "product.category")
                .floats("min_quantity", "fixed_price", "percent_price", "price_discount", "price_surcharge", "price_round")
                .selection("compute_price", "fixed", "percentage", "formula")
                .selection("base", "list_price", "standard_price", "pricelist")
                .dates("date_start", "date_end")
                .computed("price", Type.CHAR, row -> "fixed".equals(row.get("compute_price"))
                        ? "$\u00a0%.2f".formatted(number(row.get("fixed_price")))
                        : "%s %% discount on sales price".formatted(trim(number(row.get("percent_price")))))
                .display(row -> "Pricelist rule %s".formatted(row.get("id")));
    }

    private void defineSales() {
        db.define("sale.order", "Sales Order")
                .chars("name", "client_order_ref").texts("note")
                .selection("state", "draft", "sent", "sale", "cancel")
                .required("partner_id", "Customer", "res.partner")
                .many2one("pricelist_id", "product.pricelist")
                .many2one("payment_term_id", "account.payment.term")
                .many2one("currency_id", "res.currency")
                .datetimes("date_order")
                .computed("amount_untaxed", Type.MONETARY, row -> round2(sumOfLines(row, "price_subtotal")))
                .computed("amount_tax", Type.MONETARY, row -> round2(sumOfLines(row, "price_tax")))
                .computed("amount_total", Type.MONETARY,
                        row -> round2(round2(sumOfLines(row, "price_subtotal")) + round2(sumOfLines(row, "price_tax"))))
                .one2many("order_line", "sale.order.line", "order_id")
                .computedSelection("invoice_status", this::orderInvoiceStatus, "upselling", "invoiced", "to invoice", "no")
                .computedSelection("delivery_status", this::deliveryStatus, "pending", "started", "partial", "full")
                .booleans("locked")
                .one2many("picking_ids", "stock.picking", "sale_id")
                .computed("delivery_count", Type.INTEGER, row -> ids(db.get(db.model("sale.order"), row, "picking_ids")).size())
                .many2many("invoice_ids", "account.move")
                .computed("invoice_count", Type.INTEGER, row -> ids(row.getOrDefault("invoice_ids", List.of())).size())
                .many2one("warehouse_id", "stock.warehouse")
                .computed("partner_credit_warning", Type.TEXT, this::creditWarning)
                .many2one("user_id", "res.users").many2one("team_id", "crm.team").many2one("company_id", "res.company")
                .requires("name", "Order Reference")
                .checkCompany("partner_id", "pricelist_id", "warehouse_id", "payment_term_id");
        db.define("sale.order.line", "Sales Order Line")
                .many2one("order_id", "sale.order").many2one("product_id", "product.product")
                .texts("name").floats("product_uom_qty", "price_unit", "discount", "customer_lead")
                .many2one("product_uom", "uom.uom")
                .computed("price_subtotal", Type.MONETARY, row -> subtotal(row, "product_uom_qty"))
                .computed("price_tax", Type.MONETARY, row -> total(row, "product_uom_qty", "tax_id") - subtotal(row, "product_uom_qty"))
                .computed("price_total", Type.MONETARY, row -> total(row, "product_uom_qty", "tax_id"))
                .many2many("tax_id", "account.tax")
                .computed("qty_delivered", Type.FLOAT, row -> delivered((Integer) row.get("id")))
                .computed("qty_invoiced", Type.FLOAT, row -> invoiced((Integer) row.get("id")))
                .computed("qty_to_invoice", Type.FLOAT, this::toInvoice)
                .computedSelection("invoice_status", this::lineInvoiceStatus, "upselling", "invoiced", "to invoice", "no")
                .computed("state", Type.SELECTION, row -> db.get("sale.order", id(row.get("order_id")), "state"))
                .computedMany2one("company_id", "res.company", row -> related("sale.order", row.get("order_id")))
                .requires("product_uom_qty", "Quantity").requires("price_unit", "Unit Price")
                .display(row -> {
                    Map<String, Object> order = db.row("sale.order", id(row.get("order_id")));
                    Object ref = db.get("res.partner", id(order.get("partner_id")), "ref");
                    return "%s - %s%s".formatted(order.get("name"), row.get("name"), truthy(ref) ? " (" + ref + ")" : "");
                });
        db.define("sale.order.cancel", "Sales Order Cancel").many2one("order_id", "sale.order")
                .display(row -> "Cancel Sales Order");
        db.define("sale.advance.payment.inv", "Sales Advance Payment Invoice")
                .selection("advance_payment_method", "delivered", "percentage", "fixed")
                .many2many("sale_order_ids", "sale.order")
                // Odoo 16-19: on by default, one invoice for the orders of one customer (grouped=not consolidated_billing)
                .booleans("consolidated_billing")
                .computed("count", Type.INTEGER, row -> ids(row.getOrDefault("sale_order_ids", List.of())).size())
                .display(row -> "Create Invoice");
    }

    private void defineStock() {
        db.define("stock.picking", "Transfer")
                .chars("name", "origin")
                .selection("state", "draft", "waiting", "confirmed", "assigned", "done", "cancel")
                .many2one("partner_id", "res.partner").many2one("picking_type_id", "stock.picking.type")
                .many2one("location_id", "stock.location").many2one("location_dest_id", "stock.location")
                .datetimes("scheduled_date", "date_done")
                .one2many("move_ids", "stock.move", "picking_id")
                .many2one("backorder_id", "stock.picking")
                .one2many("backorder_ids", "stock.picking", "backorder_id")
                .many2one("sale_id", "sale.order").many2one("return_id", "stock.picking")
                .computed("picking_type_code", Type.SELECTION, row -> {
                    Integer type = id(row.get("picking_type_id"));
                    return type == null ? false : db.get("stock.picking.type", type, "code");
                })
                .many2one("company_id", "res.company");
        db.define("stock.move", "Stock Move")
                .chars("name", "origin")
                .many2one("picking_id", "stock.picking").many2one("product_id", "product.product")
                .floats("product_uom_qty", "quantity").booleans("picked")
                .many2one("product_uom", "uom.uom")
                .selection("state", "draft", "waiting", "confirmed", "partially_available", "assigned", "done", "cancel")
                .many2one("sale_line_id", "sale.order.line")
                .many2one("location_id", "stock.location").many2one("location_dest_id", "stock.location")
                .many2one("origin_returned_move_id", "stock.move")
                .computedMany2one("company_id", "res.company", row -> related("stock.picking", row.get("picking_id")))
                .display(row -> {
                    Map<String, Object> picking = db.row("stock.picking", id(row.get("picking_id")));
                    Object code = db.get("product.product", id(row.get("product_id")), "default_code");
                    return "%s/%s: %s>%s".formatted(truthy(picking.get("origin")) ? picking.get("origin") : picking.get("name"),
                            code, shortName(row.get("location_id")), shortName(row.get("location_dest_id")));
                });
        db.define("stock.backorder.confirmation", "Backorder Confirmation")
                .many2many("pick_ids", "stock.picking").booleans("show_transfers")
                .one2many("backorder_confirmation_line_ids", "stock.backorder.confirmation.line", "backorder_confirmation_id")
                .display(row -> "Create Backorder?");
        db.define("stock.backorder.confirmation.line", "Backorder Confirmation Line")
                .many2one("backorder_confirmation_id", "stock.backorder.confirmation")
                .many2one("picking_id", "stock.picking").booleans("to_backorder");
        db.define("confirm.stock.sms", "Confirm Stock SMS").many2many("pick_ids", "stock.picking")
                .display(row -> "SMS");
        db.define("stock.scrap", "Scrap").chars("name", "origin")
                .many2one("product_id", "product.product").floats("scrap_qty")
                .many2one("product_uom_id", "uom.uom").many2one("picking_id", "stock.picking")
                .many2one("location_id", "stock.location").many2one("scrap_location_id", "stock.location")
                .selection("state", "draft", "done").datetimes("date_done")
                .many2one("company_id", "res.company");
        db.define("stock.return.picking", "Return Picking").many2one("picking_id", "stock.picking")
                .one2many("product_return_moves", "stock.return.picking.line", "wizard_id")
                .many2one("company_id", "res.company")
                .display(row -> "Reverse Transfer");
        db.define("stock.return.picking.line", "Return Picking Line").many2one("wizard_id", "stock.return.picking")
                .many2one("product_id", "product.product").floats("quantity", "move_quantity")
                .many2one("move_id", "stock.move").many2one("uom_id", "uom.uom");
    }

    private void defineInvoicing() {
        db.define("account.journal", "Journal").chars("name", "code")
                .selection("type", "sale", "purchase", "cash", "bank", "credit", "general")
                .booleans("active").many2one("company_id", "res.company");
        db.define("account.move", "Journal Entry")
                .required("journal_id", "Journal", "account.journal")
                .chars("name", "invoice_origin", "ref", "payment_reference")
                .selection("state", "draft", "posted", "cancel")
                .selection("move_type", "entry", "out_invoice", "out_refund", "in_invoice", "in_refund")
                .selection("payment_state", "not_paid", "in_payment", "paid", "partial", "reversed", "invoicing_legacy")
                .many2one("partner_id", "res.partner")
                .dates("invoice_date", "invoice_date_due")
                .many2one("invoice_payment_term_id", "account.payment.term")
                .many2one("reversed_entry_id", "account.move")
                .computed("amount_untaxed", Type.MONETARY, row -> round2(sumOfInvoiceLines(row, "price_subtotal")))
                .computed("amount_tax", Type.MONETARY,
                        row -> round2(sumOfInvoiceLines(row, "price_total") - sumOfInvoiceLines(row, "price_subtotal")))
                .computed("amount_total", Type.MONETARY, row -> round2(sumOfInvoiceLines(row, "price_total")))
                .computed("amount_residual", Type.MONETARY,
                        row -> "cancel".equals(row.get("state")) ? 0.0 : round2(sumOfInvoiceLines(row, "price_total")))
                .many2one("currency_id", "res.currency").many2one("company_id", "res.company")
                .one2many("invoice_line_ids", "account.move.line", "move_id")
                .display(row -> "/".equals(row.get("name")) ? "Draft Invoice (* %s)".formatted(row.get("id")) : (String) row.get("name"));
        db.define("account.move.line", "Journal Item")
                .many2one("move_id", "account.move").many2one("product_id", "product.product")
                .texts("name").floats("quantity", "price_unit", "discount")
                .computed("price_subtotal", Type.MONETARY, row -> subtotal(row, "quantity"))
                .computed("price_total", Type.MONETARY, row -> total(row, "quantity", "tax_ids"))
                .many2many("tax_ids", "account.tax").many2many("sale_line_ids", "sale.order.line")
                .selection("display_type", "product", "tax", "payment_term", "line_section", "line_note")
                .computedMany2one("company_id", "res.company", row -> related("account.move", row.get("move_id")))
                .display(row -> String.valueOf(row.get("name")));
        // Real Odoo 18 and 19 refuse the wizard without a journal when it is created through the API (issue 16).
        db.define("account.move.reversal", "Account move reversal").many2many("move_ids", "account.move")
                .chars("reason").dates("date").required("journal_id", "Journal", "account.journal")
                .display(row -> "Reverse");
    }

    // ---- computations

    /** The company of a line's parent record (Odoo's related {@code company_id} on lines and moves). */
    private Object related(String model, Object parent) {
        Integer parentId = id(parent);
        Map<String, Object> row = parentId == null ? null : db.model(model).rows.get(parentId);
        return row == null ? null : row.get("company_id");
    }

    /** Whether a location is a stock location of one of the warehouses (Odoo's usage 'internal'). */
    boolean internal(Object location) {
        Integer locationId = id(location);
        Map<String, Object> row = locationId == null ? null : db.model("stock.location").rows.get(locationId);
        return row != null && "internal".equals(row.get("usage"));
    }

    static String productDisplayName(Map<String, Object> row) {
        Object code = row.get("default_code");
        return truthy(code) ? "[%s] %s".formatted(code, row.get("name")) : String.valueOf(row.get("name"));
    }

    private String shortName(Object location) {
        String name = String.valueOf(db.get("stock.location", id(location), "name"));
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** On-hand quantity not reserved by open outgoing moves. */
    double freeQuantity(int productId) {
        Map<String, Object> product = db.row("product.product", productId);
        if (!truthy(product.get("is_storable"))) {
            return 0.0;
        }
        double reserved = openMoves(productId).stream()
                .filter(move -> internal(move.get("location_id")))
                .mapToDouble(move -> number(move.get("quantity"))).sum();
        return number(product.get("qty_available")) - reserved;
    }

    private double forecast(Map<String, Object> product) {
        if (!truthy(product.get("is_storable"))) {
            return 0.0;
        }
        double forecast = number(product.get("qty_available"));
        for (Map<String, Object> move : openMoves((Integer) product.get("id"))) {
            double demand = number(move.get("product_uom_qty"));
            forecast += internal(move.get("location_id")) ? -demand : demand;
        }
        return forecast;
    }

    private List<Map<String, Object>> openMoves(int productId) {
        return db.model("stock.move").rows.values().stream()
                .filter(move -> Objects.equals(id(move.get("product_id")), productId))
                .filter(move -> OPEN_MOVE_STATES.contains(String.valueOf(move.get("state"))))
                .toList();
    }

    private double sumOfLines(Map<String, Object> order, String field) {
        OdooModel lines = db.model("sale.order.line");
        return ids(db.get(db.model("sale.order"), order, "order_line")).stream()
                .mapToDouble(line -> number(db.get(lines, lines.rows.get(line), field))).sum();
    }

    private double sumOfInvoiceLines(Map<String, Object> move, String field) {
        OdooModel lines = db.model("account.move.line");
        return ids(db.get(db.model("account.move"), move, "invoice_line_ids")).stream()
                .mapToDouble(line -> number(db.get(lines, lines.rows.get(line), field))).sum();
    }

    private static double subtotal(Map<String, Object> line, String quantityField) {
        return round2(number(line.get(quantityField)) * number(line.get("price_unit"))
                * (1 - number(line.get("discount")) / 100));
    }

    /** Odoo rounds the tax and the total; price_tax is then total minus subtotal, float noise included. */
    private double total(Map<String, Object> line, String quantityField, String taxField) {
        double subtotal = subtotal(line, quantityField);
        double rate = ids(line.getOrDefault(taxField, List.of())).stream()
                .mapToDouble(tax -> number(db.get("account.tax", tax, "amount"))).sum() / 100;
        return round2(subtotal + round2(subtotal * rate));
    }

    private double delivered(int lineId) {
        double delivered = 0;
        for (Map<String, Object> move : db.model("stock.move").rows.values()) {
            if (Objects.equals(id(move.get("sale_line_id")), lineId) && "done".equals(move.get("state"))) {
                double quantity = number(move.get("quantity"));
                delivered += Objects.equals(id(move.get("location_dest_id")), CUSTOMER_LOCATION) ? quantity : -quantity;
            }
        }
        return delivered;
    }

    private double invoiced(int lineId) {
        double invoiced = 0;
        for (Map<String, Object> line : db.model("account.move.line").rows.values()) {
            if (ids(line.getOrDefault("sale_line_ids", List.of())).contains(lineId)
                    && !"cancel".equals(db.get("account.move", id(line.get("move_id")), "state"))) {
                // A credit note's quantities are taken back from what was invoiced.
                boolean refund = "out_refund".equals(db.get("account.move", id(line.get("move_id")), "move_type"));
                invoiced += refund ? -number(line.get("quantity")) : number(line.get("quantity"));
            }
        }
        return invoiced;
    }

    private Object toInvoice(Map<String, Object> line) {
        if (!"sale".equals(db.get("sale.order", id(line.get("order_id")), "state"))) {
            return 0.0;
        }
        Object policy = db.get("product.product", id(line.get("product_id")), "invoice_policy");
        double basis = "order".equals(policy) ? number(line.get("product_uom_qty")) : delivered((Integer) line.get("id"));
        return basis - invoiced((Integer) line.get("id"));
    }

    private Object lineInvoiceStatus(Map<String, Object> line) {
        if (!"sale".equals(db.get("sale.order", id(line.get("order_id")), "state"))) {
            return "no";
        }
        if (number(toInvoice(line)) > 0) {
            return "to invoice";
        }
        return invoiced((Integer) line.get("id")) >= number(line.get("product_uom_qty")) ? "invoiced" : "no";
    }

    private Object orderInvoiceStatus(Map<String, Object> order) {
        if (!"sale".equals(order.get("state"))) {
            return "no";
        }
        OdooModel lines = db.model("sale.order.line");
        List<Object> statuses = ids(db.get(db.model("sale.order"), order, "order_line")).stream()
                .map(line -> lineInvoiceStatus(lines.rows.get(line))).toList();
        if (statuses.contains("to invoice")) {
            return "to invoice";
        }
        return !statuses.isEmpty() && statuses.stream().allMatch("invoiced"::equals) ? "invoiced" : "no";
    }

    private Object deliveryStatus(Map<String, Object> order) {
        List<Object> states = ids(db.get(db.model("sale.order"), order, "picking_ids")).stream()
                .map(picking -> db.get("stock.picking", picking, "state"))
                .filter(state -> !"cancel".equals(state)).toList();
        if (states.isEmpty()) {
            return false;
        }
        if (states.stream().allMatch("done"::equals)) {
            return "full";
        }
        return states.contains("done") ? "partial" : "pending";
    }

    private Object creditWarning(Map<String, Object> order) {
        Integer partnerId = id(order.get("partner_id"));
        if (partnerId == null || "cancel".equals(order.get("state"))) {
            return false;
        }
        Map<String, Object> partner = db.row("res.partner", partnerId);
        double limit = number(partner.get("credit_limit"));
        double total = round2(round2(sumOfLines(order, "price_subtotal")) + round2(sumOfLines(order, "price_tax")));
        double due = number(partner.get("credit")) + total;
        if (!truthy(partner.get("use_partner_credit_limit")) || limit <= 0 || due <= limit) {
            return false;
        }
        return "%s has reached its credit limit of: $\u00a0%,.2f\nTotal amount due (including this document): $\u00a0%,.2f"
                .formatted(partner.get("name"), limit, due);
    }
}
