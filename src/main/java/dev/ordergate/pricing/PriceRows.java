package dev.ordergate.pricing;

import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows a price-list run read and the plan for each: its action, its chunk and whether the chunk is written.
 * The written flags are the run's checkpoint: they commit with the job that wrote the chunk.
 */
@Repository
class PriceRows {

    enum Action { UNCHANGED, CREATE, UPDATE, EXPIRE, REJECTED }

    record Row(int seq, Integer rowNo, PriceAgreement agreement, Action action, Integer chunkNo, boolean written,
               String reason) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PriceRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Stores the feed; rows the policy rejected carry their reason already. */
    void store(String runId, List<PriceAgreement> feed, Map<Integer, String> rejections) {
        jdbc.sql("DELETE FROM app.sync_price_rows WHERE run_id = :run").param("run", runId).update();
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < feed.size(); i++) {
            String reason = rejections.get(i);
            batch.add(values(runId, i + 1, i + 1, feed.get(i), reason == null ? null : Action.REJECTED, reason));
        }
        insert(batch);
    }

    void addExpiries(String runId, List<PriceItem> expired, LocalDate endDay) {
        int next = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM app.sync_price_rows WHERE run_id = :run").param("run", runId)
                .query(Integer.class).single();
        List<Object[]> batch = new ArrayList<>();
        for (PriceItem item : expired) {
            PriceAgreement as = new PriceAgreement(item.key().pricelist(), null, null, item.key().sku(),
                    item.key().minQuantity(), item.price(), item.key().validFrom(), endDay);
            batch.add(values(runId, ++next, null, as, Action.EXPIRE, "no longer in the feed"));
        }
        insert(batch);
    }

    private static Object[] values(String runId, int seq, Integer rowNo, PriceAgreement a, Action action, String reason) {
        return new Object[] {runId, seq, rowNo, cut(a.pricelist(), 200), cut(a.currency(), 3), cut(a.customerRef(), 64),
                cut(a.sku(), 128), a.minQuantity(), a.price(), sqlDate(a.validFrom()), sqlDate(a.validTo()),
                action == null ? null : action.name(), false, reason};
    }

    private void insert(List<Object[]> batch) {
        template.batchUpdate("""
                INSERT INTO app.sync_price_rows (run_id, seq, row_no, pricelist, currency, customer_ref, sku, min_quantity,
                                                 price, date_start, date_end, action, written, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch, new int[] {Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.VARCHAR, Types.VARCHAR,
                Types.VARCHAR, Types.VARCHAR, Types.DECIMAL, Types.DECIMAL, Types.DATE, Types.DATE, Types.VARCHAR,
                Types.BOOLEAN, Types.VARCHAR});
    }

    /** Rows still without a decision (neither rejected by the policy nor planned). */
    List<Row> undecided(String runId) {
        return query("WHERE run_id = :run AND action IS NULL ORDER BY seq", Map.of("run", runId));
    }

    void reject(String runId, Map<Integer, String> reasonBySeq) {
        List<Object[]> batch = new ArrayList<>();
        reasonBySeq.forEach((seq, reason) -> batch.add(new Object[] {Action.REJECTED.name(), cut(reason, 500), runId, seq}));
        template.batchUpdate("UPDATE app.sync_price_rows SET action = ?, reason = ? WHERE run_id = ? AND seq = ?", batch);
    }

    void plan(String runId, Map<Integer, Action> actionBySeq, Map<Integer, Integer> chunkBySeq) {
        List<Object[]> batch = new ArrayList<>();
        actionBySeq.forEach((seq, action) -> batch.add(new Object[] {action.name(), chunkBySeq.get(seq), runId, seq}));
        template.batchUpdate("UPDATE app.sync_price_rows SET action = ?, chunk_no = ? WHERE run_id = ? AND seq = ?", batch);
    }

    /** Chunks every planned write that has none yet, in feed order, {@code size} to a chunk. Returns how many chunks the run has. */
    int chunk(String runId, int size) {
        List<Integer> open = jdbc.sql("""
                SELECT seq FROM app.sync_price_rows
                 WHERE run_id = :run AND action IN ('CREATE', 'UPDATE', 'EXPIRE') AND chunk_no IS NULL ORDER BY seq
                """).param("run", runId).query(Integer.class).list();
        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            batch.add(new Object[] {i / size + 1, runId, open.get(i)});
        }
        template.batchUpdate("UPDATE app.sync_price_rows SET chunk_no = ? WHERE run_id = ? AND seq = ?", batch);
        return (open.size() + size - 1) / size;
    }

    /** The first chunk not written yet, if any. */
    Integer nextChunk(String runId) {
        return jdbc.sql("SELECT MIN(chunk_no) FROM app.sync_price_rows WHERE run_id = :run AND chunk_no IS NOT NULL AND written = FALSE")
                .param("run", runId).query(Integer.class).optional().orElse(null);
    }

    List<Row> rowsOfChunk(String runId, int chunkNo) {
        return query("WHERE run_id = :run AND chunk_no = :chunk ORDER BY seq", Map.of("run", runId, "chunk", chunkNo));
    }

    void written(String runId, int chunkNo) {
        jdbc.sql("UPDATE app.sync_price_rows SET written = TRUE WHERE run_id = :run AND chunk_no = :chunk")
                .param("run", runId).param("chunk", chunkNo).update();
    }

    List<Row> rejected(String runId, int limit) {
        return query("WHERE run_id = :run AND action = 'REJECTED' ORDER BY seq", Map.of("run", runId)).stream()
                .limit(limit).toList();
    }

    /** Counts for the run report: rows read, then per action written (or unchanged/rejected), and what is still pending. */
    Map<String, Long> counts(String runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", count("row_no IS NOT NULL", runId));
        counts.put("unchanged", count("action = 'UNCHANGED'", runId));
        counts.put("created", count("action = 'CREATE' AND written = TRUE", runId));
        counts.put("updated", count("action = 'UPDATE' AND written = TRUE", runId));
        counts.put("expired", count("action = 'EXPIRE' AND written = TRUE", runId));
        counts.put("rejected", count("action = 'REJECTED'", runId));
        counts.put("pending", count("action IN ('CREATE', 'UPDATE', 'EXPIRE') AND written = FALSE", runId));
        counts.put("chunks", jdbc.sql("SELECT COALESCE(MAX(chunk_no), 0) FROM app.sync_price_rows WHERE run_id = :run")
                .param("run", runId).query(Long.class).single());
        counts.put("chunksWritten", jdbc.sql(
                        "SELECT COUNT(DISTINCT chunk_no) FROM app.sync_price_rows WHERE run_id = :run AND chunk_no IS NOT NULL AND written = TRUE")
                .param("run", runId).query(Long.class).single());
        return counts;
    }

    private long count(String condition, String runId) {
        return jdbc.sql("SELECT COUNT(*) FROM app.sync_price_rows WHERE run_id = :run AND " + condition)
                .param("run", runId).query(Long.class).single();
    }

    private List<Row> query(String where, Map<String, ?> params) {
        return jdbc.sql("SELECT * FROM app.sync_price_rows " + where).params(params)
                .query((rs, n) -> {
                    String action = rs.getString("action");
                    return new Row(rs.getInt("seq"), (Integer) rs.getObject("row_no"),
                            new PriceAgreement(rs.getString("pricelist"), rs.getString("currency"),
                                    rs.getString("customer_ref"), rs.getString("sku"), rs.getBigDecimal("min_quantity"),
                                    rs.getBigDecimal("price"), localDate(rs.getDate("date_start")),
                                    localDate(rs.getDate("date_end"))),
                            action == null ? null : Action.valueOf(action), (Integer) rs.getObject("chunk_no"),
                            rs.getBoolean("written"), rs.getString("reason"));
                })
                .list();
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
