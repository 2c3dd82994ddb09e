package dev.ordergate.fulfillment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.order.TransactionKept;
import dev.ordergate.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shipment inbox: confirmations of what left the warehouse, and problem reports for released goods that will not
 * reach the customer (damaged, lost, refused by the carrier). A message is stored first (its id makes a duplicate
 * change nothing), then handed to the order's process. One that arrives before the process waits for it stays
 * pending and is handed over again until it is taken, so none is lost.
 */
@Service
public class Shipments {

    static final String MESSAGE = "ShipmentConfirmed";
    static final String PROBLEM_MESSAGE = "ShipmentProblem";

    /** What can go wrong with released goods; each goes to customer service. */
    public enum Problem {
        @com.fasterxml.jackson.annotation.JsonProperty("damaged") DAMAGED,
        @com.fasterxml.jackson.annotation.JsonProperty("lost") LOST,
        @com.fasterxml.jackson.annotation.JsonProperty("refused") REFUSED
    }
    private static final Logger log = LoggerFactory.getLogger(Shipments.class);

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    /** The order's shipped and problem quantities, per transaction (see {@link #takenBySku}). */
    private final TransactionKept<String, Map<String, BigDecimal>> taken = new TransactionKept<>();

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

    /** Orders nothing may leave the warehouse for any more. */
    private static final Set<String> FINISHED = Set.of("COMPLETED", "CANCELLED", "REJECTED");

    /**
     * Goods reported leaving for an order that is finished: refused with nothing stored, so the warehouse hears of it
     * at once instead of the message waiting silently for a process that will never take it.
     */
    public static final class OrderFinished extends RuntimeException {
        OrderFinished(String message) {
            super(message);
        }
    }

    /**
     * Stores the confirmation and hands it to the process if the process is waiting for it. {@code owed} is what
     * the order still expects by SKU (ordered less cancelled); a confirmation beyond it is refused (422).
     */
    public Outcome receive(String shipmentId, String businessKey, List<ShippedLine> lines, boolean complete,
                           Map<String, BigDecimal> owed) {
        return store(shipmentId, businessKey, lines, complete, null, owed);
    }

    /** Stores the problem report and hands it to the process if the process is waiting for the warehouse. */
    public Outcome reportProblem(String problemId, String businessKey, List<ShippedLine> lines, Problem problem) {
        return store(problemId, businessKey, lines, false, problem, null);
    }

    private Outcome store(String shipmentId, String businessKey, List<ShippedLine> lines, boolean complete, Problem problem,
                          Map<String, BigDecimal> owed) {
        return tx.execute(status -> {
            // The order's row lock orders this confirmation and a cancellation of the same order (OrderCancellations).
            String state = jdbc.sql("SELECT status FROM app.orders WHERE business_key = :key FOR UPDATE")
                    .param("key", businessKey).query(String.class).optional().orElse(null);
            if (jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE shipment_id = :id").param("id", shipmentId)
                    .query(Long.class).single() > 0) {
                return Outcome.DUPLICATE;
            }
            if (FINISHED.contains(state)) {
                throw new OrderFinished("Order " + businessKey + " is " + state + ": no goods may leave the warehouse for "
                        + "it any more; " + shipmentId + " was not taken and customer service must settle what left");
            }
            if (owed != null) {
                refuseMoreThanOwed(businessKey, lines, owed);
            }
            int inserted = jdbc.sql("""
                    INSERT INTO app.shipments (shipment_id, business_key, lines, complete, problem, received_at)
                    SELECT :id, :key, :lines, :complete, :problem, :now FROM (VALUES (1)) AS one(x)
                     WHERE NOT EXISTS (SELECT 1 FROM app.shipments WHERE shipment_id = :id)
                    """)
                    .param("id", shipmentId).param("key", businessKey).param("lines", write(lines))
                    .param("complete", complete).param("problem", problem == null ? null : problem.name())
                    .param("now", OffsetDateTime.now(clock))
                    .update();
            if (inserted == 0) {
                return Outcome.DUPLICATE;
            }
            return correlate(shipmentId, businessKey) ? Outcome.CORRELATED : Outcome.PENDING;
        });
    }

