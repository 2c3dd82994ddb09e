package dev.ordergate.invoicing;

import java.math.BigDecimal;
import java.util.Map;

/** The ERP's credit notes. */
public interface CreditNotes {

    /**
     * Credits the posted invoice of the sales order with this business key in full and posts the credit note, with
     * the reason for the customer. Idempotent: an order whose invoice was credited answers that credit note.
     */
    InvoiceRef creditInvoice(String businessKey, String reason);

    /**
     * Credits only these quantities (by SKU) of the posted invoice of the sales order with this business key, at
     * the invoiced prices and taxes, and posts the credit note; {@code returnKey} names the return it is for.
     * Idempotent by {@code returnKey}: a return already credited answers its credit note.
     */
    InvoiceRef creditReturned(String businessKey, String returnKey, Map<String, BigDecimal> quantitiesBySku,
                              String reason);
}
