package dev.ordergate.invoicing;

/** The ERP's credit notes. */
public interface CreditNotes {

    /**
     * Credits the posted invoice of the sales order with this business key in full and posts the credit note, with
     * the reason for the customer. Idempotent: an order whose invoice was credited answers that credit note.
     */
    InvoiceRef creditInvoice(String businessKey, String reason);
}
