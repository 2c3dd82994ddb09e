package dev.ordergate.odoo.client;

/**
 * Odoo could not be reached or answered with a 5xx, a timeout or a reset. The call may or may not have
 * taken effect, so callers retry only what is idempotent (our adapters search before they create).
 */
public final class OdooTransportException extends OdooException {

    public OdooTransportException(String message, Throwable cause) {
        super(message, null, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
