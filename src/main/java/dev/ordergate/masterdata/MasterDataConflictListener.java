package dev.ordergate.masterdata;

import dev.ordergate.review.Decider;
import dev.ordergate.sync.SyncRuns;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The steward's task "Resolve master-data conflict": on create it shows the conflict (entity, record, field, both
 * values with their systems and times) and marks the run in review; on complete it records the decision once (who,
 * what, why). A decision the form does not offer, or no comment, is refused.
 */
@Component("masterDataConflictListener")
class MasterDataConflictListener implements TaskListener {

    private final MasterDataSync sync;
    private final SyncRuns runs;

    MasterDataConflictListener(MasterDataSync sync, SyncRuns runs) {
        this.sync = sync;
        this.runs = runs;
    }

    @Override
    public void notify(DelegateTask task) {
        String conflictId = (String) task.getVariable(MasterDataDelegates.CONFLICT_ID);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            show(task, sync.conflict(conflictId).orElseThrow(() ->
                    new IllegalStateException("no master-data conflict " + conflictId)));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            Object decision = task.getVariable("conflictDecision");
            Object comment = task.getVariable("conflictComment");
            sync.decide(conflictId, decision == null ? null : decision.toString(),
                    comment == null ? null : comment.toString(), Decider.of(task));
        }
    }

    /** The steward's view of the conflict: both values, both systems, when each changed. */
    private void show(DelegateTask task, MasterDataStore.Conflict c) {
        runs.status(c.runId(), SyncRuns.Status.IN_REVIEW);
        task.setVariableLocal("conflictEntity", c.entity());
        task.setVariableLocal("conflictRecord", c.key());
        task.setVariableLocal("conflictField", c.field());
        task.setVariableLocal("ownerSystem", c.owner());
        task.setVariableLocal("ownerValue", shown(c.ownerValue()));
        task.setVariableLocal("ownerChangedAt", shown(c.ownerChangedAt()));
        task.setVariableLocal("otherSystem", c.otherSource());
        task.setVariableLocal("otherValue", shown(c.otherValue()));
        task.setVariableLocal("otherChangedAt", shown(c.otherChangedAt()));
        // On the conflict's own execution (completing a task sets variables there): each of a run's parallel
        // tasks keeps its own decision, and no task opens with another one's answer filled in.
        task.getExecution().setVariableLocal("conflictDecision", null);
        task.getExecution().setVariableLocal("conflictComment", null);
        task.setDescription(c.entity() + " " + c.key() + ": " + c.field() + " owned by " + c.owner()
                + ", changed by " + c.otherSource());
    }

    private static String shown(String value) {
        return value == null ? "(empty)" : value;
    }
}
