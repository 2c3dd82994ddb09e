package dev.ordergate.returns;

import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.Orders;
import dev.ordergate.sales.Returns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The warehouse has the goods: the ERP's receipt is validated (a retry leaves a done receipt alone), and the
 * channel hears "returned" in the transaction that records it.
 */
@Component("receiveReturnInOdoo")
class ReceiveReturnInOdoo implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final Returns erp;
    private final StatusEvents statusEvents;

    ReceiveReturnInOdoo(OrderReturns returns, Orders orders, Returns erp, StatusEvents statusEvents) {
        this.returns = returns;
        this.orders = orders;
        this.erp = erp;
        this.statusEvents = statusEvents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        erp.receive(orders.get(ret.orderId()).businessKey(), ret.businessKey());
        returns.advance(ret.id(), ReturnStatus.RECEIVED, "Warehouse receipt " + ret.receiptId());
        statusEvents.publish(ret.orderId(), "returned",
                "Return %s received: %s".formatted(ret.returnRef(), ReturnSteps.describe(ret)));
        execution.setVariable("returnedGoods", "Return %s of %s: %s. Customer's reason: %s".formatted(ret.returnRef(),
                orders.get(ret.orderId()).businessKey(), ReturnSteps.describe(ret), ret.reason()));
    }
}
