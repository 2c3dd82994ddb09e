package dev.ordergate.sync;

import dev.ordergate.web.ApiProblems;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the reports of synchronisation runs of every kind; each capability starts its own runs. */
@RestController
class SyncController {

    private final SyncRuns runs;
    private final SyncRunReports reports;
    private final RunRegions runRegions;

    SyncController(SyncRuns runs, SyncRunReports reports, RunRegions runRegions) {
        this.runs = runs;
        this.reports = reports;
        this.runRegions = runRegions;
    }

    @GetMapping("/api/v1/sync/runs/{id}")
    ResponseEntity<Object> run(@PathVariable String id) {
        var run = runs.find(id);
        if (run.isEmpty()) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "sync-run-not-found", "Unknown synchronisation run",
                    "No synchronisation run has the id " + id, Map.of());
        }
        return runRegions.refuseReading(run.get()).orElseGet(() -> ResponseEntity.ok(reports.of(id)));
    }
}
