package dev.ordergate.returns;

import dev.ordergate.order.Orders;
import dev.ordergate.sales.Returns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The inspector found the goods unsellable: they leave the ERP's sellable stock (once, by the return's key). */
@Component("scrapReturnedGoods")
class ScrapReturnedGoods implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final Returns erp;

    ScrapReturnedGoods(OrderReturns returns, Orders orders, Returns erp) {
        this.returns = returns;
        this.orders = orders;
        this.erp = erp;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        erp.scrap(orders.get(ret.orderId()).businessKey(), ret.businessKey(), ReturnSteps.quantities(ret));
    }
}
