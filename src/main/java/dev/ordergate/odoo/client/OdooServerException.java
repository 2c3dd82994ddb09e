package dev.ordergate.odoo.client;

/** Odoo failed on its side (a database error); transient ones, such as serialization failures, are worth retrying. */
public final class OdooServerException extends OdooException {

    private final boolean retryable;

    public OdooServerException(String message, String odooError, boolean retryable) {
        super(message, odooError, null);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
