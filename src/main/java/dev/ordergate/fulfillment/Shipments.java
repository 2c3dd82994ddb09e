package dev.ordergate.fulfillment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shipment inbox. A confirmation is stored first (its shipment id makes a duplicate change nothing), then
 * handed to the order's process. One that arrives before the process waits for it stays pending and is handed
 * over again until it is taken, so none is lost.
 */
@Service
public class Shipments {

    static final String MESSAGE = "ShipmentConfirmed";
    private static final Logger log = LoggerFactory.getLogger(Shipments.class);

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    Shipments(JdbcClient jdbc, RuntimeService runtime, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public record ShippedLine(String sku, BigDecimal quantity) {
    }

    public enum Outcome { CORRELATED, PENDING, DUPLICATE }

    /** Stores the confirmation and hands it to the process if the process is waiting for it. */
    public Outcome receive(String shipmentId, String businessKey, List<ShippedLine> lines, boolean complete) {
        return tx.execute(status -> {
            // The order's row lock orders this confirmation and a cancellation of the same order (OrderCancellations).
            jdbc.sql("SELECT id FROM app.orders WHERE business_key = :key FOR UPDATE").param("key", businessKey)
                    .query().listOfRows();
            int inserted = jdbc.sql("""
                    INSERT INTO app.shipments (shipment_id, business_key, lines, complete, received_at)
                    SELECT :id, :key, :lines, :complete, :now FROM (VALUES (1)) AS one(x)
                     WHERE NOT EXISTS (SELECT 1 FROM app.shipments WHERE shipment_id = :id)
                    """)
                    .param("id", shipmentId).param("key", businessKey).param("lines", write(lines))
                    .param("complete", complete).param("now", OffsetDateTime.now(clock))
                    .update();
            if (inserted == 0) {
                return Outcome.DUPLICATE;
            }
            return correlate(shipmentId, businessKey) ? Outcome.CORRELATED : Outcome.PENDING;
        });
    }

    /** Hands pending confirmations to processes that have started waiting since they arrived. */
    @Scheduled(fixedDelayString = "${ordergate.shipments.redelivery-interval}")
    public void redeliverPending() {
        List<Map<String, Object>> pending = jdbc.sql("""
                SELECT s.shipment_id, s.business_key FROM app.shipments s
                  JOIN app.orders o ON o.business_key = s.business_key
                 WHERE s.correlated_at IS NULL AND o.status IN ('COMMITTED', 'RELEASED')
                 ORDER BY s.received_at
                """).query().listOfRows();
        for (Map<String, Object> row : pending) {
            String shipmentId = (String) row.get("shipment_id");
            String businessKey = (String) row.get("business_key");
            try {
                tx.executeWithoutResult(status -> correlate(shipmentId, businessKey));
            } catch (RuntimeException e) {
                log.warn("Shipment {} for {} could not be handed over yet: {}", shipmentId, businessKey, e.toString());
            }
        }
    }

    /** Everything shipped so far for the order, by SKU. */
    public Map<String, BigDecimal> shippedBySku(String businessKey) {
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        jdbc.sql("SELECT lines FROM app.shipments WHERE business_key = :key ORDER BY received_at")
                .param("key", businessKey).query(String.class).list()
                .forEach(text -> read(text).forEach(l -> shipped.merge(l.sku(), l.quantity(), BigDecimal::add)));
        return shipped;
    }

    /** When the order's goods last left the warehouse; empty while nothing has shipped. */
    public java.util.Optional<OffsetDateTime> lastShippedAt(String businessKey) {
        return jdbc.sql("SELECT MAX(received_at) FROM app.shipments WHERE business_key = :key")
                .param("key", businessKey).query(OffsetDateTime.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private boolean correlate(String shipmentId, String businessKey) {
        // Claiming the row first makes two nodes that sweep at once hand it over only once.
        int claimed = jdbc.sql("UPDATE app.shipments SET correlated_at = :now WHERE shipment_id = :id AND correlated_at IS NULL")
                .param("now", OffsetDateTime.now(clock)).param("id", shipmentId).update();
        if (claimed == 0) {
            return true;
        }
        boolean waiting = runtime.createEventSubscriptionQuery().eventType("message").eventName(MESSAGE)
                .processInstanceId(processInstanceId(businessKey)).count() > 0;
        if (!waiting) {
            jdbc.sql("UPDATE app.shipments SET correlated_at = NULL WHERE shipment_id = :id").param("id", shipmentId)
                    .update();
            return false;
        }
        runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(businessKey)
                .setVariable("shipmentId", shipmentId).correlateWithResult();
        return true;
    }

    private String processInstanceId(String businessKey) {
        return jdbc.sql("SELECT process_instance_id FROM app.orders WHERE business_key = :key")
                .param("key", businessKey).query(String.class).optional().orElse("none");
    }

    private String write(List<ShippedLine> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ShippedLine> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored shipment lines are unreadable", e);
        }
    }
}
