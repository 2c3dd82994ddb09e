package dev.ordergate.order;

import java.util.List;

/**
 * An order's returns as its details show them. The returns capability answers it; the order package only asks,
 * so it knows nothing about returns.
 */
public interface OrderReturnsView {

    /** The order's returns, oldest first; empty when it has none. */
    List<?> returnsOf(String orderId);
}