    private void refuseMoreThanOwed(String businessKey, List<ShippedLine> lines, Map<String, BigDecimal> owed) {
        Map<String, BigDecimal> shipped = new LinkedHashMap<>(shippedBySku(businessKey));
        List<InvalidRequestException.Violation> over = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ShippedLine line = lines.get(i);
            BigDecimal before = shipped.getOrDefault(line.sku(), BigDecimal.ZERO);
            BigDecimal expected = owed.getOrDefault(line.sku(), BigDecimal.ZERO);
            shipped.put(line.sku(), before.add(line.quantity()));
            if (before.add(line.quantity()).compareTo(expected) > 0) {
                over.add(new InvalidRequestException.Violation("lines[" + i + "].quantity", "is more than order "
                        + businessKey + " expects: " + expected.stripTrailingZeros().toPlainString() + " owed, "
                        + before.stripTrailingZeros().toPlainString() + " already shipped"));
            }
        }
        if (!over.isEmpty()) {
            throw new InvalidRequestException(over);
        }
    }

    /** Wakes every order waiting for stock; answers how many were woken. */
    int replenished() {
        return runtime.createMessageCorrelation("StockReplenished").correlateAllWithResult().size();
    }

    /** Hands pending confirmations to processes that have started waiting since they arrived. */
    @Scheduled(fixedDelayString = "${ordergate.shipments.redelivery-interval}")
    public void redeliverPending() {
        List<Map<String, Object>> pending = jdbc.sql("""
                SELECT s.shipment_id, s.business_key FROM app.shipments s
                  JOIN app.orders o ON o.business_key = s.business_key
                 WHERE s.correlated_at IS NULL
                   AND o.status NOT IN ('RECEIVED', 'IN_REVIEW', 'VALIDATED', 'COMPLETED', 'REJECTED', 'CANCELLED')
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
        return sum("SELECT lines FROM app.shipments WHERE business_key = :key AND problem IS NULL ORDER BY received_at",
                businessKey);
    }

    /**
     * What the order's process has taken in so far, by SKU: shipped, or reported as a problem. A confirmation that
     * came early and is still pending does not count until the process takes it.
     */
    Map<String, BigDecimal> takenBySku(String businessKey, boolean problems) {
        // Read once per transaction (a delivery step reckons the order's positions more than once); correlate forgets.
        return taken.get(takenKey(businessKey, problems), key -> java.util.Collections.unmodifiableMap(sum(
                "SELECT lines FROM app.shipments WHERE business_key = :key AND correlated_at IS NOT NULL AND problem IS "
                        + (problems ? "NOT NULL" : "NULL") + " ORDER BY received_at", businessKey)));
    }

    private static String takenKey(String businessKey, boolean problems) {
        return businessKey + (problems ? "|problems" : "|shipped");
    }

    /** What this transaction keeps of the order's taken shipments no longer holds. */
    private void takenChanged(String businessKey) {
        taken.forget(takenKey(businessKey, true));
        taken.forget(takenKey(businessKey, false));
    }

    /** The lines of one confirmation or problem report. */
    List<ShippedLine> lines(String shipmentId) {
        return jdbc.sql("SELECT lines FROM app.shipments WHERE shipment_id = :id").param("id", shipmentId)
                .query(String.class).optional().map(this::read).orElse(List.of());
    }

    /** Records how customer service resolved a problem report; resolving it again changes nothing. */
    void resolve(String problemId, String resolution) {
        jdbc.sql("UPDATE app.shipments SET resolution = :resolution, resolved_at = :now WHERE shipment_id = :id AND resolution IS NULL")
                .param("resolution", resolution).param("now", OffsetDateTime.now(clock)).param("id", problemId).update();
    }

    private Map<String, BigDecimal> sum(String query, String businessKey) {
        Map<String, BigDecimal> total = new LinkedHashMap<>();
        jdbc.sql(query).param("key", businessKey).query(String.class).list()
                .forEach(text -> read(text).forEach(l -> total.merge(l.sku(), l.quantity(), BigDecimal::add)));
        return total;
    }

    /** When the order's goods last left the warehouse; empty while nothing has shipped. */
    public java.util.Optional<OffsetDateTime> lastShippedAt(String businessKey) {
        return jdbc.sql("SELECT MAX(received_at) FROM app.shipments WHERE business_key = :key")
                .param("key", businessKey).query(OffsetDateTime.class).list().stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private boolean correlate(String shipmentId, String businessKey) {
        // Claiming the row first makes two nodes that sweep at once hand it over only once.
        takenChanged(businessKey);
        int claimed = jdbc.sql("UPDATE app.shipments SET correlated_at = :now WHERE shipment_id = :id AND correlated_at IS NULL")
                .param("now", OffsetDateTime.now(clock)).param("id", shipmentId).update();
        if (claimed == 0) {
            return true;
        }
        String problem = jdbc.sql("SELECT problem FROM app.shipments WHERE shipment_id = :id").param("id", shipmentId)
                .query(String.class).optional().orElse(null);
        String message = problem == null ? MESSAGE : PROBLEM_MESSAGE;
        // The order's delivery (a called instance under the order's business key) waits for these messages.
        boolean waiting = runtime.createExecutionQuery().processInstanceBusinessKey(businessKey)
                .messageEventSubscriptionName(message).count() > 0;
        if (!waiting) {
            takenChanged(businessKey);
            jdbc.sql("UPDATE app.shipments SET correlated_at = NULL WHERE shipment_id = :id").param("id", shipmentId)
                    .update();
            return false;
        }
        var correlation = runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey)
                .setVariable("shipmentId", shipmentId);
        if (problem != null) {
            correlation.setVariable("shipmentProblem", problem.toLowerCase(java.util.Locale.ROOT))
                    .setVariable("problemLines", describe(lines(shipmentId)));
        }
        correlation.correlateWithResult();
        return true;
    }

    static String describe(List<ShippedLine> lines) {
        Map<String, BigDecimal> quantities = new LinkedHashMap<>();
        lines.forEach(l -> quantities.merge(l.sku(), l.quantity(), BigDecimal::add));
        return ShippingLedger.describe(quantities);
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
