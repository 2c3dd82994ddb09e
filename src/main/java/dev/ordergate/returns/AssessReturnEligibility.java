package dev.ordergate.returns;

import dev.ordergate.order.Orders;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Decides whether the return may come back and who approves it (the BPMN routes on {@code eligibility}); a return
 * for customer service carries what the approver's form shows.
 */
@Component("assessReturnEligibility")
class AssessReturnEligibility implements JavaDelegate {

    private final OrderReturns returns;
    private final Orders orders;
    private final ReturnEligibility eligibility;

    AssessReturnEligibility(OrderReturns returns, Orders orders, ReturnEligibility eligibility) {
        this.returns = returns;
        this.orders = orders;
        this.eligibility = eligibility;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReturnRecord ret = returns.get((String) execution.getVariable(ReturnIntake.RETURN_ID));
        var verdict = eligibility.assess(ret, orders.get(ret.orderId()).order());
        returns.recordEligibility(ret.id(), verdict.approval(), verdict.reason());
        execution.setVariable("eligibility", verdict.approval());
        execution.setVariable("eligibilityReason", verdict.reason());
        // What the review listener audits and the approval form shows.
        execution.setVariable("exceptionGate", "return");
        execution.setVariable("exceptionReason", "Return %s (%s): %s. %s".formatted(ret.returnRef(),
                ReturnSteps.describe(ret), ret.reason(), verdict.reason()));
    }
}
