package dev.ordergate.fulfillment;

import dev.ordergate.order.OrderNotFoundException;
import dev.ordergate.order.OrderStarts;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A channel's cancellation, handed to the order's process as a message that interrupts it; the BPMN undoes what
 * was done. The order's row is locked while deciding, and the shipment inbox takes the same lock, so a
 * cancellation and a shipment confirmation for one order never both go through.
 */
@Service
public class OrderCancellations {

    static final String MESSAGE = "CancellationRequested";

    static final String BACKORDER_MESSAGE = "BackorderCancelled";

    public enum Outcome {
        CANCELLING, CANCELLING_BACKORDER, ALREADY_CANCELLED, ALREADY_SHIPPED, ALREADY_FINISHED,
        /** The order's process could not start yet (its start is retried): nothing to cancel through yet. */
        NOT_STARTED
    }

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final TransactionTemplate tx;
    private final OrderStarts starts;

    OrderCancellations(JdbcClient jdbc, RuntimeService runtime, TransactionTemplate tx, OrderStarts starts) {
        this.jdbc = jdbc;
        this.starts = starts;
        this.runtime = runtime;
        this.tx = tx;
    }

    public Outcome request(String orderId, String reason) {
        // A cancellation right after the order's answer may come before its process started: start it first (in a
        // transaction of its own, before the order's row is locked here, the order the start itself takes its locks
        // in), so the message finds the process waiting for it.
        if (!starts.ensureStarted(orderId)) {
            return Outcome.NOT_STARTED;
        }
        // The message meets the process while a job of it may be running (its first steps start as soon as it has
        // started): the engine then refuses one of the two with an optimistic-locking failure and rolls it back. The
        // decision is made again from the locked row, a few times, before the channel is told to retry (503 busy).
        for (int attempt = 1; ; attempt++) {
            try {
                return decide(orderId, reason);
            } catch (OptimisticLockingException raced) {
                if (attempt == 3) {
                    throw new org.springframework.dao.ConcurrencyFailureException(
                            "Order " + orderId + " was busy; cancellation not applied", raced);
                }
            }
        }
    }

    private Outcome decide(String orderId, String reason) {
        return tx.execute(status -> {
            var rows = jdbc.sql("""
                    SELECT status, business_key FROM app.orders WHERE id = :id FOR UPDATE
                    """).param("id", orderId).query().listOfRows();
            if (rows.isEmpty()) {
                throw new OrderNotFoundException(orderId);
            }
            Map<String, Object> order = rows.get(0);
            String state = (String) order.get("status");
            String businessKey = (String) order.get("business_key");
            if ("CANCELLED".equals(state)) {
                return Outcome.ALREADY_CANCELLED;
            }
            long shipped = jdbc.sql("SELECT COUNT(*) FROM app.shipments WHERE business_key = :key AND problem IS NULL")
                    .param("key", businessKey).query(Long.class).single();
            if (shipped > 0) {
                // What shipped stays shipped (a return takes it back); a backorder waiting for stock can still go.
                boolean backorderWaiting = waitsFor(businessKey, BACKORDER_MESSAGE);
                if (!backorderWaiting) {
                    return Outcome.ALREADY_SHIPPED;
                }
                runtime.createMessageCorrelation(BACKORDER_MESSAGE).processInstanceBusinessKey(businessKey)
                        .setVariable("cancellationReason", reason).correlateWithResult();
                return Outcome.CANCELLING_BACKORDER;
            }
            boolean waiting = waitsFor(businessKey, MESSAGE);
            if (!waiting) {
                return Outcome.ALREADY_FINISHED;
            }
            runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(businessKey)
                    .setVariable("cancellationReason", reason).correlateWithResult();
            return Outcome.CANCELLING;
        });
    }

    /**
     * Whether one of the order's instances waits for the message: the order's own (the cancellation) or the delivery
     * it called (the backorder), found as the correlation finds them, by business key.
     */
    private boolean waitsFor(String businessKey, String message) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(businessKey)
                .messageEventSubscriptionName(message).count() > 0;
    }
}
