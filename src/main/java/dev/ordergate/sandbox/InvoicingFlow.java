package dev.ordergate.sandbox;

import static dev.ordergate.sandbox.OdooValues.id;
import static dev.ordergate.sandbox.OdooValues.ids;
import static dev.ordergate.sandbox.OdooValues.number;
import static dev.ordergate.sandbox.OdooValues.truthy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Invoices through the {@code sale.advance.payment.inv} wizard, and posting them. */
final class InvoicingFlow {

    private static final Pattern DAYS = Pattern.compile("(\\d+) Days");

    private final OdooDatabase db;

    InvoicingFlow(OdooDatabase db) {
        this.db = db;
    }

    void register() {
        db.model("sale.advance.payment.inv")
                .defaults((vals, context) -> {
                    vals.putIfAbsent("advance_payment_method", "delivered");
                    vals.putIfAbsent("consolidated_billing", true);
                    if (!vals.containsKey("sale_order_ids") && "sale.order".equals(context.get("active_model"))) {
                        vals.put("sale_order_ids", List.of(List.of(6, 0, ids(context.getOrDefault("active_ids", List.of())))));
                    }
                })
                .method("create_invoices", this::createInvoices);
        db.model("account.move").method("action_post", this::post);
    }

    /**
     * As Odoo's {@code sale.order._create_invoices}: an order with nothing to invoice is skipped when others have
     * something (refused only when none has), and with {@code consolidated_billing} (the default) the orders of one
     * customer, company and currency share one invoice, its {@code ref} and {@code invoice_origin} joined.
     */
    private Object createInvoices(OdooCall call) {
        List<Integer> invoices = new ArrayList<>();
        Map<String, Object> order = null;
        for (Integer wizard : call.ids()) {
            Map<String, Object> row = db.row("sale.advance.payment.inv", wizard);
            boolean consolidated = truthy(row.get("consolidated_billing"));
            Map<List<Object>, Integer> byGroup = new LinkedHashMap<>();
            for (Integer orderId : ids(row.getOrDefault("sale_order_ids", List.of()))) {
                Map<String, Object> of = db.row("sale.order", orderId);
                List<Object> group = List.of(String.valueOf(of.get("company_id")), String.valueOf(of.get("partner_id")),
                        String.valueOf(of.get("currency_id")));
                Integer joined = consolidated ? byGroup.get(group) : null;
                Integer invoice = joined != null ? addTo(joined, orderId) : invoice(orderId);
                if (invoice != null) {
                    if (!invoices.contains(invoice)) {
                        invoices.add(invoice);
                    }
                    byGroup.putIfAbsent(group, invoice);
                    order = of;
                }
            }
        }
        if (invoices.isEmpty()) {
            throw OdooFault.userError("There is no invoiceable line. If a product has a control policy based on received "
                    + "quantity, please make sure that a quantity has been received.");
        }
        return invoiceAction(invoices, order);
    }

    /** The order's invoiceable lines added to another order's draft invoice (consolidated billing); null when none. */
    private Integer addTo(int invoice, int orderId) {
        List<Object> lines = invoiceLines(orderId);
        if (lines.isEmpty()) {
            return null;
        }
        Map<String, Object> move = db.row("account.move", invoice);
        Map<String, Object> order = db.row("sale.order", orderId);
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("invoice_line_ids", lines);
        vals.put("invoice_origin", move.get("invoice_origin") + ", " + order.get("name"));
        if (truthy(order.get("client_order_ref"))) {
            vals.put("ref", truthy(move.get("ref")) ? move.get("ref") + ", " + order.get("client_order_ref")
                    : order.get("client_order_ref"));
        }
        db.write("account.move", invoice, vals);
        link(order, invoice);
        return invoice;
    }

    private void link(Map<String, Object> order, int invoice) {
        List<Integer> linked = new ArrayList<>(ids(order.getOrDefault("invoice_ids", List.of())));
        linked.add(invoice);
        order.put("invoice_ids", linked);
    }

    /** A draft invoice for what is delivered (or ordered, for services) and not yet invoiced; null when nothing is. */
    private Integer invoice(int orderId) {
        Map<String, Object> order = db.row("sale.order", orderId);
        List<Object> lines = invoiceLines(orderId);
        if (lines.isEmpty()) {
            return null;
        }
        return invoice(order, lines);
    }

    /** The create commands of the order's lines with something to invoice; none when the order is not confirmed. */
    private List<Object> invoiceLines(int orderId) {
        List<Object> lines = new ArrayList<>();
        if (!"sale".equals(db.row("sale.order", orderId).get("state"))) {
            return lines;
        }
        for (Integer lineId : ids(db.get("sale.order", orderId, "order_line"))) {
            double quantity = number(db.get("sale.order.line", lineId, "qty_to_invoice"));
            if (quantity <= 0) {
                continue;
            }
            Map<String, Object> line = db.row("sale.order.line", lineId);
            Map<String, Object> vals = new LinkedHashMap<>();
            vals.put("product_id", line.get("product_id"));
            vals.put("name", line.get("name"));
            vals.put("quantity", quantity);
            vals.put("price_unit", line.get("price_unit"));
            vals.put("discount", number(line.get("discount")));
            vals.put("tax_ids", List.of(List.of(6, 0, line.getOrDefault("tax_id", List.of()))));
            vals.put("sale_line_ids", List.of(List.of(6, 0, List.of(lineId))));
            vals.put("display_type", "product");
            lines.add(List.of(0, 0, vals));
        }
        return lines;
    }

