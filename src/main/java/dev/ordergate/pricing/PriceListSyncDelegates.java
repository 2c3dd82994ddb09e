package dev.ordergate.pricing;

import dev.ordergate.sync.OrdersWaiting;
import dev.ordergate.sync.ScheduledRuns;
import dev.ordergate.sync.SyncDelegates;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The price-list-sync process's steps as its BPMN names them ({@code ${readPriceFeed}} ...): read the run id, call one service, set small flags. */
@Configuration
class PriceListSyncDelegates {

    /** A scheduled tick has no run yet: one is opened here per live region (see ScheduledRuns). */
    @Bean
    JavaDelegate openPriceListRun(PriceListSync sync, ScheduledRuns scheduled) {
        return execution -> scheduled.openIfScheduled(execution, "priceListSyncRequested",
                instance -> sync.open("schedule", instance));
    }

    @Bean
    JavaDelegate readPriceFeed(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            sync.read(SyncDelegates.runId(execution));
        };
    }

    @Bean
    JavaDelegate planPriceChanges(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            PriceListSync.Plan plan = sync.plan(SyncDelegates.runId(execution));
            execution.setVariable("chunks", plan.chunks());
            execution.setVariable("moreChunks", plan.chunks() > 0);
            execution.setVariable("rejectedRows", plan.rejected());
        };
    }

    @Bean
    JavaDelegate writePriceChunk(PriceListSync sync, OrdersWaiting orders) {
        return execution -> {
            orders.yieldIfOrdersWait();
            execution.setVariable("moreChunks", sync.writeNextChunk(SyncDelegates.runId(execution)));
        };
    }
}
