package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.ids;
import static dev.ordergate.odoo.client.OdooValues.many2oneId;
import static dev.ordergate.odoo.client.OdooValues.number;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.invoicing.CreditNotes;
import dev.ordergate.invoicing.InvoiceRef;
import dev.ordergate.invoicing.PaymentState;
import dev.ordergate.invoicing.Payments;
import dev.ordergate.odoo.client.OdooBusinessException;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooProtocolException;
import dev.ordergate.odoo.client.OdooValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Credit notes through Odoo's reversal wizard {@code account.move.reversal} on the posted invoice, and the payment
 * state of an order's invoices. The order's {@code invoice_ids} lists its credit notes too, which is how a retry
 * finds a credit note it already made.
 */
@Component
class OdooCreditNotes implements CreditNotes, Payments {

    private static final Logger log = LoggerFactory.getLogger(OdooCreditNotes.class);
    private static final List<String> MOVE_FIELDS =
            List.of("name", "state", "move_type", "amount_total", "payment_state", "journal_id");
    private static final List<String> RETURN_MOVE_FIELDS =
            List.of("name", "state", "move_type", "amount_total", "ref", "journal_id");
    /** Odoo's own {@code ref} of a credit note the reversal wizard made ("Reversal of: INV/2026/00001, reason"). */
    private static final String UNTAGGED_PREFIX = "Reversal of";

    private final OdooClient odoo;
    private final OdooRecords records;

    OdooCreditNotes(OdooClient odoo, OdooRecords records) {
        this.odoo = odoo;
        this.records = records;
    }

    @Override
    public InvoiceRef creditInvoice(String businessKey, String reason) {
        List<JsonNode> moves = moves(businessKey);
        for (JsonNode move : moves) {
            if ("out_refund".equals(text(move.path("move_type")))) {
                switch (text(move.path("state"))) {
                    case "posted" -> {
                        return ref(move);
                    }
                    case "draft" -> {
                        return post(move.get("id").intValue());
                    }
                    default -> { }
                }
            }
        }
        JsonNode invoice = moves.stream().filter(m -> "out_invoice".equals(text(m.path("move_type")))
                        && "posted".equals(text(m.path("state")))).findFirst()
                .orElseThrow(() -> new OdooBusinessException("Odoo sales order for " + businessKey
                        + " has no posted invoice to credit"));
        return post(reverse(invoice, reason));
    }

    /**
     * Reverses the posted invoice through the wizard, tags the draft credit note with our return key (its
     * {@code ref}), keeps only the returned quantities on its lines and posts it. A retry finds the credit note by
     * the key, or adopts a draft reversal that was made but not yet tagged (its {@code ref} still Odoo's
     * "Reversal of: ...") instead of reversing the invoice again.
     */
    @Override
    public InvoiceRef creditReturned(String businessKey, String returnKey, Map<String, BigDecimal> quantitiesBySku,
                                     String reason) {
        JsonNode order = records.requireSalesOrder(businessKey, List.of("name", "invoice_ids"));
        List<JsonNode> moves = new ArrayList<>();
        odoo.read("account.move", ids(order.path("invoice_ids")), RETURN_MOVE_FIELDS).forEach(moves::add);
        Integer creditNote = null;
        for (JsonNode move : moves) {
            if ("out_refund".equals(text(move.path("move_type"))) && returnKey.equals(text(move.path("ref")))) {
                if ("posted".equals(text(move.path("state")))) {
                    return ref(move);
                }
                if ("draft".equals(text(move.path("state")))) {
                    creditNote = move.get("id").intValue();
                }
            }
        }
        if (creditNote == null) {
            creditNote = moves.stream().filter(m -> "out_refund".equals(text(m.path("move_type")))
                            && "draft".equals(text(m.path("state")))
                            && String.valueOf(text(m.path("ref"))).startsWith(UNTAGGED_PREFIX))
                    .map(m -> m.get("id").intValue()).findFirst().orElse(null);
        }
        if (creditNote == null) {
            JsonNode invoice = moves.stream().filter(m -> "out_invoice".equals(text(m.path("move_type")))
                            && "posted".equals(text(m.path("state")))).findFirst()
                    .orElseThrow(() -> new OdooBusinessException("Odoo sales order for " + businessKey
                            + " has no posted invoice to credit the return " + returnKey + " against"));
            creditNote = reverse(invoice, reason);
        }
        odoo.write("account.move", List.of(creditNote), Map.of("ref", returnKey));
        keepReturnedQuantities(creditNote, businessKey, returnKey, quantitiesBySku);
        return post(creditNote);
    }

