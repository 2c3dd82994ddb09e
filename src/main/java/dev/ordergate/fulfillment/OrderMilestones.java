package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Milestones the BPMN marks without a task of its own, as expression listeners:
 * {@code ${orderMilestones.reached(execution, 'COMPLETED')}}.
 */
@Component("orderMilestones")
public class OrderMilestones {

    private final Orders orders;

    OrderMilestones(Orders orders) {
        this.orders = orders;
    }

    public void reached(DelegateExecution execution, String status) {
        orders.advance((String) execution.getVariable(OrderProcess.ORDER_ID), OrderStatus.valueOf(status), null);
    }
}
