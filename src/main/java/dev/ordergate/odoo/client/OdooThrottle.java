package dev.ordergate.odoo.client;

import dev.ordergate.odoo.OdooCallLanes;
import dev.ordergate.odoo.OdooLane;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A cap on calls in flight to one Odoo server and on calls started per second, shared by two lanes. Odoo serves RPC
 * from a handful of HTTP workers; more concurrent calls than workers only queue inside Odoo, where they run into
 * {@code limit_time_real}, so they queue here instead, where a wait that is too long fails as retryable.
 * <p>
 * Orders come first ({@link OdooLane}): a bulk call (a sync's chunk, a report) never takes the slots kept for orders
 * (a quarter of the cap, at least one, unless the cap is one) and does not start while an order call is waiting; a
 * freed slot goes to a waiting order call before a waiting bulk call. So a large price-list or master-data run uses
 * what orders leave, and an order arriving meanwhile waits for at most one call, not for the run.
 */
public final class OdooThrottle {

    private final int maxConcurrentCalls;
    private final int maxBulkCalls;
    private final Duration acquireTimeout;
    private final long intervalNanos;
    private final Supplier<OdooLane> lanes;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition orderSlot = lock.newCondition();
    private final Condition bulkSlot = lock.newCondition();
    private int inFlight;
    private int bulkInFlight;
    private int ordersWaiting;
    private int bulkWaiting;
    private long nextStart;

    public OdooThrottle(int maxConcurrentCalls, double callsPerSecond, Duration acquireTimeout) {
        this(maxConcurrentCalls, callsPerSecond, acquireTimeout, () -> OdooLane.ORDERS);
    }

    public OdooThrottle(int maxConcurrentCalls, double callsPerSecond, Duration acquireTimeout, Supplier<OdooLane> lanes) {
        this.maxConcurrentCalls = Math.max(1, maxConcurrentCalls);
        this.maxBulkCalls = Math.max(1, this.maxConcurrentCalls - Math.max(1, this.maxConcurrentCalls / 4));
        this.acquireTimeout = acquireTimeout == null ? Duration.ofSeconds(30) : acquireTimeout;
        this.intervalNanos = callsPerSecond > 0 ? (long) (1_000_000_000L / callsPerSecond) : 0;
        this.lanes = lanes;
        this.nextStart = System.nanoTime();
    }

    public static OdooThrottle of(OdooProperties properties) {
        return of(properties, OdooCallLanes.ORDERS_ONLY);
    }

    public static OdooThrottle of(OdooProperties properties, OdooCallLanes lanes) {
        return new OdooThrottle(properties.maxConcurrentCalls(), properties.callsPerSecond(), properties.acquireTimeout(),
                lanes::current);
    }

    public <T> T run(String what, Supplier<T> call) {
        OdooLane lane = lanes.get();
        acquire(what, lane);
        try {
            pace(what);
            return call.get();
        } finally {
            release(lane);
        }
    }

    public int available() {
        lock.lock();
        try {
            return maxConcurrentCalls - inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Calls of a lane waiting for a slot now. */
    public int waiting(OdooLane lane) {
        lock.lock();
        try {
            return lane == OdooLane.BULK ? bulkWaiting : ordersWaiting;
        } finally {
            lock.unlock();
        }
    }

    /** The most bulk calls that may be in flight at once: the cap less the slots kept for orders. */
    public int maxBulkCalls() {
        return maxBulkCalls;
    }

    private void acquire(String what, OdooLane lane) {
        long left = acquireTimeout.toNanos();
        boolean bulk = lane == OdooLane.BULK;
        lock.lock();
        try {
            if (bulk) {
                bulkWaiting++;
            } else {
                ordersWaiting++;
            }
            try {
                while (bulk ? !bulkMayStart() : inFlight >= maxConcurrentCalls) {
                    if (left <= 0) {
                        throw new OdooTransportException(what + ": all " + maxConcurrentCalls
                                + " Odoo call slots stayed busy for " + acquireTimeout
                                + (bulk ? " (bulk lane: " + maxBulkCalls + " of them, after waiting orders)" : ""), null);
                    }
                    left = (bulk ? bulkSlot : orderSlot).awaitNanos(left);
                }
            } finally {
                if (bulk) {
                    bulkWaiting--;
                } else if (--ordersWaiting == 0) {
                    // Bulk callers held back only because this order waited may go now (each re-checks the slots).
                    bulkSlot.signalAll();
                }
            }
            inFlight++;
            if (bulk) {
                bulkInFlight++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooTransportException(what + ": interrupted while waiting for an Odoo call slot", e);
        } finally {
            lock.unlock();
        }
    }

    private boolean bulkMayStart() {
        return ordersWaiting == 0 && inFlight < maxConcurrentCalls && bulkInFlight < maxBulkCalls;
    }

    private void release(OdooLane lane) {
        lock.lock();
        try {
            inFlight--;
            if (lane == OdooLane.BULK) {
                bulkInFlight--;
            }
            if (ordersWaiting > 0) {
                orderSlot.signal();
            } else {
                bulkSlot.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Spaces call starts {@code 1/callsPerSecond} apart; each caller books the next start before it sleeps. */
    private void pace(String what) {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextStart);
            nextStart = start + intervalNanos;
            wait = start - now;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OdooTransportException(what + ": interrupted while waiting for the rate limit", e);
            }
        }
    }
}
