package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.sales.SalesOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Commits the validated order to the ERP once; a retry finds the sales order the first attempt made. */
@Component("commitSalesOrder")
class CommitSalesOrder implements JavaDelegate {

    private final Orders orders;
    private final SalesOrders salesOrders;

    CommitSalesOrder(Orders orders, SalesOrders salesOrders) {
        this.orders = orders;
        this.salesOrders = salesOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        var salesOrder = salesOrders.commit(orders.get(orderId).order());
        orders.recordSalesOrder(orderId, salesOrder.name());
        execution.setVariable("salesOrderRef", salesOrder.name());
    }
}
