package dev.ordergate.fulfillment;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderIntake;
import dev.ordergate.order.Orders;
import dev.ordergate.order.Verdict;
import dev.ordergate.review.ReviewDecisions;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A validation gate in the process: asks the gate's policy, writes the verdict as small variables, and routes a
 * failure to a reviewer group. A gate a reviewer has already approved for this order passes.
 */
class GateDelegate implements JavaDelegate {

    static final String PASSED = "gatePassed";
    static final String GATE = "exceptionGate";
    static final String REASON = "exceptionReason";
    static final String REVIEWER_GROUP = "reviewerGroup";

    private static final int MAX_VARIABLE_TEXT = 3900;

    private final Orders orders;
    private final ReviewDecisions decisions;
    private final String gate;
    private final String reviewerGroup;
    private final Function<Order, Verdict> policy;
    private final ApplicationEventPublisher events;

    GateDelegate(Orders orders, ReviewDecisions decisions, String gate, String reviewerGroup,
                 Function<Order, Verdict> policy, ApplicationEventPublisher events) {
        this.orders = orders;
        this.decisions = decisions;
        this.gate = gate;
        this.reviewerGroup = reviewerGroup;
        this.policy = policy;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderIntake.ORDER_ID);
        Verdict verdict = decisions.approved(orderId, gate) ? Verdict.pass() : policy.apply(orders.get(orderId).order());
        execution.setVariable(PASSED, verdict.passed());
        events.publishEvent(new GateChecked(orderId, gate, verdict.passed(), verdict.reasons()));
        if (!verdict.passed()) {
            String reason = verdict.summary();
            execution.setVariable(GATE, gate);
            execution.setVariable(REASON,
                    reason.length() > MAX_VARIABLE_TEXT ? reason.substring(0, MAX_VARIABLE_TEXT) + "..." : reason);
            execution.setVariable(REVIEWER_GROUP, reviewerGroup);
        }
    }
}
