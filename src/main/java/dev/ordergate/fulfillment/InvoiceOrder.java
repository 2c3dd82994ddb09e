package dev.ordergate.fulfillment;

import dev.ordergate.invoicing.Invoices;
import dev.ordergate.order.OrderIntake;
import dev.ordergate.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Invoices what was delivered and posts the invoice in the ERP. */
@Component("invoiceOrder")
class InvoiceOrder implements JavaDelegate {

    private final Orders orders;
    private final Invoices invoices;

    InvoiceOrder(Orders orders, Invoices invoices) {
        this.orders = orders;
        this.invoices = invoices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderIntake.ORDER_ID);
        var invoice = invoices.invoiceDelivered(execution.getProcessBusinessKey());
        orders.recordInvoice(orderId, invoice.number());
        execution.setVariable("invoiceRef", invoice.number());
    }
}
