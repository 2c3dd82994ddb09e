package dev.ordergate.fulfillment;

import dev.ordergate.sales.SalesOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Cancels in the ERP the deliveries still open for quantities the customer will not get (a cancelled line, a closed
 * backorder), once everything else has shipped, so the ERP's order ends as our order does.
 */
@Component("closeOpenDeliveries")
class CloseOpenDeliveries implements JavaDelegate {

    private final SalesOrders salesOrders;

    CloseOpenDeliveries(SalesOrders salesOrders) {
        this.salesOrders = salesOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        salesOrders.closeOpenDeliveries(execution.getProcessBusinessKey());
    }
}
