package dev.ordergate.sync;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;

/**
 * A sync run's report ({@code GET /api/v1/sync/runs/{id}}): the run itself, its kind's details written beside
 * it, and the steward's review once there is one.
 */
public record SyncRunReport(String id, String kind, String status, String triggeredBy, String source, String region, int chunkSize,
                            String processInstanceId, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                            @JsonUnwrapped Object details, Review review) {

    public record Review(String by, String outcome, String comment) {
    }
}
