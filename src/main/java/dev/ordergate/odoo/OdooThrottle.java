package dev.ordergate.odoo;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A cap on calls in flight to one Odoo server and on calls started per second. Odoo serves RPC from a handful of
 * HTTP workers; more concurrent calls than workers only queue inside Odoo, where they run into
 * {@code limit_time_real}, so they queue here instead, where a wait that is too long fails as retryable.
 */
final class OdooThrottle {

    private final Semaphore slots;
    private final int maxConcurrentCalls;
    private final Duration acquireTimeout;
    private final long intervalNanos;
    private long nextStart;

    OdooThrottle(int maxConcurrentCalls, double callsPerSecond, Duration acquireTimeout) {
        this.maxConcurrentCalls = Math.max(1, maxConcurrentCalls);
        this.slots = new Semaphore(this.maxConcurrentCalls, true);
        this.acquireTimeout = acquireTimeout == null ? Duration.ofSeconds(30) : acquireTimeout;
        this.intervalNanos = callsPerSecond > 0 ? (long) (1_000_000_000L / callsPerSecond) : 0;
        this.nextStart = System.nanoTime();
    }

    static OdooThrottle of(OdooProperties properties) {
        return new OdooThrottle(properties.maxConcurrentCalls(), properties.callsPerSecond(), properties.acquireTimeout());
    }

    <T> T run(String what, Supplier<T> call) {
        try {
            if (!slots.tryAcquire(acquireTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new OdooTransportException(what + ": all " + maxConcurrentCalls
                        + " Odoo call slots stayed busy for " + acquireTimeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooTransportException(what + ": interrupted while waiting for an Odoo call slot", e);
        }
        try {
            pace(what);
            return call.get();
        } finally {
            slots.release();
        }
    }

    int available() {
        return slots.availablePermits();
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
