package dev.ordergate.returns;

import dev.ordergate.order.Orders;
import dev.ordergate.warehouse.Warehouse;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Tells the warehouse which goods come back; it confirms their receipt to our API (idempotent by return id). */
@Component("expectReturnedGoods")
class ExpectReturnedGoods implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final Warehouse warehouse;

    ExpectReturnedGoods(OrderReturns returns, Orders orders, Warehouse warehouse) {
        this.returns = returns;
        this.orders = orders;
        this.warehouse = warehouse;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        warehouse.expectReturn(ret.id(), orders.get(ret.orderId()).businessKey(), ReturnSteps.quantities(ret));
        returns.advance(ret.id(), ReturnStatus.AWAITING_GOODS, null);
    }
}
