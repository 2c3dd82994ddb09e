package dev.ordergate.warehouse;

import dev.ordergate.order.Order;

/** The warehouse that picks and ships. Shipment confirmations come back as messages. */
public interface Warehouse {

    /** Releases the order for picking. Idempotent by the order's business key. */
    void release(Order order);
}
