package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderIntake;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import dev.ordergate.sales.SalesOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records in the ERP what the warehouse confirmed as shipped, so the ERP can invoice it. */
@Component("recordDelivery")
class RecordDelivery implements JavaDelegate {

    private final Orders orders;
    private final Shipments shipments;
    private final SalesOrders salesOrders;

    RecordDelivery(Orders orders, Shipments shipments, SalesOrders salesOrders) {
        this.orders = orders;
        this.shipments = shipments;
        this.salesOrders = salesOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderIntake.ORDER_ID);
        String businessKey = execution.getProcessBusinessKey();
        salesOrders.recordDelivery(businessKey, shipments.shippedBySku(businessKey));
        orders.advance(orderId, OrderStatus.SHIPPED, null);
    }
}
