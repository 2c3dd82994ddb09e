package dev.ordergate.sync;

import dev.ordergate.order.Texts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The runs of every synchronisation: when, from where, by whom triggered, how it ended, who reviewed it. */
@Repository
public class SyncRuns {

    public static final String PRICE_LISTS = "price-lists";
    public static final String MASTER_DATA = "master-data";

    public enum Status { RUNNING, IN_REVIEW, COMPLETED, ABANDONED }

    public record Run(String id, String kind, String status, String triggeredBy, String source, int chunkSize,
               String processInstanceId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String reviewedBy,
               String reviewOutcome, String reviewComment, String region) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    private final org.camunda.bpm.engine.RuntimeService runtime;

    SyncRuns(JdbcClient jdbc, Clock clock, org.camunda.bpm.engine.RuntimeService runtime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.runtime = runtime;
    }

    /**
     * Starts the run's process by its start message (the run id is its business key and variable), records it, and
     * answers the process instance id.
     */
    public String startProcess(String runId, String message) {
        return startProcess(runId, message, null);
    }

    /**
     * The same for one region: the process variable {@code region} makes every step's Odoo call work in the region's
     * company (region.CurrentRegion, odoo.OdooCompanyScope); the run records the region.
     */
    public String startProcess(String runId, String message, String region) {
        java.util.Map<String, Object> variables = new java.util.HashMap<>(java.util.Map.of(SyncDelegates.RUN_ID, runId));
        if (region != null) {
            variables.put(dev.ordergate.region.Regions.VARIABLE, region);
            region(runId, region);
        }
        String instance = runtime.startProcessInstanceByMessage(message, runId, variables).getId();
        started(runId, instance);
        return instance;
    }

    public String open(String kind, String triggeredBy, int chunkSize, String processInstanceId) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO app.sync_runs (id, kind, status, triggered_by, chunk_size, process_instance_id, started_at)
                VALUES (:id, :kind, :status, :by, :chunk, :pid, :at)
                """)
                .param("id", id).param("kind", kind).param("status", Status.RUNNING.name()).param("by", triggeredBy)
                .param("chunk", chunkSize).param("pid", processInstanceId).param("at", OffsetDateTime.now(clock))
                .update();
        return id;
    }

    public void started(String id, String processInstanceId) {
        jdbc.sql("UPDATE app.sync_runs SET process_instance_id = :pid WHERE id = :id")
                .param("pid", processInstanceId).param("id", id).update();
    }

    /** The region the run works for, in its Odoo company. */
    public void region(String id, String region) {
        jdbc.sql("UPDATE app.sync_runs SET region = :region WHERE id = :id").param("region", region).param("id", id).update();
    }

    public void source(String id, String source) {
        jdbc.sql("UPDATE app.sync_runs SET source = :source WHERE id = :id").param("source", source).param("id", id).update();
    }

    public void status(String id, Status status) {
        jdbc.sql("UPDATE app.sync_runs SET status = :status WHERE id = :id").param("status", status.name()).param("id", id).update();
    }

    public void completed(String id) {
        jdbc.sql("UPDATE app.sync_runs SET status = :status, finished_at = :at WHERE id = :id")
                .param("status", Status.COMPLETED.name()).param("at", OffsetDateTime.now(clock)).param("id", id).update();
    }

    /** A peer refused a step and the steward gave the run up: finished, not completed, with the steward's reason. */
    public void abandoned(String id, String comment) {
        jdbc.sql("""
                UPDATE app.sync_runs SET status = :status, finished_at = :at, review_outcome = 'abandoned',
                                         review_comment = :comment WHERE id = :id
                """)
                .param("status", Status.ABANDONED.name()).param("at", OffsetDateTime.now(clock))
                .param("comment", Texts.clip(comment, 2000)).param("id", id).update();
    }

    public void reviewed(String id, String by, String outcome, String comment) {
        jdbc.sql("UPDATE app.sync_runs SET reviewed_by = :by, review_outcome = :outcome, review_comment = :comment WHERE id = :id")
                .param("by", by).param("outcome", outcome).param("comment", comment).param("id", id).update();
    }

    /**
     * The id of a run of this kind for this region (null: the API user's own company) still reading or writing (not
     * in review, not completed), if any. Each region's runs keep their own watermarks, so regions do not wait for
     * each other.
     */
    public Optional<String> running(String kind, String region) {
        return jdbc.sql("SELECT id FROM app.sync_runs WHERE kind = :kind AND status = :status AND "
                        + (region == null ? "region IS NULL" : "region = :region") + " ORDER BY started_at LIMIT 1")
                .param("kind", kind).param("status", Status.RUNNING.name())
                .params(region == null ? java.util.Map.of() : java.util.Map.of("region", region))
                .query(String.class).optional();
    }

    public Optional<Run> find(String id) {
        return jdbc.sql("SELECT * FROM app.sync_runs WHERE id = :id").param("id", id)
                .query((rs, n) -> new Run(rs.getString("id"), rs.getString("kind"), rs.getString("status"),
                        rs.getString("triggered_by"), rs.getString("source"), rs.getInt("chunk_size"),
                        rs.getString("process_instance_id"), rs.getObject("started_at", OffsetDateTime.class),
                        rs.getObject("finished_at", OffsetDateTime.class), rs.getString("reviewed_by"),
                        rs.getString("review_outcome"), rs.getString("review_comment"), rs.getString("region")))
                .optional();
    }
}
