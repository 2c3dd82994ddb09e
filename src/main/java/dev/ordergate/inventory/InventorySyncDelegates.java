package dev.ordergate.inventory;

import dev.ordergate.sync.SyncDelegates;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory-sync process's steps as its BPMN names them ({@code ${reconcileStock}} ...). */
@Configuration
class InventorySyncDelegates {

    /** A scheduled run has no run yet: the timer started the instance, so the run is opened here. */
    @Bean
    JavaDelegate openInventoryRun(InventoryReconciliation reconciliation) {
        return execution -> {
            if (SyncDelegates.runId(execution) == null) {
                String runId = reconciliation.open("schedule", execution.getProcessInstanceId());
                execution.setVariable(SyncDelegates.RUN_ID, runId);
                execution.setProcessBusinessKey(runId);
            }
        };
    }

    @Bean
    JavaDelegate reconcileStock(InventoryReconciliation reconciliation) {
        return execution -> {
            InventoryReconciliation.Outcome outcome = reconciliation.reconcile(SyncDelegates.runId(execution));
            execution.setVariable("comparedLevels", outcome.compared());
            execution.setVariable("driftingLevels", outcome.drifting());
            execution.setVariable("healedLevels", outcome.healed());
        };
    }
}
