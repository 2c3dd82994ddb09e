package dev.ordergate.sync;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sync processes' steps as the BPMN names them ({@code ${readPriceFeed}} ...): read the run id, call one service, set small flags. */
@Configuration
class SyncDelegates {

    static final String RUN_ID = "syncRunId";

    static String runId(DelegateExecution execution) {
        return (String) execution.getVariable(RUN_ID);
    }

    /** A scheduled run has no run yet: the timer started the instance, so the run is opened here. */
    @Bean
    JavaDelegate openPriceListRun(PriceListSync sync) {
        return execution -> {
            if (runId(execution) == null) {
                String runId = sync.open("schedule", execution.getProcessInstanceId());
                execution.setVariable(RUN_ID, runId);
                execution.setProcessBusinessKey(runId);
            }
        };
    }

    @Bean
    JavaDelegate readPriceFeed(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            sync.read(runId(execution));
        };
    }

    @Bean
    JavaDelegate planPriceChanges(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            PriceListSync.Plan plan = sync.plan(runId(execution));
            execution.setVariable("chunks", plan.chunks());
            execution.setVariable("moreChunks", plan.chunks() > 0);
            execution.setVariable("rejectedRows", plan.rejected());
        };
    }

    @Bean
    JavaDelegate writePriceChunk(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            execution.setVariable("moreChunks", sync.writeNextChunk(runId(execution)));
        };
    }

    @Bean
    JavaDelegate closeSyncRun(SyncRuns runs) {
        return execution -> runs.completed(runId(execution));
    }
}
