package dev.ordergate.masterdata;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The master-data sync's own tables (V40): watermarks, agreed values, what each run read and decided, conflicts.
 * Watermarks, agreed values and seen write_dates are kept per region (V220; {@code ""} is the API user's own company):
 * each region's runs read and write its own Odoo company.
 */
@Repository
class MasterDataStore {

    enum Outcome { UNCHANGED, CHANGED, BASELINE, REJECTED }

    enum Action { BASELINE, PROPAGATE, CONFLICT, REJECTED }

    record Agreed(String value, String source, String changedAt) {
    }

    record Read(int seq, String side, String source, String entity, String key, String changedAt, String position,
                String fields, String outcome, String reason) {
    }

    record Change(int seq, String entity, String key, String field, String source, String value, String previous,
                  String changedAt, String action, String target, boolean applied, String reason) {
    }

    /** One record of a run with changes still to apply. */
    record Pending(String entity, String key) {
    }

    record Conflict(String id, String runId, String entity, String key, String field, String owner, String ownerValue,
                    String ownerChangedAt, String otherSource, String otherValue, String otherChangedAt, String status,
                    String decision, String comment, String decidedBy, OffsetDateTime decidedAt, String appliedValue,
                    OffsetDateTime appliedAt, String region) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MasterDataStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void entities(String runId, List<String> entities) {
        jdbc.sql("INSERT INTO app.md_runs (run_id, entities) VALUES (:id, :entities)")
                .param("id", runId).param("entities", String.join(",", entities)).update();
    }

    List<String> entities(String runId) {
        return jdbc.sql("SELECT entities FROM app.md_runs WHERE run_id = :id").param("id", runId).query(String.class)
                .optional().map(e -> List.of(e.split(","))).orElse(List.of());
    }

    Optional<String> watermark(String region, String side, String entity) {
        return jdbc.sql("SELECT watermark FROM app.md_watermarks WHERE region = :region AND side = :side AND entity = :entity")
                .param("region", region).param("side", side).param("entity", entity).query(String.class).optional();
    }

    void watermark(String region, String side, String entity, String watermark, String runId) {
        int updated = jdbc.sql("""
                UPDATE app.md_watermarks SET watermark = :wm, run_id = :run, updated_at = :at
                WHERE region = :region AND side = :side AND entity = :entity
                """).param("wm", watermark).param("run", runId).param("at", OffsetDateTime.now(clock))
                .param("region", region).param("side", side).param("entity", entity).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO app.md_watermarks (region, side, entity, watermark, run_id, updated_at)
                    VALUES (:region, :side, :entity, :wm, :run, :at)
                    """).param("wm", watermark).param("run", runId).param("at", OffsetDateTime.now(clock))
                    .param("region", region).param("side", side).param("entity", entity).update();
        }
    }

    Map<String, Agreed> agreed(String region, String entity, String key) {
        Map<String, Agreed> values = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT field, agreed_value, source, changed_at FROM app.md_values
                WHERE region = :region AND entity = :entity AND record_key = :key
                """).param("region", region).param("entity", entity).param("key", key)
                .query((rs, n) -> values.put(rs.getString("field"),
                        new Agreed(rs.getString("agreed_value"), rs.getString("source"), rs.getString("changed_at"))))
                .list();
        return values;
    }

    void agree(String region, String entity, String key, String field, Agreed agreed) {
        int updated = jdbc.sql("""
                UPDATE app.md_values SET agreed_value = :value, source = :source, changed_at = :at
                WHERE region = :region AND entity = :entity AND record_key = :key AND field = :field
                """).param("value", agreed.value()).param("source", agreed.source()).param("at", agreed.changedAt())
                .param("region", region).param("entity", entity).param("key", key).param("field", field).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO app.md_values (region, entity, record_key, field, agreed_value, source, changed_at)
                    VALUES (:region, :entity, :key, :field, :value, :source, :at)
                    """).param("value", agreed.value()).param("source", agreed.source()).param("at", agreed.changedAt())
                    .param("region", region).param("entity", entity).param("key", key).param("field", field).update();
        }
    }

    Optional<String> odooWriteDate(String region, String entity, String key) {
        return jdbc.sql("SELECT odoo_write_date FROM app.md_records WHERE region = :region AND entity = :entity AND record_key = :key")
                .param("region", region).param("entity", entity).param("key", key).query(String.class).optional();
    }

    void odooWriteDate(String region, String entity, String key, String writeDate) {
        int updated = jdbc.sql("""
                UPDATE app.md_records SET odoo_write_date = :wd WHERE region = :region AND entity = :entity AND record_key = :key
                """).param("wd", writeDate).param("region", region).param("entity", entity).param("key", key).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO app.md_records (region, entity, record_key, odoo_write_date) VALUES (:region, :entity, :key, :wd)")
                    .param("wd", writeDate).param("region", region).param("entity", entity).param("key", key).update();
        }
    }

    void addRead(String runId, Read read) {
        jdbc.sql("""
                INSERT INTO app.md_reads (run_id, seq, side, source, entity, record_key, changed_at, feed_position, fields, outcome, reason)
                VALUES (:run, :seq, :side, :source, :entity, :key, :at, :position, :fields, :outcome, :reason)
                """).param("run", runId).param("seq", read.seq()).param("side", read.side()).param("source", read.source())
                .param("entity", read.entity()).param("key", read.key()).param("at", read.changedAt())
                .param("position", read.position()).param("fields", read.fields()).param("outcome", read.outcome())
                .param("reason", read.reason()).update();
    }

    int nextReadSeq(String runId) {
        return jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM app.md_reads WHERE run_id = :run").param("run", runId)
                .query(Integer.class).single();
    }

    List<Read> reads(String runId) {
        return jdbc.sql("SELECT * FROM app.md_reads WHERE run_id = :run ORDER BY seq").param("run", runId)
                .query((rs, n) -> new Read(rs.getInt("seq"), rs.getString("side"), rs.getString("source"),
                        rs.getString("entity"), rs.getString("record_key"), rs.getString("changed_at"),
                        rs.getString("feed_position"), rs.getString("fields"), rs.getString("outcome"), rs.getString("reason")))
                .list();
    }

    void readOutcome(String runId, int seq, Outcome outcome, String reason) {
        jdbc.sql("UPDATE app.md_reads SET outcome = :outcome, reason = :reason WHERE run_id = :run AND seq = :seq")
                .param("outcome", outcome.name()).param("reason", reason).param("run", runId).param("seq", seq).update();
    }

    void addChange(String runId, Change change) {
        jdbc.sql("""
                INSERT INTO app.md_changes (run_id, seq, entity, record_key, field, source, new_value, previous, changed_at, action, target, applied, reason)
                VALUES (:run, :seq, :entity, :key, :field, :source, :value, :previous, :at, :action, :target, :applied, :reason)
                """).param("run", runId).param("seq", change.seq()).param("entity", change.entity())
                .param("key", change.key()).param("field", change.field()).param("source", change.source())
                .param("value", change.value()).param("previous", change.previous()).param("at", change.changedAt())
                .param("action", change.action())
                .param("target", change.target()).param("applied", change.applied()).param("reason", change.reason())
                .update();
    }

    private static final org.springframework.jdbc.core.RowMapper<Change> CHANGE = (rs, n) -> new Change(rs.getInt("seq"),
            rs.getString("entity"), rs.getString("record_key"), rs.getString("field"), rs.getString("source"),
            rs.getString("new_value"), rs.getString("previous"), rs.getString("changed_at"), rs.getString("action"),
            rs.getString("target"), rs.getBoolean("applied"), rs.getString("reason"));

    /** Changes still to write: the owners' changes and the baselines. */
    private static final String PENDING = "run_id = :run AND applied = FALSE AND action IN ('BASELINE', 'PROPAGATE')";

    List<Change> changes(String runId) {
        return jdbc.sql("SELECT * FROM app.md_changes WHERE run_id = :run ORDER BY seq").param("run", runId)
                .query(CHANGE).list();
    }

    /** The next records with changes to write, in the order the plan found them. */
    List<Pending> pendingRecords(String runId, int limit) {
        return jdbc.sql("SELECT entity, record_key, MIN(seq) AS first_seq FROM app.md_changes WHERE " + PENDING
                        + " GROUP BY entity, record_key ORDER BY first_seq LIMIT :limit")
                .param("run", runId).param("limit", limit)
                .query((rs, n) -> new Pending(rs.getString("entity"), rs.getString("record_key"))).list();
    }

    List<Change> pendingChanges(String runId, Pending record) {
        return jdbc.sql("SELECT * FROM app.md_changes WHERE " + PENDING + " AND entity = :entity AND record_key = :key ORDER BY seq")
                .param("run", runId).param("entity", record.entity()).param("key", record.key()).query(CHANGE).list();
    }

    boolean anyPending(String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM app.md_changes WHERE " + PENDING).param("run", runId)
                .query(Integer.class).single() > 0;
    }

    void applied(String runId, int seq) {
        jdbc.sql("UPDATE app.md_changes SET applied = TRUE WHERE run_id = :run AND seq = :seq")
                .param("run", runId).param("seq", seq).update();
    }

    void rejectChange(String runId, int seq, String reason) {
        jdbc.sql("UPDATE app.md_changes SET action = :action, reason = :reason WHERE run_id = :run AND seq = :seq")
                .param("action", Action.REJECTED.name()).param("reason", reason).param("run", runId).param("seq", seq)
                .update();
    }

    /** An open conflict on this field with the same contested value, so a value read again is not a second conflict. */
    boolean openConflict(String region, String entity, String key, String field, String otherSource, String otherValue) {
        // No "(:value IS NULL)": PostgreSQL cannot type a parameter that is only compared with NULL.
        var query = jdbc.sql("""
                SELECT COUNT(*) FROM app.md_conflicts WHERE entity = :entity AND record_key = :key AND field = :field
                AND region = :region AND status = 'OPEN' AND other_source = :source AND """
                        + (otherValue == null ? " other_value IS NULL" : " other_value = :value"))
                .param("region", region).param("entity", entity).param("key", key).param("field", field).param("source", otherSource);
        if (otherValue != null) {
            query = query.param("value", otherValue);
        }
        return query.query(Integer.class).single() > 0;
    }

    String addConflict(String region, String runId, String entity, String key, String field, String owner,
                       Agreed ownerSide, String otherSource, String otherValue, String otherChangedAt) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO app.md_conflicts (id, run_id, entity, record_key, field, owner, owner_value, owner_changed_at,
                    other_source, other_value, other_changed_at, status, created_at, region)
                VALUES (:id, :run, :entity, :key, :field, :owner, :ownerValue, :ownerAt, :other, :otherValue, :otherAt,
                    'OPEN', :now, :region)
                """).param("id", id).param("region", region).param("run", runId).param("entity", entity).param("key", key).param("field", field)
                .param("owner", owner).param("ownerValue", ownerSide == null ? null : ownerSide.value())
                .param("ownerAt", ownerSide == null ? null : ownerSide.changedAt()).param("other", otherSource)
                .param("otherValue", otherValue).param("otherAt", otherChangedAt).param("now", OffsetDateTime.now(clock))
                .update();
        return id;
    }

    Optional<Conflict> conflict(String id) {
        return jdbc.sql("SELECT * FROM app.md_conflicts WHERE id = :id").param("id", id).query(CONFLICT).optional();
    }

    List<Conflict> conflictsOfRun(String runId) {
        return jdbc.sql("SELECT * FROM app.md_conflicts WHERE run_id = :run ORDER BY created_at, id").param("run", runId)
                .query(CONFLICT).list();
    }

    /**
     * The newest conflicts, of every status or one, of these regions ({@code null}: of every region and of runs without
     * one; empty: none).
     */
    List<Conflict> conflicts(String status, int limit, java.util.Set<String> regions) {
        if (regions != null && regions.isEmpty()) {
            return List.of();
        }
        String where = (status == null ? "" : " AND status = :status") + (regions == null ? "" : " AND region IN (:regions)");
        var spec = jdbc.sql("SELECT * FROM app.md_conflicts WHERE 1 = 1" + where + " ORDER BY created_at DESC, id LIMIT :limit")
                .param("limit", limit);
        if (status != null) {
            spec = spec.param("status", status);
        }
        if (regions != null) {
            spec = spec.param("regions", List.copyOf(regions));
        }
        return spec.query(CONFLICT).list();
    }

    /** Records the steward's decision once; answers false when the conflict was decided already. */
    boolean decide(String id, String decision, String comment, String by) {
        return jdbc.sql("""
                UPDATE app.md_conflicts SET status = 'DECIDED', decision = :decision, decision_comment = :comment,
                    decided_by = :by, decided_at = :at WHERE id = :id AND status = 'OPEN'
                """).param("decision", decision).param("comment", comment).param("by", by)
                .param("at", OffsetDateTime.now(clock)).param("id", id).update() == 1;
    }

    void conflictApplied(String id, String value) {
        jdbc.sql("UPDATE app.md_conflicts SET status = 'APPLIED', applied_value = :value, applied_at = :at WHERE id = :id")
                .param("value", value).param("at", OffsetDateTime.now(clock)).param("id", id).update();
    }

    private static final org.springframework.jdbc.core.RowMapper<Conflict> CONFLICT = (rs, n) -> new Conflict(rs.getString("id"), rs.getString("run_id"), rs.getString("entity"), rs.getString("record_key"),
                rs.getString("field"), rs.getString("owner"), rs.getString("owner_value"), rs.getString("owner_changed_at"),
                rs.getString("other_source"), rs.getString("other_value"), rs.getString("other_changed_at"),
                rs.getString("status"), rs.getString("decision"), rs.getString("decision_comment"),
                rs.getString("decided_by"), rs.getObject("decided_at", OffsetDateTime.class),
                rs.getString("applied_value"), rs.getObject("applied_at", OffsetDateTime.class), rs.getString("region"));
}
