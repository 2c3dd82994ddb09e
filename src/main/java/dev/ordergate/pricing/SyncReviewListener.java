package dev.ordergate.pricing;

import dev.ordergate.order.Texts;
import dev.ordergate.review.Decider;
import dev.ordergate.sync.SyncDelegates;
import dev.ordergate.sync.SyncRuns;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The review tasks of the sync processes: on create the run is marked in review and the task gets what the
 * reviewer reads; on complete the decision is audited on the run (who, what, why). An outcome the form does not
 * offer, or no comment, is refused.
 */
@Component("syncReviewListener")
class SyncReviewListener implements TaskListener {

    static final Set<String> OUTCOMES = Set.of("corrected-at-source", "accepted");

    private final SyncRuns runs;
    private final PriceListSync priceLists;

    SyncReviewListener(SyncRuns runs, PriceListSync priceLists) {
        this.runs = runs;
        this.priceLists = priceLists;
    }

    @Override
    public void notify(DelegateTask task) {
        String runId = (String) task.getVariable(SyncDelegates.RUN_ID);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            runs.status(runId, SyncRuns.Status.IN_REVIEW);
            task.setVariable("reviewSummary", summary(runId));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Object outcome = task.getVariable("reviewOutcome");
            Object comment = task.getVariable("reviewComment");
            check(outcome, comment);
            runs.reviewed(runId, Decider.of(task), outcome.toString(), comment.toString());
        }
    }

    private static void check(Object outcome, Object comment) {
        if (outcome == null || !OUTCOMES.contains(outcome.toString())) {
            throw new IllegalArgumentException("reviewOutcome must be one of " + OUTCOMES + ", not " + outcome);
        }
        if (comment == null || comment.toString().isBlank()) {
            throw new IllegalArgumentException("a reviewComment is required");
        }
    }

    private String summary(String runId) {
        return Texts.clip(priceLists.rejectedSummary(runId), 3900);
    }
}
