package dev.ordergate.pricing;

import dev.ordergate.region.Regions;
import dev.ordergate.sync.SyncRunReports;
import dev.ordergate.sync.SyncRuns;
import dev.ordergate.web.ApiProblems;
import java.net.URI;
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
    private final Regions regions;

    PriceListSyncController(SyncRuns runs, PriceListSync priceLists, SyncRunReports reports, Regions regions) {
        this.runs = runs;
        this.priceLists = priceLists;
        this.reports = reports;
        this.regions = regions;
    }

    /**
     * 202: the run is opened and its process started; the report fills as it goes. With {@code region}, the run works
     * in that region's Odoo company and takes the feed's rows in the region's currency only.
     */
    @PostMapping("/api/v1/sync/price-lists")
    @Transactional
    ResponseEntity<Object> syncPriceLists(@RequestParam(required = false) String region) {
        if (region != null && !regions.isConfigured(region)) {
            return ApiProblems.invalidParameter("region", "names no region of ordergate.regions: '" + region + "'");
        }
        String runId = priceLists.open("api", null);
        runs.startProcess(runId, "priceListSyncRequested", region);
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/runs/" + runId)).body(reports.of(runId));
    }
}
