package dev.ordergate.sync;

import dev.ordergate.web.ApiProblems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts synchronisation runs on demand and serves their reports. */
@RestController
class SyncController {

    private final SyncRuns runs;
    private final PriceRows priceRows;
    private final PriceListSync priceLists;
    private final MasterDataSync masterData;

    SyncController(SyncRuns runs, PriceRows priceRows, PriceListSync priceLists, MasterDataSync masterData) {
        this.runs = runs;
        this.priceRows = priceRows;
        this.priceLists = priceLists;
        this.masterData = masterData;
    }

    /** 202: the run is opened and its process started; the report fills as it goes. */
    @PostMapping("/api/v1/sync/price-lists")
    @Transactional
    ResponseEntity<Map<String, Object>> syncPriceLists() {
        String runId = priceLists.open("api", null);
        runs.startProcess(runId, "priceListSyncRequested");
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/runs/" + runId)).body(report(runId));
    }

    @GetMapping("/api/v1/sync/runs/{id}")
    ResponseEntity<Object> run(@PathVariable String id) {
        if (runs.find(id).isEmpty()) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "sync-run-not-found", "Unknown synchronisation run",
                    "No synchronisation run has the id " + id, Map.of());
        }
        return ResponseEntity.ok(report(id));
    }

    private Map<String, Object> report(String id) {
        SyncRuns.Run run = runs.find(id).orElseThrow();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", run.id());
        report.put("kind", run.kind());
        report.put("status", run.status());
        report.put("triggeredBy", run.triggeredBy());
        report.put("source", run.source());
        report.put("chunkSize", run.chunkSize());
        report.put("processInstanceId", run.processInstanceId());
        report.put("startedAt", run.startedAt());
        report.put("finishedAt", run.finishedAt());
        if (SyncRuns.PRICE_LISTS.equals(run.kind())) {
            report.put("counts", priceRows.counts(id));
            report.put("rejected", priceRows.rejected(id, 1000).stream().map(r -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("row", r.rowNo());
                row.put("pricelist", r.agreement().pricelist());
                row.put("sku", r.agreement().sku());
                row.put("customerRef", r.agreement().customerRef());
                row.put("reason", r.reason());
                return row;
            }).toList());
        }
        if (SyncRuns.MASTER_DATA.equals(run.kind())) {
            report.putAll(masterData.report(id));
        }
        if (run.reviewedBy() != null || run.reviewOutcome() != null) {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("by", run.reviewedBy());
            review.put("outcome", run.reviewOutcome());
            review.put("comment", run.reviewComment());
            report.put("review", review);
        }
        return report;
    }
}
