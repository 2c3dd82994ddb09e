package dev.ordergate.invoicing;

/** The ERP's customer invoices. */
public interface Invoices {

    /**
     * Invoices what was delivered on the sales order with this business key and posts the invoice.
     * Idempotent: an order already invoiced answers its existing invoice.
     */
    InvoiceRef invoiceDelivered(String businessKey);
}
