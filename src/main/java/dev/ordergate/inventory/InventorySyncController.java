package dev.ordergate.inventory;

import dev.ordergate.sync.SyncRuns;
import dev.ordergate.web.ApiProblems;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Starts an inventory reconciliation on demand, and serves the current drift and each run's report. */
@RestController
class InventorySyncController {

    private final SyncRuns runs;
    private final InventoryReconciliation reconciliation;
    private final InventoryDrift drift;

    InventorySyncController(SyncRuns runs, InventoryReconciliation reconciliation, InventoryDrift drift) {
        this.runs = runs;
        this.reconciliation = reconciliation;
        this.drift = drift;
    }

    /** 202: the run is opened and its process started; its report fills when the comparison is done. */
    @PostMapping("/api/v1/sync/inventory")
    @Transactional
    ResponseEntity<Map<String, Object>> reconcile() {
        String runId = reconciliation.open("api", null);
        runs.startProcess(runId, "inventorySyncRequested");
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/inventory/runs/" + runId)).body(report(runId));
    }

    /** What drifts now, with when each drift was first seen. */
    @GetMapping("/api/v1/sync/inventory/drift")
    Map<String, Object> drift() {
        List<Map<String, Object>> items = drift.current().stream().map(InventorySyncController::view).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", items.size());
        body.put("drift", items);
        return body;
    }

    @GetMapping("/api/v1/sync/inventory/runs/{id}")
    ResponseEntity<Object> run(@PathVariable String id) {
        if (runs.find(id).filter(r -> InventoryReconciliation.KIND.equals(r.kind())).isEmpty()) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "sync-run-not-found", "Unknown inventory run",
                    "No inventory synchronisation run has the id " + id, Map.of());
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
        report.put("processInstanceId", run.processInstanceId());
        report.put("startedAt", run.startedAt());
        report.put("finishedAt", run.finishedAt());
        List<InventoryDrift.RunFinding> findings = drift.findings(id);
        Map<InventoryDrift.Finding, Integer> counts = new EnumMap<>(InventoryDrift.Finding.class);
        for (InventoryDrift.Finding f : InventoryDrift.Finding.values()) {
            counts.put(f, (int) findings.stream().filter(x -> x.finding() == f).count());
        }
        report.put("counts", counts);
        report.put("findings", findings.stream().map(f -> {
            Map<String, Object> row = view(f.drift());
            row.put("finding", f.finding().name());
            return row;
        }).toList());
        return report;
    }

    private static Map<String, Object> view(InventoryDrift.Drift d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sku", d.sku());
        row.put("warehouse", d.warehouse());
        row.put("wmsQty", d.wmsQty());
        row.put("odooQty", d.odooQty());
        row.put("readModelQty", d.readModelQty());
        row.put("difference", d.difference());
        row.put("firstSeenAt", d.firstSeenAt());
        if (d.lastSeenAt() != null) {
            row.put("lastSeenAt", d.lastSeenAt());
        }
        return row;
    }
}
