package dev.ordergate.review;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review tasks' listener ({@code ${reviewTask}}): a new task starts with no decision; on complete the decision is checked on the server
 * (a form cannot send an outcome the process does not know for this exception, nor skip a required comment) and
 * audited with the facts the reviewer was shown.
 */
@Component("reviewTask")
class ReviewTaskListener implements TaskListener {

    static final String DECISION = "decision";
    static final String COMMENT = "decisionComment";

    private final ReviewDecisions decisions;
    ReviewTaskListener(ReviewDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            // A new review starts blank: the last reviewer's decision must not be pre-filled on this form.
            task.getExecution().removeVariable(DECISION);
            task.getExecution().removeVariable(COMMENT);
            return;
        }
        String gate = (String) task.getVariable("exceptionGate");
        String comment = (String) task.getVariable(COMMENT);
        ReviewOption option = checked(gate, task.getVariable(DECISION), comment);
        // A sync's refusal review has no order to file it under; the engine's history keeps who decided what and
        // why, and the sync records an abandoned run on the run itself.
        if (task.getVariable("orderId") != null) {
            decisions.record((String) task.getVariable("orderId"), task.getId(), gate,
                    (String) task.getVariable("exceptionReason"), option, comment, Decider.of(task));
        }
    }

    /**
     * The API, engine-rest and Tasklist are answered 400 before they get here (ReviewInputs); this is the last guard
     * for a caller of the Java API.
     */
    private static ReviewOption checked(String gate, Object value, String comment) {
        var problems = ReviewOption.problems(gate, value, comment);
        if (!problems.isEmpty()) {
            throw new ProcessEngineException(problems.get(0).field() + " " + problems.get(0).message());
        }
        return ReviewOption.of(gate, value).orElseThrow();
    }
}
