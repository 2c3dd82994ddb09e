package dev.ordergate.inventory;

import dev.ordergate.region.Regions;
import dev.ordergate.sync.RunRegions;
import dev.ordergate.sync.SyncRuns;
import dev.ordergate.web.ApiProblems;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starts an inventory reconciliation on demand, and serves the current drift and each run's report. */
@RestController
class InventorySyncController {

    private final SyncRuns runs;
    private final InventoryReconciliation reconciliation;
    private final InventoryDrift drift;
    private final RunRegions runRegions;
    private final Regions regions;

    InventorySyncController(SyncRuns runs, InventoryReconciliation reconciliation, InventoryDrift drift,
                            RunRegions runRegions, Regions regions) {
        this.runRegions = runRegions;
        this.regions = regions;
        this.runs = runs;
        this.reconciliation = reconciliation;
        this.drift = drift;
    }

    /**
     * An inventory run's report: the run, the count per finding and each finding; {@code region} and its
     * {@code warehouses} for a region's run.
     */
    record InventoryRunReport(String id, String kind, String status, String triggeredBy, String source,
                     String processInstanceId, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                     Map<InventoryDrift.Finding, Integer> counts, List<DriftRow> findings, String region,
                     List<String> warehouses) {
    }

    /** What drifts now. */
    record DriftNow(int count, List<DriftRow> drift) {
    }

    /**
     * One drifting level; {@code finding} in a run's report only, {@code lastSeenAt} once it was seen again,
     * {@code region} in the drift list when a region's run saw it last.
     */
    record DriftRow(String sku, String warehouse, BigDecimal wmsQty, BigDecimal odooQty, BigDecimal readModelQty,
                    BigDecimal difference, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, String finding,
                    String region) {

        static DriftRow of(InventoryDrift.Drift d, String finding) {
            return new DriftRow(d.sku(), d.warehouse(), d.wmsQty(), d.odooQty(), d.readModelQty(), d.difference(),
                    d.firstSeenAt(), d.lastSeenAt(), finding, d.region());
        }
    }

    /**
     * 202: the run is opened and its process started; its report fills when the comparison is done. With
     * {@code region}, the run compares the region's warehouses, with Odoo read in the region's company.
     */
    @PostMapping("/api/v1/sync/inventory")
    @Transactional
    @ApiResponse(responseCode = "202", description = "The run, opened and started",
            content = @Content(schema = @Schema(implementation = InventoryRunReport.class)))
    @ApiResponse(responseCode = "400", description = "A region ordergate.regions does not know",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Object> reconcile(@RequestParam(required = false) String region) {
        Optional<ResponseEntity<Object>> refused = runRegions.refuseStart(region);
        if (refused.isPresent()) {
            return refused.get();
        }
        String runId = reconciliation.open("api", null);
        runs.startProcess(runId, "inventorySyncRequested", region);
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/inventory/runs/" + runId)).body(report(runId));
    }

    /** What drifts now, with when each drift was first seen: of the regions the caller operates. */
    @GetMapping("/api/v1/sync/inventory/drift")
    DriftNow drift() {
        List<DriftRow> items = drift.current().stream().filter(d -> runRegions.operates(d.region()))
                .map(d -> DriftRow.of(d, null)).toList();
        return new DriftNow(items.size(), items);
    }

    @GetMapping("/api/v1/sync/inventory/runs/{id}")
    ResponseEntity<Object> run(@PathVariable String id) {
        Optional<SyncRuns.Run> run = runs.find(id).filter(r -> InventoryReconciliation.KIND.equals(r.kind()));
        if (run.isEmpty()) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "sync-run-not-found", "Unknown inventory run",
                    "No inventory synchronisation run has the id " + id, Map.of());
        }
        Optional<ResponseEntity<Object>> refused = runRegions.refuseReading(run.get());
        if (refused.isPresent()) {
            return refused.get();
        }
        return ResponseEntity.ok(report(id));
    }

    private InventoryRunReport report(String id) {
        SyncRuns.Run run = runs.find(id).orElseThrow();
        List<InventoryDrift.RunFinding> findings = drift.findings(id);
        Map<InventoryDrift.Finding, Integer> counts = new EnumMap<>(InventoryDrift.Finding.class);
        for (InventoryDrift.Finding f : InventoryDrift.Finding.values()) {
            counts.put(f, (int) findings.stream().filter(x -> x.finding() == f).count());
        }
        return new InventoryRunReport(run.id(), run.kind(), run.status(), run.triggeredBy(), run.source(),
                run.processInstanceId(), run.startedAt(), run.finishedAt(), counts,
                findings.stream().map(f -> DriftRow.of(f.drift(), f.finding().name())).toList(), run.region(),
                run.region() == null ? null : regions.get(run.region()).warehouses());
    }
}
