package dev.ordergate.review;

import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.Orders;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review task's listener ({@code ${reviewTask}}): on create the order shows IN_REVIEW; on complete the decision
 * is checked on the server (a form cannot send an outcome the process does not know, nor approve without a
 * reason) and audited.
 */
@Component("reviewTask")
class ReviewTaskListener implements TaskListener {

    static final String DECISION = "decision";
    static final String COMMENT = "decisionComment";

    private final Orders orders;
    private final ReviewDecisions decisions;
    private final IdentityService identity;

    ReviewTaskListener(Orders orders, ReviewDecisions decisions, IdentityService identity) {
        this.orders = orders;
        this.decisions = decisions;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        String orderId = (String) task.getVariable("orderId");
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            orders.advance(orderId, OrderStatus.IN_REVIEW, (String) task.getVariable("exceptionReason"));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            ReviewOutcome outcome = ReviewOutcome.of(task.getVariable(DECISION)).orElseThrow(() ->
                    new ProcessEngineException("decision must be one of 'approve' or 'reject', was '"
                            + task.getVariable(DECISION) + "'"));
            String comment = (String) task.getVariable(COMMENT);
            if (outcome == ReviewOutcome.APPROVE && (comment == null || comment.isBlank())) {
                throw new ProcessEngineException("approving an order exception needs a comment saying why");
            }
            decisions.record(orderId, task.getId(), (String) task.getVariable("exceptionGate"),
                    (String) task.getVariable("exceptionReason"), outcome, comment, decidedBy(task));
        }
    }

    private String decidedBy(DelegateTask task) {
        var authentication = identity.getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }
}
