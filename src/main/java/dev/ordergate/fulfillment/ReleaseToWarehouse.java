package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderIntake;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.warehouse.Warehouse;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Hands the committed order to the warehouse for picking. */
@Component("releaseToWarehouse")
class ReleaseToWarehouse implements JavaDelegate {

    private final Orders orders;
    private final Warehouse warehouse;

    ReleaseToWarehouse(Orders orders, Warehouse warehouse) {
        this.orders = orders;
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderIntake.ORDER_ID);
        warehouse.release(orders.get(orderId).order());
        orders.advance(orderId, OrderStatus.RELEASED, null);
    }
}
