package dev.ordergate.masterdata;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The master-data part of a sync run's report ({@code GET /api/v1/sync/runs/{id}}): the entities read, the counts,
 * the updates written, the conflicts routed to stewards and what was rejected. Components in the JSON's order.
 */
public record MasterDataRunReport(List<String> entities, Counts counts, List<Update> updates,
                                  List<ConflictView> conflicts, List<Rejection> rejected) {

    public record Counts(long read, long unchanged, long baseline, long updated, long conflicts, long openConflicts,
                         long rejected, long pending) {
    }

    public record Update(String entity, String key, String field, String from, String to, boolean applied) {
    }

    /** One side of a conflict: which system holds which value since when. */
    public record Side(String system, String value, String changedAt) {
    }

    /**
     * A conflict as the report and the conflicts list show it; {@code decision} only once a steward decided;
     * {@code region} when a region's run raised it (by that region's owners).
     */
    public record ConflictView(String id, String runId, String entity, String key, String field, Side owner,
                               Side other, String status, Decision decision, String region) {
    }

    public record Decision(String decision, String comment, String by, OffsetDateTime at, String appliedValue,
                           OffsetDateTime appliedAt) {
    }

    public record Rejection(String entity, String key, String source, String reason) {
    }
}
