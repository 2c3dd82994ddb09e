package dev.ordergate.masterdata;

import dev.ordergate.sync.RunRegions;
import dev.ordergate.sync.SyncRuns;
import dev.ordergate.web.ApiProblems;
import dev.ordergate.web.InvalidRequestException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Starts master-data sync runs on demand and lists the conflicts waiting for, or decided by, the stewards. */
@RestController
class MasterDataSyncController {

    static final List<String> STATUSES = List.of("OPEN", "DECIDED", "APPLIED");

    /** @param entities the entities to synchronise; none or absent: the configured ones */
    record Request(List<String> entities) {
    }

    private final MasterDataSync sync;
    private final SyncRuns runs;
    private final RunRegions runRegions;

    MasterDataSyncController(MasterDataSync sync, SyncRuns runs, RunRegions runRegions) {
        this.sync = sync;
        this.runs = runs;
        this.runRegions = runRegions;
    }

    /**
     * 202: the run is opened and its process started; the report ({@code Location}) fills as it goes. With
     * {@code region}, the run works in the region's Odoo company with the region's own field owners.
     */
    @PostMapping("/api/v1/sync/master-data")
    @Transactional
    ResponseEntity<Object> syncMasterData(@RequestBody(required = false) Request request,
                                          @RequestParam(required = false) String region) {
        Optional<ResponseEntity<Object>> refused = runRegions.refuseStart(region);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> entities = request == null || request.entities() == null ? List.of() : request.entities();
        List<InvalidRequestException.Violation> unknown = new java.util.ArrayList<>();
        List<String> details = new java.util.ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            if (entities.get(i) == null || !MasterDataEntities.known(entities.get(i))) {
                String message = "is not one of " + MasterDataEntities.names();
                unknown.add(new InvalidRequestException.Violation("entities[" + i + "]", message));
                details.add("entities[" + i + "] '" + entities.get(i) + "' " + message);
            }
        }
        if (!unknown.isEmpty()) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "unknown-entity", "Unknown master-data entity",
                    String.join("; ", details), Map.of("errors", unknown));
        }
        // Two runs reading from the same watermark would raise the same conflicts twice; a duplicate request waits.
        var running = runs.running(SyncRuns.MASTER_DATA, region);
        if (running.isPresent()) {
            return ApiProblems.problem(HttpStatus.CONFLICT, "sync-running", "A master-data run is in progress",
                    "Run " + running.get() + " is still reading or applying; start the next one when it is in review or"
                            + " completed (GET /api/v1/sync/runs/" + running.get() + ")", Map.of("runId", running.get()));
        }
        String runId = sync.open("api", null, entities.stream().distinct().toList());
        String instance = runs.startProcess(runId, "masterDataSyncRequested", region);
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("id", runId, "kind", SyncRuns.MASTER_DATA,
                "processInstanceId", instance, "entities", sync.report(runId).entities()));
        if (region != null) {
            body.put("region", region);
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/sync/runs/" + runId)).body(body);
    }

    /** The conflicts, newest first; {@code status} OPEN (waiting for a steward), DECIDED or APPLIED. */
    @GetMapping("/api/v1/sync/master-data/conflicts")
    ResponseEntity<Object> conflicts(@RequestParam(required = false) String status,
                                     @RequestParam(defaultValue = "200") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            return ApiProblems.invalidParameter("status", "must be one of " + STATUSES);
        }
        if (limit < 1 || limit > 1000) {
            return ApiProblems.invalidParameter("limit", "must be between 1 and 1000");
        }
        // A region's operator sees the conflicts of their regions' runs only.
        return ResponseEntity.ok(Map.of("conflicts", sync.conflicts(status, limit, runRegions.operated().orElse(null))));
    }
}
