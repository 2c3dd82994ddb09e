package dev.ordergate.sync;

import dev.ordergate.region.Regions;
import java.util.List;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What a sync timer's tick starts: one run per live region (region.Regions#scheduledRegions), each in its region's
 * Odoo company. The instance the timer started becomes the first region's run; every other region's run is started
 * by the process's own start message with its region, as an API-started run is. Without configured regions the tick
 * is one run in the API user's company, as before regions.
 */
@Component
public class ScheduledRuns {

    private final Regions regions;
    private final SyncRuns runs;

    ScheduledRuns(Regions regions, SyncRuns runs) {
        this.regions = regions;
        this.runs = runs;
    }

    /**
     * Opens the runs of a tick, by {@code open} (triggered by, process instance → run id), when the instance has no
     * run yet (a timer started it); an instance started with its run does nothing here.
     */
    public void openIfScheduled(DelegateExecution execution, String startMessage, Function<String, String> open) {
        if (SyncDelegates.runId(execution) != null) {
            return;
        }
        List<String> scheduled = regions.scheduledRegions();
        String runId = open.apply(execution.getProcessInstanceId());
        execution.setVariable(SyncDelegates.RUN_ID, runId);
        execution.setProcessBusinessKey(runId);
        if (scheduled.isEmpty()) {
            return;
        }
        // The next steps are asynchronous: they run in the region's company (region.CurrentRegion reads the variable).
        execution.setVariable(Regions.VARIABLE, scheduled.get(0));
        runs.region(runId, scheduled.get(0));
        for (String region : scheduled.subList(1, scheduled.size())) {
            runs.startProcess(open.apply(null), startMessage, region);
        }
    }
}
