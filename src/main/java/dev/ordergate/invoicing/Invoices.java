package dev.ordergate.invoicing;

/** The ERP's customer invoices. */
public interface Invoices {

    /**
     * Invoices what was delivered on the sales order with this business key and posts the invoice.
     * Idempotent: an order already invoiced answers its existing invoice.
     */
    default InvoiceRef invoiceDelivered(String businessKey) {
        return invoiceDelivered(businessKey, java.util.Set.of())
                .orElseThrow(() -> new IllegalStateException("Nothing to invoice on " + businessKey));
    }

    /**
     * Invoices what was delivered on the sales order and is not invoiced yet, and posts the invoice: one invoice per
     * shipment when called after each. {@code known} are the invoice numbers the caller has recorded; a posted
     * invoice it does not know (a lost answer) is answered instead of invoicing again, and a draft left behind is
     * posted. Empty when the caller knows every invoice and nothing is left to invoice.
     */
    java.util.Optional<InvoiceRef> invoiceDelivered(String businessKey, java.util.Set<String> known);
}
