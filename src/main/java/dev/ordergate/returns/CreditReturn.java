package dev.ordergate.returns;

import dev.ordergate.invoicing.CreditNotes;
import dev.ordergate.notify.StatusEvents;
import dev.ordergate.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Credits exactly the returned quantities in the ERP (a partial credit note of the invoice) once, and the channel
 * hears "credited" in the transaction that records it.
 */
@Component("creditReturn")
class CreditReturn implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final CreditNotes creditNotes;
    private final StatusEvents statusEvents;

    CreditReturn(OrderReturns returns, Orders orders, CreditNotes creditNotes, StatusEvents statusEvents) {
        this.returns = returns;
        this.orders = orders;
        this.creditNotes = creditNotes;
        this.statusEvents = statusEvents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        var creditNote = creditNotes.creditReturned(orders.get(ret.orderId()).businessKey(), ret.businessKey(),
                ReturnSteps.quantities(ret), "Return " + ret.returnRef() + ": " + ret.reason());
        returns.recordCredit(ret.id(), creditNote.number(), creditNote.amountTotal());
        statusEvents.publish(ret.orderId(), "credited",
                "Credit note %s for return %s".formatted(creditNote.number(), ret.returnRef()));
        execution.setVariable("creditNoteRef", creditNote.number());
    }
}
