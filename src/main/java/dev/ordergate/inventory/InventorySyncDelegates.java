package dev.ordergate.inventory;

import dev.ordergate.sync.ScheduledRuns;
import dev.ordergate.sync.SyncDelegates;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory-sync process's steps as its BPMN names them ({@code ${reconcileStock}} ...). */
@Configuration
class InventorySyncDelegates {

    /** A scheduled tick has no run yet: one is opened here per live region (see ScheduledRuns). */
    @Bean
    JavaDelegate openInventoryRun(InventoryReconciliation reconciliation, ScheduledRuns scheduled) {
        return execution -> scheduled.openIfScheduled(execution, "inventorySyncRequested",
                instance -> reconciliation.open("schedule", instance));
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
