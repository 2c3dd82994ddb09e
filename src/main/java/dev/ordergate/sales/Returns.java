package dev.ordergate.sales;

import java.math.BigDecimal;
import java.util.Map;

/** Goods coming back from the customer against a delivered sales order, addressed by our return reference. */
public interface Returns {

    /**
     * Opens the return of these quantities (by SKU) of what was delivered on the order with this business key:
     * the ERP expects the goods back. Idempotent by {@code returnRef}: a return already opened is answered as it is.
     */
    ReturnRef open(String businessKey, String returnRef, Map<String, BigDecimal> quantitiesBySku);

    /** Records the goods of an opened return as received in full; a return already received is left alone. */
    void receive(String businessKey, String returnRef);

    /**
     * Takes received goods of a return out of sellable stock (they cannot be sold again). Idempotent by
     * {@code returnRef}: what was already scrapped for it is not scrapped again. Too little on hand to scrap is a
     * business exception: a person has to sort out the stock in the ERP first.
     */
    void scrap(String businessKey, String returnRef, Map<String, BigDecimal> quantitiesBySku);
}
