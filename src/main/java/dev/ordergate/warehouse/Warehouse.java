package dev.ordergate.warehouse;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.Map;

/** The warehouse that picks and ships, and receives returned goods. Confirmations come back as messages. */
public interface Warehouse {

    /**
     * Releases these lines of the order for picking (all of them, or what can ship now of a partly available order).
     * Idempotent by {@code releaseId}: a release the warehouse knows already changes nothing.
     */
    void release(String releaseId, Order order);

    /**
     * Withdraws a release before it ships; nothing happens when the warehouse does not know it. Fails when the goods
     * have already left.
     */
    void withdraw(String releaseId);

    /**
     * Tells the warehouse to expect these goods (quantities by SKU) back from the customer of the order with this
     * business key; it confirms their receipt to {@code /api/v1/returns/{returnId}/receipts}. Idempotent by
     * {@code returnId}.
     */
    void expectReturn(String returnId, String businessKey, Map<String, BigDecimal> quantitiesBySku);
}
