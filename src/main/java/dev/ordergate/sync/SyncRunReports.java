package dev.ordergate.sync;

import java.util.List;
import org.springframework.stereotype.Component;

/** Assembles a run's report from the run and the details its kind's capability adds. */
@Component
public class SyncRunReports {

    private final SyncRuns runs;
    private final List<SyncRunDetails> details;

    SyncRunReports(SyncRuns runs, List<SyncRunDetails> details) {
        this.runs = runs;
        this.details = details;
    }

    public SyncRunReport of(String id) {
        SyncRuns.Run run = runs.find(id).orElseThrow();
        Object kindDetails = details.stream().filter(d -> d.kind().equals(run.kind())).findFirst()
                .map(d -> d.of(id)).orElse(null);
        SyncRunReport.Review review = run.reviewedBy() == null && run.reviewOutcome() == null ? null
                : new SyncRunReport.Review(run.reviewedBy(), run.reviewOutcome(), run.reviewComment());
        return new SyncRunReport(run.id(), run.kind(), run.status(), run.triggeredBy(), run.source(), run.region(), run.chunkSize(),
                run.processInstanceId(), run.startedAt(), run.finishedAt(), kindDetails, review);
    }
}
