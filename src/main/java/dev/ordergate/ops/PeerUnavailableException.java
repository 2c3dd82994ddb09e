package dev.ordergate.ops;

import java.io.IOException;
import dev.ordergate.order.PeerAwaited;
import java.time.Duration;

/**
 * A call that did not reach a working peer: its circuit is open, its bulkhead is full, it could not be connected to,
 * or it (or the proxy in front of it) said it is unavailable (HTTP 502, 503, 504). An {@link IOException} on purpose:
 * Feign turns it into the same {@code RetryableException} as a refused connection, so every adapter maps it as a
 * technical failure and nothing falls back silently. {@link WaitForPeers} lets the job wait {@link #waitFor()} for
 * the peer instead of spending one of its retries: the peer is the one failing, not the order.
 */
class PeerUnavailableException extends IOException implements PeerAwaited {

    private final String peer;
    private final Duration waitFor;

    PeerUnavailableException(String peer, String message, Duration waitFor, Throwable cause) {
        super(message, cause);
        this.peer = peer;
        this.waitFor = waitFor;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public Duration waitFor() {
        return waitFor;
    }
}
