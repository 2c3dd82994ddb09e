package dev.ordergate.sync;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The end of a sync run its steward abandoned after a peer refused a step ({@code ${syncRefusals.abandoned(execution)}}
 * in the BPMN): the run is recorded as finished but abandoned, with which peer refused which step, its words and the
 * steward's reason (what the steward decided, and who, stays in the engine's history), so nobody takes it for a run
 * that completed; what earlier steps of the run wrote stays written, as after any run.
 */
@Component("syncRefusals")
public class SyncRefusals {

    private final SyncRuns runs;

    SyncRefusals(SyncRuns runs) {
        this.runs = runs;
    }

    public void abandoned(DelegateExecution execution) {
        runs.abandoned(SyncDelegates.runId(execution), "Abandoned after %s refused '%s': %s: %s".formatted(
                execution.getVariable("refusalPeer"), execution.getVariable("refusalStepName"),
                execution.getVariable("refusalMessage"), execution.getVariable("refusalComment")));
    }
}
