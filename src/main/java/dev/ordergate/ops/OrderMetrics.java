package dev.ordergate.ops;

import dev.ordergate.fulfillment.GateChecked;
import dev.ordergate.order.MilestoneReached;
import dev.ordergate.order.OrderStatus;
import dev.ordergate.order.ReasonCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Business metrics from the order's own events: orders received / completed / rejected by channel, the time from
 * intake to each milestone, and every gate's outcome by gate and kind of reason (business failures, never
 * incidents).
 */
@Component
class OrderMetrics {

    static final String RECEIVED = "ordergate.orders.received";
    static final String COMPLETED = "ordergate.orders.completed";
    static final String REJECTED = "ordergate.orders.rejected";
    static final String SHADOW = "ordergate.orders.shadow";
    static final String MILESTONE_LATENCY = "ordergate.order.milestone.latency";
    static final String GATE_OUTCOMES = "ordergate.gate.outcomes";

    private final MeterRegistry registry;
    private final GateExceptions gateExceptions;

    OrderMetrics(MeterRegistry registry, GateExceptions gateExceptions) {
        this.registry = registry;
        this.gateExceptions = gateExceptions;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void milestoneReached(MilestoneReached event) {
        String channel = event.channel();
        String region = event.region() == null ? "us" : event.region();
        switch (event.milestone()) {
            case RECEIVED -> count(RECEIVED, "Orders taken in by the intake API", channel, region);
            case COMPLETED -> count(COMPLETED, "Orders completed (invoiced)", channel, region);
            case REJECTED -> count(REJECTED, "Orders a reviewer rejected", channel, region);
            case VALIDATED_SHADOW -> count(SHADOW, "Orders of a shadow region that passed every gate (never committed)",
                    channel, region);
            default -> {
            }
        }
        if (event.milestone() != OrderStatus.RECEIVED) {
            Timer.builder(MILESTONE_LATENCY)
                    .description("Time from intake until the order first reached the milestone")
                    .tag("milestone", event.milestone().name())
                    .tag("channel", channel)
                    .tag("region", region)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(50))
                    // Orders waiting for a person or a shipment can take days.
                    .maximumExpectedValue(Duration.ofDays(14))
                    .register(registry)
                    .record(Duration.between(event.receivedAt(), event.reachedAt()));
        }
    }

    /** In the job's transaction, so the recorded exception and the count follow the job's commit or rollback. */
    @EventListener
    void gateChecked(GateChecked event) {
        if (event.passed()) {
            AfterCommit.run(() -> gateOutcome(event.gate(), "passed", "none"));
            return;
        }
        event.reasons().stream().map(reason -> ReasonCodes.of(event.gate(), reason)).distinct().forEach(kind -> {
            gateExceptions.record(event.orderId(), event.gate(), kind);
            AfterCommit.run(() -> gateOutcome(event.gate(), "exception", kind));
        });
    }

    private void count(String name, String description, String channel, String region) {
        Counter.builder(name).description(description).tag("channel", channel).tag("region", region)
                .register(registry).increment();
    }

    private void gateOutcome(String gate, String outcome, String reason) {
        Counter.builder(GATE_OUTCOMES)
                .description("Gate decisions: passed, or an exception for a reviewer, by kind of reason")
                .tag("gate", gate).tag("outcome", outcome).tag("reason", reason)
                .register(registry).increment();
    }
}
