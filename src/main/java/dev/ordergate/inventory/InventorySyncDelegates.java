package dev.ordergate.inventory;

import dev.ordergate.sync.SyncDelegates;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inventory-sync process's steps as its BPMN names them ({@code ${reconcileStock}} ...). */
@Configuration
class InventorySyncDelegates {

    /** A scheduled run has no run yet: it is opened here (see SyncDelegates.openIfScheduled). */
    @Bean
    JavaDelegate openInventoryRun(InventoryReconciliation reconciliation) {
        return execution -> SyncDelegates.openIfScheduled(execution, instance -> reconciliation.open("schedule", instance));
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