    /** The credit note's product lines carry what was returned, at most what they invoiced; the others go. */
    private void keepReturnedQuantities(int creditNote, String businessKey, String returnKey,
                                        Map<String, BigDecimal> quantitiesBySku) {
        Map<Integer, String> skuByProductId = new HashMap<>();
        records.requireProducts(quantitiesBySku.keySet()).forEach((sku, p) -> skuByProductId.put(p.id(), sku));
        Map<String, BigDecimal> remaining = new HashMap<>(quantitiesBySku);
        JsonNode lineIds = odoo.read("account.move", List.of(creditNote), List.of("invoice_line_ids")).get(0)
                .path("invoice_line_ids");
        List<List<Object>> commands = new ArrayList<>();
        for (JsonNode line : odoo.read("account.move.line", ids(lineIds), List.of("product_id", "quantity", "display_type"))) {
            if (!"product".equals(text(line.path("display_type")))) {
                continue;
            }
            String sku = skuByProductId.get(many2oneId(line.path("product_id")));
            BigDecimal wanted = sku == null ? BigDecimal.ZERO : remaining.getOrDefault(sku, BigDecimal.ZERO);
            BigDecimal quantity = wanted.min(decimal(line.path("quantity"), "credit note line quantity")).max(BigDecimal.ZERO);
            if (quantity.signum() == 0) {
                commands.add(List.of(2, line.get("id").intValue()));
            } else {
                remaining.put(sku, wanted.subtract(quantity));
                commands.add(List.of(1, line.get("id").intValue(), Map.of("quantity", number(quantity))));
            }
        }
        List<String> uncredited = remaining.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(Map.Entry::getKey).sorted().toList();
        if (!uncredited.isEmpty()) {
            throw new OdooBusinessException("Odoo's invoice for " + businessKey + " did not invoice enough of "
                    + uncredited + " to credit the return " + returnKey);
        }
        odoo.write("account.move", List.of(creditNote), Map.of("invoice_line_ids", commands));
    }

    /**
     * The reversal wizard on the posted invoice; answers the draft credit note it made. The journal is the invoice's,
     * as Odoo's own wizard defaults it in the form: real Odoo 18 and 19 refuse the wizard created through the API
     * without one ("Missing required value for the field 'Journal' (journal_id)").
     */
    private int reverse(JsonNode invoice, String reason) {
        int invoiceId = invoice.get("id").intValue();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("active_model", "account.move");
        context.put("active_ids", List.of(invoiceId));
        context.put("active_id", invoiceId);
        Map<String, Object> vals = new LinkedHashMap<>();
        vals.put("move_ids", List.of(List.of(6, 0, List.of(invoiceId))));
        vals.put("reason", reason);
        vals.put("journal_id", many2oneId(invoice.path("journal_id")));
        int wizard = odoo.executeKw("account.move.reversal", "create", List.of(vals), Map.of("context", context))
                .intValue();
        JsonNode action = odoo.call("account.move.reversal", odoo.dialect().reversalMethod(), List.of(wizard), context);
        if (!action.path("res_id").isIntegralNumber()) {
            throw new OdooProtocolException("the reversal of " + text(invoice.path("name"))
                    + " did not answer a single credit note", null);
        }
        return action.path("res_id").intValue();
    }

    /** Over the order's posted customer invoices; a credit note that cancels the invoice shows as reversed. */
    @Override
    public PaymentState paymentState(String businessKey) {
        List<String> states = new ArrayList<>();
        for (JsonNode move : moves(businessKey)) {
            if ("out_invoice".equals(text(move.path("move_type"))) && "posted".equals(text(move.path("state")))) {
                states.add(text(move.path("payment_state")));
            }
        }
        if (states.isEmpty()) {
            return PaymentState.NOT_INVOICED;
        }
        if (states.stream().allMatch("reversed"::equals)) {
            return PaymentState.REVERSED;
        }
        if (states.stream().allMatch(s -> "paid".equals(s) || "reversed".equals(s))) {
            return PaymentState.PAID;
        }
        if (states.stream().allMatch("not_paid"::equals)) {
            return PaymentState.NOT_PAID;
        }
        // partial, in_payment, or some invoices paid and others not.
        return PaymentState.PARTIAL;
    }

    private List<JsonNode> moves(String businessKey) {
        JsonNode order = records.requireSalesOrder(businessKey, List.of("name", "invoice_ids"));
        List<JsonNode> moves = new ArrayList<>();
        odoo.read("account.move", ids(order.path("invoice_ids")), MOVE_FIELDS).forEach(moves::add);
        return moves;
    }

    private InvoiceRef post(int creditNoteId) {
        odoo.call("account.move", "action_post", List.of(creditNoteId), null);
        JsonNode posted = odoo.read("account.move", List.of(creditNoteId), MOVE_FIELDS);
        if (posted.isEmpty()) {
            throw new OdooMissingRecordException("Odoo does not show credit note " + creditNoteId + " it just posted", null);
        }
        log.info("Posted Odoo credit note {}", text(posted.get(0).path("name")));
        return ref(posted.get(0));
    }

    private static InvoiceRef ref(JsonNode move) {
        return new InvoiceRef(text(move.path("name")), decimal(move.path("amount_total"), "amount_total"));
    }
}
