package dev.ordergate.pricing;

import dev.ordergate.sync.SyncRunReports;
import dev.ordergate.sync.SyncRuns;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts a price-list synchronisation on demand; its report is served with every run's. */
@RestController
class PriceListSyncController {

    private final SyncRuns runs;
    private final PriceListSync priceLists;
    private final SyncRunReports reports;

    PriceListSyncController(SyncRuns runs, PriceListSync priceLists, SyncRunReports reports) {
        this.runs = runs;
        this.priceLists = priceLists;
        this.reports = reports;
    }

    /** 202: the run is opened and its process started; the report fills as it goes. */
    @PostMapping("/api/v1/sync/price-lists")
    @Transactional
    ResponseEntity<Object> syncPriceLists() {
        String runId = priceLists.open("api", null);
        runs.startProcess(runId, "priceListSyncRequested");
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/runs/" + runId)).body(reports.of(runId));
    }
}
