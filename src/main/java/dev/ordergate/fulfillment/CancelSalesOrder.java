package dev.ordergate.fulfillment;

import dev.ordergate.sales.SalesOrders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Cancels the order's ERP sales order if there is one. Searching by business key (not trusting what the process
 * remembers) also catches a sales order whose commit was under way when the cancellation arrived.
 */
@Component("cancelSalesOrder")
class CancelSalesOrder implements JavaDelegate {

    private final SalesOrders salesOrders;

    CancelSalesOrder(SalesOrders salesOrders) {
        this.salesOrders = salesOrders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        salesOrders.cancel(execution.getProcessBusinessKey());
    }
}
