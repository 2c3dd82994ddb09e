package dev.ordergate.warehouse;

import dev.ordergate.order.Order;

/** The warehouse that picks and ships. Shipment confirmations come back as messages. */
public interface Warehouse {

    /** Releases the order for picking. Idempotent by the order's business key. */
    void release(Order order);

    /**
     * Withdraws the release of the order with this business key before it ships; nothing happens when there is
     * none. Fails when the goods have already left.
     */
    void withdraw(String businessKey);
}
