package dev.ordergate.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the engine's tables and ours every {@code ordergate.ops.metrics-refresh}: review tasks open and
 * their age by group, the job backlog, incidents by activity and peer, and the brief's KPIs. Aggregates in SQL
 * rather than the query API, so a refresh costs a handful of queries however many tasks or incidents there are;
 * table names come from the engine, so a table prefix is respected. Every node of a cluster reports the same
 * values: dashboards take {@code max} across instances, not {@code sum}.
 */
@Component
class OperationalGauges {

    static final String REVIEW_OPEN = "ordergate.review.tasks.open";
    static final String REVIEW_OLDEST = "ordergate.review.tasks.oldest.age";
    static final String JOB_BACKLOG = "ordergate.jobs.backlog";
    static final String JOB_RETRYING = "ordergate.jobs.retrying";
    static final String INCIDENTS = "ordergate.incidents.open";
    static final String OUTBOX = "ordergate.outbox.messages";
    static final String ACCURACY = "ordergate.kpi.order.accuracy";
    static final String MANUAL_TOUCH = "ordergate.kpi.manual.touch.rate";
    static final String PRICE_MISMATCHES = "ordergate.kpi.pricing.mismatches.per.hundred.orders";
    static final String FULFILLMENT_LATENCY = "ordergate.kpi.fulfillment.latency.median";

    private static final Logger log = LoggerFactory.getLogger(OperationalGauges.class);
    private static final int LATENCY_SAMPLE = 1000;

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final Peers peers;
    private final Clock clock;
    private final OpsProperties properties;
    private final Gauges gauges;

