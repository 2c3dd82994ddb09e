package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.ids;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The invoice's Odoo calls, for many orders at once when batching is on ({@link OdooBatchingProperties}): one
 * "Create Invoice" wizard ({@code sale.advance.payment.inv}) for many sales orders, then one {@code action_post} on
 * their invoices and one read of the posted numbers. Off, each order makes its own four calls.
 *
 * <p>The wizard groups the invoices of orders of one customer into one invoice unless told not to (its
 * {@code consolidated_billing}, on by default from 16 to 19: {@code _create_invoices(grouped=not consolidated_billing)}),
 * so a batch turns it off: one invoice per order, as each order alone gets. Odoo skips an order with nothing to
 * invoice silently when others have something (it refuses only when none has), so which invoice is whose is read
 * from the orders ({@code invoice_ids}), and an order the batch left without one goes alone, where it meets Odoo's
 * refusal as it would have.
 */
@Component
class OdooInvoiceBatches {

    private static final String WIZARD = "sale.advance.payment.inv";
    private static final Pattern IDS_IN = Pattern.compile("'id',\\s*'in',\\s*\\[([\\d,\\s]*)]");
    static final List<String> INVOICE_FIELDS = List.of("name", "state", "amount_total");

    private final OdooClient odoo;
    private final boolean enabled;
    private final OdooMicroBatch<Integer, Integer> invoices;
    private final OdooMicroBatch<Integer, JsonNode> posts;

    OdooInvoiceBatches(OdooClient odoo, OdooBatchingProperties batching) {
        this.odoo = odoo;
        this.enabled = batching.enabled();
        // Each call is one Odoo transaction only when it is one call: never more than the client's batch size.
        int maxSize = Math.min(batching.maxSize(), odoo.batchSize());
        this.invoices = new OdooMicroBatch<>(batching.window(), maxSize, this::invoiceAll, this::invoiceOne);
        this.posts = new OdooMicroBatch<>(batching.window(), maxSize, this::postAll, id -> postAll(List.of(id)).get(0));
    }

    /**
     * The draft invoice the wizard makes of what the sales order delivered and has not invoiced yet. Not idempotent:
     * the caller records the attempt first and reads the order's invoices on a retry.
     */
    int invoice(int salesOrderId) {
        return enabled ? invoices.submit(salesOrderId) : invoiceOne(salesOrderId);
    }

    /** Posts the draft invoice and answers it as posted (its number is given at posting); null when Odoo does not show it. */
    JsonNode post(int invoiceId) {
        return enabled ? posts.submit(invoiceId) : postAll(List.of(invoiceId)).get(0);
    }

    private int invoiceOne(int salesOrderId) {
        JsonNode action = createInvoices(List.of(salesOrderId), Map.of());
        if (!action.path("res_id").isIntegralNumber()) {
            throw new OdooProtocolException("create_invoices for sales order " + salesOrderId
                    + " did not answer a single invoice", null);
        }
        return action.path("res_id").intValue();
    }

    private List<Integer> invoiceAll(List<Integer> salesOrderIds) {
        JsonNode action = createInvoices(salesOrderIds, Map.of("consolidated_billing", false));
        Set<Integer> created = createdInvoices(action);
        Map<Integer, Integer> invoiceOf = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (JsonNode order : odoo.read("sale.order", salesOrderIds, List.of("invoice_ids"))) {
            for (Integer invoice : ids(order.path("invoice_ids"))) {
                if (!created.contains(invoice)) {
                    continue;
                }
                if (!seen.add(invoice) || invoiceOf.put(order.get("id").intValue(), invoice) != null) {
                    throw new OdooProtocolException("create_invoices for " + salesOrderIds.size()
                            + " orders did not make one invoice per order", null);
                }
            }
        }
        List<Integer> answers = new ArrayList<>();
        salesOrderIds.forEach(id -> answers.add(invoiceOf.get(id)));
        return answers;
    }

    private JsonNode createInvoices(List<Integer> salesOrderIds, Map<String, Object> options) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("active_model", "sale.order");
        context.put("active_ids", salesOrderIds);
        context.put("active_id", salesOrderIds.get(0));
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("advance_payment_method", "delivered");
        vals.put("sale_order_ids", List.of(List.of(6, 0, salesOrderIds)));
        vals.putAll(options);
        int wizard = odoo.executeKw(WIZARD, "create", List.of(vals), Map.of("context", context)).intValue();
        return odoo.call(WIZARD, "create_invoices", List.of(wizard), context);
    }

    /**
     * The invoices a {@code create_invoices} answer shows: its {@code res_id} when it made one, else the ids of its
     * domain {@code [('id', 'in', [...])]} (a list in JSON; a string in some servers' actions). Odoo 19 answers
     * {@code res_id: 0} beside the domain when it made several (seen on the lab server, 2026-12-07).
     */
    private static Set<Integer> createdInvoices(JsonNode action) {
        Set<Integer> created = new HashSet<>();
        if (action.path("res_id").isIntegralNumber() && action.path("res_id").intValue() > 0) {
            created.add(action.path("res_id").intValue());
            return created;
        }
        JsonNode domain = action.path("domain");
        if (domain.isArray()) {
            for (JsonNode leaf : domain) {
                if (leaf.isArray() && "id".equals(leaf.path(0).asText()) && "in".equals(leaf.path(1).asText())) {
                    created.addAll(ids(leaf.path(2)));
                }
            }
        } else if (domain.isTextual()) {
            Matcher in = IDS_IN.matcher(domain.asText());
            if (in.find()) {
                for (String id : in.group(1).split(",")) {
                    if (!id.isBlank()) {
                        created.add(Integer.valueOf(id.trim()));
                    }
                }
            }
        }
        if (created.isEmpty()) {
            throw new OdooProtocolException("create_invoices answered no invoice: " + action.path("domain"), null);
        }
        return created;
    }

    /** Odoo refuses the whole call when one invoice cannot be posted; the batch then posts one by one. */
    private List<JsonNode> postAll(List<Integer> invoiceIds) {
        // Odoo 18 answers false on success (transcript 64); failures come as errors.
        odoo.call("account.move", "action_post", invoiceIds, null);
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode invoice : odoo.read("account.move", invoiceIds, INVOICE_FIELDS)) {
            byId.put(invoice.get("id").intValue(), invoice);
        }
        return invoiceIds.stream().map(byId::get).toList();
    }
}
