package dev.ordergate.odoo;

/** Odoo failed on its side (a database error); transient ones, such as serialization failures, are worth retrying. */
final class OdooServerException extends OdooException {

    private final boolean retryable;

    OdooServerException(String message, String odooError, boolean retryable) {
        super(message, odooError, null);
        this.retryable = retryable;
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
