package dev.ordergate.odoo.client;

import dev.ordergate.order.PeerAwaited;
import java.time.Duration;

/**
 * Odoo refused our credentials or our user's rights: a configuration problem, not cured by retrying. A refused login
 * is awaited like an outage ({@link PeerAwaited}) once {@link OdooClient} has reported it: every order fails the same
 * way until an operator replaces the key, so jobs wait without spending their retries and go on by themselves.
 */
public final class OdooAccessException extends OdooException implements PeerAwaited {

    private volatile Duration waitFor;

    public OdooAccessException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    public boolean isLoginRefused() {
        return odooError() == null || "odoo.exceptions.AccessDenied".equals(odooError());
    }

    /** Marks a refused login as awaited: the job tries again after {@code wait}, keeping its retries. */
    public OdooAccessException awaited(Duration wait) {
        this.waitFor = isLoginRefused() ? wait : null;
        return this;
    }

    @Override
    public String peer() {
        return "odoo";
    }

    /** Null for a missing right (a person must grant it; the job's retries and then an incident show it). */
    @Override
    public Duration waitFor() {
        return waitFor;
    }
}
