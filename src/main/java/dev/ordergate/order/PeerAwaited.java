package dev.ordergate.order;

import java.time.Duration;

/**
 * A call failed because of the peer's state, not the order's: the peer cannot be reached, or it refuses Ordergate's
 * own credentials. Every order calling it fails the same way until the peer (or its operator) is back, so the job
 * waits {@link #waitFor()} for the peer without spending one of its retries, and nothing becomes an incident.
 */
public interface PeerAwaited {

    /** The peer's client name ({@code odoo}, {@code odoo-json2}, {@code credit}, ...). */
    String peer();

    /** When to try again: the peer may be back by then. */
    Duration waitFor();
}
