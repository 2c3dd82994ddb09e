package dev.ordergate.masterdata;

import dev.ordergate.sync.ScheduledRuns;
import dev.ordergate.sync.SyncDelegates;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master-data sync's steps as bpmn/master-data-sync.bpmn names them: read the run id, call one step, set a flag. */
@Configuration
class MasterDataDelegates {

    static final String CONFLICT_ID = "conflictId";

    /** A scheduled tick has no run yet: one is opened here per live region, for the configured entities. */
    @Bean
    JavaDelegate openMasterDataRun(MasterDataSync sync, ScheduledRuns scheduled) {
        return execution -> scheduled.openIfScheduled(execution, "masterDataSyncRequested",
                instance -> sync.open("schedule", instance, null));
    }

    @Bean
    JavaDelegate readOdooMasterData(MasterDataSync sync) {
        return execution -> sync.readOdoo(SyncDelegates.runId(execution));
    }

    @Bean
    JavaDelegate readHubMasterData(MasterDataSync sync) {
        return execution -> sync.readHub(SyncDelegates.runId(execution));
    }

    @Bean
    JavaDelegate planMasterData(MasterDataSync sync) {
        return execution -> sync.plan(SyncDelegates.runId(execution));
    }

    @Bean
    JavaDelegate applyMasterData(MasterDataSync sync) {
        return execution -> {
            String runId = SyncDelegates.runId(execution);
            boolean more = sync.applyNextChunk(runId);
            execution.setVariable("moreToApply", more);
            execution.setVariable("openConflicts", more ? 0 : sync.conflictIds(runId).size());
        };
    }

    @Bean
    JavaDelegate applyConflictDecision(MasterDataSync sync) {
        return execution -> sync.applyDecision((String) execution.getVariable(CONFLICT_ID));
    }
}
