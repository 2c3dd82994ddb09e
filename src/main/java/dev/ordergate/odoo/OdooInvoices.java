package dev.ordergate.odoo;

import static dev.ordergate.odoo.client.OdooValues.decimal;
import static dev.ordergate.odoo.client.OdooValues.ids;
import static dev.ordergate.odoo.client.OdooValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ordergate.invoicing.InvoiceRef;
import dev.ordergate.invoicing.Invoices;
import dev.ordergate.odoo.client.OdooClient;
import dev.ordergate.odoo.client.OdooMissingRecordException;
import dev.ordergate.odoo.client.OdooValues;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Invoices through Odoo's "Create Invoice" wizard on the sales order (the invoicing method itself is private). */
@Component
class OdooInvoices implements Invoices {

    private static final Logger log = LoggerFactory.getLogger(OdooInvoices.class);

    private static final List<String> INVOICE_FIELDS = OdooInvoiceBatches.INVOICE_FIELDS;

    private final OdooClient odoo;
    private final OdooRecords records;
    private final OdooInvoiceBatches batches;

    /** Each order on its own (the odoo package's protocol tests). */
    OdooInvoices(OdooClient odoo, OdooRecords records) {
        this(odoo, records, new OdooInvoiceBatches(odoo, OdooBatchingProperties.OFF));
    }

    @Autowired
    OdooInvoices(OdooClient odoo, OdooRecords records, OdooInvoiceBatches batches) {
        this.odoo = odoo;
        this.records = records;
        this.batches = batches;
    }

    /**
     * An invoice we have not been told of is answered (posting it if a lost answer left it in draft). The order's
     * invoices are only looked at when an earlier attempt at this invoice is on record (recorded before the wizard
     * runs) or an invoice was made before: a first invoice's first attempt goes to the wizard directly, by the sales
     * order id the commit kept.
     */
    @Override
    public Optional<InvoiceRef> invoiceDelivered(String businessKey, Set<String> known) {
        Optional<Integer> keptId = records.salesOrderId(businessKey);
        boolean first = keptId.isPresent() && known.isEmpty() && records.firstAttempt(businessKey, "invoice-1");
        int orderId;
        if (first) {
            orderId = keptId.get();
        } else {
            JsonNode order = keptId.isPresent()
                    ? odoo.read("sale.order", List.of(keptId.get()), List.of("name", "invoice_ids")).path(0)
                    : records.requireSalesOrder(businessKey, List.of("name", "invoice_ids"));
            if (order.isMissingNode()) {
                throw new OdooMissingRecordException("Odoo does not show sales order " + keptId.get() + " of "
                        + businessKey, null);
            }
            orderId = order.get("id").intValue();
            Optional<InvoiceRef> open = unknownInvoice(order, known);
            if (open.isPresent()) {
                return open;
            }
            if (!known.isEmpty() && !"to invoice".equals(text(odoo.read("sale.order", List.of(orderId),
                    List.of("invoice_status")).path(0).path("invoice_status")))) {
                return Optional.empty();
            }
        }
        return Optional.of(post(batches.invoice(orderId)));
    }

    /** A posted invoice not among {@code known}, or a draft one (a lost answer's), posted now. */
    private Optional<InvoiceRef> unknownInvoice(JsonNode order, Set<String> known) {
        for (JsonNode invoice : odoo.read("account.move", ids(order.path("invoice_ids")), INVOICE_FIELDS)) {
            switch (text(invoice.path("state"))) {
                case "posted" -> {
                    if (!known.contains(text(invoice.path("name")))) {
                        return Optional.of(ref(invoice));
                    }
                }
                case "draft" -> {
                    return Optional.of(post(invoice.get("id").intValue()));
                }
                default -> { }
            }
        }
        return Optional.empty();
    }

    private InvoiceRef post(int invoiceId) {
        JsonNode posted = batches.post(invoiceId);
        if (posted == null) {
            throw new OdooMissingRecordException("Odoo does not show invoice " + invoiceId + " it just posted", null);
        }
        log.info("Posted Odoo invoice {}", text(posted.path("name")));
        return ref(posted);
    }

    private static InvoiceRef ref(JsonNode invoice) {
        return new InvoiceRef(text(invoice.path("name")), decimal(invoice.path("amount_total"), "amount_total"));
    }
}
