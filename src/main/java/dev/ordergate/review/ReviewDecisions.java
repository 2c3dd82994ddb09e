package dev.ordergate.review;

import dev.ordergate.order.TransactionKept;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit of every reviewer decision (who, when, what, why, on which facts), and what it lets through. */
@Repository
public class ReviewDecisions {

    private final JdbcClient jdbc;
    private final Clock clock;
    /** The gates whose exceptions reviewers accepted, per order, read once per transaction (the gates share a job). */
    private final TransactionKept<String, Set<String>> acceptedGates = new TransactionKept<>();

    ReviewDecisions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Decision(String taskId, String gate, String facts, String decision, String comment,
                           String decidedBy, OffsetDateTime decidedAt) {
    }

    void record(String orderId, String taskId, String gate, String facts, ReviewOption option, String comment,
                String decidedBy) {
        jdbc.sql("""
                INSERT INTO app.order_reviews (id, order_id, task_id, gate, reasons, decision, accepts, comment,
                                               decided_by, decided_at)
                VALUES (:id, :order, :task, :gate, :reasons, :decision, :accepts, :comment, :by, :at)
                """)
                .param("id", UUID.randomUUID().toString()).param("order", orderId).param("task", taskId)
                .param("gate", gate).param("reasons", facts == null ? "" : facts).param("decision", option.value())
                .param("accepts", option.accepts()).param("comment", comment).param("by", decidedBy)
                .param("at", OffsetDateTime.now(clock))
                .update();
        acceptedGates.forget(orderId);
    }

    /** Whether a reviewer has accepted this gate's exception for the order, so the gate need not stop it again. */
    public boolean accepted(String orderId, String gate) {
        return acceptedGates.get(orderId, order -> Set.copyOf(
                jdbc.sql("SELECT DISTINCT gate FROM app.order_reviews WHERE order_id = :order AND accepts")
                        .param("order", order).query(String.class).list())).contains(gate);
    }

    public List<Decision> forOrder(String orderId) {
        return jdbc.sql("""
                        SELECT task_id, gate, reasons, decision, comment, decided_by, decided_at
                          FROM app.order_reviews WHERE order_id = :order ORDER BY decided_at
                        """)
                .param("order", orderId)
                .query((rs, n) -> new Decision(rs.getString("task_id"), rs.getString("gate"), rs.getString("reasons"),
                        rs.getString("decision"), rs.getString("comment"), rs.getString("decided_by"),
                        rs.getObject("decided_at", OffsetDateTime.class)))
                .list();
    }
}
