package dev.ordergate.warehouse;

import dev.ordergate.order.Order;
import java.math.BigDecimal;
import java.util.Map;

/** The warehouse that picks and ships, and receives returned goods. Confirmations come back as messages. */
public interface Warehouse {

    /** Releases the order for picking. Idempotent by the order's business key. */
    void release(Order order);

    /**
     * Withdraws the release of the order with this business key before it ships; nothing happens when there is
     * none. Fails when the goods have already left.
     */
    void withdraw(String businessKey);

    /**
     * Tells the warehouse to expect these goods (quantities by SKU) back from the customer of the order with this
     * business key; it confirms their receipt to {@code /api/v1/returns/{returnId}/receipts}. Idempotent by
     * {@code returnId}.
     */
    void expectReturn(String returnId, String businessKey, Map<String, BigDecimal> quantitiesBySku);
}