    OperationalGauges(JdbcClient jdbc, ManagementService management, Peers peers, Clock clock,
                      OpsProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.management = management;
        this.peers = peers;
        this.clock = clock;
        this.properties = properties;
        this.gauges = new Gauges(registry);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${ordergate.ops.metrics-refresh}")
    void refresh() {
        try {
            reviewTasks();
            jobs();
            incidents();
            outboxes();
            kpis();
        } catch (DataAccessException e) {
            // The database being away is readiness's business; the gauges keep their last values meanwhile.
            log.warn("Operational gauges not refreshed: {}", e.getMessage());
        }
    }

    private void reviewTasks() {
        Map<Tags, Long> open = new HashMap<>();
        Map<Tags, Double> oldest = new HashMap<>();
        Instant now = clock.instant();
        jdbc.sql("""
                SELECT l.GROUP_ID_ AS grp, COUNT(*) AS n, MIN(t.CREATE_TIME_) AS oldest
                  FROM %s t JOIN %s l ON l.TASK_ID_ = t.ID_
                 WHERE l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
                 GROUP BY l.GROUP_ID_
                """.formatted(table(TaskEntity.class), table(IdentityLinkEntity.class)))
                .query(rs -> {
                    Tags tags = Tags.of("group", rs.getString("grp"));
                    open.put(tags, rs.getLong("n"));
                    oldest.put(tags, (double) Duration.between(rs.getTimestamp("oldest").toInstant(), now).toSeconds());
                });
        gauges.update(REVIEW_OPEN, "Review tasks waiting for a person, by candidate group", null, open);
        gauges.update(REVIEW_OLDEST, "Age of the oldest open review task, by candidate group", "seconds", oldest);
    }

    private void jobs() {
        Timestamp now = Timestamp.from(clock.instant());
        long backlog = jdbc.sql("""
                SELECT COUNT(*) FROM %s
                 WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND (DUEDATE_ IS NULL OR DUEDATE_ <= :now)
                   AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < :now)
                """.formatted(table(JobEntity.class))).param("now", now).query(Long.class).single();
        long retrying = jdbc.sql("SELECT COUNT(*) FROM %s WHERE RETRIES_ > 0 AND EXCEPTION_MSG_ IS NOT NULL"
                .formatted(table(JobEntity.class))).query(Long.class).single();
        gauges.update(JOB_BACKLOG, "Jobs due now that no job executor has acquired yet", null, backlog);
        gauges.update(JOB_RETRYING, "Jobs that failed and wait for their next retry", null, retrying);
    }

    private void incidents() {
        Map<Tags, Long> open = new HashMap<>();
        jdbc.sql("""
                SELECT PROC_DEF_ID_ AS def, ACTIVITY_ID_ AS activity, INCIDENT_TYPE_ AS type, INCIDENT_MSG_ AS msg,
                       COUNT(*) AS n
                  FROM %s
                 -- an incident in a called instance is repeated on each caller's call activity: counted once, where it is
                 WHERE ROOT_CAUSE_INCIDENT_ID_ = ID_
                 GROUP BY PROC_DEF_ID_, ACTIVITY_ID_, INCIDENT_TYPE_, INCIDENT_MSG_
                """.formatted(table(IncidentEntity.class)))
                .query(rs -> {
                    String activity = rs.getString("activity");
                    Tags tags = Tags.of("activity", activity == null ? "none" : activity,
                            "peer", peers.failed(rs.getString("def"), activity, rs.getString("msg")),
                            "type", rs.getString("type"));
                    open.merge(tags, rs.getLong("n"), Long::sum);
                });
        gauges.update(INCIDENTS, "Open incidents (technical failures whose retries are spent), by activity and peer",
                null, open);
    }

    /** What waits in the outboxes: mail not yet sent (or given up on), status events pending or parked. */
    private void outboxes() {
        Map<Tags, Long> waiting = new HashMap<>();
        jdbc.sql("SELECT state, COUNT(*) AS n FROM app.status_events WHERE state IN ('PENDING', 'PARKED') GROUP BY state")
                .query(rs -> {
                    waiting.put(Tags.of("outbox", "status-events", "state", rs.getString("state").toLowerCase()),
                            rs.getLong("n"));
                });
        jdbc.sql("""
                SELECT CASE WHEN last_error IS NULL THEN 'pending' ELSE 'failing' END AS state, COUNT(*) AS n
                  FROM app.mail_outbox WHERE sent_at IS NULL
                 GROUP BY CASE WHEN last_error IS NULL THEN 'pending' ELSE 'failing' END
                """).query(rs -> {
                    waiting.put(Tags.of("outbox", "mail", "state", rs.getString("state")), rs.getLong("n"));
                });
        // Orders answered whose process has not started yet: pending for milliseconds normally; failing ones need a look.
        jdbc.sql("""
                SELECT CASE WHEN last_error IS NULL THEN 'pending' ELSE 'failing' END AS state, COUNT(*) AS n
                  FROM app.order_starts
                 GROUP BY CASE WHEN last_error IS NULL THEN 'pending' ELSE 'failing' END
                """).query(rs -> {
                    waiting.put(Tags.of("outbox", "order-starts", "state", rs.getString("state")), rs.getLong("n"));
                });
        gauges.update(OUTBOX, "Outbox messages not delivered yet, by outbox and state", null, waiting);
    }

    /**
     * The brief's KPIs per region (the order's region; orders from before regions count as {@code us}), so a region's
     * roll-out (in shadow, then live) is judged on its own orders.
     */
    private void kpis() {
        OffsetDateTime since = OffsetDateTime.now(clock).minus(properties.kpiWindow());
        // Per region: orders received in the window, those that needed a person, those with a price mismatch.
        Map<String, long[]> intake = perRegion("""
                SELECT COALESCE(o.region, 'us') AS region, COUNT(*) AS n,
                       SUM(CASE WHEN EXISTS (SELECT 1 FROM app.order_milestones m
                                              WHERE m.order_id = o.id AND m.milestone = 'IN_REVIEW')
                                THEN 1 ELSE 0 END) AS touched,
                       SUM(CASE WHEN EXISTS (SELECT 1 FROM app.gate_exceptions g WHERE g.order_id = o.id
                                                AND g.gate = 'pricing' AND g.reason_kind = 'price-mismatch')
                                THEN 1 ELSE 0 END) AS mismatched
                  FROM app.orders o WHERE o.created_at >= :since
                 GROUP BY COALESCE(o.region, 'us')
                """, since, "n", "touched", "mismatched");
        // Per region: orders completed in the window, and those among them no reviewer touched.
        Map<String, long[]> done = perRegion("""
                SELECT COALESCE(o.region, 'us') AS region, COUNT(*) AS n,
                       SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM app.order_milestones r
                                                  WHERE r.order_id = m.order_id AND r.milestone = 'IN_REVIEW')
                                THEN 1 ELSE 0 END) AS untouched
                  FROM app.order_milestones m JOIN app.orders o ON o.id = m.order_id
                 WHERE m.milestone = 'COMPLETED' AND m.reached_at >= :since
                 GROUP BY COALESCE(o.region, 'us')
                """, since, "n", "untouched");
        Map<String, List<Duration>> latencies = new HashMap<>();
        jdbc.sql("""
                SELECT region, received, reached FROM (
                    SELECT COALESCE(o.region, 'us') AS region, o.created_at AS received, m.reached_at AS reached,
                           ROW_NUMBER() OVER (PARTITION BY COALESCE(o.region, 'us') ORDER BY m.reached_at DESC) AS nth
                      FROM app.order_milestones m JOIN app.orders o ON o.id = m.order_id
                     WHERE m.milestone = 'COMPLETED' AND m.reached_at >= :since) latest
                 WHERE nth <= :sample
                """).param("since", since).param("sample", LATENCY_SAMPLE)
                .query(rs -> {
                    latencies.computeIfAbsent(rs.getString("region"), r -> new java.util.ArrayList<>())
                            .add(Duration.between(rs.getObject("received", OffsetDateTime.class),
                                    rs.getObject("reached", OffsetDateTime.class)));
                });

        java.util.Set<String> regions = new java.util.TreeSet<>(intake.keySet());
        regions.addAll(done.keySet());
        Map<Tags, Double> accuracy = new HashMap<>();
        Map<Tags, Double> manualTouch = new HashMap<>();
        Map<Tags, Double> mismatches = new HashMap<>();
        Map<Tags, Double> latency = new HashMap<>();
        for (String region : regions) {
            Tags tags = Tags.of("region", region);
            long[] in = intake.getOrDefault(region, new long[3]);
            long[] out = done.getOrDefault(region, new long[2]);
            accuracy.put(tags, out[0] == 0 ? 1.0 : (double) out[1] / out[0]);
            manualTouch.put(tags, in[0] == 0 ? 0.0 : (double) in[1] / in[0]);
            mismatches.put(tags, in[0] == 0 ? 0.0 : 100.0 * in[2] / in[0]);
            latency.put(tags, median(latencies.getOrDefault(region, List.of())));
        }
        gauges.update(ACCURACY, "Share of orders completed in the KPI window that needed no correction by a reviewer,"
                + " by region", "ratio", accuracy);
        gauges.update(MANUAL_TOUCH, "Share of orders received in the KPI window that needed a person, by region",
                "ratio", manualTouch);
        gauges.update(PRICE_MISMATCHES, "Orders with a price mismatch per 100 orders received in the KPI window, by region",
                null, mismatches);
        gauges.update(FULFILLMENT_LATENCY, "Median time from intake to completion of the last " + LATENCY_SAMPLE
                + " orders of each region completed in the KPI window", "seconds", latency);
    }

    /** Per region, the query's counts in the order of {@code columns}. */
    private Map<String, long[]> perRegion(String sql, OffsetDateTime since, String... columns) {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql(sql).param("since", since).query(rs -> {
            long[] row = new long[columns.length];
            for (int i = 0; i < columns.length; i++) {
                row[i] = rs.getLong(columns[i]);
            }
            counts.put(rs.getString("region"), row);
        });
        return counts;
    }

    private static double median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return 0;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get(sorted.size() / 2).toMillis() / 1000.0;
    }

    private String table(Class<?> entity) {
        return management.getTableName(entity);
    }
}
