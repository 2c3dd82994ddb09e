package dev.ordergate.fulfillment;

import dev.ordergate.order.Order;
import dev.ordergate.order.OrderProcess;
import dev.ordergate.order.Orders;
import dev.ordergate.order.Texts;
import dev.ordergate.order.Verdict;
import dev.ordergate.review.ReviewDecisions;
import dev.ordergate.rules.DecisionTables;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A validation gate in the process: asks the gate's policy and writes the verdict as small variables
 * ({@code gateOutcome} pass / review / reject, the gate, the reasons) plus who reviews it, from the
 * reviewer-routing table. A gate whose exception a reviewer has already accepted for this order passes.
 */
class GateDelegate implements JavaDelegate {

    static final String OUTCOME = "gateOutcome";
    static final String GATE = "exceptionGate";
    static final String REASON = "exceptionReason";
    static final String REVIEWER_GROUP = "reviewerGroup";
    static final String SUPERVISOR_GROUP = "supervisorGroup";

    private static final int MAX_VARIABLE_TEXT = 3900;

    private final Orders orders;
    private final ReviewDecisions decisions;
    private final DecisionTables tables;
    private final String gate;
    private final Function<Order, Verdict> policy;
    private final ApplicationEventPublisher events;

    GateDelegate(Orders orders, ReviewDecisions decisions, DecisionTables tables, String gate,
                 Function<Order, Verdict> policy, ApplicationEventPublisher events) {
        this.orders = orders;
        this.decisions = decisions;
        this.tables = tables;
        this.gate = gate;
        this.policy = policy;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String orderId = (String) execution.getVariable(OrderProcess.ORDER_ID);
        Verdict verdict = decisions.accepted(orderId, gate) ? Verdict.pass() : policy.apply(orders.get(orderId).order());
        execution.setVariable(OUTCOME, verdict.outcome().name().toLowerCase());
        events.publishEvent(new GateChecked(orderId, gate, verdict.passed(), verdict.reasons()));
        if (!verdict.passed()) {
            String reason = verdict.summary();
            execution.setVariable(GATE, gate);
            execution.setVariable(REASON,
                    Texts.clip(reason, MAX_VARIABLE_TEXT));
            var routing = tables.route(gate);
            execution.setVariable(REVIEWER_GROUP, routing.reviewerGroup());
            execution.setVariable(SUPERVISOR_GROUP, routing.supervisorGroup());
        }
    }
}
