package dev.ordergate.returns;

import java.util.List;
import org.springframework.stereotype.Component;

/** An order's returns as its details show them (GET /api/v1/orders/{id}): the intake above asks, returns answers. */
@Component
public class ReturnsOfOrder {

    private final OrderReturns returns;

    ReturnsOfOrder(OrderReturns returns) {
        this.returns = returns;
    }

    /** The order's returns, oldest first; empty when it has none. */
    public List<?> returnsOf(String orderId) {
        return returns.forOrder(orderId);
    }
}
