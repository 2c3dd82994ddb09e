package dev.ordergate.sync;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import java.util.function.Function;
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

    /** A scheduled run has no run yet: the timer started the instance, so the run is opened here, by {@code open}. */
    public static void openIfScheduled(DelegateExecution execution, Function<String, String> open) {
        if (runId(execution) == null) {
            String runId = open.apply(execution.getProcessInstanceId());
            execution.setVariable(RUN_ID, runId);
            execution.setProcessBusinessKey(runId);
        }
    }

    @Bean
    JavaDelegate closeSyncRun(SyncRuns runs) {
        return execution -> runs.completed(runId(execution));
    }
}
