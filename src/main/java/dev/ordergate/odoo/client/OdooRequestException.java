package dev.ordergate.odoo.client;

/** Odoo could not make sense of a well-formed call (unknown field, method or service, wrong arguments): our bug. */
public final class OdooRequestException extends OdooException {

    public OdooRequestException(String message, String odooError) {
        super(message, odooError, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
