package dev.ordergate.sync;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every sync process shares: the run id variable and the step that closes a run ({@code ${closeSyncRun}}).
 * Each capability's own steps live with it ({@code pricing.PriceListSyncDelegates} ...).
 */
@Configuration
public class SyncDelegates {

    public static final String RUN_ID = "syncRunId";

    public static String runId(DelegateExecution execution) {
        return (String) execution.getVariable(RUN_ID);
    }

    @Bean
    JavaDelegate closeSyncRun(SyncRuns runs) {
        return execution -> runs.completed(runId(execution));
    }
}
