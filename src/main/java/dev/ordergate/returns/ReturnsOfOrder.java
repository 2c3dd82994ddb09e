package dev.ordergate.returns;

import dev.ordergate.order.OrderReturnsView;
import java.util.List;
import org.springframework.stereotype.Component;

/** Shows an order's returns in its details (GET /api/v1/orders/{id}). */
@Component
class ReturnsOfOrder implements OrderReturnsView {

    private final OrderReturns returns;

    ReturnsOfOrder(OrderReturns returns) {
        this.returns = returns;
    }

    @Override
    public List<?> returnsOf(String orderId) {
        return returns.forOrder(orderId);
    }
}
