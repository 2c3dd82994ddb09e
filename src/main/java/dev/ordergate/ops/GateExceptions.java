package dev.ordergate.ops;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which orders a gate stopped, and for what kind of reason, recorded once per order. The business KPIs are computed
 * from here and from the milestones, so every node of a cluster reports the same numbers and a restart loses none.
 */
@Repository
class GateExceptions {

    private final JdbcClient jdbc;
    private final Clock clock;

    GateExceptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String orderId, String gate, String reasonKind) {
        jdbc.sql("""
                INSERT INTO app.gate_exceptions (order_id, gate, reason_kind, first_seen_at)
                SELECT :id, :gate, :kind, :at FROM (VALUES (1)) AS one(x)
                 WHERE NOT EXISTS (SELECT 1 FROM app.gate_exceptions
                                    WHERE order_id = :id AND gate = :gate AND reason_kind = :kind)
                """)
                .param("id", orderId).param("gate", gate).param("kind", reasonKind)
                .param("at", OffsetDateTime.now(clock))
                .update();
    }
}
