package dev.ordergate.pricing;

import dev.ordergate.sync.RunRegions;
import dev.ordergate.sync.SyncRunReports;
import dev.ordergate.sync.SyncRuns;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starts a price-list synchronisation on demand; its report is served with every run's. */
@RestController
class PriceListSyncController {

    private final SyncRuns runs;
    private final PriceListSync priceLists;
    private final SyncRunReports reports;
    private final RunRegions runRegions;

    PriceListSyncController(SyncRuns runs, PriceListSync priceLists, SyncRunReports reports, RunRegions runRegions) {
        this.runs = runs;
        this.priceLists = priceLists;
        this.reports = reports;
        this.runRegions = runRegions;
    }

    /**
     * 202: the run is opened and its process started; the report fills as it goes. With {@code region}, the run works
     * in that region's Odoo company and takes the feed's rows in the region's currency only.
     */
    @PostMapping("/api/v1/sync/price-lists")
    @Transactional
    ResponseEntity<Object> syncPriceLists(@RequestParam(required = false) String region) {
        Optional<ResponseEntity<Object>> refused = runRegions.refuseStart(region);
        if (refused.isPresent()) {
            return refused.get();
        }
        String runId = priceLists.open("api", null);
        runs.startProcess(runId, "priceListSyncRequested", region);
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/runs/" + runId)).body(reports.of(runId));
    }
}
