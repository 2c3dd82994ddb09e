package dev.ordergate.fulfillment;

import dev.ordergate.invoicing.Invoices;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import java.util.HashSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Invoices what was delivered and not invoiced yet, posts the invoice in the ERP, and brings its number back to the
 * order and the channel. After a shipment that added nothing to invoice, nothing happens.
 */
@Component("invoiceOrder")
class InvoiceOrder implements JavaDelegate {

    private final Orders orders;
    private final Invoices invoices;
    private final StatusEvents statusEvents;

    InvoiceOrder(Orders orders, Invoices invoices, StatusEvents statusEvents) {
        this.orders = orders;
        this.invoices = invoices;
        this.statusEvents = statusEvents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        invoices.invoiceDelivered(execution.getProcessBusinessKey(), new HashSet<>(orders.invoiceRefs(orderId)))
                .ifPresent(invoice -> {
                    orders.recordInvoice(orderId, invoice.number(), invoice.amountTotal());
                    statusEvents.publish(orderId, "invoiced", invoice.number());
                    execution.setVariable("invoiceRef", invoice.number());
                });
    }
}
