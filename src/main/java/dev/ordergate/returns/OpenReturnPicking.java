package dev.ordergate.returns;

import dev.ordergate.order.Orders;
import dev.ordergate.sales.Returns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Opens the return in the ERP (a receipt that expects the goods) once; a retry finds it by the return's key. */
@Component("openReturnPicking")
class OpenReturnPicking implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final Returns erp;

    OpenReturnPicking(OrderReturns returns, Orders orders, Returns erp) {
        this.returns = returns;
        this.orders = orders;
        this.erp = erp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        var opened = erp.open(orders.get(ret.orderId()).businessKey(), ret.businessKey(), ReturnSteps.quantities(ret));
        returns.recordOdooReceipts(ret.id(), opened.receipts());
        returns.advance(ret.id(), ReturnStatus.APPROVED, "ERP receipt " + String.join(", ", opened.receipts()));
    }
}
