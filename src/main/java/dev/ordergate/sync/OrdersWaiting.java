package dev.ordergate.sync;

import java.time.Duration;

/**
 * Whether orders are waiting for the node's workers right now. A sync's long steps (reading a feed, planning, writing
 * a chunk) ask before they start and, while orders wait, step aside ({@link YieldToOrders}): a sync holds a worker for
 * seconds, and on a node with two workers that halves what orders get. Implemented from the engine's jobs.
 */
public interface OrdersWaiting {

    /** How long a step that stepped aside waits before it asks again. */
    Duration YIELD_FOR = Duration.ofSeconds(2);

    boolean now();

    /** Steps aside (the job runs again after {@link #YIELD_FOR}, nothing spent, nothing written) while orders wait. */
    default void yieldIfOrdersWait() {
        if (now()) {
            throw new YieldToOrders(YIELD_FOR);
        }
    }

    /** A sync step that gave its worker to waiting orders: not a failure, no retry spent, no incident. */
    final class YieldToOrders extends RuntimeException {

        private final Duration after;

        YieldToOrders(Duration after) {
            super("orders are waiting: the sync steps aside for " + after, null, false, false);
            this.after = after;
        }

        public Duration after() {
            return after;
        }
    }
}
