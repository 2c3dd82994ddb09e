package dev.ordergate.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stock drift between the WMS and Odoo: what drifts now ({@code app.stock_drift}, with when it was first seen)
 * and what each run found ({@code app.stock_drift_findings}).
 */
@Repository
class InventoryDrift {

    enum Finding { NEW, PERSISTS, RESOLVED }

    /**
     * One product in one warehouse whose quantities differ; {@code readModelQty} is null when no event told us of it,
     * {@code region} when the run that saw it last was a region's.
     */
    record Drift(String sku, String warehouse, BigDecimal wmsQty, BigDecimal odooQty, BigDecimal readModelQty,
                 BigDecimal difference, OffsetDateTime firstSeenAt, OffsetDateTime lastSeenAt, String region) {

        StockCount.Key key() {
            return new StockCount.Key(sku, warehouse);
        }
    }

    record RunFinding(Finding finding, Drift drift) {
    }

    private final JdbcClient jdbc;

    InventoryDrift(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces the current drift of the run's warehouses ({@code compared}) with what this run found: drift seen
     * before keeps its first-seen time, new drift starts now, drift no longer found is resolved and removed; drift
     * of warehouses the run did not compare (another region's) stays as it is. Every finding is kept under the run.
     */
    Map<Finding, Integer> record(String runId, String region, Predicate<String> compared, List<Drift> found,
                                 OffsetDateTime now) {
        Map<StockCount.Key, Drift> before = new LinkedHashMap<>();
        current().stream().filter(d -> compared.test(d.warehouse())).forEach(d -> before.put(d.key(), d));
        jdbc.sql("DELETE FROM app.stock_drift_findings WHERE run_id = :run").param("run", runId).update();
        Map<Finding, Integer> counts = new LinkedHashMap<>();
        for (Finding f : Finding.values()) {
            counts.put(f, 0);
        }
        for (Drift d : found) {
            Drift earlier = before.remove(d.key());
            OffsetDateTime firstSeen = earlier == null ? now : earlier.firstSeenAt();
            Finding finding = earlier == null ? Finding.NEW : Finding.PERSISTS;
            jdbc.sql("DELETE FROM app.stock_drift WHERE sku = :sku AND warehouse = :warehouse")
                    .param("sku", d.sku()).param("warehouse", d.warehouse()).update();
            jdbc.sql("""
                    INSERT INTO app.stock_drift (sku, warehouse, wms_qty, odoo_qty, read_model_qty, difference,
                                                 first_seen_at, last_seen_at, last_run_id, region)
                    VALUES (:sku, :warehouse, :wms, :odoo, :readModel, :difference, :firstSeen, :now, :run, :region)
                    """).param("region", region)
                    .param("sku", d.sku()).param("warehouse", d.warehouse()).param("wms", d.wmsQty())
                    .param("odoo", d.odooQty()).param("readModel", d.readModelQty()).param("difference", d.difference())
                    .param("firstSeen", firstSeen).param("now", now).param("run", runId)
                    .update();
            finding(runId, finding, d, firstSeen);
            counts.merge(finding, 1, Integer::sum);
        }
        for (Drift resolved : before.values()) {
            jdbc.sql("DELETE FROM app.stock_drift WHERE sku = :sku AND warehouse = :warehouse")
                    .param("sku", resolved.sku()).param("warehouse", resolved.warehouse()).update();
            finding(runId, Finding.RESOLVED, resolved, resolved.firstSeenAt());
            counts.merge(Finding.RESOLVED, 1, Integer::sum);
        }
        return counts;
    }

    List<Drift> current() {
        return jdbc.sql("SELECT * FROM app.stock_drift ORDER BY sku, warehouse")
                .query((rs, n) -> new Drift(rs.getString("sku"), rs.getString("warehouse"), rs.getBigDecimal("wms_qty"),
                        rs.getBigDecimal("odoo_qty"), rs.getBigDecimal("read_model_qty"), rs.getBigDecimal("difference"),
                        rs.getObject("first_seen_at", OffsetDateTime.class),
                        rs.getObject("last_seen_at", OffsetDateTime.class), rs.getString("region")))
                .list();
    }

    List<RunFinding> findings(String runId) {
        return jdbc.sql("SELECT * FROM app.stock_drift_findings WHERE run_id = :run ORDER BY finding, sku, warehouse")
                .param("run", runId)
                .query((rs, n) -> new RunFinding(Finding.valueOf(rs.getString("finding")), new Drift(rs.getString("sku"),
                        rs.getString("warehouse"), rs.getBigDecimal("wms_qty"), rs.getBigDecimal("odoo_qty"),
                        rs.getBigDecimal("read_model_qty"), rs.getBigDecimal("difference"),
                        rs.getObject("first_seen_at", OffsetDateTime.class), null, null)))
                .list();
    }

    private void finding(String runId, Finding finding, Drift d, OffsetDateTime firstSeen) {
        jdbc.sql("""
                INSERT INTO app.stock_drift_findings (run_id, sku, warehouse, finding, wms_qty, odoo_qty, read_model_qty,
                                                      difference, first_seen_at)
                VALUES (:run, :sku, :warehouse, :finding, :wms, :odoo, :readModel, :difference, :firstSeen)
                """)
                .param("run", runId).param("sku", d.sku()).param("warehouse", d.warehouse())
                .param("finding", finding.name()).param("wms", d.wmsQty()).param("odoo", d.odooQty())
                .param("readModel", d.readModelQty()).param("difference", d.difference()).param("firstSeen", firstSeen)
                .update();
    }
}
