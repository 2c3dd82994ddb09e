package dev.ordergate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.MilestoneReached;
import dev.ordergate.order.OrderStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The channels' status events: one vocabulary for every channel, written to the outbox in the transaction that
 * changed the order, so a channel hears of exactly what happened, numbered per order so it hears it in order.
 */
@Service
public class StatusEvents {

    /**
     * Our milestones in the channels' words (README, "Status events"). Shipments and invoices are not here: an order
     * may have several of each, and the steps that record them publish each one with its detail.
     */
    static final Map<OrderStatus, String> VOCABULARY = Map.ofEntries(
            Map.entry(OrderStatus.RECEIVED, "accepted"),
            Map.entry(OrderStatus.IN_REVIEW, "in_review"),
            Map.entry(OrderStatus.VALIDATED, "validated"),
            Map.entry(OrderStatus.COMMITTED, "confirmed"),
            Map.entry(OrderStatus.RELEASED, "released"),
            Map.entry(OrderStatus.COMPLETED, "completed"),
            Map.entry(OrderStatus.REJECTED, "rejected"),
            Map.entry(OrderStatus.CANCELLED, "cancelled"));

    public record Event(String id, String orderId, String channel, String businessKey, String status, String state,
                        int attempts, String lastError, OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    StatusEvents(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(MilestoneReached milestone) {
        String status = VOCABULARY.get(milestone.milestone());
        if (status != null) {
            // The milestone carries the order's references from the transaction that moved it: no second read.
            queue(milestone.orderId(), new Refs(milestone.channel(), milestone.channelOrderRef(), milestone.businessKey(),
                    milestone.salesOrderRef(), milestone.invoiceRef()), status, null);
        }
    }

    /** Queues a status event for the order's channel; {@code detail} is a short human text (never prices). */
    public void publish(String orderId, String status, String detail) {
        Refs refs = jdbc.sql("""
                SELECT channel, channel_order_ref, business_key, sales_order_ref, invoice_ref FROM app.orders WHERE id = :id
                """).param("id", orderId).query((rs, n) -> new Refs(rs.getString("channel"),
                rs.getString("channel_order_ref"), rs.getString("business_key"), rs.getString("sales_order_ref"),
                rs.getString("invoice_ref"))).single();
        queue(orderId, refs, status, detail);
    }

    private record Refs(String channel, String channelOrderRef, String businessKey, String salesOrderRef,
                        String invoiceRef) {
    }

    private void queue(String orderId, Refs order, String status, String detail) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", id);
        payload.put("status", status);
        payload.put("occurredAt", now.toString());
        payload.put("orderId", orderId);
        payload.put("channel", order.channel());
        payload.put("channelOrderRef", order.channelOrderRef());
        payload.put("salesOrderRef", order.salesOrderRef());
        payload.put("invoiceRef", order.invoiceRef());
        if (detail != null) {
            payload.put("detail", detail);
        }
        jdbc.sql("""
                INSERT INTO app.status_events (id, order_id, channel, business_key, status, seq, payload, state, attempts,
                                               next_attempt_at, created_at)
                SELECT :id, :order, :channel, :key, :status, COALESCE(MAX(seq), 0) + 1, :payload, 'PENDING', 0, :now, :now
                  FROM app.status_events WHERE order_id = :order
                """)
                .param("id", id).param("order", orderId).param("channel", order.channel())
                .param("key", order.businessKey()).param("status", status).param("payload", write(payload))
                .param("now", now)
                .update();
    }

    public List<Event> list(String state, int limit) {
        return jdbc.sql("""
                        SELECT id, order_id, channel, business_key, status, state, attempts, last_error, created_at,
                               delivered_at
                          FROM app.status_events WHERE (:state IS NULL OR state = :state)
                         ORDER BY created_at DESC LIMIT :limit
                        """)
                .param("state", state).param("limit", limit)
                .query((rs, n) -> new Event(rs.getString("id"), rs.getString("order_id"), rs.getString("channel"),
                        rs.getString("business_key"), rs.getString("status"), rs.getString("state"),
                        rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("delivered_at", OffsetDateTime.class)))
                .list();
    }

    /** Sends a parked (or delivered) event again from a fresh retry budget; false when there is no such event. */
    public boolean replay(String eventId) {
        return jdbc.sql("""
                UPDATE app.status_events SET state = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = NULL
                 WHERE id = :id
                """).param("now", OffsetDateTime.now(clock)).param("id", eventId).update() == 1;
    }


    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