    private int invoice(Map<String, Object> order, List<Object> lines) {
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("name", "/");
        move.put("state", "draft");
        move.put("move_type", "out_invoice");
        Integer company = id(order.get("company_id"));
        move.put("journal_id", salesJournal(company));
        move.put("company_id", company == null ? OdooSchema.COMPANY : company);
        move.put("payment_state", "not_paid");
        move.put("partner_id", order.get("partner_id"));
        move.put("invoice_origin", order.get("name"));
        move.put("ref", truthy(order.get("client_order_ref")) ? order.get("client_order_ref") : false);
        move.put("payment_reference", false);
        move.put("invoice_date", false);
        move.put("invoice_date_due", due(LocalDate.parse(OdooSchema.today()), id(order.get("payment_term_id"))));
        move.put("invoice_payment_term_id", order.get("payment_term_id"));
        move.put("currency_id", order.get("currency_id"));
        move.put("invoice_line_ids", lines);
        int invoice = db.create("account.move", move);
        link(order, invoice);
        return invoice;
    }

    /** The sales journal of the order's company: each company invoices in its own journal. */
    private int salesJournal(Integer company) {
        return db.model("account.journal").rows.values().stream()
                .filter(journal -> "sale".equals(journal.get("type")))
                .filter(journal -> company == null || java.util.Objects.equals(id(journal.get("company_id")), company))
                .map(journal -> (Integer) journal.get("id")).findFirst().orElse(OdooSchema.SALES_JOURNAL);
    }

    private String due(LocalDate from, Integer paymentTerm) {
        if (paymentTerm == null) {
            return from.toString();
        }
        Matcher days = DAYS.matcher(String.valueOf(db.row("account.payment.term", paymentTerm).get("name")));
        return (days.find() ? from.plusDays(Long.parseLong(days.group(1))) : from).toString();
    }

    /** Odoo 18 posts and answers {@code false}; the sequence number comes with posting. */
    private Object post(OdooCall call) {
        // Odoo posts many moves in one transaction: one that cannot be posted refuses the call, none is posted.
        for (Integer id : call.ids()) {
            Map<String, Object> move = db.row("account.move", id);
            if (!"draft".equals(move.get("state"))) {
                throw OdooFault.userError("The entry %s (id %d) is already posted.".formatted(move.get("name"), id));
            }
        }
        for (Integer id : call.ids()) {
            Map<String, Object> move = db.row("account.move", id);
            String today = OdooSchema.today();
            // Credit notes have their own sequence (RINV) in the same journal.
            Integer journal = id(move.get("journal_id"));
            String code = journal == null ? "INV" : String.valueOf(db.row("account.journal", journal).get("code"));
            String prefix = "out_refund".equals(move.get("move_type")) ? "R" + code + "/" : code + "/";
            String name = "%s%s/%05d".formatted(prefix, today.substring(0, 4), db.next(prefix + today.substring(0, 4)));
            move.put("name", name);
            move.put("state", "posted");
            move.put("payment_reference", name);
            if (!truthy(move.get("invoice_date"))) {
                move.put("invoice_date", today);
            }
            move.put("invoice_date_due", due(LocalDate.parse(String.valueOf(move.get("invoice_date"))),
                    id(move.get("invoice_payment_term_id"))));
        }
        return false;
    }

    private static Map<String, Object> invoiceAction(List<Integer> invoices, Map<String, Object> order) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("default_move_type", "out_invoice");
        context.put("default_partner_id", order.get("partner_id"));
        context.put("default_partner_shipping_id", order.get("partner_id"));
        context.put("default_invoice_payment_term_id", truthy(order.get("payment_term_id")) ? order.get("payment_term_id") : false);
        context.put("default_invoice_origin", order.get("name"));
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("id", 263);
        action.put("name", "Invoices");
        action.put("type", "ir.actions.act_window");
        action.put("xml_id", "account.action_move_out_invoice_type");
        action.put("path", "invoicing");
        action.put("help", "<p class=\"o_view_nocontent_smiling_face\">Create a customer invoice</p>");
        action.put("binding_model_id", false);
        action.put("binding_type", "action");
        action.put("binding_view_types", "list,form");
        action.put("display_name", "Invoices");
        action.put("view_id", List.of(709, "account.out.invoice.list"));
        // action_view_invoice: the action's own domain (a string) for one invoice, a domain list by id for several
        action.put("domain", invoices.size() == 1
                ? "[('move_type', 'in', ['out_invoice', 'out_refund'])]"
                : List.of(List.of("id", "in", invoices)));
        action.put("context", context);
        // Odoo 19 answers res_id 0 beside the domain when there are several (seen on the lab server)
        action.put("res_id", invoices.size() == 1 ? invoices.get(0) : 0);
        action.put("res_model", "account.move");
        action.put("target", "current");
        action.put("view_mode", "list,kanban,form,activity");
        action.put("mobile_view_mode", "kanban");
        action.put("views", List.of(List.of(716, "form"), List.of(709, "list"), List.of(false, "kanban"), List.of(false, "activity")));
        action.put("limit", 80);
        action.put("groups_id", List.of());
        action.put("search_view_id", List.of(719, "account.invoice.select"));
        action.put("embedded_action_ids", List.of());
        action.put("filter", false);
        return action;
    }
}
