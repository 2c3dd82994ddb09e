package dev.ordergate.warehouse;

import dev.ordergate.order.Order;

/** The warehouse that picks and ships. Shipment confirmations come back as messages. */
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
}
