package dev.ordergate.returns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ordergate.web.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The warehouse's receipts of returned goods, kept like shipment confirmations (see fulfillment.Shipments): stored
 * first (the receipt id makes a duplicate change nothing), then handed to the return's process; one that arrives
 * before the process waits for it stays pending and is handed over again until it is taken.
 */
@Service
class ReturnReceipts {

    static final String MESSAGE = "ReturnReceived";
    static final String RECEIPT_ID = "receiptId";
    private static final Logger log = LoggerFactory.getLogger(ReturnReceipts.class);

    private final JdbcClient jdbc;
    private final OrderReturns returns;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    ReturnReceipts(JdbcClient jdbc, OrderReturns returns, RuntimeService runtime, TransactionTemplate tx,
                   ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.returns = returns;
        this.runtime = runtime;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    enum Outcome { CORRELATED, PENDING, DUPLICATE }

    /** A receipt for a return that expects no goods (it was refused). */
    static class NotExpectedException extends RuntimeException {
        NotExpectedException(String returnId, ReturnStatus status) {
            super("Return " + returnId + " is " + status + "; no goods are expected for it");
        }
    }

    /**
     * Stores the receipt and hands it to the return's process if it waits for it. The lines must be the return's
     * lines: a short or different receipt is for a person to sort out with the warehouse, not for the process.
     */
    Outcome receive(String returnId, String receiptId, List<ReturnRecord.Line> lines) {
        return tx.execute(status -> {
            jdbc.sql("SELECT id FROM app.order_returns WHERE id = :id FOR UPDATE").param("id", returnId)
                    .query().listOfRows();
            ReturnRecord ret = returns.get(returnId);
            boolean duplicate = jdbc.sql("SELECT COUNT(*) FROM app.return_receipts WHERE receipt_id = :id")
                    .param("id", receiptId).query(Long.class).single() > 0;
            if (duplicate) {
                return Outcome.DUPLICATE;
            }
            if (ret.status() == ReturnStatus.REFUSED) {
                throw new NotExpectedException(returnId, ret.status());
            }
            Map<String, BigDecimal> expected = bySku(ret.lines());
            Map<String, BigDecimal> received = bySku(lines);
            if (!expected.equals(received)) {
                List<InvalidRequestException.Violation> violations = new ArrayList<>();
                violations.add(new InvalidRequestException.Violation("lines",
                        "received %s is not what return %s expects: %s".formatted(received, ret.returnRef(), expected)));
                throw new InvalidRequestException(violations);
            }
            jdbc.sql("""
                    INSERT INTO app.return_receipts (receipt_id, return_id, lines, received_at)
                    VALUES (:id, :ret, :lines, :now)
                    """)
                    .param("id", receiptId).param("ret", returnId).param("lines", write(lines))
                    .param("now", OffsetDateTime.now(clock)).update();
            return correlate(receiptId, ret) ? Outcome.CORRELATED : Outcome.PENDING;
        });
    }

    /** Hands pending receipts to returns that have started waiting since they arrived. */
    @Scheduled(fixedDelayString = "${ordergate.returns.redelivery-interval:PT5S}")
    void redeliverPending() {
        List<Map<String, Object>> pending = jdbc.sql("""
                SELECT receipt_id, return_id FROM app.return_receipts
                 WHERE correlated_at IS NULL ORDER BY received_at
                """).query().listOfRows();
        for (Map<String, Object> row : pending) {
            String receiptId = (String) row.get("receipt_id");
            String returnId = (String) row.get("return_id");
            try {
                tx.executeWithoutResult(status -> correlate(receiptId, returns.get(returnId)));
            } catch (RuntimeException e) {
                log.warn("Return receipt {} for {} could not be handed over yet: {}", receiptId, returnId, e.toString());
            }
        }
    }

    private boolean correlate(String receiptId, ReturnRecord ret) {
        // Claiming the row first makes two nodes that sweep at once hand it over only once.
        int claimed = jdbc.sql("UPDATE app.return_receipts SET correlated_at = :now WHERE receipt_id = :id AND correlated_at IS NULL")
                .param("now", OffsetDateTime.now(clock)).param("id", receiptId).update();
        if (claimed == 0) {
            return true;
        }
        boolean waiting = ret.processInstanceId() != null
                && runtime.createEventSubscriptionQuery().eventType("message").eventName(MESSAGE)
                .processInstanceId(ret.processInstanceId()).count() > 0;
        if (!waiting) {
            jdbc.sql("UPDATE app.return_receipts SET correlated_at = NULL WHERE receipt_id = :id").param("id", receiptId)
                    .update();
            return false;
        }
        returns.recordReceipt(ret.id(), receiptId);
        runtime.createMessageCorrelation(MESSAGE).processInstanceId(ret.processInstanceId())
                .setVariable(RECEIPT_ID, receiptId).correlateWithResult();
        return true;
    }

    private static Map<String, BigDecimal> bySku(List<ReturnRecord.Line> lines) {
        Map<String, BigDecimal> bySku = new TreeMap<>();
        lines.forEach(l -> bySku.merge(l.sku(), l.quantity(), BigDecimal::add));
        bySku.replaceAll((sku, quantity) -> OrderReturns.plain(quantity));
        return bySku;
    }

    private String write(List<ReturnRecord.Line> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
